package slice

import (
	"math"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
	"github.com/usinette/usinette/internal/scanline"
)

// Supports, as PrusaSlicer's "grid" style builds them for one extruder and
// non-soluble material:
//
//  1. overhangs: the part of each layer's section that sticks out past the
//     layer below by more than the threshold angle allows (a wall at
//     support_material_threshold degrees from the horizontal moves
//     layer_height / tan(threshold) per layer);
//  2. contact: each overhang is held by support whose top layer lies
//     support_material_contact_distance below the overhang's bottom (one
//     empty layer at 0.2 mm: the support peels off);
//  3. columns: from the top down, each layer's support is the union of the
//     support above and the new contacts, closed (grown then shrunk by
//     support_material_closing_radius), minus the model grown by
//     support_material_xy_spacing; with buildplate_only, only the columns
//     that reach the bed are kept;
//  4. the support_material_interface_layers layers under a contact are
//     printed dense (interface), the rest as lines
//     support_material_spacing apart, crossing at 90° on alternate layers
//     for the "rectilinear-grid" pattern.
//
// The supports' paths go first in each layer, after the skirt.

// supportLayer is one layer's support areas.
type supportLayer struct {
	base, iface []geom.Polygon
}

// supportThreshold is the angle from the horizontal (degrees) below which
// a surface needs support: the configured one, or with 0 (PrusaSlicer's
// "auto") what an extrusion width lets a line overhang, about 55°.
func (c *Config) supportThreshold() float64 {
	if c.SupportThreshold > 0 {
		return min(c.SupportThreshold, 89)
	}
	// a line can hang half its width past the one below it
	return math.Atan2(c.LayerHeight, c.ExternalPerimeterW/2) * 180 / math.Pi
}

// supportGapLayers is how many layers stay empty between the support's top
// and the overhang: the contact distance in layers, rounded.
func (c *Config) supportGapLayers() int {
	if c.LayerHeight <= 0 {
		return 0
	}
	return int(math.Round(c.SupportContactDistance / c.LayerHeight))
}

// supports computes every layer's support areas and paths from the
// sections (s.layers[i].region), before the bands of layers are filled.
func (s *slicer) supports() error {
	n := len(s.layers)
	if n < 2 {
		return nil
	}
	cfg := &s.cfg
	tanT := math.Tan(cfg.supportThreshold() * math.Pi / 180)
	w := cfg.SupportWidth
	if w <= 0 {
		w = cfg.ExtrusionWidth
	}
	// 1. overhangs, and the model grown by the XY distance, per layer
	over := make([][]geom.Polygon, n)
	keepOut := make([][]geom.Polygon, n)
	xy := cfg.SupportXYSpacing * um
	minArea := w * w * 4 // mm²: smaller overhangs print anyway
	err := s.parallel(n, func(_, i int) error {
		L := &s.layers[i]
		keepOut[i] = clip.Offset(L.region, xy, clip.Miter)
		if i == 0 {
			return nil
		}
		step := L.height / tanT * um
		below := clip.Offset(s.layers[i-1].region, step, clip.Miter)
		o := clip.Diff(L.region, below)
		// slivers thinner than a support line along sloped walls are the
		// threshold's rounding, not overhangs
		o = clip.Opening(o, w*um/2)
		over[i] = dropSmall(o, minArea)
		return nil
	})
	if err != nil {
		return err
	}
	// 2–3. columns, from the top down
	gap := cfg.supportGapLayers()
	areas := make([][]geom.Polygon, n)
	contact := make([][]geom.Polygon, n) // new contacts whose support top is layer j
	var cur []geom.Polygon
	for j := n - 2; j >= 0; j-- {
		if err := s.ctx.Err(); err != nil {
			return err
		}
		if k := j + 1 + gap; k < n && len(over[k]) > 0 {
			// a new contact stays out of the model in the gap layers
			// between it and its overhang too
			c := over[k]
			for g := j + 1; g < k; g++ {
				c = clip.Diff(c, keepOut[g])
			}
			contact[j] = c
			cur = clip.UnionPolys(cur, c)
			// the contacts of a slope are strips with the threshold's step
			// between them: closing them (PrusaSlicer's closing radius)
			// makes one area that lines cross instead of a comb of slivers
			if r := cfg.SupportClosingRadius * um; r > 0 {
				cur = clip.Offset(clip.Offset(cur, r, clip.Miter), -r, clip.Miter)
			}
		}
		if len(cur) == 0 {
			continue
		}
		cur = dropSmall(clip.Diff(cur, keepOut[j]), minArea)
		areas[j] = cur
	}
	if cfg.SupportBuildplateOnly {
		for j := 1; j < n; j++ {
			areas[j] = clip.Intersect(areas[j], areas[j-1])
		}
	}
	if s.base > 0 && s.base < n {
		s.raftSupport = areas[s.base] // the raft holds it (raft.go)
	}
	// 4. interface under the contacts, lines everywhere
	sup := make([]supportLayer, n)
	err = s.parallel(n, func(_, j int) error {
		if len(areas[j]) == 0 {
			return nil
		}
		var top []geom.Polygon
		for k := j; k < min(n, j+cfg.SupportInterfaceLayers); k++ {
			top = append(top, contact[k]...)
		}
		if len(top) > 0 {
			sup[j].iface = clip.Intersect(areas[j], clip.UnionPolys(top))
			sup[j].base = clip.Diff(areas[j], sup[j].iface)
		} else {
			sup[j].base = areas[j]
		}
		s.layers[j].support = s.supportPaths(j, sup[j], w)
		return nil
	})
	return err
}

// supportPaths fills one layer's support areas with lines.
func (s *slicer) supportPaths(j int, sl supportLayer, w float64) []Extrusion {
	cfg := &s.cfg
	h := s.layers[j].height
	sp := Spacing(w, h)
	ang := cfg.SupportAngle * math.Pi / 180
	var out []Extrusion
	pos := s.seamRef
	add := func(role Role, area []geom.Polygon, a, pitch float64) {
		if len(area) == 0 {
			return
		}
		segs := scanline.Lines(clip.Rings(area), a, int64(pitch*um), 0)
		for _, l := range linkSegments(segs, clip.Offset(area, w*um/2, clip.Miter), pitch*um, pos) {
			out = append(out, Extrusion{Role: role, Width: w, Points: l})
			pos = l[len(l)-1]
		}
	}
	base := ang
	if cfg.SupportPattern == "rectilinear-grid" && j%2 == 1 {
		base += math.Pi / 2
	}
	add(SupportMaterial, sl.base, base, cfg.SupportSpacing+sp)
	// interface lines cross the base lines, and each other layer to layer
	add(SupportMaterialInterface, sl.iface, ang+math.Pi/2*float64(1-j%2), cfg.SupportInterfaceSpacing+sp)
	return out
}
