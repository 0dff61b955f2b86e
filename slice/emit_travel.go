package slice

import "github.com/usinette/usinette/geom"

// islands indexes the outlines of a layer's islands (its closed external
// perimeter loops) so that a travel can be tested for leaving the material:
// a travel that stays inside one island needs neither retraction nor lift,
// which is what PrusaSlicer does with only_retract_when_crossing_perimeters.
//
// Segments are bucketed in horizontal bands; the tests are exact integer
// orientation tests.
type islands struct {
	segs  []segment
	rings []geom.Path
	y0    int64
	bands [][]int32
}

// segment is edge idx of ring: from rings[ring][idx] to the next vertex.
type segment struct {
	a, b      geom.Point
	ring, idx int32
}

const bandUM = 1000

func newIslands(paths []Extrusion) *islands { return ringIndex(outlines(paths)) }

// ringIndex indexes closed rings (outer rings counter-clockwise, holes
// clockwise) for inside and crossing tests.
func ringIndex(rings []geom.Path) *islands {
	isl := &islands{}
	first := true
	var minY, maxY int64
	for _, pts := range rings {
		if len(pts) < 3 {
			continue
		}
		n := len(pts)
		ring := int32(len(isl.rings))
		isl.rings = append(isl.rings, pts)
		for j := range n {
			a, b := pts[j], pts[(j+1)%n]
			if a == b {
				continue
			}
			isl.segs = append(isl.segs, segment{a, b, ring, int32(j)})
			lo, hi := min(a.Y, b.Y), max(a.Y, b.Y)
			if first {
				minY, maxY, first = lo, hi, false
			}
			minY, maxY = min(minY, lo), max(maxY, hi)
		}
	}
	if len(isl.segs) == 0 {
		return isl
	}
	isl.y0 = minY
	isl.bands = make([][]int32, (maxY-minY)/bandUM+1)
	for i, s := range isl.segs {
		lo, hi := isl.band(min(s.a.Y, s.b.Y)), isl.band(max(s.a.Y, s.b.Y))
		for k := lo; k <= hi; k++ {
			isl.bands[k] = append(isl.bands[k], int32(i))
		}
	}
	return isl
}

// outlines returns the islands' outlines among a layer's extrusions: the
// closed external (or all-overhang external) loops, and the external loops
// cut into open stretches where they hang over air (consecutive external
// and overhang stretches, each starting where the last ended, that come
// back to their start and hold an external one).
func outlines(paths []Extrusion) []geom.Path {
	var out []geom.Path
	outer := func(e *Extrusion) bool { return e.Role == ExternalPerimeter || e.Role == OverhangPerimeter }
	var chain geom.Path
	hasExt := false
	for i := range paths {
		e := &paths[i]
		if len(e.Points) == 0 {
			continue
		}
		if e.Closed {
			chain = nil
			if len(e.Points) >= 3 && outer(e) {
				out = append(out, e.Points)
			}
			continue
		}
		if !outer(e) {
			chain = nil
			continue
		}
		if len(chain) == 0 || chain[len(chain)-1] != e.Points[0] {
			chain, hasExt = append(geom.Path(nil), e.Points...), false
		} else {
			chain = append(chain, e.Points[1:]...)
		}
		hasExt = hasExt || e.Role == ExternalPerimeter
		if len(chain) >= 4 && chain[0] == chain[len(chain)-1] && hasExt {
			out = append(out, chain[:len(chain)-1])
			chain = nil
		}
	}
	return out
}

func (isl *islands) band(y int64) int {
	k := int((y - isl.y0) / bandUM)
	if y < isl.y0 {
		k = -1
	}
	return k
}

// inside reports whether p is inside an island (non-zero winding).
func (isl *islands) inside(p geom.Point) bool {
	k := isl.band(p.Y)
	if k < 0 || k >= len(isl.bands) {
		return false
	}
	w := 0
	for _, i := range isl.bands[k] {
		s := isl.segs[i]
		if s.a.Y <= p.Y {
			if s.b.Y > p.Y && geom.Orientation(s.a, s.b, p) > 0 {
				w++
			}
		} else if s.b.Y <= p.Y && geom.Orientation(s.a, s.b, p) < 0 {
			w--
		}
	}
	return w != 0
}

// crosses reports whether the segment a-b properly crosses an island outline.
func (isl *islands) crosses(a, b geom.Point) bool {
	lo, hi := isl.band(min(a.Y, b.Y)), isl.band(max(a.Y, b.Y))
	lo, hi = max(lo, 0), min(hi, len(isl.bands)-1)
	minX, maxX := min(a.X, b.X), max(a.X, b.X)
	minY, maxY := min(a.Y, b.Y), max(a.Y, b.Y)
	for k := lo; k <= hi; k++ {
		for _, i := range isl.bands[k] {
			s := isl.segs[i]
			if max(s.a.X, s.b.X) < minX || min(s.a.X, s.b.X) > maxX ||
				max(s.a.Y, s.b.Y) < minY || min(s.a.Y, s.b.Y) > maxY {
				continue
			}
			if geom.Orientation(a, b, s.a)*geom.Orientation(a, b, s.b) < 0 && geom.Orientation(s.a, s.b, a)*geom.Orientation(s.a, s.b, b) < 0 {
				return true
			}
		}
	}
	return false
}

// staysInside reports whether the straight travel a-b stays within one
// island: it crosses no outline and the points along it are inside.
func (isl *islands) staysInside(a, b geom.Point) bool {
	if len(isl.segs) == 0 {
		return false
	}
	for _, t := range [...]int64{1, 2, 3} {
		p := geom.Point{X: a.X + (b.X-a.X)*t/4, Y: a.Y + (b.Y-a.Y)*t/4}
		if !isl.inside(p) {
			return false
		}
	}
	return !isl.crosses(a, b)
}

// crossing is where a travel meets an island outline.
type crossing struct {
	t   float64 // along the travel, 0..1
	p   geom.Point
	seg segment
}

// crossings returns where the segment a-b properly crosses the outlines,
// ordered along a-b.
func (isl *islands) crossings(a, b geom.Point) []crossing {
	var out []crossing
	lo, hi := isl.band(min(a.Y, b.Y)), isl.band(max(a.Y, b.Y))
	lo, hi = max(lo, 0), min(hi, len(isl.bands)-1)
	minX, maxX := min(a.X, b.X), max(a.X, b.X)
	minY, maxY := min(a.Y, b.Y), max(a.Y, b.Y)
	seen := map[int32]bool{}
	for k := lo; k <= hi; k++ {
		for _, i := range isl.bands[k] {
			s := isl.segs[i]
			if max(s.a.X, s.b.X) < minX || min(s.a.X, s.b.X) > maxX ||
				max(s.a.Y, s.b.Y) < minY || min(s.a.Y, s.b.Y) > maxY || seen[i] {
				continue
			}
			if geom.Orientation(a, b, s.a)*geom.Orientation(a, b, s.b) < 0 && geom.Orientation(s.a, s.b, a)*geom.Orientation(s.a, s.b, b) < 0 {
				seen[i] = true
				// Intersection parameter along a-b.
				dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
				ex, ey := float64(s.b.X-s.a.X), float64(s.b.Y-s.a.Y)
				den := dx*ey - dy*ex
				t := (float64(s.a.X-a.X)*ey - float64(s.a.Y-a.Y)*ex) / den
				p := geom.Point{X: a.X + int64(t*dx+0.5*sign(dx*t)), Y: a.Y + int64(t*dy+0.5*sign(dy*t))}
				out = append(out, crossing{t, p, s})
			}
		}
	}
	sortCrossings(out)
	return out
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

func sortCrossings(c []crossing) {
	for i := 1; i < len(c); i++ {
		for j := i; j > 0 && c[j].t < c[j-1].t; j-- {
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
}

// detour returns a travel path from a to b that stays inside the islands by
// following the outline wherever the straight line would leave it, or false
// when there is none (the ends are in different islands, or the way round is
// more than maxFactor times the straight line plus 5 mm). The path excludes
// a and includes b.
func (isl *islands) detour(a, b geom.Point, maxFactor float64) (geom.Path, bool) {
	cs := isl.crossings(a, b)
	if len(cs) == 0 || len(cs)%2 == 1 || len(cs) > 16 {
		return nil, false
	}
	// Each stretch of the straight line between an entry and the next exit
	// must be inside.
	mid := func(p, q geom.Point) geom.Point { return geom.Point{X: (p.X + q.X) / 2, Y: (p.Y + q.Y) / 2} }
	prev := a
	for i := 0; i <= len(cs); i += 2 {
		next := b
		if i < len(cs) {
			next = cs[i].p
		}
		if prev != next && !isl.inside(mid(prev, next)) {
			return nil, false
		}
		if i+1 < len(cs) {
			prev = cs[i+1].p
		}
	}
	var path geom.Path
	for i := 0; i < len(cs); i += 2 {
		out, in := cs[i], cs[i+1]
		if out.seg.ring != in.seg.ring {
			return nil, false
		}
		path = append(path, out.p)
		path = append(path, isl.walk(out.seg, in.seg, out.p, in.p)...)
		path = append(path, in.p)
	}
	path = append(path, b)
	direct := dist(a, b)
	length := dist(a, path[0])
	for i := 1; i < len(path); i++ {
		length += dist(path[i-1], path[i])
	}
	if length > maxFactor*direct+5 {
		return nil, false
	}
	return path, true
}

// walk returns the ring vertices between the crossing on edge from and the
// crossing on edge to, going round the shorter way.
func (isl *islands) walk(from, to segment, p, q geom.Point) geom.Path {
	ring := isl.rings[from.ring]
	n := int32(len(ring))
	// Forward: vertices from.idx+1 .. to.idx.
	var fwd, bwd geom.Path
	for k := (from.idx + 1) % n; ; k = (k + 1) % n {
		fwd = append(fwd, ring[k])
		if k == to.idx || len(fwd) > int(n) {
			break
		}
	}
	// Backward: vertices from.idx .. to.idx+1.
	for k := from.idx; ; k = (k - 1 + n) % n {
		bwd = append(bwd, ring[k])
		if k == (to.idx+1)%n || len(bwd) > int(n) {
			break
		}
	}
	if from.idx == to.idx {
		return nil
	}
	if polyLen(p, fwd, q) <= polyLen(p, bwd, q) {
		return fwd
	}
	return bwd
}

func polyLen(p geom.Point, mid geom.Path, q geom.Point) float64 {
	l := 0.0
	prev := p
	for _, v := range mid {
		l += dist(prev, v)
		prev = v
	}
	return l + dist(prev, q)
}

// topLines indexes a layer's top-solid-infill lines, each segment with the
// index of its path in the layer, so that a travel can be tested for
// running over top surface printed before it: such a travel is retracted
// and lifted even inside an island, since a dragged or oozing nozzle marks
// the finished surface (PrusaSlicer, with the MK3S profile, retracts any
// travel over 1 mm; within an island we save that over infill only).
type topLines struct {
	segs  []topSeg
	y0    int64
	bands [][]int32
}

type topSeg struct {
	a, b geom.Point
	path int32
}

// newTopLines returns nil when the layer has no top solid infill.
func newTopLines(paths []Extrusion) *topLines {
	var t *topLines
	var minY, maxY int64
	for i := range paths {
		e := &paths[i]
		if e.Role != TopSolidInfill || len(e.Points) < 2 {
			continue
		}
		if t == nil {
			t = &topLines{}
			minY, maxY = e.Points[0].Y, e.Points[0].Y
		}
		n := len(e.Points)
		last := n - 1
		if e.Closed {
			last = n
		}
		for j := 0; j < last; j++ {
			a, b := e.Points[j], e.Points[(j+1)%n]
			if a == b {
				continue
			}
			t.segs = append(t.segs, topSeg{a, b, int32(i)})
			minY, maxY = min(minY, a.Y, b.Y), max(maxY, a.Y, b.Y)
		}
	}
	if t == nil {
		return nil
	}
	t.y0 = minY
	t.bands = make([][]int32, (maxY-minY)/bandUM+1)
	for i, s := range t.segs {
		lo, hi := (min(s.a.Y, s.b.Y)-minY)/bandUM, (max(s.a.Y, s.b.Y)-minY)/bandUM
		for k := lo; k <= hi; k++ {
			t.bands[k] = append(t.bands[k], int32(i))
		}
	}
	return t
}

// crossed reports whether the travel from a through the points of hops
// crosses a top-solid-infill line of a path printed before path
// index before.
func (t *topLines) crossed(a geom.Point, hops geom.Path, before int) bool {
	if t == nil {
		return false
	}
	for _, b := range hops {
		if t.crossedSeg(a, b, int32(before)) {
			return true
		}
		a = b
	}
	return false
}

func (t *topLines) crossedSeg(a, b geom.Point, before int32) bool {
	minX, maxX := min(a.X, b.X), max(a.X, b.X)
	minY, maxY := min(a.Y, b.Y), max(a.Y, b.Y)
	lo, hi := (minY-t.y0)/bandUM, (maxY-t.y0)/bandUM
	if maxY < t.y0 || lo >= int64(len(t.bands)) {
		return false
	}
	lo, hi = max(lo, 0), min(hi, int64(len(t.bands))-1)
	for k := lo; k <= hi; k++ {
		for _, i := range t.bands[k] {
			s := t.segs[i]
			if s.path >= before || max(s.a.X, s.b.X) < minX || min(s.a.X, s.b.X) > maxX ||
				max(s.a.Y, s.b.Y) < minY || min(s.a.Y, s.b.Y) > maxY {
				continue
			}
			// through the line, or through one of its vertices (a zig-zag
			// corner on the travel); not from or to it
			if geom.Orientation(a, b, s.a)*geom.Orientation(a, b, s.b) <= 0 && geom.Orientation(s.a, s.b, a)*geom.Orientation(s.a, s.b, b) < 0 {
				return true
			}
		}
	}
	return false
}
