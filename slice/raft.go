package slice

import (
	"math"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
	"github.com/usinette/usinette/internal/scanline"
)

// A raft, as PrusaSlicer 2.5 builds it with one extruder: raft_layers
// layers of support material under the model, of which the lower half
// (rounded down) are base layers and the rest interface layers, the top one
// the contact layer.
//
//   - heights: the first raft layer is first_layer_height thick, the others
//     max(layer_height, 0.75 · nozzle) (PrusaSlicer's raft layer height for
//     a non-soluble support); with one raft layer it is the contact layer;
//   - the model's first layer is layer_height thick (first_layer_height is
//     the raft's) and starts raft_contact_distance above the contact
//     layer's top, so it peels off;
//   - footprint: the model's first layer grown by raft_expansion; the first
//     raft layer reaches raft_first_layer_expansion further, is outlined by
//     a loop and filled at raft_first_layer_density with first-layer width;
//   - base layers are lines support_material_spacing apart, interface
//     layers dense (support_material_interface_spacing), crossing at 90°
//     layer to layer, typed as PrusaSlicer types them (Support material,
//     Support material interface).
//
// The raft's layers have no section (their slice planes lie below the
// model), so every model stage skips them; their paths go in the layers'
// support lists, printed after the skirt.

// raftReach is how far (mm) the centres of the raft's lines above its
// first layer reach past the model's first layer grown by raft_expansion,
// as measured on PrusaSlicer 2.5's rafts with raft_expansion 1.5: a 20 mm
// cube gets contact-layer lines out to 1.5–2.0 mm from its sides (the line
// ends alternate) and 2.03 mm on the layers below; a 10 mm square stem
// 1.92 and 2.42 mm. These sit between the two.
const (
	raftReach      = 0.4
	raftReachBelow = 0.75
)

// raftHeight is the thickness of the raft's layers above the first.
func (c *Config) raftHeight() float64 {
	return max(c.LayerHeight, 0.75*c.NozzleDiameter)
}

// raftLayout returns the tops and thicknesses of the raft's layers and of
// the model's (lifted onto the raft) for a model of the given height, and
// how far the model is lifted: its slice planes are the layers' mid-heights
// less that lift.
func raftLayout(cfg Config, top float64) (zs, hs []float64, lift float64) {
	n := cfg.RaftLayers
	z := cfg.FirstLayerHeight
	zs, hs = append(zs, z), append(hs, cfg.FirstLayerHeight)
	for k := 1; k < n; k++ {
		z += cfg.raftHeight()
		zs, hs = append(zs, z), append(hs, cfg.raftHeight())
	}
	lift = z + cfg.RaftContactDistance
	m := cfg
	m.FirstLayerHeight = cfg.LayerHeight
	mz, mh := layerHeights(m, top)
	for k := range mz {
		zs, hs = append(zs, mz[k]+lift), append(hs, mh[k])
	}
	return zs, hs, lift
}

// raft plans the raft's layers under the model's first layer (layer
// s.base), with the support material standing on that layer's height.
func (s *slicer) raft() {
	R := s.base
	if R == 0 || R >= len(s.layers) {
		return
	}
	cfg := &s.cfg
	foot := s.layers[R].region
	if sup := s.raftSupport; len(sup) > 0 {
		foot = clip.UnionPolys(foot, sup)
	}
	if len(foot) == 0 {
		return
	}
	// holes stay (narrowed by the expansion), as in PrusaSlicer's raft
	grown := clip.Offset(clip.UnionPolys(foot), cfg.RaftExpansion*um, clip.Round)
	// the lines' centres reach raftReach past it, as PrusaSlicer's do
	contact := clip.Offset(grown, raftReach*um, clip.Miter)
	lines := clip.Offset(grown, raftReachBelow*um, clip.Miter)
	nBase := R / 2
	for j := 0; j < R; j++ {
		L := &s.layers[j]
		h := L.height
		var out []Extrusion
		switch {
		case j == 0 && R > 1:
			// the first layer: a loop round a wider slab, dense lines
			w := cfg.FirstLayerW
			sp := Spacing(w, h)
			area := clip.Offset(lines, cfg.RaftFirstLayerExpansion*um, clip.Round)
			s.raftFirst = area
			loop := clip.Offset(area, -w*um/2, clip.Miter)
			for _, r := range clip.Rings(loop) {
				out = append(out, Extrusion{Role: SupportMaterial, Width: w, Points: seamRotate(r, s.seamRef), Closed: true})
			}
			inner := clip.Offset(loop, -sp*um, clip.Miter)
			out = s.raftLines(out, SupportMaterial, inner, w, sp/cfg.RaftFirstLayerDensity, cfg.SupportAngle*math.Pi/180)
		case j < nBase:
			// base layers: sparse lines, held at their ends by a loop
			// round the edge (PrusaSlicer's run along the edge between
			// lines)
			w := cfg.SupportWidth
			for _, r := range clip.Rings(lines) {
				out = append(out, Extrusion{Role: SupportMaterial, Width: w, Points: seamRotate(r, s.seamRef), Closed: true})
			}
			out = s.raftLines(out, SupportMaterial, clip.Offset(lines, -Spacing(w, h)*um, clip.Miter), w,
				cfg.SupportSpacing+Spacing(w, h), (cfg.SupportAngle+90*float64(j%2))*math.Pi/180)
		default:
			// interface layers, the contact one last, each across the last
			w := cfg.SupportWidth
			if j == 0 {
				w = cfg.FirstLayerW
			}
			area := lines
			if j == R-1 {
				area = contact
			}
			out = s.raftLines(out, SupportMaterialInterface, area, w,
				cfg.SupportInterfaceSpacing+Spacing(w, h), (cfg.SupportAngle+90*float64((j+1)%2))*math.Pi/180)
		}
		L.support = out
	}
	if R == 1 {
		s.raftFirst = clip.Offset(contact, cfg.FirstLayerW*um/2, clip.Miter)
	}
}

// raftLines appends to out the lines filling area (centre lines) pitch mm
// apart at angle a (radians), linked into zigzags where the link stays in
// the area.
func (s *slicer) raftLines(out []Extrusion, role Role, area []geom.Polygon, w, pitch, a float64) []Extrusion {
	if len(area) == 0 {
		return out
	}
	pos := s.seamRef
	if n := len(out); n > 0 {
		pos = endOf(out[n-1])
	}
	segs := scanline.Lines(clip.Rings(area), a, int64(pitch*um), 0)
	for _, l := range linkSegments(segs, clip.Offset(area, w*um/2, clip.Miter), pitch*um, pos) {
		out = append(out, Extrusion{Role: role, Width: w, Points: l})
	}
	return out
}

// overRaftSpeed is roleSpeed for the model's first layer on a raft:
// first_layer_speed_over_raft for every extrusion, as PrusaSlicer prints
// it, within the volumetric limit.
func (c *Config) overRaftSpeed(e *Extrusion, _ bool, height float64) float64 {
	v := c.FirstLayerSpeedOverRaft
	if c.MaxVolumetricSpeed > 0 {
		v = min(v, c.MaxVolumetricSpeed/LineArea(e.Width, height))
	}
	return v
}
