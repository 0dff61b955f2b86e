package slice

import (
	"math"

	"github.com/usinette/usinette/gcode"
	"github.com/usinette/usinette/geom"
)

// LineArea returns the cross-section in mm² of a line of width w and height
// h as PrusaSlicer models it: a rectangle with semicircular ends,
// (w - h)·h + π·(h/2)².
func LineArea(w, h float64) float64 {
	if w < h {
		// Narrower than tall: fall back on the ellipse-ish round section.
		return math.Pi * (w / 2) * (h / 2)
	}
	return (w-h)*h + math.Pi*(h/2)*(h/2)
}

// FilamentArea returns the cross-section of the filament in mm².
func (c *Config) filamentArea() float64 {
	return math.Pi * (c.FilamentDiameter / 2) * (c.FilamentDiameter / 2)
}

// EPerMM returns the millimetres of filament to push per millimetre of a
// line of width w and height h, with the extrusion multiplier applied.
func (c *Config) EPerMM(w, h float64) float64 {
	mult := c.ExtrusionMult
	if mult <= 0 {
		mult = 1
	}
	return LineArea(w, h) / c.filamentArea() * mult
}

// roleSpeed returns the print speed in mm/s of an extrusion, before slowdown.
func (c *Config) roleSpeed(e *Extrusion, first bool, height float64) float64 {
	var v float64
	switch e.Role {
	case ExternalPerimeter:
		v = c.ExternalPerimeterSpeed
	case Perimeter:
		v = c.PerimeterSpeed
	case OverhangPerimeter, BridgeInfill:
		v = c.BridgeSpeed
	case InternalInfill:
		v = c.InfillSpeed
	case SolidInfill:
		v = c.SolidInfillSpeed
	case TopSolidInfill:
		v = c.TopSolidInfillSpeed
	case GapFill:
		v = c.GapFillSpeed
	case SupportMaterial:
		v = c.SupportSpeed
	case SupportMaterialInterface:
		v = c.SupportInterfaceSpeed
	case Ironing:
		v = c.IroningSpeed
	default: // skirt, brim
		v = c.PerimeterSpeed
	}
	if (e.Role == ExternalPerimeter || e.Role == Perimeter) && e.Closed && c.SmallPerimeterSpeed > 0 &&
		pathLength(e.Points, true) <= smallPerimeterLength {
		v = c.SmallPerimeterSpeed
	}
	if first && c.FirstLayerSpeed > 0 {
		v = c.FirstLayerSpeed
	}
	if v <= 0 {
		v = 10
	}
	if c.MaxVolumetricSpeed > 0 {
		if lim := c.MaxVolumetricSpeed / LineArea(e.Width, height); v > lim {
			v = lim
		}
	}
	return v
}

// smallPerimeterLength is the loop length (mm) below which a perimeter counts
// as small: a circle of 6.5 mm radius, as PrusaSlicer has it.
const smallPerimeterLength = 2 * math.Pi * 6.5

// roleAccel returns the M204 acceleration for an extrusion (0: the default).
func (c *Config) roleAccel(r Role, first bool) float64 {
	var a float64
	switch {
	case first && c.FirstLayerAcceleration > 0:
		a = c.FirstLayerAcceleration
	case r == ExternalPerimeter || r == Perimeter || r == OverhangPerimeter:
		a = c.PerimeterAcceleration
	case r == InternalInfill || r == SolidInfill || r == TopSolidInfill:
		a = c.InfillAcceleration
	case r == BridgeInfill:
		a = c.BridgeAcceleration
	}
	if a <= 0 {
		a = c.DefaultAcceleration
	}
	return a
}

func pathLength(p geom.Path, closed bool) float64 {
	var s float64
	for i := 1; i < len(p); i++ {
		s += dist(p[i-1], p[i])
	}
	if closed && len(p) > 2 {
		s += dist(p[len(p)-1], p[0])
	}
	return s
}

// dist returns the distance in mm between two points in µm.
func dist(a, b geom.Point) float64 {
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	return math.Sqrt(dx*dx+dy*dy) / geom.PerMM
}

// layerOut is one layer's G-code body and figures, made independently of the
// other layers so layers can be emitted in parallel.
type layerOut struct {
	body    []byte
	seconds float64 // planned time of the body
	// silentSeconds is the same in the printer's silent mode (0 without)
	silentSeconds float64
	nominal       float64 // length/speed time before slowdown, for the fan
	filament      float64 // net mm of filament
	slowdown      float64 // speed cap applied, mm/s (+Inf: none)
	accel         float64 // the last M204 S of the body (0: none)
	end           geom.Point
}

// layerStart returns where the nozzle is when layer l starts: the end of the
// previous layer's last extrusion, or the end of the purge line.
func layerEnd(l *Layer) (geom.Point, bool) {
	for i := len(l.Paths) - 1; i >= 0; i-- {
		e := &l.Paths[i]
		if len(e.Points) == 0 {
			continue
		}
		if e.Closed {
			return e.Points[0], true
		}
		return e.Points[len(e.Points)-1], true
	}
	return geom.Point{}, false
}

// layerTail returns the end of the last line of l, as printed (a loop
// closes back on its first point), at most maxLen µm of it, in print order:
// what the next layer's first retraction wipes back along.
func layerTail(l *Layer, maxLen float64) geom.Path {
	for i := len(l.Paths) - 1; i >= 0; i-- {
		e := &l.Paths[i]
		n := len(e.Points)
		if n == 0 {
			continue
		}
		pts := e.Points
		if e.Closed {
			pts = append(pts[:n:n], pts[0])
		}
		back, _ := backAlong(pts, maxLen)
		back.Reverse()
		return append(back, pts[len(pts)-1])
	}
	return nil
}

// backAlong walks back from the end of p for dist µm (or to its start) and
// returns the points passed, the last one where the walk stopped, and the
// distance walked.
func backAlong(p geom.Path, dist float64) (geom.Path, float64) {
	var out geom.Path
	walked := 0.0
	at := p[len(p)-1]
	for k := len(p) - 2; k >= 0 && walked < dist; k-- {
		q := p[k]
		d := at.Dist(q)
		if d == 0 {
			continue
		}
		if walked+d > dist {
			f := (dist - walked) / d
			q = geom.Point{X: at.X + int64(math.Round(f*float64(q.X-at.X))), Y: at.Y + int64(math.Round(f*float64(q.Y-at.Y)))}
			d = at.Dist(q)
		}
		out = append(out, q)
		walked += d
		at = q
	}
	return out, walked
}

// emitter holds what every layer shares.
type emitter struct {
	cfg *Config
}

// emitLayer writes the body of layer l: the move to its first point and its
// extrusions, starting with the nozzle at from and z at fromZ. tail is the
// end of the line printed last before the layer (ending at from), which the
// layer change's retraction wipes back along; nil for none.
//
// pl, when not nil, is a planner to reuse (one per worker); it times the
// layer from rest to rest under the header's limits, whatever it timed before.
func (em *emitter) emitLayer(l *Layer, from geom.Point, fromZ float64, tail geom.Path, pl *timers, buf []byte) layerOut {
	if l.Spiral != SpiralOff {
		return em.emitSpiral(l, from, fromZ, pl, buf) // vase.go
	}
	c := em.cfg
	first := l.Index == 0
	speed := c.roleSpeed
	if c.RaftLayers > 0 && l.Index == c.RaftLayers && c.FirstLayerSpeedOverRaft > 0 {
		speed = c.overRaftSpeed // raft.go
	}
	h := l.Height
	if h <= 0 {
		h = c.LayerHeight
	}
	var out layerOut
	out.slowdown = math.Inf(1)

	// Nominal time at full speed: extrusions by speed, plus travel and
	// retraction overhead, to decide the slowdown.
	type speedLen struct{ v, l float64 }
	var byLen []speedLen
	var other float64
	cur := from
	for i := range l.Paths {
		e := &l.Paths[i]
		if len(e.Points) == 0 {
			continue
		}
		d := dist(cur, e.Points[0])
		other += d / c.TravelSpeed
		if d > c.RetractBeforeTrav && c.RetractLength > 0 {
			other += 2 * (c.RetractLength / c.RetractSpeed)
		}
		v := speed(e, first, h)
		byLen = append(byLen, speedLen{v, pathLength(e.Points, e.Closed)})
		if e.Closed {
			cur = e.Points[0]
		} else {
			cur = e.Points[len(e.Points)-1]
		}
	}
	var extr float64
	for _, s := range byLen {
		extr += s.l / s.v
	}
	out.nominal = extr + other
	// Slowdown as PrusaSlicer's cooling does it: the fastest extrusions
	// are slowed first, down to a common speed cap, until the layer lasts
	// slowdown_below_layer_time; no extrusion goes below min_print_speed.
	cap := math.Inf(1)
	if c.SlowdownBelowLayerTm > 0 && out.nominal < c.SlowdownBelowLayerTm && extr > 0 {
		target := c.SlowdownBelowLayerTm - other
		timeAt := func(capV float64) float64 {
			var t float64
			for _, s := range byLen {
				t += s.l / slowed(s.v, capV, c.MinPrintSpeed)
			}
			return t
		}
		hiV := 0.0
		for _, s := range byLen {
			hiV = math.Max(hiV, s.v)
		}
		if timeAt(0) <= target {
			cap = 0 // everything at its floor
		} else {
			lo, hi := 0.0, hiV
			for range 40 {
				mid := (lo + hi) / 2
				if timeAt(mid) > target {
					lo = mid
				} else {
					hi = mid
				}
			}
			cap = lo
		}
		out.slowdown = cap
	}

	w := gcode.NewAppender(withRoom(buf, 256+32*npoints(l)))
	w.SetZOffset(c.ZOffset)
	w.SetPositionUM(from.X, from.Y, gcode.Micro(fromZ))
	if pl == nil {
		pl = c.newTimers()
	}
	pl.reset(c)
	var isl *islands // only_retract_when_crossing_perimeters: the islands' outlines
	if c.OnlyRetractInside {
		isl = newIslands(l.Paths)
	}
	tops := newTopLines(l.Paths)

	travelF := c.TravelSpeed * 60
	zF := c.TravelSpeedZ
	if zF <= 0 {
		zF = c.MaxFeedrate[2]
	}
	if zF <= 0 {
		zF = 12
	}
	retractF := c.RetractSpeed * 60
	deretract := c.DeretractSpeed
	if deretract <= 0 {
		deretract = c.RetractSpeed
	}
	z := l.Z
	accel := 0.0
	setAccel := func(a float64) {
		if a != accel {
			w.Command("M204", 0, 'S', a)
			pl.setAccel(a, 0, a) // the legacy form: print and travel
			accel = a
		}
	}
	retracted := false
	// trail is the line being printed, as far as it has come: a retraction
	// right after it wipes back along it (travels clear it)
	trail := append(geom.Path(nil), tail...)
	retract := func() {
		if retracted || c.RetractLength <= 0 {
			return
		}
		retracted = true
		out.filament -= c.RetractLength
		left := c.RetractLength
		if c.Wipe && len(trail) >= 2 {
			left = em.wipe(w, pl, trail, &cur, left)
		}
		if left > 1e-9 {
			w.Extrude(-left, retractF)
			pl.move(0, 0, 0, -left, c.RetractSpeed)
		}
	}
	unretract := func() {
		if retracted {
			w.Extrude(c.RetractLength, deretract*60)
			pl.move(0, 0, 0, c.RetractLength, deretract)
			out.filament += c.RetractLength
			retracted = false
		}
	}
	travelAccel := c.DefaultAcceleration
	curZ := fromZ
	moveZ := func(nz float64) {
		if math.Abs(nz-curZ) < 5e-4 {
			return
		}
		w.MoveZ(nz, zF*60)
		pl.move(0, 0, nz-curZ, 0, zF)
		curZ = nz
	}
	travelTo := func(p geom.Point) {
		trail = trail[:0]
		w.MoveUM(p.X, p.Y, 0, travelF)
		pl.move(float64(p.X-cur.X)/geom.PerMM, float64(p.Y-cur.Y)/geom.PerMM, 0, 0, c.TravelSpeed)
		cur = p
	}

	// Layer change: retract, lift, travel to the first point, lower, prime.
	cur = from
	start, ok := firstPoint(l)
	if ok {
		if c.RetractLayerChange {
			retract()
		}
		lift := 0.0
		if retracted {
			lift = c.RetractLift
		}
		setAccel(travelAccel)
		moveZ(z + lift)
		travelTo(start)
		moveZ(z)
		unretract()
	}

	lastRole := Role(255)
	lastWidth := -1.0
	// bridges and overhangs run the fan at bridge_fan_speed when the
	// layer's fan is on, then back to the layer's speed (which the writer
	// sets before the body, from the same nominal time)
	layerFan := c.fanPercent(l.Index, out.nominal)
	bridgeFan := l.Index >= c.DisableFanFirstLayers && c.BridgeFanSpeed > 0 && c.BridgeFanSpeed != layerFan
	setFan := func(f float64) {
		if f <= 0 {
			w.Line("M107")
		} else {
			w.Command("M106", 2, 'S', f*2.55)
		}
	}
	onBridge := false
	for i := range l.Paths {
		e := &l.Paths[i]
		if len(e.Points) == 0 {
			continue
		}
		p0 := e.Points[0]
		if p0 != cur {
			d := dist(cur, p0)
			// PrusaSlicer's rule (needs_retraction): a travel shorter
			// than retract_before_travel is not retracted; a longer one
			// is, unless only_retract_when_crossing_perimeters is set
			// and it stays inside the island — where it would leave it,
			// it goes round the outline when that is not much longer.
			inside := d <= c.RetractBeforeTrav
			var way geom.Path
			if !inside && c.OnlyRetractInside {
				inside = isl.staysInside(cur, p0)
				if !inside {
					way, inside = isl.detour(cur, p0, 2)
				}
			}
			if inside {
				// (short travels too: a crossed top line is marked
				// whatever the travel's length)
				hops := way
				if hops == nil {
					hops = geom.Path{p0}
				}
				if tops.crossed(cur, hops, i) {
					// over finished top surface: retract and lift
					inside, way = false, nil
				}
			}
			if inside && way != nil {
				// Round the outline instead of crossing it.
				setAccel(travelAccel)
				for _, q := range way {
					travelTo(q)
				}
			} else if !inside {
				setAccel(travelAccel)
				retract()
				if c.RetractLift > 0 {
					moveZ(z + c.RetractLift)
				}
				travelTo(p0)
				moveZ(z)
			} else {
				setAccel(travelAccel)
				travelTo(p0)
			}
			unretract()
		}
		if e.Role != lastRole {
			w.Comment("TYPE:" + e.Role.String())
			lastRole = e.Role
			if b := e.Role == BridgeInfill || e.Role == OverhangPerimeter; bridgeFan && b != onBridge {
				f := layerFan
				if b {
					f = c.BridgeFanSpeed
				}
				setFan(f)
				onBridge = b
			}
		}
		if e.Width != lastWidth {
			w.Line(";WIDTH:" + commentNum(e.Width))
			lastWidth = e.Width
		}
		a := c.roleAccel(e.Role, first)
		setAccel(a)
		v := slowed(speed(e, first, h), cap, c.MinPrintSpeed)
		feed := v * 60
		perMM := c.EPerMM(e.Width, h)
		n := len(e.Points)
		last := n
		if e.Closed {
			last = n + 1
		}
		trail = append(trail[:0], cur)
		for j := 1; j < last; j++ {
			p := e.Points[j%n]
			if p == cur {
				continue
			}
			trail = append(trail, p)
			dx, dy := float64(p.X-cur.X)/geom.PerMM, float64(p.Y-cur.Y)/geom.PerMM
			length := math.Sqrt(dx*dx + dy*dy)
			de := length * perMM
			w.MoveUM(p.X, p.Y, de, feed)
			pl.move(dx, dy, 0, de, v)
			out.filament += de
			cur = p
		}
	}
	if onBridge {
		setFan(layerFan)
	}
	out.end = cur
	out.accel = accel
	out.seconds, out.silentSeconds = pl.seconds()
	out.body = w.Bytes()
	return out
}

// wipe retracts while moving the nozzle back along trail (the line just
// printed, ending where the nozzle is) at 80 % of the travel speed, as
// PrusaSlicer does with wipe = 1: after retract_before_wipe in place, 95 %
// of the rest over the distance the retraction would take at its speed
// (on a shorter line, the part of it that line's length allows), the rest
// in place afterwards. It moves *cur and returns what is left to retract.
func (em *emitter) wipe(w *gcode.Writer, pl *timers, trail geom.Path, cur *geom.Point, amount float64) float64 {
	c := em.cfg
	if before := amount * c.RetractBeforeWipe; before > 1e-9 {
		w.Extrude(-before, c.RetractSpeed*60)
		pl.move(0, 0, 0, -before, c.RetractSpeed)
		amount -= before
	}
	speed := 0.8 * c.TravelSpeed
	dist := amount / c.RetractSpeed * speed * geom.PerMM // µm
	path, walked := backAlong(trail, dist)
	if walked < 1 {
		return amount
	}
	// the extruder retracts at the retraction speed whatever the line's
	// length: a short line takes its share of the 95 %, and the rest is
	// retracted in place after (packing it all into a few µm of wipe asked
	// the extruder for several times its feedrate limit)
	during := 0.95 * amount * min(1, walked/dist)
	w.Comment("WIPE_START")
	at := trail[len(trail)-1]
	for _, q := range path {
		dx, dy := float64(q.X-at.X)/geom.PerMM, float64(q.Y-at.Y)/geom.PerMM
		de := -during * at.Dist(q) / walked
		w.MoveUM(q.X, q.Y, de, speed*60)
		pl.move(dx, dy, 0, de, speed)
		at = q
	}
	w.Comment("WIPE_END")
	*cur = at
	return amount - during
}

// withRoom returns buf emptied, or a new buffer when buf holds less than n
// bytes.
func withRoom(buf []byte, n int) []byte {
	if cap(buf) < n {
		return make([]byte, 0, n)
	}
	return buf[:0]
}

// trimBody returns b without its growth slack: every body is held until the
// header (which needs the total time) is written, and the slack can be up to
// half the buffer.
func trimBody(b []byte) []byte {
	if cap(b) <= len(b)+len(b)/8 {
		return b
	}
	return append(make([]byte, 0, len(b)), b...)
}

// slowed returns speed v capped at capV, but not below the floor speed (a
// move already slower than the floor keeps its speed).
func slowed(v, capV, floor float64) float64 {
	s := math.Min(v, capV)
	if fl := math.Min(v, floor); s < fl {
		s = fl
	}
	return s
}

func npoints(l *Layer) int {
	n := 0
	for i := range l.Paths {
		n += len(l.Paths[i].Points) + 2
	}
	return n
}

func firstPoint(l *Layer) (geom.Point, bool) {
	for i := range l.Paths {
		if len(l.Paths[i].Points) > 0 {
			return l.Paths[i].Points[0], true
		}
	}
	return geom.Point{}, false
}

// fanPercent returns the part-cooling fan speed (0..100) for a layer, from
// the cooling settings and the layer's time at full speed.
func (c *Config) fanPercent(index int, layerTime float64) float64 {
	if index < c.DisableFanFirstLayers {
		return 0
	}
	fan := c.MinFanSpeed
	switch {
	case layerTime < c.SlowdownBelowLayerTm:
		fan = c.MaxFanSpeed
	case layerTime < c.FanBelowLayerTime && c.FanBelowLayerTime > c.SlowdownBelowLayerTm:
		t := (layerTime - c.SlowdownBelowLayerTm) / (c.FanBelowLayerTime - c.SlowdownBelowLayerTm)
		fan = c.MaxFanSpeed - (c.MaxFanSpeed-c.MinFanSpeed)*t
	}
	// Ramp from the first layer with the fan on up to full_fan_speed_layer
	// (1-based), as PrusaSlicer does.
	if c.FullFanSpeedLayer > c.DisableFanFirstLayers && index < c.FullFanSpeedLayer-1 {
		fan *= float64(index-c.DisableFanFirstLayers+1) / float64(c.FullFanSpeedLayer-c.DisableFanFirstLayers)
	}
	return math.Round(math.Max(0, math.Min(100, fan)))
}

// timers plans a layer's moves for the printer's normal mode and, when it
// has one (Config.SilentMode), its silent mode: the two estimates the G-code
// carries (M73 P/R and Q/S).
type timers struct {
	normal, silent *gcode.Planner
}

func (c *Config) newTimers() *timers {
	t := &timers{normal: gcode.NewPlanner(c.machineLimits())}
	if c.SilentMode {
		t.silent = gcode.NewPlanner(c.silentLimits())
	}
	return t
}

// reset empties the planners and sets the accelerations of a layer's start.
func (t *timers) reset(c *Config) {
	lim := c.machineLimits()
	t.normal.Reset()
	t.normal.SetAccel(lim.Accel, lim.RetractAccel, lim.TravelAccel)
	if t.silent != nil {
		lim := c.silentLimits()
		t.silent.Reset()
		t.silent.SetAccel(lim.Accel, lim.RetractAccel, lim.TravelAccel)
	}
}

func (t *timers) setAccel(print, retract, travel float64) {
	t.normal.SetAccel(print, retract, travel)
	if t.silent != nil {
		t.silent.SetAccel(print, retract, travel)
	}
}

func (t *timers) move(dx, dy, dz, de, v float64) {
	t.normal.Move(dx, dy, dz, de, v)
	if t.silent != nil {
		t.silent.Move(dx, dy, dz, de, v)
	}
}

func (t *timers) seconds() (normal, silent float64) {
	normal = t.normal.Seconds()
	if t.silent != nil {
		silent = t.silent.Seconds()
	}
	return normal, silent
}
