package geom

import "math"

// Polygon is a region with holes: one outer ring (counter-clockwise) and the
// rings of its holes (clockwise), none repeating its first point.
type Polygon struct {
	Outer Path
	Holes []Path
}

// Rect is an axis-aligned bounding box; Min is inclusive, Max inclusive.
type Rect struct{ Min, Max Point }

// EmptyRect is the box that contains nothing; growing it by a point gives
// the box of that point.
func EmptyRect() Rect {
	return Rect{Min: Point{math.MaxInt64, math.MaxInt64}, Max: Point{math.MinInt64, math.MinInt64}}
}

// Empty reports whether r contains no point.
func (r Rect) Empty() bool { return r.Min.X > r.Max.X || r.Min.Y > r.Max.Y }

// Add returns r grown to contain p.
func (r Rect) Add(p Point) Rect {
	r.Min.X = min(r.Min.X, p.X)
	r.Min.Y = min(r.Min.Y, p.Y)
	r.Max.X = max(r.Max.X, p.X)
	r.Max.Y = max(r.Max.Y, p.Y)
	return r
}

// Union returns the box containing r and s.
func (r Rect) Union(s Rect) Rect {
	if s.Empty() {
		return r
	}
	return r.Add(s.Min).Add(s.Max)
}

// Overlaps reports whether r and s share at least one point.
func (r Rect) Overlaps(s Rect) bool {
	return !r.Empty() && !s.Empty() && r.Min.X <= s.Max.X && s.Min.X <= r.Max.X && r.Min.Y <= s.Max.Y && s.Min.Y <= r.Max.Y
}

// Contains reports whether p lies in r (borders included).
func (r Rect) Contains(p Point) bool {
	return p.X >= r.Min.X && p.X <= r.Max.X && p.Y >= r.Min.Y && p.Y <= r.Max.Y
}

// Bounds is the bounding box of the path's points.
func (p Path) Bounds() Rect {
	r := EmptyRect()
	for _, q := range p {
		r = r.Add(q)
	}
	return r
}

// Bounds is the bounding box of the outer ring.
func (p Polygon) Bounds() Rect { return p.Outer.Bounds() }

// Add returns p+q.
func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }

// Sub returns p-q.
func (p Point) Sub(q Point) Point { return Point{p.X - q.X, p.Y - q.Y} }

// Dist2 is the squared distance between p and q in µm².
func (p Point) Dist2(q Point) int64 {
	dx, dy := p.X-q.X, p.Y-q.Y
	return dx*dx + dy*dy
}

// Dist is the distance between p and q in µm.
func (p Point) Dist(q Point) float64 { return math.Hypot(float64(p.X-q.X), float64(p.Y-q.Y)) }

// Orientation is the sign of the turn a→b→c: +1 counter-clockwise, -1
// clockwise, 0 collinear. It is exact for coordinates below 2^31 µm (2000 km);
// beyond that it falls back to 128-bit products.
func Orientation(a, b, c Point) int {
	ux, uy := b.X-a.X, b.Y-a.Y
	vx, vy := c.X-a.X, c.Y-a.Y
	if fits31(ux) && fits31(uy) && fits31(vx) && fits31(vy) {
		d := ux*vy - uy*vx
		switch {
		case d > 0:
			return 1
		case d < 0:
			return -1
		}
		return 0
	}
	return cmp128(mul128(ux, vy), mul128(uy, vx))
}

func fits31(v int64) bool { return v > -(1<<31) && v < 1<<31 }

type i128 struct {
	hi int64
	lo uint64
}

func mul128(a, b int64) i128 {
	neg := (a < 0) != (b < 0)
	ua, ub := uabs(a), uabs(b)
	// schoolbook 64x64 -> 128
	a0, a1 := ua&0xffffffff, ua>>32
	b0, b1 := ub&0xffffffff, ub>>32
	w0 := a0 * b0
	t := a1*b0 + w0>>32
	w1 := t & 0xffffffff
	w2 := t >> 32
	w1 += a0 * b1
	hi := a1*b1 + w2 + w1>>32
	lo := ua * ub
	r := i128{hi: int64(hi), lo: lo}
	if neg {
		r.lo = ^r.lo + 1
		r.hi = ^r.hi
		if r.lo == 0 {
			r.hi++
		}
	}
	return r
}

func uabs(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

func cmp128(a, b i128) int {
	switch {
	case a.hi > b.hi:
		return 1
	case a.hi < b.hi:
		return -1
	case a.lo > b.lo:
		return 1
	case a.lo < b.lo:
		return -1
	}
	return 0
}

// Area2 is twice the signed area of the closed ring in µm² (positive when
// counter-clockwise). Exact while the result fits in int64 (any ring on a
// 1 m bed does).
func (p Path) Area2() int64 {
	n := len(p)
	if n < 3 {
		return 0
	}
	var s int64
	prev := p[n-1]
	for _, q := range p {
		s += prev.X*q.Y - q.X*prev.Y
		prev = q
	}
	return s
}

// Area is the signed area of the closed ring in µm², the kernel's unit like
// Length's µm (divide by PerMM2 for mm²).
func (p Path) Area() float64 { return float64(p.Area2()) / 2 }

// CCW reports whether the closed ring winds counter-clockwise.
func (p Path) CCW() bool { return p.Area2() > 0 }

// Reverse reverses the path in place.
func (p Path) Reverse() {
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
}

// Length is the length of the polyline in µm; closed adds the closing edge.
func (p Path) Length(closed bool) float64 {
	var l float64
	for i := 1; i < len(p); i++ {
		l += p[i].Dist(p[i-1])
	}
	if closed && len(p) > 2 {
		l += p[0].Dist(p[len(p)-1])
	}
	return l
}

// Area is the area of the polygon in µm²: outer minus holes.
func (p Polygon) Area() float64 {
	a := math.Abs(p.Outer.Area())
	for _, h := range p.Holes {
		a -= math.Abs(h.Area())
	}
	return a
}

// Winding is the winding number of the closed ring around q, exact; points
// on the boundary count as outside (0) — use OnBoundary to tell them apart.
func (p Path) Winding(q Point) int {
	w := 0
	n := len(p)
	for i := 0; i < n; i++ {
		a, b := p[i], p[(i+1)%n]
		if a.Y <= q.Y {
			if b.Y > q.Y && Orientation(a, b, q) > 0 {
				w++
			}
		} else if b.Y <= q.Y && Orientation(a, b, q) < 0 {
			w--
		}
	}
	return w
}

// OnBoundary reports whether q lies on an edge of the closed ring.
func (p Path) OnBoundary(q Point) bool {
	n := len(p)
	for i := 0; i < n; i++ {
		a, b := p[i], p[(i+1)%n]
		if Orientation(a, b, q) == 0 && min(a.X, b.X) <= q.X && q.X <= max(a.X, b.X) && min(a.Y, b.Y) <= q.Y && q.Y <= max(a.Y, b.Y) {
			return true
		}
	}
	return false
}

// Contains reports whether q lies strictly inside the polygon (inside the
// outer ring and outside every hole) under the non-zero rule.
func (p Polygon) Contains(q Point) bool {
	if p.Outer.Winding(q) == 0 {
		return false
	}
	for _, h := range p.Holes {
		if h.Winding(q) != 0 {
			return false
		}
	}
	return true
}

// SegDist2 is the squared distance from q to the segment a-b, in µm².
func SegDist2(q, a, b Point) float64 {
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	px, py := float64(q.X-a.X), float64(q.Y-a.Y)
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = (px*dx + py*dy) / l2
		t = max(0, min(1, t))
	}
	ex, ey := px-t*dx, py-t*dy
	return ex*ex + ey*ey
}

// Simplify removes points of the closed ring (closed=true) or polyline that
// lie within tol µm of the line through their neighbours, keeping the shape
// within tol (Douglas-Peucker on polylines, a collinearity sweep on rings).
// It returns a new path; rings keep at least 3 points.
func Simplify(p Path, tol int64, closed bool) Path {
	if len(p) < 3 {
		return append(Path(nil), p...)
	}
	keep := make([]bool, len(p))
	t2 := float64(tol) * float64(tol)
	if !closed {
		keep[0], keep[len(p)-1] = true, true
		dp(p, 0, len(p)-1, t2, keep)
	} else {
		// split the ring at point 0 and the point farthest from it
		far, fd := 0, int64(-1)
		for i, q := range p {
			if d := q.Dist2(p[0]); d > fd {
				far, fd = i, d
			}
		}
		keep[0], keep[far] = true, true
		dp(p, 0, far, t2, keep)
		ring := append(append(Path(nil), p[far:]...), p[0])
		k2 := make([]bool, len(ring))
		dp(ring, 0, len(ring)-1, t2, k2)
		for i := 1; i < len(ring)-1; i++ {
			if k2[i] {
				keep[far+i] = true
			}
		}
	}
	out := make(Path, 0, len(p)/2+2)
	for i, q := range p {
		if keep[i] {
			out = append(out, q)
		}
	}
	if closed && len(out) < 3 {
		return append(Path(nil), p...)
	}
	return out
}

func dp(p Path, i, j int, t2 float64, keep []bool) {
	for j > i+1 {
		best, bd := -1, t2
		// SegDist2(p[k], p[i], p[j]) with the segment's terms taken out
		// of the loop (same operations, same results): the simplification
		// of sections and infill curves spent half its time in the calls
		a, b := p[i], p[j]
		dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
		l2 := dx*dx + dy*dy
		for k, q := range p[i+1 : j] {
			px, py := float64(q.X-a.X), float64(q.Y-a.Y)
			t := 0.0
			if l2 > 0 {
				t = (px*dx + py*dy) / l2
				t = max(0, min(1, t))
			}
			ex, ey := px-t*dx, py-t*dy
			if d := ex*ex + ey*ey; d > bd {
				best, bd = i+1+k, d
			}
		}
		if best < 0 {
			return
		}
		keep[best] = true
		dp(p, i, best, t2, keep)
		i = best
	}
}
