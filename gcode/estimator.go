package gcode

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"sort"
	"strconv"
)

// Estimator interprets G-code commands the way a Marlin/Prusa printer runs
// them — positions, relative/absolute modes, feed rate and flow overrides,
// machine limits read from the file — and times every move with the firmware
// planner model (see Limits). It also gathers the statistics of Stats.
//
// Feed it commands with Exec, raw lines with ExecLine, or text with Write, in
// file order, and call Finish once at the end. Memory stays bounded: the planner keeps a
// fixed window of moves, statistics are per layer and per feature type.
// An Estimator is not safe for concurrent use; separate Estimators are
// independent.
type Estimator struct {
	opts   Options
	lim    Limits
	pl     planner
	area   float64 // filament cross-section, mm²
	arcSeg float64

	pos      [numAxes]float64 // machine position, mm
	origin   [3]float64       // G92 offsets of X, Y, Z
	relAll   bool             // G91
	relE     bool             // M83
	units    float64          // 1, or 25.4 after G20
	feed     float64          // mm/s, as commanded
	speedPct float64          // M220, 1 = 100 %
	flow     float64          // M221, 1 = 100 %
	wiping   bool

	feature   int32
	features  []string
	featureOf map[string]int32

	// layers[0] gathers what comes before the first layer.
	layers      []LayerStats
	markers     bool // the file marks its layers (;LAYER_CHANGE, ;LAYER:)
	markerStart int  // index of the first marked layer
	zPending    bool // a marked layer waits for its Z
	layerZ      float64
	retracted   bool
	curaElapsed bool
	printDebt   float64 // filament retracted and not yet pushed back
	extruding   bool    // at least one extrusion seen
	unknown     map[cmdKey]int
	st          Stats
	tmpCmd      Command
	partial     []byte // Write: start of a line not ended yet
	finished    *Stats
	extBounds   boxAcc
	acc         []layerAcc // beside layers: what only Finish needs
	moveBounds  boxAcc
	heightsSeen map[float64]struct{}

	// Walk's hook: every straight move with its layer in the estimator's numbering.
	onMove func(from, to [numAxes]float64, layer int, feature int32, name string, extrude bool)

	// err is the first command refused as out of range (see Err).
	err error
}

// Bounds on what a move may name. No machine has an axis a kilometre long:
// a larger coordinate is a corrupt or hostile file, and left in it would
// make distances, times and pictures infinite (1e300² overflows).
const (
	// MaxCoordinate bounds X, Y, Z, I, J and R words and the positions they
	// lead to, in millimetres (after G20 inches are converted).
	MaxCoordinate = 1e6
	// MaxExtrusion bounds E words, in millimetres of filament: larger than
	// MaxCoordinate because absolute extrusion without a reset counts the
	// whole print (10 km is some 30 kg of 1.75 mm filament).
	MaxExtrusion = 1e7
)

// ErrRange is wrapped by Err, Analyze and Walk for a move whose coordinate
// is not finite or lies beyond MaxCoordinate (MaxExtrusion for E).
var ErrRange = errors.New("coordinate out of range")

// layerAcc holds, per layer, the E and the box of the moves outside
// ;TYPE:Custom sections: whether they belong to the print is known only at
// the end (a layer mark may come after the purge line).
type layerAcc struct {
	printE float64
	box    boxAcc
}

func (b *boxAcc) merge(o *boxAcc) {
	if o.ok {
		b.add(o.min[0], o.min[1], o.min[2])
		b.add(o.max[0], o.max[1], o.max[2])
	}
}

type cmdKey struct {
	letter      byte
	number, sub int32
}

type boxAcc struct {
	min, max [3]float64
	ok       bool
}

func (b *boxAcc) add(x, y, z float64) {
	if !b.ok {
		b.min = [3]float64{x, y, z}
		b.max = b.min
		b.ok = true
		return
	}
	b.min[0], b.max[0] = min(b.min[0], x), max(b.max[0], x)
	b.min[1], b.max[1] = min(b.min[1], y), max(b.max[1], y)
	b.min[2], b.max[2] = min(b.min[2], z), max(b.max[2], z)
}

func (b *boxAcc) box() Box {
	if !b.ok {
		return Box{}
	}
	r := func(v float64) float64 { return math.Round(v*1e4) / 1e4 }
	return Box{MinX: r(b.min[0]), MinY: r(b.min[1]), MinZ: r(b.min[2]), MaxX: r(b.max[0]), MaxY: r(b.max[1]), MaxZ: r(b.max[2])}
}

// NewEstimator returns an Estimator starting with the machine at the origin,
// absolute positioning, absolute extrusion and the limits of opts.
func NewEstimator(opts Options) *Estimator {
	opts = opts.withDefaults()
	e := &Estimator{
		opts:        opts,
		lim:         *opts.Limits,
		pl:          newPlanner(),
		arcSeg:      opts.ArcSegment,
		units:       1,
		feed:        opts.DefaultFeedrate,
		speedPct:    1,
		flow:        1,
		features:    []string{OtherFeature, customName},
		featureOf:   map[string]int32{OtherFeature: 0, customName: customFeature},
		layers:      make([]LayerStats, 1, 512),
		acc:         make([]layerAcc, 1, 512),
		unknown:     map[cmdKey]int{},
		heightsSeen: map[float64]struct{}{},
	}
	d := opts.FilamentDiameter
	e.area = math.Pi * d * d / 4
	return e
}

// Bounds that keep memory fixed whatever the input.
const (
	// MaxLayers is the most layers an Estimator tells apart (a 210 mm
	// print at 0.05 mm has 4200); marks beyond it add to the last layer.
	MaxLayers = 100000
	// minLayerStep: in files without layer marks, an extrusion opens a
	// layer when it is this much above the current one. Spiral (vase)
	// files rise a little at every move; no real layer is this thin.
	minLayerStep = 0.025
	// maxDistinct caps the distinct feature names, unknown command names
	// and temperatures kept.
	maxDistinct = 256
)

// OtherFeature names the time and filament of moves outside any ;TYPE:
// section (start G-code, files from slicers that do not mark features).
const OtherFeature = "Other"

// PrusaSlicer marks its start and end G-code with ;TYPE:Custom.
const (
	customName    = "Custom"
	customFeature = 1
)

// Elapsed returns the printing time in seconds of the moves planned so far.
// It lags the input by the planner's look-ahead window; after Finish it is
// the total.
func (e *Estimator) Elapsed() float64 { return e.pl.total }

// Position returns where the moves so far have left the head: X, Y and Z
// in millimetres.
func (e *Estimator) Position() (x, y, z float64) { return e.pos[axX], e.pos[axY], e.pos[axZ] }

// ExecLine parses one line of G-code and executes it.
func (e *Estimator) ExecLine(line []byte) {
	ParseLine(line, &e.tmpCmd)
	e.Exec(&e.tmpCmd)
}

// Write implements io.Writer: the Estimator reads G-code text as it is
// written, whole lines at a time (a line cut across two writes waits for its
// end). A G-code writer can tee its output into an Estimator with
// io.MultiWriter and call Finish for the figures of what it wrote. Write never
// fails.
func (e *Estimator) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			if room := MaxLineLength - len(e.partial); room > 0 {
				e.partial = append(e.partial, p[:min(len(p), room)]...)
			}
			break
		}
		if len(e.partial) > 0 {
			if room := MaxLineLength - len(e.partial); room > 0 {
				e.partial = append(e.partial, p[:min(i, room)]...)
			}
			e.ExecLine(e.partial)
			e.partial = e.partial[:0]
		} else {
			e.ExecLine(p[:i])
		}
		p = p[i+1:]
	}
	return n, nil
}

// Exec executes one parsed command (a line: command, comment or both).
func (e *Estimator) Exec(c *Command) {
	e.st.Lines++
	if c.Letter == 0 {
		if c.Comment != nil {
			e.comment(c.Comment)
		}
		return
	}
	e.st.Commands++
	if c.Letter == 'G' && (c.Number <= 3 || c.Number == 92) && c.Sub < 0 && !e.inRange(c) {
		return
	}
	switch c.Letter {
	case 'G':
		switch c.Number {
		case 0, 1:
			e.move(c)
		case 2, 3:
			e.arc(c, c.Number == 2)
		case 4:
			e.dwell(c)
		case 10: // firmware retraction
			if !e.retracted {
				e.st.Retractions++
				e.retracted = true
			}
		case 11:
			e.retracted = false
		case 20:
			e.units = 25.4
		case 21:
			e.units = 1
		case 28:
			e.home(c)
		case 90:
			e.relAll = false
		case 91:
			e.relAll = true
		case 92:
			e.setPosition(c)
		case 29, 80, 81, 82: // bed levelling: printer specific, not timed
		default:
			e.unknownCmd(c)
		}
	case 'M':
		switch c.Number {
		case 82:
			e.relE = false
		case 83:
			e.relE = true
		case 104, 109:
			if v, ok := c.Get('S'); ok {
				e.nozzleTemp(v)
			} else if v, ok := c.Get('R'); ok {
				e.nozzleTemp(v)
			}
			if c.Number == 109 {
				e.pl.sync()
			}
		case 140, 190:
			if v, ok := c.Get('S'); ok {
				e.bedTemp(v)
			} else if v, ok := c.Get('R'); ok {
				e.bedTemp(v)
			}
			if c.Number == 190 {
				e.pl.sync()
			}
		case 106:
			if v, ok := c.Get('S'); ok {
				e.st.MaxFanPercent = max(e.st.MaxFanPercent, math.Round(v/255*1000)/10)
			} else {
				e.st.MaxFanPercent = 100
			}
		case 107:
		case 201, 203, 204, 205:
			u := 1.0
			if c.Number == 201 {
				u = e.units
			}
			e.lim.apply(c, u)
		case 220:
			if v, ok := c.Get('S'); ok && v > 0 {
				e.speedPct = v / 100
			}
		case 221:
			if v, ok := c.Get('S'); ok && v > 0 && !c.Has('T') {
				e.flow = v / 100
			}
		case 0, 1, 25, 400, 600, 601: // stops and waits: the queue drains
			e.pl.sync()
		case 73, 17, 18, 84, 105, 110, 112, 113, 114, 115, 117, 118, 120, 121, 141, 155, 214, 215, 217, 218,
			300, 350, 420, 486, 500, 501, 502, 503, 555, 603, 701, 702, 862, 900, 907:
			// Known commands that take no printing time.
		default:
			e.unknownCmd(c)
		}
	case 'T':
		e.st.ToolChanges++
	default:
		e.unknownCmd(c)
	}
}

// Err returns the first error met: a move or G92 with a coordinate that is
// not finite or lies beyond MaxCoordinate (MaxExtrusion for E), naming its
// line as counted by Exec (the file's line when every line went through
// Exec, as with Analyze and Walk). The command is not executed; later
// commands are, so that Finish still reports what came before.
func (e *Estimator) Err() error { return e.err }

// inRange checks the coordinate words of a G0–G3 or G92; it records the
// first failure in e.err. Moves check the position they lead to in
// reachable.
func (e *Estimator) inRange(c *Command) bool {
	const words = 1<<('X'-'A') | 1<<('Y'-'A') | 1<<('Z'-'A') | 1<<('I'-'A') | 1<<('J'-'A') | 1<<('R'-'A') | 1<<('E'-'A')
	for m := c.mask & words; m != 0; m &= m - 1 {
		i := bits.TrailingZeros32(m)
		limit := MaxCoordinate
		if i == 'E'-'A' {
			limit = MaxExtrusion
		}
		if v := c.vals[i] * e.units; !(math.Abs(v) <= limit) { // NaN fails too
			e.rangeErr(c, string(rune('A'+i)), v, limit)
			return false
		}
	}
	return true
}

// reachable checks the position t a move of c leads to (relative moves
// add up).
func (e *Estimator) reachable(c *Command, t *[numAxes]float64) bool {
	for a := range 3 {
		if !(math.Abs(t[a]) <= MaxCoordinate) {
			e.rangeErr(c, "moves "+string("XYZ"[a])+" to ", t[a], MaxCoordinate)
			return false
		}
	}
	return true
}

// rangeErr records the first coordinate out of range.
func (e *Estimator) rangeErr(c *Command, what string, v, limit float64) {
	if e.err == nil {
		e.err = fmt.Errorf("gcode: line %d: G%d %s%g mm: %w (beyond ±%.0f mm: no machine reaches it)",
			e.st.Lines, c.Number, what, v, ErrRange, limit)
	}
}

func (e *Estimator) unknownCmd(c *Command) {
	e.st.UnknownCommands++
	k := cmdKey{c.Letter, int32(c.Number), int32(c.Sub)}
	if _, ok := e.unknown[k]; ok || len(e.unknown) < maxDistinct {
		e.unknown[k]++
	}
}

func (e *Estimator) nozzleTemp(v float64) {
	if v > 0 && len(e.st.NozzleTemps) < maxDistinct && !containsFloat(e.st.NozzleTemps, v) {
		e.st.NozzleTemps = append(e.st.NozzleTemps, v)
	}
}

func (e *Estimator) bedTemp(v float64) {
	if v > 0 && len(e.st.BedTemps) < maxDistinct && !containsFloat(e.st.BedTemps, v) {
		e.st.BedTemps = append(e.st.BedTemps, v)
	}
}

func containsFloat(s []float64, v float64) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// target computes the machine position a G0/G1/G2/G3 names.
func (e *Estimator) target(c *Command) [numAxes]float64 {
	t := e.pos
	letters := [numAxes]byte{'X', 'Y', 'Z', 'E'}
	for a, l := range letters {
		v, ok := c.Get(l)
		if !ok {
			continue
		}
		v *= e.units
		switch {
		case a == axE:
			if e.relAll || e.relE {
				t[a] = e.pos[a] + v
			} else {
				t[a] = v
			}
		case e.relAll:
			t[a] = e.pos[a] + v
		default:
			t[a] = e.origin[a] + v
		}
	}
	return t
}

func (e *Estimator) setFeed(c *Command) {
	if f, ok := c.Get('F'); ok && f > 0 {
		e.feed = f * e.units / 60
	}
}

func (e *Estimator) move(c *Command) {
	t := e.target(c)
	if !e.reachable(c, &t) {
		return
	}
	e.setFeed(c)
	e.moveTo(t)
}

// moveTo moves in a straight line to t and accounts for it.
func (e *Estimator) moveTo(t [numAxes]float64) {
	var d [numAxes]float64
	for a := range numAxes {
		d[a] = t[a] - e.pos[a]
	}
	if d == [numAxes]float64{} {
		return
	}
	xy := d[axX] != 0 || d[axY] != 0
	xyz := xy || d[axZ] != 0
	kind := moveKind(d)
	e.st.Moves++
	layer := e.currentLayer()
	if d[axE] > 0 && xy {
		// An extrusion: it may open a layer when the file does not mark them.
		if !e.markers && (!e.extruding || t[axZ] >= e.layerZ+minLayerStep) && len(e.layers) <= MaxLayers {
			e.newLayer(t[axZ], 0)
			layer = e.currentLayer()
		} else if e.markers && e.zPending {
			e.setLayerZ(t[axZ], 0)
		}
		e.extruding = true
		e.extBounds.add(e.pos[axX], e.pos[axY], e.pos[axZ])
		e.extBounds.add(t[axX], t[axY], t[axZ])
		if e.feature != customFeature {
			e.acc[layer].box.add(e.pos[axX], e.pos[axY], e.pos[axZ])
			e.acc[layer].box.add(t[axX], t[axY], t[axZ])
		}
		e.st.ExtrusionMoves++
	}
	if xyz {
		e.moveBounds.add(t[axX], t[axY], t[axZ])
	}
	if d[axE] != 0 {
		if e.feature != customFeature {
			e.acc[layer].printE += d[axE]
			if d[axE] < 0 {
				e.printDebt -= d[axE]
			} else {
				e.printDebt = max(0, e.printDebt-d[axE])
			}
		}
		e.st.FilamentMM += d[axE]
		e.layers[layer].FilamentMM += d[axE]
		if d[axE] < 0 {
			if !e.retracted {
				e.st.Retractions++
				e.retracted = true
			}
		} else {
			e.retracted = false
		}
	}
	feature := e.feature
	if e.onMove != nil {
		e.onMove(e.pos, t, layer, feature, e.features[feature], d[axE] > 0 && xy)
	}
	nominal, eSpeed := e.pl.add(&e.lim, d, e.feed*e.speedPct, e.flow, kind, int32(layer), feature)
	if kind == kindTravel {
		e.st.MaxTravelSpeed = max(e.st.MaxTravelSpeed, nominal)
	} else if kind == kindExtrude && d[axE] > 0 {
		e.st.MaxPrintSpeed = max(e.st.MaxPrintSpeed, nominal)
		e.st.MaxVolumetricSpeed = max(e.st.MaxVolumetricSpeed, eSpeed*e.area)
	}
	e.pos = t
}

// arc splits a G2 (clockwise) or G3 move into chords of at most ArcSegment
// mm, as the firmware does before planning.
func (e *Estimator) arc(c *Command, cw bool) {
	t := e.target(c)
	if !e.reachable(c, &t) {
		return
	}
	e.setFeed(c)
	sx, sy := e.pos[axX], e.pos[axY]
	ex, ey := t[axX], t[axY]
	var cx, cy float64
	if r, ok := c.Get('R'); ok {
		r *= e.units
		dx, dy := ex-sx, ey-sy
		chord := math.Hypot(dx, dy)
		if chord == 0 || math.Abs(r) < chord/2-1e-9 {
			e.moveTo(t)
			return
		}
		h := math.Sqrt(max(0, r*r-chord*chord/4))
		// Centre to the right of the chord for clockwise small arcs; a
		// negative R asks for the arc longer than half a turn.
		sign := 1.0
		if cw == (r > 0) {
			sign = -1
		}
		mx, my := (sx+ex)/2, (sy+ey)/2
		cx = mx - sign*h*dy/chord
		cy = my + sign*h*dx/chord
	} else {
		i, _ := c.Get('I')
		j, _ := c.Get('J')
		cx, cy = sx+i*e.units, sy+j*e.units
	}
	r := math.Hypot(sx-cx, sy-cy)
	a0 := math.Atan2(sy-cy, sx-cx)
	a1 := math.Atan2(ey-cy, ex-cx)
	sweep := a1 - a0
	if cw {
		if sweep >= -1e-12 {
			sweep -= 2 * math.Pi
		}
	} else if sweep <= 1e-12 {
		sweep += 2 * math.Pi
	}
	length := math.Abs(sweep) * r
	n := int(math.Ceil(length / e.arcSeg))
	if n < 1 || r == 0 || math.IsNaN(length) {
		e.moveTo(t)
		return
	}
	if n > 100000 {
		n = 100000
	}
	start := e.pos
	for k := 1; k < n; k++ {
		f := float64(k) / float64(n)
		ang := a0 + sweep*f
		p := [numAxes]float64{
			cx + r*math.Cos(ang),
			cy + r*math.Sin(ang),
			start[axZ] + (t[axZ]-start[axZ])*f,
			start[axE] + (t[axE]-start[axE])*f,
		}
		e.moveTo(p)
	}
	e.moveTo(t)
}

func (e *Estimator) dwell(c *Command) {
	e.pl.sync()
	var s float64
	if p, ok := c.Get('P'); ok {
		s = p / 1000
	}
	if v, ok := c.Get('S'); ok {
		s += v
	}
	if s > 0 {
		e.pl.account(s, int32(e.currentLayer()), e.feature)
		e.st.DwellS += s
	}
}

func (e *Estimator) home(c *Command) {
	e.pl.sync()
	any := false
	for a, l := range [3]byte{'X', 'Y', 'Z'} {
		if c.Has(l) {
			e.pos[a], e.origin[a] = 0, 0
			any = true
		}
	}
	if !any {
		e.pos[axX], e.pos[axY], e.pos[axZ] = 0, 0, 0
		e.origin = [3]float64{}
	}
	e.st.Homings++
}

func (e *Estimator) setPosition(c *Command) {
	syncs := false
	for a, l := range [3]byte{'X', 'Y', 'Z'} {
		if v, ok := c.Get(l); ok {
			e.origin[a] = e.pos[a] - v*e.units
			syncs = true
		}
	}
	if v, ok := c.Get('E'); ok {
		e.pos[axE] = v * e.units
	}
	if syncs || c.mask == 0 {
		// Prusa firmware waits for the queue unless only E is set.
		e.pl.sync()
	}
}

func (e *Estimator) currentLayer() int { return len(e.layers) - 1 }

// newLayer opens a layer at z (height 0 = from the previous layer).
func (e *Estimator) newLayer(z, height float64) {
	e.layers = append(e.layers, LayerStats{})
	e.acc = append(e.acc, layerAcc{})
	e.setLayerZ(z, height)
}

func (e *Estimator) setLayerZ(z, height float64) {
	l := &e.layers[len(e.layers)-1]
	if height <= 0 {
		prev := 0.0
		if len(e.layers) > 1 && (!e.markers || len(e.layers)-1 > e.markerStart) {
			prev = e.layers[len(e.layers)-2].Z
		}
		height = z - prev
	}
	l.Z = round4(z)
	l.Height = round4(height)
	e.layerZ = z
	e.zPending = false
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// Comment tags (after ';').
var (
	tagLayerChange = []byte("LAYER_CHANGE")
	tagLayer       = []byte("LAYER:")
	tagType        = []byte("TYPE:")
	tagZ           = []byte("Z:")
	tagHeight      = []byte("HEIGHT:")
	tagWipeStart   = []byte("WIPE_START")
	tagWipeEnd     = []byte("WIPE_END")
	tagPrusaTime   = []byte(" estimated printing time (normal mode) =")
	tagPrusaSilent = []byte(" estimated printing time (silent mode) =")
	tagPrusaFil    = []byte(" filament used [mm] =")
	tagSlic3rFil   = []byte(" filament used =")
	tagCuraTime    = []byte("TIME:")
	tagCuraFil     = []byte("Filament used:")
	tagCuraElapsed = []byte("TIME_ELAPSED:")
	tagGenerated   = []byte(" generated by ")
	tagGeneratedC  = []byte("Generated with ")
)

func (e *Estimator) comment(t []byte) {
	if len(t) == 0 {
		return
	}
	switch t[0] {
	case 'L':
		if bytes.Equal(t, tagLayerChange) {
			e.markLayer()
		} else if bytes.HasPrefix(t, tagLayer) {
			if _, err := strconv.Atoi(string(bytes.TrimSpace(t[len(tagLayer):]))); err == nil {
				e.markLayer()
			}
		}
	case 'T':
		if bytes.HasPrefix(t, tagType) {
			name := bytes.TrimSpace(t[len(tagType):])
			id, ok := e.featureOf[string(name)]
			if !ok && len(e.features) >= maxDistinct {
				id, ok = 0, true // too many names: Other
			}
			if !ok {
				id = int32(len(e.features))
				e.features = append(e.features, string(name))
				e.featureOf[string(name)] = id
			}
			e.feature = id
		} else if !e.curaElapsed && e.st.Reported.PrintTimeS == 0 && bytes.HasPrefix(t, tagCuraTime) {
			if v, err := strconv.ParseFloat(string(bytes.TrimSpace(t[len(tagCuraTime):])), 64); err == nil {
				e.st.Reported.PrintTimeS = v
			}
		} else if bytes.HasPrefix(t, tagCuraElapsed) {
			// CuraEngine run alone leaves ;TIME:6666 as a placeholder in
			// the header; the last ;TIME_ELAPSED: is its real estimate.
			if v, err := strconv.ParseFloat(string(bytes.TrimSpace(t[len(tagCuraElapsed):])), 64); err == nil {
				e.st.Reported.PrintTimeS = v
				e.curaElapsed = true
			}
		}
	case 'Z':
		if e.markers && e.zPending && bytes.HasPrefix(t, tagZ) {
			if v, ok := parseNumber(bytes.TrimSpace(t[len(tagZ):])); ok {
				e.setLayerZ(v, e.layers[len(e.layers)-1].Height)
			}
		}
	case 'H':
		if e.markers && bytes.HasPrefix(t, tagHeight) {
			if v, ok := parseNumber(bytes.TrimSpace(t[len(tagHeight):])); ok && v > 0 {
				e.layers[len(e.layers)-1].Height = round4(v)
			}
		}
	case 'W':
		if bytes.Equal(t, tagWipeStart) {
			e.wiping = true
		} else if bytes.Equal(t, tagWipeEnd) {
			e.wiping = false
		}
	case 'F':
		if bytes.HasPrefix(t, tagCuraFil) {
			s := bytes.TrimSpace(t[len(tagCuraFil):])
			s = bytes.TrimSuffix(s, []byte("m"))
			if v, err := strconv.ParseFloat(string(s), 64); err == nil && v > 0 {
				e.st.Reported.FilamentMM = v * 1000
			}
		}
	case 'G':
		if e.st.Generator == "" && bytes.HasPrefix(t, tagGeneratedC) {
			e.st.Generator = string(bytes.TrimSpace(t[len(tagGeneratedC):]))
		}
	case ' ':
		switch {
		case bytes.HasPrefix(t, tagPrusaTime):
			if v, ok := parseDuration(t[len(tagPrusaTime):]); ok {
				e.st.Reported.PrintTimeS = v
			}
		case bytes.HasPrefix(t, tagPrusaSilent):
			if v, ok := parseDuration(t[len(tagPrusaSilent):]); ok {
				e.st.Reported.SilentPrintTimeS = v
			}
		case bytes.HasPrefix(t, tagPrusaFil):
			if v, err := strconv.ParseFloat(string(bytes.TrimSpace(t[len(tagPrusaFil):])), 64); err == nil {
				e.st.Reported.FilamentMM = v
			}
		case bytes.HasPrefix(t, tagSlic3rFil):
			// Slic3r: "; filament used = 1466.5mm (3.5cm3)"
			s := bytes.TrimSpace(t[len(tagSlic3rFil):])
			if k := bytes.Index(s, []byte("mm")); k > 0 {
				if v, err := strconv.ParseFloat(string(s[:k]), 64); err == nil {
					e.st.Reported.FilamentMM = v
				}
			}
		case e.st.Generator == "" && bytes.HasPrefix(t, tagGenerated):
			g := t[len(tagGenerated):]
			if k := bytes.Index(g, []byte(" on ")); k > 0 {
				g = g[:k]
			}
			e.st.Generator = string(bytes.TrimSpace(g))
		}
	}
}

func (e *Estimator) markLayer() {
	if len(e.layers) > MaxLayers {
		return
	}
	if !e.markers {
		e.markers = true
		e.markerStart = len(e.layers)
	}
	e.layers = append(e.layers, LayerStats{})
	e.acc = append(e.acc, layerAcc{})
	e.zPending = true
}

// parseDuration reads PrusaSlicer's "1d 2h 3m 4s" form.
func parseDuration(b []byte) (float64, bool) {
	var total float64
	found := false
	for _, f := range bytes.Fields(b) {
		if len(f) < 2 {
			return 0, false
		}
		v, err := strconv.ParseFloat(string(f[:len(f)-1]), 64)
		if err != nil {
			return 0, false
		}
		switch f[len(f)-1] {
		case 'd':
			total += v * 86400
		case 'h':
			total += v * 3600
		case 'm':
			total += v * 60
		case 's':
			total += v
		default:
			return 0, false
		}
		found = true
	}
	return total, found
}

// Finish drains the planner and returns the statistics. Later calls return
// the same Stats; the Estimator takes no more input.
func (e *Estimator) Finish() *Stats {
	if e.finished != nil {
		return e.finished
	}
	if len(e.partial) > 0 {
		e.ExecLine(e.partial)
		e.partial = nil
	}
	e.pl.sync()
	st := &e.st
	st.PrintTimeS = round3(e.pl.total)

	// Layers: what came before the first layer (and, in a file with layer
	// marks, Z-detected layers before the first mark) joins the first layer.
	layerTime := e.pl.byLayer
	timeOf := func(i int) float64 {
		if i < len(layerTime) {
			return layerTime[i]
		}
		return 0
	}
	first := 1
	if e.markers {
		first = e.markerStart
	}
	var pre LayerStats
	for i := 0; i < first && i < len(e.layers); i++ {
		pre.TimeS += timeOf(i)
		pre.FilamentMM += e.layers[i].FilamentMM
	}
	if first < len(e.layers) {
		layers := make([]LayerStats, 0, len(e.layers)-first)
		for i := first; i < len(e.layers); i++ {
			l := e.layers[i]
			l.TimeS = timeOf(i)
			if i == first {
				l.TimeS += pre.TimeS
				l.FilamentMM += pre.FilamentMM
			}
			layers = append(layers, l)
		}
		var at float64
		for i := range layers {
			l := &layers[i]
			l.Index = i + 1
			l.StartS = round3(at)
			at += l.TimeS
			l.TimeS = round3(l.TimeS)
			l.FilamentMM = round4(l.FilamentMM)
			if l.Height > 0 {
				e.heightsSeen[l.Height] = struct{}{}
			}
		}
		st.PerLayer = layers
	}
	st.Layers = len(st.PerLayer)
	st.firstLayer = first
	for h := range e.heightsSeen {
		st.LayerHeights = append(st.LayerHeights, h)
	}
	sort.Float64s(st.LayerHeights)

	st.TimeByType = make(map[string]float64, len(e.features))
	for i, name := range e.features {
		if i < len(e.pl.byFeature) && e.pl.byFeature[i] > 0 {
			st.TimeByType[name] += round3(e.pl.byFeature[i])
		}
	}
	st.FilamentMM = round4(st.FilamentMM)
	var printE float64
	var printBox boxAcc
	for i := first; i < len(e.acc); i++ {
		printE += e.acc[i].printE
		printBox.merge(&e.acc[i].box)
	}
	st.PrintFilamentMM = round4(printE + e.printDebt)
	st.FilamentCM3 = round4(st.FilamentMM * e.area / 1000)
	st.FilamentG = round4(st.FilamentCM3 * e.opts.FilamentDensity)
	st.Bounds = printBox.box()
	st.ExtrusionBounds = e.extBounds.box()
	st.MoveBounds = e.moveBounds.box()
	st.MaxPrintSpeed = round3(st.MaxPrintSpeed)
	st.MaxTravelSpeed = round3(st.MaxTravelSpeed)
	st.MaxVolumetricSpeed = round3(st.MaxVolumetricSpeed)
	if len(e.unknown) > 0 {
		st.Unknown = make(map[string]int, len(e.unknown))
		for k, n := range e.unknown {
			name := string(k.letter) + strconv.Itoa(int(k.number))
			if k.sub >= 0 {
				name += "." + strconv.Itoa(int(k.sub))
			}
			st.Unknown[name] += n
		}
	}
	st.FilamentDiameterMM = e.opts.FilamentDiameter
	st.FilamentDensityGCm3 = e.opts.FilamentDensity
	e.finished = st
	return st
}

func round3(v float64) float64 { return math.Round(v*1e3) / 1e3 }
