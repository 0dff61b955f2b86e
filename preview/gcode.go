package preview

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"math"

	"github.com/usinette/usinette/gcode"
)

// GCodeOptions choose what GCode draws. The zero value draws every layer as
// a PNG 1000 pixels wide without travels.
type GCodeOptions struct {
	Format Format
	// Layer is the 1-based layer to draw alone (numbered as in
	// gcode.Stats.PerLayer); 0 draws all layers, lower ones darker.
	Layer int
	// Travel also draws travel moves, thin and grey.
	Travel bool
	// Width of the picture in pixels; 0 means 1000. The height follows the
	// aspect of the drawn area. (An SVG has the same proportions.)
	Width int
	// LineWidth of extrusions in mm; 0 means 0.45 (the MK3S perimeter).
	LineWidth float64
	// Read are the options for reading the file (limits do not matter
	// here; filament diameter and arcs do).
	Read gcode.Options
}

// GCode draws the toolpaths of the G-code in r seen from above and writes
// the picture to w: extrusions in the colour of their feature type
// (gcode.FeatureColor), optionally travels, framed on the print (the
// extrusions' box, gcode.Stats.Bounds). It reads r twice, first for the
// extent and the layers, then to draw, so memory stays bounded whatever
// the file's size.
func GCode(ctx context.Context, w io.Writer, r io.ReadSeeker, opts GCodeOptions) error {
	if opts.Width <= 0 {
		opts.Width = 1000
	}
	if opts.Width > 20000 {
		return fmt.Errorf("%w: width %d pixels", ErrTooLarge, opts.Width)
	}
	if !(opts.LineWidth > 0) {
		opts.LineWidth = 0.45
	}
	read := opts.Read
	read.Progress = nil
	st, err := gcode.Analyze(ctx, r, read)
	if err != nil {
		return err
	}
	if err := gcode.NotGcode(st); err != nil {
		return err
	}
	if opts.Layer < 0 || opts.Layer > st.Layers || st.Layers == 0 && opts.Layer != 0 {
		return fmt.Errorf("%w: layer %d of %d", gcode.ErrNoLayer, opts.Layer, st.Layers)
	}
	// Frame the print itself: travels to the park position or the purge
	// line would shrink it to a speck.
	view := st.Bounds
	if view == (gcode.Box{}) {
		view = st.MoveBounds
	}
	if view == (gcode.Box{}) {
		return fmt.Errorf("%w: nothing moves", gcode.ErrNoLayer)
	}
	for _, v := range []float64{view.MinX, view.MinY, view.MaxX, view.MaxY} {
		if math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) > 1e6 {
			return fmt.Errorf("%w: the moves span beyond ±1 km", ErrTooLarge)
		}
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("preview: %w", err)
	}

	wmm := max(view.MaxX-view.MinX, 1)
	hmm := max(view.MaxY-view.MinY, 1)
	margin := 0.04*max(wmm, hmm) + opts.LineWidth
	wmm += 2 * margin
	hmm += 2 * margin
	dpmm := float64(opts.Width) / wmm
	if hmm*dpmm > 20000 {
		dpmm = 20000 / hmm
	}
	// G-code's y goes up, the picture's down: draw at −y.
	fr := frame{minX: view.MinX - margin, minY: -view.MaxY - margin, w: wmm, h: hmm, dpmm: dpmm,
		background: color.RGBA{0x26, 0x2a, 0x30, 0xff}}
	surf, err := newSurface(w, opts.Format, fr)
	if err != nil {
		return err
	}
	px := 1 / dpmm
	maxZ := max(st.Bounds.MaxZ, 1e-3)
	travel := style{color: color.RGBA{0x60, 0x60, 0x60, 0x90}, width: max(0.08, px)}
	err = gcode.Walk(ctx, r, read, st, func(m gcode.Move) {
		if opts.Layer != 0 && m.Layer != opts.Layer {
			return
		}
		st := travel
		if m.Extrude {
			c := gcode.FeatureColor(m.Feature)
			if opts.Layer == 0 {
				// shade by height: the bottom at 35 % brightness, the top at 100 %
				f := 0.35 + 0.65*min(max(m.To[2]/maxZ, 0), 1)
				c.R = uint8(math.Round(float64(c.R) * f))
				c.G = uint8(math.Round(float64(c.G) * f))
				c.B = uint8(math.Round(float64(c.B) * f))
			}
			st = style{color: c, width: max(opts.LineWidth, px), round: true}
		} else if !opts.Travel {
			return
		}
		surf.line(st, m.From[0], -m.From[1], m.To[0], -m.To[1])
	})
	if err != nil {
		return err
	}
	return surf.finish()
}
