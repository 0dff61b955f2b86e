package preview

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"

	"github.com/usinette/usinette/stitch"
)

// ErrEmpty: a pattern without stitches.
var ErrEmpty = errors.New("pattern has no stitches to draw")

// StitchOptions say how Stitch draws a pattern. The zero value draws a PNG
// of 0.4 mm threads on white at 10 pixels per millimetre with a 3 mm
// margin, jumps as thin dashed grey lines.
type StitchOptions struct {
	Format      Format
	ThreadWidth float64 // mm; 0 means 0.4
	Margin      float64 // mm around the design; 0 means 3
	DPMM        float64 // PNG pixels per millimetre; 0 means 10
	// Background is the fabric; the zero value means white. Threads too
	// close to it in lightness get a grey edge, so a white thread on white
	// stays visible.
	Background color.RGBA
	HideJumps  bool // do not draw jumps
	// MaxPixels bounds the PNG size (width × height); the resolution is
	// lowered to fit. 0 means 25 megapixels.
	MaxPixels int
}

// Stitch draws the pattern p and writes the picture to w: each stitch as a
// ThreadWidth-wide line with round ends in its thread's colour (black for
// a colour block without a thread), jumps dashed grey on top.
func Stitch(ctx context.Context, w io.Writer, p *stitch.Pattern, opts StitchOptions) error {
	if opts.ThreadWidth <= 0 {
		opts.ThreadWidth = 0.4
	}
	if opts.Margin <= 0 {
		opts.Margin = 3
	}
	if opts.DPMM <= 0 {
		opts.DPMM = 10
	}
	if opts.Background == (color.RGBA{}) {
		opts.Background = color.RGBA{0xff, 0xff, 0xff, 0xff}
	}
	if opts.MaxPixels <= 0 {
		opts.MaxPixels = 25_000_000
	}
	if len(p.Records) == 0 {
		return ErrEmpty
	}
	minX, minY, maxX, maxY := p.Bounds()
	for _, v := range []float64{minX, minY, maxX, maxY} {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e5 {
			return fmt.Errorf("%w: the stitches span beyond ±100 m", ErrTooLarge)
		}
	}
	m := opts.Margin
	fr := frame{minX: minX - m, minY: minY - m, w: maxX - minX + 2*m, h: maxY - minY + 2*m,
		dpmm: opts.DPMM, background: opts.Background}
	if px := fr.w * fr.h * fr.dpmm * fr.dpmm; px > float64(opts.MaxPixels) {
		fr.dpmm *= math.Sqrt(float64(opts.MaxPixels) / px)
	}
	surf, err := newSurface(w, opts.Format, fr)
	if err != nil {
		return err
	}

	threadStyle := func(block int) style {
		c := color.RGBA{0, 0, 0, 0xff}
		if block < len(p.Threads) {
			c = p.Threads[block].Color
			c.A = 0xff
		}
		return style{color: c, width: opts.ThreadWidth, round: true, edge: edgeFor(c, opts.Background)}
	}
	block := 0
	cur := threadStyle(0)
	var px, py float64
	have := false
	for i, r := range p.Records {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		switch r.Cmd {
		case stitch.Stitch:
			x0, y0 := r.X, r.Y
			if have {
				x0, y0 = px, py
			}
			surf.line(cur, x0, y0, r.X, r.Y)
			px, py, have = r.X, r.Y, true
		case stitch.Jump:
			px, py, have = r.X, r.Y, true
		case stitch.ColorChange:
			block++
			cur = threadStyle(block)
		}
	}
	if !opts.HideJumps {
		// jumps on top of the threads, as a second pass over the records
		jump := style{color: color.RGBA{0x80, 0x80, 0x80, 0xc0}, width: opts.ThreadWidth / 2, dashOn: 1.5, dashOff: 1}
		have = false
		for _, r := range p.Records {
			switch r.Cmd {
			case stitch.Stitch:
				px, py, have = r.X, r.Y, true
			case stitch.Jump:
				if have && (px != r.X || py != r.Y) {
					surf.line(jump, px, py, r.X, r.Y)
				}
				px, py, have = r.X, r.Y, true
			}
		}
	}
	return surf.finish()
}
