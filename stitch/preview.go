package stitch

import (
	"context"
	"errors"
	"image/color"
	"image/png"
	"io"
	"math"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
	"github.com/tdewolff/canvas/renderers/svg"
	"github.com/usinette/usinette/internal/outline"
)

// PreviewOptions say how a pattern is drawn. The zero value draws 0.4 mm
// threads on white at 10 pixels per millimetre with a 3 mm margin, jumps as
// thin dashed grey lines.
type PreviewOptions struct {
	ThreadWidth float64     // mm; 0 means 0.4
	Margin      float64     // mm around the design; 0 means 3
	DPMM        float64     // PNG pixels per millimetre; 0 means 10
	Background  color.Color // nil means white; use color.Transparent for none
	HideJumps   bool        // do not draw jumps
	// MaxPixels bounds the PNG size (width × height); the resolution is
	// lowered to fit. 0 means 25 megapixels.
	MaxPixels int
}

// ErrEmptyPreview is returned when a pattern has nothing to draw.
var ErrEmptyPreview = errors.New("stitch: pattern has no stitches to draw")

func (o PreviewOptions) withDefaults() PreviewOptions {
	if o.ThreadWidth <= 0 {
		o.ThreadWidth = 0.4
	}
	if o.Margin <= 0 {
		o.Margin = 3
	}
	if o.DPMM <= 0 {
		o.DPMM = 10
	}
	if o.Background == nil {
		o.Background = color.White
	}
	if o.MaxPixels <= 0 {
		o.MaxPixels = 25_000_000
	}
	return o
}

// Canvas draws p on a tdewolff/canvas in millimetres (y down): each stitch
// as a ThreadWidth-wide capsule (a round-capped line) in its thread's
// colour, jumps as dashed grey lines. Colour blocks without a thread are
// black.
//
// The threads are drawn as filled outlines, not stroked paths: canvas
// settles the self-overlaps of a stroked path, which is slow on dense
// embroidery and crashed on a 100,000-stitch fill.
func (p *Pattern) Canvas(ctx context.Context, opts PreviewOptions) (*canvas.Canvas, error) {
	return p.draw(ctx, opts, true)
}

func (p *Pattern) draw(ctx context.Context, opts PreviewOptions, outlines bool) (*canvas.Canvas, error) {
	opts = opts.withDefaults()
	minX, minY, maxX, maxY := p.Bounds()
	if len(p.Records) == 0 {
		return nil, ErrEmptyPreview
	}
	m := opts.Margin
	w, h := maxX-minX+2*m, maxY-minY+2*m
	c := canvas.New(w, h)
	cx := canvas.NewContext(c)
	cx.SetCoordSystem(canvas.CartesianIV)
	if _, _, _, a := opts.Background.RGBA(); a != 0 {
		cx.SetFillColor(opts.Background)
		cx.DrawPath(0, 0, canvas.Rectangle(w, h))
	}
	X := func(x float64) float64 { return x - minX + m }
	Y := func(y float64) float64 { return y - minY + m }

	block := 0
	threadColor := func() color.Color {
		if block < len(p.Threads) {
			t := p.Threads[block].Color
			t.A = 0xff
			return t
		}
		return color.Black
	}
	half := opts.ThreadWidth / 2
	// Vertices of the round ends: enough for a smooth edge at the PNG's
	// resolution.
	nCircle := outline.Sides(half, 1/opts.DPMM)
	var path *canvas.Path
	inPath := 0 // stitches in path
	flush := func() {
		inPath = 0
		if path != nil && !path.Empty() {
			if outlines {
				cx.SetStroke(canvas.Paint{})
				cx.SetFillColor(threadColor())
				cx.SetFillRule(canvas.NonZero)
			} else {
				cx.SetFill(canvas.Paint{})
				cx.SetStrokeColor(threadColor())
				cx.SetStrokeWidth(opts.ThreadWidth)
				cx.SetStrokeCapper(canvas.RoundCap)
				cx.SetStrokeJoiner(canvas.RoundJoin)
				cx.SetDashes(0)
			}
			cx.DrawPath(0, 0, path)
		}
		path = nil
	}
	jumps := &canvas.Path{}
	var px, py float64
	have := false
	for i, r := range p.Records {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		switch r.Cmd {
		case Stitch:
			x0, y0 := r.X, r.Y
			if have {
				x0, y0 = px, py
			}
			if path == nil {
				path = &canvas.Path{}
				if outlines {
					outline.Disc(path, X(x0), Y(y0), half, nCircle)
				} else {
					path.MoveTo(X(x0), Y(y0))
				}
			}
			if outlines {
				if x0 != r.X || y0 != r.Y {
					outline.Bar(path, X(x0), Y(y0), X(r.X), Y(r.Y), half)
					outline.Disc(path, X(r.X), Y(r.Y), half, nCircle)
				}
				// Opaque outlines can be drawn in pieces: keeps the
				// rasterizer's memory bounded on big designs.
				if inPath++; inPath == 64 {
					flush()
				}
			} else {
				path.LineTo(X(r.X), Y(r.Y))
			}
			px, py, have = r.X, r.Y, true
		case Jump:
			flush()
			if have {
				if outlines {
					outline.Dashes(jumps, X(px), Y(py), X(r.X), Y(r.Y), half/2, 1.5, 1)
				} else {
					jumps.MoveTo(X(px), Y(py))
					jumps.LineTo(X(r.X), Y(r.Y))
				}
			}
			px, py, have = r.X, r.Y, true
		case Trim:
			flush()
		case ColorChange:
			flush()
			block++
		case End:
			flush()
		}
	}
	flush()
	if !opts.HideJumps && !jumps.Empty() {
		grey := color.RGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xc0}
		if outlines {
			cx.SetStroke(canvas.Paint{})
			cx.SetFillColor(grey)
			cx.SetFillRule(canvas.NonZero)
		} else {
			cx.SetFill(canvas.Paint{})
			cx.SetStrokeColor(grey)
			cx.SetStrokeWidth(opts.ThreadWidth / 2)
			cx.SetStrokeCapper(canvas.ButtCap)
			cx.SetDashes(0, 1.5, 1)
		}
		cx.DrawPath(0, 0, jumps)
	}
	return c, nil
}

// WritePNG renders p as a PNG picture.
func (p *Pattern) WritePNG(ctx context.Context, w io.Writer, opts PreviewOptions) error {
	opts = opts.withDefaults()
	c, err := p.Canvas(ctx, opts)
	if err != nil {
		return err
	}
	cw, ch := c.Size()
	dpmm := opts.DPMM
	if px := cw * ch * dpmm * dpmm; px > float64(opts.MaxPixels) {
		dpmm *= math.Sqrt(float64(opts.MaxPixels) / px)
	}
	img := rasterizer.Draw(c, canvas.DPMM(dpmm), canvas.DefaultColorSpace)
	return png.Encode(w, img)
}

// WriteSVG renders p as an SVG picture in millimetres.
func (p *Pattern) WriteSVG(ctx context.Context, w io.Writer, opts PreviewOptions) error {
	c, err := p.draw(ctx, opts, false) // SVG viewers stroke the polylines themselves
	if err != nil {
		return err
	}
	cw, ch := c.Size()
	r := svg.New(w, cw, ch, nil)
	c.RenderTo(r)
	return r.Close()
}
