package gcode

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"image/color"
	"image/png"
	"io"
	"math"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
	"github.com/usinette/usinette/internal/outline"
)

// ErrNoLayer is returned by Preview when the layer asked for does not exist
// or the file extrudes nothing.
var ErrNoLayer = errors.New("gcode: no such layer")

// ErrNotGcode is returned by Preview, and may be returned by callers of
// Analyze that check Stats.Commands, when the input holds no G-code command
// at all: an empty file, an STL, a picture.
var ErrNotGcode = errors.New("gcode: not a G-code file")

// NotGcode returns an error wrapping ErrNotGcode when st, from Analyze,
// shows no G-code command at all, else nil. Analyze itself accepts any
// text: a stream of comments is valid G-code that does nothing.
func NotGcode(st *Stats) error {
	switch {
	case st.Commands > 0:
		return nil
	case st.Lines == 0:
		return fmt.Errorf("%w: empty", ErrNotGcode)
	}
	return fmt.Errorf("%w: no G or M command in %d lines", ErrNotGcode, st.Lines)
}

// PreviewOptions choose what Preview draws. The zero value draws every layer
// 1000 pixels wide without travels.
type PreviewOptions struct {
	// Layer is the 1-based layer to draw alone (numbered as in
	// Stats.PerLayer); 0 draws all layers, lower ones darker.
	Layer int
	// Travel also draws travel moves, thin and grey.
	Travel bool
	// Width of the picture in pixels; 0 means 1000. The height follows the
	// aspect of the drawn area.
	Width int
	// LineWidth of extrusions in mm; 0 means 0.45 (the MK3S perimeter).
	LineWidth float64
	// Options for reading the file (limits do not matter here; filament
	// diameter, arcs do).
	Options Options
}

// FeatureColor returns the colour Preview draws a feature type with:
// PrusaSlicer's and Cura's names get fixed colours close to PrusaSlicer's
// viewer, other names a stable colour derived from the name.
func FeatureColor(name string) color.RGBA {
	switch name {
	case "Perimeter", "WALL-INNER":
		return color.RGBA{0xff, 0xe6, 0x4d, 0xff}
	case "External perimeter", "WALL-OUTER":
		return color.RGBA{0xff, 0x7d, 0x38, 0xff}
	case "Overhang perimeter":
		return color.RGBA{0x1f, 0x1f, 0xff, 0xff}
	case "Internal infill", "FILL":
		return color.RGBA{0xb0, 0x30, 0x29, 0xff}
	case "Solid infill", "SKIN":
		return color.RGBA{0x96, 0x54, 0xcc, 0xff}
	case "Top solid infill":
		return color.RGBA{0xf0, 0x40, 0x40, 0xff}
	case "Ironing":
		return color.RGBA{0xff, 0x8c, 0x69, 0xff}
	case "Bridge infill":
		return color.RGBA{0x4d, 0x80, 0xba, 0xff}
	case "Gap fill":
		return color.RGBA{0xff, 0xff, 0xff, 0xff}
	case "Skirt", "Skirt/Brim", "SKIRT":
		return color.RGBA{0x00, 0x87, 0x87, 0xff}
	case "Support material", "SUPPORT", "SUPPORT-INTERFACE", "Support material interface":
		return color.RGBA{0x00, 0xff, 0x00, 0xff}
	case "Wipe tower", "PRIME-TOWER":
		return color.RGBA{0xb3, 0xe3, 0xab, 0xff}
	case OtherFeature, customName:
		return color.RGBA{0x5e, 0xd1, 0x94, 0xff}
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	v := h.Sum32()
	return color.RGBA{uint8(64 + v%160), uint8(64 + (v>>8)%160), uint8(64 + (v>>16)%160), 0xff}
}

// Preview draws the toolpaths of the G-code in r as a top view and writes a
// PNG to w: extrusions in the colour of their feature type (FeatureColor),
// optionally travels, framed on the print (Stats.Bounds). It reads r twice (first for the extent, then to draw),
// so memory stays bounded whatever the file's size.
func Preview(ctx context.Context, r io.ReadSeeker, w io.Writer, opts PreviewOptions) error {
	if opts.Width <= 0 {
		opts.Width = 1000
	}
	if opts.Width > 20000 {
		return fmt.Errorf("gcode: preview width %d too large", opts.Width)
	}
	if opts.LineWidth <= 0 {
		opts.LineWidth = 0.45
	}
	readOpts := opts.Options
	readOpts.Progress = nil
	st, err := Analyze(ctx, r, readOpts)
	if err != nil {
		return err
	}
	if err := NotGcode(st); err != nil {
		return err
	}
	if opts.Layer < 0 || opts.Layer > st.Layers || st.Layers == 0 && opts.Layer != 0 {
		return fmt.Errorf("%w: layer %d of %d", ErrNoLayer, opts.Layer, st.Layers)
	}
	// Frame the print itself: travels to the park position or the purge
	// line would shrink it to a speck.
	view := st.Bounds
	if view == (Box{}) {
		view = st.MoveBounds
	}
	if view == (Box{}) {
		return fmt.Errorf("%w: nothing moves", ErrNoLayer)
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("gcode: preview: %w", err)
	}

	wmm := max(view.MaxX-view.MinX, 1)
	hmm := max(view.MaxY-view.MinY, 1)
	margin := 0.04*max(wmm, hmm) + opts.LineWidth
	wmm += 2 * margin
	hmm += 2 * margin
	res := canvas.Resolution(float64(opts.Width) / wmm)
	if hmm*res.DPMM() > 20000 {
		res = canvas.Resolution(20000 / hmm)
	}
	ras := rasterizer.New(wmm, hmm, res, canvas.DefaultColorSpace)
	bg := canvas.Rectangle(wmm, hmm)
	ras.RenderPath(bg, canvas.Style{Fill: canvas.Paint{Color: color.RGBA{0x26, 0x2a, 0x30, 0xff}}}, canvas.Identity)
	m := canvas.Identity.Translate(margin-view.MinX, margin-view.MinY)

	d := &previewDrawer{ras: ras, m: m, opts: opts, maxZ: max(st.Bounds.MaxZ, 1e-3), pxMM: 1 / res.DPMM()}
	e := NewEstimator(readOpts)
	e.onMove = d.move
	e.previewFirst = st.firstLayer
	s := NewScanner(r)
	for n := 0; s.Scan(); n++ {
		e.Exec(s.Command())
		if n&0xffff == 0xffff {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("gcode: preview: %w", err)
			}
		}
	}
	if err := s.Err(); err != nil {
		return err
	}
	d.flush()
	ras.Close()
	return png.Encode(w, ras.RGBA)
}

type previewDrawer struct {
	ras  *rasterizer.Rasterizer
	m    canvas.Matrix
	opts PreviewOptions
	maxZ float64
	pxMM float64

	path    *canvas.Path
	style   canvas.Style
	hw      float64 // half width of the drawn line, mm
	round   bool    // discs at the joints (extrusions) or none (travels)
	last    [2]float64
	key     [3]int32 // layer, feature, travel
	hasPath bool
	// segs counts the segments in path: Path.Len walks the whole path, and
	// scanx's cell search slows down on big paths, so paths are drawn in
	// pieces of at most maxPreviewSegs segments.
	segs int
}

const maxPreviewSegs = 64

// move receives every straight move (arcs already cut) with its final
// 1-based layer number.
//
// Lines are drawn as filled outlines (package outline), never with
// canvas's stroker, which hangs and panics on dense self-crossing
// polylines.
func (d *previewDrawer) move(from, to [numAxes]float64, layer int, feature int32, name string, extrude bool) {
	if d.opts.Layer != 0 && layer != d.opts.Layer {
		return
	}
	if !extrude && !d.opts.Travel {
		return
	}
	travel := int32(0)
	if !extrude {
		travel = 1
	}
	key := [3]int32{int32(layer), feature, travel}
	x0, y0, x1, y1 := from[axX], from[axY], to[axX], to[axY]
	if !d.hasPath || key != d.key || d.last != [2]float64{x0, y0} || d.segs >= maxPreviewSegs {
		d.flush()
		d.key = key
		d.path = &canvas.Path{}
		d.hasPath = true
		d.segs = 0
		d.style, d.hw = d.styleFor(to[axZ], name, extrude)
		d.round = extrude
		if d.round {
			d.disc(x0, y0)
		}
	}
	if x1 != x0 || y1 != y0 {
		outline.Bar(d.path, x0, y0, x1, y1, d.hw)
		d.segs++
		if d.round {
			d.disc(x1, y1)
		}
	}
	d.last = [2]float64{x1, y1}
}

// disc adds a round joint at (x, y).
func (d *previewDrawer) disc(x, y float64) {
	outline.Disc(d.path, x, y, d.hw, outline.Sides(d.hw, d.pxMM))
}

// styleFor returns the fill style and the half line width of a move.
func (d *previewDrawer) styleFor(z float64, name string, extrude bool) (canvas.Style, float64) {
	if !extrude {
		return canvas.Style{
			Fill:     canvas.Paint{Color: color.RGBA{0x60, 0x60, 0x60, 0x90}},
			FillRule: canvas.NonZero,
		}, max(0.08, d.pxMM) / 2
	}
	c := FeatureColor(name)
	if d.opts.Layer == 0 {
		// Shade by height: the bottom at 35 % brightness, the top at 100 %.
		f := 0.35 + 0.65*min(max(z/d.maxZ, 0), 1)
		c.R = uint8(math.Round(float64(c.R) * f))
		c.G = uint8(math.Round(float64(c.G) * f))
		c.B = uint8(math.Round(float64(c.B) * f))
	}
	return canvas.Style{Fill: canvas.Paint{Color: c}, FillRule: canvas.NonZero}, max(d.opts.LineWidth, d.pxMM) / 2
}

func (d *previewDrawer) flush() {
	if d.hasPath {
		d.ras.RenderPath(d.path, d.style, d.m)
		d.hasPath = false
	}
}
