package gcode

import "math"

// The planner models the motion planner of Marlin 1.x-derived firmware (the
// Prusa i3 MK3S runs one): every move becomes a block that accelerates,
// cruises and decelerates along a trapezoid; the speed at the junction of two
// blocks is limited by the classic per-axis jerk rule; a look-ahead over the
// queued blocks (backward pass, then forward pass) raises junction speeds as
// far as the blocks' lengths allow.
//
// The firmware replans on every new block over its 16-block queue. Estimators
// that match the printer (PrusaSlicer's among them) plan in batches instead:
// blocks accumulate to planBatch, the whole batch is planned, and all but the
// last planKeep are retired with their final trapezoid; the kept ones are
// planned again with the blocks that follow. Work per block is constant and
// memory bounded.
const (
	planBatch = 256
	planKeep  = 64
)

// Move kinds, which select the acceleration.
const (
	kindTravel  = iota // no extrusion: TravelAccel
	kindExtrude        // moves with extrusion: Accel
	kindRetract        // extruder alone: RetractAccel
)

type block struct {
	dist     float64 // mm (XYZ length, or |E| for extruder-only moves)
	accel    float64 // mm/s²
	nominal  float64 // cruise speed, mm/s
	entry    float64 // planned entry speed
	maxEntry float64 // junction limit with the previous block
	safe     float64 // speed from which the block may stop at once
	// nominalLen: the block is long enough to slow from its nominal speed
	// to its safe speed, so its entry never needs the backward check.
	nominalLen bool
	layer      int32 // index into the estimator's layer table
	feature    int32 // index into the estimator's feature table
}

// planner turns moves into blocks and blocks into time.
type planner struct {
	blocks []block

	// Previous block, for the junction.
	prevV       [numAxes]float64
	prevNominal float64
	prevSafe    float64
	queued      bool // a previous block is queued (no synchronisation since)

	// Time of retired blocks.
	total     float64
	byLayer   []float64
	byFeature []float64
}

func newPlanner() planner {
	return planner{blocks: make([]block, 0, planBatch)}
}

// add queues a move of d (mm per axis, E already in filament mm) at feed
// mm/s. flow scales the extruder speed (M221). It returns the nominal speed
// the move runs at and its extruder speed after the machine limits.
func (p *planner) add(lim *Limits, d [numAxes]float64, feed, flow float64, kind int, layer, feature int32) (nominal, eSpeed float64) {
	dist := math.Sqrt(d[axX]*d[axX] + d[axY]*d[axY] + d[axZ]*d[axZ])
	if dist == 0 {
		dist = math.Abs(d[axE])
		if dist == 0 {
			return 0, 0
		}
	}
	if kind == kindTravel {
		feed = max(feed, lim.MinTravelFeedrate)
	} else {
		feed = max(feed, lim.MinFeedrate)
	}
	inv := 1 / dist
	var v [numAxes]float64
	factor := 1.0
	for a := range numAxes {
		v[a] = feed * d[a] * inv
		if a == axE {
			v[a] *= flow
		}
		if av := math.Abs(v[a]); av > 0 && lim.MaxFeedrate[a] > 0 && av*factor > lim.MaxFeedrate[a] {
			factor = lim.MaxFeedrate[a] / av
		}
	}
	nominal = feed * factor
	for a := range numAxes {
		v[a] *= factor
	}

	var accel float64
	switch kind {
	case kindTravel:
		accel = lim.TravelAccel
	case kindRetract:
		accel = lim.RetractAccel
	default:
		accel = lim.Accel
	}
	// No axis may accelerate beyond its own limit.
	for a := range numAxes {
		// The axis takes |v[a]|/nominal of the acceleration.
		if av := math.Abs(v[a]); lim.MaxAccel[a] > 0 && accel*av > lim.MaxAccel[a]*nominal {
			accel = lim.MaxAccel[a] * nominal / av
		}
	}

	// Safe speed: the speed from which the block can start from (or stop
	// to) a standstill with no axis jumping by more than its jerk.
	safe := nominal
	limited := false
	for a := range numAxes {
		jerk := math.Abs(v[a])
		mj := lim.MaxJerk[a]
		if jerk <= mj {
			continue
		}
		if !limited {
			safe = mj
			limited = true
		} else if jerk*safe > mj*nominal {
			safe = mj * nominal / jerk
		}
	}
	if safe > nominal {
		safe = nominal
	}

	// Junction with the previous block (classic jerk).
	vmax := safe
	if p.queued && p.prevNominal > 1e-4 {
		prevLarger := p.prevNominal > nominal
		shrink := 1.0
		if prevLarger {
			vmax = nominal
			shrink = nominal / p.prevNominal
		} else {
			vmax = p.prevNominal
		}
		vf := 1.0
		for a := range numAxes {
			vExit, vEntry := p.prevV[a], v[a]
			if prevLarger {
				// Only the faster previous block is brought down to
				// the junction speed: the firmware does not scale the
				// entry side, which keeps it on the careful side.
				vExit *= shrink
			}
			vExit *= vf
			vEntry *= vf
			var jerk float64
			if (vExit > 0 && vEntry < 0) || (vExit < 0 && vEntry > 0) {
				jerk = max(math.Abs(vExit), math.Abs(vEntry)) // reversal
			} else {
				jerk = math.Abs(vExit - vEntry) // coasting
			}
			if jerk > lim.MaxJerk[a] {
				vf *= lim.MaxJerk[a] / jerk
			}
		}
		vmax *= vf
		// Both sides could start from rest at their safe speeds anyway:
		// let this block start at its own.
		if th := vmax * 0.99; p.prevSafe > th && safe > th {
			vmax = safe
		}
	}
	allow := math.Sqrt(safe*safe + 2*accel*dist)
	p.blocks = append(p.blocks, block{
		dist:       dist,
		accel:      accel,
		nominal:    nominal,
		entry:      min(vmax, allow),
		maxEntry:   vmax,
		safe:       safe,
		nominalLen: nominal <= allow,
		layer:      layer,
		feature:    feature,
	})
	p.prevV = v
	p.prevNominal = nominal
	p.prevSafe = safe
	p.queued = true
	if len(p.blocks) >= planBatch {
		p.plan(planKeep)
	}
	return nominal, math.Abs(v[axE])
}

// plan runs the look-ahead over the queued blocks and retires all but the
// last keep of them.
func (p *planner) plan(keep int) {
	b := p.blocks
	n := len(b)
	if n == 0 {
		return
	}
	// Backward pass: every block must be able to slow down to the entry
	// speed of the next one within its length.
	// As the firmware does, a block already entered at its junction limit
	// is left alone: its entry was capped at creation so that it can stop
	// to its safe speed, which the next junction never goes below.
	for i := n - 2; i >= 0; i-- {
		c := &b[i]
		if c.entry == c.maxEntry {
			continue
		}
		next := b[i+1].entry
		if !c.nominalLen && c.maxEntry > next {
			c.entry = min(c.maxEntry, math.Sqrt(next*next+2*c.accel*c.dist))
		} else {
			c.entry = c.maxEntry
		}
	}
	// Forward pass: and speed up to it.
	for i := 0; i+1 < n; i++ {
		c, nx := &b[i], &b[i+1]
		if nx.entry <= c.entry {
			continue // no need to speed up
		}
		if reach := math.Sqrt(c.entry*c.entry + 2*c.accel*c.dist); nx.entry > reach {
			nx.entry = reach
		}
	}
	done := n - keep
	for i := range done {
		c := &b[i]
		exit := c.safe
		if i+1 < n {
			exit = b[i+1].entry
		}
		t := trapezoidTime(c.entry, exit, c.nominal, c.accel, c.dist)
		p.account(t, c.layer, c.feature)
	}
	p.blocks = b[:copy(b, b[done:])]
}

// sync empties the queue as the firmware does when it waits for the moves
// to finish (dwell, G92 of an axis, heating): the last block stops.
func (p *planner) sync() {
	p.plan(0)
	p.queued = false
}

func (p *planner) account(t float64, layer, feature int32) {
	p.total += t
	for int(layer) >= len(p.byLayer) {
		p.byLayer = append(p.byLayer, 0)
	}
	p.byLayer[layer] += t
	for int(feature) >= len(p.byFeature) {
		p.byFeature = append(p.byFeature, 0)
	}
	p.byFeature[feature] += t
}

// trapezoidTime returns the time to cover dist mm starting at entry mm/s,
// cruising at most at nominal and ending at exit, with accel mm/s² both ways.
// When the block is too short to reach the cruise speed, it accelerates to
// the peak speed where the two ramps meet.
func trapezoidTime(entry, exit, nominal, accel, dist float64) float64 {
	if nominal <= 0 {
		return 0
	}
	if accel <= 0 {
		return dist / nominal
	}
	entry = min(entry, nominal)
	exit = min(exit, nominal)
	up := (nominal*nominal - entry*entry) / (2 * accel)
	down := (nominal*nominal - exit*exit) / (2 * accel)
	if cruise := dist - up - down; cruise >= 0 {
		return (nominal-entry)/accel + cruise/nominal + (nominal-exit)/accel
	}
	x := (2*accel*dist - entry*entry + exit*exit) / (4 * accel)
	x = min(max(x, 0), dist)
	peak := math.Sqrt(entry*entry + 2*accel*x)
	end := math.Sqrt(max(0, peak*peak-2*accel*(dist-x)))
	return (peak-entry)/accel + (peak-end)/accel
}

// moveKind tells which acceleration a move of d runs with.
func moveKind(d [numAxes]float64) int {
	switch {
	case d[axE] == 0:
		return kindTravel
	case d[axX] == 0 && d[axY] == 0 && d[axZ] == 0:
		return kindRetract
	}
	return kindExtrude
}

// reset empties the queue and the time, keeping the memory for reuse.
func (p *planner) reset() {
	*p = planner{blocks: p.blocks[:0], byLayer: p.byLayer[:0], byFeature: p.byFeature[:0]}
}
