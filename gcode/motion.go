package gcode

// Planner times moves as the printer's firmware plans them, for a program
// that generates G-code and wants its duration without writing and reading
// text: it is the model the Estimator times files with (trapezoids at the
// move's acceleration, classic-jerk junctions, look-ahead over the queue),
// fed with moves directly.
//
// Moves are relative, in mm, feed rates in mm/s. As in the Estimator, a move
// that does not extrude runs at the travel acceleration, a move of the
// extruder alone at the retraction acceleration, others at the printing
// acceleration, each within the per-axis limits. Flow and speed overrides
// (M221, M220) stay at 100 %.
//
// A Planner is not safe for concurrent use; separate Planners are independent
// (one per worker).
type Planner struct {
	lim Limits
	pl  planner
}

// NewPlanner returns a Planner with the machine at rest under lim.
func NewPlanner(lim Limits) *Planner {
	return &Planner{lim: lim, pl: newPlanner()}
}

// Limits returns the limits the Planner plans with now.
func (p *Planner) Limits() Limits { return p.lim }

// SetAccel sets the accelerations, mm/s², as M204 P (print) R (retract) T
// (travel) does: print is capped at the limits' MaxPrintAccel; a value of 0
// or less leaves that one unchanged. The legacy M204 S a is SetAccel(a, 0, a).
func (p *Planner) SetAccel(print, retract, travel float64) {
	if print > 0 {
		p.lim.Accel = p.lim.capPrint(print)
	}
	if retract > 0 {
		p.lim.RetractAccel = retract
	}
	if travel > 0 {
		p.lim.TravelAccel = travel
	}
}

// Move queues a straight move by dx, dy, dz mm and de mm of filament at
// feed mm/s (the speed along XYZ, or of the extruder for a move of the
// extruder alone), as G1 with relative coordinates. An empty move is ignored.
func (p *Planner) Move(dx, dy, dz, de, feed float64) {
	d := [numAxes]float64{dx, dy, dz, de}
	p.pl.add(&p.lim, d, feed, 1, moveKind(d), 0, 0)
}

// Stop lets the queued moves finish with the machine at rest, as the
// firmware does when it waits for them (M400, G4): the next move starts
// from a standstill.
func (p *Planner) Stop() { p.pl.sync() }

// Seconds stops (see Stop) and returns the time, in seconds, of all the
// moves since NewPlanner or Reset.
func (p *Planner) Seconds() float64 {
	p.pl.sync()
	return p.pl.total
}

// Reset empties the queue and zeroes the time, keeping the limits and
// accelerations, so that the Planner can time another run of moves.
func (p *Planner) Reset() { p.pl.reset() }
