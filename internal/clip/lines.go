package clip

import (
	"math"

	"github.com/usinette/usinette/geom"
)

// This file is the package's own line clipper: InsideLines keeps the parts of
// open polylines that lie inside a region of closed rings (non-zero rule). It
// replaces go.clipper for that job because go.clipper allocates one heap
// object per input edge, which made ClipLines about a tenth of all the bytes
// a slice allocated; this one allocates a handful of flat slices per call.
//
// # Exactness and the rule for degenerate cases
//
// Every decision is an exact integer orientation test. They are done in
// int64: with every coordinate in (-2^30, 2^30), differences fit in 31 bits,
// products of two differences in 62 bits and a cross product (the difference
// of two products) in 63 bits, so nothing overflows. Inputs outside that
// range (a kilometre; no print bed) go to go.clipper instead.
//
// Points exactly on a ring edge, polylines through ring vertices and segments
// running along edges are decided by symbolic perturbation: the polylines are
// treated as translated by the infinitesimal vector δ = (ε, ε²). After that
// translation nothing touches anything — no polyline vertex is on a ring
// edge's line, no ring vertex on a polyline segment, and overlapping collinear
// pieces become parallel — so every crossing is a proper one, each crossing
// belongs to exactly one segment (consecutive segments agree at their shared
// vertex), a polyline through a ring vertex crosses there once or not at all
// as the translated line says, and the winding number along a polyline is
// well defined everywhere. The crossing points output are the exact ones
// rounded to the nearest µm (the translation is infinitesimal).
//
// Concretely, a polyline point c exactly on the supporting line of a ring edge
// a→b (u = b−a) is on the edge's left if u.Y < 0, on its right if u.Y > 0, and
// for a horizontal edge on its left if u.X > 0; a ring vertex exactly on the
// line of a segment p→q (v = q−p) is on the segment's left if v.Y > 0, its
// right if v.Y < 0, and for a horizontal segment on its left if v.X < 0. The
// winding number at a polyline's first point under the same translation is
// exactly geom.Path.Winding's count (half-open in y, on-the-line points not
// counted), so geom's winding of a point is the side this clipper takes:
// a segment lying along the bottom edge of a counter-clockwise square is
// inside, along its top edge outside.

// coordLimit bounds the coordinates the int64 arithmetic is exact for.
const coordLimit = 1 << 30

// lineEdge is one directed ring edge.
type lineEdge struct{ a, b geom.Point }

// crossing is where a segment crosses a ring edge: its parameter along the
// segment and the change of winding number (+1 entering a counter-clockwise
// ring's interior from its right side).
type crossing struct {
	t  float64
	dw int32
}

// edgeGrid is a uniform grid over the ring edges' bounding box. Cell c holds
// the edges head[c]:head[c+1] of cell; every edge is listed in every cell its
// segment passes through (a little more, never less).
type edgeGrid struct {
	edges      []lineEdge
	minX, minY int64
	maxX, maxY int64
	nx, ny     int
	inv        float64 // 1 / cell size
	size       float64 // cell size, µm
	head       []int32
	cell       []int32
	stamp      []uint32 // per edge: the query that last tested it
	query      uint32
}

// ringEdges appends the non-degenerate edges of the closed rings to edges
// and returns them with the rings' box.
func ringEdges(rings []geom.Path, edges []lineEdge) ([]lineEdge, geom.Rect) {
	box := geom.EmptyRect()
	for _, r := range rings {
		if len(r) < 2 {
			continue
		}
		prev := r[len(r)-1]
		for _, q := range r {
			if q != prev {
				edges = append(edges, lineEdge{prev, q})
			}
			box = box.Add(q)
			prev = q
		}
	}
	return edges, box
}

// InsideLines returns the parts of the open polylines that lie inside the
// region the closed rings cover under the non-zero rule (any orientation,
// overlaps allowed). Each piece starts and ends at a crossing (rounded to the
// nearest µm) or at an end of its polyline and keeps the polyline's vertices
// in between; consecutive duplicate points are dropped, and so are pieces of
// fewer than two points. Pieces of one polyline come in its order, polylines
// in the input order. The result's paths share one backing array (capacity
// limited to each path). Safe for concurrent use.
//
// The arithmetic is exact for coordinates within ±2^30 µm (±1.07 km), far
// beyond any bed, hoop or cutter: rings reaching past that give no pieces,
// and lines reaching past it are first cut to the box of the rings.
func InsideLines(lines []geom.Path, rings []geom.Path) []geom.Path {
	if len(lines) == 0 || len(rings) == 0 {
		return nil
	}
	n := 0
	for _, r := range rings {
		if len(r) >= 2 {
			n += len(r)
		}
	}
	if n == 0 {
		return nil
	}
	edges, box := ringEdges(rings, make([]lineEdge, 0, n))
	if len(edges) == 0 || !inLimit(box) {
		return nil // see the doc: no region within reach
	}
	total := 0
	for _, l := range lines {
		if len(l) > 0 && !inLimit(l.Bounds()) {
			// the parts of a line far out cannot be inside the region
			// anyway, but its crossings would overflow: keep the
			// in-limit lines and clip each far one piece by piece
			return insideFar(lines, rings)
		}
		total += len(l)
	}
	var g edgeGrid
	g.build(edges, box, 2*float64(len(edges)))
	return g.clip(lines, total)
}

func inLimit(r geom.Rect) bool {
	return r.Min.X > -coordLimit && r.Min.Y > -coordLimit && r.Max.X < coordLimit && r.Max.Y < coordLimit
}

// build sizes the grid from the box and the target cell count (InsideLines:
// two per edge), square cells, and lists the edges per cell.
func (g *edgeGrid) build(edges []lineEdge, box geom.Rect, target float64) {
	g.edges = edges
	g.minX, g.minY, g.maxX, g.maxY = box.Min.X, box.Min.Y, box.Max.X, box.Max.Y
	w, h := float64(g.maxX-g.minX)+1, float64(g.maxY-g.minY)+1
	s := math.Sqrt(w * h / target)
	// no thinner than the box's short side over the cell count (a long
	// thin box still gets cells along it), no finer than a µm
	s = max(s, max(w, h)/target, 1)
	g.nx = min(int(w/s)+1, 4096)
	g.ny = min(int(h/s)+1, 4096)
	s = max(w/float64(g.nx), h/float64(g.ny))
	g.size, g.inv = s, 1/s
	nc := g.nx * g.ny
	g.head = make([]int32, nc+1)
	for _, e := range edges {
		g.visit(e.a, e.b, func(c int) { g.head[c]++ })
	}
	for c := 1; c <= nc; c++ {
		g.head[c] += g.head[c-1]
	}
	g.cell = make([]int32, g.head[nc])
	for i, e := range edges {
		g.visit(e.a, e.b, func(c int) {
			g.head[c]--
			g.cell[g.head[c]] = int32(i)
		})
	}
	g.stamp = make([]uint32, len(edges))
}

func (g *edgeGrid) col(x float64) int {
	c := int(math.Floor((x - float64(g.minX)) * g.inv))
	return max(0, min(c, g.nx-1))
}

func (g *edgeGrid) row(y float64) int {
	r := int(math.Floor((y - float64(g.minY)) * g.inv))
	return max(0, min(r, g.ny-1))
}

// visit calls f for every cell the segment a-b passes through, row by row,
// widened by a µm each side so that float rounding never misses a cell. The
// parts of the segment outside the box map to the border cells. It is used
// at build time only; queries use the inlined copy in crossings.
func (g *edgeGrid) visit(a, b geom.Point, f func(c int)) {
	r0, r1 := g.row(float64(min(a.Y, b.Y))), g.row(float64(max(a.Y, b.Y)))
	for r := r0; r <= r1; r++ {
		c0, c1 := g.rowSpan(a, b, r, r0, r1)
		base := r * g.nx
		for c := c0; c <= c1; c++ {
			f(base + c)
		}
	}
}

// rowSpan is the range of columns the segment a-b passes through in row r
// (r0, r1: its first and last rows).
func (g *edgeGrid) rowSpan(a, b geom.Point, r, r0, r1 int) (int, int) {
	if r0 == r1 || a.Y == b.Y {
		return g.col(float64(min(a.X, b.X)) - 1), g.col(float64(max(a.X, b.X)) + 1)
	}
	ylo := float64(g.minY) + float64(r)*g.size
	yhi := ylo + g.size
	ay, by := float64(a.Y), float64(b.Y)
	y0, y1 := min(ay, by), max(ay, by)
	if r == r0 {
		ylo = y0
	}
	if r == r1 {
		yhi = y1
	}
	ylo, yhi = max(ylo, y0), min(yhi, y1)
	k := float64(b.X-a.X) / (by - ay)
	x0 := float64(a.X) + (ylo-ay)*k
	x1 := float64(a.X) + (yhi-ay)*k
	return g.col(min(x0, x1) - 1), g.col(max(x0, x1) + 1)
}

// sideP is the side of point c, translated by δ, of the line through edge
// a→b: +1 left, -1 right, never 0 (a ≠ b).
func sideP(a, b, c geom.Point) int32 {
	ux, uy := b.X-a.X, b.Y-a.Y
	d := ux*(c.Y-a.Y) - uy*(c.X-a.X)
	switch {
	case d > 0:
		return 1
	case d < 0:
		return -1
	case uy < 0:
		return 1
	case uy > 0:
		return -1
	case ux > 0:
		return 1
	}
	return -1
}

// sideE is the side of ring vertex a of the segment p→q translated by δ:
// +1 left, -1 right, never 0 (p ≠ q).
func sideE(p, q, a geom.Point) int32 {
	vx, vy := q.X-p.X, q.Y-p.Y
	d := vx*(a.Y-p.Y) - vy*(a.X-p.X)
	switch {
	case d > 0:
		return 1
	case d < 0:
		return -1
	case vy > 0:
		return 1
	case vy < 0:
		return -1
	case vx < 0:
		return 1
	}
	return -1
}

// crossings appends to xs the crossings of segment p→q (p ≠ q) with the
// edges, unsorted.
func (g *edgeGrid) crossings(p, q geom.Point, xs []crossing) []crossing {
	if max(p.X, q.X) < g.minX || min(p.X, q.X) > g.maxX || max(p.Y, q.Y) < g.minY || min(p.Y, q.Y) > g.maxY {
		return xs
	}
	g.query++
	if g.query == 0 { // wrapped: old stamps could collide
		clear(g.stamp)
		g.query = 1
	}
	qid := g.query
	r0, r1 := g.row(float64(min(p.Y, q.Y))), g.row(float64(max(p.Y, q.Y)))
	for r := r0; r <= r1; r++ {
		c0, c1 := g.rowSpan(p, q, r, r0, r1)
		base := r * g.nx
		for c := base + c0; c <= base+c1; c++ {
			for _, ei := range g.cell[g.head[c]:g.head[c+1]] {
				if g.stamp[ei] == qid {
					continue
				}
				g.stamp[ei] = qid
				e := g.edges[ei]
				sp, sq := sideP(e.a, e.b, p), sideP(e.a, e.b, q)
				if sp == sq || sideE(p, q, e.a) == sideE(p, q, e.b) {
					continue
				}
				// cross(u, x−a) is linear along the segment: d1 at p, d2 at q
				ux, uy := e.b.X-e.a.X, e.b.Y-e.a.Y
				d1 := float64(ux*(p.Y-e.a.Y) - uy*(p.X-e.a.X))
				d2 := float64(ux*(q.Y-e.a.Y) - uy*(q.X-e.a.X))
				t := 0.0
				if d1 != d2 {
					t = min(max(d1/(d1-d2), 0), 1)
				}
				xs = append(xs, crossing{t, sq})
			}
		}
	}
	return xs
}

// winding is the winding number of the rings around p translated by δ:
// geom.Path.Winding's count over the edges right of p in its row.
func (g *edgeGrid) winding(p geom.Point) int {
	if p.Y < g.minY || p.Y >= g.maxY || p.X > g.maxX {
		return 0
	}
	g.query++
	if g.query == 0 {
		clear(g.stamp)
		g.query = 1
	}
	qid := g.query
	w := 0
	r := g.row(float64(p.Y))
	base := r * g.nx
	for c := base + g.col(float64(p.X)-1); c < base+g.nx; c++ {
		for _, ei := range g.cell[g.head[c]:g.head[c+1]] {
			if g.stamp[ei] == qid {
				continue
			}
			g.stamp[ei] = qid
			a, b := g.edges[ei].a, g.edges[ei].b
			if a.Y <= p.Y {
				if b.Y > p.Y && (b.X-a.X)*(p.Y-a.Y)-(b.Y-a.Y)*(p.X-a.X) > 0 {
					w++
				}
			} else if b.Y <= p.Y && (b.X-a.X)*(p.Y-a.Y)-(b.Y-a.Y)*(p.X-a.X) < 0 {
				w--
			}
		}
	}
	return w
}

// pieceOut collects the output pieces in one backing array.
type pieceOut struct {
	pts    geom.Path
	bounds []int32 // [start, end) pairs into pts
	start  int     // start of the open piece
	line   int     // polyline the last closed piece came from
}

func (o *pieceOut) add(q geom.Point) {
	if len(o.pts) > o.start && o.pts[len(o.pts)-1] == q {
		return
	}
	o.pts = append(o.pts, q)
}

// open starts a piece at q for polyline li; when the last piece closed at
// q on the same polyline (a touch, or crossings at one point processed
// out-and-in), it is reopened instead of starting a new one.
func (o *pieceOut) open(q geom.Point, li int) {
	if nb := len(o.bounds); nb > 0 && o.line == li && int(o.bounds[nb-1]) == len(o.pts) && o.pts[len(o.pts)-1] == q {
		o.start = int(o.bounds[nb-2])
		o.bounds = o.bounds[:nb-2]
		return
	}
	o.start = len(o.pts)
	o.pts = append(o.pts, q)
}

func (o *pieceOut) close(li int) {
	if len(o.pts)-o.start < 2 {
		o.pts = o.pts[:o.start]
		return
	}
	o.bounds = append(o.bounds, int32(o.start), int32(len(o.pts)))
	o.line = li
}

func roundPt(p geom.Point, vx, vy, t float64) geom.Point {
	return geom.Point{X: p.X + int64(math.Round(t*vx)), Y: p.Y + int64(math.Round(t*vy))}
}

// clip walks each polyline keeping the winding number along it.
func (g *edgeGrid) clip(lines []geom.Path, total int) []geom.Path {
	// a few pieces per polyline is the usual case; more grow the slice
	o := pieceOut{pts: make(geom.Path, 0, total+16), bounds: make([]int32, 0, 8*len(lines)+8), line: -1}
	var buf [16]crossing
	xs := buf[:0]
	for li, l := range lines {
		if len(l) < 2 {
			continue
		}
		w := g.winding(l[0])
		if w != 0 {
			o.open(l[0], li)
		}
		for i := 0; i+1 < len(l); i++ {
			p, q := l[i], l[i+1]
			if p == q {
				continue
			}
			xs = g.crossings(p, q, xs[:0])
			// insertion sort by t, entries before exits at equal t
			for j := 1; j < len(xs); j++ {
				x := xs[j]
				k := j
				for ; k > 0 && (xs[k-1].t > x.t || xs[k-1].t == x.t && xs[k-1].dw < x.dw); k-- {
					xs[k] = xs[k-1]
				}
				xs[k] = x
			}
			vx, vy := float64(q.X-p.X), float64(q.Y-p.Y)
			for _, x := range xs {
				was := w != 0
				w += int(x.dw)
				if now := w != 0; now != was {
					pt := roundPt(p, vx, vy, x.t)
					if now {
						o.open(pt, li)
					} else {
						o.add(pt)
						o.close(li)
					}
				}
			}
			if w != 0 {
				o.add(q)
			}
		}
		if w != 0 {
			o.close(li)
		}
	}
	if len(o.bounds) == 0 {
		return nil
	}
	pts := o.pts
	if cap(pts)-len(pts) > len(pts)/4 {
		// the pieces outlive the call (the slicer keeps them until the
		// G-code is written): do not pin the outside points' room
		pts = append(geom.Path(nil), pts...)
	}
	out := make([]geom.Path, len(o.bounds)/2)
	for k := range out {
		s, e := o.bounds[2*k], o.bounds[2*k+1]
		out[k] = pts[s:e:e]
	}
	return out
}

// insideFar clips lines some of which reach beyond coordLimit: each segment
// is first cut to the rings' box (grown by a micrometre), which lies within
// the limit, so what is left can be clipped exactly.
func insideFar(lines []geom.Path, rings []geom.Path) []geom.Path {
	box := geom.EmptyRect()
	for _, r := range rings {
		for _, p := range r {
			box = box.Add(p)
		}
	}
	box.Min.X, box.Min.Y, box.Max.X, box.Max.Y = box.Min.X-1, box.Min.Y-1, box.Max.X+1, box.Max.Y+1
	var near []geom.Path
	for _, l := range lines {
		var cur geom.Path
		for i := 1; i < len(l); i++ {
			a, b, ok := cutToBox(l[i-1], l[i], box)
			if !ok {
				if len(cur) >= 2 {
					near = append(near, cur)
				}
				cur = nil
				continue
			}
			if len(cur) == 0 || cur[len(cur)-1] != a {
				if len(cur) >= 2 {
					near = append(near, cur)
				}
				cur = geom.Path{a}
			}
			cur = append(cur, b)
		}
		if len(cur) >= 2 {
			near = append(near, cur)
		}
	}
	return InsideLines(near, rings)
}

// cutToBox returns the part of the segment a–b inside the box (Liang–Barsky
// in floating point, rounded to the micrometre), or ok false when none is.
func cutToBox(a, b geom.Point, box geom.Rect) (geom.Point, geom.Point, bool) {
	x0, y0 := float64(a.X), float64(a.Y)
	dx, dy := float64(b.X)-x0, float64(b.Y)-y0
	t0, t1 := 0.0, 1.0
	for _, e := range [4][2]float64{
		{-dx, x0 - float64(box.Min.X)}, {dx, float64(box.Max.X) - x0},
		{-dy, y0 - float64(box.Min.Y)}, {dy, float64(box.Max.Y) - y0},
	} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return a, b, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = max(t0, r)
		} else {
			t1 = min(t1, r)
		}
	}
	if t0 > t1 {
		return a, b, false
	}
	at := func(t float64) geom.Point {
		return geom.Point{X: int64(math.Round(x0 + t*dx)), Y: int64(math.Round(y0 + t*dy))}
	}
	return at(t0), at(t1), true
}
