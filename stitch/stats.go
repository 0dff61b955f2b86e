package stitch

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Hoop is an embroidery field: the largest design a machine sews in one
// hooping, in millimetres.
type Hoop struct {
	Name          string
	Width, Height float64
}

// The hoops usinette knows by name. The Brother Innov-Is 870SE sews a
// 260 × 160 mm field; 100 × 100 and 130 × 180 are the PES v1 hoop sizes.
func Hoop870SE() Hoop   { return Hoop{Name: "260x160", Width: 260, Height: 160} }
func Hoop100x100() Hoop { return Hoop{Name: "100x100", Width: 100, Height: 100} }
func Hoop130x180() Hoop { return Hoop{Name: "130x180", Width: 130, Height: 180} }

// ParseHoop reads a hoop name: "870se" or "260x160" (the default field),
// "100x100", "130x180", or any "WxH" in millimetres.
func ParseHoop(s string) (Hoop, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "", "870se", "260x160":
		return Hoop870SE(), nil
	}
	w, h, ok := strings.Cut(t, "x")
	if ok {
		wf, err1 := strconv.ParseFloat(w, 64)
		hf, err2 := strconv.ParseFloat(h, 64)
		if err1 == nil && err2 == nil && wf > 0 && hf > 0 && wf < 10000 && hf < 10000 {
			return Hoop{Name: t, Width: wf, Height: hf}, nil
		}
	}
	return Hoop{}, fmt.Errorf("unknown hoop %q (want 870se, 260x160, 130x180, 100x100 or WxH in mm)", s)
}

// Fits reports whether a design of the given size fits the hoop as it
// is (see FitsTurned for the other way round).
func (h Hoop) Fits(width, height float64) bool {
	const eps = 1e-6
	return width <= h.Width+eps && height <= h.Height+eps
}

// FitsTurned reports whether a design of the given size fits the hoop
// once turned 90° (the 870SE turns a design on its screen; `stitch` turns
// it in the file).
func (h Hoop) FitsTurned(width, height float64) bool {
	return h.Fits(height, width)
}

// Stats are the figures of a pattern that `usinette info` prints.
type Stats struct {
	Stitches     int `json:"stitches"`      // Stitch records (needle penetrations)
	Jumps        int `json:"jumps"`         // Jump records
	Trims        int `json:"trims"`         // Trim records
	ColorChanges int `json:"color_changes"` // ColorChange records
	Stops        int `json:"stops"`         // Stop records
	// Colors is the number of colour blocks: ColorChanges+1 for a pattern
	// with stitches, 0 for an empty one.
	Colors int `json:"colors"`
	// Bounds of the Stitch and Jump positions.
	MinX, MinY, MaxX, MaxY float64 `json:"-"`
	Width                  float64 `json:"width_mm"`
	Height                 float64 `json:"height_mm"`
	// LongestStitch is the longest distance from the previous position to a
	// Stitch record (the first record of a pattern has no previous
	// position).
	LongestStitch float64 `json:"longest_stitch_mm"`
	// ThreadLength is the sum of the stitch lengths: the top thread laid,
	// without the bobbin and the ties.
	ThreadLength float64 `json:"thread_length_mm"`
	// JumpLength is the sum of the jump moves.
	JumpLength float64 `json:"jump_length_mm"`
}

// Measure computes the figures of p.
func Measure(p *Pattern) Stats {
	var s Stats
	s.MinX, s.MinY, s.MaxX, s.MaxY = p.Bounds()
	s.Width, s.Height = s.MaxX-s.MinX, s.MaxY-s.MinY
	var px, py float64
	have := false
	for _, r := range p.Records {
		switch r.Cmd {
		case Stitch:
			s.Stitches++
			if have {
				d := math.Hypot(r.X-px, r.Y-py)
				s.ThreadLength += d
				s.LongestStitch = math.Max(s.LongestStitch, d)
			}
			px, py, have = r.X, r.Y, true
		case Jump:
			s.Jumps++
			if have {
				s.JumpLength += math.Hypot(r.X-px, r.Y-py)
			}
			px, py, have = r.X, r.Y, true
		case Trim:
			s.Trims++
		case ColorChange:
			s.ColorChanges++
		case Stop:
			s.Stops++
		}
	}
	if s.Stitches > 0 {
		s.Colors = s.ColorChanges + 1
	}
	return s
}

// Per-event costs of SewingTime, from the 870SE's behaviour: a trim takes a
// few seconds (cut, pull the bobbin thread); a jump moves the frame at about
// the pace of a stitch.
const (
	TrimSeconds = 3.0
)

// DefaultSewSpeed is the stitches per minute that SewingTime assumes for the
// 870SE when none is given (its top speed is 850 spm; dense work runs
// slower).
const DefaultSewSpeed = 650

// SewingTime estimates how long the machine sews the pattern at spm
// stitches per minute (0 = DefaultSewSpeed): every stitch and jump at that
// pace plus TrimSeconds per trim. Colour changes wait for the user and are
// not counted.
func (s Stats) SewingTime(spm float64) time.Duration {
	if spm <= 0 {
		spm = DefaultSewSpeed
	}
	sec := float64(s.Stitches+s.Jumps)*60/spm + float64(s.Trims)*TrimSeconds
	return time.Duration(math.Round(sec * float64(time.Second)))
}
