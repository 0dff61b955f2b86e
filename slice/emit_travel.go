package slice

import "github.com/usinette/usinette/internal/geom"

// islands indexes the outlines of a layer's islands (its closed external
// perimeter loops) so that a travel can be tested for leaving the material:
// a travel that stays inside one island needs neither retraction nor lift,
// which is what PrusaSlicer does with only_retract_when_crossing_perimeters.
//
// Segments are bucketed in horizontal bands; the tests are exact integer
// orientation tests.
type islands struct {
	segs  []segment
	y0    int64
	bands [][]int32
}

type segment struct{ a, b geom.Point }

const bandUM = 1000

func newIslands(paths []Extrusion) *islands {
	isl := &islands{}
	first := true
	var minY, maxY int64
	for i := range paths {
		e := &paths[i]
		if !e.Closed || len(e.Points) < 3 || (e.Role != ExternalPerimeter && e.Role != OverhangPerimeter) {
			continue
		}
		n := len(e.Points)
		for j := range n {
			a, b := e.Points[j], e.Points[(j+1)%n]
			if a == b {
				continue
			}
			isl.segs = append(isl.segs, segment{a, b})
			lo, hi := min(a.Y, b.Y), max(a.Y, b.Y)
			if first {
				minY, maxY, first = lo, hi, false
			}
			minY, maxY = min(minY, lo), max(maxY, hi)
		}
	}
	if len(isl.segs) == 0 {
		return isl
	}
	isl.y0 = minY
	isl.bands = make([][]int32, (maxY-minY)/bandUM+1)
	for i, s := range isl.segs {
		lo, hi := isl.band(min(s.a.Y, s.b.Y)), isl.band(max(s.a.Y, s.b.Y))
		for k := lo; k <= hi; k++ {
			isl.bands[k] = append(isl.bands[k], int32(i))
		}
	}
	return isl
}

func (isl *islands) band(y int64) int {
	k := int((y - isl.y0) / bandUM)
	if y < isl.y0 {
		k = -1
	}
	return k
}

func orient(a, b, c geom.Point) int64 {
	v := (b.X-a.X)*(c.Y-a.Y) - (b.Y-a.Y)*(c.X-a.X)
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// inside reports whether p is inside an island (non-zero winding).
func (isl *islands) inside(p geom.Point) bool {
	k := isl.band(p.Y)
	if k < 0 || k >= len(isl.bands) {
		return false
	}
	w := 0
	for _, i := range isl.bands[k] {
		s := isl.segs[i]
		if s.a.Y <= p.Y {
			if s.b.Y > p.Y && orient(s.a, s.b, p) > 0 {
				w++
			}
		} else if s.b.Y <= p.Y && orient(s.a, s.b, p) < 0 {
			w--
		}
	}
	return w != 0
}

// crosses reports whether the segment a-b properly crosses an island outline.
func (isl *islands) crosses(a, b geom.Point) bool {
	lo, hi := isl.band(min(a.Y, b.Y)), isl.band(max(a.Y, b.Y))
	lo, hi = max(lo, 0), min(hi, len(isl.bands)-1)
	minX, maxX := min(a.X, b.X), max(a.X, b.X)
	minY, maxY := min(a.Y, b.Y), max(a.Y, b.Y)
	for k := lo; k <= hi; k++ {
		for _, i := range isl.bands[k] {
			s := isl.segs[i]
			if max(s.a.X, s.b.X) < minX || min(s.a.X, s.b.X) > maxX ||
				max(s.a.Y, s.b.Y) < minY || min(s.a.Y, s.b.Y) > maxY {
				continue
			}
			if orient(a, b, s.a)*orient(a, b, s.b) < 0 && orient(s.a, s.b, a)*orient(s.a, s.b, b) < 0 {
				return true
			}
		}
	}
	return false
}

// staysInside reports whether the straight travel a-b stays within one
// island: it crosses no outline and the points along it are inside.
func (isl *islands) staysInside(a, b geom.Point) bool {
	if len(isl.segs) == 0 {
		return false
	}
	for _, t := range [...]int64{1, 2, 3} {
		p := geom.Point{X: a.X + (b.X-a.X)*t/4, Y: a.Y + (b.Y-a.Y)*t/4}
		if !isl.inside(p) {
			return false
		}
	}
	return !isl.crosses(a, b)
}
