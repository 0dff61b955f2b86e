package stitch

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"image/png"
	"io"
	"strings"
	"testing"
)

func previewPattern() *Pattern {
	return &Pattern{
		Threads: []Thread{{Color: color.RGBA{255, 0, 0, 255}}, {Color: color.RGBA{0, 0, 255, 255}}},
		Records: recs(
			0.0, 0.0, Stitch, 20.0, 0.0, Stitch, 20.0, 0.0, Trim, 20.0, 10.0, Jump, 20.0, 10.0, Stitch,
			20.0, 10.0, ColorChange, 0.0, 10.0, Stitch, 0.0, 10.0, End,
		),
	}
}

func TestWritePNG(t *testing.T) {
	var b bytes.Buffer
	if err := previewPattern().WritePNG(context.Background(), &b, PreviewOptions{DPMM: 10}); err != nil {
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
	at := func(xmm, ymm float64) color.RGBA {
		c := color.RGBAModel.Convert(img.At(int((xmm+3)*10), int((ymm+3)*10))).(color.RGBA)
		return c
	}
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

func TestWriteSVG(t *testing.T) {
	var b bytes.Buffer
	if err := previewPattern().WriteSVG(context.Background(), &b, PreviewOptions{}); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{"<svg", "#f00", "#00f", "stroke-dasharray"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q:\n%s", want, s)
		}
	}
}

func TestPreviewEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := (&Pattern{}).WritePNG(context.Background(), &b, PreviewOptions{}); !errors.Is(err, ErrEmptyPreview) {
		t.Errorf("got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := previewPattern().WritePNG(ctx, &b, PreviewOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// BenchmarkWritePNG100k renders a 100,000-stitch fill-like pattern
// (100 x 100 mm) at 10 px/mm.
func BenchmarkWritePNG100k(b *testing.B) {
	p := &Pattern{Threads: []Thread{{Color: color.RGBA{200, 0, 0, 255}}}}
	for i := range 100_000 {
		row := i / 33
		x := float64(i%33) * 3
		if row%2 == 1 {
			x = 99 - x
		}
		p.Records = append(p.Records, Record{X: x, Y: float64(row%250) * 0.4})
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := p.WritePNG(context.Background(), io.Discard, PreviewOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
