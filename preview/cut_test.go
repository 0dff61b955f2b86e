package preview

import (
	"bytes"
	"context"
	"github.com/usinette/usinette/cut"
	"github.com/usinette/usinette/vector"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"testing"
	"time"
)

// TestCutScribble draws one long self-crossing cut. canvas's stroker
// settles such outlines with a sweep that is slow, writes
// canvas-testcase-*.gob files to the temp dir and can panic; Cut
// fills outlines itself and must be quick and leave the temp dir alone.
func TestCutScribble(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	rng := rand.New(rand.NewPCG(3, 4))
	c := cut.Cut{}
	x, y := 50.0, 50.0
	for range 40000 {
		x = min(max(x+rng.Float64()*6-3, 10), 90)
		y = min(max(y+rng.Float64()*6-3, 10), 90)
		c.Points = append(c.Points, vector.Point{X: x, Y: y})
	}
	plan := &cut.Plan{Cuts: []cut.Cut{c}, Min: vector.Point{X: 10, Y: 10}, Max: vector.Point{X: 90, Y: 90}}
	start := time.Now()
	var buf bytes.Buffer
	if err := Cut(context.Background(), &buf, plan, CutOptions{Width: 100, Height: 100, DPMM: 8}); err != nil {
		t.Fatal(err)
	}
	// The stroked version took 19 s here; the filled one 0.45 s.
	if d := time.Since(start); d > 5*time.Second && !raceEnabled {
		t.Errorf("Cut took %v", d)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 800 {
		t.Errorf("picture %v, want 800x800", b)
	}
	// Outside the scribble the page stays white; inside, most pixels are cut red.
	if c := color.RGBAModel.Convert(img.At(20, 20)).(color.RGBA); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("corner %v, want white", c)
	}
	red := 0
	for py := 100; py < 700; py += 10 {
		for px := 100; px < 700; px += 10 {
			if c := color.RGBAModel.Convert(img.At(px, py)).(color.RGBA); c.R > 200 && c.G < 60 {
				red++
			}
		}
	}
	if red < 3600/2 {
		t.Errorf("%d of 3600 samples inside the scribble are red", red)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("Cut left %d files in the temp dir, first %s", len(left), left[0].Name())
	}
}
