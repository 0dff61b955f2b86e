package preview

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"image/png"
	"io"
	"strings"
	"testing"

	"github.com/usinette/usinette/stitch"
)

func previewPattern(threads ...color.RGBA) *stitch.Pattern {
	if threads == nil {
		threads = []color.RGBA{{255, 0, 0, 255}, {0, 0, 255, 255}}
	}
	p := &stitch.Pattern{}
	for _, c := range threads {
		p.Threads = append(p.Threads, stitch.Thread{Color: c})
	}
	for _, r := range []stitch.Record{
		{X: 0, Y: 0, Cmd: stitch.Stitch}, {X: 20, Y: 0, Cmd: stitch.Stitch}, {X: 20, Y: 0, Cmd: stitch.Trim},
		{X: 20, Y: 10, Cmd: stitch.Jump}, {X: 20, Y: 10, Cmd: stitch.Stitch}, {X: 20, Y: 10, Cmd: stitch.ColorChange},
		{X: 0, Y: 10, Cmd: stitch.Stitch}, {X: 0, Y: 10, Cmd: stitch.End},
	} {
		p.Records = append(p.Records, r)
	}
	return p
}

func stitchPNG(t *testing.T, p *stitch.Pattern, opts StitchOptions) func(xmm, ymm float64) color.RGBA {
	t.Helper()
	var b bytes.Buffer
	if err := Stitch(context.Background(), &b, p, opts); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	// 20 x 10 mm design, 3 mm margins, 10 px/mm.
	if r := img.Bounds(); r.Dx() != 260 || r.Dy() != 160 {
		t.Fatalf("size %v", r)
	}
	return func(xmm, ymm float64) color.RGBA {
		return color.RGBAModel.Convert(img.At(int((xmm+3)*10), int((ymm+3)*10))).(color.RGBA)
	}
}

func TestStitchPNG(t *testing.T) {
	at := stitchPNG(t, previewPattern(), StitchOptions{DPMM: 10})
	if c := at(10, 0); c.R < 200 || c.G > 60 || c.B > 60 {
		t.Errorf("red thread at (10, 0) mm: %v", c)
	}
	if c := at(10, 10); c.B < 200 || c.R > 60 {
		t.Errorf("blue thread at (10, 10) mm: %v", c)
	}
	if c := at(10, 5); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("background at (10, 5) mm: %v", c)
	}
	// 0.4 mm thread: 4 px wide; 1 mm off the line is background.
	if c := at(10, 1); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("1 mm off the thread: %v", c)
	}
}

// TestStitchWhiteOnWhite: a white thread on the default white fabric is
// drawn with a grey edge, so the picture shows it; a red one has none.
func TestStitchWhiteOnWhite(t *testing.T) {
	white := color.RGBA{255, 255, 255, 255}
	at := stitchPNG(t, previewPattern(white, color.RGBA{255, 0, 0, 255}), StitchOptions{DPMM: 10})
	dark := 0
	for dy := -0.4; dy <= 0.4; dy += 0.1 {
		if c := at(10, dy); c.R < 200 {
			dark++
		}
	}
	if dark == 0 {
		t.Error("a white thread on white leaves no mark")
	}
	if edgeFor(color.RGBA{255, 0, 0, 255}, white).A != 0 {
		t.Error("a red thread on white gets an edge")
	}
	if edgeFor(color.RGBA{0, 0, 0, 255}, color.RGBA{10, 10, 10, 255}).A == 0 {
		t.Error("a black thread on black fabric gets no edge")
	}
}

func TestStitchSVG(t *testing.T) {
	var b bytes.Buffer
	if err := Stitch(context.Background(), &b, previewPattern(), StitchOptions{Format: SVG}); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{"<svg", `stroke="#ff0000"`, `stroke="#0000ff"`, "stroke-dasharray", `width="26mm"`} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q:\n%s", want, s)
		}
	}
}

func TestStitchEmptyAndCancelled(t *testing.T) {
	var b bytes.Buffer
	if err := Stitch(context.Background(), &b, &stitch.Pattern{}, StitchOptions{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Stitch(ctx, &b, previewPattern(), StitchOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// BenchmarkStitch100k renders a 100,000-stitch fill-like pattern
// (100 x 100 mm) at 10 px/mm.
func BenchmarkStitch100k(b *testing.B) {
	p := &stitch.Pattern{Threads: []stitch.Thread{{Color: color.RGBA{200, 0, 0, 255}}}}
	for i := range 100_000 {
		row := i / 33
		x := float64(i%33) * 3
		if row%2 == 1 {
			x = 99 - x
		}
		p.Records = append(p.Records, stitch.Record{X: x, Y: float64(row%250) * 0.4})
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Stitch(context.Background(), io.Discard, p, StitchOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
