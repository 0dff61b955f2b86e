package stitch

import "math"

// DefaultMaxStitch is the longest stitch, in millimetres, that usinette gives
// the Brother Innov-Is 870SE unless asked otherwise. Longer stitches snag and
// some Brother machines refuse them.
const DefaultMaxStitch = 12.1

// SplitOptions says how Split makes a pattern sewable by a machine whose
// records hold a bounded move.
type SplitOptions struct {
	// MaxStitch is the longest stitch in millimetres (straight-line
	// length). A longer stitch is split into the fewest even stitches that
	// are no longer — stitches, not jumps, so that the thread is never cut
	// inside a line. 0 means DefaultMaxStitch; a negative value means no
	// limit (stitches are still split to fit MaxMove).
	MaxStitch float64
	// MaxMove is the largest move along either axis, in millimetres, that
	// one record of the target format can hold (204.7 for PES/PEC, 12.1 for
	// DST). Longer stitches and jumps are split into even pieces. 0 means
	// no limit.
	MaxMove float64
	// Grid, when positive, rounds every position to a multiple of Grid
	// millimetres (0.1 for PES and DST; halves to even) before splitting,
	// and places the split points on the same grid.
	Grid float64
	// StartAtOrigin says that the machine starts at (0, 0): a pattern whose
	// first move is a stitch elsewhere gets a jump there first, as
	// Ink/Stitch's writer does.
	StartAtOrigin bool
	// NoNeedleDown turns off the needle-down after jumps: by default a run
	// of jumps followed by a stitch elsewhere gets a stitch at the jump's
	// landing first, so the needle goes down where the frame stopped (what
	// Brother's and Ink/Stitch's files do).
	NoNeedleDown bool
}

// Split returns a copy of p in which no stitch is longer than
// opts.MaxStitch, no stitch or jump moves more than opts.MaxMove along an
// axis, every jump run that is followed by stitches lands with a needle-down,
// and a stitch that follows a Trim without a jump is reached by a jump.
// Records after the first End are dropped. p is not modified.
func Split(p *Pattern, opts SplitOptions) *Pattern {
	s := splitter{scale: 1}
	if opts.Grid > 0 {
		s.scale = 1 / opts.Grid
		s.grid = true
	}
	maxStitch := opts.MaxStitch
	if maxStitch == 0 {
		maxStitch = DefaultMaxStitch
	}
	if maxStitch > 0 {
		s.maxStitch = maxStitch * s.scale
		if s.grid {
			s.maxStitch = math.Floor(s.maxStitch + 1e-9)
		}
	}
	if opts.MaxMove > 0 {
		s.maxMove = opts.MaxMove * s.scale
		if s.grid {
			s.maxMove = math.Floor(s.maxMove + 1e-9)
		}
	}
	out := &Pattern{Threads: append([]Thread(nil), p.Threads...)}
	out.Records = make([]Record, 0, len(p.Records)+len(p.Records)/8+2)
	s.out = out.Records

	var px, py float64 // previous position, in grid units when grid
	started := false   // a Stitch or Jump has been placed
	jumping := false   // jumps since the last stitch
	trimmed := false   // a Trim since the last stitch
	for _, r := range p.Records {
		x, y := s.snap(r.X), s.snap(r.Y)
		switch r.Cmd {
		case Stitch:
			if !started {
				started = true
				if opts.StartAtOrigin && (x != 0 || y != 0) {
					s.move(0, 0, x, y, Jump, 0)
				}
				s.emit(x, y, Stitch)
				px, py = x, y
				jumping, trimmed = false, false
				continue
			}
			if trimmed && !jumping && (x != px || y != py) {
				s.move(px, py, x, y, Jump, 0)
				px, py = x, y
				jumping = true
			}
			if jumping && !opts.NoNeedleDown && (x != px || y != py) {
				s.emit(px, py, Stitch)
			}
			s.move(px, py, x, y, Stitch, s.maxStitch)
			px, py = x, y
			jumping, trimmed = false, false
		case Jump:
			if !started {
				started = true
			}
			s.move(px, py, x, y, Jump, 0)
			px, py = x, y
			jumping = true
		case Trim:
			trimmed = true
			s.emit(px, py, Trim)
		case End:
			s.emit(px, py, End)
			out.Records = s.unscale()
			return out
		default: // ColorChange, Stop: keep where the needle is
			s.emit(px, py, r.Cmd)
		}
	}
	out.Records = s.unscale()
	return out
}

type splitter struct {
	scale     float64
	grid      bool
	maxStitch float64 // in scaled units; 0 = none
	maxMove   float64 // in scaled units; 0 = none
	out       []Record
}

func (s *splitter) snap(v float64) float64 {
	if s.grid {
		return math.RoundToEven(v * s.scale)
	}
	return v
}

func (s *splitter) emit(x, y float64, c Command) {
	s.out = append(s.out, Record{X: x, Y: y, Cmd: c})
}

// move emits the records that go from (x0, y0) to (x1, y1) with command c in
// the fewest even pieces that respect maxLen (straight-line, 0 = none) and
// the per-axis move limit.
func (s *splitter) move(x0, y0, x1, y1 float64, c Command, maxLen float64) {
	dx, dy := x1-x0, y1-y0
	n := 1
	if maxLen > 0 {
		n = max(n, int(math.Ceil(math.Hypot(dx, dy)/maxLen-1e-9)))
	}
	if s.maxMove > 0 {
		n = max(n, int(math.Ceil(math.Abs(dx)/s.maxMove-1e-9)), int(math.Ceil(math.Abs(dy)/s.maxMove-1e-9)))
	}
	for ; ; n++ {
		if n == 1 || s.fits(x0, y0, dx, dy, n, maxLen) {
			break
		}
	}
	for i := 1; i < n; i++ {
		x, y := s.piece(x0, dx, i, n), s.piece(y0, dy, i, n)
		s.emit(x, y, c)
	}
	s.emit(x1, y1, c)
}

func (s *splitter) piece(v0, d float64, i, n int) float64 {
	v := v0 + d*float64(i)/float64(n)
	if s.grid {
		return math.Round(v)
	}
	return v
}

// fits reports whether n pieces, after grid rounding, all respect the limits.
func (s *splitter) fits(x0, y0, dx, dy float64, n int, maxLen float64) bool {
	if !s.grid {
		return true
	}
	qx, qy := x0, y0
	for i := 1; i <= n; i++ {
		x, y := s.piece(x0, dx, i, n), s.piece(y0, dy, i, n)
		ex, ey := x-qx, y-qy
		if maxLen > 0 && math.Hypot(ex, ey) > maxLen+1e-9 {
			return false
		}
		if s.maxMove > 0 && (math.Abs(ex) > s.maxMove || math.Abs(ey) > s.maxMove) {
			return false
		}
		qx, qy = x, y
	}
	return true
}

func (s *splitter) unscale() []Record {
	if s.grid {
		for i := range s.out {
			s.out[i].X /= s.scale
			s.out[i].Y /= s.scale
			if s.out[i].X == 0 {
				s.out[i].X = 0 // no -0
			}
			if s.out[i].Y == 0 {
				s.out[i].Y = 0
			}
		}
	}
	return s.out
}
