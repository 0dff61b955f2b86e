package slice

import "math"

// planner estimates how long the printer takes for a run of moves, the way a
// Marlin-style firmware plans them: each move accelerates and decelerates in a
// trapezoid at its acceleration, speeds at the junctions are limited by the
// per-axis jerk (Prusa firmware's classic jerk) and by what the neighbouring
// moves can reach, found by a backward then a forward pass.
type planner struct {
	maxFeed  [4]float64 // mm/s
	maxAccel [4]float64 // mm/s²
	jerk     [4]float64 // mm/s
	blocks   []block
	total    float64 // seconds of the blocks already planned
}

type block struct {
	length  float64    // mm (XYZ length, or |E| for E-only moves)
	unit    [4]float64 // velocity per unit of nominal speed, per axis
	nominal float64    // mm/s
	accel   float64    // mm/s²
	safe    float64    // speed at which it may start or stop from rest
	maxJunc float64    // highest entry speed the jerk limits allow
	entry   float64
}

func newPlanner(cfg *Config) *planner {
	return &planner{maxFeed: cfg.MaxFeedrate, maxAccel: cfg.MaxAcceleration, jerk: cfg.MaxJerk}
}

// add queues a move of d (mm along X, Y, Z, E) at feed mm/s with the
// acceleration a in mm/s².
func (p *planner) add(d [4]float64, feed, a float64) {
	length := math.Sqrt(d[0]*d[0] + d[1]*d[1] + d[2]*d[2])
	if length < 1e-6 {
		length = math.Abs(d[3])
	}
	if length < 1e-6 || feed <= 0 {
		return
	}
	var b block
	b.length = length
	v := feed
	for i := range 4 {
		b.unit[i] = d[i] / length
		if c := math.Abs(b.unit[i]) * v; p.maxFeed[i] > 0 && c > p.maxFeed[i] {
			v *= p.maxFeed[i] / c
		}
	}
	for i := range 4 {
		if u := math.Abs(b.unit[i]); u > 1e-12 && p.maxAccel[i] > 0 && a*u > p.maxAccel[i] {
			a = p.maxAccel[i] / u
		}
	}
	b.nominal, b.accel = v, a
	// Safe speed: starting from rest, no axis may jump by more than its jerk.
	safe := v
	for i := range 4 {
		if c := math.Abs(b.unit[i]) * safe; p.jerk[i] > 0 && c > p.jerk[i] {
			safe *= p.jerk[i] / c
		}
	}
	b.safe = safe
	b.maxJunc = safe
	if n := len(p.blocks); n > 0 {
		prev := &p.blocks[n-1]
		vj := math.Min(v, prev.nominal)
		factor := 1.0
		for i := range 4 {
			exit := prev.unit[i] * vj * factor
			entry := b.unit[i] * vj * factor
			j := jerkOf(exit, entry)
			if p.jerk[i] > 0 && j > p.jerk[i] {
				factor *= p.jerk[i] / j
			}
		}
		vj *= factor
		if thr := vj * 0.99; prev.safe > thr && safe > thr {
			vj = safe
		}
		b.maxJunc = math.Max(vj, 0)
	}
	p.blocks = append(p.blocks, b)
}

// jerkOf is the speed jump an axis sees going from exit to entry velocity,
// as the Prusa firmware counts it.
func jerkOf(exit, entry float64) float64 {
	if exit > entry {
		if entry > 0 || exit < 0 {
			return exit - entry
		}
		return math.Max(exit, -entry)
	}
	if entry < 0 || exit > 0 {
		return entry - exit
	}
	return math.Max(-exit, entry)
}

// flush plans the queued blocks to a stop and adds their time to the total.
func (p *planner) flush() {
	bs := p.blocks
	n := len(bs)
	if n == 0 {
		return
	}
	// Backward pass: each entry speed must allow decelerating to the next one.
	next := bs[n-1].safe
	for i := n - 1; i >= 0; i-- {
		b := &bs[i]
		v := math.Sqrt(next*next + 2*b.accel*b.length)
		b.entry = math.Min(math.Min(b.maxJunc, b.nominal), v)
		next = b.entry
	}
	bs[0].entry = math.Min(bs[0].entry, bs[0].safe)
	// Forward pass: each exit speed must be reachable from the entry.
	for i := range n {
		b := &bs[i]
		exit := bs[n-1].safe
		if i+1 < n {
			exit = bs[i+1].entry
		}
		if lim := math.Sqrt(b.entry*b.entry + 2*b.accel*b.length); exit > lim {
			exit = lim
			if i+1 < n {
				bs[i+1].entry = lim
			}
		}
		p.total += trapezoid(b.length, b.entry, exit, b.nominal, b.accel)
	}
	p.blocks = p.blocks[:0]
}

// trapezoid returns the time to cover length starting at v0, ending at v1,
// cruising at most at vmax, with acceleration a.
func trapezoid(length, v0, v1, vmax, a float64) float64 {
	if a <= 0 {
		return length / vmax
	}
	d1 := (vmax*vmax - v0*v0) / (2 * a)
	d2 := (vmax*vmax - v1*v1) / (2 * a)
	if d1+d2 <= length {
		return (vmax-v0)/a + (vmax-v1)/a + (length-d1-d2)/vmax
	}
	vp := math.Sqrt((2*a*length + v0*v0 + v1*v1) / 2)
	if vp < math.Max(v0, v1) {
		vp = math.Max(v0, v1)
	}
	return math.Max(0, (vp-v0)/a) + math.Max(0, (vp-v1)/a)
}

// seconds returns the planned time so far, after planning what is queued.
func (p *planner) seconds() float64 {
	p.flush()
	return p.total
}
