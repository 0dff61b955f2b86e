package slice

import (
	"slices"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
)

// convexHull returns the convex hull of pts, counter-clockwise (Andrew's
// monotone chain with exact orientation tests).
func convexHull(pts []geom.Point) geom.Path {
	p := slices.Clone(pts)
	slices.SortFunc(p, func(a, b geom.Point) int {
		if a.X != b.X {
			if a.X < b.X {
				return -1
			}
			return 1
		}
		if a.Y < b.Y {
			return -1
		} else if a.Y > b.Y {
			return 1
		}
		return 0
	})
	p = slices.Compact(p)
	if len(p) < 3 {
		return p
	}
	h := make(geom.Path, 0, 2*len(p))
	for _, q := range p {
		for len(h) >= 2 && geom.Orientation(h[len(h)-2], h[len(h)-1], q) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, q)
	}
	lo := len(h) + 1
	for k := len(p) - 2; k >= 0; k-- {
		q := p[k]
		for len(h) >= lo && geom.Orientation(h[len(h)-2], h[len(h)-1], q) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, q)
	}
	return h[:len(h)-1]
}

// skirtAndBrim plans the brim (BrimWidth mm of loops around the first
// layer's islands, first layer only) and the skirt (Skirts loops, more
// while they use less than MinSkirtLength mm of filament, SkirtDistance mm outside the first layer's
// outline or brim, on the first SkirtHeight layers). The result is indexed by
// layer.
func (s *slicer) skirtAndBrim() [][]Extrusion {
	if len(s.layers) == 0 || len(s.layers[0].region) == 0 {
		return nil
	}
	w := s.cfg.FirstLayerW
	sp := Spacing(w, s.layers[0].height) * um
	first := s.layers[0].region
	outline := make([]geom.Polygon, 0, len(first))
	for _, p := range first {
		outline = append(outline, geom.Polygon{Outer: p.Outer})
	}
	var brim []Extrusion
	extent := outline
	if s.cfg.BrimWidth > 0 {
		n := int((s.cfg.BrimWidth*um - w*um/2) / sp)
		n = max(n, 1)
		var loops [][]geom.Path
		for k := 0; k < n; k++ {
			ring := clip.Offset(outline, w*um/2+float64(k)*sp, clip.Round)
			loops = append(loops, clip.Rings(ring))
			extent = ring
		}
		// print from the outside in so each loop leans on the previous one
		for k := len(loops) - 1; k >= 0; k-- {
			for _, r := range loops[k] {
				if !r.CCW() {
					continue // brim fills holes only from the outside
				}
				brim = append(brim, Extrusion{Role: Skirt, Width: w, Points: seamRotate(r, s.seamRef), Closed: true})
			}
		}
		extent = clip.Offset(extent, w*um/2, clip.Round)
	}
	var skirt []Extrusion
	if s.cfg.Skirts > 0 && s.cfg.SkirtHeight > 0 {
		var pts []geom.Point
		for _, p := range extent {
			pts = append(pts, p.Outer...)
		}
		hull := convexHull(pts)
		if len(hull) >= 3 {
			// min_skirt_length is filament, as in PrusaSlicer: loops are
			// added until the first layer's skirt consumes that much
			ePerUM := s.cfg.EPerMM(w, s.layers[0].height) / um
			total := 0.0 // filament, mm
			for k := 0; k < s.cfg.Skirts || total < s.cfg.MinSkirtLength; k++ {
				ring := clip.Offset([]geom.Polygon{{Outer: hull}}, s.cfg.SkirtDistance*um+w*um/2+float64(k)*sp, clip.Round)
				if len(ring) == 0 || k > 1000 {
					break
				}
				r := seamRotate(ring[0].Outer, s.seamRef)
				total += r.Length(true) * ePerUM
				skirt = append(skirt, Extrusion{Role: Skirt, Width: w, Points: r, Closed: true})
			}
			// outermost first, ending next to the part
			slices.Reverse(skirt)
		}
	}
	out := make([][]Extrusion, max(1, min(s.cfg.SkirtHeight, len(s.layers))))
	for l := range out {
		out[l] = append(out[l], skirt...)
	}
	out[0] = append(out[0], brim...)
	return out
}
