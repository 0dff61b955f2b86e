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
	var area []geom.Polygon
	switch cfg.IroningType {
	case IroningTopmost:
		if i == len(s.layers)-1 {
			area = is.top
		}
	case IroningSolid:
		area = clip.UnionPolys(is.top, is.solid)
	default:
		area = is.top
	}
	if len(area) == 0 || cfg.IroningFlowrate <= 0 {
		return paths
	}
	// from the infill's area out over the perimeters, to the external
	// perimeter's centre line
	ext, _, _, _, _ := s.widths(i)
	out := clip.Offset([]geom.Polygon{is.poly}, -ext*um/2, clip.Miter)
	area = clip.Intersect(clip.Offset(area, s.fillInset(), clip.Miter), out)
	if cfg.IroningType != IroningSolid && i+1 < len(s.layers) {
		// the top solid infill reaches a few mm under the layer above
		// (the shell's ring); only the open surface is ironed. The next
		// layer's section is still there: it is dropped once that layer
		// is finished, after this one.
		area = clip.Diff(area, s.layers[i+1].region)
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
