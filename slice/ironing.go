package slice

import (
	"math"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
	"github.com/usinette/usinette/internal/scanline"
)

// Ironing, as PrusaSlicer 2.5 does it: after an island's extrusions, the
// nozzle passes again over its top surface (ironing_type top; topmost:
// only on the model's last layer; solid: over every solid surface),
// lines ironing_spacing apart at ironing_speed, at 45° to the solid
// infill's fill_angle, laying ironing_flowrate of a layer: per mm of line,
// flowrate · layer height · spacing mm³. The surface is ironed out to the
// external perimeter's centre line, perimeters included, as PrusaSlicer's
// is (its lines reach 0.25 mm from a cube's sides).

// ironWidth is the width an ironing line is given so that the emitter's
// cross-section model (LineArea, narrower than tall: π·w·h/4) lays
// flowrate · h · spacing mm³ per mm, whatever the layer height.
func (c *Config) ironWidth() float64 {
	return 4 * c.IroningFlowrate * c.IroningSpacing / math.Pi
}

// iron appends to an island's paths the ironing of its surfaces on layer
// i, starting from where the paths end.
func (s *slicer) iron(i int, is *island, paths []Extrusion) []Extrusion {
	cfg := &s.cfg
	if cfg.IroningFlowrate <= 0 || cfg.IroningType == IroningTopmost && i != len(s.layers)-1 {
		return paths
	}
	// out to the external perimeter's centre line
	ext, _, _, _, _ := s.widths(i)
	out := clip.Offset([]geom.Polygon{is.poly}, -ext*um/2, clip.Miter)
	var area []geom.Polygon
	if cfg.IroningType == IroningSolid {
		// the solid infill's areas, out over the perimeters
		area = clip.UnionPolys(is.top, is.solid)
		if len(area) == 0 {
			return paths
		}
		area = clip.Intersect(clip.Offset(area, s.fillInset(), clip.Miter), out)
	} else {
		// the open surface (what the layer above does not cover),
		// perimeters included, as PrusaSlicer irons it (the top solid
		// infill reaches a few mm further, under the layer above: not
		// ironed). The next layer's section is still there: it is
		// dropped once that layer is finished, after this one.
		area = out
		if i+1 < len(s.layers) {
			// a slope's open rings narrower than ironOpen are not ironed
			area = clip.Opening(clip.Diff(out, s.layers[i+1].region), ironOpen*um/2)
			if len(area) == 0 {
				return paths
			}
		}
	}
	area = dropSmall(area, cfg.IroningSpacing*cfg.IroningSpacing*4)
	if len(area) == 0 {
		return paths
	}
	pitch := cfg.IroningSpacing * um
	a := (cfg.FillAngle + 135) * math.Pi / 180
	segs := scanline.Lines(clip.Rings(area), a, int64(pitch), 0)
	pos := s.seamRef
	if n := len(paths); n > 0 {
		pos = endOf(paths[n-1])
	}
	w := cfg.ironWidth()
	for _, l := range linkSegments(segs, clip.Offset(area, pitch/2, clip.Miter), pitch, pos) {
		paths = append(paths, Extrusion{Role: Ironing, Width: w, Points: l})
	}
	return paths
}

// ironOpen is the narrowest open ring (mm) of a slope that is ironed,
// fitted on PrusaSlicer 2.5's dome (the corpus sphere: it irons 206 mm² on
// 17 layers; 0.15 gives 193 mm² on 13, 0.1 gives 226 mm² on 16).
const ironOpen = 0.15
