package mesh

import (
	"errors"
	"fmt"
	"math"
)

// ErrTooLarge is wrapped by Fit when the model does not fit the build volume.
var ErrTooLarge = errors.New("model does not fit the printer")

// Bed is a build volume in millimetres.
type Bed struct{ W, D, H float64 }

// MK3SBed is the build volume of the Prusa i3 MK3S: 250 × 210 × 210 mm.
func MK3SBed() Bed { return Bed{W: 250, D: 210, H: 210} }

// Bounds returns the lowest and highest coordinates of the vertices that
// triangles use. It returns zero vectors for a mesh without triangles.
func (m *Mesh) Bounds() (lo, hi Vec3) {
	if len(m.Triangles) == 0 {
		return Vec3{}, Vec3{}
	}
	inf := float32(math.Inf(1))
	lo, hi = Vec3{inf, inf, inf}, Vec3{-inf, -inf, -inf}
	// Scanning the vertices in order is faster than through the triangles,
	// but only right when every vertex is used.
	if m.unusedVertices() {
		for _, t := range m.Triangles {
			for _, i := range t {
				lo, hi = grow(lo, hi, m.Vertices[i])
			}
		}
		return lo, hi
	}
	for _, v := range m.Vertices {
		lo, hi = grow(lo, hi, v)
	}
	return lo, hi
}

func grow(lo, hi, v Vec3) (Vec3, Vec3) {
	lo.X, hi.X = min(lo.X, v.X), max(hi.X, v.X)
	lo.Y, hi.Y = min(lo.Y, v.Y), max(hi.Y, v.Y)
	lo.Z, hi.Z = min(lo.Z, v.Z), max(hi.Z, v.Z)
	return lo, hi
}

// unusedVertices reports whether some vertex is not used by any triangle
// (after degenerate facets were removed, for instance).
func (m *Mesh) unusedVertices() bool {
	if 3*len(m.Triangles) < len(m.Vertices) {
		return true
	}
	seen := make([]bool, len(m.Vertices))
	n := 0
	for _, t := range m.Triangles {
		for _, i := range t {
			if !seen[i] {
				seen[i] = true
				n++
			}
		}
	}
	return n != len(m.Vertices)
}

// Size returns the extent of the mesh along X, Y and Z in millimetres.
func (m *Mesh) Size() (x, y, z float64) {
	lo, hi := m.Bounds()
	return float64(hi.X) - float64(lo.X), float64(hi.Y) - float64(lo.Y), float64(hi.Z) - float64(lo.Z)
}

// Scale multiplies every coordinate by factor (about the origin). A negative
// factor would turn the mesh inside out and panics, as would zero.
func (m *Mesh) Scale(factor float64) {
	if !(factor > 0) || math.IsInf(factor, 0) {
		panic(fmt.Sprintf("mesh: scale factor %v is not a positive number", factor))
	}
	for i := range m.Vertices {
		v := &m.Vertices[i]
		v.X = float32(float64(v.X) * factor)
		v.Y = float32(float64(v.Y) * factor)
		v.Z = float32(float64(v.Z) * factor)
	}
}

// RotateZ turns the mesh counter-clockwise (seen from above) by degrees
// about the Z axis through the origin. Multiples of 90° are exact.
func (m *Mesh) RotateZ(degrees float64) {
	m.rotate(degrees, func(v *Vec3) (*float32, *float32) { return &v.X, &v.Y })
}

// RotateX turns the mesh by degrees about the X axis through the origin,
// counter-clockwise seen from +X looking back at the origin (Y towards Z), as
// PrusaSlicer's --rotate-x. Multiples of 90° are exact.
func (m *Mesh) RotateX(degrees float64) {
	m.rotate(degrees, func(v *Vec3) (*float32, *float32) { return &v.Y, &v.Z })
}

// RotateY turns the mesh by degrees about the Y axis through the origin,
// counter-clockwise seen from +Y (Z towards X), as PrusaSlicer's
// --rotate-y. Multiples of 90° are exact.
func (m *Mesh) RotateY(degrees float64) {
	m.rotate(degrees, func(v *Vec3) (*float32, *float32) { return &v.Z, &v.X })
}

// rotate turns the plane of the two coordinates axes picks (first towards
// second) by degrees; quarter turns use exact sines so that a box stays a
// box to the last bit.
func (m *Mesh) rotate(degrees float64, axes func(v *Vec3) (*float32, *float32)) {
	d := math.Mod(degrees, 360)
	if d < 0 {
		d += 360
	}
	var s, c float64
	switch d {
	case 0:
		return
	case 90:
		s, c = 1, 0
	case 180:
		s, c = 0, -1
	case 270:
		s, c = -1, 0
	default:
		s, c = math.Sincos(d * math.Pi / 180)
	}
	for i := range m.Vertices {
		p, q := axes(&m.Vertices[i])
		a, b := float64(*p), float64(*q)
		*p = float32(a*c - b*s)
		*q = float32(a*s + b*c)
	}
}

// Translate moves the mesh by (dx, dy, dz) millimetres.
func (m *Mesh) Translate(dx, dy, dz float64) {
	for i := range m.Vertices {
		v := &m.Vertices[i]
		v.X = float32(float64(v.X) + dx)
		v.Y = float32(float64(v.Y) + dy)
		v.Z = float32(float64(v.Z) + dz)
	}
}

// Place moves the mesh so that the centre of its bounding box is at the
// centre of a bed bedW × bedD millimetres (origin at the bed's front left
// corner) and its lowest point is at z = 0.
func (m *Mesh) Place(bedW, bedD float64) {
	lo, hi := m.Bounds()
	cx := (float64(lo.X) + float64(hi.X)) / 2
	cy := (float64(lo.Y) + float64(hi.Y)) / 2
	m.Translate(bedW/2-cx, bedD/2-cy, -float64(lo.Z))
	// Rounding in float32 may leave the lowest point a hair off zero.
	lo, _ = m.Bounds()
	if lo.Z != 0 {
		for i := range m.Vertices {
			if m.Vertices[i].Z == lo.Z {
				m.Vertices[i].Z = 0
			}
		}
	}
}

// Fit returns nil when the mesh's bounding box fits inside bed, and otherwise
// an error wrapping ErrTooLarge that gives both sizes, e.g.
//
//	model is 300.0 × 20.0 × 20.0 mm; the bed is 250 × 210 × 210 mm
func (m *Mesh) Fit(bed Bed) error {
	x, y, z := m.Size()
	// A hundredth of a micrometre of slack for float32 rounding.
	const eps = 1e-5
	if x <= bed.W+eps && y <= bed.D+eps && z <= bed.H+eps {
		return nil
	}
	return fmt.Errorf("%w: model is %.1f × %.1f × %.1f mm; the bed is %g × %g × %g mm",
		ErrTooLarge, x, y, z, bed.W, bed.D, bed.H)
}

// Volume returns the signed volume enclosed by the mesh in cubic
// millimetres: positive for a closed mesh wound counter-clockwise seen from
// outside.
func (m *Mesh) Volume() float64 {
	var sum float64
	for _, t := range m.Triangles {
		a, b, c := m.Vertices[t[0]], m.Vertices[t[1]], m.Vertices[t[2]]
		ax, ay, az := float64(a.X), float64(a.Y), float64(a.Z)
		bx, by, bz := float64(b.X), float64(b.Y), float64(b.Z)
		cx, cy, cz := float64(c.X), float64(c.Y), float64(c.Z)
		sum += ax*(by*cz-bz*cy) - ay*(bx*cz-bz*cx) + az*(bx*cy-by*cx)
	}
	return sum / 6
}

// Area returns the surface area in square millimetres.
func (m *Mesh) Area() float64 {
	var sum float64
	for _, t := range m.Triangles {
		x, y, z := m.cross(t)
		sum += math.Sqrt(x*x + y*y + z*z)
	}
	return sum / 2
}

// Check welds nothing and changes nothing: it reports the boundary and
// non-manifold edges, flipped facets and shells of m as it is.
func (m *Mesh) Check() Repairs {
	rep := Repairs{Facets: len(m.Triangles), Vertices: len(m.Vertices)}
	tp := m.topology()
	rep.BoundaryEdges, rep.NonManifoldEdges = tp.boundary, tp.nonManifold
	c := &Mesh{Vertices: m.Vertices, Triangles: m.Triangles}
	rep.Shells, rep.FlippedFacets = c.orient(tp, false)
	for _, t := range m.Triangles {
		if m.degenerate(t) {
			if t[0] == t[1] || t[1] == t[2] || t[0] == t[2] {
				rep.CollapsedFacets++
			} else {
				rep.CollinearFacets++
			}
			rep.DegenerateFacets++
		}
	}
	return rep
}
