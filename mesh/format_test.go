package mesh_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh"
	_ "github.com/usinette/usinette/mesh/obj"
	"github.com/usinette/usinette/mesh/stl"
	_ "github.com/usinette/usinette/mesh/threemf"
)

// TestDetectByContent: PrusaSlicer's STL, 3MF and OBJ of one model, each
// copied under every wrong extension (and none), are read by content as
// their own format and give the same mesh size.
func TestDetectByContent(t *testing.T) {
	src := corpus.Path(t, "stl/cube20_scad.stl")
	files := map[string]string{"stl": src}
	for _, f := range []string{"3mf", "obj"} {
		p, ok := corpus.PrusaExport(t, "."+f, []string{"--export-" + f}, src)
		if !ok {
			t.Skip("prusa-slicer not installed")
		}
		files[f] = p
	}
	// an ASCII STL too
	s, err := stl.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var ascii strings.Builder
	ascii.WriteString("solid cube\n")
	for _, tr := range s.Triangles {
		ascii.WriteString("facet normal 0 0 0\nouter loop\n")
		for _, v := range tr {
			ascii.WriteString("vertex " + ftoa(v.X) + " " + ftoa(v.Y) + " " + ftoa(v.Z) + "\n")
		}
		ascii.WriteString("endloop\nendfacet\n")
	}
	ascii.WriteString("endsolid cube\n")
	files["stl-ascii"] = filepath.Join(dir, "ascii.stl")
	os.WriteFile(files["stl-ascii"], []byte(ascii.String()), 0o644)

	for format, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, ext := range []string{".stl", ".3mf", ".obj", ""} {
			q := filepath.Join(dir, "model-"+format+ext)
			os.WriteFile(q, data, 0o644)
			m, _, name, err := mesh.ReadFile(q, mesh.Options{})
			if err != nil {
				t.Fatalf("%s as %q: %v", format, ext, err)
			}
			if name != strings.TrimSuffix(format, "-ascii") {
				t.Errorf("%s named %q read as %s", format, ext, name)
			}
			if x, y, z := m.Size(); x != 20 || y != 20 || z != 20 || len(m.Triangles) != 12 {
				t.Errorf("%s as %q: %g×%g×%g, %d triangles", format, ext, x, y, z, len(m.Triangles))
			}
		}
	}
}

func ftoa(f float32) string { return strings.TrimRight(strings.TrimRight(fmtF(f), "0"), ".") }

func fmtF(f float32) string { return strconv.FormatFloat(float64(f), 'f', 6, 32) }

func TestUnknownFormat(t *testing.T) {
	p := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(p, []byte("hello, this is not a model\n"), 0o644)
	_, _, _, err := mesh.ReadFile(p, mesh.Options{})
	if !errors.Is(err, mesh.ErrUnknownFormat) || !strings.HasPrefix(err.Error(), p+": ") {
		t.Errorf("%v", err)
	}
	// content wins over the extension: an OBJ named .stl is an OBJ
	if f, err := mesh.Detect([]byte("# Blender\nv 0 0 0\n"), "x.stl"); err != nil || f.Name != "obj" {
		t.Errorf("Detect: %v %v", f.Name, err)
	}
	// a broken file of a known format names the file and the format's problem
	q := filepath.Join(t.TempDir(), "cut.obj")
	os.WriteFile(q, []byte("v 0 0 0\nf 1 2 3\n"), 0o644)
	if _, _, _, err := mesh.ReadFile(q, mesh.Options{}); err == nil || !strings.HasPrefix(err.Error(), q+": ") || !strings.Contains(err.Error(), "vertex 2") {
		t.Errorf("%v", err)
	}
}
