package stitch

import (
	"math"
	"sort"
	"testing"

	"github.com/usinette/usinette/vector"
)

// A coverage raster: the fill's area and the thread's area on a fine grid,
// to measure how much of a fill the stitches cover and how much thread
// lies outside it. Independent of the planner: it rasterises the shape's
// own subpaths with its fill rule, and the thread as capsules around every
// sewn segment.

const (
	rasterCell   = 0.05 // mm
	threadRadius = 0.2  // a 0.4 mm thread
)

type raster struct {
	x0, y0 float64
	w, h   int
	fill   []bool // inside the shape
	near   []bool // within the tolerance of the shape
	thread []bool
}

// newRaster covers the shape's box grown by margin.
func newRaster(rings [][]pt, rule vector.FillRule, margin, tol float64) *raster {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, r := range rings {
		for _, q := range r {
			minX, minY = math.Min(minX, q.X), math.Min(minY, q.Y)
			maxX, maxY = math.Max(maxX, q.X), math.Max(maxY, q.Y)
		}
	}
	rs := &raster{x0: minX - margin, y0: minY - margin}
	rs.w = int((maxX-minX+2*margin)/rasterCell) + 1
	rs.h = int((maxY-minY+2*margin)/rasterCell) + 1
	rs.thread = make([]bool, rs.w*rs.h)
	rs.fill = rs.scan(rings, rule)
	// near: inside the outline grown by tol (Clipper's round offset).
	rs.near = rs.scan(cleanRegion(rings, rule, tol), vector.EvenOdd)
	return rs
}

// scan rasterises rings by the fill rule: cells whose centre is inside.
func (rs *raster) scan(rings [][]pt, rule vector.FillRule) []bool {
	out := make([]bool, rs.w*rs.h)
	type xing struct {
		x float64
		w int
	}
	var xs []xing
	for j := 0; j < rs.h; j++ {
		y := rs.y0 + (float64(j)+0.5)*rasterCell
		xs = xs[:0]
		for _, r := range rings {
			for i := range r {
				a, b := r[i], r[(i+1)%len(r)]
				if (a.Y <= y) != (b.Y <= y) {
					w := -1
					if b.Y > a.Y {
						w = 1
					}
					xs = append(xs, xing{a.X + (y-a.Y)*(b.X-a.X)/(b.Y-a.Y), w})
				}
			}
		}
		sort.Slice(xs, func(a, b int) bool { return xs[a].x < xs[b].x })
		wind := 0
		for k := 0; k+1 < len(xs); k++ {
			wind += xs[k].w
			in := wind != 0
			if rule == vector.EvenOdd {
				in = (k+1)%2 == 1
			}
			if !in {
				continue
			}
			i0 := int(math.Ceil((xs[k].x-rs.x0)/rasterCell - 0.5))
			i1 := int(math.Floor((xs[k+1].x-rs.x0)/rasterCell - 0.5))
			for i := max(i0, 0); i <= min(i1, rs.w-1); i++ {
				out[j*rs.w+i] = true
			}
		}
	}
	return out
}

// segment draws a thread from a to b: the cells whose centre lies within
// the thread's radius of the segment. The capsule is convex, so each raster
// row meets it in one interval: the hull of the row's intersections with
// the two end discs and the band between them.
func (rs *raster) segment(a, b pt) {
	r := threadRadius
	j0 := max(int(math.Floor((math.Min(a.Y, b.Y)-r-rs.y0)/rasterCell-0.5)), 0)
	j1 := min(int(math.Ceil((math.Max(a.Y, b.Y)+r-rs.y0)/rasterCell-0.5)), rs.h-1)
	n := b.Sub(a).Unit().Perp().Scale(r)
	quad := [4]pt{a.Add(n), b.Add(n), b.Sub(n), a.Sub(n)}
	for j := j0; j <= j1; j++ {
		y := rs.y0 + (float64(j)+0.5)*rasterCell
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, c := range [2]pt{a, b} {
			if dy := y - c.Y; math.Abs(dy) <= r {
				h := math.Sqrt(r*r - dy*dy)
				lo, hi = math.Min(lo, c.X-h), math.Max(hi, c.X+h)
			}
		}
		if a != b {
			for k := 0; k < 4; k++ {
				p, q := quad[k], quad[(k+1)%4]
				if (p.Y <= y) != (q.Y <= y) {
					x := p.X + (y-p.Y)*(q.X-p.X)/(q.Y-p.Y)
					lo, hi = math.Min(lo, x), math.Max(hi, x)
				}
			}
		}
		if lo > hi {
			continue
		}
		i0 := max(int(math.Ceil((lo-rs.x0)/rasterCell-0.5)), 0)
		i1 := min(int(math.Floor((hi-rs.x0)/rasterCell-0.5)), rs.w-1)
		for i := i0; i <= i1; i++ {
			rs.thread[j*rs.w+i] = true
		}
	}
}

// records draws the sewn segments of records (page frame: dx, dy undo the
// hoop centring).
func (rs *raster) records(recs []Record, dx, dy float64) {
	var prev pt
	have := false
	for _, r := range recs {
		p := pt{X: r.X - dx, Y: r.Y - dy}
		switch r.Cmd {
		case Stitch:
			if have {
				rs.segment(prev, p)
			}
			prev, have = p, true
		case Jump:
			prev, have = p, true
		}
	}
}

// strayStitches counts the sewn segments that pass over a cell further
// than the tolerance outside the fill (sampled every half cell).
func (rs *raster) strayStitches(recs []Record, dx, dy float64) (n int, worst [2]pt) {
	var prev pt
	have := false
	for _, r := range recs {
		p := pt{X: r.X - dx, Y: r.Y - dy}
		if r.Cmd == Stitch && have {
			steps := int(prev.Dist(p)/(rasterCell/2)) + 1
			for k := 0; k <= steps; k++ {
				q := prev.Lerp(p, float64(k)/float64(steps))
				i := int((q.X - rs.x0) / rasterCell)
				j := int((q.Y - rs.y0) / rasterCell)
				if i < 0 || j < 0 || i >= rs.w || j >= rs.h || !rs.near[j*rs.w+i] {
					n++
					worst = [2]pt{prev, p}
					break
				}
			}
		}
		if r.Cmd == Stitch || r.Cmd == Jump {
			prev, have = p, true
		}
	}
	return n, worst
}

// coverage returns the share of the fill covered by thread and the share
// of the thread further than the tolerance outside the fill.
func (rs *raster) coverage() (covered, outside float64) {
	var nFill, nCov, nThread, nOut int
	for k := range rs.fill {
		if rs.fill[k] {
			nFill++
			if rs.thread[k] {
				nCov++
			}
		}
		if rs.thread[k] {
			nThread++
			if !rs.near[k] {
				nOut++
			}
		}
	}
	if nFill > 0 {
		covered = float64(nCov) / float64(nFill)
	}
	if nThread > 0 {
		outside = float64(nOut) / float64(nThread)
	}
	return covered, outside
}

// TestRasterSegment checks the interval rasteriser against the distance
// definition, and that the coverage measure fails a fill with rows missing.
func TestRasterSegment(t *testing.T) {
	rings := [][]pt{rectPath(0, 0, 10, 10).Points}
	for _, seg := range [][2]pt{{{X: 1, Y: 1}, {X: 8, Y: 3.3}}, {{X: 5, Y: 1}, {X: 5, Y: 9}}, {{X: 2, Y: 2}, {X: 2, Y: 2}}, {{X: 9, Y: 2}, {X: 1, Y: 2.01}}} {
		rs := newRaster(rings, vector.NonZero, 1, 0.5)
		rs.segment(seg[0], seg[1])
		for j := 0; j < rs.h; j++ {
			for i := 0; i < rs.w; i++ {
				c := pt{X: rs.x0 + (float64(i)+0.5)*rasterCell, Y: rs.y0 + (float64(j)+0.5)*rasterCell}
				d := c.SegDist(seg[0], seg[1])
				if got := rs.thread[j*rs.w+i]; got != (d <= threadRadius) && math.Abs(d-threadRadius) > 1e-9 {
					t.Fatalf("segment %v: cell %v at distance %.4f drawn=%v", seg, c, d, got)
				}
			}
		}
	}
	// Half the rows of a fill cover about half of it.
	rs := newRaster(rings, vector.NonZero, 1, 0.5)
	for y := 0.0; y < 5; y += 0.25 {
		rs.segment(pt{X: 0, Y: y}, pt{X: 10, Y: y})
	}
	if cov, out := rs.coverage(); cov > 0.55 || cov < 0.45 || out != 0 {
		t.Errorf("half filled: coverage %.3f outside %.3f", cov, out)
	}
	// A thread 1 mm outside counts as outside.
	rs.segment(pt{X: -0.9, Y: 0}, pt{X: -0.9, Y: 10})
	if _, out := rs.coverage(); out == 0 {
		t.Error("thread 0.9 mm outside not counted")
	}
}
