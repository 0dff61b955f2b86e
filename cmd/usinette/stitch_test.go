package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/dst"
	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/pes"
	"github.com/usinette/usinette/stitch"
)

func stitchCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = execute(append([]string{"stitch"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// badgeSVG is a small badge: a filled disc with a hole, a red outline, a
// satin bar. 40 mm wide.
const badgeSVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkstitch="http://inkstitch.org/namespace" width="60mm" height="40mm" viewBox="0 0 60 40">
  <path id="disc" d="M 10,20 A 10,10 0 1 0 30,20 A 10,10 0 1 0 10,20 Z M 16,20 A 4,4 0 1 1 24,20 A 4,4 0 1 1 16,20 Z" style="fill:#0b3d91;fill-rule:evenodd"/>
  <rect id="frame" x="5" y="5" width="45" height="30" style="fill:none;stroke:#ff0000;stroke-width:0.3"/>
  <path id="bar" d="M 35,10 L 45,10 M 35,14 L 45,14" inkstitch:satin_column="True" inkstitch:contour_underlay="True" style="fill:none;stroke:#000000;stroke-width:0.3"/>
</svg>`

func TestStitchCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "badge.svg")
	if err := os.WriteFile(in, []byte(badgeSVG), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "badge.pes")
	pv := filepath.Join(dir, "badge.png")
	code, stdout, stderr := stitchCmd(in, "-o", out, "--preview", pv, "--json", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json: %v\n%s", err, stdout)
	}
	for _, k := range []string{"stitches", "jumps", "trims", "color_changes", "colors", "width_mm", "height_mm",
		"longest_stitch_mm", "thread_mm", "sewing_time_s"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("--json lacks %q", k)
		}
	}
	if rep["colors"] != 3.0 || rep["color_changes"] != 2.0 {
		t.Errorf("colours: %v", rep)
	}
	if w := rep["width_mm"].(float64); w < 44.9 || w > 45.5 {
		t.Errorf("width %v", w)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("#PES0001")) {
		t.Errorf("signature %q", data[:8])
	}
	p, err := pes.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	s := stitch.Measure(p)
	if s.Stitches != int(rep["stitches"].(float64)) && s.Stitches < int(rep["stitches"].(float64)) {
		t.Errorf("decoded %d stitches, reported %v", s.Stitches, rep["stitches"])
	}
	if s.LongestStitch > stitch.DefaultMaxStitch || s.MinX < -130 || s.MaxX > 130 || s.MinY < -80 || s.MaxY > 80 {
		t.Errorf("decoded: longest %.2f, bounds %v %v %v %v", s.LongestStitch, s.MinX, s.MinY, s.MaxX, s.MaxY)
	}
	f, err := os.Open(pv)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("preview: %v", err)
	}

	// PES v6 and DST by extension.
	out6 := filepath.Join(dir, "badge6.pes")
	if code, _, stderr := stitchCmd(in, "-o", out6, "--pes-version", "6", "-q"); code != 0 {
		t.Fatalf("v6: exit %d: %s", code, stderr)
	}
	if data, _ := os.ReadFile(out6); !bytes.HasPrefix(data, []byte("#PES0060")) {
		t.Errorf("v6 signature %q", data[:8])
	}
	outDST := filepath.Join(dir, "badge.dst")
	if code, stdout, stderr := stitchCmd(in, "-o", outDST); code != 0 || !strings.Contains(stderr, "stitches") || stdout != "" {
		t.Fatalf("dst: exit %d: %s %s", code, stdout, stderr)
	}
	data, _ = os.ReadFile(outDST)
	if _, err := dst.Decode(bytes.NewReader(data)); err != nil {
		t.Errorf("dst: %v", err)
	}
}

func TestStitchCommandErrors(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "badge.svg")
	if err := os.WriteFile(in, []byte(badgeSVG), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.svg")
	os.WriteFile(big, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="300mm" height="50mm" viewBox="0 0 300 50"><rect x="0" y="0" width="300" height="50" style="fill:#000"/></svg>`), 0o644)
	empty := filepath.Join(dir, "empty.svg")
	os.WriteFile(empty, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="30mm" height="50mm"></svg>`), 0o644)
	out := filepath.Join(dir, "o.pes")
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no output", []string{in}, 2, "-o"},
		{"bad format", []string{in, "-o", filepath.Join(dir, "o.exp")}, 2, "unknown embroidery format"},
		{"bad version", []string{in, "-o", out, "--pes-version", "3"}, 2, "--pes-version"},
		{"bad preview", []string{in, "-o", out, "--preview", filepath.Join(dir, "p.gif")}, 2, "unknown picture format"},
		{"bad hoop", []string{in, "-o", out, "--hoop", "big"}, 2, "--hoop"},
		{"missing file", []string{filepath.Join(dir, "nope.svg"), "-o", out}, 1, "nope.svg"},
		{"too big", []string{big, "-o", out}, 1, "300.0×50.0 mm"},
		{"fits 100x100", []string{in, "-o", out, "--hoop", "100x100"}, 0, ""},
		{"nothing to stitch", []string{empty, "-o", out}, 1, "nothing to stitch"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := stitchCmd(append(tc.args, "-q")...)
			if code != tc.code || !strings.Contains(stderr, tc.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.msg)
			}
		})
	}
	if _, err := os.Stat(out); err == nil {
		// Only the 100x100 case writes it.
		os.Remove(out)
	}
}

func TestStitchCommandCorpus(t *testing.T) {
	src := corpus.Path(t, "svg/own_sticker.svg")
	out := filepath.Join(t.TempDir(), "own.pes")
	code, stdout, stderr := stitchCmd(src, "-o", out, "--json", "-q", "--spm", "800")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	// 120×60 mm page; the weed box is 114×54 mm.
	if rep["width_mm"] != 114.0 || rep["height_mm"] != 54.0 {
		t.Errorf("size %v×%v", rep["width_mm"], rep["height_mm"])
	}
	if rep["colors"].(float64) < 3 {
		t.Errorf("colours %v", rep["colors"])
	}
}
