package main

import (
	"bytes"
	"image"
	_ "image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// inkscapeBox asks Inkscape (an oracle we did not write) for the bounding
// box of the whole drawing of an SVG file, in page millimetres.
func inkscapeBox(t *testing.T, file string) [4]float64 {
	t.Helper()
	bin, err := exec.LookPath("inkscape")
	if err != nil {
		if os.Getenv("USINETTE_ORACLES_REQUIRED") != "" {
			t.Fatal("inkscape required but not installed")
		}
		t.Skip("inkscape not installed")
	}
	cmd := exec.Command(bin, "--query-all", file)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("inkscape --query-all %s: %v", file, err)
	}
	// The first line is the root: id,x,y,w,h in px (1/96 in).
	first := strings.SplitN(strings.TrimSpace(string(out)), "\n", 2)[0]
	f := strings.Split(first, ",")
	if len(f) != 5 {
		t.Fatalf("inkscape --query-all: %q", first)
	}
	var v [4]float64
	for i := range v {
		if v[i], err = strconv.ParseFloat(f[i+1], 64); err != nil {
			t.Fatalf("inkscape --query-all: %q", first)
		}
		v[i] *= 25.4 / 96
	}
	return [4]float64{v[0], v[1], v[0] + v[2], v[1] + v[3]}
}

type mmBox [4]float64

func newBox() mmBox { return mmBox{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *mmBox) add(x, y float64) {
	b[0], b[1], b[2], b[3] = math.Min(b[0], x), math.Min(b[1], y), math.Max(b[2], x), math.Max(b[3], y)
}

func (b mmBox) near(c [4]float64, tol float64) bool {
	for i := range b {
		if math.Abs(b[i]-c[i]) > tol {
			return false
		}
	}
	return true
}

// gpglBox is the box of the D (cut) commands of a GPGL stream, in mm.
func gpglBox(t *testing.T, b []byte) mmBox {
	box := newBox()
	last := [2]float64{}
	for _, c := range strings.Split(string(b), "\x03") {
		if len(c) < 2 || (c[0] != 'M' && c[0] != 'D') {
			continue
		}
		f := strings.Split(c[1:], ",")
		if len(f) != 2 {
			continue
		}
		y, err1 := strconv.ParseFloat(f[0], 64)
		x, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("GPGL command %q", c)
		}
		if c[0] == 'D' {
			box.add(last[0]/20, last[1]/20)
			box.add(x/20, y/20)
		}
		last = [2]float64{x, y}
	}
	return box
}

// hpglBox is the box of the PD strokes of an HPGL file, in mm, y flipped
// back in a frame of height h.
func hpglBox(t *testing.T, b []byte, h float64) mmBox {
	box := newBox()
	var last [2]float64
	for _, c := range strings.Split(string(b), ";") {
		c = strings.TrimSpace(c)
		if len(c) < 2 || (c[:2] != "PU" && c[:2] != "PD") {
			continue
		}
		var v []float64
		for _, s := range strings.Split(c[2:], ",") {
			if s == "" {
				continue
			}
			x, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("HPGL %q", c)
			}
			v = append(v, x)
		}
		for i := 0; i+1 < len(v); i += 2 {
			if c[:2] == "PD" {
				box.add(last[0]/40, h-last[1]/40)
				box.add(v[i]/40, h-v[i+1]/40)
			}
			last = [2]float64{v[i], v[i+1]}
		}
	}
	return box
}

// pngBox is the box, in mm, of the red (cut) pixels of a preview.
func pngBox(t *testing.T, file string, dpmm float64) mmBox {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	box := newBox()
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if cr > 0xa000 && cg < 0x6000 && cb < 0x6000 {
				box.add(float64(x)/dpmm, float64(y)/dpmm)
				box.add(float64(x+1)/dpmm, float64(y+1)/dpmm)
			}
		}
	}
	return box
}

// TestCutPlacementAgrees: GPGL, HPGL, SVG and PNG put the design where
// Inkscape shows it on the page (its --query-all box of the drawing), or
// all at the media origin with --at-origin; a curve that reaches 0.03 mm
// past the page corner is clamped onto the media, not dropped; a design
// off the media is refused with its position, never clipped.
func TestCutPlacementAgrees(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "place.svg")
	// mm user units; the blob's curve reaches x = -0.03 mm, y = -0.03 mm.
	doc := `<svg xmlns="http://www.w3.org/2000/svg" width="200mm" height="100mm" viewBox="0 0 200 100">
<path id="blob" d="M 10,-0.03 C 30,-0.03 40,20 20,30 C 0,40 -0.03,20 -0.03,10 C -0.03,3 3,-0.03 10,-0.03 Z" fill="#000"/>
<rect id="r" x="150" y="60" width="40" height="35" fill="#00f"/>
</svg>`
	if err := os.WriteFile(in, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	want := inkscapeBox(t, in)
	for _, origin := range []bool{false, true} {
		exp := want
		if origin {
			exp = [4]float64{0, 0, want[2] - want[0], want[3] - want[1]}
		}
		boxes := map[string]mmBox{}
		for _, ext := range []string{"gpgl", "hpgl", "svg", "png"} {
			out := filepath.Join(dir, "p."+ext)
			args := []string{"cut", in, "-o", out, "--overcut", "0", "--mat", "--quiet", "--dpmm", "20"}
			if origin {
				args = append(args, "--at-origin")
			}
			if code, _, stderr := run(t, args...); code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, stderr)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			switch ext {
			case "gpgl":
				boxes[ext] = gpglBox(t, b)
			case "hpgl":
				h := 100.0 // the page
				if origin {
					h = exp[3]
				}
				boxes[ext] = hpglBox(t, b, h)
			case "svg":
				boxes[ext] = inkscapeBox(t, out)
			case "png":
				boxes[ext] = pngBox(t, out, 20)
			}
		}
		for ext, b := range boxes {
			// 0.05 mm of grid rounding (GPGL 1/20 mm) plus the clamp of the
			// -0.03 mm points; the preview's 0.3 mm knife line adds its
			// half width and a pixel.
			tol := 0.1
			if ext == "png" {
				tol = 0.25
			}
			if !b.near(exp, tol) {
				t.Errorf("origin %v: %s box %.3f, Inkscape %.3f", origin, ext, b, exp)
			} else {
				t.Logf("origin %v: %s box %.3f, Inkscape %.3f", origin, ext, b, exp)
			}
		}
	}
	// Off the media: the rectangle at x 150..190 lies beyond the 12x12 mat
	// once the page is 400 mm wide (scaled 2x); refused, nothing written.
	big := filepath.Join(dir, "big.svg")
	wrap := func(transform string) []byte {
		return []byte(strings.Replace(strings.Replace(doc, `<path`, `<g transform="`+transform+`"><path`, 1), `</svg>`, `</g></svg>`, 1))
	}
	if err := os.WriteFile(big, wrap("scale(2)"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "big.gpgl")
	code, _, stderr := run(t, "cut", big, "-o", out, "--mat", "--quiet")
	if code == 0 || !strings.Contains(stderr, "12×12 in mat") || !strings.Contains(stderr, "--tile") {
		t.Errorf("design larger than the mat: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("refused cut left a file")
	}
	// It fits the roll; moved right past the roll's 600 mm it is refused
	// with its position.
	far := filepath.Join(dir, "far.svg")
	if err := os.WriteFile(far, wrap("translate(500,0)"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "cut", far, "-o", out, "--quiet")
	if code == 0 || !strings.Contains(stderr, "off the roll") || !strings.Contains(stderr, "--at-origin") {
		t.Errorf("design past the roll: exit %d, %q", code, stderr)
	}
	if !bytes.Contains([]byte(stderr), []byte("x 500.0 to 690.0")) {
		t.Errorf("refusal does not give the position: %q", stderr)
	}
}

// TestCutSummaryLine: one line on stderr after a cut (paths, cut length,
// size, media), none with --quiet. The figures are the JSON summary's.
func TestCutSummaryLine(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "sq.svg")
	if err := os.WriteFile(in, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="50mm" height="50mm" viewBox="0 0 50 50"><rect x="10" y="10" width="20" height="10"/></svg>`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "cut", in, "-o", filepath.Join(dir, "a.gpgl"), "--overcut", "0", "--mat")
	want := "sq.svg: 1 path, 60 mm cut, 20.0 × 10.0 mm at x 10.0 y 10.0, on the 12×12 in mat (304.8 × 304.8 mm)\n"
	if code != 0 || !strings.HasSuffix(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr, want)
	}
	code, _, stderr = run(t, "cut", in, "-o", filepath.Join(dir, "b.gpgl"), "--quiet")
	if code != 0 || stderr != "" {
		t.Errorf("--quiet: exit %d, stderr %q", code, stderr)
	}
}

// TestCutTextRefused: text not converted to paths is refused with its id
// (Inkscape draws it; we cannot cut it), or left out with --skip-text.
func TestCutTextRefused(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "t.svg")
	if err := os.WriteFile(in, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="50mm" height="50mm" viewBox="0 0 50 50"><rect x="10" y="10" width="20" height="10"/><text id="title" x="5" y="40">Hi</text></svg>`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "t.gpgl")
	code, _, stderr := run(t, "cut", in, "-o", out)
	if code == 0 || !strings.Contains(stderr, `text title is not converted`) {
		t.Errorf("exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("refused cut wrote a file")
	}
	code, _, stderr = run(t, "cut", in, "-o", out, "--skip-text")
	if code != 0 || !strings.Contains(stderr, `text "title" is not converted`) {
		t.Errorf("--skip-text: exit %d, %q", code, stderr)
	}
}

// TestCutWeldContourFit: the CLI options reach the plan (their geometry is
// checked against Inkscape and the offset's definition in package cut).
func TestCutWeldContourFit(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "two.svg")
	if err := os.WriteFile(in, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="50mm" height="50mm" viewBox="0 0 50 50"><rect x="10" y="10" width="20" height="10"/><rect x="20" y="15" width="20" height="10"/></svg>`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		// both black: Inkscape shows one shape, its 90 mm outline (the
		// second hides 15 mm of the first's edges, the first 15 mm of the
		// second's lie on black), in two cuts; --layered cuts both whole
		{nil, "2 paths, 90 mm cut, 30.0 × 15.0 mm at x 10.0 y 10.0"},
		{[]string{"--layered"}, "2 paths, 120 mm cut, 30.0 × 15.0 mm at x 10.0 y 10.0"},
		{[]string{"--weld"}, "1 path, 90 mm cut, 30.0 × 15.0 mm at x 10.0 y 10.0"},
		{[]string{"--fit", "60x60"}, "2 paths, 180 mm cut, 60.0 × 30.0 mm at x 10.0 y 10.0"},
		{[]string{"--scale", "0.5", "--layered"}, "2 paths, 60 mm cut, 15.0 × 7.5 mm at x 10.0 y 10.0"},
		// 90 mm outline + 2 mm × 3π on six convex corners − 2 × 2 mm × 2 on two reflex ones
		{[]string{"--contour", "2"}, "1 path, 101 mm cut, 34.0 × 19.0 mm at x 8.0 y 8.0"},
	} {
		args := append([]string{"cut", in, "-o", filepath.Join(dir, "o.gpgl"), "--overcut", "0"}, tc.args...)
		code, _, stderr := run(t, args...)
		if code != 0 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q, want %q", tc.args, code, stderr, tc.want)
		}
	}
}
