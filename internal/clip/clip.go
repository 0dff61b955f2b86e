package clip

import (
	"slices"

	"github.com/usinette/usinette/geom"
)

// FillRule decides which points a set of rings covers.
type FillRule uint8

const (
	NonZero  FillRule = iota // winding number not zero (the slicer's rule)
	EvenOdd                  // odd winding number
	Positive                 // winding number above zero
)

// Op is a boolean operation.
type Op uint8

const (
	Union Op = iota
	Intersection
	Difference
	Xor
)

// Join is how offset corners are filled.
type Join uint8

const (
	Round  Join = iota // arcs (within ArcTolerance)
	Miter              // sharp corners, limited to 3× the offset
	Square             // corners cut square
)

// ArcTolerance is the largest deviation, in µm, of round joins from a true arc.
const ArcTolerance = 5

// Engine performs the operations. Implementations must be safe for
// concurrent use.
type Engine interface {
	// Boolean applies op to subject and clip rings (both under rule).
	Boolean(op Op, subject, clip []geom.Path, rule FillRule) []geom.Polygon
	// Offset grows (delta > 0) or shrinks (delta < 0) closed rings by delta µm.
	Offset(rings []geom.Path, delta float64, join Join) []geom.Polygon
	// ClipLines returns the parts of open polylines inside the region
	// formed by clip rings (non-zero).
	ClipLines(lines []geom.Path, clip []geom.Path) []geom.Path
}

// Default is the engine the package functions use.
func Default() Engine { return Sweep{} }

// Rings flattens polygons into their rings (outers CCW, holes CW), the form
// the engines take as input.
func Rings(polys []geom.Polygon) []geom.Path {
	n := 0
	for _, p := range polys {
		n += 1 + len(p.Holes)
	}
	out := make([]geom.Path, 0, n)
	for _, p := range polys {
		out = append(out, p.Outer)
		out = append(out, p.Holes...)
	}
	return out
}

// UnionRings is the union of rings under rule.
func UnionRings(rings []geom.Path, rule FillRule) []geom.Polygon {
	return Sweep{}.Boolean(Union, rings, nil, rule)
}

// UnionPolys merges polygons (which may overlap).
func UnionPolys(polys ...[]geom.Polygon) []geom.Polygon {
	var rings []geom.Path
	for _, p := range polys {
		rings = append(rings, Rings(p)...)
	}
	return UnionRings(rings, NonZero)
}

// Diff is a minus b.
func Diff(a, b []geom.Polygon) []geom.Polygon {
	if len(a) == 0 {
		return nil
	}
	if len(b) == 0 {
		return a
	}
	return Sweep{}.Boolean(Difference, Rings(a), Rings(b), NonZero)
}

// Intersect is a ∩ b.
func Intersect(a, b []geom.Polygon) []geom.Polygon {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	return Sweep{}.Boolean(Intersection, Rings(a), Rings(b), NonZero)
}

// Offset grows (delta > 0) or shrinks (delta < 0) polygons by delta µm.
func Offset(polys []geom.Polygon, delta float64, join Join) []geom.Polygon {
	if len(polys) == 0 {
		return nil
	}
	return Sweep{}.Offset(Rings(polys), delta, join)
}

// DiffOffset is a minus b offset by delta, Diff(a, Offset(b, delta, join)),
// in one sweep: b's raw offset rings go in as the clip under the Positive
// rule (which is what makes them an offset), a's rings as the subject (a
// polygon set has winding 0 or 1, the same under either rule).
func DiffOffset(a, b []geom.Polygon, delta float64, join Join) []geom.Polygon {
	if len(a) == 0 {
		return nil
	}
	if len(b) == 0 {
		return a
	}
	s := getSweeper()
	defer putSweeper(s)
	s.reset(Difference, Positive)
	s.addRings(Rings(a), 0)
	s.off.init(delta, join)
	for _, q := range b {
		for k := -1; k < len(q.Holes); k++ {
			r := q.Outer
			if k >= 0 {
				r = q.Holes[k]
			}
			if pts := s.off.ring(r); len(pts) >= 3 {
				s.addRing(pts, 1)
			}
		}
	}
	return s.result()
}

// Opening shrinks by d then grows by d: it removes every part narrower than
// 2d and keeps the rest (corners rounded).
func Opening(polys []geom.Polygon, d float64) []geom.Polygon {
	return Offset(Offset(polys, -d, Miter), d, Miter)
}

// ClipLines keeps the parts of polylines inside the region.
func ClipLines(lines []geom.Path, region []geom.Polygon) []geom.Path {
	if len(region) == 0 {
		return nil
	}
	return InsideLines(lines, Rings(region))
}

// UnionChunked is UnionRings for many rings. Rings whose bounding boxes
// touch or overlap (transitively) form a group — a hole always falls in its
// outer ring's group, whatever the orientations — and groups never interact,
// so batches of whole groups of about chunk rings are unioned separately and
// their results concatenated. The result covers exactly what UnionRings's
// does; only the order of the polygons may differ.
func UnionChunked(rings []geom.Path, rule FillRule, chunk int) []geom.Polygon {
	if chunk <= 0 || len(rings) <= chunk {
		return UnionRings(rings, rule)
	}
	n := len(rings)
	boxes := make([]geom.Rect, n)
	order := make([]int, n)
	for i, r := range rings {
		boxes[i] = r.Bounds()
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case boxes[a].Min.X < boxes[b].Min.X:
			return -1
		case boxes[a].Min.X > boxes[b].Min.X:
			return 1
		}
		return 0
	})
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	var active []int
	for _, i := range order {
		b := boxes[i]
		keep := active[:0]
		for _, j := range active {
			if boxes[j].Max.X < b.Min.X {
				continue // ends before this one starts: never overlaps again
			}
			keep = append(keep, j)
			if boxes[j].Overlaps(b) {
				parent[find(i)] = find(j)
			}
		}
		active = append(keep, i)
	}
	groups := map[int][]int{}
	var roots []int
	for _, i := range order {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	var out []geom.Polygon
	var batch []geom.Path
	flush := func() {
		if len(batch) > 0 {
			out = append(out, UnionRings(batch, rule)...)
			batch = batch[:0]
		}
	}
	for _, r := range roots {
		for _, i := range groups[r] {
			batch = append(batch, rings[i])
		}
		if len(batch) >= chunk {
			flush()
		}
	}
	flush()
	return out
}
