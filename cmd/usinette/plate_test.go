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
	if !strings.Contains(stdout, "100 layers") {
		t.Errorf("stdout %q", stdout)
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
	if code != 0 || !strings.Contains(stderr, "--scale 25.4") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	// a cube 1000× too big: refused, with a hint
	code, _, stderr = run(t, "slice", cube, "--scale", "1000", "-o", filepath.Join(t.TempDir(), "huge.gcode"))
	if code != 1 || !strings.Contains(stderr, "--scale 0.001") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
