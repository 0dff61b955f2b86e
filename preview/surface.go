package preview

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
)

// Format is the file format of a picture.
type Format uint8

const (
	PNG Format = iota // a raster picture (the default)
	SVG               // a vector picture in millimetres
)

func (f Format) String() string {
	if f == SVG {
		return "svg"
	}
	return "png"
}

// ErrFormat: a picture asked for in a format this package does not write.
var ErrFormat = errors.New("unknown picture format (want .png or .svg)")

// ErrTooLarge: the picture asked for would be too large to draw.
var ErrTooLarge = errors.New("picture too large")

// FormatOf returns the format a file name asks for by its extension: .png
// or .svg (any case); anything else is an error wrapping ErrFormat, so a
// command never writes PNG bytes into a file called x.svg.
func FormatOf(name string) (Format, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".png":
		return PNG, nil
	case ".svg":
		return SVG, nil
	}
	return 0, fmt.Errorf("%s: %w", name, ErrFormat)
}

// maxPixels bounds any PNG this package draws (width × height).
const maxPixels = 100_000_000

// style is how a run of lines is drawn.
type style struct {
	color color.RGBA
	width float64 // mm
	// round joins and ends (an extrusion, a thread) rather than butt ends
	// (a travel, a jump)
	round bool
	// dash on and off lengths in mm; zero: a solid line
	dashOn, dashOff float64
	// edge, when opaque, is drawn one pixel wider under the line so that
	// a thread as light as the background stays visible
	edge color.RGBA
}

// surface is the one renderer behind every picture of this package: thick
// lines in millimetres (y down), batched by style, drawn onto a PNG or
// written as SVG paths as they come, so that memory does not grow with the
// number of lines.
type surface interface {
	// line draws a segment in the current style; consecutive segments that
	// share an end point form one polyline.
	line(s style, x0, y0, x1, y1 float64)
	// finish draws what is pending and writes the picture.
	finish() error
}

// frame is the part of the plane a picture shows: a box in millimetres and
// its size in pixels (PNG) or millimetres (SVG).
type frame struct {
	minX, minY, w, h float64 // mm
	dpmm             float64 // PNG pixels per mm
	background       color.RGBA
}

// newSurface starts a picture of fr in format f, written to w.
func newSurface(w io.Writer, f Format, fr frame) (surface, error) {
	if !(fr.w > 0 && fr.h > 0) || math.IsInf(fr.w, 0) || math.IsInf(fr.h, 0) {
		return nil, fmt.Errorf("%w: %g × %g mm", ErrTooLarge, fr.w, fr.h)
	}
	if f == SVG {
		return newSVGSurface(w, fr), nil
	}
	return newPNGSurface(w, fr)
}

// pngSurface rasterises with canvas. Lines are drawn as filled outlines
// (bars, discs at the joints), never with canvas's stroker: on long
// self-crossing paths that is slow, writes debug files to the temp folder
// and can panic. Paths go to the rasterizer in pieces of at most
// maxPieceSegs segments, since its cell search slows down on big paths.
type pngSurface struct {
	out io.Writer
	img *image.RGBA
	ras *rasterizer.Rasterizer
	m   canvas.Matrix
	px  float64 // one pixel in mm

	cur   style
	path  *canvas.Path
	edge  *canvas.Path
	segs  int
	last  [2]float64
	begun bool
}

const maxPieceSegs = 64

func newPNGSurface(w io.Writer, fr frame) (*pngSurface, error) {
	pw, ph := int(math.Ceil(fr.w*fr.dpmm)), int(math.Ceil(fr.h*fr.dpmm))
	if pw <= 0 || ph <= 0 || float64(pw)*float64(ph) > maxPixels {
		return nil, fmt.Errorf("%w: %d × %d pixels", ErrTooLarge, pw, ph)
	}
	img := image.NewRGBA(image.Rect(0, 0, pw, ph))
	draw.Draw(img, img.Bounds(), image.NewUniform(fr.background), image.Point{}, draw.Src)
	ras := rasterizer.FromImage(img, canvas.DPMM(fr.dpmm), canvas.DefaultColorSpace)
	// frame millimetres, y down, to canvas's y-up millimetres of the image
	m := canvas.Identity.Translate(0, float64(ph)/fr.dpmm).ReflectY().Translate(-fr.minX, -fr.minY)
	return &pngSurface{out: w, img: img, ras: ras, m: m, px: 1 / fr.dpmm}, nil
}

func (s *pngSurface) line(st style, x0, y0, x1, y1 float64) {
	if !s.begun || st != s.cur || s.last != [2]float64{x0, y0} || s.segs >= maxPieceSegs {
		s.flush()
		s.cur, s.begun = st, true
		s.path = &canvas.Path{}
		if st.edge.A != 0 {
			s.edge = &canvas.Path{}
		}
		s.cap(x0, y0)
	}
	s.last = [2]float64{x1, y1}
	if x0 == x1 && y0 == y1 {
		return
	}
	s.segs++
	hw := max(st.width, s.px) / 2
	if st.dashOn > 0 {
		dashes(s.path, x0, y0, x1, y1, hw, st.dashOn, st.dashOff)
		return
	}
	bar(s.path, x0, y0, x1, y1, hw)
	if s.edge != nil {
		bar(s.edge, x0, y0, x1, y1, hw+s.px)
	}
	s.cap(x1, y1)
}

// cap draws the round joint at a polyline's vertex.
func (s *pngSurface) cap(x, y float64) {
	if !s.cur.round {
		return
	}
	hw := max(s.cur.width, s.px) / 2
	disc(s.path, x, y, hw, sides(hw, s.px))
	if s.edge != nil {
		disc(s.edge, x, y, hw+s.px, sides(hw+s.px, s.px))
	}
}

func (s *pngSurface) flush() {
	if !s.begun {
		return
	}
	if s.edge != nil && !s.edge.Empty() {
		s.ras.RenderPath(s.edge, canvas.Style{Fill: canvas.Paint{Color: s.cur.edge}, FillRule: canvas.NonZero}, s.m)
	}
	if !s.path.Empty() {
		s.ras.RenderPath(s.path, canvas.Style{Fill: canvas.Paint{Color: s.cur.color}, FillRule: canvas.NonZero}, s.m)
	}
	s.path, s.edge, s.segs, s.begun = nil, nil, 0, false
}

func (s *pngSurface) finish() error {
	s.flush()
	s.ras.Close()
	return png.Encode(s.out, s.img)
}

// svgSurface writes one <path> per run of lines of one style, stroked by
// the viewer (round caps and joins for threads and extrusions). A run is
// written after maxSVGSegs segments, so memory and line length stay bounded.
type svgSurface struct {
	bw    *bufio.Writer
	cur   style
	d     []byte // path data of the current run
	segs  int
	last  [2]float64
	begun bool
}

const maxSVGSegs = 2000

func newSVGSurface(w io.Writer, fr frame) *svgSurface {
	s := &svgSurface{bw: bufio.NewWriter(w)}
	f := func(v float64) string { return strconv.FormatFloat(round4(v), 'f', -1, 64) }
	fmt.Fprintf(s.bw, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="%s %s %s %s">
`, f(fr.w), f(fr.h), f(fr.minX), f(fr.minY), f(fr.w), f(fr.h))
	if fr.background.A != 0 {
		fmt.Fprintf(s.bw, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n",
			f(fr.minX), f(fr.minY), f(fr.w), f(fr.h), hexColor(fr.background))
	}
	return s
}

func (s *svgSurface) line(st style, x0, y0, x1, y1 float64) {
	if !s.begun || st != s.cur || s.segs >= maxSVGSegs {
		s.flush()
		s.cur, s.begun = st, true
		s.point('M', x0, y0)
	} else if s.last != [2]float64{x0, y0} {
		s.point('M', x0, y0)
	}
	s.point('L', x1, y1)
	s.last = [2]float64{x1, y1}
	s.segs++
}

func (s *svgSurface) point(op byte, x, y float64) {
	s.d = append(s.d, op)
	s.d = strconv.AppendFloat(s.d, round4(x), 'f', -1, 64)
	s.d = append(s.d, ',')
	s.d = strconv.AppendFloat(s.d, round4(y), 'f', -1, 64)
}

func (s *svgSurface) flush() {
	if !s.begun {
		return
	}
	st := s.cur
	path := func(c color.RGBA, w float64) {
		s.bw.WriteString(`<path d="`)
		s.bw.Write(s.d)
		fmt.Fprintf(s.bw, `" fill="none" stroke="%s" stroke-width="%s"`, hexColor(c), strconv.FormatFloat(round4(w), 'f', -1, 64))
		if c.A != 0xff {
			fmt.Fprintf(s.bw, ` stroke-opacity="%.3f"`, float64(c.A)/255)
		}
		if st.round {
			s.bw.WriteString(` stroke-linecap="round" stroke-linejoin="round"`)
		}
		if st.dashOn > 0 {
			fmt.Fprintf(s.bw, ` stroke-dasharray="%g %g"`, st.dashOn, st.dashOff)
		}
		s.bw.WriteString("/>\n")
	}
	if st.edge.A != 0 {
		// SVG strokes have no outline: the edge is the same path, wider, under
		path(st.edge, st.width+0.1)
	}
	path(st.color, st.width)
	s.d, s.begun, s.segs = s.d[:0], false, 0
}

func (s *svgSurface) finish() error {
	s.flush()
	s.bw.WriteString("</svg>\n")
	return s.bw.Flush()
}

func hexColor(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// edgeFor returns the colour to outline a line of colour c drawn on
// background bg with, or a transparent colour when c stands out by itself:
// a white thread on a white page gets a grey edge, a black one on black a
// lighter one. Contrast is judged on relative luminance.
func edgeFor(c, bg color.RGBA) color.RGBA {
	lc, lb := luminance(c), luminance(bg)
	if math.Abs(lc-lb) >= 0.25 {
		return color.RGBA{}
	}
	if lb > 0.5 {
		return color.RGBA{0x70, 0x70, 0x70, 0xff}
	}
	return color.RGBA{0xb0, 0xb0, 0xb0, 0xff}
}

// luminance is the relative luminance of c (0 black to 1 white), with the
// sRGB curve.
func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}
