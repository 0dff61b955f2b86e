package vector

import "math"

// Matrix is a 2-D affine transform in SVG's sense: it maps (x, y) to
// (a·x + c·y + e, b·x + d·y + f) for SVG's matrix(a, b, c, d, e, f), stored as
// the two rows {{a, c, e}, {b, d, f}}. Methods that add a transform apply it
// before m (m.Translate(x, y) first translates, then applies m), the order in
// which SVG's transform lists nest.
type Matrix [2][3]float64

// Identity returns the transform that changes nothing.
func Identity() Matrix { return Matrix{{1, 0, 0}, {0, 1, 0}} }

// Mul returns m·q: q applied first, then m.
func (m Matrix) Mul(q Matrix) Matrix {
	return Matrix{{
		m[0][0]*q[0][0] + m[0][1]*q[1][0],
		m[0][0]*q[0][1] + m[0][1]*q[1][1],
		m[0][0]*q[0][2] + m[0][1]*q[1][2] + m[0][2],
	}, {
		m[1][0]*q[0][0] + m[1][1]*q[1][0],
		m[1][0]*q[0][1] + m[1][1]*q[1][1],
		m[1][0]*q[0][2] + m[1][1]*q[1][2] + m[1][2],
	}}
}

// Apply transforms the point p.
func (m Matrix) Apply(p Point) Point {
	return Point{m[0][0]*p.X + m[0][1]*p.Y + m[0][2], m[1][0]*p.X + m[1][1]*p.Y + m[1][2]}
}

// Translate adds a translation by (x, y).
func (m Matrix) Translate(x, y float64) Matrix { return m.Mul(Matrix{{1, 0, x}, {0, 1, y}}) }

// Scale adds a scaling by sx and sy (negative values mirror).
func (m Matrix) Scale(sx, sy float64) Matrix { return m.Mul(Matrix{{sx, 0, 0}, {0, sy, 0}}) }

// Rotate adds a rotation by deg degrees, counter-clockwise in a y-up frame,
// which is SVG's clockwise rotate(deg) in its y-down frame: the same matrix.
func (m Matrix) Rotate(deg float64) Matrix {
	s, c := math.Sincos(deg * math.Pi / 180)
	return m.Mul(Matrix{{c, -s, 0}, {s, c, 0}})
}

// RotateAbout adds a rotation by deg degrees about (x, y).
func (m Matrix) RotateAbout(deg, x, y float64) Matrix {
	return m.Translate(x, y).Rotate(deg).Translate(-x, -y)
}

// Shear adds a shear: x += sx·y, y += sy·x.
func (m Matrix) Shear(sx, sy float64) Matrix { return m.Mul(Matrix{{1, sx, 0}, {sy, 1, 0}}) }

// Det is the determinant of the linear part: the factor areas are scaled by
// (negative when the transform mirrors).
func (m Matrix) Det() float64 { return m[0][0]*m[1][1] - m[0][1]*m[1][0] }

// maxStretch is the largest factor by which the linear part of m lengthens
// a vector (its largest singular value).
func (m Matrix) maxStretch() float64 {
	a, b, c, d := m[0][0], m[0][1], m[1][0], m[1][1]
	// eigenvalues of AᵀA: (s ± sqrt(s² − 4·det²)) / 2 with s = a²+b²+c²+d²
	s := a*a + b*b + c*c + d*d
	det := a*d - b*c
	return math.Sqrt((s + math.Sqrt(max(s*s-4*det*det, 0))) / 2)
}

// inverse returns the inverse transform; false when m is singular.
func (m Matrix) inverse() (Matrix, bool) {
	d := m.Det()
	if d == 0 || math.IsNaN(d) || math.IsInf(d, 0) {
		return Matrix{}, false
	}
	a, c, e := m[1][1]/d, -m[0][1]/d, 0.0
	b, dd, f := -m[1][0]/d, m[0][0]/d, 0.0
	e = -(a*m[0][2] + c*m[1][2])
	f = -(b*m[0][2] + dd*m[1][2])
	return Matrix{{a, c, e}, {b, dd, f}}, true
}
