package stitch

import (
	"context"
	"github.com/usinette/usinette/vector"
	"math"
	"sort"
)

// A satin column is sewn between two rails. Rungs (further subpaths that
// cross both rails) say which points of one rail face which points of the
// other; between them the rails are matched in proportion to their length.
// Stitches are placed at equal steps of the column's centre line, so that
// the zigzag spacing is measured across the column, not along a rail.

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

// satinColumn is a column ready to be sampled: pairs of facing points.
type satinColumn struct {
	a, b rail
	sync [][2]float64 // increasing arc lengths on a and b that face each other
	// fine sampling: parameter -> points, and centre-line length
	ta, tb []float64
	cen    []float64
}

func newSatinColumn(a, b []pt, sync [][2]float64) *satinColumn {
	c := &satinColumn{a: newRail(a), b: newRail(b)}
	la, lb := c.a.length(), c.b.length()
	all := [][2]float64{{0, 0}}
	for _, s := range sync {
		prev := all[len(all)-1]
		if s[0] > prev[0]+1e-6 && s[1] > prev[1]+1e-6 && s[0] < la-1e-6 && s[1] < lb-1e-6 {
			all = append(all, s)
		}
	}
	all = append(all, [2]float64{la, lb})
	c.sync = all
	// Sample finely (0.05 mm on the longer rail) to measure the centre line.
	for i := 1; i < len(all); i++ {
		s0, s1 := all[i-1], all[i]
		n := int(math.Ceil(math.Max(s1[0]-s0[0], s1[1]-s0[1]) / 0.05))
		n = max(n, 1)
		for k := 0; k <= n; k++ {
			if i > 1 && k == 0 {
				continue
			}
			t := float64(k) / float64(n)
			sa := s0[0] + t*(s1[0]-s0[0])
			sb := s0[1] + t*(s1[1]-s0[1])
			cp := c.a.at(sa).Lerp(c.b.at(sb), 0.5)
			l := 0.0
			if len(c.ta) > 0 {
				l = c.cen[len(c.cen)-1] + cp.Dist(c.a.at(c.ta[len(c.ta)-1]).Lerp(c.b.at(c.tb[len(c.tb)-1]), 0.5))
			}
			c.ta = append(c.ta, sa)
			c.tb = append(c.tb, sb)
			c.cen = append(c.cen, l)
		}
	}
	return c
}

func (c *satinColumn) centreLength() float64 { return c.cen[len(c.cen)-1] }

// pair returns the facing points at centre-line length s.
func (c *satinColumn) pair(s float64) (pt, pt) {
	j := sort.SearchFloat64s(c.cen, s)
	if j <= 0 {
		return c.a.at(c.ta[0]), c.b.at(c.tb[0])
	}
	if j >= len(c.cen) {
		return c.a.at(c.ta[len(c.ta)-1]), c.b.at(c.tb[len(c.tb)-1])
	}
	seg := c.cen[j] - c.cen[j-1]
	t := 0.0
	if seg > 0 {
		t = (s - c.cen[j-1]) / seg
	}
	sa := c.ta[j-1] + t*(c.ta[j]-c.ta[j-1])
	sb := c.tb[j-1] + t*(c.tb[j]-c.tb[j-1])
	return c.a.at(sa), c.b.at(sb)
}

// pairs samples facing points every step along the centre line (both ends
// included), each moved inset towards the other rail (negative: outward).
func (c *satinColumn) pairs(step float64, inset func(w float64) float64) [][2]pt {
	L := c.centreLength()
	n := int(math.Ceil(L/step - 1e-9))
	n = max(n, 1)
	out := make([][2]pt, 0, n+1)
	for i := 0; i <= n; i++ {
		a, b := c.pair(L * float64(i) / float64(n))
		w := a.Dist(b)
		if in := inset(w); in != 0 && w > 0 {
			u := b.Sub(a).Scale(1 / w)
			if 2*in >= w {
				m := a.Lerp(b, 0.5)
				a, b = m, m
			} else {
				a, b = a.Add(u.Scale(in)), b.Sub(u.Scale(in))
			}
		}
		out = append(out, [2]pt{a, b})
	}
	return out
}

// line returns the polyline at fraction f across the column (0 = rail a).
func (c *satinColumn) line(f, inset float64) []pt {
	out := make([]pt, len(c.ta))
	for i := range c.ta {
		a, b := c.a.at(c.ta[i]), c.b.at(c.tb[i])
		w := a.Dist(b)
		ff := f
		if inset != 0 && w > 0 {
			ff = math.Min(math.Max((f*w+inset*(1-2*f))/w, 0), 1)
			if 2*inset >= w {
				ff = 0.5
			}
		}
		out[i] = a.Lerp(b, ff)
	}
	return dedupe(out, 1e-6)
}

// planSatinColumn sews a satin column whose first two subpaths (the longest
// two when there are more) are the rails and the others rungs.
func planSatinColumn(ctx context.Context, paths [][]pt, sp satinParams, pos *pt) ([][]pt, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	idx := make([]int, len(paths))
	for i := range idx {
		idx[i] = i
	}
	if len(paths) > 2 {
		sort.SliceStable(idx, func(i, j int) bool { return vector.PolyLength(paths[idx[i]]) > vector.PolyLength(paths[idx[j]]) })
	}
	ai, bi := idx[0], idx[1]
	if ai > bi {
		ai, bi = bi, ai
	}
	a, b := paths[ai], paths[bi]
	// Rails drawn in opposite directions are turned to run together.
	if a[0].Dist(b[len(b)-1])+a[len(a)-1].Dist(b[0]) < a[0].Dist(b[0])+a[len(a)-1].Dist(b[len(b)-1]) {
		b = reversed(b)
	}
	// Start at the end nearer to the needle.
	if pos != nil {
		if math.Min((*pos).Dist(a[len(a)-1]), (*pos).Dist(b[len(b)-1])) < math.Min((*pos).Dist(a[0]), (*pos).Dist(b[0])) {
			a, b = reversed(a), reversed(b)
		}
	}
	ra, rb := newRail(a), newRail(b)
	var sync [][2]float64
	for _, k := range idx[2:] {
		r := paths[k]
		sa, da := ra.nearest(r[0])
		if s2, d2 := ra.nearest(r[len(r)-1]); d2 < da {
			sa = s2
		}
		sb, db := rb.nearest(r[0])
		if s2, d2 := rb.nearest(r[len(r)-1]); d2 < db {
			sb = s2
		}
		sync = append(sync, [2]float64{sa, sb})
	}
	sort.Slice(sync, func(i, j int) bool { return sync[i][0] < sync[j][0] })
	if ra.length() == 0 && rb.length() == 0 {
		return nil, nil
	}
	return sewSatin(newSatinColumn(a, b, sync), sp), nil
}

// planSatinStroke sews a satin of the given width centred on a path.
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
	var sync [][2]float64
	for i := 1; i < len(p)-1; i++ {
		sync = append(sync, [2]float64{ra.cum[i], rb.cum[i]})
	}
	return sewSatin(newSatinColumn(a, b, sync), sp)
}

// sewSatin sews the underlays then the zigzag, as one run that starts
// and (for the underlays) returns to the start of the column.
func sewSatin(c *satinColumn, sp satinParams) [][]pt {
	if c.centreLength() == 0 {
		return nil
	}
	var run []pt
	appendPath := func(p []pt) {
		if len(run) > 0 && len(p) > 0 && samePoint(run[len(run)-1], p[0]) {
			p = p[1:]
		}
		run = append(run, p...)
	}
	if sp.centerWalk {
		st := runningStitch(c.line(sp.centerWalkPos, 0), sp.centerWalkLength, defaultRunTolerance)
		appendPath(repeatRun(st, sp.centerWalkRepeats))
	}
	if sp.contour {
		appendPath(runningStitch(c.line(0, sp.contourInset), sp.contourLength, defaultRunTolerance))
		appendPath(reversed(runningStitch(c.line(1, sp.contourInset), sp.contourLength, defaultRunTolerance)))
	}
	if sp.zigzag {
		in := func(float64) float64 { return sp.zigzagUInset }
		prs := c.pairs(sp.zigzagUSpacing/2, in)
		var fw, bw []pt
		for i, pr := range prs {
			if i%2 == 0 {
				fw = append(fw, pr[0])
				bw = append(bw, pr[1])
			} else {
				fw = append(fw, pr[1])
				bw = append(bw, pr[0])
			}
		}
		zz := append(fw, reversed(bw)...)
		if sp.zigzagUMaxStich > 0 {
			zz = splitLong(zz, sp.zigzagUMaxStich)
		}
		appendPath(zz)
	}
	// Top stitches: pairs every zigzag spacing, sewn a0 b0 a1 b1 ...
	pull := func(w float64) float64 { return -(sp.pullComp + sp.pullPercent/100*w) }
	prs := c.pairs(sp.zigzagSpacing, pull)
	shortInset(prs, sp)
	var top []pt
	for _, pr := range prs {
		top = append(top, pr[0], pr[1])
	}
	if sp.maxStitch > 0 {
		top = splitLong(top, sp.maxStitch)
	}
	appendPath(top)
	if len(run) < 2 {
		return nil
	}
	return [][]pt{run}
}

// shortInset pulls every other point of a rail in towards the middle where
// the rail's points crowd together (the inside of a tight curve), so that
// the stitches there do not pile up.
func shortInset(prs [][2]pt, sp satinParams) {
	if sp.shortInset <= 0 || sp.shortDistance <= 0 {
		return
	}
	for side := 0; side < 2; side++ {
		odd := false
		for i := 1; i < len(prs); i++ {
			if prs[i-1][side].Dist(prs[i][side]) < sp.shortDistance {
				odd = !odd
				if odd {
					a, b := prs[i][side], prs[i][1-side]
					prs[i][side] = a.Lerp(b, sp.shortInset)
				}
			} else {
				odd = false
			}
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
