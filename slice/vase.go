package slice

import (
	"math"

	"github.com/usinette/usinette/gcode"
	"github.com/usinette/usinette/geom"
)

// Vase mode (spiral_vase), as PrusaSlicer 2.5 prints it:
//
//   - the settings it implies: one perimeter, no sparse infill, no top
//     layers, no support, no vertical-shell solid infill; the
//     bottom_solid_layers stay;
//   - a layer is printed as a spiral when it is above the bottom solid
//     layers and the skirt, and all it holds is one closed external
//     perimeter: its loop starts where the one below ended and the nozzle
//     rises continuously along it, from the layer below's top to its own,
//     without retraction or travel. The first such layer also ramps the
//     flow up from nothing, so the spiral starts on the flat layer below
//     without a blob;
//   - above the bottom layers no infill is printed at all, not even under
//     a top or over an overhang (PrusaSlicer classifies no surface there);
//   - above the bottom layers only the largest island of a layer is
//     printed, as PrusaSlicer does (a U's two prongs: one prong);
//     Summary.VaseDroppedLayers counts the layers that lost islands and the
//     command line warns about them; a layer whose loop has a hole is
//     printed flat, as PrusaSlicer prints it.

// Spiral is how a layer is printed in vase mode.
type Spiral uint8

// The spiral states of a layer.
const (
	SpiralOff   Spiral = iota // flat, as every layer outside vase mode
	SpiralFirst               // the first spiral layer above flat ones: the flow ramps up
	SpiralOn                  // one loop rising from the layer below's top to its own
)

// vaseSettings applies what spiral_vase implies to c.
func (c *Config) vaseSettings() {
	c.Perimeters = 1
	c.TopSolidLayers = 0
	c.TopSolidMinThickness = 0
	c.FillDensity = 0
	c.Support = false
	c.EnsureVerticalShell = false
	// an overhanging stretch would split the loop into paths of two
	// roles: the loop stays one external perimeter (PrusaSlicer keeps its
	// loop one piece too, at the external perimeter's speed here)
	c.Overhangs = false
}

// markSpiral decides, in layer order, whether layer i (the finished l) is
// printed as a spiral.
func (s *slicer) markSpiral(i int, l *Layer) {
	c := &s.cfg
	if i >= c.BottomSolidLayers+s.base {
		// above the bottom layers PrusaSlicer classifies no surface: no
		// infill of any kind (a sphere's lower half, a shelf), only loops
		k := 0
		for _, e := range l.Paths {
			switch e.Role {
			case InternalInfill, SolidInfill, TopSolidInfill, BridgeInfill, Ironing:
			default:
				l.Paths[k] = e
				k++
			}
		}
		l.Paths = l.Paths[:k]
	}
	above := i >= c.BottomSolidLayers && i >= s.base && (c.Skirts == 0 || i >= c.SkirtHeight)
	ok := above && len(l.Paths) == 1 && l.Paths[0].Role == ExternalPerimeter && l.Paths[0].Closed && len(l.Paths[0].Points) >= 3
	switch {
	case !ok:
		s.vasePrev = false
	case s.vasePrev:
		l.Spiral = SpiralOn
	default:
		l.Spiral = SpiralFirst
		s.vasePrev = true
	}
}

// emitSpiral writes the body of a spiral layer: its one loop with Z
// rising from the layer below's top to its own in proportion to the
// length printed.
func (em *emitter) emitSpiral(l *Layer, from geom.Point, fromZ float64, pl *timers, buf []byte) layerOut {
	c := em.cfg
	e := &l.Paths[0]
	h := l.Height
	var out layerOut
	out.slowdown = math.Inf(1)
	if pl == nil {
		pl = c.newTimers()
	}
	pl.reset(c)
	w := gcode.NewAppender(withRoom(buf, 256+48*len(e.Points)))
	w.SetZOffset(c.ZOffset)
	w.SetPositionUM(from.X, from.Y, gcode.Micro(fromZ))

	ramp := l.Spiral == SpiralFirst
	cur := from
	start := e.Points[0]
	if ramp && cur != start {
		// onto the loop's start from the flat layer below, at its height
		trav := dist(cur, start)
		retract := trav > c.RetractBeforeTrav && c.RetractLength > 0
		a := c.DefaultAcceleration
		w.Command("M204", 0, 'S', a)
		pl.setAccel(a, 0, a)
		if retract {
			w.Extrude(-c.RetractLength, c.RetractSpeed*60)
			pl.move(0, 0, 0, -c.RetractLength, c.RetractSpeed)
			out.filament -= c.RetractLength
		}
		w.MoveUM(start.X, start.Y, 0, c.TravelSpeed*60)
		pl.move(float64(start.X-cur.X)/geom.PerMM, float64(start.Y-cur.Y)/geom.PerMM, 0, 0, c.TravelSpeed)
		if retract {
			de := c.DeretractSpeed
			if de <= 0 {
				de = c.RetractSpeed
			}
			w.Extrude(c.RetractLength, de*60)
			pl.move(0, 0, 0, c.RetractLength, de)
			out.filament += c.RetractLength
		}
		cur = start
	}
	// the walk: from where the nozzle is (on the layer below's loop end,
	// a seam's width from this start at most) round the loop and back to
	// its start
	n := len(e.Points)
	total := dist(cur, start) + pathLength(e.Points, true)
	v := c.roleSpeed(e, false, h)
	out.nominal = total / v
	if c.SlowdownBelowLayerTm > 0 && out.nominal < c.SlowdownBelowLayerTm {
		capV := total / c.SlowdownBelowLayerTm
		v = slowed(v, capV, c.MinPrintSpeed)
		out.slowdown = capV
	}
	a := c.roleAccel(ExternalPerimeter, false)
	w.Command("M204", 0, 'S', a)
	pl.setAccel(a, 0, a)
	out.accel = a
	w.Comment("TYPE:" + e.Role.String())
	w.Line(";WIDTH:" + commentNum(e.Width))
	perMM := c.EPerMM(e.Width, h)
	z0 := l.Z - h
	done := 0.0
	for j := 0; j <= n; j++ {
		p := e.Points[j%n]
		if p == cur {
			continue
		}
		d := dist(cur, p)
		f := 1.0
		if ramp {
			f = (done + d/2) / total
		}
		done += d
		z := z0 + h*done/total
		de := d * perMM * f
		w.G1(geom.ToMM(p.X), geom.ToMM(p.Y), z, de, v*60)
		pl.move(float64(p.X-cur.X)/geom.PerMM, float64(p.Y-cur.Y)/geom.PerMM, h*d/total, de, v)
		out.filament += de
		cur = p
	}
	out.end = cur
	out.seconds, out.silentSeconds = pl.seconds()
	out.body = w.Bytes()
	return out
}

// vaseIslands keeps, on every layer above the bottom layers, only the
// largest island of the section.
func (s *slicer) vaseIslands() {
	for i := s.cfg.BottomSolidLayers + s.base; i < len(s.layers); i++ {
		r := s.layers[i].region
		if len(r) < 2 {
			continue
		}
		big := 0
		for k := range r {
			if r[k].Area() > r[big].Area() {
				big = k
			}
		}
		s.layers[i].region = []geom.Polygon{r[big]}
		s.vaseDropped++
	}
}
