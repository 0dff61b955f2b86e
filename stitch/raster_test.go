package stitch

import (
	"math"
	"sort"

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
	rs.fill = make([]bool, rs.w*rs.h)
	rs.thread = make([]bool, rs.w*rs.h)
	type xing struct {
		x float64
		w int
	}
	for j := 0; j < rs.h; j++ {
		y := rs.y0 + (float64(j)+0.5)*rasterCell
		var xs []xing
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
				rs.fill[j*rs.w+i] = true
			}
		}
	}
	// near: within tol of the inside (dilation by stamping discs on the
	// boundary cells).
	rs.near = append([]bool(nil), rs.fill...)
	r := int(math.Ceil(tol / rasterCell))
	for j := 0; j < rs.h; j++ {
		for i := 0; i < rs.w; i++ {
			if !rs.fill[j*rs.w+i] || !rs.boundary(i, j) {
				continue
			}
			for dj := -r; dj <= r; dj++ {
				for di := -r; di <= r; di++ {
					if float64(di*di+dj*dj)*rasterCell*rasterCell > tol*tol {
						continue
					}
					ii, jj := i+di, j+dj
					if ii >= 0 && jj >= 0 && ii < rs.w && jj < rs.h {
						rs.near[jj*rs.w+ii] = true
					}
				}
			}
		}
	}
	return rs
}

func (rs *raster) boundary(i, j int) bool {
	for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
		ii, jj := i+d[0], j+d[1]
		if ii < 0 || jj < 0 || ii >= rs.w || jj >= rs.h || !rs.fill[jj*rs.w+ii] {
			return true
		}
	}
	return false
}

func windingInside(rings [][]pt, rule vector.FillRule, p pt) bool {
	wind := 0
	for _, r := range rings {
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			if (a.Y <= p.Y) != (b.Y <= p.Y) {
				x := a.X + (p.Y-a.Y)*(b.X-a.X)/(b.Y-a.Y)
				if x > p.X {
					if b.Y > a.Y {
						wind++
					} else {
						wind--
					}
				}
			}
		}
	}
	if rule == vector.EvenOdd {
		return wind%2 != 0
	}
	return wind != 0
}

// segment draws a thread from a to b.
func (rs *raster) segment(a, b pt) {
	minX := math.Min(a.X, b.X) - threadRadius
	maxX := math.Max(a.X, b.X) + threadRadius
	minY := math.Min(a.Y, b.Y) - threadRadius
	maxY := math.Max(a.Y, b.Y) + threadRadius
	i0 := max(int((minX-rs.x0)/rasterCell), 0)
	i1 := min(int((maxX-rs.x0)/rasterCell)+1, rs.w-1)
	j0 := max(int((minY-rs.y0)/rasterCell), 0)
	j1 := min(int((maxY-rs.y0)/rasterCell)+1, rs.h-1)
	for j := j0; j <= j1; j++ {
		y := rs.y0 + (float64(j)+0.5)*rasterCell
		for i := i0; i <= i1; i++ {
			x := rs.x0 + (float64(i)+0.5)*rasterCell
			if segDist(pt{X: x, Y: y}, a, b) <= threadRadius {
				rs.thread[j*rs.w+i] = true
			}
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
