package clip

import (
	"cmp"
	"math"
	"slices"

	"github.com/usinette/usinette/geom"
)

// Sweep is the package's own boolean engine. It sweeps a horizontal line up
// through the rings; between two consecutive event heights (a vertex or a
// crossing) the edges keep their left-to-right order, so each such beam is
// cut into trapezoids by walking the edges and counting windings. The
// result's boundary is made of the trapezoids' sides plus horizontal
// connectors where what is inside changes from one beam to the next, linked
// into rings.
//
// Why not go.clipper: it allocates one ~190-byte object per input edge,
// which was 60 % of all the bytes a slice allocated and so set how often the
// GC ran (issue 7). Here every call works in a few flat slices reused
// through a pool.
//
// Coordinates must stay within ±2^30 (about ±1 km in µm): cross products
// of coordinate differences are computed in int64. Crossing points are
// rounded to the integer grid; an edge moved by a rounding stays within
// 1 unit of where it was.
type Sweep struct{}

var _ Engine = Sweep{}

// sedge is a non-horizontal edge: its current segment from the bottom
// (by < ty) to the top. A crossing cuts it: the segment then ends at the
// rounded crossing and the rest is a new edge from there. Both keep the
// input edge's line (ox, oy, sl) for x between their ends, so however
// often an edge is cut its pieces stay within a unit of where it was;
// only the ends are the rounded points.
type sedge struct {
	bx, by, tx, ty int64
	ox, oy         int64   // a point of the input edge's line
	sl             float64 // its dx/dy
	id             int32   // identity of the straight segment (a cut makes a new one)
	last           int32   // the boundary piece it bounded in the beam below, or -1
	lo, hi         float64 // that piece's cone (see straightens), while last ≥ 0
	cy, cx         int64   // the last xRound: x at cy (the next beam starts there)
	wind           int8    // +1 when its ring runs downward: entering the ring from the left
	poly           uint8   // 0 subject, 1 clip
}

func (e *sedge) xAt(y int64) float64 {
	switch y {
	case e.by:
		return float64(e.bx)
	case e.ty:
		return float64(e.tx)
	}
	return float64(e.ox) + float64(y-e.oy)*e.sl
}

func (e *sedge) xRound(y int64) int64 {
	switch y {
	case e.by:
		return e.bx
	case e.ty:
		return e.tx
	case e.cy:
		return e.cx
	}
	x := int64(math.Round(float64(e.ox) + float64(y-e.oy)*e.sl))
	e.cy, e.cx = y, x
	return x
}

// xRoundAt is xRound(y) given xAt(y) (cutCrossings has it already).
func (e *sedge) xRoundAt(y int64, xf float64) int64 {
	switch y {
	case e.by:
		return e.bx
	case e.ty:
		return e.tx
	case e.cy:
		return e.cx
	}
	x := int64(math.Round(xf))
	e.cy, e.cx = y, x
	return x
}

// straightens reports whether the boundary piece from (ax, ay) up to this
// edge's vertex at height vy may go on straight to (tx, ty), dropping the
// vertex, and if so narrows the piece's cone (lo, hi) to it. The cone holds
// the slopes dx/dy from (ax, ay) at which the line passes, on the line of
// every vertex dropped so far, within the open interval (xl, xh) that
// sweeper.lonely gave for it: halfway to the next vertex on either side.
//
// Pieces of one edge are rounded points of one line, but the straight piece
// between two of them can stray more than a unit from the points between (a
// crossing rounded to the grid moves along a shallow edge by over a unit in
// x) and so pass on the wrong side of another side's vertex on that line:
// the ring then crossed itself (FuzzSweep: a thin spike cut at a rounded
// crossing was drawn over its base vertex and came out as an inside-out
// lobe, which the offset dropped with its round cap). Within the halves of
// the gaps, every line keeps its order, whether the neighbours stay vertices
// or are dropped too, so the rings stay simple; on the usual line, with the
// neighbours far, the cone is wide and the piece goes on straight as before.
func (e *sedge) straightens(ax, ay, vy int64, xl, xh float64, tx, ty int64) bool {
	inv := 1 / float64(vy-ay) // vy > ay: pieces run upward from (ax, ay)
	lo, hi := max(e.lo, (xl-float64(ax))*inv), min(e.hi, (xh-float64(ax))*inv)
	m := float64(tx-ax) / float64(ty-ay)
	if lo < m && m < hi {
		e.lo, e.hi = lo, hi
		return true
	}
	return false
}

// setLine takes the edge's own ends as its line (input edges).
func (e *sedge) setLine() {
	e.ox, e.oy = e.bx, e.by
	e.sl = float64(e.tx-e.bx) / float64(e.ty-e.by)
	e.cy, e.cx = e.by, e.bx
}

// trap is the part of a beam between a left and a right boundary edge:
// x at the beam's bottom (lb, rb) and top (lt, rt).
type trap struct {
	lb, lt, rb, rt int64
	le, re         int32 // the edges (indices)
}

// seg is a directed piece of the result's boundary, inside on its left.
// id ≥ 0 names the edge it lies on (consecutive pieces of one edge are
// merged); connectors have id -1.
type seg struct {
	ax, ay, bx, by int64
	id             int32
}

// sweeper holds one operation's working memory.
type sweeper struct {
	op       Op
	rule     FillRule
	edges    []sedge
	order    []int32 // edges by bottom
	sortKeys []uint64
	sortTmp  []uint64
	split    []int32 // edges cut off at crossings: a min-heap on bottom y
	act      []int32 // active edges, left to right
	keys     []float64
	xn       []float64 // x of the active edges at the beam's top (cutCrossings)
	xb, xt   []int64
	traps    []trap
	prev     []trap
	segs     []seg
	head     pointMap // first piece starting at a point
	nxt      []int32  // next piece starting at the same point
	used     []bool
	brk      []int64
	cx       []int64 // x of the connector ends on the current line, sorted
	ends     []int64 // x of the side ends on the current line, sorted, repeated
	ring     []geom.Point
	tmp      geom.Path
	stP      []geom.Point         // splitRing's stack of points
	stI      []int32              // and of the pieces leaving them
	seen     map[geom.Point]int32 // splitRing: a point's place in the stack
	ids      []int32
	rings    []geom.Path
	areas    []float64
	nextID   int32
	off      offsetter // raw offset rings (Offset)
}

func (s *sweeper) reset(op Op, rule FillRule) {
	s.op, s.rule = op, rule
	s.edges, s.order, s.split, s.act = s.edges[:0], s.order[:0], s.split[:0], s.act[:0]
	s.traps, s.prev, s.segs = s.traps[:0], s.prev[:0], s.segs[:0]
	s.rings = s.rings[:0]
	s.nextID = 0
}

// addRings adds closed rings as edges of poly (0 subject, 1 clip).
func (s *sweeper) addRings(rings []geom.Path, poly uint8) {
	for _, r := range rings {
		s.addRing(r, poly)
	}
}

func (s *sweeper) addRing(r geom.Path, poly uint8) {
	if n := len(r); n >= 3 {
		for i := range n {
			a, b := r[i], r[(i+1)%n]
			if a.Y == b.Y {
				continue // horizontal: crosses no beam
			}
			e := sedge{id: s.nextID, poly: poly, last: -1}
			s.nextID++
			if a.Y < b.Y {
				e.bx, e.by, e.tx, e.ty, e.wind = a.X, a.Y, b.X, b.Y, -1
			} else {
				e.bx, e.by, e.tx, e.ty, e.wind = b.X, b.Y, a.X, a.Y, 1
			}
			e.setLine()
			s.edges = append(s.edges, e)
		}
	}
}

func (s *sweeper) inside(ws, wc int) bool {
	var a, b bool
	switch s.rule {
	case EvenOdd:
		a, b = ws&1 != 0, wc&1 != 0
	case Positive:
		a, b = ws > 0, wc > 0
	default:
		a, b = ws != 0, wc != 0
	}
	switch s.op {
	case Intersection:
		return a && b
	case Difference:
		return a && !b
	case Xor:
		return a != b
	}
	return a || b
}

// heap of split edges ordered by bottom y then x.
func (s *sweeper) less(i, j int32) bool {
	a, b := &s.edges[i], &s.edges[j]
	if a.by != b.by {
		return a.by < b.by
	}
	return a.bx < b.bx
}

func (s *sweeper) push(e int32) {
	h := append(s.split, e)
	k := len(h) - 1
	for k > 0 {
		p := (k - 1) / 2
		if !s.less(h[k], h[p]) {
			break
		}
		h[k], h[p] = h[p], h[k]
		k = p
	}
	s.split = h
}

func (s *sweeper) pop() int32 {
	h := s.split
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	k := 0
	for {
		l := 2*k + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && s.less(h[r], h[l]) {
			m = r
		}
		if !s.less(h[m], h[k]) {
			break
		}
		h[k], h[m] = h[m], h[k]
		k = m
	}
	s.split = h
	return top
}

// run sweeps the edges and leaves the result's boundary in s.segs.
func (s *sweeper) run() {
	if len(s.edges) == 0 {
		return
	}
	s.sortEdges()
	next := 0
	y0 := s.edges[s.order[0]].by
	prevY := int64(math.MinInt64)
	for {
		for next < len(s.order) && s.edges[s.order[next]].by == y0 {
			s.act = append(s.act, s.order[next])
			next++
		}
		for len(s.split) > 0 && s.edges[s.split[0]].by == y0 {
			s.act = append(s.act, s.pop())
		}
		act := s.act[:0]
		for _, e := range s.act {
			if s.edges[e].ty > y0 {
				act = append(act, e)
			}
		}
		s.act = act
		if len(act) == 0 {
			s.flushTops(prevY)
			ny, ok := s.nextBottom(next)
			if !ok {
				return
			}
			y0 = ny
			continue
		}
		s.sortActive(y0)
		yn := int64(math.MaxInt64)
		if ny, ok := s.nextBottom(next); ok {
			yn = ny
		}
		for _, e := range s.act {
			yn = min(yn, s.edges[e].ty)
		}
		yn = s.cutCrossings(y0, yn)
		s.beam(y0, yn, prevY)
		prevY = yn
		y0 = yn
	}
}

// sortEdges fills s.order with the edges by bottom y (the order among
// equal bottoms does not matter: the active list is sorted by x anyway).
// The keys pack y and the index in one uint64 when y fits 32 bits, which
// sorts several times faster than comparing through the edges.
func (s *sweeper) sortEdges() {
	fits := len(s.edges) < 1<<31
	for i := range s.edges {
		if y := s.edges[i].by; y < -(1<<31) || y >= 1<<31 {
			fits = false
			break
		}
	}
	if !fits {
		for i := range s.edges {
			s.order = append(s.order, int32(i))
		}
		slices.SortFunc(s.order, func(a, b int32) int { return cmp.Compare(s.edges[a].by, s.edges[b].by) })
		return
	}
	keys := s.sortKeys[:0]
	for i := range s.edges {
		keys = append(keys, uint64(s.edges[i].by+1<<31)<<32|uint64(i))
	}
	keys, s.sortTmp = radixSort(keys, s.sortTmp)
	for _, k := range keys {
		s.order = append(s.order, int32(uint32(k)))
	}
	s.sortKeys = keys
}

// radixSort sorts keys (LSD, a byte at a time, skipping the bytes all keys
// share: the high bytes of the index, often of y) and returns them with the
// other buffer, tmp, for reuse. On the slicer's workloads pdqsort's
// comparisons were 12 % of the sweep.
func radixSort(keys, tmp []uint64) ([]uint64, []uint64) {
	n := len(keys)
	if n < 256 {
		slices.Sort(keys)
		return keys, tmp
	}
	var count [8][256]int32
	for _, k := range keys {
		for b := range 8 {
			count[b][byte(k>>(8*b))]++
		}
	}
	if cap(tmp) < n {
		tmp = make([]uint64, n)
	}
	tmp = tmp[:n]
	for b := range 8 {
		c := &count[b]
		if c[byte(keys[0]>>(8*b))] == int32(n) {
			continue // every key has this byte
		}
		sum := int32(0)
		for d := range c {
			c[d], sum = sum, sum+c[d]
		}
		sh := uint(8 * b)
		for _, k := range keys {
			d := byte(k >> sh)
			tmp[c[d]] = k
			c[d]++
		}
		keys, tmp = tmp, keys
	}
	return keys, tmp
}

// nextBottom is the lowest bottom of the edges not yet active.
func (s *sweeper) nextBottom(next int) (int64, bool) {
	y, ok := int64(math.MaxInt64), false
	if next < len(s.order) {
		y, ok = s.edges[s.order[next]].by, true
	}
	if len(s.split) > 0 {
		y, ok = min(y, s.edges[s.split[0]].by), true
	}
	return y, ok
}

// sortActive orders the active edges by x at y, then by slope (the order
// just above y). Insertion sort: the order changes little from beam to beam.
func (s *sweeper) sortActive(y int64) {
	act := s.act
	s.keys = s.keys[:0]
	for _, e := range act {
		s.keys = append(s.keys, s.edges[e].xAt(y))
	}
	keys := s.keys
	for i := 1; i < len(act); i++ {
		e, k := act[i], keys[i]
		j := i
		for j > 0 && (keys[j-1] > k || keys[j-1] == k && s.edges[act[j-1]].sl > s.edges[e].sl) {
			act[j], keys[j] = act[j-1], keys[j-1]
			j--
		}
		act[j], keys[j] = e, k
	}
}

// cutCrossings finds neighbours that cross before yn and returns the
// (possibly lower) top of the beam. Where the crossing rounds to a height
// above y0, both are cut at the rounded point (within 0.71 units of both
// lines). Where it rounds to y0 itself — the beam below is already laid
// out — both start this beam from the rounded point instead (the
// connectors at y0 join them to where the beam below left them), and the
// active list is sorted again. Neighbours out of order from the start
// (nearly coincident edges a float tie put the wrong way) start from
// their midpoint.
func (s *sweeper) cutCrossings(y0, yn int64) int64 {
	// xn[k] is the x of the k-th active edge at yn, worked out again
	// whenever a cut or a resort changes the edges, their order or yn
	xn := s.xn[:0]
	fill := func() {
		xn = xn[:0]
		for _, e := range s.act {
			xn = append(xn, s.edges[e].xAt(yn))
		}
	}
	fill()
	for range 8 {
		changed, resort := false, false
		for k := 0; k+1 < len(s.act); k++ {
			if xn[k] <= xn[k+1] {
				continue
			}
			ia, ib := s.act[k], s.act[k+1]
			a, b := &s.edges[ia], &s.edges[ib]
			sa, sb := a.sl, b.sl
			if sa <= sb {
				continue // a float tie, not a crossing: the clamp copes
			}
			xa0, xb0 := a.xAt(y0), b.xAt(y0)
			yc := float64(y0) + (xb0-xa0)/(sa-sb)
			xc := xa0 + (yc-float64(y0))*sa
			ry := int64(math.Round(yc))
			switch {
			case ry > y0 && ry <= yn:
				px := int64(math.Round(xc))
				s.cut(ia, px, ry)
				s.cut(ib, px, ry)
				s.snap(k, px, ry, y0)
				yn = ry
			case ry > yn: // the ends' rounding, not the lines, cross
				px := int64(math.Round((xn[k] + xn[k+1]) / 2))
				s.cut(ia, px, yn)
				s.cut(ib, px, yn)
				s.snap(k, px, yn, y0)
			default:
				px := int64(math.Round(xc))
				if yc < float64(y0)-0.5 {
					px = int64(math.Round((xa0 + xb0) / 2))
				}
				a.bx, a.by = px, y0
				b.bx, b.by = px, y0
				s.snap(k, px, y0, y0)
				resort = true
			}
			changed = true
			fill()
		}
		if resort {
			s.sortActive(y0)
			fill()
		}
		if !changed {
			break
		}
	}
	s.xn = xn
	return yn
}

// snap takes through the rounded crossing (px, py) of the neighbours at k
// and k+1 of the active list every other edge whose line passes through
// the unit square around it (snap rounding's hot pixel): above y0 they are
// cut there too, at y0 they start there. Without it an edge lying on one
// of the two crossing lines — a doubled edge, collinear edges of a
// degenerate ring — would go on from where the line is while its twin
// goes on from the rounded point, up to 0.71 away: the pair no longer
// cancels, the other line's edges slip between them, and the beams above
// count area that is not there (each new crossing of the slipped edges
// is rounded the same way, a staircase up to where the lines end).
// Those edges lie next to k and k+1 in the list, so the scan goes
// outwards and stops at the first edge that misses the square.
func (s *sweeper) snap(k int, px, py, y0 int64) {
	for _, dir := range [2]int{-1, 1} {
		j := k - 1
		if dir > 0 {
			j = k + 2
		}
		for ; j >= 0 && j < len(s.act); j += dir {
			i := s.act[j]
			e := &s.edges[i]
			if !e.through(px, py) {
				break
			}
			switch {
			case py == y0:
				e.bx, e.by = px, y0
			case e.ty > py:
				s.cut(i, px, py)
			}
		}
	}
}

// through reports whether the edge's line passes through the unit square
// centred on (px, py): its x at py is within half a unit plus half its
// run over one unit of height.
func (e *sedge) through(px, py int64) bool {
	x := float64(e.ox) + float64(py-e.oy)*e.sl
	return math.Abs(x-float64(px)) <= 0.5*(1+math.Abs(e.sl))
}

// cut makes edge i end at (px, py) and queues the rest, from there to
// its top, as a new edge on the same line.
func (s *sweeper) cut(i int32, px, py int64) {
	e := &s.edges[i]
	tx, ty := e.tx, e.ty
	e.tx, e.ty = px, py
	if py < ty {
		rest := *e
		rest.bx, rest.by, rest.tx, rest.ty = px, py, tx, ty
		rest.id, rest.last = s.nextID, -1
		rest.cy, rest.cx = py, px
		s.nextID++
		s.edges = append(s.edges, rest)
		s.push(int32(len(s.edges) - 1))
	}
}

// beam cuts [y0, y1] into trapezoids, emits their sides and the connectors
// between the beam below (ending at prevY) and this one.
func (s *sweeper) beam(y0, y1, prevY int64) {
	n := len(s.act)
	s.xb, s.xt = s.xb[:0], s.xt[:0]
	for k, e := range s.act {
		b, t := s.edges[e].xRound(y0), s.edges[e].xRoundAt(y1, s.xn[k])
		if k > 0 { // keep the order exact after rounding
			b, t = max(b, s.xb[k-1]), max(t, s.xt[k-1])
		}
		s.xb, s.xt = append(s.xb, b), append(s.xt, t)
	}
	traps := s.traps[:0]
	ws, wc := 0, 0
	in := false
	var cur trap
	for k := 0; k < n; k++ {
		e := &s.edges[s.act[k]]
		if e.poly == 0 {
			ws += int(e.wind)
		} else {
			wc += int(e.wind)
		}
		now := s.inside(ws, wc)
		if now == in {
			continue
		}
		in = now
		if now {
			cur = trap{lb: s.xb[k], lt: s.xt[k], le: s.act[k]}
			continue
		}
		cur.rb, cur.rt, cur.re = s.xb[k], s.xt[k], s.act[k]
		if cur.lb == cur.rb && cur.lt == cur.rt {
			continue // no width
		}
		if m := len(traps) - 1; m >= 0 && traps[m].rb == cur.lb && traps[m].rt == cur.lt {
			traps[m].rb, traps[m].rt, traps[m].re = cur.rb, cur.rt, cur.re
			continue
		}
		traps = append(traps, cur)
	}
	s.traps = traps
	if prevY == y0 {
		s.connect(y0, s.prev, traps)
	} else {
		s.flushTops(prevY)
		s.connect(y0, nil, traps)
	}
	// sides: a piece of the beam below on the same edge, same side, ending
	// where this one starts with nothing else ending there, is extended instead
	// of starting a new piece (fewer pieces to link) when the longer piece
	// still passes the point it drops closer than halfway to the next ends
	// on that line (straightens)
	for _, t := range traps {
		l, r := &s.edges[t.le], &s.edges[t.re]
		// left sides run downward: the piece below leaves its top, which
		// moves up; right sides run upward
		on, keep := false, false
		if p := l.last; p >= 0 && s.segs[p].ay == y0 && s.segs[p].ax == t.lb && s.segs[p].by < y0 {
			if on, keep = s.goesOn(l, s.segs[p].bx, s.segs[p].by, t.lb, y0, t.lt, y1); on {
				s.segs[p].ax, s.segs[p].ay = t.lt, y1
			} else if keep {
				s.segs[p].id = keepVertex(s.segs[p].id)
			}
		}
		if !on {
			l.last, l.lo, l.hi = int32(len(s.segs)), math.Inf(-1), math.Inf(1)
			s.segs = append(s.segs, seg{t.lt, y1, t.lb, y0, l.id})
		}
		on, keep = false, false
		if p := r.last; p >= 0 && s.segs[p].by == y0 && s.segs[p].bx == t.rb && s.segs[p].ay < y0 {
			if on, keep = s.goesOn(r, s.segs[p].ax, s.segs[p].ay, t.rb, y0, t.rt, y1); on {
				s.segs[p].bx, s.segs[p].by = t.rt, y1
			}
		}
		if !on {
			id := r.id
			if keep {
				id = keepVertex(id)
			}
			r.last, r.lo, r.hi = int32(len(s.segs)), math.Inf(-1), math.Inf(1)
			s.segs = append(s.segs, seg{t.rb, y0, t.rt, y1, id})
		}
	}
	s.prev, s.traps = traps, s.prev[:0]
}

// goesOn reports whether edge e's piece from (ax, ay) up to (x, y) goes on
// straight to (tx, ty) (x is lonely and the piece straightens), and keep
// when x was lonely but the straight piece would stray: then the piece
// leaving (x, y) must keep it, or cleanRing would straighten it anyway.
func (s *sweeper) goesOn(e *sedge, ax, ay, x, y, tx, ty int64) (on, keep bool) {
	xl, xh, ok := s.lonely(x)
	if !ok {
		return false, false
	}
	on = e.straightens(ax, ay, y, xl, xh, tx, ty)
	return on, !on
}

// lonely reports whether only one edge's pieces (the one below and the one
// above) end at x on the current line: no connector, no other side; and if
// so, the open interval (xl, xh) reaching halfway to the next ends on either
// side (infinite where there is none), where a piece straightened through x
// may pass.
func (s *sweeper) lonely(x int64) (xl, xh float64, ok bool) {
	k, _ := slices.BinarySearch(s.ends, x)
	n := len(s.ends)
	if !(k+2 <= n && s.ends[k+1] == x && (k+2 == n || s.ends[k+2] != x) && !hasX(s.cx, x)) {
		return 0, 0, false
	}
	xl, xh = math.Inf(-1), math.Inf(1)
	if k > 0 {
		xl = float64(s.ends[k-1]+x) / 2
	}
	if k+2 < n {
		xh = float64(s.ends[k+2]+x) / 2
	}
	return xl, xh, true
}

// hasX reports whether the sorted xs holds x.
func hasX(xs []int64, x int64) bool {
	_, ok := slices.BinarySearch(xs, x)
	return ok
}

// flushTops closes the tops of the last beam (at y) with nothing above.
func (s *sweeper) flushTops(y int64) {
	if len(s.prev) > 0 {
		s.connect(y, s.prev, nil)
		s.prev = s.prev[:0]
	}
}

// connect adds the horizontal boundary at height y between the tops of the
// trapezoids below and the bottoms of those above: westward where only
// below is inside, eastward where only above is. Every interval end is a
// vertex, so trapezoids touching at a point meet at a vertex of the graph.
func (s *sweeper) connect(y int64, below, above []trap) {
	s.cx = s.cx[:0]
	// every side's end on the line, in order (the two lists are sorted
	// already), with repeats: a side piece may only be extended through a
	// point no other piece or connector ends at
	ends := s.ends[:0]
	i, j := 0, 0
	for i < 2*len(below) || j < 2*len(above) {
		bi, bj := i < 2*len(below), j < 2*len(above)
		var xi, xj int64
		if bi {
			if t := &below[i/2]; i%2 == 0 {
				xi = t.lt
			} else {
				xi = t.rt
			}
		}
		if bj {
			if t := &above[j/2]; j%2 == 0 {
				xj = t.lb
			} else {
				xj = t.rb
			}
		}
		if bi && (!bj || xi <= xj) {
			ends = append(ends, xi)
			i++
		} else {
			ends = append(ends, xj)
			j++
		}
	}
	s.ends = ends
	if len(below) == len(above) {
		same := true
		for k := range below {
			if below[k].lt != above[k].lb || below[k].rt != above[k].rb {
				same = false
				break
			}
		}
		if same {
			return // the usual beam boundary: the same sides go on
		}
	}
	brk := append(s.brk[:0], ends...)
	brk = slices.Compact(brk)
	s.brk = brk
	i, j = 0, 0
	for k := 0; k+1 < len(brk); k++ {
		x0, x1 := brk[k], brk[k+1]
		for i < len(below) && below[i].rt <= x0 {
			i++
		}
		for j < len(above) && above[j].rb <= x0 {
			j++
		}
		inB := i < len(below) && below[i].lt <= x0
		inA := j < len(above) && above[j].lb <= x0
		switch {
		case inB && !inA:
			s.segs = append(s.segs, seg{x1, y, x0, y, -1})
		case inA && !inB:
			s.segs = append(s.segs, seg{x0, y, x1, y, -1})
		default:
			continue
		}
		if m := len(s.cx); m == 0 || s.cx[m-1] != x0 {
			s.cx = append(s.cx, x0)
		}
		s.cx = append(s.cx, x1)
	}
}

// link joins the boundary pieces into rings, outers counter-clockwise and
// holes clockwise. Where several pieces leave one point (regions touching
// at a corner) it takes the one turning most to the left, so each ring
// hugs its own region and touching regions stay separate rings.
func (s *sweeper) link() {
	segs := s.segs
	n := len(segs)
	s.head.reset(n)
	if cap(s.nxt) < n {
		s.nxt = make([]int32, n)
		s.used = make([]bool, n)
	}
	nxt, used := s.nxt[:n], s.used[:n]
	clear(used)
	for i := n - 1; i >= 0; i-- {
		p := geom.Point{X: segs[i].ax, Y: segs[i].ay}
		nxt[i] = s.head.put(p, int32(i))
	}
	for i := range n {
		start := int32(i)
		if used[start] {
			continue
		}
		ring, ids := s.ring[:0], s.ids[:0]
		cur := start
		used[cur] = true
		pinched := false // passed a point several pieces leave
		touch := false   // cur leaves such a point: it stays a vertex
		for {
			c := &segs[cur]
			ring = append(ring, geom.Point{X: c.ax, Y: c.ay})
			if touch {
				ids = append(ids, keepVertex(c.id))
			} else {
				ids = append(ids, c.id)
			}
			best, bestA := int32(-1), 0.0
			o := s.head.get(geom.Point{X: c.bx, Y: c.by})
			// where several pieces leave, rings touch (or this one
			// touches itself): the point stays a vertex of each, as
			// straightening an edge through it could cross the other
			touch = o >= 0 && nxt[o] >= 0
			if o >= 0 && nxt[o] < 0 {
				// one piece leaves here: no choice to make
				if !used[o] || o == start {
					best = o
				}
			} else {
				pinched = true
				dx, dy := float64(c.bx-c.ax), float64(c.by-c.ay)
				for ; o >= 0; o = nxt[o] {
					if used[o] && o != start {
						continue
					}
					so := &segs[o]
					ex, ey := float64(so.bx-so.ax), float64(so.by-so.ay)
					cr, dt := dx*ey-dy*ex, dx*ex+dy*ey
					a := math.Atan2(cr, dt)
					if cr == 0 && dt < 0 {
						a = -math.Pi // turning back comes last
					}
					if best < 0 || a > bestA {
						best, bestA = o, a
					}
				}
			}
			if best < 0 || best == start {
				if touch && best == start {
					ids[0] = keepVertex(ids[0])
				}
				break
			}
			used[best] = true
			cur = best
		}
		s.ring, s.ids = ring, ids
		if pinched {
			s.splitRing(ring, ids)
			continue
		}
		s.addRing2(ring, ids)
	}
}

func (s *sweeper) addRing2(ring []geom.Point, ids []int32) {
	var r geom.Path
	if r, s.tmp = cleanRing(ring, ids, s.tmp); r != nil {
		s.rings = append(s.rings, r)
	}
}

// keepVertex marks a piece id so that cleanRing keeps the vertex the
// piece leaves from (ids -1 and below never merge).
func keepVertex(id int32) int32 {
	if id >= 0 {
		return -2 - id
	}
	return id
}

// splitRing cuts a ring that visits a point twice into the loops between
// the visits. Where a hole touches its outer ring at a vertex (or two
// parts touch at a corner), the walk that hugs each region can go round
// both through the shared point; cut there, every ring is simple and a
// hole is a hole again rather than an inlet of its outer ring.
func (s *sweeper) splitRing(ring []geom.Point, ids []int32) {
	if s.seen == nil {
		s.seen = make(map[geom.Point]int32)
	} else {
		clear(s.seen)
	}
	stP, stI := s.stP[:0], s.stI[:0]
	for k, p := range ring {
		if at, ok := s.seen[p]; ok {
			// stP[at:] is a loop from p back to p. p stays a vertex of
			// both rings even between two pieces of one edge: the rings
			// touch there, and straightening either would move it.
			stI[at] = keepVertex(stI[at])
			s.addRing2(stP[at:], stI[at:])
			for _, q := range stP[at+1:] {
				delete(s.seen, q)
			}
			stP, stI = stP[:at+1], stI[:at+1]
			stI[at] = keepVertex(ids[k]) // p now leaves by this visit's piece
			continue
		}
		s.seen[p] = int32(len(stP))
		stP, stI = append(stP, p), append(stI, ids[k])
	}
	s.addRing2(stP, stI)
	s.stP, s.stI = stP, stI
}

// cleanRing copies the ring without the vertices that only join two pieces
// of one edge, then without collinear vertices and spikes; nil when nothing
// with an area is left. The work is done in tmp (returned for reuse) and
// the result is an exact-size copy: results are kept for whole layers.
func cleanRing(ring []geom.Point, ids []int32, tmp geom.Path) (geom.Path, geom.Path) {
	n := len(ring)
	if n < 3 {
		return nil, tmp
	}
	out := tmp[:0]
	for k := range n {
		prev := ids[(k+n-1)%n]
		if ids[k] >= 0 && ids[k] == prev {
			continue
		}
		out = append(out, ring[k])
	}
	// collinear vertices (including spikes) go, repeatedly: a stack pass
	// then the seam where the ring closes
	st := out[:0]
	for _, p := range out {
		for len(st) >= 2 && collinear(st[len(st)-2], st[len(st)-1], p) {
			st = st[:len(st)-1]
		}
		if len(st) > 0 && st[len(st)-1] == p {
			continue
		}
		st = append(st, p)
	}
	for len(st) >= 3 {
		m := len(st)
		switch {
		case collinear(st[m-2], st[m-1], st[0]):
			st = st[:m-1]
		case collinear(st[m-1], st[0], st[1]):
			st = st[1:]
		case st[m-1] == st[0]:
			st = st[:m-1]
		default:
			if st.Area2() == 0 {
				return nil, out
			}
			return append(make(geom.Path, 0, len(st)), st...), out
		}
	}
	return nil, out
}

func collinear(a, b, c geom.Point) bool {
	return (b.X-a.X)*(c.Y-b.Y)-(b.Y-a.Y)*(c.X-b.X) == 0
}

// polygons nests the rings: each hole goes to the smallest outer that
// contains it.
func (s *sweeper) polygons() []geom.Polygon {
	var out []geom.Polygon
	var outers []int
	s.areas = s.areas[:0]
	for i, r := range s.rings {
		a := float64(r.Area2())
		s.areas = append(s.areas, a)
		if a > 0 {
			outers = append(outers, i)
		}
	}
	if len(outers) == 0 {
		return nil
	}
	slices.SortStableFunc(outers, func(a, b int) int {
		switch {
		case s.areas[a] < s.areas[b]:
			return -1
		case s.areas[a] > s.areas[b]:
			return 1
		}
		return 0
	})
	boxes := make([]geom.Rect, len(s.rings))
	for i, r := range s.rings {
		boxes[i] = r.Bounds()
	}
	slot := make([]int, len(s.rings)) // ring index -> index in out
	// keep the output in sweep order (lowest first), not size order
	for i := range s.rings {
		if s.areas[i] > 0 {
			slot[i] = len(out)
			out = append(out, geom.Polygon{Outer: s.rings[i]})
		}
	}
	for i, h := range s.rings {
		if s.areas[i] >= 0 {
			continue
		}
		hb := boxes[i]
		owner := -1
		for _, o := range outers {
			ob := boxes[o]
			if ob.Min.X > hb.Min.X || ob.Min.Y > hb.Min.Y || ob.Max.X < hb.Max.X || ob.Max.Y < hb.Max.Y {
				continue
			}
			if holeInside(h, s.rings[o]) {
				owner = o
				break
			}
		}
		if owner < 0 {
			continue // cannot happen for a consistent boundary
		}
		p := &out[slot[owner]]
		p.Holes = append(p.Holes, h)
	}
	return out
}

// holeInside reports whether the hole ring lies inside the outer ring,
// judged at the first hole vertex not on the outer's boundary.
func holeInside(hole, outer geom.Path) bool {
	for _, p := range hole {
		if outer.OnBoundary(p) {
			continue
		}
		return outer.Winding(p) != 0
	}
	return true // every vertex on the outer: the hole is inside it
}

func (s *sweeper) result() []geom.Polygon {
	s.run()
	s.link()
	return s.polygons()
}

// Boolean implements Engine.
func (Sweep) Boolean(op Op, subject, clipRings []geom.Path, rule FillRule) []geom.Polygon {
	s := getSweeper()
	defer putSweeper(s)
	s.reset(op, rule)
	s.addRings(subject, 0)
	s.addRings(clipRings, 1)
	return s.result()
}

// Offset implements Engine.
func (Sweep) Offset(rings []geom.Path, delta float64, join Join) []geom.Polygon {
	s := getSweeper()
	defer putSweeper(s)
	s.reset(Union, Positive)
	s.off.init(delta, join)
	for _, r := range rings {
		if pts := s.off.ring(r); len(pts) >= 3 {
			s.addRing(pts, 0)
		}
	}
	return s.result()
}

// ClipLines implements Engine with InsideLines.
func (Sweep) ClipLines(lines []geom.Path, clipRings []geom.Path) []geom.Path {
	return InsideLines(lines, clipRings)
}
