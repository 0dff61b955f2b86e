package mesh_test

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/internal/meshgen"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
)

// bottom returns the vertices at the mesh's lowest z and the spread of z
// over the vertices within 0.01 mm of it.
func bottom(m *mesh.Mesh) (pts []mesh.Vec3, spread float64) {
	lo, _ := m.Bounds()
	hiZ := lo.Z
	for _, v := range m.Vertices {
		if float64(v.Z)-float64(lo.Z) < 0.01 {
			pts = append(pts, v)
			hiZ = max(hiZ, v.Z)
		}
	}
	return pts, float64(hiZ) - float64(lo.Z)
}

func dist(a, b mesh.Vec3) float64 {
	return math.Sqrt(math.Pow(float64(a.X-b.X), 2) + math.Pow(float64(a.Y-b.Y), 2) + math.Pow(float64(a.Z-b.Z), 2))
}

func TestLayFlatCube(t *testing.T) {
	// about X only: the smallest rotation back is about X too, so the
	// footprint is the 20 × 20 square again
	m := meshgen.Box(20, 20, 20)
	m.RotateX(37)
	if _, turned := m.LayFlat(); !turned {
		t.Fatal("a cube tilted 37° was not turned")
	}
	x, y, z := m.Size()
	if math.Abs(x-20) > 1e-3 || math.Abs(y-20) > 1e-3 || math.Abs(z-20) > 1e-3 {
		t.Errorf("cube tilted about X and laid flat is %g × %g × %g", x, y, z)
	}
	if pts, spread := bottom(m); len(pts) != 4 || spread != 0 {
		t.Errorf("bottom: %d vertices, z spread %g; want 4 at one height", len(pts), spread)
	}

	// about a slanted axis: the bottom is a 20 mm square at one height, the
	// cube 20 mm tall (the square may be turned about Z)
	m = meshgen.Box(20, 20, 20)
	m.RotateX(37)
	m.RotateY(-23)
	m.RotateZ(11)
	m.LayFlat()
	_, _, z = m.Size()
	if math.Abs(z-20) > 1e-3 {
		t.Errorf("cube laid flat is %g tall", z)
	}
	pts, spread := bottom(m)
	if len(pts) != 4 || spread != 0 {
		t.Fatalf("bottom: %d vertices, z spread %g; want 4 at one height", len(pts), spread)
	}
	var sides []float64
	for i := range pts {
		for j := i + 1; j < len(pts); j++ {
			sides = append(sides, dist(pts[i], pts[j]))
		}
	}
	slices.Sort(sides)
	want := []float64{20, 20, 20, 20, 20 * math.Sqrt2, 20 * math.Sqrt2}
	for i := range want {
		if math.Abs(sides[i]-want[i]) > 1e-3 {
			t.Fatalf("bottom vertex distances %v; want a 20 mm square %v", sides, want)
		}
	}
}

func TestLayFlatLeavesAFlatModel(t *testing.T) {
	m := meshgen.Box(20, 30, 10)
	before := m.Clone()
	f, turned := m.LayFlat()
	if turned || !slices.Equal(m.Vertices, before.Vertices) {
		t.Errorf("a box on its largest face was turned")
	}
	if f.Normal[2] > -0.999 || math.Abs(f.Area-600) > 1e-3 {
		t.Errorf("face %+v; want the 20 × 30 bottom", f)
	}
	// a cube: six faces of one area, the one already down is kept
	m = meshgen.Box(20, 20, 20)
	before = m.Clone()
	if _, turned := m.LayFlat(); turned || !slices.Equal(m.Vertices, before.Vertices) {
		t.Errorf("a cube on its bottom was turned")
	}
}

func TestLayFlatTetrahedronAndWedge(t *testing.T) {
	v := func(x, y, z float32) mesh.Vec3 { return mesh.Vec3{X: x, Y: y, Z: z} }
	// faces: 100, 150, 300 mm² on the axis planes, and the slanted one of
	// 350 mm² (cross product (600, 300, 200), length 700), 60/7 mm from the
	// opposite corner at the origin
	o, a, b, c := v(0, 0, 0), v(10, 0, 0), v(0, 20, 0), v(0, 0, 30)
	m, _, err := mesh.FromTriangles([][3]mesh.Vec3{{o, b, a}, {o, a, c}, {o, c, b}, {a, b, c}}, mesh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, turned := m.LayFlat()
	if !turned || math.Abs(f.Area-350) > 1e-3 {
		t.Fatalf("face of %g mm², turned %v; want the 350 mm² slanted face", f.Area, turned)
	}
	if _, _, z := m.Size(); math.Abs(z-60.0/7) > 1e-4 {
		t.Errorf("tetrahedron on its slanted face is %g tall, want %g", z, 60.0/7)
	}
	if pts, spread := bottom(m); len(pts) != 3 || spread != 0 {
		t.Errorf("bottom: %d vertices, spread %g", len(pts), spread)
	}

	// a wedge: right triangle 30 (Y) × 10 (Z) extruded 20 along X; the
	// slope (√1000 × 20 = 632 mm²) beats the bottom (600 mm²); on it the
	// wedge stands as tall as the triangle's height over its hypotenuse
	p := [6]mesh.Vec3{v(0, 0, 0), v(0, 30, 0), v(0, 0, 10), v(20, 0, 0), v(20, 30, 0), v(20, 0, 10)}
	soup := [][3]mesh.Vec3{
		{p[0], p[2], p[1]}, {p[3], p[4], p[5]}, // ends
		{p[0], p[1], p[4]}, {p[0], p[4], p[3]}, // bottom
		{p[0], p[3], p[5]}, {p[0], p[5], p[2]}, // back
		{p[1], p[2], p[5]}, {p[1], p[5], p[4]}, // slope
	}
	m, _, err = mesh.FromTriangles(soup, mesh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Volume() <= 0 {
		t.Fatalf("wedge wound inwards: volume %g", m.Volume())
	}
	f, _ = m.LayFlat()
	if math.Abs(f.Area-20*math.Sqrt(1000)) > 1e-3 {
		t.Errorf("wedge laid on a face of %g mm², want the slope's %g", f.Area, 20*math.Sqrt(1000))
	}
	if _, _, z := m.Size(); math.Abs(z-300/math.Sqrt(1000)) > 1e-4 {
		t.Errorf("wedge on its slope is %g tall, want %g", z, 300/math.Sqrt(1000))
	}
	if pts, spread := bottom(m); len(pts) != 4 || spread != 0 {
		t.Errorf("bottom: %d vertices, spread %g", len(pts), spread)
	}
}

// voxels builds the closed mesh of a set of cubes of side s: one quad per
// cube face with no cube behind it, wound outwards.
func voxels(t *testing.T, nx, ny, nz int, s float32, solid func(x, y, z int) bool) *mesh.Mesh {
	t.Helper()
	in := func(x, y, z int) bool {
		return x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz && solid(x, y, z)
	}
	v := func(x, y, z int) mesh.Vec3 { return mesh.Vec3{X: float32(x) * s, Y: float32(y) * s, Z: float32(z) * s} }
	var soup [][3]mesh.Vec3
	quad := func(a, b, c, d mesh.Vec3) { soup = append(soup, [3]mesh.Vec3{a, b, c}, [3]mesh.Vec3{a, c, d}) }
	for x := range nx {
		for y := range ny {
			for z := range nz {
				if !in(x, y, z) {
					continue
				}
				if !in(x, y, z-1) {
					quad(v(x, y, z), v(x, y+1, z), v(x+1, y+1, z), v(x+1, y, z))
				}
				if !in(x, y, z+1) {
					quad(v(x, y, z+1), v(x+1, y, z+1), v(x+1, y+1, z+1), v(x, y+1, z+1))
				}
				if !in(x-1, y, z) {
					quad(v(x, y, z), v(x, y, z+1), v(x, y+1, z+1), v(x, y+1, z))
				}
				if !in(x+1, y, z) {
					quad(v(x+1, y, z), v(x+1, y+1, z), v(x+1, y+1, z+1), v(x+1, y, z+1))
				}
				if !in(x, y-1, z) {
					quad(v(x, y, z), v(x+1, y, z), v(x+1, y, z+1), v(x, y, z+1))
				}
				if !in(x, y+1, z) {
					quad(v(x, y+1, z), v(x, y+1, z+1), v(x+1, y+1, z+1), v(x+1, y+1, z))
				}
			}
		}
	}
	m, rep, err := mesh.FromTriangles(soup, mesh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Closed() || m.Volume() <= 0 {
		t.Fatalf("voxel mesh not closed or inside out: %+v, volume %g", rep, m.Volume())
	}
	return m
}

// TestLayFlatNotOnAHollow: a tray 60 × 60 × 10 mm with a 56 × 56 mm pocket
// 8 mm deep and two 10 mm grooves crossing its underside. The pocket's floor
// (3136 mm², facing up from inside) is the largest flat face, but the tray
// would rest on its rims, not on it: the model goes down on its grooved
// underside (2500 mm²), the largest face on its convex hull.
func TestLayFlatNotOnAHollow(t *testing.T) {
	m := voxels(t, 30, 30, 5, 2, func(x, y, z int) bool {
		if z >= 1 && x >= 1 && x < 29 && y >= 1 && y < 29 {
			return false // the pocket
		}
		if z == 0 && (x >= 12 && x < 17 || y >= 12 && y < 17) {
			return false // the grooves
		}
		return true
	})
	m.RotateX(30) // tilted, so that laying it flat must turn it
	m.RotateZ(10)
	f, turned := m.LayFlat()
	if !turned {
		t.Fatal("the tilted tray was not turned")
	}
	if math.Abs(f.Area-2500) > 1e-2 {
		t.Fatalf("laid on a face of %g mm², want the 2500 mm² underside", f.Area)
	}
	lo, hi := m.Bounds()
	if math.Abs(float64(hi.Z-lo.Z)-10) > 1e-3 {
		t.Errorf("tray laid flat is %g tall", hi.Z-lo.Z)
	}
	// right side up: the pocket opens upwards, so the middle of the tray
	// has material only in its lowest 2 mm (the floor); upside down, the
	// material there would be at the top
	var sumZ float64
	var n int
	for _, v := range m.Vertices {
		sumZ += float64(v.Z - lo.Z)
		n++
	}
	if _, spread := bottom(m); spread != 0 {
		t.Errorf("underside spread %g", spread)
	}
	// the pocket floor's vertices (the most numerous) sit at 2 mm from the
	// bottom; upside down they would sit at 8 mm
	pocket := 0
	for _, v := range m.Vertices {
		if math.Abs(float64(v.Z-lo.Z)-2) < 1e-3 {
			pocket++
		}
	}
	if pocket == 0 {
		t.Errorf("no vertex at the pocket floor's height 2 mm: the tray lies upside down (mean z %g)", sumZ/float64(n))
	}
}

// TestLayFlatRound: a finely tessellated sphere or torus has no flat face
// worth the name; LayFlat must not weld neighbouring facets into one face,
// nor tilt the model onto a facet or two.
func TestLayFlatRound(t *testing.T) {
	for name, m := range map[string]*mesh.Mesh{"sphere": meshgen.Sphere(20, 200), "torus": meshgen.Torus(20, 6, 96, 32)} {
		before := m.Clone()
		f, turned := m.LayFlat()
		if f.Area > 10 {
			t.Errorf("%s: face of %g mm² (%d facets)", name, f.Area, len(f.Facets))
		}
		if turned || !slices.Equal(m.Vertices, before.Vertices) {
			t.Errorf("%s turned onto a face of %g mm²", name, f.Area)
		}
	}
	// and a scanned figure: the bunny stays on its base
	m, _, _, err := mesh.ReadFile(corpus.Path(t, "stl/stanford_bunny.stl"), mesh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f, turned := m.LayFlat(); turned {
		t.Errorf("bunny turned onto a face of %g mm² of %g", f.Area, m.Area())
	}
}

// TestRotateMatchesPrusaSlicer writes an asymmetric tetrahedron as STL,
// has prusa-slicer turn it with --rotate-x / --rotate-y and export STL, and
// compares its vertices with ours turned by RotateX / RotateY (both moved
// so that their boxes start at 0: PrusaSlicer also places the result).
func TestRotateMatchesPrusaSlicer(t *testing.T) {
	v := func(x, y, z float32) mesh.Vec3 { return mesh.Vec3{X: x, Y: y, Z: z} }
	o, a, b, c := v(0, 0, 0), v(10, 0, 0), v(0, 20, 0), v(0, 0, 30)
	tetra := func() *mesh.Mesh {
		m, _, err := mesh.FromTriangles([][3]mesh.Vec3{{o, b, a}, {o, a, c}, {o, c, b}, {a, b, c}}, mesh.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	src := filepath.Join(t.TempDir(), "tetra.stl")
	f, err := os.Create(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := stl.Write(f, tetra(), "tetra"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, tc := range []struct {
		args []string
		turn func(m *mesh.Mesh)
	}{
		{[]string{"--rotate-x", "30"}, func(m *mesh.Mesh) { m.RotateX(30) }},
		{[]string{"--rotate-x", "90"}, func(m *mesh.Mesh) { m.RotateX(90) }},
		{[]string{"--rotate-y", "-50"}, func(m *mesh.Mesh) { m.RotateY(-50) }},
		{[]string{"--rotate-y", "90"}, func(m *mesh.Mesh) { m.RotateY(90) }},
		// PrusaSlicer turns about X, then Y, then Z whatever the order of
		// the arguments (checked: Y then X is 9.7 mm off), as usinette does
		{[]string{"--rotate-y", "50", "--rotate-x", "30"}, func(m *mesh.Mesh) { m.RotateX(30); m.RotateY(50) }},
		{[]string{"--rotate", "30", "--rotate-x", "30"}, func(m *mesh.Mesh) { m.RotateX(30); m.RotateZ(30) }},
	} {
		out, ok := corpus.PrusaExport(t, ".stl", append([]string{"--export-stl"}, tc.args...), src)
		if !ok {
			t.Skip("prusa-slicer not installed")
		}
		ps, _, _, err := mesh.ReadFile(out, mesh.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ours := tetra()
		tc.turn(ours)
		if d := vertexSetDiff(ours, ps); d > 1e-3 {
			t.Errorf("%v: vertices differ from PrusaSlicer's by %g mm\n ours %v\n prusa %v", tc.args, d, normalised(ours), normalised(ps))
		}
	}
}

// normalised returns the vertices moved so that the box starts at 0,
// sorted.
func normalised(m *mesh.Mesh) []mesh.Vec3 {
	lo, _ := m.Bounds()
	var out []mesh.Vec3
	for _, v := range m.Vertices {
		out = append(out, mesh.Vec3{X: v.X - lo.X, Y: v.Y - lo.Y, Z: v.Z - lo.Z})
	}
	slices.SortFunc(out, func(a, b mesh.Vec3) int {
		switch {
		case a.X+2*a.Y+3*a.Z < b.X+2*b.Y+3*b.Z:
			return -1
		case a.X+2*a.Y+3*a.Z > b.X+2*b.Y+3*b.Z:
			return 1
		}
		return 0
	})
	return out
}

// vertexSetDiff is the largest distance from a vertex of one mesh to the
// nearest of the other (both normalised), either way.
func vertexSetDiff(a, b *mesh.Mesh) float64 {
	na, nb := normalised(a), normalised(b)
	if len(na) != len(nb) {
		return math.Inf(1)
	}
	worst := 0.0
	for _, pair := range [][2][]mesh.Vec3{{na, nb}, {nb, na}} {
		for _, p := range pair[0] {
			best := math.Inf(1)
			for _, q := range pair[1] {
				best = min(best, dist(p, q))
			}
			worst = max(worst, best)
		}
	}
	return worst
}

// BenchmarkLayFlat finds the largest flat face of a 640,000-facet sphere
// (no face to turn onto: the whole grouping and the hull test run) and of
// 10,000 boxes welded into one mesh (120,000 facets, many coplanar).
func BenchmarkLayFlat(b *testing.B) {
	sphere := meshgen.Sphere(20, 800)
	b.Run("sphere640k", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sphere.LargestFlatFace()
		}
	})
	var soup [][3]mesh.Vec3
	box := meshgen.Box(1, 1, 1)
	for i := range 100 {
		for j := range 100 {
			for _, t := range box.Triangles {
				var tr [3]mesh.Vec3
				for k, vi := range t {
					v := box.Vertices[vi]
					tr[k] = mesh.Vec3{X: v.X + float32(2*i), Y: v.Y + float32(2*j), Z: v.Z}
				}
				soup = append(soup, tr)
			}
		}
	}
	boxes, _, err := mesh.FromTriangles(soup, mesh.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("boxes120k", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			boxes.LargestFlatFace()
		}
	})
}
