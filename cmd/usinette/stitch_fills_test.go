package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStitchAutoSatinFlag: --auto-satin sets the width above which a plain
// SVG's strokes are sewn as satin columns (1 mm by default); unsupported
// Ink/Stitch methods are said on stderr and in --json's notes.
func TestStitchAutoSatinFlag(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "lines.svg")
	if err := os.WriteFile(plain, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="30mm" viewBox="0 0 60 30">
<path d="M 5,10 L 55,10" style="fill:none;stroke:#000;stroke-width:3"/>
<path d="M 5,20 L 55,20" style="fill:none;stroke:#000;stroke-width:0.5"/></svg>`), 0o644); err != nil {
		t.Fatal(err)
	}
	height := func(args ...string) float64 {
		t.Helper()
		code, stdout, stderr := stitchCmd(append([]string{plain, "-o", filepath.Join(dir, "lines.pes"), "--json", "-q"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		var rep map[string]any
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatal(err)
		}
		return rep["height_mm"].(float64)
	}
	// the design's height: from the satin's top edge (8.5) to the thin
	// line (20), or from line to line
	if h := height(); h < 11.4 || h > 11.6 {
		t.Errorf("default: design %.2f mm high, want 11.5 (a 3 mm satin above a running stitch)", h)
	}
	if h := height("--auto-satin", "4"); h < 9.9 || h > 10.1 {
		t.Errorf("--auto-satin 4: design %.2f mm high, want 10 (two running stitches)", h)
	}
	if h := height("--auto-satin", "-1"); h < 9.9 || h > 10.1 {
		t.Errorf("--auto-satin -1: design %.2f mm high, want 10", h)
	}

	meander := filepath.Join(dir, "meander.svg")
	if err := os.WriteFile(meander, []byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkstitch="http://inkstitch.org/namespace" width="30mm" height="30mm" viewBox="0 0 30 30">
<rect id="m1" x="5" y="5" width="20" height="20" style="fill:#208020" inkstitch:fill_method="meander_fill"/></svg>`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := stitchCmd(meander, "-o", filepath.Join(dir, "m.pes"))
	if code != 0 || !strings.Contains(stderr, "fill_method meander_fill is not supported: sewn as auto_fill") || !strings.Contains(stderr, "m1") {
		t.Errorf("exit %d, stderr %q: want a note naming m1's meander fill", code, stderr)
	}
}
