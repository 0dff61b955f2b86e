package slice

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh"
)

// platePrint checks a plate's G-code with the test reader: every extrusion
// of the layers on the bed, and the number of separate objects printed on
// each layer (skirt left out) as objectsAt says for that layer's z.
func platePrint(t *testing.T, g *gprint, cfg Config, objectsAt func(z float64) int) {
	t.Helper()
	for _, s := range g.segs {
		for _, p := range [][2]float64{{s.x0, s.y0}, {s.x1, s.y1}} {
			if p[0] < 0 || p[1] < 0 || p[0] > cfg.BedWidth || p[1] > cfg.BedDepth {
				t.Fatalf("layer %d (%s): extrusion at %.3f, %.3f is off the bed", s.layer+1, s.role, p[0], p[1])
			}
		}
	}
	// lines drawn 2 mm wide on a 0.5 mm grid join an object's paths into one
	// piece while the 6 mm gaps between objects stay open
	gr := newGrid(cfg.BedWidth, cfg.BedDepth, 0.5)
	bad := 0
	k := 0
	for layer, z := range g.layers {
		gr.clear()
		for ; k < len(g.segs) && g.segs[k].layer == layer; k++ {
			if s := g.segs[k]; s.role != "Skirt/Brim" {
				gr.line(s.x0, s.y0, s.x1, s.y1, 2, nil)
			}
		}
		if n, want := gr.components(), objectsAt(z); n != want {
			if bad < 5 {
				t.Errorf("layer %d at z %.2f: %d objects printed, want %d", layer+1, z, n, want)
			}
			bad++
		}
	}
}

// TestPlateFiveCubes: 5 copies of the 20 mm cube fit, print 5 separate
// cubes on every one of the 100 layers, all on the bed; PrusaSlicer 2.5
// (--duplicate 5, its own arrangement) prints as many layers and filament
// within 5 %.
func TestPlateFiveCubes(t *testing.T) {
	src := corpus.Path(t, "stl/cube20_scad.stl")
	m, _, _, err := mesh.ReadFile(src, mesh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Default()
	plate, err := Plate([]*mesh.Mesh{m}, 5, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	sum, err := Run(context.Background(), plate, mesh.Repairs{}, &buf, cfg, RunOptions{Name: "cubes"})
	if err != nil {
		t.Fatal(err)
	}
	g := readGCode(t, &buf)
	if len(g.layers) != 100 || sum.Layers != 100 {
		t.Errorf("%d layers (summary %d), want 100", len(g.layers), sum.Layers)
	}
	platePrint(t, g, cfg, func(float64) int { return 5 })

	ini := corpus.Path(t, "profiles/mk3s_pla.ini")
	p, ok := corpus.PrusaExport(t, ".gcode", []string{"--export-gcode", "--load", ini, "--duplicate", "5"}, src)
	if !ok {
		t.Skip("prusa-slicer not installed")
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pg := readGCode(t, f)
	all := func(string) bool { return true }
	ours, theirs := g.filament(all), pg.filament(all)
	t.Logf("5 cubes: usinette %d layers, %.1f mm of filament; PrusaSlicer %d layers, %.1f mm", len(g.layers), ours, len(pg.layers), theirs)
	if len(pg.layers) != len(g.layers) {
		t.Errorf("PrusaSlicer prints %d layers", len(pg.layers))
	}
	if math.Abs(ours/theirs-1) > 0.05 {
		t.Errorf("filament %.1f mm, PrusaSlicer's %.1f mm", ours, theirs)
	}
	platePrint(t, pg, cfg, func(float64) int { return 5 }) // the measure holds for PrusaSlicer too
}

// TestPlateMixedFiles: a 20 mm cube (STL), the 12 mm high torus (STL) and a
// generated 7 mm block (OBJ) on one plate: 3 objects up to z 7, 2 up to
// 12, then the cube alone, up to its 100th layer.
func TestPlateMixedFiles(t *testing.T) {
	dir := t.TempDir()
	block := filepath.Join(dir, "block.obj")
	var obj strings.Builder
	for _, v := range [][3]float64{{0, 0, 0}, {30, 0, 0}, {30, 10, 0}, {0, 10, 0}, {0, 0, 7}, {30, 0, 7}, {30, 10, 7}, {0, 10, 7}} {
		fmt.Fprintf(&obj, "v %g %g %g\n", v[0], v[1], v[2])
	}
	obj.WriteString("f 1 4 3 2\nf 5 6 7 8\nf 1 2 6 5\nf 2 3 7 6\nf 3 4 8 7\nf 4 1 5 8\n")
	if err := os.WriteFile(block, []byte(obj.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var objs []*mesh.Mesh
	for _, p := range []string{corpus.Path(t, "stl/cube20_scad.stl"), corpus.Path(t, "stl/torus.stl"), block} {
		m, _, _, err := mesh.ReadFile(p, mesh.Options{})
		if err != nil {
			t.Fatal(err)
		}
		objs = append(objs, m)
	}
	cfg := Default()
	plate, err := Plate(objs, 1, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Run(context.Background(), plate, mesh.Repairs{}, &buf, cfg, RunOptions{Name: "mixed"}); err != nil {
		t.Fatal(err)
	}
	g := readGCode(t, &buf)
	if len(g.layers) != 100 {
		t.Errorf("%d layers, want 100", len(g.layers))
	}
	platePrint(t, g, cfg, func(z float64) int {
		switch {
		case z <= 7+1e-6:
			return 3
		case z <= 12+1e-6:
			return 2
		}
		return 1
	})
}

// TestPlateRefused: a plate too full is refused with the objects' sizes.
func TestPlateRefused(t *testing.T) {
	m, _, _, err := mesh.ReadFile(corpus.Path(t, "stl/3DBenchy.stl"), mesh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Plate([]*mesh.Mesh{m}, 30, Default())
	if err == nil || !strings.Contains(err.Error(), "60.0 × 31.0") || !strings.Contains(err.Error(), "250 × 210") {
		t.Errorf("%v", err)
	}
}
