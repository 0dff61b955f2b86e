package slice

import (
	"context"
	"math"
	"testing"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/mesh"
)

func sliceOrFail(t testing.TB, m *mesh.Mesh, cfg Config) *Result {
	t.Helper()
	r, err := Slice(context.Background(), m, cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func sectionArea(ps []geom.Polygon) float64 {
	a := 0.0
	for _, p := range ps {
		a += p.Area() / geom.PerMM2
	}
	return a
}

// ngonArea is the area of a regular n-gon of circumradius r.
func ngonArea(n int, r float64) float64 {
	return float64(n) / 2 * r * r * math.Sin(2*math.Pi/float64(n))
}

// TestSphereSectionArea compares every layer's section of corpus
// sphere_fn200.stl with the analytic section of the faceted sphere that
// OpenSCAD builds for sphere(r = 20, $fn = 200) (scad/sphere_fn200.scad):
// 100 rings at polar angles φ_i = 180°·(i + ½)/100, each a regular 200-gon
// of radius 20·sin φ_i at height 20 − 20·cos φ_i, joined by planar bands, so
// the section at height z is a regular 200-gon whose radius is linear in z
// between two rings. The model is lowered by the bottom ring's height when
// placed on the bed.
func TestSphereSectionArea(t *testing.T) {
	r := sliceCorpus(t, "sphere_fn200.stl")
	const R, fn, rings = 20.0, 200, 100
	ringZ := make([]float64, rings)
	ringR := make([]float64, rings)
	for i := range rings {
		phi := math.Pi * (float64(i) + 0.5) / rings
		ringZ[i] = R - R*math.Cos(phi) // ascending with i
		ringR[i] = R * math.Sin(phi)
	}
	shift := ringZ[0]
	worst, compared := 0.0, 0
	for i, L := range r.Layers {
		z := L.Z - L.Height/2 + shift
		k := 0
		for k+1 < rings && ringZ[k+1] < z {
			k++
		}
		if z <= ringZ[0] || z >= ringZ[rings-1] {
			continue
		}
		f := (z - ringZ[k]) / (ringZ[k+1] - ringZ[k])
		want := ngonArea(fn, ringR[k]+f*(ringR[k+1]-ringR[k]))
		got := sectionArea(r.Regions[i])
		rel := math.Abs(got-want) / want
		worst = max(worst, rel)
		compared++
		if rel > 0.01 {
			t.Errorf("layer %d z=%.2f: area %.4f mm², faceted sphere %.4f (%.3f%%)", i, z, got, want, 100*rel)
		}
		if len(r.Regions[i]) != 1 || len(r.Regions[i][0].Holes) != 0 {
			t.Errorf("layer %d: %d polygons, want one disc", i, len(r.Regions[i]))
		}
	}
	t.Logf("worst relative area error %.4f%% over %d layers", 100*worst, compared)
	if compared != len(r.Layers) {
		t.Errorf("compared %d of %d layers", compared, len(r.Layers))
	}
	if len(r.Layers) != 200 {
		t.Errorf("%d layers, PrusaSlicer makes 200", len(r.Layers))
	}
}

// TestTorusSectionArea compares every layer of corpus torus.stl with the
// faceted torus OpenSCAD builds for rotate_extrude($fn = 96) of a circle of
// radius 6 at x = 20 ($fn = 96), scad/torus.scad: the profile 96-gon has a
// vertex at angle 0, so at height z (0..12) it spans radii x_in(z)..x_out(z)
// (linear between profile vertices), and the section is the ring between two
// regular 96-gons of those circumradii: one polygon with one hole.
func TestTorusSectionArea(t *testing.T) {
	r := sliceCorpus(t, "torus.stl")
	const n = 96
	prof := make([][2]float64, n) // (x, z) of the profile polygon
	for j := range n {
		a := 2 * math.Pi * float64(j) / n
		prof[j] = [2]float64{20 + 6*math.Cos(a), 6 + 6*math.Sin(a)}
	}
	span := func(z float64) (lo, hi float64) {
		lo, hi = math.Inf(1), math.Inf(-1)
		for j := range n {
			p, q := prof[j], prof[(j+1)%n]
			if (p[1] <= z) != (q[1] <= z) {
				x := p[0] + (z-p[1])/(q[1]-p[1])*(q[0]-p[0])
				lo, hi = min(lo, x), max(hi, x)
			}
		}
		return lo, hi
	}
	worst := 0.0
	for i, L := range r.Layers {
		z := L.Z - L.Height/2
		lo, hi := span(z)
		want := ngonArea(n, hi) - ngonArea(n, lo)
		got := sectionArea(r.Regions[i])
		rel := math.Abs(got-want) / want
		worst = max(worst, rel)
		if rel > 0.01 {
			t.Errorf("layer %d z=%.2f: area %.4f mm², faceted torus %.4f (%.3f%%)", i, z, got, want, 100*rel)
		}
		if len(r.Regions[i]) != 1 || len(r.Regions[i][0].Holes) != 1 {
			t.Errorf("layer %d: want one polygon with one hole, got %d polygons", i, len(r.Regions[i]))
		}
	}
	t.Logf("worst relative area error %.4f%% over %d layers", 100*worst, len(r.Layers))
	if len(r.Layers) != 60 {
		t.Errorf("%d layers, PrusaSlicer makes 60", len(r.Layers))
	}
}

// TestCubePerimeterPositions checks where the two perimeters of the 20 mm
// cube (corpus cube20_scad.stl, placed on 115..135 × 95..115) lie. With
// PrusaSlicer's flow, spacing(w, h) = w − h·(1 − π/4); the external loop's
// centre is w_ext/2 inside the outline and the next loop is
// (spacing(w_ext) + spacing(w))/2 further in. Above the first layer
// (w = 0.45, h = 0.2): 0.225 and 0.225 + 0.40708 = 0.63208 mm. On the first
// layer (w = 0.42) the outline is first shrunk by the elephant-foot
// compensation 0.2 mm: 0.41 and 0.41 + 0.37708 = 0.78708 mm. PrusaSlicer's
// own cube20_scad_prusa.gcode has its loops at 115.225/115.632 and
// 115.41/115.787.
func TestCubePerimeterPositions(t *testing.T) {
	r := sliceCorpus(t, "cube20_scad.stl")
	sp := func(w, h float64) float64 { return w - h*(1-math.Pi/4) }
	check := func(layer int, insets [2]float64) {
		L := r.Layers[layer]
		var loops [2][]Extrusion
		for _, e := range L.Paths {
			switch e.Role {
			case ExternalPerimeter:
				loops[0] = append(loops[0], e)
			case Perimeter:
				loops[1] = append(loops[1], e)
			}
		}
		for k := range 2 {
			if len(loops[k]) != 1 {
				t.Fatalf("layer %d: %d loops of depth %d, want 1", layer, len(loops[k]), k)
			}
			b := loops[k][0].Points.Bounds()
			want := geom.Rect{
				Min: geom.Point{X: geom.FromMM(115 + insets[k]), Y: geom.FromMM(95 + insets[k])},
				Max: geom.Point{X: geom.FromMM(135 - insets[k]), Y: geom.FromMM(115 - insets[k])},
			}
			for _, d := range []int64{b.Min.X - want.Min.X, b.Min.Y - want.Min.Y, b.Max.X - want.Max.X, b.Max.Y - want.Max.Y} {
				if d < -10 || d > 10 {
					t.Errorf("layer %d loop %d: box %v, want %v ±10 µm", layer, k, b, want)
					break
				}
			}
			if n := len(loops[k][0].Points); n != 4 {
				t.Errorf("layer %d loop %d: %d corners, want 4", layer, k, n)
			}
		}
		// the external loop is printed after the inner one
		last := -1
		for j, e := range L.Paths {
			if e.Role == ExternalPerimeter {
				last = j
			}
			if e.Role == Perimeter && last >= 0 {
				t.Errorf("layer %d: inner perimeter after the external one", layer)
			}
		}
	}
	check(0, [2]float64{0.2 + 0.42/2, 0.2 + 0.42/2 + sp(0.42, 0.2)})
	for _, l := range []int{1, 50, 99} {
		check(l, [2]float64{0.45 / 2, 0.45/2 + (sp(0.45, 0.2)+sp(0.45, 0.2))/2})
	}
	// solid infill lines end where PrusaSlicer's do: the inner loop's centre,
	// plus half its spacing and half the infill's, minus the 25 % overlap
	// (of the perimeter spacing): 0.63208 + 0.40708·(½ + ½ − ¼) = 0.93739 mm
	// (cube20_scad_prusa.gcode, layer 3: X115.937 … X134.063).
	inset := 0.45/2 + sp(0.45, 0.2) + sp(0.45, 0.2)*0.75
	box := geom.EmptyRect()
	for _, e := range r.Layers[2].Paths {
		if e.Role == SolidInfill {
			for _, p := range e.Points {
				box = box.Add(p)
			}
		}
	}
	wantBox := geom.Rect{Min: geom.Point{X: geom.FromMM(115 + inset), Y: geom.FromMM(95 + inset)},
		Max: geom.Point{X: geom.FromMM(135 - inset), Y: geom.FromMM(115 - inset)}}
	for _, d := range []int64{box.Min.X - wantBox.Min.X, box.Min.Y - wantBox.Min.Y, box.Max.X - wantBox.Max.X, box.Max.Y - wantBox.Max.Y} {
		if d < -10 || d > 10 {
			t.Errorf("layer 2 solid infill spans %v, want %v ±10 µm", box, wantBox)
			break
		}
	}
	// aligned seams: every layer's external loop starts at the same corner
	var seam geom.Point
	for i, L := range r.Layers[1:] {
		for _, e := range L.Paths {
			if e.Role == ExternalPerimeter {
				if i > 0 && e.Points[0] != seam {
					t.Errorf("layer %d: seam at %v, previous layers at %v", i+1, e.Points[0], seam)
				}
				seam = e.Points[0]
			}
		}
	}
}

// boxMesh is a closed axis-aligned box (12 facets, outward winding).
func boxMesh(x0, y0, z0, x1, y1, z1 float32) *mesh.Mesh {
	p := func(x, y, z float32) mesh.Vec3 { return mesh.Vec3{X: x, Y: y, Z: z} }
	v := []mesh.Vec3{p(x0, y0, z0), p(x1, y0, z0), p(x1, y1, z0), p(x0, y1, z0), p(x0, y0, z1), p(x1, y0, z1), p(x1, y1, z1), p(x0, y1, z1)}
	f := [][3]uint32{{0, 2, 1}, {0, 3, 2}, {4, 5, 6}, {4, 6, 7}, {0, 1, 5}, {0, 5, 4}, {1, 2, 6}, {1, 6, 5}, {2, 3, 7}, {2, 7, 6}, {3, 0, 4}, {3, 4, 7}}
	return &mesh.Mesh{Vertices: v, Triangles: f}
}

// TestThinWallAtMostOneLine: a wall thinner than a perimeter loop gets at
// most one line, no wider than the wall (never over-extruded), and is
// reported. Walls of 0.3 mm from a generated box and from corpus
// thin_wall_test.stl (walls 0.2 … 2.0 mm at x = 2 + 5i).
func TestThinWallAtMostOneLine(t *testing.T) {
	check := func(t *testing.T, r *Result, x0, x1, y0, y1 float64, layers []int) {
		wall := geom.Rect{Min: geom.Point{X: geom.FromMM(x0), Y: geom.FromMM(y0)}, Max: geom.Point{X: geom.FromMM(x1), Y: geom.FromMM(y1)}}
		for _, li := range layers {
			n := 0
			for _, e := range r.Layers[li].Paths {
				if e.Role == Skirt {
					continue
				}
				inside := false
				for _, p := range e.Points {
					if wall.Contains(p) {
						inside = true
					}
				}
				if inside {
					n++
					if e.Width > x1-x0+1e-9 {
						t.Errorf("layer %d: line %.3f mm wide in a %.2f mm wall", li, e.Width, x1-x0)
					}
				}
			}
			if n > 1 {
				t.Errorf("layer %d: %d extrusions in a %.2f mm wall, want at most 1", li, n, x1-x0)
			}
		}
		if len(r.Thin) == 0 {
			t.Errorf("no thin region reported")
		}
	}
	t.Run("generated", func(t *testing.T) {
		m := boxMesh(100, 100, 0, 100.3, 120, 10)
		r := sliceOrFail(t, m, Default())
		check(t, r, 100, 100.3, 100, 120, []int{1, 10, 25, 48})
	})
	t.Run("corpus", func(t *testing.T) {
		m := loadPlaced(t, "thin_wall_test.stl")
		// model x spans 0 .. 85 (walls) + cylinder; find the placement shift
		lo := m.Vertices[0]
		for _, v := range m.Vertices {
			lo.X, lo.Y = min(lo.X, v.X), min(lo.Y, v.Y)
		}
		r := sliceOrFail(t, m, Default())
		dx, dy := float64(lo.X), float64(lo.Y)
		// the 0.3 mm wall: x 7 .. 7.3, y 1 .. 21, z 1 .. 11
		check(t, r, dx+7, dx+7.3, dy+1, dy+21, []int{10, 30, 50})
	})
}

// TestExtrusionsWithinModel: every extrusion but the skirt lies inside the
// placed model's XY footprint.
func TestExtrusionsWithinModel(t *testing.T) {
	for _, name := range []string{"cube20_scad.stl", "torus.stl", "thin_wall_test.stl", "overhang_test.stl", "xyz_calibration_cube.stl", "sphere_fn200.stl", "stanford_bunny.stl", "3DBenchy.stl"} {
		t.Run(name, func(t *testing.T) {
			m := loadPlaced(t, name)
			lo, hi := m.Vertices[0], m.Vertices[0]
			for _, v := range m.Vertices {
				lo = mesh.Vec3{X: min(lo.X, v.X), Y: min(lo.Y, v.Y)}
				hi = mesh.Vec3{X: max(hi.X, v.X), Y: max(hi.Y, v.Y)}
			}
			box := geom.Rect{Min: geom.Point{X: geom.FromMM(float64(lo.X)), Y: geom.FromMM(float64(lo.Y))},
				Max: geom.Point{X: geom.FromMM(float64(hi.X)), Y: geom.FromMM(float64(hi.Y))}}
			r := sliceCorpus(t, name)
			for i, L := range r.Layers {
				for _, e := range L.Paths {
					if e.Role == Skirt {
						continue
					}
					for _, p := range e.Points {
						if !box.Contains(p) {
							t.Fatalf("layer %d %v at %v outside the model box %v", i, e.Role, p, box)
						}
					}
				}
			}
		})
	}
}
