package vector

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
	"github.com/usinette/usinette/internal/outline"
)

// Media is what the Cameo cuts on.
type Media uint8

const (
	MediaRoll  Media = iota // roll feeder, no mat: 600 mm × 3 m
	MediaMat12              // 12×12 in cutting mat
	MediaMat24              // 12×24 in cutting mat
)

// ParseMedia parses "roll", "mat", "mat12" or "mat24".
func ParseMedia(s string) (Media, error) {
	switch strings.ToLower(s) {
	case "roll", "":
		return MediaRoll, nil
	case "mat", "mat12", "12x12":
		return MediaMat12, nil
	case "mat24", "12x24":
		return MediaMat24, nil
	}
	return 0, fmt.Errorf("%w: media %q (roll, mat12 or mat24)", ErrSyntax, s)
}

// GPGLOptions are the settings of a Silhouette Cameo 4 Pro job. The zero
// value is tool holder 1, speed 10, force 10, knife, roll, firmware blade
// offset off, end below the design.
type GPGLOptions struct {
	Tool  int // tool holder 1 (left) or 2 (right); 0 means 1
	Speed int // 1–30; 0 means 10
	Force int // 1–33; 0 means 10
	// AutoBlade sets the AutoBlade depth (Depth 0–10) with TF.
	AutoBlade bool
	Depth     int
	// Pen draws instead of cutting (no blade offset, no lift tricks).
	Pen   bool
	Media Media
	// Sharpen lifts the knife at sharp corners ("sharpen corners").
	Sharpen bool
	// FirmwareOffset sends FC18: the cutter compensates a 0.9 mm blade
	// offset itself. Leave it false when the plan compensates
	// (PlanOptions.BladeOffset) — never both.
	FirmwareOffset bool
	// OffsetX and OffsetY shift the whole job on the media, in mm.
	OffsetX, OffsetY float64
	// EndFeed feeds the media this many mm past the design at the end.
	EndFeed float64
	// ReturnToStart ends with the head back at the origin instead of
	// feeding the media below the design.
	ReturnToStart bool
}

// Validate checks the ranges of the options.
func (o *GPGLOptions) Validate() error {
	switch {
	case o.Tool != 0 && o.Tool != 1 && o.Tool != 2:
		return fmt.Errorf("%w: tool holder %d (1 or 2)", ErrSyntax, o.Tool)
	case o.Speed < 0 || o.Speed > 30:
		return fmt.Errorf("%w: speed %d (1–30)", ErrSyntax, o.Speed)
	case o.Force < 0 || o.Force > 33:
		return fmt.Errorf("%w: force %d (1–33)", ErrSyntax, o.Force)
	case o.Depth < 0 || o.Depth > 10:
		return fmt.Errorf("%w: depth %d (0–10)", ErrSyntax, o.Depth)
	}
	return nil
}

// gpglUnits is the Silhouette resolution: 20 units per millimetre.
const gpglUnits = 20.0

// WriteGPGL writes the plan as the GPGL byte stream a Silhouette Cameo 4
// Pro takes: ESC EOT to initialise, the media (TG, area Z), the tool
// holder's settings (J, FX force, ! speed, FC blade offset, FE/FF corner
// handling, TF AutoBlade depth), then M (move) and D (draw) with y,x
// coordinates in 1/20 mm, and the end position. Every command ends with
// ETX (0x03).
func WriteGPGL(w io.Writer, plan *Plan, o GPGLOptions) error {
	if err := o.Validate(); err != nil {
		return err
	}
	tool, speed, force := o.Tool, o.Speed, o.Force
	if tool == 0 {
		tool = 1
	}
	if speed == 0 {
		speed = 10
	}
	if force == 0 {
		force = 10
	}
	bw := bufio.NewWriter(w)
	cmd := func(format string, a ...any) {
		fmt.Fprintf(bw, format, a...)
		bw.WriteByte(0x03)
	}
	var tg int
	var height, width int
	switch o.Media {
	case MediaRoll:
		tg, height, width = 0, 60000, 12000
	case MediaMat12:
		tg, height, width = 1, 6096, 6096
	case MediaMat24:
		tg, height, width = 9, 12192, 12192
	}
	bw.WriteString("\x1b\x04")
	cmd("TG%d", tg)
	cmd("FN0")
	cmd("TB50,0")
	cmd(`\0,0`)
	cmd("Z%d,%d", height, width)
	cmd("J%d", tool)
	cmd("FX%d,%d", force, tool)
	cmd("TJ0")
	cmd("!%d,%d", speed, tool)
	cmd("FC0,1,%d", tool)
	ffA, ffB, ffC := 1, 0, 1
	fe := 0
	switch {
	case o.Pen:
		ffA, ffB, ffC = 0, 0, 0
	case o.Sharpen:
		ffA, ffB, ffC = 3, 0, 2
		fe = 1
	}
	cmd("FE%d,%d", fe, tool)
	cmd("FF%d,%d,%d", ffA, ffB, tool)
	cmd("FF%d,%d,%d", ffA, ffC, tool)
	cmd("FX%d,%d", force, tool)
	cmd("TJ3")
	if o.FirmwareOffset && !o.Pen {
		cmd("FC18,1,%d", tool)
	} else {
		cmd("FC0,1,%d", tool)
	}
	if o.AutoBlade {
		cmd("TF%d,%d", o.Depth, tool)
	}
	xoff, yoff := o.OffsetX*gpglUnits, o.OffsetY*gpglUnits
	maxY := 0.0
	dev := func(p Point) (int, int, bool) {
		x, y := p.X*gpglUnits+xoff, p.Y*gpglUnits+yoff
		maxY = math.Max(maxY, y)
		inside := true
		if x < 0 {
			x, inside = 0, false
		} else if x > float64(width) {
			x, inside = float64(width), false
		}
		if y < 0 {
			y, inside = 0, false
		} else if y > float64(height) {
			y, inside = float64(height), false
		}
		return int(math.Floor(0.5 + y)), int(math.Floor(0.5 + x)), inside
	}
	for _, c := range plan.Cuts {
		if len(c.Points) < 2 {
			continue
		}
		y, x, lastIn := dev(c.Points[0])
		cmd("M%d,%d", y, x)
		for _, p := range c.Points[1:] {
			y, x, in := dev(p)
			if in && lastIn {
				cmd("D%d,%d", y, x)
			} else {
				cmd("M%d,%d", y, x) // outside the media: move, never cut
			}
			lastIn = in
		}
	}
	if o.ReturnToStart {
		cmd("L0")
		cmd(`\0,0`)
		cmd("M0,0")
		cmd("J0")
		cmd("FN0")
		cmd("TB50,0")
	} else {
		cmd("M%d,0", int(math.Floor(0.5+maxY+o.EndFeed*gpglUnits)))
		cmd("SO0")
	}
	return bw.Flush()
}

// HPGLOptions tune WriteHPGL.
type HPGLOptions struct {
	// StepsPerMM is the plotter resolution; 0 means 40 (1016 dpi).
	StepsPerMM float64
	// NoAlign keeps page coordinates (origin at the page's bottom-left,
	// PageHeight needed) instead of moving the design's corner to 0,0 as
	// Inkscape does by default.
	NoAlign    bool
	PageHeight float64
}

// WriteHPGL writes the plan as HPGL the way Inkscape's HPGL export does:
// IN;PU;SP1; then PU to each cut's start and PD through its points, y up,
// and SP0;PU0,0;IN; at the end.
func WriteHPGL(w io.Writer, plan *Plan, o HPGLOptions) error {
	s := o.StepsPerMM
	if s == 0 {
		s = 40
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("IN;PU;SP1;")
	conv := func(p Point) (int64, int64) {
		if o.NoAlign {
			return int64(math.Round(p.X * s)), int64(math.Round((o.PageHeight - p.Y) * s))
		}
		return int64(math.Round((p.X - plan.Min.X) * s)), int64(math.Round((plan.Max.Y - p.Y) * s))
	}
	for _, c := range plan.Cuts {
		if len(c.Points) < 2 {
			continue
		}
		x, y := conv(c.Points[0])
		fmt.Fprintf(bw, "PU%d,%d;PD", x, y)
		for i, p := range c.Points[1:] {
			x, y := conv(p)
			if i > 0 {
				bw.WriteByte(',')
			}
			fmt.Fprintf(bw, "%d,%d", x, y)
		}
		bw.WriteByte(';')
	}
	bw.WriteString("SP0;PU0,0;IN; ")
	return bw.Flush()
}

// WriteSVG writes the planned cut as SVG on a page of w×h mm: one path per
// cut, in cut order, ids cut-1, cut-2...
func WriteSVG(out io.Writer, plan *Plan, w, h float64) error {
	bw := bufio.NewWriter(out)
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="0 0 %s %s">
`, f(w), f(h), f(w), f(h))
	for i, c := range plan.Cuts {
		fmt.Fprintf(bw, `<path id="cut-%d" data-shape=%q style="fill:none;stroke:#ff0000;stroke-width:0.1" d="`, i+1, xmlEscape(c.ShapeID))
		for k, p := range c.Points {
			if k == 0 {
				bw.WriteString("M")
			} else {
				bw.WriteString(" L")
			}
			fmt.Fprintf(bw, "%s,%s", f(math.Round(p.X*1e4)/1e4), f(math.Round(p.Y*1e4)/1e4))
		}
		bw.WriteString("\"/>\n")
	}
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

func xmlEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	return r.Replace(s)
}

// WritePNG draws the plan at dpmm pixels per millimetre: cuts in red,
// travel in dashed grey, and each cut's number at its start.
//
// Lines are drawn as filled outlines (see thickLines), not with canvas's
// stroker, which on long self-crossing paths is slow, writes debug files to
// the temp dir and can panic.
func WritePNG(out io.Writer, plan *Plan, w, h, dpmm float64) error {
	if dpmm <= 0 {
		dpmm = 4
	}
	pw, ph := int(math.Ceil(w*dpmm)), int(math.Ceil(h*dpmm))
	if pw <= 0 || ph <= 0 || pw*ph > 100e6 {
		return fmt.Errorf("%w: preview of %dx%d pixels", ErrTooLarge, pw, ph)
	}
	img := image.NewRGBA(image.Rect(0, 0, pw, ph))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	r := rasterizer.FromImage(img, canvas.DPMM(dpmm), canvas.DefaultColorSpace)
	// Page millimetres, y down, to canvas's y-up millimetres.
	m := canvas.Identity.Translate(0, float64(ph)/dpmm).ReflectY()
	px := 1 / dpmm

	travel := newThickLines(r, m, color.RGBA{160, 160, 160, 255}, max(0.2, px), false, px)
	pos := Point{}
	for _, c := range plan.Cuts {
		if len(c.Points) == 0 {
			continue
		}
		travel.dashes(pos, c.Points[0], 1, 1)
		pos = c.Points[len(c.Points)-1]
	}
	travel.flush()
	cuts := newThickLines(r, m, color.RGBA{220, 0, 0, 255}, max(0.3, px), true, px)
	for _, c := range plan.Cuts {
		for k := 1; k < len(c.Points); k++ {
			cuts.line(c.Points[k-1], c.Points[k])
		}
	}
	cuts.flush()
	nums := newThickLines(r, m, color.RGBA{0, 0, 160, 255}, max(0.25, px), false, px)
	size := math.Max(1.5, math.Min(w, h)/60)
	for i, c := range plan.Cuts {
		if len(c.Points) == 0 {
			continue
		}
		digits(nums, strconv.Itoa(i+1), c.Points[0], size)
	}
	nums.flush()
	r.Close()
	return png.Encode(out, img)
}

// thickLines draws lines of one colour and width as filled polygons
// (package outline): a bar per segment and, for round joins, a disc at
// each end. Paths go to
// the rasterizer in pieces of maxPieceSegs segments (its cell search slows
// down on big paths).
type thickLines struct {
	r     *rasterizer.Rasterizer
	m     canvas.Matrix
	style canvas.Style
	hw    float64
	round bool
	sides int
	p     *canvas.Path
	segs  int
}

const maxPieceSegs = 64

func newThickLines(r *rasterizer.Rasterizer, m canvas.Matrix, c color.RGBA, width float64, round bool, px float64) *thickLines {
	hw := width / 2
	return &thickLines{
		r: r, m: m, hw: hw, round: round,
		style: canvas.Style{Fill: canvas.Paint{Color: c}, FillRule: canvas.NonZero},
		sides: outline.Sides(hw, px),
		p:     &canvas.Path{},
	}
}

func (t *thickLines) line(a, b Point) {
	outline.Bar(t.p, a.X, a.Y, b.X, b.Y, t.hw)
	if t.round {
		t.disc(a)
		t.disc(b)
	}
	if t.segs++; t.segs >= maxPieceSegs {
		t.flush()
	}
}

func (t *thickLines) disc(c Point) { outline.Disc(t.p, c.X, c.Y, t.hw, t.sides) }

// dashes draws a-b as dashes of length on separated by off (mm).
func (t *thickLines) dashes(a, b Point, on, off float64) {
	l := math.Hypot(b.X-a.X, b.Y-a.Y)
	at := func(d float64) Point { return Point{a.X + (b.X-a.X)*d/l, a.Y + (b.Y-a.Y)*d/l} }
	for d := 0.0; d < l; d += on + off {
		t.line(at(d), at(min(d+on, l)))
	}
}

func (t *thickLines) flush() {
	if t.segs > 0 || !t.p.Empty() {
		t.r.RenderPath(t.p, t.style, t.m)
	}
	t.p, t.segs = &canvas.Path{}, 0
}

// segment masks of the seven-segment digits 0–9 (a b c d e f g).
var sevenSeg = [10]uint8{0x3f, 0x06, 0x5b, 0x4f, 0x66, 0x6d, 0x7d, 0x07, 0x7f, 0x6f}

// digits draws a number as seven-segment strokes of height size mm, its
// bottom-left corner at p.
func digits(out *thickLines, s string, p Point, size float64) {
	w := size / 2
	for k, ch := range s {
		x0 := p.X + float64(k)*(w+size/4)
		y0 := p.Y - size
		m := sevenSeg[ch-'0']
		seg := [7][4]float64{
			{0, 0, 1, 0}, {1, 0, 1, 0.5}, {1, 0.5, 1, 1}, {0, 1, 1, 1}, {0, 0.5, 0, 1}, {0, 0, 0, 0.5}, {0, 0.5, 1, 0.5},
		}
		for i, sg := range seg {
			if m&(1<<i) != 0 {
				out.line(Point{x0 + sg[0]*w, y0 + sg[1]*size}, Point{x0 + sg[2]*w, y0 + sg[3]*size})
			}
		}
	}
}
