package meshgen

import (
	"math"
	"testing"

	"github.com/usinette/usinette/mesh"
)

// polyArea is the area of a regular n-gon inscribed in a circle of radius r.
func polyArea(r float64, n int) float64 {
	return float64(n) / 2 * r * r * math.Sin(2*math.Pi/float64(n))
}

// knotLength is the length of the (2, 3) torus knot of TorusKnot, by fine
// summation.
func knotLength() float64 {
	const R, a, n = 30.0, 12.0, 200000
	pt := func(t float64) (float64, float64, float64) {
		return (R + a*math.Cos(3*t)) * math.Cos(2*t), (R + a*math.Cos(3*t)) * math.Sin(2*t), a * math.Sin(3*t)
	}
	l := 0.0
	px, py, pz := pt(0)
	for i := 1; i <= n; i++ {
		x, y, z := pt(2 * math.Pi * float64(i) / n)
		l += math.Sqrt((x-px)*(x-px) + (y-py)*(y-py) + (z-pz)*(z-pz))
		px, py, pz = x, y, z
	}
	return l
}

func TestMeshes(t *testing.T) {
	tests := []struct {
		name      string
		m         *mesh.Mesh
		triangles int
		shells    int
		volume    float64 // analytic
		tol       float64 // relative
	}{
		{"box", Box(20, 10, 5), 12, 1, 1000, 1e-12},
		{"sphere", Sphere(10, 128), 2 * 128 * 63, 1, 4.0 / 3 * math.Pi * 1000, 0.005},
		{"sphere 640k", Sphere(25, 800), 638400, 1, 4.0 / 3 * math.Pi * 25 * 25 * 25, 0.0001},
		{"torus", Torus(20, 5, 96, 48), 2 * 96 * 48, 1, 2 * math.Pi * math.Pi * 20 * 25, 0.005},
		{"box with hole", BoxWithHole(20, 20, 10, 5, 64), -1, 1, 4000 - 10*polyArea(5, 64), 0.0005},
		{"cylinder", Cylinder(5, 10, 64), 256, 1, 10 * polyArea(5, 64), 1e-6},
		{"cone", Cone(15, 0, 30, 128), 2 * 128, 1, 30.0 / 3 * polyArea(15, 128), 1e-6},
		{"frustum", Cone(10, 5, 10, 64), 4 * 64, 1, 10.0 / 3 * (polyArea(10, 64) + polyArea(5, 64) + math.Sqrt(polyArea(10, 64)*polyArea(5, 64))), 1e-6},
		{"thin walls", ThinWalls(10), 120, len(WallThicknesses), 200 * 8.5, 1e-6},
		{"islands", Islands(10, 10, 5, 1.5, 10, 32), 100 * 128, 100, 100 * 10 * polyArea(1.5, 32), 1e-6},
		{"torus knot", TorusKnot(2, 3, 6, 600, 48), 2 * 600 * 48, 1, polyArea(6, 48) * knotLength(), 0.01},
		{"million", Million(), 1000000, 1, polyArea(6, 250) * knotLength(), 0.001},
		{"example", Example(), -1, 2, 24*24*10 - 10*math.Pi*16 + 24*10*12, 0.001},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m
			if tc.triangles >= 0 && len(m.Triangles) != tc.triangles {
				t.Errorf("%d triangles, want %d", len(m.Triangles), tc.triangles)
			}
			// Closed by index: every edge shared by exactly two triangles,
			// consistently wound.
			c := m.Check()
			if !c.Closed() || c.FlippedFacets != 0 || c.DegenerateFacets != 0 || c.Shells != tc.shells {
				t.Errorf("check %+v, want closed, consistent, %d shells", c, tc.shells)
			}
			// Closed by position too: welding the soup, as after an STL
			// round trip, finds the same surface.
			soup := make([][3]mesh.Vec3, len(m.Triangles))
			for i, tr := range m.Triangles {
				soup[i] = [3]mesh.Vec3{m.Vertices[tr[0]], m.Vertices[tr[1]], m.Vertices[tr[2]]}
			}
			_, rep, err := mesh.FromTriangles(soup, mesh.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Closed() || rep.FlippedFacets != 0 || rep.DegenerateFacets != 0 {
				t.Errorf("welded %+v", rep)
			}
			v := m.Volume()
			if math.Abs(v-tc.volume) > tc.tol*tc.volume {
				t.Errorf("volume %.4f, analytic %.4f (%.3g%% off)", v, tc.volume, 100*(v-tc.volume)/tc.volume)
			}
		})
	}
}

func TestPlacement(t *testing.T) {
	lo, hi := Example().Bounds()
	if lo != (mesh.Vec3{}) || hi != (mesh.Vec3{X: 24, Y: 24, Z: 22}) {
		t.Errorf("example bounds %v %v", lo, hi)
	}
	m := Million()
	if err := m.Fit(mesh.MK3SBed()); err != nil {
		t.Error(err)
	}
	x, y, z := m.Size()
	if x > 100 || y > 100 || z > 40 {
		t.Errorf("million is %v × %v × %v", x, y, z)
	}
}

func BenchmarkSphere640k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Sphere(25, 800)
	}
}

func BenchmarkMillion(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Million()
	}
}
