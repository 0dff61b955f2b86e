package stitch

import (
	"container/heap"
	"context"
	"math"
	"sort"

	"gonum.org/v1/gonum/graph/simple"

	"github.com/usinette/usinette/vector"
)

// A fill layer (the top tatami or one underlay pass) is planned in a frame
// turned so that rows run along u, at v = k·spacing for integer k: rows and
// the stitch grid along them are anchored at the page origin, so that
// neighbouring shapes with the same parameters line up.
//
// Rows are cut by the region's rings into segments. Consecutive rows whose
// segments overlap one to one form a section, sewn back and forth without
// a break. Sections are joined by travel along a graph (package gonum
// graph) whose nodes are the ring vertices and the row ends, and whose
// edges are the pieces of rings between them and the rows themselves:
// travel follows the outline or runs under rows not yet sewn, so a
// connected region is sewn in one continuous path.

// fillLayerParams are the parameters of one layer.
type fillLayerParams struct {
	angle      float64
	spacing    float64
	maxStitch  float64
	staggers   float64
	pullComp   float64
	runLength  float64
	tolerance  float64
	skipLast   bool
	travelSewn float64 // weight factor of travel over rows already sewn
}

type fillSeg struct {
	u0, u1  float64 // u0 < u1
	n0, n1  int32   // graph nodes at u0 and u1
	section int32
}

type fillRow struct {
	k    int64 // absolute row index: v = k·spacing
	segs []fillSeg
}

type segRef struct{ row, seg int32 }

type fillLayer struct {
	p       fillLayerParams
	d, n    pt // row direction and normal in the page frame
	pos     []pt
	ring    []int32
	ringIx  []int32
	stops   [][]int32
	rows    []fillRow
	secs    [][]segRef
	g       *simple.WeightedUndirectedGraph
	rowEdge int
}

func (l *fillLayer) toUV(p pt) pt   { return pt{X: p.Dot(l.d), Y: p.Dot(l.n)} }
func (l *fillLayer) toPage(p pt) pt { return l.d.Scale(p.X).Add(l.n.Scale(p.Y)) }

func (l *fillLayer) addNode(p pt, ring int32) int32 {
	id := int32(len(l.pos))
	l.pos = append(l.pos, p)
	l.ring = append(l.ring, ring)
	l.ringIx = append(l.ringIx, 0)
	return id
}

func (l *fillLayer) setEdge(a, b int32, w float64) {
	if a == b {
		return
	}
	if e := l.g.WeightedEdge(int64(a), int64(b)); e != nil && e.Weight() <= w {
		return
	}
	l.g.SetWeightedEdge(l.g.NewWeightedEdge(simple.Node(a), simple.Node(b), w))
}

// buildFillLayer cuts the region (clean rings in the page frame) into rows
// and builds the travel graph.
func buildFillLayer(region [][]pt, p fillLayerParams) *fillLayer {
	l := &fillLayer{p: p}
	l.d, l.n = rotFrame(p.angle)
	s := p.spacing

	type crossing struct {
		u     float64
		node  int32
		param float64
	}
	type stop struct {
		param float64
		node  int32
	}
	kMin, kMax := int64(math.MaxInt64), int64(math.MinInt64)
	uvRings := make([][]pt, len(region))
	for ri, r := range region {
		uv := make([]pt, len(r))
		for i, q := range r {
			uv[i] = l.toUV(q)
			k := int64(math.Floor(uv[i].Y / s))
			kMin = min(kMin, k-1)
			kMax = max(kMax, k+1)
		}
		uvRings[ri] = uv
	}
	if len(uvRings) == 0 || kMax < kMin {
		return l
	}
	if kMax-kMin > 2_000_000 {
		return l
	}
	byRow := make([][]crossing, kMax-kMin+1)
	l.stops = make([][]int32, len(uvRings))
	for ri, r := range uvRings {
		stops := make([]stop, 0, len(r)*2)
		for i := range r {
			stops = append(stops, stop{float64(i), l.addNode(r[i], int32(ri))})
		}
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			lo, hi := math.Min(a.Y, b.Y), math.Max(a.Y, b.Y)
			if lo == hi {
				continue
			}
			k0 := int64(math.Floor(lo/s)) - 1
			k1 := int64(math.Ceil(hi/s)) + 1
			for k := k0; k <= k1; k++ {
				v := float64(k) * s
				if (a.Y <= v) == (b.Y <= v) {
					continue
				}
				t := (v - a.Y) / (b.Y - a.Y)
				u := a.X + t*(b.X-a.X)
				id := l.addNode(pt{X: u, Y: v}, int32(ri))
				stops = append(stops, stop{float64(i) + t, id})
				if k >= kMin && k <= kMax {
					byRow[k-kMin] = append(byRow[k-kMin], crossing{u, id, float64(i) + t})
				}
			}
		}
		sort.SliceStable(stops, func(i, j int) bool { return stops[i].param < stops[j].param })
		ids := make([]int32, len(stops))
		for i, st := range stops {
			ids[i] = st.node
		}
		l.stops[ri] = ids
	}
	l.g = simple.NewWeightedUndirectedGraph(0, math.Inf(1))
	for id := range l.pos {
		l.g.AddNode(simple.Node(id))
	}
	for _, ids := range l.stops {
		for i, id := range ids {
			l.ringIx[id] = int32(i)
			next := ids[(i+1)%len(ids)]
			l.setEdge(id, next, l.pos[id].Dist(l.pos[next]))
		}
	}
	for ki, cs := range byRow {
		if len(cs) < 2 {
			continue
		}
		sort.Slice(cs, func(i, j int) bool { return cs[i].u < cs[j].u })
		row := fillRow{k: kMin + int64(ki)}
		for i := 0; i+1 < len(cs); i += 2 {
			a, b := cs[i], cs[i+1]
			row.segs = append(row.segs, fillSeg{u0: a.u, u1: b.u, n0: a.node, n1: b.node, section: -1})
			l.setEdge(a.node, b.node, b.u-a.u)
		}
		l.rows = append(l.rows, row)
	}
	l.sections()
	return l
}

// sections groups row segments into runs of consecutive rows that overlap
// one to one.
func (l *fillLayer) sections() {
	down := make([][]int32, len(l.rows)) // index of the single overlapping segment below, or -1
	for r := range l.rows {
		down[r] = make([]int32, len(l.rows[r].segs))
		for i := range down[r] {
			down[r][i] = -1
		}
		if r+1 >= len(l.rows) || l.rows[r+1].k != l.rows[r].k+1 {
			continue
		}
		a, b := l.rows[r].segs, l.rows[r+1].segs
		nDown := make([]int, len(a))
		nUp := make([]int, len(b))
		cand := make([]int32, len(a))
		j := 0
		for i := range a {
			for j > 0 && b[j-1].u1 > a[i].u0 {
				j--
			}
			for ; j < len(b) && b[j].u0 < a[i].u1; j++ {
				if b[j].u1 > a[i].u0 {
					nDown[i]++
					nUp[j]++
					cand[i] = int32(j)
				}
			}
		}
		for i := range a {
			if nDown[i] == 1 && nUp[cand[i]] == 1 {
				down[r][i] = cand[i]
			}
		}
	}
	for r := range l.rows {
		for i := range l.rows[r].segs {
			if l.rows[r].segs[i].section >= 0 {
				continue
			}
			sec := int32(len(l.secs))
			var refs []segRef
			rr, ii := int32(r), int32(i)
			for {
				l.rows[rr].segs[ii].section = sec
				refs = append(refs, segRef{rr, ii})
				nx := down[rr][ii]
				if nx < 0 {
					break
				}
				rr, ii = rr+1, nx
				if l.rows[rr].segs[ii].section >= 0 {
					break
				}
			}
			l.secs = append(l.secs, refs)
		}
	}
}

func (l *fillLayer) seg(r segRef) *fillSeg { return &l.rows[r.row].segs[r.seg] }

// corner returns the node where a section starts when sewn from its last
// row (fromLast) and from the row's low-u end (left).
func (l *fillLayer) corner(sec int, fromLast, left bool) int32 {
	refs := l.secs[sec]
	r := refs[0]
	if fromLast {
		r = refs[len(refs)-1]
	}
	if left {
		return l.seg(r).n0
	}
	return l.seg(r).n1
}

// rowStitches lays stitches along a row in the uv frame from u=a to u=b,
// on the grid anchored at the origin and staggered by row.
func (l *fillLayer) rowStitches(out []pt, k int64, a, b float64) []pt {
	L := l.p.maxStitch
	v := float64(k) * l.p.spacing
	st := l.p.staggers
	shift := 0.0
	if st > 0 {
		f := float64(k) / st
		shift = (f - math.Floor(f)) * L
	}
	gap := 0.2 * L
	out = append(out, pt{X: a, Y: v})
	last := len(out)
	if b > a {
		for j := math.Ceil((a + gap - shift) / L); ; j++ {
			u := j*L + shift
			if u >= b-gap {
				break
			}
			out = append(out, pt{X: u, Y: v})
		}
	} else {
		for j := math.Floor((a - gap - shift) / L); ; j-- {
			u := j*L + shift
			if u <= b+gap {
				break
			}
			out = append(out, pt{X: u, Y: v})
		}
	}
	if l.p.skipLast && len(out) > last {
		out = out[:len(out)-1]
	}
	return append(out, pt{X: b, Y: v})
}

// ringWalk returns the outline between two nodes on the same ring, the
// shorter way round, both ends included; a straight line otherwise.
func (l *fillLayer) ringWalk(a, b int32) []pt {
	pa, pb := l.pos[a], l.pos[b]
	if l.ring[a] != l.ring[b] {
		return []pt{pa, pb}
	}
	ids := l.stops[l.ring[a]]
	n := int32(len(ids))
	ia, ib := l.ringIx[a], l.ringIx[b]
	fw := (ib - ia + n) % n
	step := int32(1)
	cnt := fw
	if n-fw < fw {
		step, cnt = -1, n-fw
	}
	out := []pt{pa}
	length := 0.0
	for i, j := int32(0), ia; i < cnt; i++ {
		j = (j + step + n) % n
		q := l.pos[ids[j]]
		length += out[len(out)-1].Dist(q)
		out = append(out, q)
	}
	if length > 3*pa.Dist(pb)+1 {
		return []pt{pa, pb}
	}
	return out
}

// sew appends the stitches of a section (uv frame) and returns its end node.
func (l *fillLayer) sew(out []pt, sec int, fromLast, left bool) ([]pt, int32) {
	refs := l.secs[sec]
	order := make([]segRef, len(refs))
	copy(order, refs)
	if fromLast {
		for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
			order[i], order[j] = order[j], order[i]
		}
	}
	pc := l.p.pullComp
	var end int32
	var prevEnd pt
	for i, r := range order {
		s := l.seg(r)
		k := l.rows[r.row].k
		a, b := s.u0-pc, s.u1+pc
		start, stop := s.n0, s.n1
		if !left {
			a, b = b, a
			start, stop = stop, start
		}
		if i > 0 {
			// Connect from the previous row's end along the outline.
			var conn []pt
			if pc == 0 {
				conn = l.ringWalk(end, start)
			} else {
				conn = []pt{prevEnd, {X: a, Y: float64(k) * l.p.spacing}}
			}
			if len(conn) > 2 {
				st := runningStitch(conn, l.p.maxStitch, l.p.tolerance)
				out = append(out, st[1:len(st)-1]...)
			}
		}
		out = l.rowStitches(out, k, a, b)
		prevEnd = out[len(out)-1]
		end = stop
		left = !left
	}
	// Travel over these rows from now on is on top of finished stitches.
	for _, r := range refs {
		s := l.seg(r)
		l.g.SetWeightedEdge(l.g.NewWeightedEdge(simple.Node(s.n0), simple.Node(s.n1), (s.u1-s.u0)*l.p.travelSewn))
	}
	return out, end
}

// plan routes the layer: it returns continuous runs of stitches in the
// page frame. start, when not nil, is where the needle is; inside says it
// is already inside the region (an underlay ended there), so the layer may
// travel from it instead of starting at the nearest section corner.
func (l *fillLayer) plan(ctx context.Context, start *pt, inside bool) ([][]pt, error) {
	if len(l.secs) == 0 {
		return nil, nil
	}
	done := make([]bool, len(l.secs))
	left := len(l.secs)
	var runs [][]pt
	var cur []pt
	curNode := int32(-1)
	var curPos pt
	if start != nil {
		curPos = l.toUV(*start)
		if inside {
			best := math.Inf(1)
			for id, q := range l.pos {
				if d := q.Dist(curPos); d < best {
					best, curNode = d, int32(id)
				}
			}
			cur = []pt{curPos}
		}
	} else {
		curPos = l.pos[l.corner(0, false, true)]
	}
	for left > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		bestSec, bestFromLast, bestLeft := -1, false, false
		best := math.Inf(1)
		var sp nearest
		if curNode >= 0 {
			sp = l.searchFrom(curNode, done)
			for s := range l.secs {
				if done[s] {
					continue
				}
				for c := 0; c < 4; c++ {
					w := sp.weightTo(l.corner(s, c >= 2, c%2 == 0))
					if w < best {
						best, bestSec, bestFromLast, bestLeft = w, s, c >= 2, c%2 == 0
					}
				}
			}
		}
		if bestSec >= 0 {
			nodes := sp.to(l.corner(bestSec, bestFromLast, bestLeft))
			travel := make([]pt, 0, len(nodes)+1)
			travel = append(travel, curPos)
			for _, nd := range nodes {
				travel = append(travel, l.pos[nd])
			}
			st := runningStitch(travel, l.p.runLength, l.p.tolerance)
			if len(st) > 1 {
				cur = append(cur, st[1:]...)
			}
		} else {
			// Nothing reachable (first section, or another island of the
			// region): start a new run at the nearest corner.
			for s := range l.secs {
				if done[s] {
					continue
				}
				for c := 0; c < 4; c++ {
					d := curPos.Dist(l.pos[l.corner(s, c >= 2, c%2 == 0)])
					if d < best {
						best, bestSec, bestFromLast, bestLeft = d, s, c >= 2, c%2 == 0
					}
				}
			}
			if len(cur) > 1 {
				runs = append(runs, cur)
			}
			cur = nil
		}
		var end int32
		cur, end = l.sew(cur, bestSec, bestFromLast, bestLeft)
		done[bestSec] = true
		left--
		curNode = end
		curPos = cur[len(cur)-1]
	}
	if len(cur) > 1 {
		runs = append(runs, cur)
	}
	for _, r := range runs {
		for i, q := range r {
			r[i] = l.toPage(q)
		}
	}
	return runs, nil
}

// planFill plans a filled region: underlay passes, then the top layer.
// region holds the shape's rings (any orientation, the fill rule already
// applied by cleanRegion). start is the needle position before the shape.
//
// Each island of the region (an outer ring with its holes) is sewn whole,
// underlay then top, before the next, nearest first, as Ink/Stitch sews
// the pieces of a fill.
func planFill(ctx context.Context, region [][]pt, fp fillParams, start *pt) ([][]pt, error) {
	isl := islands(region)
	var runs [][]pt
	for len(isl) > 0 {
		best, bd := 0, math.Inf(1)
		if start != nil {
			for i, is := range isl {
				for _, q := range is[0] {
					if d := (*start).Dist(q); d < bd {
						best, bd = i, d
					}
				}
			}
		}
		r, err := planIsland(ctx, isl[best], fp, start)
		if err != nil {
			return nil, err
		}
		isl = append(isl[:best], isl[best+1:]...)
		runs = append(runs, r...)
		if len(runs) > 0 {
			e := last(runs)
			start = &e
		}
	}
	return runs, nil
}

// islands groups clean rings into outer rings (first) with their holes.
func islands(region [][]pt) [][][]pt {
	if len(region) == 0 {
		return nil
	}
	big := 0
	for i, r := range region {
		if math.Abs(ringArea(r)) > math.Abs(ringArea(region[big])) {
			big = i
		}
	}
	outerSign := math.Signbit(ringArea(region[big]))
	var out [][][]pt
	var holes [][]pt
	for _, r := range region {
		if math.Signbit(ringArea(r)) == outerSign {
			out = append(out, [][]pt{r})
		} else {
			holes = append(holes, r)
		}
	}
	for _, h := range holes {
		// The smallest outer ring around the hole's vertices (a vertex may
		// touch an outer ring: vote over all of them).
		best, ba, bv := -1, math.Inf(1), 0
		for i, is := range out {
			votes := 0
			for _, q := range h {
				if insideEvenOdd(is[:1], q) {
					votes++
				}
			}
			a := math.Abs(ringArea(is[0]))
			if votes*2 > len(h) && (votes > bv || (votes == bv && a < ba)) {
				best, ba, bv = i, a, votes
			}
		}
		if best < 0 {
			best = 0
			for i, is := range out {
				if math.Abs(ringArea(is[0])) > math.Abs(ringArea(out[best][0])) {
					best = i
				}
			}
		}
		out[best] = append(out[best], h)
	}
	return out
}

// planIsland plans one island: underlay passes, then the top layer.
func planIsland(ctx context.Context, region [][]pt, fp fillParams, start *pt) ([][]pt, error) {
	var runs [][]pt
	inside := false
	if fp.underlay {
		under := region
		if fp.underlayInset != 0 {
			under = cleanRegion(region, vector.EvenOdd, -fp.underlayInset)
		}
		for _, a := range fp.underlayAngles {
			l := buildFillLayer(under, fillLayerParams{
				angle: a, spacing: fp.underlaySpacing, maxStitch: fp.underlayMaxStitch, staggers: fp.staggers,
				runLength: fp.runLength, tolerance: fp.runTolerance, travelSewn: 2,
			})
			r, err := l.plan(ctx, start, inside)
			if err != nil {
				return nil, err
			}
			if len(r) > 0 {
				runs = appendRuns(runs, r)
				e := last(runs)
				start, inside = &e, true
			}
		}
	}
	if top := topLayers[fp.method]; top != nil {
		// contour or guided fill over the same underlay (auto_fill's rows
		// when it finds nothing to sew)
		r, err := top(ctx, region, fp, start)
		if err != nil {
			return nil, err
		}
		if len(r) > 0 {
			return appendRuns(runs, r), nil
		}
	}
	l := buildFillLayer(region, fillLayerParams{
		angle: fp.angle, spacing: fp.rowSpacing, maxStitch: fp.maxStitch, staggers: fp.staggers,
		pullComp: fp.pullComp, runLength: fp.runLength, tolerance: fp.runTolerance, skipLast: fp.skipLast,
		travelSewn: 2,
	})
	r, err := l.plan(ctx, start, inside)
	if err != nil {
		return nil, err
	}
	return appendRuns(runs, r), nil
}

// appendRuns joins r to runs: the first run of r continues the last of
// runs when it starts where that one ends (a layer that travelled on).
func appendRuns(runs, r [][]pt) [][]pt {
	if len(runs) > 0 && len(r) > 0 && len(r[0]) > 0 && last(runs).Dist(r[0][0]) < 1e-9 {
		runs[len(runs)-1] = append(runs[len(runs)-1], r[0][1:]...)
		r = r[1:]
	}
	return append(runs, r...)
}

func last(runs [][]pt) pt {
	r := runs[len(runs)-1]
	return r[len(r)-1]
}

// nearest holds the travel distances from one node over the layer's graph,
// final up to the nearest corner of a section left to sew.
type nearest struct {
	dist []float64
	prev []int32
}

// weightTo is the travel distance to node n: exact for every node as near
// as the nearest corner left, larger than that for the others (+Inf when
// not reached), so the nearest corners are found as with a full search.
func (sp nearest) weightTo(n int32) float64 { return sp.dist[n] }

// to lists the nodes of the shortest travel to n, the start first.
func (sp nearest) to(n int32) []int32 {
	var out []int32
	for ; n >= 0; n = sp.prev[n] {
		out = append(out, n)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// searchFrom is Dijkstra's search from src that stops once it settles a
// node farther than the nearest corner of a section not yet sewn (done):
// the full search from every section's end made planning quadratic in the
// sections (a 200-point self-crossing fill, found by FuzzPlanFill, took
// 22 s), where the next section is usually a few rows away.
func (l *fillLayer) searchFrom(src int32, done []bool) nearest {
	n := len(l.pos)
	corner := make([]bool, n)
	for s := range l.secs {
		if !done[s] {
			for c := 0; c < 4; c++ {
				corner[l.corner(s, c >= 2, c%2 == 0)] = true
			}
		}
	}
	sp := nearest{dist: make([]float64, n), prev: make([]int32, n)}
	for i := range sp.dist {
		sp.dist[i], sp.prev[i] = math.Inf(1), -1
	}
	settled := make([]bool, n)
	sp.dist[src] = 0
	q := &nodeQueue{{src, 0}}
	found := math.Inf(1)
	for q.Len() > 0 {
		it := heap.Pop(q).(queued)
		u := it.node
		if settled[u] || it.d > sp.dist[u] {
			continue
		}
		if it.d > found {
			break
		}
		settled[u] = true
		if corner[u] {
			found = min(found, it.d)
		}
		to := l.g.From(int64(u))
		for to.Next() {
			v := to.Node().ID()
			w, _ := l.g.Weight(int64(u), v)
			if d := sp.dist[u] + w; d < sp.dist[v] {
				sp.dist[v], sp.prev[v] = d, u
				heap.Push(q, queued{int32(v), d})
			}
		}
	}
	return sp
}

type queued struct {
	node int32
	d    float64
}

// nodeQueue is a min-heap of nodes by tentative distance.
type nodeQueue []queued

func (q nodeQueue) Len() int           { return len(q) }
func (q nodeQueue) Less(i, j int) bool { return q[i].d < q[j].d }
func (q nodeQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *nodeQueue) Push(x any)        { *q = append(*q, x.(queued)) }
func (q *nodeQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}
