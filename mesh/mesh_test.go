package mesh

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func v3(x, y, z float32) Vec3 { return Vec3{X: x, Y: y, Z: z} }

// Tetrahedron A B C D, outward counter-clockwise.
var (
	A, B, C, D = v3(0, 0, 0), v3(10, 0, 0), v3(0, 10, 0), v3(0, 0, 10)
	tetra      = [][3]Vec3{{A, C, B}, {A, B, D}, {A, D, C}, {B, C, D}}
)

const tetraVolume = 1000.0 / 6

func TestFromTriangles(t *testing.T) {
	flipped := append([][3]Vec3(nil), tetra...)
	flipped[3] = [3]Vec3{B, D, C}
	open := tetra[:3]
	negZero := append([][3]Vec3(nil), tetra...)
	negZero[0][0] = v3(float32(math.Copysign(0, -1)), 0, 0)
	// The second tetrahedron shares the edge C–D: four facets on one edge.
	second, vol2 := tetraOf(C, D, v3(-10, 5, 10), v3(-5, 10, 12))
	bowtie := append(append([][3]Vec3(nil), tetra...), second...)
	collapsed := append(append([][3]Vec3(nil), tetra...), [3]Vec3{A, A, B}, [3]Vec3{C, D, D})
	// Split the edge A–B at M: A M C and M B C replace A C B... as seen
	// from face ACB, and the cap A M B (zero area) fills the other side.
	M := v3(5, 0, 0)
	capped := [][3]Vec3{{A, C, M}, {M, C, B}, {A, B, D}, {A, D, C}, {B, C, D}, {A, M, B}}
	tests := []struct {
		name   string
		tris   [][3]Vec3
		opts   Options
		want   Repairs
		volume float64
	}{
		{"closed", tetra, Options{}, Repairs{Facets: 4, Vertices: 4, WeldedVertices: 8, Shells: 1}, tetraVolume},
		{"negative zero welds", negZero, Options{}, Repairs{Facets: 4, Vertices: 4, WeldedVertices: 8, Shells: 1}, tetraVolume},
		{"flipped facet fixed", flipped, Options{}, Repairs{Facets: 4, Vertices: 4, WeldedVertices: 8, FlippedFacets: 1, Shells: 1}, tetraVolume},
		{"flipped facet kept", flipped, Options{KeepWinding: true}, Repairs{Facets: 4, Vertices: 4, WeldedVertices: 8, FlippedFacets: 1, Shells: 1}, math.NaN()},
		{"open", open, Options{}, Repairs{Facets: 3, Vertices: 4, WeldedVertices: 5, BoundaryEdges: 3, Shells: 1}, math.NaN()},
		{"non-manifold edge", bowtie, Options{}, Repairs{Facets: 8, Vertices: 6, WeldedVertices: 18, NonManifoldEdges: 1, Shells: 2}, tetraVolume + vol2},
		{"collapsed facets", collapsed, Options{}, Repairs{Facets: 6, Vertices: 4, WeldedVertices: 14, DegenerateFacets: 2, CollapsedFacets: 2, Shells: 1}, tetraVolume},
		{"collinear cap", capped, Options{}, Repairs{Facets: 6, Vertices: 5, WeldedVertices: 13, DegenerateFacets: 1, CollinearFacets: 1, Shells: 1}, tetraVolume},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, rep, err := FromTriangles(tc.tris, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, rep); diff != "" {
				t.Errorf("repairs (-want +got):\n%s", diff)
			}
			if v := m.Volume(); !math.IsNaN(tc.volume) && tc.volume != 0 && math.Abs(v-tc.volume) > 1e-9 {
				t.Errorf("volume %v, want %v", v, tc.volume)
			}
			if tc.want.Closed() && !tc.opts.KeepWinding {
				if c := m.Check(); !c.Closed() || c.FlippedFacets != 0 || c.DegenerateFacets != 0 {
					t.Errorf("after repair %+v", c)
				}
			}
		})
	}
}

// tetraOf returns the four facets of the tetrahedron p, outward
// counter-clockwise, and its volume.
func tetraOf(p0, p1, p2, p3 Vec3) ([][3]Vec3, float64) {
	m := &Mesh{Vertices: []Vec3{p0, p1, p2, p3}, Triangles: [][3]uint32{{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}}}
	v := m.Volume()
	if v < 0 {
		p1, p2 = p2, p1
		v = -v
	}
	return [][3]Vec3{{p0, p2, p1}, {p0, p1, p3}, {p0, p3, p2}, {p1, p2, p3}}, v
}

func TestEmpty(t *testing.T) {
	_, _, err := FromTriangles([][3]Vec3{{A, A, B}, {A, B, v3(20, 0, 0)}}, Options{})
	if !errors.Is(err, ErrEmpty) {
		t.Errorf("error %v", err)
	}
}

func TestWeldTolerance(t *testing.T) {
	nudged := append([][3]Vec3(nil), tetra...)
	nudged[1][2] = v3(0, 0, 10.00001) // D, written a hair off
	_, rep, err := FromTriangles(nudged, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Vertices != 5 || rep.BoundaryEdges != 4 {
		t.Errorf("exact weld: %+v", rep)
	}
	m, rep, err := FromTriangles(nudged, Options{WeldTolerance: 1e-4})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Vertices != 4 || rep.NearWeldedVertices != 1 || !rep.Closed() {
		t.Errorf("tolerant weld: %+v", rep)
	}
	if math.Abs(m.Volume()-tetraVolume) > 1e-3 {
		t.Errorf("volume %v", m.Volume())
	}
}

func TestRepairsJSON(t *testing.T) {
	b, err := json.Marshal(Repairs{})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"facets", "vertices", "welded_vertices", "degenerate_facets_removed", "flipped_facets", "boundary_edges", "non_manifold_edges", "shells"} {
		if !strings.Contains(string(b), `"`+k+`":`) {
			t.Errorf("%s lacks %q", b, k)
		}
	}
}

func box(w, d, h float32) *Mesh {
	m, _, err := FromTriangles(boxSoup(w, d, h), Options{})
	if err != nil {
		panic(err)
	}
	return m
}

func boxSoup(w, d, h float32) [][3]Vec3 {
	p := func(i int) Vec3 { return v3(w*float32(i&1), d*float32(i>>1&1), h*float32(i>>2&1)) }
	quads := [][4]int{{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}}
	var s [][3]Vec3
	for _, q := range quads {
		s = append(s, [3]Vec3{p(q[0]), p(q[1]), p(q[2])}, [3]Vec3{p(q[0]), p(q[2]), p(q[3])})
	}
	return s
}

func TestTransforms(t *testing.T) {
	m := box(20, 10, 5)
	if v := m.Volume(); v != 1000 {
		t.Fatalf("box volume %v", v)
	}
	if c := m.Check(); !c.Closed() || c.FlippedFacets != 0 {
		t.Fatalf("box %+v", c)
	}
	m.Scale(2)
	if x, y, z := m.Size(); x != 40 || y != 20 || z != 10 {
		t.Errorf("scaled size %v %v %v", x, y, z)
	}
	m.RotateZ(90)
	lo, hi := m.Bounds()
	if diff := cmp.Diff([2]Vec3{v3(-20, 0, 0), v3(0, 40, 10)}, [2]Vec3{lo, hi}); diff != "" {
		t.Errorf("rotated bounds (-want +got):\n%s", diff)
	}
	m.RotateZ(-45)
	if x, y, _ := m.Size(); math.Abs(x-60/math.Sqrt2) > 1e-4 || math.Abs(y-60/math.Sqrt2) > 1e-4 {
		t.Errorf("size after 45°: %v × %v", x, y)
	}
	m.Translate(0, 0, 7.3)
	m.Place(250, 210)
	lo, hi = m.Bounds()
	if lo.Z != 0 || math.Abs(float64(lo.X+hi.X)/2-125) > 1e-4 || math.Abs(float64(lo.Y+hi.Y)/2-105) > 1e-4 {
		t.Errorf("placed at %v – %v", lo, hi)
	}
	if err := m.Fit(MK3SBed()); err != nil {
		t.Error(err)
	}
	if v := m.Volume(); math.Abs(v-8000) > 0.05 {
		t.Errorf("volume after transforms %v", v)
	}
}

func TestFit(t *testing.T) {
	tests := []struct {
		w, d, h float32
		msg     string
	}{
		{250, 210, 210, ""},
		{300, 20, 20, "model does not fit the printer: model is 300.0 × 20.0 × 20.0 mm; the bed is 250 × 210 × 210 mm"},
		{20, 20, 210.5, "model is 20.0 × 20.0 × 210.5 mm"},
	}
	for _, tc := range tests {
		err := box(tc.w, tc.d, tc.h).Fit(MK3SBed())
		if tc.msg == "" {
			if err != nil {
				t.Errorf("%v×%v×%v: %v", tc.w, tc.d, tc.h, err)
			}
			continue
		}
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%v×%v×%v: error %v, want %q", tc.w, tc.d, tc.h, err, tc.msg)
		}
	}
}

func TestScalePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Scale(0) did not panic")
		}
	}()
	box(1, 1, 1).Scale(0)
}
