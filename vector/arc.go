package vector

import "math"

// maxArcSteps bounds the chords of one arc, whatever its size against the
// tolerance (a fuzzed radius of 1e12 mm must not ask for billions).
const maxArcSteps = 10000

// flattenArc adds the points of the SVG elliptical arc from p0 to p1 (user
// units: radii rx, ry, x-axis rotation rotDeg in degrees, the large-arc and
// sweep flags), mapped to page millimetres by m, so that no chord strays
// more than tol from the mapped curve. p0 is taken as already added and p1
// is left to the caller. Radii too small to reach p1 are scaled up as SVG
// says (the implementation notes' "out-of-range radii"); the caller handles
// zero radii and p0 == p1 (a straight line and nothing).
//
// The arc is the image of the unit circle under A = m·R(rot)·diag(rx, ry)
// plus the centre. A chord of the unit circle over an angle step Δ strays
// 1 − cos(Δ/2) from it, and the linear map A stretches that by at most its
// largest singular value σ, so steps of Δ = 2·acos(1 − tol/σ) keep the
// chords within tol of the mapped arc.
func flattenArc(add func(Point), p0 Point, rx, ry, rotDeg float64, large, sweep bool, p1 Point, m Matrix, tol float64) {
	rx, ry = math.Abs(rx), math.Abs(ry)
	sinPhi, cosPhi := math.Sincos(rotDeg * math.Pi / 180)
	// endpoint to centre parameterisation (SVG 1.1, implementation notes F.6.5)
	hx, hy := (p0.X-p1.X)/2, (p0.Y-p1.Y)/2
	x1 := cosPhi*hx + sinPhi*hy
	y1 := -sinPhi*hx + cosPhi*hy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		s := math.Sqrt(l)
		rx, ry = rx*s, ry*s
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	coef := 0.0
	if den > 0 && num > 0 {
		coef = math.Sqrt(num / den)
	}
	if large == sweep {
		coef = -coef
	}
	cxp, cyp := coef*rx*y1/ry, -coef*ry*x1/rx
	cx := cosPhi*cxp - sinPhi*cyp + (p0.X+p1.X)/2
	cy := sinPhi*cxp + cosPhi*cyp + (p0.Y+p1.Y)/2
	theta0 := math.Atan2((y1-cyp)/ry, (x1-cxp)/rx)
	theta1 := math.Atan2((-y1-cyp)/ry, (-x1-cxp)/rx)
	dtheta := theta1 - theta0
	if sweep && dtheta < 0 {
		dtheta += 2 * math.Pi
	} else if !sweep && dtheta > 0 {
		dtheta -= 2 * math.Pi
	}

	a := m.Mul(Matrix{{cosPhi * rx, -sinPhi * ry, 0}, {sinPhi * rx, cosPhi * ry, 0}})
	sigma := a.maxStretch()
	n := 1.0
	if sigma > tol {
		step := 2 * math.Acos(1-tol/sigma)
		n = math.Ceil(math.Abs(dtheta) / step)
	}
	if !(n >= 1) { // NaN from a degenerate matrix
		n = 1
	}
	n = min(n, maxArcSteps)
	for k := 1; k < int(n); k++ {
		t := theta0 + dtheta*float64(k)/n
		s, c := math.Sincos(t)
		add(m.Apply(Point{cx + cosPhi*rx*c - sinPhi*ry*s, cy + sinPhi*rx*c + cosPhi*ry*s}))
	}
}
