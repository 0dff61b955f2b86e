package preview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/usinette/usinette/gcode"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

const squareGcode = `M83
;LAYER_CHANGE
;Z:0.2
G1 Z0.2 F720
;TYPE:External perimeter
G1 X0 Y0 F6000
G1 X40 Y0 E2 F1800
G1 X40 Y20 E1
G1 X0 Y20 E2
G1 X0 Y0 E1
;TYPE:Internal infill
G1 X40 Y20 E2
;LAYER_CHANGE
;Z:0.4
G1 Z0.4
;TYPE:Solid infill
G1 X0 Y20 E2
G1 X100 Y100 F9000
`

func renderPreview(t *testing.T, src string, opts GCodeOptions) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := GCode(context.Background(), &buf, strings.NewReader(src), opts); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func near(a, b color.Color, tol int) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) int { return max(int(x>>8)-int(y>>8), int(y>>8)-int(x>>8)) }
	return d(r1, r2) <= tol && d(g1, g2) <= tol && d(b1, b2) <= tol
}

func TestGCodeLayer(t *testing.T) {
	img := renderPreview(t, squareGcode, GCodeOptions{Layer: 1, Width: 440})
	b := img.Bounds()
	// The view frames the 40×20 mm print with a margin; map mm to pixels.
	scale := float64(b.Dx()) / (40 + 2*(0.04*40+0.45))
	px := func(x, y float64) (int, int) {
		m := 0.04*40 + 0.45
		return int((x + m) * scale), b.Dy() - 1 - int((y+m)*scale)
	}
	checks := []struct {
		x, y float64
		want color.Color
		what string
	}{
		{20, 0, gcode.FeatureColor("External perimeter"), "bottom edge"},
		{40, 10, gcode.FeatureColor("External perimeter"), "right edge"},
		{20, 10, gcode.FeatureColor("Internal infill"), "diagonal infill"},
		{10, 15, color.RGBA{0x26, 0x2a, 0x30, 0xff}, "empty inside"},
	}
	for _, c := range checks {
		x, y := px(c.x, c.y)
		if got := img.At(x, y); !near(got, c.want, 40) {
			t.Errorf("%s at (%d,%d): %v, want %v", c.what, x, y, got, c.want)
		}
	}
	// Layer 2's solid infill runs from (40,20) to (0,20): not drawn.
	x, y := px(20, 20)
	if near(img.At(x, y), gcode.FeatureColor("Solid infill"), 40) {
		t.Error("layer 2 drawn in a layer 1 preview")
	}
}

func TestGCodeAllLayersDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	for _, buf := range []*bytes.Buffer{&a, &b} {
		if err := GCode(context.Background(), buf, strings.NewReader(squareGcode), GCodeOptions{Travel: true, Width: 200}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) || a.Len() == 0 {
		t.Error("two previews of the same file differ")
	}
	err := GCode(context.Background(), &a, strings.NewReader(squareGcode), GCodeOptions{Layer: 3})
	if !errors.Is(err, gcode.ErrNoLayer) {
		t.Errorf("layer 3 of 2: %v", err)
	}
}

// TestPreviewDenseScribble draws a long self-crossing polyline. canvas's
// stroker settles such outlines with a sweep that took half a minute on
// this input, wrote canvas-testcase-*.gob files into the temp dir and then
// panicked; Preview must draw it quickly and leave the temp dir alone.
func TestGCodeDenseScribble(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var b strings.Builder
	b.WriteString("M83\n;LAYER_CHANGE\n;Z:0.2\nG1 Z0.2 F600\n;TYPE:Gap fill\nG1 X50 Y50 F1200\n")
	rng := rand.New(rand.NewPCG(1, 2))
	x, y := 50.0, 50.0
	for range 20000 {
		x = min(max(x+rng.Float64()*4-2, 40), 60)
		y = min(max(y+rng.Float64()*4-2, 40), 60)
		fmt.Fprintf(&b, "G1 X%.3f Y%.3f E0.01\n", x, y)
	}
	start := time.Now()
	img := renderPreview(t, b.String(), GCodeOptions{Width: 600})
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("preview took %v", d)
	}
	if got := img.Bounds().Dx(); got != 600 {
		t.Errorf("width %d, want 600", got)
	}
	// The middle of the scribble is covered in the gap-fill colour.
	c := img.At(300, 300)
	if !near(c, gcode.FeatureColor("Gap fill"), 8) {
		t.Errorf("centre pixel %v, want gap fill %v", c, gcode.FeatureColor("Gap fill"))
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("Preview left %d files in the temp dir, first %s", len(left), left[0].Name())
	}
}

func TestGCodeNotGcode(t *testing.T) {
	for _, src := range []string{"", "solid cube\n facet normal 0 0 1\n", "\x89PNG\r\n\x1a\n\x00\x00"} {
		err := GCode(context.Background(), &bytes.Buffer{}, strings.NewReader(src), GCodeOptions{})
		if !errors.Is(err, gcode.ErrNotGcode) {
			t.Errorf("%q: %v, want gcode.ErrNotGcode", src, err)
		}
	}
}
