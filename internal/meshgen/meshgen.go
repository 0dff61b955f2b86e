package meshgen

import (
	"fmt"
	"math"
	"sort"

	"github.com/usinette/usinette/mesh"
)

// builder accumulates vertices and triangles; several bodies may be added.
type builder struct{ m mesh.Mesh }

func (b *builder) vert(x, y, z float64) uint32 {
	b.m.Vertices = append(b.m.Vertices, mesh.Vec3{X: float32(x), Y: float32(y), Z: float32(z)})
	return uint32(len(b.m.Vertices) - 1)
}

func (b *builder) tri(p, q, r uint32) { b.m.Triangles = append(b.m.Triangles, [3]uint32{p, q, r}) }

// quad adds p q r s (counter-clockwise seen from outside) as two triangles.
func (b *builder) quad(p, q, r, s uint32) {
	b.tri(p, q, r)
	b.tri(p, r, s)
}

func (b *builder) mesh() *mesh.Mesh { m := b.m; return &m }

// reserve sizes the slices for nv more vertices and nt more triangles.
func (b *builder) reserve(nv, nt int) {
	b.m.Vertices = append(make([]mesh.Vec3, 0, len(b.m.Vertices)+nv), b.m.Vertices...)
	b.m.Triangles = append(make([][3]uint32, 0, len(b.m.Triangles)+nt), b.m.Triangles...)
}

func check(cond bool, format string, args ...any) {
	if !cond {
		panic("meshgen: " + fmt.Sprintf(format, args...))
	}
}

// Sphere returns a UV sphere of the given radius centred at the origin, with
// segments meridians and segments/2 parallels: 2·segments·(segments/2−1)
// triangles (segments = 800 gives 638,400). The poles are single vertices
// with triangle fans.
func Sphere(radius float64, segments int) *mesh.Mesh {
	check(radius > 0 && segments >= 4 && segments%2 == 0, "sphere radius %v, segments %d (even, >= 4)", radius, segments)
	rings := segments / 2
	var b builder
	b.reserve(2+(rings-1)*segments, 2*segments*(rings-1))
	north := b.vert(0, 0, radius)
	south := b.vert(0, 0, -radius)
	ring := func(i int) uint32 { return 2 + uint32((i-1)*segments) } // first vertex of parallel i
	for i := 1; i < rings; i++ {
		th := math.Pi * float64(i) / float64(rings)
		st, ct := math.Sincos(th)
		for j := 0; j < segments; j++ {
			sp, cp := math.Sincos(2 * math.Pi * float64(j) / float64(segments))
			b.vert(radius*st*cp, radius*st*sp, radius*ct)
		}
	}
	at := func(i, j int) uint32 { return ring(i) + uint32(j%segments) }
	for j := 0; j < segments; j++ {
		b.tri(north, at(1, j), at(1, j+1))
		for i := 1; i < rings-1; i++ {
			b.quad(at(i, j), at(i+1, j), at(i+1, j+1), at(i, j+1))
		}
		b.tri(south, at(rings-1, j+1), at(rings-1, j))
	}
	return b.mesh()
}

// Torus returns a torus about the Z axis centred at the origin: tube radius
// minor at distance major from the axis, with majorSeg × minorSeg quads
// (2·majorSeg·minorSeg triangles).
func Torus(major, minor float64, majorSeg, minorSeg int) *mesh.Mesh {
	check(major > minor && minor > 0 && majorSeg >= 3 && minorSeg >= 3, "torus %v/%v, %d×%d", major, minor, majorSeg, minorSeg)
	var b builder
	b.reserve(majorSeg*minorSeg, 2*majorSeg*minorSeg)
	for i := 0; i < majorSeg; i++ {
		su, cu := math.Sincos(2 * math.Pi * float64(i) / float64(majorSeg))
		for j := 0; j < minorSeg; j++ {
			sv, cv := math.Sincos(2 * math.Pi * float64(j) / float64(minorSeg))
			b.vert((major+minor*cv)*cu, (major+minor*cv)*su, minor*sv)
		}
	}
	at := func(i, j int) uint32 { return uint32((i%majorSeg)*minorSeg + j%minorSeg) }
	for i := 0; i < majorSeg; i++ {
		for j := 0; j < minorSeg; j++ {
			b.quad(at(i, j), at(i+1, j), at(i+1, j+1), at(i, j+1))
		}
	}
	return b.mesh()
}

// Box returns the box [0,w] × [0,d] × [0,h]: 12 triangles.
func Box(w, d, h float64) *mesh.Mesh {
	var b builder
	b.box(0, 0, 0, w, d, h)
	return b.mesh()
}

func (b *builder) box(x0, y0, z0, x1, y1, z1 float64) {
	check(x1 > x0 && y1 > y0 && z1 > z0, "box %v..%v × %v..%v × %v..%v", x0, x1, y0, y1, z0, z1)
	var v [8]uint32
	for i := range v {
		x, y, z := x0, y0, z0
		if i&1 != 0 {
			x = x1
		}
		if i&2 != 0 {
			y = y1
		}
		if i&4 != 0 {
			z = z1
		}
		v[i] = b.vert(x, y, z)
	}
	b.quad(v[0], v[2], v[3], v[1]) // bottom, seen from below
	b.quad(v[4], v[5], v[7], v[6]) // top
	b.quad(v[0], v[1], v[5], v[4]) // front (y0)
	b.quad(v[2], v[6], v[7], v[3]) // back (y1)
	b.quad(v[0], v[4], v[6], v[2]) // left (x0)
	b.quad(v[1], v[3], v[7], v[5]) // right (x1)
}

// BoxWithHole returns the box [0,w] × [0,d] × [0,h] with a vertical
// cylindrical through-hole of the given radius at its centre, the circle
// approximated by a polygon with (at least) segments corners.
func BoxWithHole(w, d, h, radius float64, segments int) *mesh.Mesh {
	var b builder
	b.holedBlock(0, 0, 0, w, d, h, w/2, d/2, radius, segments)
	return b.mesh()
}

// holedBlock adds the block [x0,x1] × [y0,y1] × [z0,z1] pierced by a vertical
// hole of radius r centred at (cx, cy). The top and bottom faces are strips
// between the hole polygon and the rectangle along rays from the centre: the
// rays are the segments uniform angles plus the four corner directions.
func (b *builder) holedBlock(x0, y0, z0, x1, y1, z1, cx, cy, r float64, segments int) {
	check(segments >= 3 && r > 0 && cx-r > x0 && cx+r < x1 && cy-r > y0 && cy+r < y1 && z1 > z0,
		"hole r=%v at (%v,%v) must lie inside %v..%v × %v..%v", r, cx, cy, x0, x1, y0, y1)
	angles := make([]float64, 0, segments+4)
	for i := 0; i < segments; i++ {
		angles = append(angles, 2*math.Pi*float64(i)/float64(segments))
	}
	corner := func(x, y float64) float64 {
		a := math.Atan2(y-cy, x-cx)
		if a < 0 {
			a += 2 * math.Pi
		}
		return a
	}
	corners := []float64{corner(x1, y1), corner(x0, y1), corner(x0, y0), corner(x1, y0)}
	angles = append(angles, corners...)
	sort.Float64s(angles)
	uniq := angles[:1]
	for _, a := range angles[1:] {
		if a-uniq[len(uniq)-1] > 1e-9 {
			uniq = append(uniq, a)
		}
	}
	angles = uniq
	n := len(angles)
	// rim returns the point where the ray at angle a from the centre meets
	// the rectangle, exactly on its side (or corner).
	rim := func(a float64) (float64, float64) {
		for k, ca := range corners {
			if math.Abs(a-ca) <= 1e-9 {
				return [4]float64{x1, x0, x0, x1}[k], [4]float64{y1, y1, y0, y0}[k]
			}
		}
		s, c := math.Sincos(a)
		t := math.Inf(1)
		x, y := 0.0, 0.0
		if c > 0 {
			if tt := (x1 - cx) / c; tt < t {
				t, x, y = tt, x1, cy+tt*s
			}
		} else if c < 0 {
			if tt := (x0 - cx) / c; tt < t {
				t, x, y = tt, x0, cy+tt*s
			}
		}
		if s > 0 {
			if tt := (y1 - cy) / s; tt < t {
				x, y = cx+tt*c, y1
			}
		} else if s < 0 {
			if tt := (y0 - cy) / s; tt < t {
				x, y = cx+tt*c, y0
			}
		}
		return x, y
	}
	// Vertex layout per ray i: inner bottom, inner top, outer bottom, outer top.
	base := uint32(len(b.m.Vertices))
	for _, a := range angles {
		s, c := math.Sincos(a)
		ox, oy := rim(a)
		b.vert(cx+r*c, cy+r*s, z0)
		b.vert(cx+r*c, cy+r*s, z1)
		b.vert(ox, oy, z0)
		b.vert(ox, oy, z1)
	}
	v := func(i, k int) uint32 { return base + uint32(4*(i%n)+k) }
	const ib, it, ob, ot = 0, 1, 2, 3
	for i := 0; i < n; i++ {
		j := i + 1
		b.quad(v(i, it), v(i, ot), v(j, ot), v(j, it)) // top
		b.quad(v(i, ib), v(j, ib), v(j, ob), v(i, ob)) // bottom
		b.quad(v(i, ob), v(j, ob), v(j, ot), v(i, ot)) // outer wall
		b.quad(v(i, ib), v(i, it), v(j, it), v(j, ib)) // hole wall
	}
}

// cylinder adds a vertical cylinder with triangle-fan caps.
func (b *builder) cylinder(cx, cy, z0, z1, r float64, segments int) {
	check(r > 0 && z1 > z0 && segments >= 3, "cylinder r=%v z %v..%v, %d segments", r, z0, z1, segments)
	bot := b.vert(cx, cy, z0)
	top := b.vert(cx, cy, z1)
	base := uint32(len(b.m.Vertices))
	for i := 0; i < segments; i++ {
		s, c := math.Sincos(2 * math.Pi * float64(i) / float64(segments))
		b.vert(cx+r*c, cy+r*s, z0)
		b.vert(cx+r*c, cy+r*s, z1)
	}
	v := func(i, k int) uint32 { return base + uint32(2*(i%segments)+k) }
	for i := 0; i < segments; i++ {
		b.tri(bot, v(i+1, 0), v(i, 0))
		b.tri(top, v(i, 1), v(i+1, 1))
		b.quad(v(i, 0), v(i+1, 0), v(i+1, 1), v(i, 1))
	}
}

// Cylinder returns a vertical cylinder of radius r standing on z = 0 with
// its axis on Z, height h, segments sides: 4·segments triangles.
func Cylinder(r, h float64, segments int) *mesh.Mesh {
	var b builder
	b.cylinder(0, 0, 0, h, r, segments)
	return b.mesh()
}

// WallThicknesses are the wall thicknesses of ThinWalls, in millimetres.
var WallThicknesses = []float64{0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0}

// ThinWalls returns one wall per entry of WallThicknesses, each 20 mm long
// (along Y) and height mm tall, standing on z = 0 side by side along X with
// 3 mm gaps, the first at x = 0.
func ThinWalls(height float64) *mesh.Mesh {
	var b builder
	x := 0.0
	for _, t := range WallThicknesses {
		b.box(x, 0, 0, x+t, 20, height)
		x += t + 3
	}
	return b.mesh()
}

// Islands returns nx × ny vertical cylinders (radius r, height h, segments
// sides) on a grid of pitch mm, the first centred at the origin.
func Islands(nx, ny int, pitch, r, h float64, segments int) *mesh.Mesh {
	check(nx > 0 && ny > 0 && pitch > 2*r, "islands %d×%d pitch %v radius %v", nx, ny, pitch, r)
	var b builder
	b.reserve(nx*ny*(2+2*segments), nx*ny*4*segments)
	for i := 0; i < nx; i++ {
		for j := 0; j < ny; j++ {
			b.cylinder(float64(i)*pitch, float64(j)*pitch, 0, h, r, segments)
		}
	}
	return b.mesh()
}

// TorusKnot returns a tube of radius tube around the (p, q) torus knot
// ((R + a·cos qt)·cos pt, (R + a·cos qt)·sin pt, a·sin qt) with R = 30 mm and
// a = 12 mm, sampled at along points with around sides: 2·along·around
// triangles. The cross-sections are perpendicular to the curve; the tube does
// not touch itself for tube < 11 mm when (p, q) = (2, 3).
func TorusKnot(p, q int, tube float64, along, around int) *mesh.Mesh {
	check(along >= 8 && around >= 3 && tube > 0, "torus knot %d×%d", along, around)
	const R, a = 30.0, 12.0
	fp, fq := float64(p), float64(q)
	var b builder
	b.reserve(along*around, 2*along*around)
	for i := 0; i < along; i++ {
		t := 2 * math.Pi * float64(i) / float64(along)
		sp, cp := math.Sincos(fp * t)
		sq, cq := math.Sincos(fq * t)
		cx, cy, cz := (R+a*cq)*cp, (R+a*cq)*sp, a*sq
		// Tangent, and a frame from it and the Z axis (the tangent is
		// never vertical because R + a·cos > 0).
		tx := -a*fq*sq*cp - (R+a*cq)*fp*sp
		ty := -a*fq*sq*sp + (R+a*cq)*fp*cp
		tz := a * fq * cq
		tl := math.Sqrt(tx*tx + ty*ty + tz*tz)
		tx, ty, tz = tx/tl, ty/tl, tz/tl
		// B = T × Z normalised, N = B × T.
		bx, by := ty, -tx
		bl := math.Hypot(bx, by)
		bx, by = bx/bl, by/bl
		nx, ny, nz := by*tz, -bx*tz, bx*ty-by*tx
		for j := 0; j < around; j++ {
			s, c := math.Sincos(2 * math.Pi * float64(j) / float64(around))
			b.vert(cx+tube*(c*nx+s*bx), cy+tube*(c*ny+s*by), cz+tube*(c*nz))
		}
	}
	at := func(i, j int) uint32 { return uint32((i%along)*around + j%around) }
	for i := 0; i < along; i++ {
		for j := 0; j < around; j++ {
			b.quad(at(i, j), at(i, j+1), at(i+1, j+1), at(i+1, j))
		}
	}
	return b.mesh()
}

// Million returns the (2, 3) torus knot with a 6 mm tube as exactly
// 1,000,000 triangles (2000 × 250), about 96 × 96 × 36 mm.
func Million() *mesh.Mesh { return TorusKnot(2, 3, 6, 2000, 250) }

// Example is the model `usinette slice --example` prints: a 24 × 24 mm block
// 10 mm tall with an 8 mm vertical hole, and a 24 × 10 × 12 mm block standing
// on its back half, so that the top of the step is 10 mm above the bed and
// the top of the part 22 mm. It shows perimeters, a hole, sparse infill, top
// solid layers on the step and on the top, and bottom layers; it lies in
// [0,24] × [0,24] × [0,22]. PrusaSlicer 2.5 with corpus/profiles/mk3s_pla.ini
// estimates 33 min 46 s and 4.48 g of PLA for it on an MK3S.
func Example() *mesh.Mesh {
	var b builder
	b.holedBlock(0, 0, 0, 24, 24, 10, 12, 7, 4, 64)
	b.box(0, 14, 10, 24, 24, 22)
	return b.mesh()
}

// Cone returns a cone (a frustum when top > 0) standing on z = 0 with its
// axis on Z: base radius r0, top radius r1 (0 for a pointed apex), height h,
// segments sides. A sloped wall of constant angle, for the vertical-shell
// checks of the slicer.
func Cone(r0, r1, h float64, segments int) *mesh.Mesh {
	check(r0 > 0 && r1 >= 0 && h > 0 && segments >= 3, "cone r %v..%v, h %v, %d segments", r0, r1, h, segments)
	var b builder
	bot := b.vert(0, 0, 0)
	top := b.vert(0, 0, h)
	base := uint32(len(b.m.Vertices))
	for i := 0; i < segments; i++ {
		s, c := math.Sincos(2 * math.Pi * float64(i) / float64(segments))
		b.vert(r0*c, r0*s, 0)
		if r1 > 0 {
			b.vert(r1*c, r1*s, h)
		}
	}
	if r1 == 0 {
		v := func(i int) uint32 { return base + uint32(i%segments) }
		for i := 0; i < segments; i++ {
			b.tri(bot, v(i+1), v(i))
			b.tri(v(i), v(i+1), top)
		}
		return b.mesh()
	}
	v := func(i, k int) uint32 { return base + uint32(2*(i%segments)+k) }
	for i := 0; i < segments; i++ {
		b.tri(bot, v(i+1, 0), v(i, 0))
		b.tri(top, v(i, 1), v(i+1, 1))
		b.quad(v(i, 0), v(i+1, 0), v(i+1, 1), v(i, 1))
	}
	return b.mesh()
}
