package stitch

import (
	"fmt"
	"image/color"
	"math"
)

// Command says what the machine does at a stitch record.
type Command uint8

// The commands of a stitch record. They are the neutral model shared by every
// embroidery format: PES, PEC and DST each encode a subset of them.
const (
	// Stitch moves the frame with the needle down: thread is laid from the
	// previous position to this one.
	Stitch Command = iota
	// Jump moves the frame without a needle drop; the thread follows
	// unless a Trim came before it.
	Jump
	// Trim cuts the thread at the current position. Its coordinates repeat
	// the previous position.
	Trim
	// ColorChange stops for the next thread of Pattern.Threads. Its
	// coordinates repeat the previous position.
	ColorChange
	// Stop pauses the machine without a thread change (appliqué, a cap).
	Stop
	// End marks the end of the design; nothing follows it.
	End
)

var commandNames = [...]string{"STITCH", "JUMP", "TRIM", "COLOR_CHANGE", "STOP", "END"}

// String returns the name used in the JSON stitch-list format
// (STITCH, JUMP, TRIM, COLOR_CHANGE, STOP, END).
func (c Command) String() string {
	if int(c) < len(commandNames) {
		return commandNames[c]
	}
	return fmt.Sprintf("Command(%d)", c)
}

// ParseCommand is the inverse of Command.String.
func ParseCommand(s string) (Command, error) {
	for i, n := range commandNames {
		if n == s {
			return Command(i), nil
		}
	}
	return 0, fmt.Errorf("unknown stitch command %q", s)
}

// Record is one stitch record: an absolute position in millimetres (x right,
// y down as in SVG and PES) and what happens there.
type Record struct {
	X, Y float64
	Cmd  Command
}

// Thread is one thread of the design, in sewing order.
type Thread struct {
	Color       color.RGBA // exact colour (PES v6 keeps it; PEC rounds it to the palette)
	Description string     // e.g. "Black"
	Brand       string     // e.g. "Brother Embroidery"
	Catalog     string     // the brand's thread number, e.g. "900"
}

// Pattern is a sequence of stitch records and the threads they use. The n-th
// ColorChange switches from Threads[n] to Threads[n+1]; a pattern with no
// ColorChange uses Threads[0] throughout.
//
// Pattern is to the pes package what image.Image is to image/png: formats
// encode and decode it, the stitch planner produces it.
type Pattern struct {
	Records []Record
	Threads []Thread
}

// Bounds returns the extent of the positions that lay thread (Stitch
// records) and the frame moves (Jump), ignoring records that repeat a
// position (Trim, ColorChange, Stop, End). An empty pattern returns zeros.
func (p *Pattern) Bounds() (minX, minY, maxX, maxY float64) {
	first := true
	for _, r := range p.Records {
		if r.Cmd != Stitch && r.Cmd != Jump {
			continue
		}
		if first {
			minX, minY, maxX, maxY = r.X, r.Y, r.X, r.Y
			first = false
			continue
		}
		minX = math.Min(minX, r.X)
		minY = math.Min(minY, r.Y)
		maxX = math.Max(maxX, r.X)
		maxY = math.Max(maxY, r.Y)
	}
	return minX, minY, maxX, maxY
}

// Translate moves every record by (dx, dy) millimetres.
func (p *Pattern) Translate(dx, dy float64) {
	for i := range p.Records {
		p.Records[i].X += dx
		p.Records[i].Y += dy
	}
}
