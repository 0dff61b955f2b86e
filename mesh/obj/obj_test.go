package obj

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
)

func area(tris [][3]mesh.Vec3) float64 {
	var s float64
	for _, t := range tris {
		ax, ay, az := float64(t[1].X-t[0].X), float64(t[1].Y-t[0].Y), float64(t[1].Z-t[0].Z)
		bx, by, bz := float64(t[2].X-t[0].X), float64(t[2].Y-t[0].Y), float64(t[2].Z-t[0].Z)
		x, y, z := ay*bz-az*by, az*bx-ax*bz, ax*by-ay*bx
		s += math.Sqrt(x*x+y*y+z*z) / 2
	}
	return s
}

// signedZ is the sum of the triangles' signed areas seen from +z: the
// polygon's area when the cut keeps its winding.
func signedZ(tris [][3]mesh.Vec3) float64 {
	var s float64
	for _, t := range tris {
		s += (float64(t[1].X-t[0].X)*float64(t[2].Y-t[0].Y) - float64(t[1].Y-t[0].Y)*float64(t[2].X-t[0].X)) / 2
	}
	return s
}

func TestFaces(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		tris      int
		area      float64 // signed, seen from +z
	}{
		{"triangle", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n", 1, 0.5},
		{"quad with vt vn", "# a square\nv 0 0 0\nv 2 0 0\nv 2 2 0\nv 0 2 0\nvt 0 0\nvn 0 0 1\nf 1/1/1 2/1/1 3//1 4/1\n", 2, 4},
		{"negative indices", "o a\nv 0 0 0\nv 2 0 0\nv 2 2 0\nv 0 2 0\nf -4 -3 -2 -1\n", 2, 4},
		// an L of area 3: a fan from the reflex corner's neighbour would cover the notch
		{"concave L", "v 0 0 0\nv 2 0 0\nv 2 1 0\nv 1 1 0\nv 1 2 0\nv 0 2 0\nf 3 4 5 6 1 2\n", 4, 3},
		{"clockwise L", "v 0 0 0\nv 2 0 0\nv 2 1 0\nv 1 1 0\nv 1 2 0\nv 0 2 0\nf 2 1 6 5 4 3\n", 4, -3},
		{"continued line, CRLF, w", "v 0 0 0 1\r\nv 1 0 0\r\nv 0 1 0 0.5 0.5 0.5\r\nf 1 \\\r\n 2 3\r\n", 1, 0.5},
		{"forward reference", "f 1 2 3\nv 0 0 0\nv 1 0 0\nv 0 1 0\n", 1, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tris, err := Decode(strings.NewReader(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if len(tris) != tc.tris {
				t.Errorf("%d triangles, want %d", len(tris), tc.tris)
			}
			if a := signedZ(tris); math.Abs(a-tc.area) > 1e-9 {
				t.Errorf("signed area %g, want %g", a, tc.area)
			}
			if a := area(tris); math.Abs(a-math.Abs(tc.area)) > 1e-9 {
				t.Errorf("area %g, want %g (triangles overlap)", a, math.Abs(tc.area))
			}
		})
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		src   string
		want  error
		words string
	}{
		{"v 0 0\n", ErrSyntax, "line 1"},
		{"v 0 0 x\n", ErrSyntax, `"x"`},
		{"v 0 0 0\nv 1 0 0\nf 1 2\n", ErrSyntax, "line 3"},
		{"v 0 0 0\nv 1 0 0\nf 1 2 0\n", ErrSyntax, "index 0"},
		{"v 0 0 0\nv 1 0 0\nf 1 2 -3\n", ErrIndex, "line 3"},
		{"v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 7\n", ErrIndex, "vertex 7"},
		{"v 0 0 0\nv 1 0 0\nv 0 1 0\n", ErrEmpty, "3 vertices"},
		{"v nan 0 0\n", ErrSyntax, "finite"},
		{"f a b c\n", ErrSyntax, `"a"`},
	} {
		_, err := Decode(strings.NewReader(tc.src))
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.words) {
			t.Errorf("%q: %v, want %v mentioning %s", tc.src, err, tc.want, tc.words)
		}
	}
	p := filepath.Join(t.TempDir(), "bad.obj")
	os.WriteFile(p, []byte("v 1 2\n"), 0o644)
	if _, err := ReadFile(p); err == nil || !strings.HasPrefix(err.Error(), p+": ") {
		t.Errorf("ReadFile: %v", err)
	}
}

// TestPrusaSlicerExport: PrusaSlicer 2.5's --export-obj of corpus STLs reads
// back as the STL's mesh: as many triangles as its repaired mesh, each
// vertex within the 6 decimals PrusaSlicer prints of one of the STL's
// (after PrusaSlicer's lift to z = 0), the same area and volume.
func TestPrusaSlicerExport(t *testing.T) {
	for _, name := range []string{"cube20_scad", "torus", "3DBenchy"} {
		t.Run(name, func(t *testing.T) {
			src := corpus.Path(t, "stl/"+name+".stl")
			p, ok := corpus.PrusaExport(t, ".obj", []string{"--export-obj"}, src)
			if !ok {
				t.Skip("prusa-slicer not installed")
			}
			tris, err := ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			s, err := stl.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			want, _, err := mesh.FromTriangles(s.Triangles, mesh.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := mesh.FromTriangles(tris, mesh.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range []*mesh.Mesh{got, want} {
				lo, _ := m.Bounds()
				m.Translate(0, 0, -float64(lo.Z))
			}
			if len(got.Triangles) != len(want.Triangles) {
				t.Fatalf("%d triangles; the STL has %d", len(got.Triangles), len(want.Triangles))
			}
			if n := unmatched(got.Vertices, want.Vertices, 2e-6); n > 0 {
				t.Errorf("%d of %d vertices are farther than 2 µm/1000 from any STL vertex", n, len(got.Vertices))
			}
			if a, b := got.Area(), want.Area(); math.Abs(a-b) > 1e-5*b {
				t.Errorf("area %.4f mm², the STL's %.4f", a, b)
			}
			if a, b := got.Volume(), want.Volume(); math.Abs(a-b) > 1e-5*b {
				t.Errorf("volume %.4f mm³, the STL's %.4f", a, b)
			}
		})
	}
}

func unmatched(a, b []mesh.Vec3, tol float64) int {
	type cell [3]int64
	key := func(v mesh.Vec3) cell {
		return cell{int64(math.Floor(float64(v.X) / tol)), int64(math.Floor(float64(v.Y) / tol)), int64(math.Floor(float64(v.Z) / tol))}
	}
	grid := map[cell][]mesh.Vec3{}
	for _, v := range b {
		grid[key(v)] = append(grid[key(v)], v)
	}
	n := 0
	for _, v := range a {
		c, found := key(v), false
		for d := 0; d < 27 && !found; d++ {
			for _, w := range grid[cell{c[0] + int64(d%3-1), c[1] + int64(d/3%3-1), c[2] + int64(d/9-1)}] {
				if math.Abs(float64(v.X-w.X)) <= tol && math.Abs(float64(v.Y-w.Y)) <= tol && math.Abs(float64(v.Z-w.Z)) <= tol {
					found = true
					break
				}
			}
		}
		if !found {
			n++
		}
	}
	return n
}
