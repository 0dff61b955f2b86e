package threemf

import (
	"archive/zip"
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
)

// zipOf builds a 3MF package from part names and contents.
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[n]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const rels = `<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Target="/3D/3dmodel.model" Id="rel0" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"/>
</Relationships>`

// tetra is a unit tetrahedron object with id 1.
const tetra = `<object id="1" type="model" name="tet"><mesh><vertices>
<vertex x="0" y="0" z="0"/><vertex x="1" y="0" z="0"/><vertex x="0" y="1" z="0"/><vertex x="0" y="0" z="1"/>
</vertices><triangles>
<triangle v1="0" v2="2" v3="1"/><triangle v1="0" v2="1" v3="3"/><triangle v1="0" v2="3" v3="2"/><triangle v1="1" v2="2" v3="3"/>
</triangles></mesh></object>`

func model(unit, resources, build string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<model unit="` + unit + `" xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02" xmlns:p="http://schemas.microsoft.com/3dmanufacturing/production/2015/06">
<resources>` + resources + `</resources><build>` + build + `</build></model>`
}

func decode(t *testing.T, data []byte) (*Model, error) {
	t.Helper()
	return Decode(bytes.NewReader(data), int64(len(data)))
}

func bounds(tris [][3]mesh.Vec3) (lo, hi mesh.Vec3) {
	m := &mesh.Mesh{}
	for _, tr := range tris {
		b := uint32(len(m.Vertices))
		m.Vertices = append(m.Vertices, tr[:]...)
		m.Triangles = append(m.Triangles, [3]uint32{b, b + 1, b + 2})
	}
	return m.Bounds()
}

// TestTransformsUnitsComponents checks each core feature on a tetrahedron
// whose placed corners are worked out by hand.
func TestTransformsUnitsComponents(t *testing.T) {
	for _, tc := range []struct {
		name, unit, res, build string
		lo, hi                 mesh.Vec3
		objects                int
	}{
		{"identity", "millimeter", tetra, `<item objectid="1"/>`, mesh.Vec3{}, mesh.Vec3{X: 1, Y: 1, Z: 1}, 1},
		{"inch", "inch", tetra, `<item objectid="1"/>`, mesh.Vec3{}, mesh.Vec3{X: 25.4, Y: 25.4, Z: 25.4}, 1},
		{"centimeter translated", "centimeter", tetra, `<item objectid="1" transform="1 0 0 0 1 0 0 0 1 2 3 4"/>`,
			mesh.Vec3{X: 20, Y: 30, Z: 40}, mesh.Vec3{X: 30, Y: 40, Z: 50}, 1},
		// 90° about Z: x' = -y, y' = x (rows: x maps to (0 1 0), y to (-1 0 0))
		{"rotated scaled", "millimeter", tetra, `<item objectid="1" transform="0 2 0 -2 0 0 0 0 3 10 0 0"/>`,
			mesh.Vec3{X: 8, Y: 0, Z: 0}, mesh.Vec3{X: 10, Y: 2, Z: 3}, 1},
		{"components", "millimeter", tetra + `<object id="2"><components>
			<component objectid="1" transform="1 0 0 0 1 0 0 0 1 5 0 0"/>
			<component objectid="1" transform="1 0 0 0 1 0 0 0 1 0 5 0"/></components></object>`,
			`<item objectid="2" transform="1 0 0 0 1 0 0 0 1 0 0 7"/>`,
			mesh.Vec3{X: 0, Y: 0, Z: 7}, mesh.Vec3{X: 6, Y: 6, Z: 8}, 1},
		{"two items, support skipped", "millimeter", tetra + strings.Replace(strings.Replace(tetra, `id="1"`, `id="3"`, 1), `"model"`, `"support"`, 1),
			`<item objectid="1"/><item objectid="1" transform="1 0 0 0 1 0 0 0 1 10 0 0"/><item objectid="3"/>`,
			mesh.Vec3{}, mesh.Vec3{X: 11, Y: 1, Z: 1}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := decode(t, zipOf(t, map[string]string{"_rels/.rels": rels, "3D/3dmodel.model": model(tc.unit, tc.res, tc.build)}))
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Objects) != tc.objects {
				t.Errorf("%d objects, want %d", len(m.Objects), tc.objects)
			}
			lo, hi := bounds(m.Triangles())
			near := func(a, b mesh.Vec3) bool {
				d := func(x, y float32) bool { return x-y < 1e-4 && y-x < 1e-4 }
				return d(a.X, b.X) && d(a.Y, b.Y) && d(a.Z, b.Z)
			}
			if !near(lo, tc.lo) || !near(hi, tc.hi) {
				t.Errorf("bounds %v %v, want %v %v", lo, hi, tc.lo, tc.hi)
			}
			if tc.name == "identity" && m.Objects[0].Name != "tet" {
				t.Errorf("name %q", m.Objects[0].Name)
			}
		})
	}
}

// TestProductionPath: a component in another model part (p:path), the way
// Bambu Studio and Printables split objects, and a root part found through
// the relationships under another name.
func TestProductionPath(t *testing.T) {
	obj := `<?xml version="1.0"?><model unit="millimeter" xmlns="http://schemas.microsoft.com/3dmanufacturing/core/2015/02"><resources>` +
		tetra + `</resources><build/></model>`
	root := model("millimeter", `<object id="5"><components><component p:path="/3D/Objects/o.model" objectid="1" transform="1 0 0 0 1 0 0 0 1 0 0 2"/></components></object>`,
		`<item objectid="5"/>`)
	r := strings.Replace(rels, "/3D/3dmodel.model", "/3D/main.model", 1)
	m, err := decode(t, zipOf(t, map[string]string{"_rels/.rels": r, "3D/main.model": root, "3D/Objects/o.model": obj}))
	if err != nil {
		t.Fatal(err)
	}
	lo, hi := bounds(m.Triangles())
	if lo.Z != 2 || hi.Z != 3 || len(m.Triangles()) != 4 {
		t.Errorf("bounds %v %v, %d triangles", lo, hi, len(m.Triangles()))
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		data  []byte
		want  error
		words string
	}{
		{"not zip", []byte("solid x\nendsolid\n"), ErrNotThreeMF, "zip"},
		{"no model", zipOf(t, map[string]string{"a.txt": "x", "b.txt": "y"}), ErrNotThreeMF, "no 3D model"},
		{"bad xml", zipOf(t, map[string]string{"3D/3dmodel.model": "<model><resources><object id='1'>"}), ErrSyntax, "3D/3dmodel.model"},
		{"bad unit", zipOf(t, map[string]string{"3D/3dmodel.model": model("parsec", tetra, `<item objectid="1"/>`)}), ErrSyntax, "parsec"},
		{"index", zipOf(t, map[string]string{"3D/3dmodel.model": model("millimeter", strings.Replace(tetra, `v1="1" v2="2" v3="3"`, `v1="1" v2="2" v3="9"`, 1), `<item objectid="1"/>`)}), ErrReference, "v3=9"},
		{"missing object", zipOf(t, map[string]string{"3D/3dmodel.model": model("millimeter", tetra, `<item objectid="4"/>`)}), ErrReference, "object 4"},
		{"loop", zipOf(t, map[string]string{"3D/3dmodel.model": model("millimeter", `<object id="1"><components><component objectid="2"/></components></object><object id="2"><components><component objectid="1"/></components></object>`, `<item objectid="1"/>`)}), ErrReference, "loop"},
		{"no build", zipOf(t, map[string]string{"3D/3dmodel.model": model("millimeter", tetra, "")}), ErrEmpty, "build"},
		{"nan", zipOf(t, map[string]string{"3D/3dmodel.model": model("millimeter", strings.Replace(tetra, `x="1"`, `x="nan"`, 1), `<item objectid="1"/>`)}), ErrSyntax, "finite"},
		{"transform", zipOf(t, map[string]string{"3D/3dmodel.model": model("millimeter", tetra, `<item objectid="1" transform="1 0 0"/>`)}), ErrSyntax, "12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decode(t, tc.data)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.words) {
				t.Errorf("error %v, want %v mentioning %q", err, tc.want, tc.words)
			}
		})
	}
	// ReadFile names the file
	p := filepath.Join(t.TempDir(), "broken.3mf")
	os.WriteFile(p, []byte("PK\x03\x04 not really"), 0o644)
	if _, err := ReadFile(p); err == nil || !strings.HasPrefix(err.Error(), p+": ") {
		t.Errorf("ReadFile: %v", err)
	}
}

// TestPrusaSlicerExport: PrusaSlicer 2.5's --export-3mf of corpus STLs
// decodes to the STL's own triangles (same float32 corners, same winding),
// as its repaired mesh holds them: compared after welding and repair on
// both sides, since PrusaSlicer writes its indexed, repaired mesh.
func TestPrusaSlicerExport(t *testing.T) {
	for _, name := range []string{"cube20_scad", "torus", "3DBenchy"} {
		t.Run(name, func(t *testing.T) {
			src := corpus.Path(t, "stl/"+name+".stl")
			p, ok := corpus.PrusaExport(t, ".3mf", []string{"--export-3mf"}, src)
			if !ok {
				t.Skip("prusa-slicer not installed")
			}
			m, err := ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if m.Unit != "millimeter" || len(m.Objects) != 1 {
				t.Errorf("unit %q, %d objects", m.Unit, len(m.Objects))
			}
			s, err := stl.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			want, _, err := mesh.FromTriangles(s.Triangles, mesh.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := mesh.FromTriangles(m.Triangles(), mesh.Options{})
			if err != nil {
				t.Fatal(err)
			}
			// PrusaSlicer lifts a model to z = 0 in float32 before writing it
			// (the torus, centred on z = 0 in its STL, is written 6 mm up,
			// each z rounded anew): compare the placed meshes, each corner
			// within a few float32 steps.
			for _, m := range []*mesh.Mesh{got, want} {
				lo, _ := m.Bounds()
				m.Translate(0, 0, -float64(lo.Z))
			}
			if len(got.Triangles) != len(want.Triangles) || len(got.Vertices) != len(want.Vertices) {
				t.Fatalf("%d triangles, %d vertices; the STL has %d, %d",
					len(got.Triangles), len(got.Vertices), len(want.Triangles), len(want.Vertices))
			}
			// PrusaSlicer writes its own triangle order: compare the sets
			// of corners (each within 0.1 µm of one of the STL's) and the
			// volume and area
			if n, worst := unmatched(got.Vertices, want.Vertices, 1e-4); n > 0 {
				t.Errorf("%d of %d vertices are not within 0.1 µm of an STL vertex (worst %v)", n, len(got.Vertices), worst)
			}
			if a, b := got.Area(), want.Area(); math.Abs(a-b) > 1e-5*b {
				t.Errorf("area %.4f mm², the STL's %.4f", a, b)
			}
			if v, w := got.Volume(), want.Volume(); math.Abs(v-w) > 1e-5*math.Abs(w) {
				t.Errorf("volume %.4f mm³, the STL's %.4f", v, w)
			}
		})
	}
}

func soup(m *mesh.Mesh) [][3]mesh.Vec3 {
	out := make([][3]mesh.Vec3, len(m.Triangles))
	for i, tr := range m.Triangles {
		out[i] = [3]mesh.Vec3{m.Vertices[tr[0]], m.Vertices[tr[1]], m.Vertices[tr[2]]}
	}
	return out
}

// unmatched counts the points of a farther than tol from every point of b.
func unmatched(a, b []mesh.Vec3, tol float64) (int, mesh.Vec3) {
	type cell [3]int64
	key := func(v mesh.Vec3) cell {
		return cell{int64(math.Floor(float64(v.X) / tol)), int64(math.Floor(float64(v.Y) / tol)), int64(math.Floor(float64(v.Z) / tol))}
	}
	grid := map[cell][]mesh.Vec3{}
	for _, v := range b {
		grid[key(v)] = append(grid[key(v)], v)
	}
	n := 0
	var worst mesh.Vec3
	for _, v := range a {
		c := key(v)
		found := false
		for dx := int64(-1); dx <= 1 && !found; dx++ {
			for dy := int64(-1); dy <= 1 && !found; dy++ {
				for dz := int64(-1); dz <= 1 && !found; dz++ {
					for _, w := range grid[cell{c[0] + dx, c[1] + dy, c[2] + dz}] {
						if math.Abs(float64(v.X-w.X)) <= tol && math.Abs(float64(v.Y-w.Y)) <= tol && math.Abs(float64(v.Z-w.Z)) <= tol {
							found = true
							break
						}
					}
				}
			}
		}
		if !found {
			n++
			worst = v
		}
	}
	return n, worst
}

// TestPrusaSlicerMerged: a multi-object 3MF written by PrusaSlicer
// (--merge of a cube and a torus, which it arranges side by side) keeps
// each object where PrusaSlicer put it: the object's box is the STL's box
// moved by the item's translation, and the two do not overlap.
func TestPrusaSlicerMerged(t *testing.T) {
	cube, torus := corpus.Path(t, "stl/cube20_scad.stl"), corpus.Path(t, "stl/torus.stl")
	p, ok := corpus.PrusaExport(t, ".3mf", []string{"--export-3mf", "--merge"}, cube, torus)
	if !ok {
		t.Skip("prusa-slicer not installed")
	}
	m, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Objects) != 2 {
		t.Fatalf("%d objects, want 2", len(m.Objects))
	}
	var boxes [2][2]mesh.Vec3
	for i, src := range []string{cube, torus} {
		s, err := stl.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		slo, shi := bounds(s.Triangles)
		lo, hi := bounds(m.Objects[i].Triangles)
		boxes[i] = [2]mesh.Vec3{lo, hi}
		// same size, shifted in XY only by a translation
		dx, dy := lo.X-slo.X, lo.Y-slo.Y
		if d := (hi.X - shi.X) - dx; d > 1e-3 || d < -1e-3 {
			t.Errorf("object %d: x size changed by %g", i, d)
		}
		if d := (hi.Y - shi.Y) - dy; d > 1e-3 || d < -1e-3 {
			t.Errorf("object %d: y size changed by %g", i, d)
		}
		t.Logf("%s at x %.2f..%.2f y %.2f..%.2f z %.2f..%.2f (moved %.2f, %.2f)",
			filepath.Base(src), lo.X, hi.X, lo.Y, hi.Y, lo.Z, hi.Z, dx, dy)
	}
	a, b := boxes[0], boxes[1]
	if a[0].X < b[1].X && b[0].X < a[1].X && a[0].Y < b[1].Y && b[0].Y < a[1].Y {
		t.Errorf("the objects overlap: %v and %v", a, b)
	}
}
