package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func stitchJSON(t *testing.T, args ...string) map[string]any {
	t.Helper()
	code, out, errs := run(t, append([]string{"stitch", "--json", "-q"}, args...)...)
	if code != 0 {
		t.Fatalf("stitch %v: exit %d: %s", args, code, errs)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return r
}

// Ink/Stitch's Chicken Scratch glyphs with 6 trim commands: one thread,
// the commands obeyed and reported.
func TestStitchInkStitchCommands(t *testing.T) {
	r := stitchJSON(t, "../../stitch/testdata/chicken_scratch_i_amp_q.svg", "-o", filepath.Join(t.TempDir(), "cs.pes"))
	cmds, _ := r["commands"].(map[string]any)
	if r["color_changes"] != 0.0 || r["colors"] != 1.0 || cmds["trim"] != 6.0 || r["trims"].(float64) < 6 {
		t.Errorf("figures %v", r)
	}
}

// A red/blue checkerboard of 56 squares: 55 colour changes in document
// order, 1 with --sort-colors (no square overlaps another); --trim-at
// longer than every jump leaves no trim but at the colour change.
func TestStitchSortColorsTrimAt(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="90mm" viewBox="0 0 100 90">`)
	for i := 0; i < 8; i++ {
		for j := 0; j < 7; j++ {
			c := "#d00000"
			if (i+j)%2 == 1 {
				c = "#0000c0"
			}
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="10" height="10" style="fill:%s;stroke:none"/>`, i*12, j*12, c)
		}
	}
	b.WriteString(`</svg>`)
	svg := filepath.Join(dir, "checker.svg")
	if err := os.WriteFile(svg, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "c.pes")
	if r := stitchJSON(t, svg, "-o", out); r["color_changes"] != 55.0 {
		t.Errorf("document order: %v colour changes, want 55", r["color_changes"])
	}
	r := stitchJSON(t, svg, "-o", out, "--sort-colors")
	if r["color_changes"] != 1.0 || r["colors"] != 2.0 {
		t.Errorf("--sort-colors: %v colour changes, want 1", r["color_changes"])
	}
	r = stitchJSON(t, svg, "-o", out, "--sort-colors", "--trim-at", "200")
	if r["trims"] != 1.0 {
		t.Errorf("--trim-at 200: %v trims, want 1 (at the colour change)", r["trims"])
	}
}

// --fit counts the stitches, which reach past the paths (satin pull
// compensation): the Chicken Scratch glyphs' paths fitted to 100 mm sewed
// 100.02 mm tall before the design was measured after planning.
func TestStitchFitCountsStitches(t *testing.T) {
	r := stitchJSON(t, "../../stitch/testdata/chicken_scratch_i_amp_q.svg", "-o", filepath.Join(t.TempDir(), "f.pes"), "--fit", "100x100")
	w, h := r["width_mm"].(float64), r["height_mm"].(float64)
	if w > 100 || h > 100 || max(w, h) < 99 {
		t.Errorf("--fit 100x100: %v × %v mm", w, h)
	}
}
