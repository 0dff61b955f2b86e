package slice

import (
	"cmp"
	"math"
	"slices"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
)

// anchorLines ties sparse infill lines to the edge of the area they fill,
// as PrusaSlicer does (infill_anchor, infill_anchor_max): two line ends
// close along the edge are joined by the stretch of edge between them, if
// it is no longer than maxJoin µm, so the lines become one zig-zag that
// leans on the perimeters instead of ending in the air; an end left alone
// gets an anchor: up to anchor µm of edge, on the side with more room.
// Every line end lies on the area's edge (the lines were clipped to it).
// Joins never close a loop, and no stretch of edge is used twice.
func anchorLines(lines []geom.Path, area []geom.Polygon, maxJoin, anchor float64) []geom.Path {
	if len(lines) == 0 || maxJoin <= 0 && anchor <= 0 {
		return lines
	}
	rings := clip.Rings(area)
	b := newEdgeIndex(rings)

	// where each line end is along the edge: end 2k is the start of line
	// k, 2k+1 its end
	type spot struct {
		ring int
		at   float64 // arc length from the ring's first vertex, µm
		end  int32
	}
	var spots []spot
	for k, l := range lines {
		for side, p := range [2]geom.Point{l[0], l[len(l)-1]} {
			if r, at, ok := b.locate(p); ok {
				spots = append(spots, spot{r, at, int32(2*k + side)})
			}
		}
	}
	slices.SortFunc(spots, func(x, y spot) int {
		return cmp.Or(cmp.Compare(x.ring, y.ring), cmp.Compare(x.at, y.at), cmp.Compare(x.end, y.end))
	})

	// each end's neighbours along its ring and the stretch of edge to the
	// next one (the whole ring for an end alone on it)
	next, prev := make([]int, len(spots)), make([]int, len(spots))
	ahead := make([]float64, len(spots))
	for i := 0; i < len(spots); {
		j := i
		for j < len(spots) && spots[j].ring == spots[i].ring {
			j++
		}
		L := b.length[spots[i].ring]
		for k := i; k < j; k++ {
			n := k + 1
			if n == j {
				n = i
			}
			next[k], prev[n] = n, k
			ahead[k] = L
			if n != k {
				ahead[k] = wrapArc(spots[n].at-spots[k].at, L)
			}
		}
		i = j
	}
	// the stretches between consecutive ends, shortest first
	type gap struct {
		a, b int // indices into spots, b following a along the ring
		len  float64
	}
	var gaps []gap
	for k := range spots {
		if next[k] != k {
			gaps = append(gaps, gap{k, next[k], ahead[k]})
		}
	}
	slices.SortStableFunc(gaps, func(x, y gap) int { return cmp.Compare(x.len, y.len) })

	join := make([]int32, 2*len(lines)) // the end joined to, or -1
	for i := range join {
		join[i] = -1
	}
	via := make([]geom.Path, 2*len(lines)) // edge walked from this end to its partner
	parent := make([]int32, len(lines))    // union-find over lines: no loops
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, g := range gaps {
		if g.len > maxJoin {
			break
		}
		ea, eb := spots[g.a].end, spots[g.b].end
		if join[ea] >= 0 || join[eb] >= 0 {
			continue
		}
		ra, rb := find(ea/2), find(eb/2)
		if ra == rb {
			continue
		}
		parent[ra] = rb
		join[ea], join[eb] = eb, ea
		r := spots[g.a].ring
		via[ea] = b.walk(r, spots[g.a].at, g.len, true)
		via[eb] = b.walk(r, spots[g.b].at, g.len, false)
	}

	// anchors for the ends left alone, on the side with more room (the
	// neighbour there may anchor towards this end too: half the room)
	tail := make([]geom.Path, 2*len(lines)) // from the end outwards
	if anchor > 0 {
		for k, sp := range spots {
			if join[sp.end] >= 0 {
				continue
			}
			room, forward := ahead[k], true
			if back := ahead[prev[k]]; back > room {
				room, forward = back, false
			}
			if n := min(anchor, room/2); n > 0 {
				tail[sp.end] = b.walk(sp.ring, sp.at, n, forward)
			}
		}
	}

	// chains: from an end not joined, line, edge, line, ... to the next
	out := make([]geom.Path, 0, len(lines))
	done := make([]bool, len(lines))
	chain := func(e int32) geom.Path {
		var p geom.Path
		t := tail[e]
		for q := len(t) - 1; q >= 1; q-- { // the anchor, walked towards the end
			p = append(p, t[q])
		}
		for {
			k := e / 2
			done[k] = true
			l := lines[k]
			if e%2 == 0 {
				p = append(p, l...)
			} else {
				for q := len(l) - 1; q >= 0; q-- {
					p = append(p, l[q])
				}
			}
			far := e ^ 1 // the other end of line k
			if join[far] < 0 {
				if t := tail[far]; len(t) > 1 {
					p = append(p, t[1:]...)
				}
				return dedup(p, false)
			}
			if v := via[far]; len(v) > 2 {
				p = append(p, v[1:len(v)-1]...)
			}
			e = join[far]
		}
	}
	for k := range lines {
		if done[k] {
			continue
		}
		for _, e := range [2]int32{int32(2 * k), int32(2*k + 1)} {
			if join[e] < 0 {
				out = append(out, chain(e))
				break
			}
		}
	}
	return out
}

// edgeIndex finds where points lie on a set of rings: a grid of 1 mm cells
// over the rings' edges, and each ring's arc length.
type edgeIndex struct {
	rings  []geom.Path
	cum    [][]float64 // per ring: arc length at each vertex (and the total)
	length []float64
	cells  map[[2]int32][]int32 // cell -> edges (ring<<20 | index)
}

const anchorCell = 1000 // µm

func newEdgeIndex(rings []geom.Path) *edgeIndex {
	b := &edgeIndex{rings: rings, cells: map[[2]int32][]int32{}}
	for r, ring := range rings {
		n := len(ring)
		cum := make([]float64, n+1)
		for i := range n {
			a, c := ring[i], ring[(i+1)%n]
			cum[i+1] = cum[i] + a.Dist(c)
			x0, x1 := min(a.X, c.X)/anchorCell, max(a.X, c.X)/anchorCell
			y0, y1 := min(a.Y, c.Y)/anchorCell, max(a.Y, c.Y)/anchorCell
			for x := x0; x <= x1; x++ {
				for y := y0; y <= y1; y++ {
					k := [2]int32{int32(x), int32(y)}
					b.cells[k] = append(b.cells[k], int32(r<<20|i))
				}
			}
		}
		b.cum = append(b.cum, cum)
		b.length = append(b.length, cum[n])
	}
	return b
}

// locate returns the ring p lies on (within 5 µm) and how far along it.
func (b *edgeIndex) locate(p geom.Point) (ring int, at float64, ok bool) {
	best := 25.0 // (5 µm)²
	cx, cy := int32(p.X/anchorCell), int32(p.Y/anchorCell)
	for dx := int32(-1); dx <= 1; dx++ {
		for dy := int32(-1); dy <= 1; dy++ {
			for _, ref := range b.cells[[2]int32{cx + dx, cy + dy}] {
				r, i := int(ref>>20), int(ref&(1<<20-1))
				rg := b.rings[r]
				a, c := rg[i], rg[(i+1)%len(rg)]
				if d := geom.SegDist2(p, a, c); d <= best {
					best, ring, ok = d, r, true
					at = b.cum[r][i] + math.Min(a.Dist(p), b.cum[r][i+1]-b.cum[r][i])
				}
			}
		}
	}
	return ring, at, ok
}

// point is the point at arc length at on ring r (taken modulo its length),
// and the index of the edge it is on.
func (b *edgeIndex) point(r int, at float64) (geom.Point, int) {
	cum, ring := b.cum[r], b.rings[r]
	at = wrapArc(at, b.length[r])
	i, _ := slices.BinarySearch(cum, at)
	i = min(max(i-1, 0), len(ring)-1)
	a, c := ring[i], ring[(i+1)%len(ring)]
	seg := cum[i+1] - cum[i]
	if seg <= 0 {
		return a, i
	}
	f := (at - cum[i]) / seg
	return geom.Point{
		X: a.X + int64(math.Round(f*float64(c.X-a.X))),
		Y: a.Y + int64(math.Round(f*float64(c.Y-a.Y))),
	}, i
}

// walk returns the points of ring r from arc length at, n µm forward (or
// backward): its two ends and the ring's vertices between.
func (b *edgeIndex) walk(r int, at, n float64, forward bool) geom.Path {
	ring, cum := b.rings[r], b.cum[r]
	N, L := len(ring), b.length[r]
	n = min(n, L)
	to := at + n
	if !forward {
		to = at - n
	}
	start, i := b.point(r, at)
	end, _ := b.point(r, to)
	pos := wrapArc(at, L)
	p := geom.Path{start}
	for m := 0; m <= N; m++ {
		var d float64 // how far along the walk vertex k is
		var k int
		if forward {
			k = i + 1 + m // vertex k%N at unwrapped arc length cum[k] (+L past the seam)
			if k <= N {
				d = cum[k] - pos
			} else {
				d = cum[k-N] + L - pos
			}
		} else {
			k = i - m
			if k >= 0 {
				d = pos - cum[k]
			} else {
				d = pos - (cum[k+N] - L)
			}
		}
		if d >= n {
			break
		}
		if d > 0 {
			p = append(p, ring[((k%N)+N)%N])
		}
	}
	return append(p, end)
}

// wrapArc is arc length x taken round a ring of length L: in [0, L).
func wrapArc(x, L float64) float64 {
	x = math.Mod(x, L)
	if x < 0 {
		x += L
	}
	return x
}
