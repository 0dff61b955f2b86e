package mesh

import (
	"math"
	"slices"
)

// area2 returns twice the area of the triangle squared-free magnitude test:
// the cross product of two edges, computed in float64 (the float32
// differences are exact in float64).
func (m *Mesh) cross(t [3]uint32) (float64, float64, float64) {
	a, b, c := m.Vertices[t[0]], m.Vertices[t[1]], m.Vertices[t[2]]
	ux, uy, uz := float64(b.X)-float64(a.X), float64(b.Y)-float64(a.Y), float64(b.Z)-float64(a.Z)
	vx, vy, vz := float64(c.X)-float64(a.X), float64(c.Y)-float64(a.Y), float64(c.Z)-float64(a.Z)
	return uy*vz - uz*vy, uz*vx - ux*vz, ux*vy - uy*vx
}

// degenerate reports whether triangle t has no area: two corners on one
// vertex, or three corners on one line.
func (m *Mesh) degenerate(t [3]uint32) bool {
	if t[0] == t[1] || t[1] == t[2] || t[0] == t[2] {
		return true
	}
	x, y, z := m.cross(t)
	return x == 0 && y == 0 && z == 0
}

// removeDegenerate drops zero-area facets (unless keep) and returns how many
// collapsed (two corners on one vertex) and collinear (three distinct corners
// on one line) facets there were.
//
// Removing a collapsed facet leaves its two long sides facing each other, so
// the surface stays closed. A collinear facet (a "cap": corner c strictly
// inside edge a–b) would leave a T-junction: the facet on the other side of
// a–b is split at c, so that the surface stays closed.
func (m *Mesh) removeDegenerate(keep bool) (collapsed, collinear int) {
	out := m.Triangles[:0]
	for _, t := range m.Triangles {
		if t[0] == t[1] || t[1] == t[2] || t[0] == t[2] {
			collapsed++
			if keep {
				out = append(out, t)
			}
			continue
		}
		out = append(out, t)
	}
	m.Triangles = out
	for _, t := range m.Triangles {
		if t[0] != t[1] && t[1] != t[2] && t[0] != t[2] && m.degenerate(t) {
			collinear++
		}
	}
	if collinear > 0 && !keep {
		m.removeCaps()
	}
	return collapsed, collinear
}

func edgeKey(a, b uint32) uint64 {
	if a > b {
		a, b = b, a
	}
	return uint64(a)<<32 | uint64(b)
}

// removeCaps removes the collinear facets, splitting the facet across each
// one's long edge at its middle corner. It works in rounds: a cap whose
// neighbour is another cap waits until that one is gone (its neighbour is then
// a split piece); caps left when a round makes no progress (pairs of caps
// facing each other) are removed without a split.
func (m *Mesh) removeCaps() {
	type capInfo struct {
		tri      int
		a, b, c  uint32
		neighbor int
	}
	for round := 0; ; round++ {
		var caps []capInfo
		isCap := make(map[int]bool)
		for i, t := range m.Triangles {
			if m.degenerate(t) {
				// Middle corner: the one whose opposite edge is longest.
				best, bestLen := 0, -1.0
				for k := 0; k < 3; k++ {
					p, q := m.Vertices[t[(k+1)%3]], m.Vertices[t[(k+2)%3]]
					dx, dy, dz := float64(p.X)-float64(q.X), float64(p.Y)-float64(q.Y), float64(p.Z)-float64(q.Z)
					if l := dx*dx + dy*dy + dz*dz; l > bestLen {
						best, bestLen = k, l
					}
				}
				caps = append(caps, capInfo{tri: i, c: t[best], a: t[(best+1)%3], b: t[(best+2)%3], neighbor: -1})
				isCap[i] = true
			}
		}
		if len(caps) == 0 {
			return
		}
		want := make(map[uint64]int, len(caps))
		// onCapEdge marks the ends of the long edges, so that the pass over
		// all facets looks up the map only for edges that may match.
		onCapEdge := make([]bool, len(m.Vertices))
		for ci, c := range caps {
			onCapEdge[c.a], onCapEdge[c.b] = true, true
			if _, dup := want[edgeKey(c.a, c.b)]; !dup {
				want[edgeKey(c.a, c.b)] = ci
			}
		}
		capNeighbor := make([]bool, len(caps)) // across the long edge lies a cap
		used := make(map[int]bool)
		for i, t := range m.Triangles {
			for k := 0; k < 3; k++ {
				if !onCapEdge[t[k]] || !onCapEdge[t[(k+1)%3]] {
					continue
				}
				ci, ok := want[edgeKey(t[k], t[(k+1)%3])]
				if !ok || caps[ci].tri == i {
					continue
				}
				if isCap[i] {
					capNeighbor[ci] = true
					continue
				}
				if caps[ci].neighbor < 0 && !used[i] {
					caps[ci].neighbor = i
					used[i] = true
				}
			}
		}
		progress := false
		remove := make(map[int]bool)
		for ci, c := range caps {
			switch {
			case c.neighbor >= 0:
				u := m.Triangles[c.neighbor]
				for k := 0; k < 3; k++ {
					p, q, r := u[k], u[(k+1)%3], u[(k+2)%3]
					if edgeKey(p, q) == edgeKey(c.a, c.b) {
						// p q r becomes p c r and c q r: same winding.
						m.Triangles[c.neighbor] = [3]uint32{p, c.c, r}
						m.Triangles = append(m.Triangles, [3]uint32{c.c, q, r})
						break
					}
				}
				remove[c.tri] = true
				progress = true
			case !capNeighbor[ci]:
				// Nothing across the long edge: an open border.
				remove[c.tri] = true
				progress = true
			}
		}
		if !progress {
			// Caps facing only caps: remove them all.
			for _, c := range caps {
				remove[c.tri] = true
			}
		}
		out := m.Triangles[:0]
		for i, t := range m.Triangles {
			if !remove[i] {
				out = append(out, t)
			}
		}
		m.Triangles = out
		if !progress {
			return
		}
	}
}

// topo is the edge adjacency of a mesh: for every half-edge h (corner k of
// triangle t is h = 3t+k, going from corner k to corner k+1) the half-edge
// on the other side of the same edge, or -1 when the edge is a boundary or
// non-manifold.
type topo struct {
	partner     []int32
	sameDir     []bool // the partner runs the same way: inconsistent winding
	boundary    int
	nonManifold int
}

// topology builds the adjacency with a compressed table of the half-edges
// leaving each vertex (no hashing), each vertex's list sorted by target
// vertex then half-edge id. An edge's uses are then found by binary search
// and counted from the range bounds, so the cost is O(h log d) for h
// half-edges and vertex degree d: the former linear scan of both ends'
// lists was O(d²) per vertex, 88 s for 1e5 identical facets (one vertex
// of degree 1e5) and as slow for a fan of many slivers around a point.
func (m *Mesh) topology() topo {
	nv, nh := len(m.Vertices), 3*len(m.Triangles)
	start := make([]int32, nv+1)
	for _, t := range m.Triangles {
		start[t[0]+1]++
		start[t[1]+1]++
		start[t[2]+1]++
	}
	for i := 1; i <= nv; i++ {
		start[i] += start[i-1]
	}
	fill := make([]int32, nv)
	copy(fill, start[:nv])
	// target<<32 | half-edge id, grouped by origin vertex
	out := make([]uint64, nh)
	for ti, t := range m.Triangles {
		for k := 0; k < 3; k++ {
			v := t[k]
			j := fill[v]
			fill[v]++
			out[j] = uint64(t[(k+1)%3])<<32 | uint64(3*ti+k)
		}
	}
	fill = nil
	for v := 0; v < nv; v++ {
		g := out[start[v]:start[v+1]]
		if len(g) <= 16 {
			for i := 1; i < len(g); i++ { // insertion sort: a handful each
				for j := i; j > 0 && g[j] < g[j-1]; j-- {
					g[j], g[j-1] = g[j-1], g[j]
				}
			}
		} else {
			slices.Sort(g)
		}
	}
	// edges returns the half-edges from vertex a to vertex b, sorted by id.
	edges := func(a, b uint32) []uint64 {
		g := out[start[a]:start[a+1]]
		lo, _ := slices.BinarySearch(g, uint64(b)<<32)
		hi, _ := slices.BinarySearch(g, uint64(b+1)<<32)
		if b == math.MaxUint32 {
			hi = len(g)
		}
		return g[lo:hi]
	}
	tp := topo{partner: make([]int32, nh), sameDir: make([]bool, nh)}
	for ti, t := range m.Triangles {
		for k := 0; k < 3; k++ {
			h := int32(3*ti + k)
			a, b := t[k], t[(k+1)%3]
			back := edges(b, a)  // the other way: a consistent neighbour
			ahead := edges(a, b) // the same way, h included
			uses := len(back) + len(ahead)
			minH := h
			if len(back) > 0 {
				minH = min(minH, int32(uint32(back[0])))
			}
			minH = min(minH, int32(uint32(ahead[0])))
			if uses == 2 {
				if len(back) == 1 {
					tp.partner[h] = int32(uint32(back[0]))
				} else {
					o := int32(uint32(ahead[0]))
					if o == h {
						o = int32(uint32(ahead[1]))
					}
					tp.partner[h], tp.sameDir[h] = o, true
				}
			} else {
				tp.partner[h] = -1
				if minH == h {
					if uses == 1 {
						tp.boundary++
					} else {
						tp.nonManifold++
					}
				}
			}
		}
	}
	return tp
}

// orient walks each shell (facets connected through manifold edges),
// compares each facet's winding with the shell's first facet, and counts the
// minority as flipped; fix reorients them. It returns the number of shells
// and of flipped facets.
func (m *Mesh) orient(tp topo, fix bool) (shells, flipped int) {
	n := len(m.Triangles)
	state := make([]int8, n) // 0 unseen, 1 as the seed, 2 reversed
	order := make([]int32, 0, n)
	for seed := 0; seed < n; seed++ {
		if state[seed] != 0 {
			continue
		}
		shells++
		first := len(order)
		state[seed] = 1
		order = append(order, int32(seed))
		reversed := 0
		for q := first; q < len(order); q++ {
			t := order[q]
			for k := int32(0); k < 3; k++ {
				h := 3*t + k
				o := tp.partner[h]
				if o < 0 {
					continue
				}
				u := o / 3
				if state[u] != 0 {
					continue
				}
				s := state[t]
				if tp.sameDir[h] {
					s = 3 - s
				}
				state[u] = s
				if s == 2 {
					reversed++
				}
				order = append(order, u)
			}
		}
		size := len(order) - first
		minority := int8(2)
		if reversed*2 > size {
			minority = 1
			reversed = size - reversed
		}
		flipped += reversed
		if fix && reversed > 0 {
			for _, t := range order[first:] {
				if state[t] == minority {
					tr := &m.Triangles[t]
					tr[1], tr[2] = tr[2], tr[1]
				}
			}
		}
	}
	return shells, flipped
}
