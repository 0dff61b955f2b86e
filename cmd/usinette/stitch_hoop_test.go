package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A 77 × 175 mm design (lobster.pes's size) fits the 870SE's 260 × 160 mm
// field only turned: stitch turns it and says so, info says it fits.
func TestStitchHoopTurn(t *testing.T) {
	dir := t.TempDir()
	svg := filepath.Join(dir, "tall.svg")
	err := os.WriteFile(svg, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="200mm" viewBox="0 0 100 200">
<rect id="tall" x="10" y="10" width="77" height="175" style="fill:#00a000;stroke:none"/></svg>`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "tall.pes")
	code, _, errs := run(t, "stitch", svg, "-o", out, "-q")
	if code != 0 {
		t.Fatalf("stitch: exit %d: %s", code, errs)
	}
	if n := strings.Count(errs, "turned 90°"); n != 1 || strings.Count(errs, "\n") != 1 {
		t.Errorf("want one line saying it was turned, got %q", errs)
	}
	code, js, errs := run(t, "info", "--json", out)
	if code != 0 {
		t.Fatalf("info: exit %d: %s", code, errs)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	if w, h := rep["width_mm"].(float64), rep["height_mm"].(float64); w < 174 || w > 176 || h < 76 || h > 78 || rep["fits_turned"] != false {
		t.Errorf("turned file: %v × %v, fits_turned %v", w, h, rep["fits_turned"])
	}

	// upright, for a 130 × 180 hoop; info against the 870SE says it fits turned
	up := filepath.Join(dir, "up.pes")
	if code, _, errs := run(t, "stitch", svg, "-o", up, "-q", "--rotate", "0", "--hoop", "130x180"); code != 0 || errs != "" {
		t.Fatalf("stitch --rotate 0: exit %d: %s", code, errs)
	}
	code, txt, _ := run(t, "info", up)
	if code != 0 || !strings.Contains(txt, "hoop        fits the 260x160 field (260 x 160 mm) once turned 90°") {
		t.Errorf("info: %s", txt)
	}
	_, js, _ = run(t, "info", "--json", up)
	rep = nil
	if err := json.Unmarshal([]byte(js), &rep); err != nil || rep["fits_hoop"] != true || rep["fits_turned"] != true {
		t.Errorf("info --json: %v %s", err, js)
	}
	code, txt, _ = run(t, "info", "--hoop", "100x100", up)
	if code != 0 || !strings.Contains(txt, "DOES NOT FIT") {
		t.Errorf("100x100: %s", txt)
	}

	// refused when rotation is off
	if code, _, errs := run(t, "stitch", svg, "-o", filepath.Join(dir, "no.pes"), "-q", "--rotate", "0"); code == 0 || !strings.Contains(errs, "does not fit") {
		t.Errorf("--rotate 0: exit %d: %s", code, errs)
	}
	if code, _, _ := run(t, "stitch", svg, "-o", filepath.Join(dir, "no.pes"), "-q", "--rotate", "45"); code != 2 {
		t.Errorf("--rotate 45: exit %d, want 2", code)
	}

	// --fit 100x100 and --scale 0.5 shrink it upright
	for _, tc := range []struct {
		args []string
		maxW float64
		maxH float64
	}{
		{[]string{"--fit", "100x100"}, 100, 100},
		{[]string{"--scale", "0.5"}, 38.6, 87.6},
	} {
		args := append([]string{"stitch", svg, "-o", filepath.Join(dir, "s.pes"), "-q", "--json"}, tc.args...)
		code, js, errs := run(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errs)
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(js), &r); err != nil {
			t.Fatal(err)
		}
		w, h := r["width_mm"].(float64), r["height_mm"].(float64)
		if w > tc.maxW || h > tc.maxH || h < tc.maxH-2 {
			t.Errorf("%v: %v × %v mm, want within %v × %v and about as tall", tc.args, w, h, tc.maxW, tc.maxH)
		}
	}
}
