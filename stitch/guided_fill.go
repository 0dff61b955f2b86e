package stitch

import (
	"context"
	"math"
	"sort"
)

// Guided fill (inkstitch:fill_method="guided_fill"): the rows are copies
// of a guide line, as Ink/Stitch's "copy" strategy lays them. The guide is
// a path of the fill's group that carries Ink/Stitch's guide-line marker
// (marker-start:url(#inkstitch-guide-line-marker), what its "Selection to
// guide line" extension sets); it is not sewn.
//
// The guide, extended straight at both ends past the region, is copied
// every row spacing along the normal of its chord (first point to last)
// and each copy is cut by the region into pieces. Stitches sit at the same
// arc lengths of every copy, shifted by row as auto_fill staggers them.
// Pieces are sewn nearest end first; the needle goes from one piece to the
// next along the outline when both ends lie on one ring and the way round
// is short, in a straight line when they are close, and otherwise a new
// run starts (the planner then travels or jumps between runs).

// guideMarker is the marker Ink/Stitch puts on a guide line.
const guideMarker = "inkstitch-guide-line-marker"

// guidePiece is a piece of one copy of the guide inside the region.
type guidePiece struct {
	k      int     // copy index
	u0, u1 float64 // arc lengths along the copy (u0 < u1)
	// rings and arc lengths on them where the piece ends (-1: none)
	r0, r1 int
	s0, s1 float64
}

// guideLine is the extended guide with its arc length.
type guideLine struct {
	p   []pt
	cum []float64
	n   pt // unit normal the copies move along
}

func (g *guideLine) at(u float64, k int, spacing float64) pt {
	off := g.n.Scale(float64(k) * spacing)
	j := sort.SearchFloat64s(g.cum, u)
	switch {
	case j <= 0:
		return g.p[0].Add(off)
	case j >= len(g.p):
		return g.p[len(g.p)-1].Add(off)
	}
	seg := g.cum[j] - g.cum[j-1]
	if seg == 0 {
		return g.p[j].Add(off)
	}
	return g.p[j-1].Lerp(g.p[j], (u-g.cum[j-1])/seg).Add(off)
}

// planGuided sews the top layer of one island along copies of fp.guide.
func planGuided(ctx context.Context, island [][]pt, fp fillParams, start *pt) ([][]pt, error) {
	guide := dedupe(fp.guide, 1e-6)
	if len(guide) < 2 {
		return nil, nil
	}
	ib := emptyBox() // the island's box
	for _, r := range island {
		for _, q := range r {
			ib.add(q)
		}
	}
	rb := ib // with the guide
	for _, q := range guide {
		rb.add(q)
	}
	diag := math.Hypot(rb.maxX-rb.minX, rb.maxY-rb.minY) + 1
	chord := guide[len(guide)-1].Sub(guide[0])
	if chord.Len() < 1e-6 {
		chord = guide[1].Sub(guide[0])
	}
	g := &guideLine{n: chord.Unit().Perp()}
	// extend both ends along their tangent past the region
	t0 := guide[0].Sub(guide[1]).Unit()
	t1 := guide[len(guide)-1].Sub(guide[len(guide)-2]).Unit()
	g.p = append([]pt{guide[0].Add(t0.Scale(diag))}, guide...)
	g.p = append(g.p, guide[len(guide)-1].Add(t1.Scale(diag)))
	g.cum = make([]float64, len(g.p))
	for i := 1; i < len(g.p); i++ {
		g.cum[i] = g.cum[i-1] + g.p[i-1].Dist(g.p[i])
	}
	// copies that can reach the region
	gMin, gMax := math.Inf(1), math.Inf(-1)
	for _, q := range g.p {
		v := q.Dot(g.n)
		gMin, gMax = math.Min(gMin, v), math.Max(gMax, v)
	}
	rMin, rMax := math.Inf(1), math.Inf(-1)
	for _, r := range island {
		for _, q := range r {
			v := q.Dot(g.n)
			rMin, rMax = math.Min(rMin, v), math.Max(rMax, v)
		}
	}
	s := fp.rowSpacing
	k0 := int(math.Floor((rMin - gMax) / s))
	k1 := int(math.Ceil((rMax - gMin) / s))
	if k1-k0 > 200_000 {
		return nil, nil
	}
	rings := make([]*cring, len(island))
	for i, r := range island {
		rings[i] = newCRing(r, 0)
	}
	var pieces []guidePiece
	for k := k0; k <= k1; k++ {
		if (k-k0)%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		pieces = append(pieces, cutCopy(g, k, s, island, rings, ib)...)
	}
	if len(pieces) == 0 {
		return nil, nil
	}
	// sew pieces nearest end first
	done := make([]bool, len(pieces))
	var runs [][]pt
	var cur []pt
	var pos pt
	have := start != nil
	if have {
		pos = *start
	}
	curRing, curS := -1, 0.0
	reach := math.Max(3*s, 0.75)
	for left := len(pieces); left > 0; left-- {
		best, bestRev, bd := -1, false, math.Inf(1)
		for i, pc := range pieces {
			if done[i] {
				continue
			}
			a, b := g.at(pc.u0, pc.k, s), g.at(pc.u1, pc.k, s)
			if !have {
				best = i
				break
			}
			if d := pos.Dist(a); d < bd {
				best, bestRev, bd = i, false, d
			}
			if d := pos.Dist(b); d < bd {
				best, bestRev, bd = i, true, d
			}
		}
		pc := pieces[best]
		done[best] = true
		row := guidedRow(g, pc, fp)
		endRing, endS, startRing, startS := pc.r1, pc.s1, pc.r0, pc.s0
		if bestRev {
			row = reversed(row)
			endRing, endS, startRing, startS = pc.r0, pc.s0, pc.r1, pc.s1
		}
		switch {
		case len(cur) == 0:
			cur = row
		case curRing >= 0 && curRing == startRing:
			// along the outline when that is not much longer than the
			// straight way
			r := rings[curRing]
			d := r.wrap(startS - curS)
			if r.length()-d < d {
				d = -(r.length() - d)
			}
			if math.Abs(d) <= 3*pos.Dist(row[0])+1 {
				walk := runningStitch(r.walk(curS, d), fp.runLength, fp.runTolerance)
				cur = append(cur, walk[1:]...)
				cur = append(cur, row[1:]...)
				break
			}
			fallthrough
		case pos.Dist(row[0]) <= reach:
			cur = append(cur, row...)
		default:
			runs = append(runs, cur)
			cur = row
		}
		pos, have = cur[len(cur)-1], true
		curRing, curS = endRing, endS
	}
	if len(cur) > 1 {
		runs = append(runs, cur)
	}
	return runs, nil
}

// cutCopy cuts copy k of the guide by the region (even-odd).
func cutCopy(g *guideLine, k int, s float64, island [][]pt, rings []*cring, rb box) []guidePiece {
	type hit struct {
		u    float64
		ring int
		rs   float64
	}
	var hits []hit
	off := g.n.Scale(float64(k) * s)
	for i := 1; i < len(g.p); i++ {
		a, b := g.p[i-1].Add(off), g.p[i].Add(off)
		if math.Max(a.X, b.X) < rb.minX || math.Min(a.X, b.X) > rb.maxX || math.Max(a.Y, b.Y) < rb.minY || math.Min(a.Y, b.Y) > rb.maxY {
			continue // a piece of the copy away from the region
		}
		for ri, r := range island {
			for j := range r {
				c, d := r[j], r[(j+1)%len(r)]
				t, w, ok := segParams(a, b, c, d)
				if !ok || t < 0 || t >= 1 || w < 0 || w >= 1 {
					continue
				}
				hits = append(hits, hit{g.cum[i-1] + t*(g.cum[i]-g.cum[i-1]), ri, rings[ri].cum[j] + w*d.Sub(c).Len()})
			}
		}
	}
	sort.Slice(hits, func(i, j int) bool { return hits[i].u < hits[j].u })
	var out []guidePiece
	for i := 0; i+1 < len(hits); i++ {
		h0, h1 := hits[i], hits[i+1]
		if h1.u-h0.u < 1e-6 {
			continue
		}
		if !insideEvenOdd(island, g.at((h0.u+h1.u)/2, k, s)) {
			continue
		}
		out = append(out, guidePiece{k: k, u0: h0.u, u1: h1.u, r0: h0.ring, r1: h1.ring, s0: h0.rs, s1: h1.rs})
	}
	return out
}

// guidedRow lays the stitches of a piece: both ends, and between them the
// points at arc lengths j·L + shift (the shift staggers rows), the guide's
// vertices where the copy turns.
func guidedRow(g *guideLine, pc guidePiece, fp fillParams) []pt {
	L := fp.maxStitch
	shift := 0.0
	if fp.staggers > 0 {
		f := float64(pc.k) / fp.staggers
		shift = (f - math.Floor(f)) * L
	}
	gap := 0.2 * L
	out := []pt{g.at(pc.u0, pc.k, fp.rowSpacing)}
	// stitch positions, then the corners of the copy between them
	var us []float64
	for j := math.Ceil((pc.u0 + gap - shift) / L); ; j++ {
		u := j*L + shift
		if u >= pc.u1-gap {
			break
		}
		us = append(us, u)
	}
	for i := 1; i+1 < len(g.p); i++ {
		if g.cum[i] > pc.u0 && g.cum[i] < pc.u1 && isCorner(g.p[i-1], g.p[i], g.p[i+1]) {
			us = append(us, g.cum[i])
		}
	}
	sort.Float64s(us)
	for _, u := range us {
		out = append(out, g.at(u, pc.k, fp.rowSpacing))
	}
	return append(out, g.at(pc.u1, pc.k, fp.rowSpacing))
}
