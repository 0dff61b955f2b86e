package stitch

import (
	"context"
	"math"
	"sort"
)

// A satin column is sewn between two rails, as Ink/Stitch builds it:
//
//   - A path of two subpaths is a pair of rails; with more, the rungs are
//     the subpaths that cross exactly two others and the rails the two that
//     cross the rungs (the two longest when that is ambiguous).
//   - Rungs cut the rails into sections; without rungs the rails are cut at
//     the sharp corners they share. Within a section both rails are walked
//     in proportion to their length, so that a point of one rail always
//     faces the point of the other at the same fraction of the section.
//   - A rail drawn the other way round is turned (reverse_rails: automatic),
//     or as reverse_rails and swap_satin_rails say.
//   - Rails that are closed loops (a ring, the bowl of a letter) are opened
//     at the same place: at a rung, or where they come nearest each other,
//     and run the same way round.
//   - Stitches are placed so that each is zigzag_spacing_mm from the
//     previous one on the rail that moves most (the outside of a curve), as
//     Ink/Stitch measures it; on the inside of tight curves, where the
//     points crowd closer than short_stitch_distance_mm, every other point
//     is pulled short_stitch_inset % of the width towards the middle.
//
// Every stitch of the top layer joins a point of one rail to a point of the
// other, and the points advance along each rail: the column cannot cross
// itself.

// rail is a polyline with its cumulative arc length.
type rail struct {
	p   []pt
	cum []float64
}

func newRail(p []pt) rail {
	cum := make([]float64, len(p))
	for i := 1; i < len(p); i++ {
		cum[i] = cum[i-1] + p[i-1].Dist(p[i])
	}
	return rail{p, cum}
}

func (r rail) length() float64 { return r.cum[len(r.cum)-1] }

func (r rail) at(s float64) pt {
	j := sort.SearchFloat64s(r.cum, s)
	if j <= 0 {
		return r.p[0]
	}
	if j >= len(r.p) {
		return r.p[len(r.p)-1]
	}
	seg := r.cum[j] - r.cum[j-1]
	if seg == 0 {
		return r.p[j]
	}
	return r.p[j-1].Lerp(r.p[j], (s-r.cum[j-1])/seg)
}

// nearest returns the arc length of the point of r nearest to q, and the
// distance.
func (r rail) nearest(q pt) (float64, float64) {
	bestS, bestD := 0.0, math.Inf(1)
	for i := 1; i < len(r.p); i++ {
		a, b := r.p[i-1], r.p[i]
		ab := b.Sub(a)
		l2 := ab.Dot(ab)
		t := 0.0
		if l2 > 0 {
			t = math.Max(0, math.Min(1, q.Sub(a).Dot(ab)/l2))
		}
		if d := q.Dist(a.Lerp(b, t)); d < bestD {
			bestD, bestS = d, r.cum[i-1]+t*math.Sqrt(l2)
		}
	}
	return bestS, bestD
}

// rotated returns a closed rail (first point = last point) opened at arc
// length s: it starts there, goes once round and comes back there.
func (r rail) rotated(s float64) []pt {
	L := r.length()
	if L == 0 {
		return r.p
	}
	s = math.Mod(math.Mod(s, L)+L, L)
	j := sort.SearchFloat64s(r.cum, s)
	start := r.at(s)
	out := []pt{start}
	for i := j; i < len(r.p); i++ {
		out = append(out, r.p[i])
	}
	for i := 1; i < j; i++ {
		out = append(out, r.p[i])
	}
	out = append(out, start)
	return dedupe(out, 1e-9)
}

// isLoop reports whether a rail comes back to where it starts.
func isLoop(p []pt) bool {
	if len(p) < 3 {
		return false
	}
	L := newRail(p).length()
	return L > 0 && p[0].Dist(p[len(p)-1]) <= math.Min(0.1, L/20)
}

// segParams returns the parameters, along pq and along rs, of the point
// where the lines through the two segments meet, and false when they are
// parallel. Callers bound them as their ends require.
func segParams(p, q, r, s pt) (t, u float64, ok bool) {
	d1, d2 := q.Sub(p), s.Sub(r)
	den := d1.Cross(d2)
	if den == 0 {
		return 0, 0, false
	}
	w := r.Sub(p)
	return w.Cross(d2) / den, w.Cross(d1) / den, true
}

// segCross returns the parameters (along pq and along rs) where the
// segments pq and rs cross, and whether they do.
func segCross(p, q, r, s pt) (float64, float64, bool) {
	t, u, ok := segParams(p, q, r, s)
	if !ok || t < 0 || t > 1 || u < 0 || u > 1 {
		return 0, 0, false
	}
	return t, u, true
}

// crossings returns the arc lengths along rail r where the polyline q
// crosses it.
func (r rail) crossings(q []pt) []float64 {
	var out []float64
	for i := 1; i < len(r.p); i++ {
		for k := 1; k < len(q); k++ {
			if t, _, ok := segCross(r.p[i-1], r.p[i], q[k-1], q[k]); ok {
				s := r.cum[i-1] + t*(r.cum[i]-r.cum[i-1])
				if len(out) == 0 || math.Abs(out[len(out)-1]-s) > 1e-9 {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// meet returns the arc length of rail r where the rung q meets it: where
// it crosses it, or, for a rung that stops short, the point of r nearest
// to the rung. ok is false when the rung crosses r more than once.
func (r rail) meet(q []pt) (float64, bool) {
	switch c := r.crossings(q); len(c) {
	case 1:
		return c[0], true
	case 0:
	default:
		return 0, false
	}
	bestS, bestD := 0.0, math.Inf(1)
	for _, e := range q {
		if s, d := r.nearest(e); d < bestD {
			bestS, bestD = s, d
		}
	}
	// the rail's own points near the rung's segments (a rung shorter than
	// the gap, seen from the rail's side)
	rq := newRail(q)
	for i, e := range r.p {
		if _, d := rq.nearest(e); d < bestD {
			bestS, bestD = r.cum[i], d
		}
	}
	return bestS, true
}

func polyIntersects(a, b []pt) bool {
	if len(a) < 2 || len(b) < 2 {
		return false
	}
	ax0, ay0, ax1, ay1 := bbox(a)
	bx0, by0, bx1, by1 := bbox(b)
	if ax1 < bx0 || bx1 < ax0 || ay1 < by0 || by1 < ay0 {
		return false
	}
	for i := 1; i < len(a); i++ {
		for k := 1; k < len(b); k++ {
			if _, _, ok := segCross(a[i-1], a[i], b[k-1], b[k]); ok {
				return true
			}
		}
	}
	return false
}

func bbox(p []pt) (x0, y0, x1, y1 float64) {
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range p {
		x0, y0 = math.Min(x0, q.X), math.Min(y0, q.Y)
		x1, y1 = math.Max(x1, q.X), math.Max(y1, q.Y)
	}
	return
}

// railsAndRungs tells the rails of a satin column from its rungs, as
// Ink/Stitch does: a rung crosses exactly two other subpaths (the rails),
// a rail crosses more (or, with a single rung, exactly one). When that
// does not single out two rails, the two longest subpaths are the rails.
// The rails keep their document order.
func railsAndRungs(paths [][]pt) (a, b []pt, rungs [][]pt) {
	n := len(paths)
	if n == 2 {
		return paths[0], paths[1], nil
	}
	count := make([]int, n)
	if n > 200 {
		// not a ladder anyone draws: spare the quadratic crossing count
		count = nil
	}
	for i := 0; i < len(count); i++ {
		for j := i + 1; j < n; j++ {
			if polyIntersects(paths[i], paths[j]) {
				count[i]++
				count[j]++
			}
		}
	}
	var cand []int
	for i := range count {
		long := newRail(paths[i]).length() > 0.03
		if (n == 3 && count[i] == 1 && long) || (n > 3 && count[i] > 2 && long) {
			cand = append(cand, i)
		}
	}
	if n == 3 && len(cand) == 2 && count[3-cand[0]-cand[1]] != 2 {
		// the one rung must cross both rails (a rung that stops 0.06 mm
		// short of a rail made a rail of it, and of the rail a rung)
		cand = nil
	}
	if len(cand) != 2 {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(i, j int) bool { return newRail(paths[idx[i]]).length() > newRail(paths[idx[j]]).length() })
		cand = []int{min(idx[0], idx[1]), max(idx[0], idx[1])}
	}
	for i, p := range paths {
		if i != cand[0] && i != cand[1] {
			rungs = append(rungs, p)
		}
	}
	return paths[cand[0]], paths[cand[1]], rungs
}

// sameWayBySampling reports whether rail b runs the same way as rail a:
// points taken at the same fractions of both are nearer each other than
// with b turned round (Ink/Stitch's automatic reversal).
func sameWayBySampling(a, b rail) bool {
	same, rev := 0.0, 0.0
	for i := 0; i < 10; i++ {
		f := float64(i) / 10
		pa := a.at(f * a.length())
		same += pa.Dist(b.at(f * b.length()))
		rev += pa.Dist(b.at((1 - f) * b.length()))
	}
	return same <= rev
}

// cut is a pair of arc lengths, on rail a and on rail b, that face each
// other.
type cut [2]float64

// increasing keeps the longest run of cuts (in the given order) that
// advances on both rails, dropping the others: a rung drawn out of order
// cannot make the column cross itself.
func increasing(cs []cut, la, lb float64) []cut {
	var in []cut
	for _, c := range cs {
		if c[0] > 1e-6 && c[1] > 1e-6 && c[0] < la-1e-6 && c[1] < lb-1e-6 {
			in = append(in, c)
		}
	}
	sort.SliceStable(in, func(i, j int) bool { return in[i][0] < in[j][0] })
	n := len(in)
	if n == 0 {
		return nil
	}
	best := make([]int, n)
	prev := make([]int, n)
	end := 0
	for i := range in {
		best[i], prev[i] = 1, -1
		for j := 0; j < i; j++ {
			if in[j][0] < in[i][0]-1e-6 && in[j][1] < in[i][1]-1e-6 && best[j]+1 > best[i] {
				best[i], prev[i] = best[j]+1, j
			}
		}
		if best[i] > best[end] {
			end = i
		}
	}
	out := make([]cut, best[end])
	for i, k := end, len(out)-1; i >= 0; i, k = prev[i], k-1 {
		out[k] = in[i]
	}
	return out
}

// corners returns the arc lengths of the sharp corners of a rail (a turn
// of more than 35°), ends excluded: where Ink/Stitch users put the nodes
// that match the two rails of a satin without rungs.
func corners(r rail) []float64 {
	var out []float64
	for i := 1; i+1 < len(r.p); i++ {
		u, v := r.p[i].Sub(r.p[i-1]), r.p[i+1].Sub(r.p[i])
		lu, lv := u.Len(), v.Len()
		if lu == 0 || lv == 0 {
			continue
		}
		if u.Dot(v)/(lu*lv) < math.Cos(35*math.Pi/180) {
			out = append(out, r.cum[i])
		}
	}
	return out
}

// cornerCuts pairs the sharp corners of two rails: all of them in order
// when both rails have as many, otherwise the corners that are each
// other's nearest by fraction of the rail's length (within 15 %).
func cornerCuts(a, b rail) []cut {
	ca, cb := corners(a), corners(b)
	la, lb := a.length(), b.length()
	if len(ca) == 0 || len(cb) == 0 || la == 0 || lb == 0 {
		return nil
	}
	var out []cut
	if len(ca) == len(cb) {
		for i := range ca {
			out = append(out, cut{ca[i], cb[i]})
		}
		return out
	}
	nearest := func(x float64, l float64, in []float64, lin float64) int {
		k, bd := -1, 0.15
		for i, y := range in {
			if d := math.Abs(x/l - y/lin); d < bd {
				k, bd = i, d
			}
		}
		return k
	}
	for i, x := range ca {
		if k := nearest(x, la, cb, lb); k >= 0 && nearest(cb[k], lb, ca, la) == i {
			out = append(out, cut{x, cb[k]})
		}
	}
	return out
}

// column is a satin column made ready to sew: its rails, running the same
// way, and the cuts that match them, from (0, 0) to their two lengths.
type column struct {
	a, b rail
	cuts []cut
	loop bool
}

// newColumn builds the column of a satin's subpaths (at least two).
func newColumn(paths [][]pt, sp satinParams) *column {
	a, b, rungs := railsAndRungs(paths)
	if sp.swapRails {
		a, b = b, a
	}
	switch sp.reverseRails {
	case "first":
		a = reversed(a)
	case "second":
		b = reversed(b)
	case "both":
		a, b = reversed(a), reversed(b)
	}
	auto := sp.reverseRails == "" || sp.reverseRails == "automatic"
	loop := isLoop(a) && isLoop(b)
	ra, rb := newRail(a), newRail(b)
	if ra.length() == 0 || rb.length() == 0 {
		return nil
	}
	// Where each rung meets the rails.
	var rc []cut
	for _, r := range rungs {
		sa, oka := ra.meet(r)
		sb, okb := rb.meet(r)
		if oka && okb {
			rc = append(rc, cut{sa, sb})
		}
	}
	if loop {
		// Open both loops at one rung (the first along rail a), or where
		// they come nearest each other, and make them turn the same way.
		if len(rc) > 0 {
			k := 0
			for i := range rc {
				if rc[i][0] < rc[k][0] {
					k = i
				}
			}
			ra, rb = newRail(ra.rotated(rc[k][0])), newRail(rb.rotated(rc[k][1]))
		} else {
			sb, _ := rb.nearest(ra.p[0])
			rb = newRail(rb.rotated(sb))
		}
		if auto && (ringArea(ra.p) > 0) != (ringArea(rb.p) > 0) {
			rb = newRail(reversed(rb.p))
		}
		rc = rc[:0]
		for _, r := range rungs {
			sa, oka := ra.meet(r)
			sb, okb := rb.meet(r)
			if oka && okb {
				rc = append(rc, cut{sa, sb})
			}
		}
	} else if auto {
		// Rungs say which way the rails run; without two of them, sample.
		same := sameWayBySampling(ra, rb)
		if len(rc) >= 2 {
			up, down := 0, 0
			s := append([]cut(nil), rc...)
			sort.Slice(s, func(i, j int) bool { return s[i][0] < s[j][0] })
			for i := 1; i < len(s); i++ {
				if s[i][1] > s[i-1][1] {
					up++
				} else if s[i][1] < s[i-1][1] {
					down++
				}
			}
			if up != down {
				same = up > down
			}
		}
		if !same {
			rb = newRail(reversed(rb.p))
			for i := range rc {
				rc[i][1] = rb.length() - rc[i][1]
			}
		}
	}
	la, lb := ra.length(), rb.length()
	if len(rungs) == 0 {
		rc = cornerCuts(ra, rb)
	}
	cuts := []cut{{0, 0}}
	cuts = append(cuts, increasing(rc, la, lb)...)
	cuts = append(cuts, cut{la, lb})
	return &column{a: ra, b: rb, cuts: cuts, loop: loop}
}

// reverse turns the column round (both rails and their cuts).
func (c *column) reverse() {
	la, lb := c.a.length(), c.b.length()
	c.a, c.b = newRail(reversed(c.a.p)), newRail(reversed(c.b.p))
	out := make([]cut, len(c.cuts))
	for i, k := range c.cuts {
		out[len(c.cuts)-1-i] = cut{la - k[0], lb - k[1]}
	}
	c.cuts = out
}

// openAt turns a loop column so that it starts at the facing pair nearest
// q (the needle), the cut there added.
func (c *column) openAt(q pt) {
	best, bestD := cut{}, math.Inf(1)
	for i := 1; i < len(c.cuts); i++ {
		k0, k1 := c.cuts[i-1], c.cuts[i]
		n := int(math.Ceil(math.Max(k1[0]-k0[0], k1[1]-k0[1])/0.5)) + 1
		for j := 0; j <= n; j++ {
			t := float64(j) / float64(n)
			k := cut{k0[0] + t*(k1[0]-k0[0]), k0[1] + t*(k1[1]-k0[1])}
			if d := q.Dist(c.a.at(k[0]).Lerp(c.b.at(k[1]), 0.5)); d < bestD {
				best, bestD = k, d
			}
		}
	}
	la, lb := c.a.length(), c.b.length()
	if best[0] < 1e-6 || best[0] > la-1e-6 {
		return
	}
	var cuts []cut
	for _, k := range c.cuts[1 : len(c.cuts)-1] {
		cuts = append(cuts, cut{math.Mod(k[0]-best[0]+la, la), math.Mod(k[1]-best[1]+lb, lb)})
	}
	cuts = append(cuts, cut{la - best[0], lb - best[1]})
	sort.Slice(cuts, func(i, j int) bool { return cuts[i][0] < cuts[j][0] })
	c.a, c.b = newRail(c.a.rotated(best[0])), newRail(c.b.rotated(best[1]))
	la, lb = c.a.length(), c.b.length()
	c.cuts = append(append([]cut{{0, 0}}, increasing(cuts, la, lb)...), cut{la, lb})
}

// walk calls f with facing points along the column, finely enough (step
// mm on the longer rail of each section) to place stitches between them.
func (c *column) walk(step float64, f func(a, b pt)) {
	for i := 1; i < len(c.cuts); i++ {
		k0, k1 := c.cuts[i-1], c.cuts[i]
		n := max(int(math.Ceil(math.Max(k1[0]-k0[0], k1[1]-k0[1])/step)), 1)
		for j := 0; j <= n; j++ {
			if i > 1 && j == 0 {
				continue
			}
			t := float64(j) / float64(n)
			f(c.a.at(k0[0]+t*(k1[0]-k0[0])), c.b.at(k0[1]+t*(k1[1]-k0[1])))
		}
	}
}

// stitchDistance is how far the stitch (a, b) is from the stitch (pa, pb),
// as Ink/Stitch measures satin spacing: across the previous stitch, at the
// end that moved most (the outside of a curve).
func stitchDistance(a, b, pa, pb pt) float64 {
	w := pb.Sub(pa)
	if l := w.Len(); l > 0.01 {
		n := w.Scale(1 / l).Perp()
		return math.Max(math.Abs(a.Sub(pa).Dot(n)), math.Abs(b.Sub(pb).Dot(n)))
	}
	return math.Max(a.Dist(pa), b.Dist(pb))
}

// pairs places facing points every spacing along the column (first and
// last pair included), each pair then moved by off.
func (c *column) pairs(spacing float64, off func(a, b pt) (pt, pt)) [][2]pt {
	var out [][2]pt
	add := func(a, b pt) {
		if off != nil {
			a, b = off(a, b)
		}
		out = append(out, [2]pt{a, b})
	}
	// pa, pb: the last stitch; fa, fb: where the piece of column still to
	// cover starts (the last stitch, or the last sample passed); la, lb:
	// the last sample.
	var pa, pb, fa, fb, la, lb pt
	started := false
	c.walk(math.Min(spacing/4, 0.05), func(a, b pt) {
		la, lb = a, b
		if !started {
			started = true
			pa, pb, fa, fb = a, b, a, b
			add(a, b)
			return
		}
		for guard := 0; guard < 1000; guard++ {
			d := stitchDistance(a, b, pa, pb)
			if d < spacing {
				fa, fb = a, b
				return
			}
			d0 := stitchDistance(fa, fb, pa, pb)
			t := 1.0
			if d > d0 {
				t = math.Max(0, math.Min(1, (spacing-d0)/(d-d0)))
			}
			pa, pb = fa.Lerp(a, t), fb.Lerp(b, t)
			add(pa, pb)
			fa, fb = pa, pb
			if t >= 1 {
				return
			}
		}
	})
	if started && stitchDistance(la, lb, pa, pb) > math.Min(0.1, spacing/2) {
		add(la, lb)
	}
	return out
}

// offsetPair moves a and b apart along the line joining them: a by da mm
// plus fa of the width, b by db plus fb (negative values move them
// inwards). Points that would pass each other meet where their insets
// balance.
func offsetPair(a, b pt, da, db, fa, fb float64) (pt, pt) {
	w := a.Dist(b)
	if w == 0 {
		return a, b
	}
	u := b.Sub(a).Scale(1 / w)
	oa, ob := da+fa*w, db+fb*w
	if w+oa+ob <= 0 {
		// both pulled in past each other: meet at the point that splits the
		// insets in proportion
		ia, ib := -oa, -ob
		f := 0.5
		if ia+ib > 0 {
			f = ia / (ia + ib)
		}
		m := a.Lerp(b, f)
		return m, m
	}
	return a.Sub(u.Scale(oa)), b.Add(u.Scale(ob))
}

// planSatinColumn sews a satin column from its subpaths (rails and rungs).
func planSatinColumn(ctx context.Context, paths [][]pt, sp satinParams, pos *pt) ([][]pt, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	c := newColumn(paths, sp)
	if c == nil {
		return nil, nil
	}
	c.startNear(pos)
	return sewSatin(c, sp), nil
}

// startNear turns the column to start at its end nearer to the needle (a
// loop: at its pair nearest the needle).
func (c *column) startNear(pos *pt) {
	if pos != nil {
		if c.loop {
			c.openAt(*pos)
		} else {
			a0, b0 := c.a.p[0], c.b.p[0]
			a1, b1 := c.a.p[len(c.a.p)-1], c.b.p[len(c.b.p)-1]
			if math.Min(pos.Dist(a1), pos.Dist(b1)) < math.Min(pos.Dist(a0), pos.Dist(b0)) {
				c.reverse()
			}
		}
	}
}

// planSatinStroke sews a satin of the given width centred on a path (a
// stroke marked satin_column), its rungs at the path's vertices.
func planSatinStroke(p []pt, width float64, sp satinParams) [][]pt {
	p = dedupe(p, 1e-6)
	if len(p) < 2 {
		return nil
	}
	h := width / 2
	a := make([]pt, len(p))
	b := make([]pt, len(p))
	for i := range p {
		var n pt
		switch {
		case i == 0:
			n = p[1].Sub(p[0]).Unit().Perp()
		case i == len(p)-1:
			n = p[i].Sub(p[i-1]).Unit().Perp()
		default:
			n0 := p[i].Sub(p[i-1]).Unit().Perp()
			n1 := p[i+1].Sub(p[i]).Unit().Perp()
			n = n0.Add(n1).Unit()
			if c := n.Dot(n0); c > 0.5 {
				n = n.Scale(1 / c)
			} else {
				n = n.Scale(2)
			}
		}
		a[i] = p[i].Add(n.Scale(h))
		b[i] = p[i].Sub(n.Scale(h))
	}
	ra, rb := newRail(a), newRail(b)
	cuts := []cut{{0, 0}}
	var mid []cut
	for i := 1; i < len(p)-1; i++ {
		mid = append(mid, cut{ra.cum[i], rb.cum[i]})
	}
	cuts = append(cuts, increasing(mid, ra.length(), rb.length())...)
	cuts = append(cuts, cut{ra.length(), rb.length()})
	if ra.length() == 0 || rb.length() == 0 {
		return nil
	}
	return sewSatin(&column{a: ra, b: rb, cuts: cuts}, sp)
}

// sewSatin sews the underlays then the top layer, as one run that starts
// and (for the underlays) returns to the start of the column.
func sewSatin(c *column, sp satinParams) [][]pt {
	var run []pt
	appendPath := func(p []pt) {
		if len(run) > 0 && len(p) > 0 && samePoint(run[len(run)-1], p[0]) {
			p = p[1:]
		}
		run = append(run, p...)
	}
	side := func(prs [][2]pt, k int) []pt {
		out := make([]pt, len(prs))
		for i, pr := range prs {
			out[i] = pr[k]
		}
		return dedupe(out, 1e-6)
	}
	if sp.centerWalk {
		f := sp.centerWalkPos
		prs := c.pairs(defaultRunTolerance, func(a, b pt) (pt, pt) { m := a.Lerp(b, f); return m, m })
		st := runningStitch(side(prs, 0), sp.centerWalkLength, defaultRunTolerance)
		appendPath(repeatRun(st, sp.centerWalkRepeats))
	}
	if sp.contour {
		in := -sp.contourInset
		prs := c.pairs(defaultRunTolerance, func(a, b pt) (pt, pt) { return offsetPair(a, b, in, in, 0, 0) })
		appendPath(runningStitch(side(prs, 0), sp.contourLength, defaultRunTolerance))
		appendPath(reversed(runningStitch(side(prs, 1), sp.contourLength, defaultRunTolerance)))
	}
	if sp.zigzag {
		in := -sp.zigzagUInset
		prs := c.pairs(sp.zigzagUSpacing/2, func(a, b pt) (pt, pt) { return offsetPair(a, b, in, in, 0, 0) })
		var fw, bw []pt
		for i, pr := range prs {
			fw = append(fw, pr[i%2])
			bw = append(bw, pr[(i+1)%2])
		}
		zz := append(fw, reversed(bw)...)
		if sp.zigzagUMaxStich > 0 {
			zz = splitLong(zz, sp.zigzagUMaxStich)
		}
		appendPath(zz)
	}
	top := topLayer(c, sp)
	appendPath(top)
	if len(run) < 2 {
		return nil
	}
	return [][]pt{run}
}

// topLayer places the pairs every zigzag spacing, pull compensation
// outwards and short stitches inset, and sews them a0 b0 a1 b1 ...
func topLayer(c *column, sp satinParams) []pt {
	pc, pp := sp.pullSides, sp.pullPercentSides
	prs := c.pairs(sp.zigzagSpacing, func(a, b pt) (pt, pt) {
		return offsetPair(a, b, pc[0], pc[1], pp[0]/100, pp[1]/100)
	})
	shortInset(prs, sp)
	top := make([]pt, 0, 2*len(prs))
	for _, pr := range prs {
		top = append(top, pr[0], pr[1])
	}
	if sp.maxStitch > 0 {
		top = splitLong(top, sp.maxStitch)
	}
	return top
}

// shortInset pulls in the points of each rail that come closer than
// short_stitch_distance_mm to the last point left in place (the inside of
// a tight curve): the first such point by the first short_stitch_inset
// fraction of the stitch's width, the next by the second (when given), and
// so on round the list, as Ink/Stitch does, so that the stitches there do
// not pile up in one hole.
func shortInset(prs [][2]pt, sp satinParams) {
	insets := sp.shortInsets
	if len(insets) == 0 && sp.shortInset > 0 {
		insets = []float64{sp.shortInset}
	}
	if len(insets) == 0 || sp.shortDistance <= 0 {
		return
	}
	orig := make([][2]pt, len(prs))
	copy(orig, prs)
	for s := 0; s < 2; s++ {
		var last pt
		have, k := false, 0
		for i := range prs {
			p, o := orig[i][s], orig[i][1-s]
			if k >= len(insets) {
				k = 0
			}
			if !have || p.Dist(last) >= sp.shortDistance {
				last, have, k = p, true, 0
				continue
			}
			in := insets[k] * p.Dist(o)
			if sp.maxStitch > 0 {
				in = math.Min(in, sp.maxStitch/3)
			}
			if w := p.Dist(o); w > 0 {
				prs[i][s] = p.Lerp(o, math.Min(in/w, 0.5))
			}
			k++
		}
	}
}

// splitLong inserts points so that no segment is longer than max.
func splitLong(p []pt, maxLen float64) []pt {
	if len(p) < 2 || maxLen <= 0 {
		return p
	}
	out := []pt{p[0]}
	for i := 1; i < len(p); i++ {
		d := p[i-1].Dist(p[i])
		if n := int(math.Ceil(d / maxLen)); n > 1 {
			for k := 1; k < n; k++ {
				out = append(out, p[i-1].Lerp(p[i], float64(k)/float64(n)))
			}
		}
		out = append(out, p[i])
	}
	return out
}
