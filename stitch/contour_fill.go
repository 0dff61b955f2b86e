package stitch

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/usinette/usinette/vector"
)

// Contour fill (inkstitch:fill_method="contour_fill"): rows that follow the
// shape's outline inward, one ring every row spacing, as Ink/Stitch's
// "inner to outer" strategy sews them.
//
// The rings are the island's outline offset inward by k·spacing (k = 0, 1,
// ...) through the project's clipper, until nothing is left. Two rings are
// neighbours when they come within about two row spacings of each other
// (a ring and the next one inward, or two rings of one level that meet
// where the shape narrows, such as the rings around a hole and the outer
// ones); a minimum spanning tree over those neighbours, from the outer
// ring nearest the needle, says how the needle goes from ring to ring, so
// that it never crosses more than a couple of rows. Each ring is sewn after
// the rings inside it (inner to outer): the needle travels along a ring to
// where its inner neighbour is nearest, steps in, sews the inner rings,
// steps back, returns along the ring and finally sews the ring itself over
// that travel. A part of the island that no chain of neighbours reaches is
// sewn as a separate run.

// topLayers are the fill methods other than auto_fill, by
// inkstitch:fill_method: the top layer of an island (its underlay is
// auto_fill's).
var topLayers = map[string]func(ctx context.Context, island [][]pt, fp fillParams, start *pt) ([][]pt, error){
	"contour_fill": planContour,
	"guided_fill":  planGuided, // only with a guide line (planShape)
}

// cring is a closed ring with its arc length.
type cring struct {
	p     []pt      // the first point is not repeated at the end
	cum   []float64 // cum[i]: arc length to p[i]; cum[len(p)]: the whole ring
	level int
	box   box
}

func newCRing(p []pt, level int) *cring {
	r := &cring{p: p, level: level, cum: make([]float64, len(p)+1), box: emptyBox()}
	for i := range p {
		r.cum[i+1] = r.cum[i] + p[i].Dist(p[(i+1)%len(p)])
		r.box.add(p[i])
	}
	return r
}

func (r *cring) length() float64 { return r.cum[len(r.p)] }

// wrap brings an arc length into [0, length).
func (r *cring) wrap(s float64) float64 {
	L := r.length()
	if L == 0 {
		return 0
	}
	s = math.Mod(s, L)
	if s < 0 {
		s += L
	}
	return s
}

func (r *cring) at(s float64) pt {
	s = r.wrap(s)
	i := sort.SearchFloat64s(r.cum, s)
	if i > 0 && (i >= len(r.cum) || r.cum[i] > s) {
		i--
	}
	if i >= len(r.p) {
		i = len(r.p) - 1
	}
	seg := r.cum[i+1] - r.cum[i]
	if seg == 0 {
		return r.p[i]
	}
	return r.p[i].Lerp(r.p[(i+1)%len(r.p)], (s-r.cum[i])/seg)
}

// nearest returns the arc length of the ring's point nearest q, and the
// distance.
func (r *cring) nearest(q pt) (float64, float64) {
	bestS, best2 := 0.0, math.Inf(1)
	n := len(r.p)
	for i := range n {
		a, b := r.p[i], r.p[(i+1)%n]
		ab := b.Sub(a)
		l2 := ab.Dot(ab)
		t := 0.0
		if l2 > 0 {
			t = math.Max(0, math.Min(1, q.Sub(a).Dot(ab)/l2))
		}
		c := a.Add(ab.Scale(t))
		dx, dy := q.X-c.X, q.Y-c.Y
		if d2 := dx*dx + dy*dy; d2 < best2 {
			best2, bestS = d2, r.cum[i]+t*(r.cum[i+1]-r.cum[i])
		}
	}
	return bestS, math.Sqrt(best2)
}

// walk returns the ring from arc length s0 over a length of d (backwards
// when d < 0), both ends included.
func (r *cring) walk(s0, d float64) []pt {
	out := []pt{r.at(s0)}
	L := r.length()
	if L == 0 || d == 0 {
		return out
	}
	n := len(r.p)
	if d > 0 {
		// vertices after s0 up to s0+d
		s0 = r.wrap(s0)
		end := s0 + d
		for lap := 0.0; ; lap += L {
			for i := range n {
				s := r.cum[i] + lap
				if s <= s0+1e-12 {
					continue
				}
				if s >= end-1e-12 {
					return append(out, r.at(end))
				}
				out = append(out, r.p[i])
			}
		}
	}
	s0 = r.wrap(s0)
	end := s0 + d
	for lap := 0.0; ; lap -= L {
		for i := n - 1; i >= 0; i-- {
			s := r.cum[i] + lap
			if s >= s0-1e-12 {
				continue
			}
			if s <= end+1e-12 {
				return append(out, r.at(end))
			}
			out = append(out, r.p[i])
		}
	}
}

// ringGap is the smallest distance between two rings: the arc lengths of
// the nearest points on each and the distance. For a ring and the next one
// inward (b), b's vertices suffice: every one of them lies a row spacing
// from a, the nearest pair included.
func ringGap(a, b *cring) (float64, float64, float64) {
	bestA, bestB, best := 0.0, 0.0, math.Inf(1)
	for i, q := range b.p {
		if s, d := a.nearest(q); d < best {
			bestA, bestB, best = s, b.cum[i], d
		}
	}
	if a.level == b.level {
		for i, q := range a.p {
			if s, d := b.nearest(q); d < best {
				bestA, bestB, best = a.cum[i], s, d
			}
		}
	}
	return bestA, bestB, best
}

// contourLink is a tree edge: the child ring and where the two rings are
// nearest (arc length on the parent, on the child).
type contourLink struct {
	child  int
	sp, sc float64
}

// contourRings offsets one island inward level by level.
func contourRings(ctx context.Context, island [][]pt, spacing float64, clockwise bool) ([]*cring, error) {
	var rings []*cring
	for level := 0; level < 100_000; level++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var rs [][]pt
		if level == 0 {
			rs = cleanRegion(island, vector.EvenOdd, 0) // outer rings and holes
		} else {
			rs = cleanRegion(island, vector.EvenOdd, -float64(level)*spacing)
		}
		if len(rs) == 0 {
			break
		}
		for _, r := range rs {
			r = dedupe(r, 1e-4)
			if len(r) > 1 && samePoint(r[0], r[len(r)-1]) {
				r = r[:len(r)-1]
			}
			if len(r) < 3 {
				continue
			}
			// one direction for every ring (holes included), so that
			// neighbouring rows are sewn the same way round (a positive
			// area turns clockwise on the page, y down)
			if (ringArea(r) > 0) != clockwise {
				r = reversed(r)
			}
			rings = append(rings, newCRing(r, level))
		}
	}
	return rings, nil
}

// planContour sews the top layer of one island as a contour fill; start is
// where the needle is (nil: anywhere).
func planContour(ctx context.Context, island [][]pt, fp fillParams, start *pt) ([][]pt, error) {
	if fp.contourStrategy == 1 || fp.contourStrategy == 2 {
		runs, ok, err := planSpiral(ctx, island, fp, start)
		if ok || err != nil {
			return runs, err
		}
		if fp.note != nil {
			fp.note(fmt.Sprintf("contour_strategy %d (%s) needs a shape without holes or narrows, whose rings nest one in the other: sewn inner to outer", fp.contourStrategy, spiralName(fp.contourStrategy)))
		}
	}
	rings, err := contourRings(ctx, island, fp.rowSpacing, fp.clockwise)
	if err != nil || len(rings) == 0 {
		return nil, err
	}
	// neighbours: rings of one level or of consecutive levels that come
	// within reach of a short step
	reach := 2.2*fp.rowSpacing + 0.05
	type edge struct {
		a, b   int
		sa, sb float64
		d      float64
	}
	byLevel := map[int][]int{}
	for i, r := range rings {
		byLevel[r.level] = append(byLevel[r.level], i)
	}
	adj := make([][]edge, len(rings))
	for i, r := range rings {
		for _, lv := range []int{r.level, r.level + 1} {
			for _, j := range byLevel[lv] {
				if j <= i && lv == r.level {
					continue
				}
				o := rings[j]
				if r.box.minX > o.box.maxX+reach || o.box.minX > r.box.maxX+reach ||
					r.box.minY > o.box.maxY+reach || o.box.minY > r.box.maxY+reach {
					continue
				}
				sa, sb, d := ringGap(r, o)
				if d <= reach {
					adj[i] = append(adj[i], edge{i, j, sa, sb, d})
					adj[j] = append(adj[j], edge{j, i, sb, sa, d})
				}
			}
		}
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
	}
	// Prim's tree from a root, component by component; the root of each is
	// its outermost ring nearest the needle.
	inTree := make([]bool, len(rings))
	children := make([][]contourLink, len(rings))
	var runs [][]pt
	pos := start
	for {
		root, best := -1, math.Inf(1)
		minLevel := math.MaxInt
		for i, r := range rings {
			if !inTree[i] && r.level < minLevel {
				minLevel = r.level
			}
		}
		for i, r := range rings {
			if inTree[i] || r.level != minLevel {
				continue
			}
			d := 0.0
			if pos != nil {
				_, d = r.nearest(*pos)
			}
			if d < best {
				root, best = i, d
			}
		}
		if root < 0 {
			break
		}
		inTree[root] = true
		frontier := append([]edge(nil), adj[root]...)
		for len(frontier) > 0 {
			bi := 0
			for k, e := range frontier {
				if e.d < frontier[bi].d {
					bi = k
				}
			}
			e := frontier[bi]
			frontier[bi] = frontier[len(frontier)-1]
			frontier = frontier[:len(frontier)-1]
			if inTree[e.b] {
				continue
			}
			inTree[e.b] = true
			children[e.a] = append(children[e.a], contourLink{child: e.b, sp: e.sa, sc: e.sb})
			for _, f := range adj[e.b] {
				if !inTree[f.b] {
					frontier = append(frontier, f)
				}
			}
		}
		entry := 0.0
		if pos != nil {
			entry, _ = rings[root].nearest(*pos)
		}
		run := sewContour(nil, rings, children, root, entry, fp)
		if len(run) > 1 {
			runs = append(runs, run)
			e := run[len(run)-1]
			pos = &e
		}
	}
	return runs, nil
}

// sewContour appends ring i and the rings below it in the tree to out,
// entering and leaving at arc length entry: travel along the ring to each
// inner neighbour, the inner rings, back, then the ring itself.
func sewContour(out []pt, rings []*cring, children [][]contourLink, i int, entry float64, fp fillParams) []pt {
	r := rings[i]
	L := r.length()
	add := func(p []pt) {
		if len(p) > 0 && len(out) > 0 && samePoint(out[len(out)-1], p[0]) {
			p = p[1:]
		}
		out = append(out, p...)
	}
	add([]pt{r.at(entry)})
	kids := append([]contourLink(nil), children[i]...)
	// forward from the entry
	fwd := func(s float64) float64 { return r.wrap(s - entry) }
	sort.Slice(kids, func(a, b int) bool { return fwd(kids[a].sp) < fwd(kids[b].sp) })
	cur := 0.0 // forward distance from the entry
	for _, k := range kids {
		to := fwd(k.sp)
		add(runningStitch(r.walk(entry+cur, to-cur), fp.runLength, fp.runTolerance))
		cur = to
		out = sewContour(out, rings, children, k.child, k.sc, fp)
		add([]pt{r.at(entry + cur)}) // step back out
	}
	if cur > 0 {
		// back to the entry the shorter way: the ring is sewn over it next
		back := -cur
		if L-cur < cur {
			back = L - cur
		}
		add(runningStitch(r.walk(entry+cur, back), fp.runLength, fp.runTolerance))
	}
	add(runningStitch(r.walk(entry, L), fp.maxStitch, fp.runTolerance))
	return out
}

// Ink/Stitch's other contour strategies, for shapes whose rings form one
// chain (each level a single ring: no hole, no narrowing that splits the
// shape). "Single spiral" goes from the outline inward in one spiral: along
// each ring the needle drifts towards the next ring inward, by the share of
// the ring it has gone round. "Double spiral" spirals inward on every
// other ring and back out on the rings between, ending near where it
// started. Other shapes are sewn inner to outer, with a note.

// planSpiral sews the island as a spiral; ok is false when its rings are
// not a chain.
func planSpiral(ctx context.Context, island [][]pt, fp fillParams, start *pt) ([][]pt, bool, error) {
	rings, err := contourRings(ctx, island, fp.rowSpacing, fp.clockwise)
	if err != nil || len(rings) == 0 {
		return nil, true, err
	}
	for i, r := range rings {
		if r.level != i {
			return nil, false, nil
		}
	}
	entry := 0.0
	if start != nil {
		entry, _ = rings[0].nearest(*start)
	}
	if fp.contourStrategy != 2 || len(rings) < 3 {
		return [][]pt{runningStitch(spiral(rings, entry), fp.maxStitch, fp.runTolerance)}, true, nil
	}
	var even, odd []*cring
	for i, r := range rings {
		if i%2 == 0 {
			even = append(even, r)
		} else {
			odd = append(odd, r)
		}
	}
	in := spiral(even, entry)
	oddEntry, _ := odd[0].nearest(rings[0].at(entry))
	out := reversed(spiral(odd, oddEntry))
	way := append(in, out...)
	return [][]pt{runningStitch(way, fp.maxStitch, fp.runTolerance)}, true, nil
}

// spiral returns the polyline of a spiral over a chain of rings, from arc
// length entry on the first, sewing the last one whole.
func spiral(rings []*cring, entry float64) []pt {
	var out []pt
	s := entry
	for k, r := range rings {
		L := r.length()
		if k == len(rings)-1 {
			return append(out, r.walk(s, L)...)
		}
		next := rings[k+1]
		// the ring's vertices and points every millimetre, each moved
		// towards the next ring by the share of the ring gone round
		ws := r.walk(s, L)
		var pts []pt
		for i := 1; i < len(ws); i++ {
			a, b := ws[i-1], ws[i]
			n := max(1, int(math.Ceil(a.Dist(b))))
			for j := range n {
				pts = append(pts, a.Lerp(b, float64(j)/float64(n)))
			}
		}
		done := 0.0
		for i, q := range pts {
			if i > 0 {
				done += pts[i-1].Dist(q)
			}
			f := done / L
			ns, _ := next.nearest(q)
			out = append(out, q.Lerp(next.at(ns), f))
		}
		s, _ = next.nearest(r.at(s))
	}
	return out
}
