package cut

import (
	"bufio"
	"fmt"
	"github.com/usinette/usinette/vector"
	"io"
	"math"
)

// GPGL is the format of Silhouette cutters, with the settings of a Cameo 4 Pro job. The zero
// value is tool holder 1, speed 10, force 10, knife, roll, firmware blade
// offset off, end below the design.
type GPGL struct {
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
	// RegMarks, when set, makes a print-and-cut job: the cutter searches
	// the registration marks printed on the page (RegMarks.Commands) and
	// cuts relative to them. The plan must keep the design's place on the
	// page the marks were printed on (not PlanOptions.AtOrigin).
	RegMarks *RegMarks
}

// Validate checks the ranges of the options.
func (o *GPGL) Validate() error {
	switch {
	case o.Tool != 0 && o.Tool != 1 && o.Tool != 2:
		return fmt.Errorf("%w: tool holder %d (1 or 2)", ErrBadOption, o.Tool)
	case o.Speed < 0 || o.Speed > 30:
		return fmt.Errorf("%w: speed %d (1–30)", ErrBadOption, o.Speed)
	case o.Force < 0 || o.Force > 33:
		return fmt.Errorf("%w: force %d (1–33)", ErrBadOption, o.Force)
	case o.Depth < 0 || o.Depth > 10:
		return fmt.Errorf("%w: depth %d (0–10)", ErrBadOption, o.Depth)
	}
	return nil
}

// gpglUnits is the Silhouette resolution: 20 units per millimetre.
const gpglUnits = 20.0

// Write writes the plan as the GPGL byte stream a Silhouette Cameo 4
// Pro takes: ESC EOT to initialise, the media (TG, area Z), the tool
// holder's settings (J, FX force, ! speed, FC blade offset, FE/FF corner
// handling, TF AutoBlade depth), then M (move) and D (draw) with y,x
// coordinates in 1/20 mm, and the end position. Every command ends with
// ETX (0x03).
func (o GPGL) Write(w io.Writer, plan *Plan) error {
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
		if l := plan.RollLength * gpglUnits; l > float64(height) {
			height = int(math.Ceil(l)) // a roll longer than inkscape-silhouette's 3 m
		}
	case MediaMat12:
		tg, height, width = 1, 6096, 6096
	case MediaMat24:
		// the media codes are inkscape-silhouette's: TG2 is the 12×24 in
		// mat, TG9 the 24×24 in one
		tg, height, width = 2, 12192, 6096
	case MediaMat24x24:
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
	if rm := o.RegMarks; rm != nil {
		if err := o.checkRegMarks(plan); err != nil {
			return err
		}
		for _, c := range rm.Commands() {
			cmd("%s", c)
		}
		// After the search the origin is the square's corner and the
		// cutter's area the rectangle between the marks.
		ox, oy := rm.Origin()
		xoff, yoff = xoff-ox*gpglUnits, yoff-oy*gpglUnits
		sw, sh := rm.Span()
		width, height = su(sw), su(sh)
	}
	// The plan is placed on the media (NewPlan checked it); here a point
	// more than EdgeTolerance off the cutter's area (a plan made for other
	// media, an offset pushing it out) is refused, and the hair-thin
	// excess of rounding clamped. A cut is never turned into a move.
	tol := EdgeTolerance * gpglUnits
	for _, c := range plan.Cuts {
		for _, p := range c.Points {
			x, y := p.X*gpglUnits+xoff, p.Y*gpglUnits+yoff
			if !(x >= -tol && y >= -tol && x <= float64(width)+tol && y <= float64(height)+tol) {
				return fmt.Errorf("%w: GPGL: cut %q reaches x %.1f, y %.1f mm, off the cutter's %.1f × %.1f mm",
					ErrTooLarge, c.ShapeID, x/gpglUnits, y/gpglUnits, float64(width)/gpglUnits, float64(height)/gpglUnits)
			}
		}
	}
	maxY := 0.0
	dev := func(p vector.Point) (int, int) {
		x := math.Min(math.Max(p.X*gpglUnits+xoff, 0), float64(width))
		y := math.Min(math.Max(p.Y*gpglUnits+yoff, 0), float64(height))
		maxY = math.Max(maxY, y)
		return int(math.Floor(0.5 + y)), int(math.Floor(0.5 + x))
	}
	for _, c := range plan.Cuts {
		if len(c.Points) < 2 {
			continue
		}
		y, x := dev(c.Points[0])
		cmd("M%d,%d", y, x)
		for _, p := range c.Points[1:] {
			y, x := dev(p)
			cmd("D%d,%d", y, x)
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

// checkRegMarks refuses a print-and-cut job whose plan is not on the
// marked page or whose page does not fit the media.
func (o GPGL) checkRegMarks(plan *Plan) error {
	rm := o.RegMarks
	if err := rm.Validate(); err != nil {
		return err
	}
	if plan.Width > 0 && (math.Abs(plan.Width-rm.PageWidth) > 0.01 || math.Abs(plan.Height-rm.PageHeight) > 0.01) {
		return fmt.Errorf("%w: registration marks on a %.1f × %.1f mm page, but the plan is framed %.1f × %.1f mm (moved to the origin?): plan the design in its place on the page",
			ErrBadOption, rm.PageWidth, rm.PageHeight, plan.Width, plan.Height)
	}
	if mw, ml := o.Media.Size(plan.RollLength); rm.PageWidth > mw+EdgeTolerance || rm.PageHeight > ml+EdgeTolerance {
		return fmt.Errorf("%w: the %.1f × %.1f mm printed page does not fit %s",
			ErrTooLarge, rm.PageWidth, rm.PageHeight, o.Media.Describe(plan.RollLength))
	}
	return rm.check(plan)
}
