package vector

import "math"

// The vector arithmetic of points in millimetres, shared by every package
// that works on the page (cutting, embroidery, pictures), so none writes
// its own.

// Add returns p + q.
func (p Point) Add(q Point) Point { return Point{X: p.X + q.X, Y: p.Y + q.Y} }

// Sub returns p − q.
func (p Point) Sub(q Point) Point { return Point{X: p.X - q.X, Y: p.Y - q.Y} }

// Scale returns p·k.
func (p Point) Scale(k float64) Point { return Point{X: p.X * k, Y: p.Y * k} }

// Dot is the dot product p·q.
func (p Point) Dot(q Point) float64 { return p.X*q.X + p.Y*q.Y }

// Cross is the z of the cross product p×q: positive when q turns
// counter-clockwise from p in a y-up frame (clockwise on an SVG page).
func (p Point) Cross(q Point) float64 { return p.X*q.Y - p.Y*q.X }

// Len is the length of p as a vector.
func (p Point) Len() float64 { return math.Hypot(p.X, p.Y) }

// Dist is the distance from p to q.
func (p Point) Dist(q Point) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }

// Lerp is the point a fraction t of the way from p to q.
func (p Point) Lerp(q Point, t float64) Point {
	return Point{X: p.X + (q.X-p.X)*t, Y: p.Y + (q.Y-p.Y)*t}
}

// Unit is p scaled to length 1, or the zero point for the zero vector.
func (p Point) Unit() Point {
	n := p.Len()
	if n == 0 {
		return Point{}
	}
	return p.Scale(1 / n)
}

// Perp is p turned a quarter turn: (−y, x).
func (p Point) Perp() Point { return Point{X: -p.Y, Y: p.X} }

// Finite reports whether both coordinates are finite numbers.
func (p Point) Finite() bool {
	return !math.IsNaN(p.X) && !math.IsNaN(p.Y) && !math.IsInf(p.X, 0) && !math.IsInf(p.Y, 0)
}

// SegDist is the distance from p to the segment a–b.
func (p Point) SegDist(a, b Point) float64 {
	ab := b.Sub(a)
	l2 := ab.Dot(ab)
	if l2 == 0 {
		return p.Dist(a)
	}
	t := math.Max(0, math.Min(1, p.Sub(a).Dot(ab)/l2))
	return p.Dist(a.Lerp(b, t))
}

// PolyLength is the length of the polyline through pts.
func PolyLength(pts []Point) float64 {
	s := 0.0
	for i := 1; i < len(pts); i++ {
		s += pts[i-1].Dist(pts[i])
	}
	return s
}
