package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

func TestSlicePlateAndHints(t *testing.T) {
	cube, torus := corpus.Path(t, "stl/cube20_scad.stl"), corpus.Path(t, "stl/torus.stl")
	out := filepath.Join(t.TempDir(), "plate.gcode")
	code, stdout, stderr := run(t, "slice", cube, torus, "--copies", "3", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "100 layers") || stdout != "" {
		t.Errorf("stdout %q, stderr %q (the summary goes to stderr)", stdout, stderr)
	}
	g, err := os.ReadFile(out)
	if err != nil || bytes.Count(g, []byte(";LAYER_CHANGE\n")) != 100 {
		t.Errorf("%v; %d layers", err, bytes.Count(g, []byte(";LAYER_CHANGE\n")))
	}
	// too many: refused with the sizes, nothing written
	out2 := filepath.Join(t.TempDir(), "full.gcode")
	code, _, stderr = run(t, "slice", cube, "--copies", "200", "-o", out2)
	if code != 1 || !strings.Contains(stderr, "200 objects (20.0 × 20.0") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out2); err == nil {
		t.Error("output written for a refused plate")
	}
	// a cube drawn in inches: printed as asked, with a hint
	code, _, stderr = run(t, "slice", cube, "--scale", "0.03937", "-o", filepath.Join(t.TempDir(), "tiny.gcode"))
	if code != 0 || !strings.Contains(stderr, "--scale 25.4") || strings.Count(stderr, "--scale") != 1 {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	// a cube 1000× too big: refused, with a hint
	code, _, stderr = run(t, "slice", cube, "--scale", "1000", "-o", filepath.Join(t.TempDir(), "huge.gcode"))
	if code != 1 || !strings.Contains(stderr, "--scale 0.001") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestSliceColorChangeAndPause(t *testing.T) {
	cube := corpus.Path(t, "stl/cube20_scad.stl")
	out := filepath.Join(t.TempDir(), "cc.gcode")
	code, _, stderr := run(t, "slice", cube, "--color-change-at", "5", "--pause-at", "10.2", "--pause-message", "Insert magnet", "-o", out, "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	g, _ := os.ReadFile(out)
	for _, want := range []string{";Z:5\n", "M600\nG1 E0.4 F1500", "M117 Insert magnet\nM601\n"} {
		if !bytes.Contains(g, []byte(want)) {
			t.Errorf("no %q", want)
		}
	}
	if i, j := bytes.Index(g, []byte(";Z:5\n")), bytes.Index(g, []byte("M600")); j < i || bytes.Contains(g[i:j], []byte(";Z:5.2")) {
		t.Error("M600 not in the layer at z 5")
	}
	code, _, stderr = run(t, "slice", cube, "--color-change-at", "30", "-o", out, "-q")
	if code == 0 || !strings.Contains(stderr, "30") {
		t.Errorf("a change above the model: exit %d, %q", code, stderr)
	}
}
