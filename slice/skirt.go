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
	if len(s.layers) == 0 {
		return nil
	}
	first := s.layers[0].region
	if s.base > 0 {
		first = s.raftFirst // the skirt goes round the raft
	}
	if len(first) == 0 {
		return nil
	}
	w := s.cfg.FirstLayerW
	sp := Spacing(w, s.layers[0].height) * um
	outline := make([]geom.Polygon, 0, len(first))
	for _, p := range first {
		outline = append(outline, geom.Polygon{Outer: p.Outer})
	}
	var brim []Extrusion
	extent := outline
	if s.cfg.BrimWidth > 0 && s.cfg.BrimType != BrimNone {
		brim, extent = s.brim(first, outline, w, sp)
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

// brim plans the brim loops of the first layer (first its sections,
// outline their outer rings) as brim_type says: around the outlines
// (outer_only, the default), inside the holes (inner_only) or both. The
// loops start brim_separation mm from the first layer as printed, that is
// after the elephant-foot compensation, as PrusaSlicer measures it, and
// fill brim_width mm. It returns the loops in print order (outside in, so
// each leans on the one before) and what the skirt must go around.
func (s *slicer) brim(first, outline []geom.Polygon, w, sp float64) ([]Extrusion, []geom.Polygon) {
	start := (s.cfg.BrimSeparation - s.cfg.ElefantFootComp) * um
	n := max(int((s.cfg.BrimWidth*um-w*um/2)/sp), 1)
	outer := s.cfg.BrimType != BrimInnerOnly
	inner := s.cfg.BrimType == BrimInnerOnly || s.cfg.BrimType == BrimOuterAndInner
	var brim []Extrusion
	extent := outline
	add := func(rings []geom.Path, ccw bool) {
		for _, r := range rings {
			if r.CCW() == ccw {
				brim = append(brim, Extrusion{Role: Skirt, Width: w, Points: seamRotate(r, s.seamRef), Closed: true})
			}
		}
	}
	if outer {
		var loops [][]geom.Path
		for k := 0; k < n; k++ {
			ring := clip.Offset(outline, start+w*um/2+float64(k)*sp, clip.Round)
			loops = append(loops, clip.Rings(ring))
			extent = ring
		}
		// print from the outside in so each loop leans on the previous one
		for k := len(loops) - 1; k >= 0; k-- {
			add(loops[k], true) // the outer brim fills no holes
		}
		extent = clip.Offset(extent, w*um/2, clip.Round)
	}
	if inner {
		// the holes as areas, less the islands standing inside them and
		// the separation around every section
		var holes []geom.Polygon
		for _, p := range first {
			for _, h := range p.Holes {
				o := append(geom.Path(nil), h...)
				if !o.CCW() {
					o.Reverse()
				}
				holes = append(holes, geom.Polygon{Outer: o})
			}
		}
		if len(holes) > 0 {
			free := clip.Diff(holes, clip.Offset(first, start, clip.Round))
			var loops [][]geom.Path
			for k := 0; k < n; k++ {
				ring := clip.Offset(free, -(w*um/2 + float64(k)*sp), clip.Round)
				if len(ring) == 0 {
					break
				}
				loops = append(loops, clip.Rings(ring))
			}
			// from the middle of the hole out to its edge, so the brim
			// ends against the model as the outer one does
			for k := len(loops) - 1; k >= 0; k-- {
				add(loops[k], true)
			}
		}
	}
	return brim, extent
}
