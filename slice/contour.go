package slice

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
	"github.com/usinette/usinette/mesh"
)

// sectioner cuts a mesh by horizontal planes. It is built once per mesh:
// facet adjacency (each facet edge → the facet across it, exact because
// vertices are welded) and, per plane, the facets that cross it (CSR
// buckets filled by one pass over the facets' z ranges). Cutting a layer then
// walks from facet to neighbouring facet, so no per-layer hashing is needed.
type sectioner struct {
	vx, vy, vz []float64
	tri        [][3]uint32
	adj        []int32 // adj[t*3+j] = t2*3+j2 across edge j of t, or -1
	planes     []float64
	start      []int32 // bucket offsets, len(planes)+1
	bucket     []int32 // facet indices per plane
	rep        Repairs
	ctx        context.Context
}

// newSectioner indexes m for cutting at planes. It takes about a second
// for 1M facets, so it polls ctx (every 64k facets or vertices) and
// returns ctx's error once cancelled.
func newSectioner(ctx context.Context, m *mesh.Mesh, planes []float64) (*sectioner, error) {
	s := &sectioner{tri: m.Triangles, planes: planes, ctx: ctx}
	nv := len(m.Vertices)
	s.vx, s.vy, s.vz = make([]float64, nv), make([]float64, nv), make([]float64, nv)
	for i, v := range m.Vertices {
		s.vx[i], s.vy[i], s.vz[i] = float64(v.X), float64(v.Y), float64(v.Z)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// the two tables are independent: built side by side, they take the
	// time of the longer (this part of a run is not spread over layers)
	var wg sync.WaitGroup
	wg.Go(s.buildBuckets)
	s.buildAdjacency()
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// stopped reports, every 64k calls' worth of i, whether the run was
// cancelled: the index loops then return early and newSectioner reports
// the cancellation.
func (s *sectioner) stopped(i int) bool {
	return i&0xffff == 0 && s.ctx != nil && s.ctx.Err() != nil
}

// buildAdjacency pairs every facet edge with the facet across it. The
// half-edges are listed per lower vertex (counting sort: two int32 per
// vertex and one per half-edge); within a vertex's list, those with the
// same upper vertex are the users of one edge, in facet order. For a 1M
// facet mesh this needs 14 MB where sorting (edge key, half-edge) pairs
// needed 96 MB, the largest allocation of a run.
func (s *sectioner) buildAdjacency() {
	nt := len(s.tri)
	nv := len(s.vx)
	s.adj = make([]int32, 3*nt)
	ends := func(te int32) (lo, hi uint32) {
		tr := &s.tri[te/3]
		a, b := tr[te%3], tr[(te%3+1)%3]
		if a > b {
			a, b = b, a
		}
		return a, b
	}
	end := make([]int32, nv+1) // counts, then where each vertex's list ends
	for t, tr := range s.tri {
		if s.stopped(t) {
			return
		}
		if tr[0] == tr[1] || tr[1] == tr[2] || tr[0] == tr[2] {
			s.rep.SkippedFacets++
			s.adj[3*t], s.adj[3*t+1], s.adj[3*t+2] = -1, -1, -1
			continue
		}
		for j := range 3 {
			lo, _ := ends(int32(3*t + j))
			end[lo+1]++
		}
	}
	for v := 1; v <= nv; v++ {
		end[v] += end[v-1]
	}
	byLo := make([]int32, end[nv])
	for t, tr := range s.tri { // facet order: each list is in half-edge order
		if s.stopped(t) {
			return
		}
		if tr[0] == tr[1] || tr[1] == tr[2] || tr[0] == tr[2] {
			continue
		}
		for j := range 3 {
			te := int32(3*t + j)
			lo, _ := ends(te)
			byLo[end[lo]] = te
			end[lo]++
		}
	}
	// end[v] is now where v's list ends (and v+1's starts)
	forward := func(te int32) bool {
		tr := s.tri[te/3]
		j := te % 3
		return tr[j] < tr[(j+1)%3]
	}
	var fw, bw []int32
	begin := int32(0)
	for v := range nv {
		if s.stopped(v) {
			return
		}
		list := byLo[begin:end[v]]
		begin = end[v]
		// by upper vertex, keeping half-edge order (lists are short:
		// insertion sort; a stable sort for the long ones, where insertion
		// was quadratic: a vertex shared by 1e5 facets took minutes)
		if len(list) > 16 {
			slices.SortStableFunc(list, func(x, y int32) int {
				_, hx := ends(x)
				_, hy := ends(y)
				return cmp.Compare(hx, hy)
			})
		}
		for a := 1; a < len(list) && len(list) <= 16; a++ {
			x := list[a]
			_, hx := ends(x)
			b := a
			for b > 0 {
				if _, hb := ends(list[b-1]); hb <= hx {
					break
				}
				list[b] = list[b-1]
				b--
			}
			list[b] = x
		}
		for i := 0; i < len(list); {
			_, hi := ends(list[i])
			j := i + 1
			for j < len(list) {
				if _, h := ends(list[j]); h != hi {
					break
				}
				j++
			}
			g := list[i:j]
			i = j
			switch len(g) {
			case 1:
				s.adj[g[0]] = -1
				s.rep.BoundaryEdges++
				continue
			case 2:
				s.adj[g[0]], s.adj[g[1]] = g[1], g[0]
				continue
			}
			s.rep.NonManifold++
			// pair facets that use the edge in opposite directions first,
			// the i-th forward use with the i-th backward one, then the
			// rest two by two in order: what a greedy scan for the first
			// unused partner gives, in linear time (the scan was
			// quadratic in the facets sharing the edge)
			fw, bw = fw[:0], bw[:0]
			for _, e := range g {
				s.adj[e] = -1
				if forward(e) {
					fw = append(fw, e)
				} else {
					bw = append(bw, e)
				}
			}
			k := min(len(fw), len(bw))
			for a := range k {
				s.adj[fw[a]], s.adj[bw[a]] = bw[a], fw[a]
			}
			rest := fw[k:]
			if len(bw) > k {
				rest = bw[k:]
			}
			for a := 0; a+1 < len(rest); a += 2 {
				s.adj[rest[a]], s.adj[rest[a+1]] = rest[a+1], rest[a]
			}
		}
	}
}

func (s *sectioner) buildBuckets() {
	n := len(s.planes)
	s.start = make([]int32, n+1)
	lo := make([]int32, len(s.tri))
	hi := make([]int32, len(s.tri))
	for t, tr := range s.tri {
		if s.stopped(t) {
			return
		}
		if tr[0] == tr[1] || tr[1] == tr[2] || tr[0] == tr[2] { // skipped (buildAdjacency)
			lo[t], hi[t] = 0, 0
			continue
		}
		z0, z1, z2 := s.vz[tr[0]], s.vz[tr[1]], s.vz[tr[2]]
		zmin, zmax := min(z0, z1, z2), max(z0, z1, z2)
		// planes p with zmin < p <= zmax
		a := sort.SearchFloat64s(s.planes, math.Nextafter(zmin, math.Inf(1)))
		b := sort.Search(len(s.planes), func(i int) bool { return s.planes[i] > zmax })
		lo[t], hi[t] = int32(a), int32(b)
		for l := a; l < b; l++ {
			s.start[l+1]++
		}
	}
	for l := 0; l < n; l++ {
		s.start[l+1] += s.start[l]
	}
	s.bucket = make([]int32, s.start[n])
	fill := slices.Clone(s.start[:n])
	for t := range s.tri {
		if s.stopped(t) {
			return
		}
		for l := lo[t]; l < hi[t]; l++ {
			s.bucket[fill[l]] = int32(t)
			fill[l]++
		}
	}
}

// crossing returns the local indices of the edge the plane crosses going up
// (from a vertex below to one at or above) and going down, in facet order.
func (s *sectioner) crossing(t int32, z float64) (up, down int) {
	tr := s.tri[t]
	var above [3]bool
	for j := 0; j < 3; j++ {
		above[j] = s.vz[tr[j]] >= z
	}
	up, down = -1, -1
	for j := 0; j < 3; j++ {
		a, b := above[j], above[(j+1)%3]
		if !a && b {
			up = j
		} else if a && !b {
			down = j
		}
	}
	return up, down
}

// point is where the plane z cuts edge j of facet t; computed from the
// edge's two vertices in index order so both facets sharing it agree.
func (s *sectioner) point(t int32, j int, z float64) geom.Point {
	tr := s.tri[t]
	a, b := tr[j], tr[(j+1)%3]
	if a > b {
		a, b = b, a
	}
	za, zb := s.vz[a], s.vz[b]
	f := (z - za) / (zb - za)
	x := s.vx[a] + f*(s.vx[b]-s.vx[a])
	y := s.vy[a] + f*(s.vy[b]-s.vy[a])
	return geom.Point{X: int64(math.Round(x * geom.PerMM)), Y: int64(math.Round(y * geom.PerMM))}
}

type chain struct {
	pts    geom.Path
	closed bool
}

// walk is what one direction of a section walk found: steps taken, their
// net agreement with the facets' winding (+1 a facet entered as its winding
// says, -1 a flipped one), and whether the chain closed.
type walk struct {
	steps, score int
	closed       bool
}

// walk follows the section at height z from facet t, leaving through its
// edge exit, from neighbour to neighbour, appending the crossing points to
// pts. forward walks with the facets' winding (a facet is entered through
// its down edge), backward against it. It stops when it comes back to t
// through closeAt (closed; -1: not looked for), leaves the mesh, reaches a
// facet already used at this height (stamp[t] == id), or a facet that does
// not cross z.
func (s *sectioner) walk(pts geom.Path, t int32, exit, closeAt int, forward bool, z float64, stamp []int32, id int32) (geom.Path, walk) {
	var w walk
	cur := t
	for {
		nb := s.adj[int(cur)*3+exit]
		if nb < 0 {
			return pts, w
		}
		nt, nj := nb/3, int(nb%3)
		if nt == t && nj == closeAt {
			w.closed = true
			return pts, w
		}
		if stamp[nt] == id {
			return pts, w
		}
		stamp[nt] = id
		u, d := s.crossing(nt, z)
		entry, other := d, u // the edge a consistent walk comes in by, and leaves by
		if !forward {
			entry, other = u, d
		}
		switch nj {
		case entry:
			exit = other
			w.score++
		case other:
			exit = entry
			w.score--
		default:
			return pts, w
		}
		if exit < 0 {
			return pts, w
		}
		pts = append(pts, s.point(nt, exit, z))
		w.steps++
		cur = nt
	}
}

// cut walks the facets crossing plane l into chains. stamp is per-worker
// scratch of len(facets), holding the last plane each facet was used in.
func (s *sectioner) cut(l int, stamp []int32, rep *Repairs) []chain {
	z := s.planes[l]
	id := int32(l)
	var out []chain
	for _, t := range s.bucket[s.start[l]:s.start[l+1]] {
		if stamp[t] == id {
			continue
		}
		stamp[t] = id
		up, down := s.crossing(t, z)
		if up < 0 || down < 0 {
			continue
		}
		pts := geom.Path{s.point(t, down, z), s.point(t, up, z)}
		// forward, leaving through the up edge, until the chain closes on
		// t's down edge; when it does not close, backward from the down edge
		var fw, back walk
		pts, fw = s.walk(pts, t, up, down, true, z, stamp, id)
		closed := fw.closed
		if closed {
			pts = pts[:len(pts)-1]
		} else {
			var bpts geom.Path
			bpts, back = s.walk(nil, t, down, -1, false, z, stamp, id)
			if len(bpts) > 0 {
				bpts.Reverse()
				pts = append(bpts, pts...)
			}
		}
		score, walked := 1+fw.score+back.score, 1+fw.steps+back.steps
		if score < 0 {
			pts.Reverse()
		}
		// segments against the chain's majority winding: flipped facets
		rep.FlippedSegments += (walked - max(score, -score)) / 2
		out = append(out, chain{pts: dedup(pts, closed), closed: closed})
	}
	return out
}

// dedup drops consecutive repeated points (and, for rings, a last point
// equal to the first).
func dedup(p geom.Path, closed bool) geom.Path {
	if len(p) == 0 {
		return p
	}
	o := p[:1]
	for _, q := range p[1:] {
		if q != o[len(o)-1] {
			o = append(o, q)
		}
	}
	if closed {
		for len(o) > 1 && o[len(o)-1] == o[0] {
			o = o[:len(o)-1]
		}
	}
	return o
}

// closeChains joins open chains end to start, always taking the nearest
// free end, until every chain is a ring. It returns the rings and the
// number and longest length (µm) of the joins.
func closeChains(open []geom.Path) (rings []geom.Path, joins int, maxGap float64) {
	used := make([]bool, len(open))
	for i := range open {
		if used[i] {
			continue
		}
		used[i] = true
		cur := slices.Clone(open[i])
		for {
			end := cur[len(cur)-1]
			best, bestD, rev := -1, cur[0].Dist(end), false // closing on itself
			for j := range open {
				if used[j] {
					continue
				}
				if d := open[j][0].Dist(end); d < bestD {
					best, bestD, rev = j, d, false
				}
				if d := open[j][len(open[j])-1].Dist(end); d < bestD {
					best, bestD, rev = j, d, true
				}
			}
			joins++
			maxGap = max(maxGap, bestD)
			if best < 0 {
				break
			}
			used[best] = true
			nxt := slices.Clone(open[best])
			if rev {
				nxt.Reverse()
			}
			cur = append(cur, nxt...)
		}
		rings = append(rings, dedup(cur, true))
	}
	return rings, joins, maxGap
}

// contours builds layer i's section: chains, repairs, simplification and the
// non-zero union into polygons with holes.
func (s *slicer) contours(sec *sectioner, i int, stamp []int32) error {
	L := &s.layers[i]
	chains := sec.cut(i, stamp, &L.rep)
	var rings, open []geom.Path
	for _, c := range chains {
		if c.closed {
			rings = append(rings, c.pts)
		} else if len(c.pts) > 0 {
			open = append(open, c.pts)
		}
	}
	if len(open) > 0 {
		L.rep.OpenChains += len(open)
		closed, joins, gap := closeChains(open)
		L.rep.GapsClosed += joins
		L.rep.MaxGapMM = max(L.rep.MaxGapMM, gap/geom.PerMM)
		rings = append(rings, closed...)
	}
	kept := rings[:0]
	for _, r := range rings {
		if s.res > 0 {
			r = geom.Simplify(r, s.res, true)
		}
		if len(r) >= 3 && r.Area2() != 0 {
			kept = append(kept, r)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	L.region = clip.UnionChunked(kept, clip.NonZero, 400)
	return nil
}
