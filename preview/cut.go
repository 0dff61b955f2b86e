package preview

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	"github.com/usinette/usinette/cut"
	"github.com/usinette/usinette/vector"
)

// CutOptions say how Cut draws a plan. The zero value draws a PNG at 4
// pixels per millimetre of the plan's own extent from the page origin.
type CutOptions struct {
	Format Format
	// Width and Height of the page in mm; 0 means the plan's extent plus
	// 1 mm (the page starts at 0, 0 either way).
	Width, Height float64
	DPMM          float64 // PNG pixels per millimetre; 0 means 4
}

// Cut draws the planned cut seen from above the media and writes the
// picture to w: cuts in red, travel between them dashed grey, and each
// cut's number, in cut order, at its start.
func Cut(ctx context.Context, w io.Writer, plan *cut.Plan, opts CutOptions) error {
	if opts.DPMM <= 0 {
		opts.DPMM = 4
	}
	if opts.Width <= 0 || opts.Width < plan.Max.X {
		opts.Width = plan.Max.X + 1
	}
	if opts.Height <= 0 || opts.Height < plan.Max.Y {
		opts.Height = plan.Max.Y + 1
	}
	if math.IsNaN(opts.Width+opts.Height) || opts.Width > 1e6 || opts.Height > 1e6 {
		return fmt.Errorf("%w: page %g × %g mm", ErrTooLarge, opts.Width, opts.Height)
	}
	surf, err := newSurface(w, opts.Format, frame{w: opts.Width, h: opts.Height, dpmm: opts.DPMM,
		background: color.RGBA{0xff, 0xff, 0xff, 0xff}})
	if err != nil {
		return err
	}
	px := 1 / opts.DPMM
	line := func(s style, a, b vector.Point) { surf.line(s, a.X, a.Y, b.X, b.Y) }

	travel := style{color: color.RGBA{160, 160, 160, 255}, width: max(0.2, px), dashOn: 1, dashOff: 1}
	pos := vector.Point{}
	for _, c := range plan.Cuts {
		if len(c.Points) == 0 {
			continue
		}
		line(travel, pos, c.Points[0])
		pos = c.Points[len(c.Points)-1]
	}
	knife := style{color: color.RGBA{220, 0, 0, 255}, width: max(0.3, px), round: true}
	for i, c := range plan.Cuts {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		for k := 1; k < len(c.Points); k++ {
			line(knife, c.Points[k-1], c.Points[k])
		}
	}
	nums := style{color: color.RGBA{0, 0, 160, 255}, width: max(0.25, px)}
	size := math.Max(1.5, math.Min(opts.Width, opts.Height)/60)
	for i, c := range plan.Cuts {
		if len(c.Points) > 0 {
			digits(func(a, b vector.Point) { line(nums, a, b) }, strconv.Itoa(i+1), c.Points[0], size)
		}
	}
	return surf.finish()
}

// segment masks of the seven-segment digits 0–9 (a b c d e f g).
var sevenSeg = [10]uint8{0x3f, 0x06, 0x5b, 0x4f, 0x66, 0x6d, 0x7d, 0x07, 0x7f, 0x6f}

// digits draws a number as seven-segment strokes of height size mm, its
// bottom-left corner at p.
func digits(line func(a, b vector.Point), s string, p vector.Point, size float64) {
	w := size / 2
	seg := [7][4]float64{
		{0, 0, 1, 0}, {1, 0, 1, 0.5}, {1, 0.5, 1, 1}, {0, 1, 1, 1}, {0, 0.5, 0, 1}, {0, 0, 0, 0.5}, {0, 0.5, 1, 0.5},
	}
	for k, ch := range s {
		x0 := p.X + float64(k)*(w+size/4)
		y0 := p.Y - size
		m := sevenSeg[ch-'0']
		for i, sg := range seg {
			if m&(1<<i) != 0 {
				line(vector.Point{X: x0 + sg[0]*w, Y: y0 + sg[1]*size}, vector.Point{X: x0 + sg[2]*w, Y: y0 + sg[3]*size})
			}
		}
	}
}
