package slice

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/usinette/usinette/gcode"
	"github.com/usinette/usinette/geom"
)

// ErrNoLayers is returned when there is nothing to print.
var ErrNoLayers = errors.New("slice: no layers to print")

// GCodeOptions tunes WriteGCode. The zero value is ready to use.
type GCodeOptions struct {
	// Name is the model's name, written in the header comment.
	Name string
	// Progress, when set, is called with the number of layers emitted so
	// far (increasing) and the total; it may be called from several
	// goroutines, never concurrently.
	Progress func(done, total int)
	// NoConfig leaves out the settings block at the end of the file.
	NoConfig bool
	// Spill, when set, receives each layer's G-code as soon as it is
	// encoded; it is copied to the output once every layer is planned
	// (the header and the M73 progress lines need the total time). The
	// run then never holds the text of all layers in memory — for the
	// bunny 18 MB, most of the live heap at the end of a run. An unlinked
	// temporary file suits; it must start empty.
	Spill Spill
	// Events are colour changes and pauses before given layers.
	Events []LayerEvent
}

// Spill is where layer G-code waits for the header to be written.
type Spill interface {
	io.Writer
	io.ReaderAt
}

// GCodeStats are the figures of a written G-code file, the same ones its
// footer states.
type GCodeStats struct {
	Layers       int
	PrintSeconds float64 // estimated printing time (normal mode)
	// SilentSeconds is the estimate in the printer's silent mode (0 when
	// Config.SilentMode is off).
	SilentSeconds float64
	LayerSeconds  []float64 // estimated time of each layer
	FilamentMM    float64   // filament used, mm (net of retractions; purge line excluded)
	FilamentCM3   float64
	FilamentG     float64
	Bytes         int64 // bytes written
}

// WriteGCode writes the G-code that prints layers on the printer cfg
// describes: machine limits, a start sequence that checks the printer and
// nozzle, heats, homes, levels the bed and primes a purge line, then each
// layer with ;LAYER_CHANGE / ;Z: / ;HEIGHT: / ;TYPE: / ;WIDTH: comments,
// M73 progress, fan and acceleration changes, retractions on travels that
// leave an island, then an end sequence that parks the head and turns
// everything off, and a footer with the filament used and estimated time.
//
// E is relative (M83). Layers are encoded in parallel; the output bytes do
// not depend on the number of cores.
func WriteGCode(ctx context.Context, out io.Writer, layers []Layer, cfg Config, opt GCodeOptions) (GCodeStats, error) {
	return writeGCode(ctx, out, layers, cfg, opt, false)
}

// writeGCode is WriteGCode; with release it sets each layer's Paths to nil
// once the layer is encoded (for callers that own the layers and need them
// no more: the paths and the encoded bodies are then not all held at once).
func writeGCode(ctx context.Context, out io.Writer, layers []Layer, cfg Config, opt GCodeOptions, release bool) (GCodeStats, error) {
	if len(layers) == 0 {
		return GCodeStats{}, ErrNoLayers
	}
	workers := min(runtime.GOMAXPROCS(0), len(layers))
	lw, err := newLayerWriter(cfg, opt)
	if err != nil {
		return GCodeStats{}, err
	}
	lw.begin(len(layers), workers)
	for i := range layers {
		lw.next(&layers[i])
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(layers) || ctx.Err() != nil {
					return
				}
				lw.encode(w, i, &layers[i])
				if release {
					layers[i].Paths = nil
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return GCodeStats{}, err
	}
	return lw.finish(ctx, out)
}

// layerWriter turns layers into a G-code file. Layers are announced in
// order (next: where each starts is where the one before ended), encoded
// in any order from several goroutines (encode), and the file is assembled
// once all are (finish): the header and the M73 lines need the total time.
// Slicing streams layers into it as they are finished (Run), WriteGCode
// feeds it a finished slice.
type layerWriter struct {
	cfg *Config
	opt GCodeOptions
	em  *emitter

	// the start sequence, rendered from the config's templates, and what
	// the estimator makes of it: its time and where it leaves the head
	start                 custom
	startSec, startSilent float64

	// set by next, in layer order
	layers []Layer // Index, Z and Height of each (no paths)
	starts []layerStart
	after  layerStart // where the next layer given to next starts

	outs  []layerOut
	pls   []*timers   // per worker
	bufs  [][]byte    // per worker: reused bodies when spilling
	slots []spillSlot // with a spill: where each layer's text went

	spillMu  sync.Mutex
	spillEnd int64
	spillErr error

	progMu   sync.Mutex
	done     int
	reported int

	// per-layer custom G-code (before_layer_gcode, layer_gcode): the
	// settings as template variables, and each layer's rendered
	// before_layer_gcode, written by finish
	vars     macroVars
	before   [][]string
	layerMu  sync.Mutex
	layerErr error
	// colour changes and pauses: those due before each layer (set by
	// next) and their G-code (set by encode, written after the layer's Z
	// move)
	events    [][]LayerEvent
	eventText [][]string
}

type spillSlot struct{ off, n int64 }

// layerStart is where the nozzle is when a layer starts: the end of the
// last extrusion before it, at that extrusion's height, and the end of that
// line (which the layer change's retraction wipes back along).
type layerStart struct {
	at   geom.Point
	z    float64
	tail geom.Path
}

func newLayerWriter(cfg Config, opt GCodeOptions) (*layerWriter, error) {
	c := &cfg
	if c.FilamentDiameter <= 0 || c.TravelSpeed <= 0 || c.RetractSpeed <= 0 && c.RetractLength > 0 {
		return nil, fmt.Errorf("slice: invalid config: filament diameter %g, travel speed %g, retract speed %g",
			c.FilamentDiameter, c.TravelSpeed, c.RetractSpeed)
	}
	lw := &layerWriter{cfg: c, opt: opt, em: &emitter{cfg: c}}
	var err error
	if lw.start, err = renderCustom(c, c.StartGCode, "start_gcode", c.StartFilamentGCode, "start_filament_gcode", nil); err != nil {
		return nil, err
	}
	lw.startSec = lw.start.seconds(c.machineLimits(), "")
	// the purge line is printed too: on the bed, or just in front of it
	// where the MK3S primes (Y −3)
	if b := lw.start.box; b != (gcode.Box{}) && (b.MinX < 0 || b.MaxX > c.BedWidth || b.MinY < -5 || b.MaxY > c.BedDepth) {
		return nil, fmt.Errorf("%w: start_gcode extrudes at X %g..%g, Y %g..%g mm, off the %g × %g mm bed",
			ErrBadConfig, b.MinX, b.MaxX, b.MinY, b.MaxY, c.BedWidth, c.BedDepth)
	}
	if c.SilentMode {
		lw.startSilent = lw.start.seconds(c.silentLimits(), "")
	}
	if c.BeforeLayerGCode != "" || c.LayerGCode != "" {
		lw.vars = c.macroVars(nil)
		// rendered once here, so that a template that cannot be is
		// refused before slicing
		if _, _, err := lw.layerCustom(0, c.FirstLayerHeight); err != nil {
			return nil, err
		}
	}
	return lw, nil
}

// layerCustom renders before_layer_gcode and layer_gcode for the layer
// numbered num (from 0) at height z, as PrusaSlicer 2.5 does: layer_num
// and layer_z besides the settings, and in before_layer_gcode max_layer_z
// too (the layers only go up); PrusaSlicer 2.5 refuses max_layer_z in
// layer_gcode, and so does this.
func (lw *layerWriter) layerCustom(num int, z float64) (before, after custom, err error) {
	vars := func(withMax bool) macroVars {
		return func(name string) (any, bool) {
			switch name {
			case "layer_num":
				return float64(num), true
			case "layer_z":
				return z, true
			case "max_layer_z":
				if withMax {
					return z, true
				}
				return nil, false
			}
			return lw.vars(name)
		}
	}
	c := lw.cfg
	if c.BeforeLayerGCode != "" {
		if before, err = renderLines("before_layer_gcode", c.BeforeLayerGCode, vars(true)); err != nil {
			return
		}
	}
	if c.LayerGCode != "" {
		after, err = renderLines("layer_gcode", c.LayerGCode, vars(false))
	}
	return
}

// withLayerCustom renders layer i's custom G-code: before_layer_gcode is
// kept for finish to write after the layer's comments; layer_gcode, then
// the colour changes and pauses due, go into the body right after the move
// to the layer's height, where PrusaSlicer 2.5 writes them (change_layer,
// then the custom G-code per print_z: the head is retracted and lifted at
// the M600). The time the templates take is added to the layer's; the
// events' is the user's.
func (lw *layerWriter) withLayerCustom(i int, l *Layer, o *layerOut) {
	var before, after custom
	var evLines []string
	var err error
	if lw.vars != nil {
		before, after, err = lw.layerCustom(i, l.Z)
	}
	if err == nil && lw.events != nil {
		evLines, err = lw.cfg.eventLines(lw.events[i], i, l.Z)
		lw.eventText[i] = evLines
	}
	if err != nil {
		lw.layerMu.Lock()
		if lw.layerErr == nil {
			lw.layerErr = err
		}
		lw.layerMu.Unlock()
		return
	}
	if lw.before != nil {
		lw.before[i] = before.lines
	}
	st := &lw.starts[i]
	pre := fmt.Sprintf("M83\nG92 X%g Y%g Z%g\n", geom.ToMM(st.at.X), geom.ToMM(st.at.Y), st.z)
	for _, s := range []*custom{&before, &after} {
		if len(s.lines) == 0 {
			continue
		}
		o.seconds += s.seconds(lw.cfg.machineLimits(), pre)
		if lw.cfg.SilentMode {
			o.silentSeconds += s.seconds(lw.cfg.silentLimits(), pre)
		}
	}
	if lines := append(after.lines, evLines...); len(lines) > 0 {
		o.body = spliceAfterZMove(o.body, lines)
	}
}

// spliceAfterZMove inserts lines into a layer body after its first move to
// a new height (a line "G1 Z..."), or at its start when it has none.
func spliceAfterZMove(body []byte, lines []string) []byte {
	at := 0
	if bytes.HasPrefix(body, []byte("G1 Z")) {
		at = 1
	} else if k := bytes.Index(body, []byte("\nG1 Z")); k >= 0 {
		at = k + 2
	}
	if at > 0 {
		if e := bytes.IndexByte(body[at:], '\n'); e >= 0 {
			at += e + 1
		} else {
			at = len(body)
		}
	}
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	out := make([]byte, 0, len(body)+n)
	out = append(out, body[:at]...)
	for _, l := range lines {
		out = append(out, l...)
		out = append(out, '\n')
	}
	return append(out, body[at:]...)
}

// begin sizes the writer for n layers encoded by up to workers goroutines.
func (lw *layerWriter) begin(n, workers int) {
	lw.layers = make([]Layer, 0, n)
	lw.starts = make([]layerStart, n)
	lw.outs = make([]layerOut, n)
	if lw.vars != nil {
		lw.before = make([][]string, n)
	}
	if len(lw.opt.Events) > 0 {
		lw.events = make([][]LayerEvent, n)
		lw.eventText = make([][]string, n)
	}
	lw.pls = make([]*timers, workers)
	lw.bufs = make([][]byte, workers)
	if lw.opt.Spill != nil {
		lw.slots = make([]spillSlot, n)
	}
	lw.after.at = lw.start.end
}

// next takes the layers in order, one call at a time: layer l starts where
// the last extrusion before it ended (the purge line for the first).
func (lw *layerWriter) next(l *Layer) {
	i := len(lw.layers)
	if i == 0 {
		lw.after.z = lw.start.z
	}
	lw.starts[i] = lw.after
	if p, ok := layerEnd(l); ok {
		lw.after.at = p
		if lw.cfg.Wipe {
			// a few mm: the wipe takes retract_length/retract_speed at
			// 80 % of the travel speed (3.3 mm for the MK3S)
			lw.after.tail = layerTail(l, 10*geom.PerMM)
		}
	}
	lw.after.z = l.Z
	lw.layers = append(lw.layers, Layer{Index: l.Index, Z: l.Z, Height: l.Height})
	if lw.events != nil {
		lw.events[i] = eventsFor(lw.opt.Events, lw.layers, i)
	}
}

// encode writes the body of layer l, the i-th given to next, on worker w;
// calls for different layers and workers may run at once.
func (lw *layerWriter) encode(w, i int, l *Layer) {
	if lw.pls[w] == nil {
		lw.pls[w] = lw.cfg.newTimers()
	}
	st := &lw.starts[i]
	o := lw.em.emitLayer(l, st.at, st.z, st.tail, lw.pls[w], lw.bufs[w])
	if lw.vars != nil || lw.events != nil && len(lw.events[i]) > 0 {
		lw.withLayerCustom(i, l, &o)
	}
	if lw.opt.Spill != nil {
		lw.spillMu.Lock()
		if lw.spillErr == nil {
			n, err := lw.opt.Spill.Write(o.body)
			lw.slots[i] = spillSlot{lw.spillEnd, int64(n)}
			lw.spillEnd += int64(n)
			lw.spillErr = err
		}
		lw.spillMu.Unlock()
		lw.bufs[w], o.body = o.body, nil
	} else {
		o.body = trimBody(o.body)
	}
	lw.outs[i] = o
	if lw.opt.Progress != nil {
		lw.progMu.Lock()
		lw.done++
		if lw.done > lw.reported {
			lw.reported = lw.done
			lw.opt.Progress(lw.done, len(lw.outs))
		}
		lw.progMu.Unlock()
	}
}

// finish writes the file: header, start sequence, every layer's body with
// its layer-change lines, end sequence, footer.
func (lw *layerWriter) finish(ctx context.Context, out io.Writer) (GCodeStats, error) {
	var st GCodeStats
	c, opt, outs, layers := lw.cfg, lw.opt, lw.outs, lw.layers
	if len(layers) == 0 {
		return st, ErrNoLayers
	}
	if lw.spillErr != nil {
		return st, fmt.Errorf("slice: spilling layer G-code: %w", lw.spillErr)
	}
	if lw.layerErr != nil {
		return st, lw.layerErr
	}

	// Time of the start and end sequences, then of every layer. The end
	// sequence runs from where the last layer left the head, with the
	// acceleration it set, after the retraction the writer puts first.
	startSec, startSilent := lw.startSec, lw.startSilent
	last := &outs[len(outs)-1]
	topZ := layers[len(layers)-1].Z
	end, err := renderCustom(c, c.EndFilamentGCode, "end_filament_gcode", c.EndGCode, "end_gcode",
		map[string]any{"max_layer_z": topZ, "layer_z": topZ, "layer_num": float64(len(layers) - 1)})
	if err != nil {
		return st, err
	}
	var pre strings.Builder
	fmt.Fprintf(&pre, "M83\nG92 X%g Y%g Z%g\n", geom.ToMM(last.end.X), geom.ToMM(last.end.Y), topZ+c.ZOffset)
	if last.accel > 0 {
		fmt.Fprintf(&pre, "M204 S%g\n", last.accel)
	}
	if c.RetractLength > 0 {
		fmt.Fprintf(&pre, "G1 E%g F%g\n", -c.RetractLength, c.RetractSpeed*60)
	}
	endSec := end.seconds(c.machineLimits(), pre.String())
	total := startSec + endSec
	var totalSilent float64
	if c.SilentMode {
		totalSilent = startSilent + end.seconds(c.silentLimits(), pre.String())
	}
	st.LayerSeconds = make([]float64, len(layers))
	for i := range outs {
		st.LayerSeconds[i] = outs[i].seconds
		total += outs[i].seconds
		totalSilent += outs[i].silentSeconds
		st.FilamentMM += outs[i].filament
	}
	if lw.eventText != nil {
		st.FilamentMM += eventFilament(lw.eventText)
	}
	st.Layers = len(layers)
	st.PrintSeconds = total
	st.SilentSeconds = totalSilent
	st.FilamentCM3 = st.FilamentMM * c.filamentArea() / 1000
	st.FilamentG = st.FilamentCM3 * c.FilamentDensity

	w := gcode.NewWriter(out)
	writeHeader(w, c, opt.Name, total, totalSilent)
	w.Line(";TYPE:Custom")
	lw.start.write(w)
	w.Line("M107")
	w.Forget()
	w.SetPositionUM(lw.start.end.X, lw.start.end.Y, gcode.Micro(lw.start.z))
	// z_offset moves the print, not the start sequence (PrusaSlicer's
	// templates write that one as it is)
	w.SetZOffset(c.ZOffset)

	elapsed, elapsedSilent := startSec, startSilent
	lastP, lastR := 0, remainingMinutes(total, 0)
	lastQ, lastS := 0, remainingMinutes(totalSilent, 0)
	fan := 0.0 // the start sequence turned it off
	var bodyTotal int64
	var copyBuf []byte
	for i := range layers {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		l := &layers[i]
		w.Comment("LAYER_CHANGE")
		w.Line(";Z:" + commentNum(l.Z))
		w.Line(";HEIGHT:" + commentNum(l.Height))
		if lw.before != nil {
			for _, line := range lw.before[i] {
				w.Line(line)
			}
		}
		p, r := percent(elapsed, total), remainingMinutes(total, elapsed)
		if p != lastP || r != lastR {
			w.Command("M73", 0, 'P', p, 'R', r)
			lastP, lastR = p, r
		}
		if c.SilentMode {
			if q, s := percent(elapsedSilent, totalSilent), remainingMinutes(totalSilent, elapsedSilent); q != lastQ || s != lastS {
				w.Command("M73", 0, 'Q', q, 'S', s)
				lastQ, lastS = q, s
			}
		}
		if i == 1 {
			if c.Temperature != c.FirstLayerTemperature && c.Temperature > 0 {
				w.Command("M104", 0, 'S', c.Temperature)
			}
			if c.BedTemperature != c.FirstLayerBedTemp && c.BedTemperature > 0 {
				w.Command("M140", 0, 'S', c.BedTemperature)
			}
		}
		if f := c.fanPercent(l.Index, outs[i].nominal); f != fan {
			if f <= 0 {
				w.Line("M107")
			} else {
				w.Command("M106", 2, 'S', f*2.55)
			}
			fan = f
		}
		w.Flush()
		if err := w.Err(); err != nil {
			return st, err
		}
		if opt.Spill != nil {
			if copyBuf == nil {
				copyBuf = make([]byte, 256<<10)
			}
			sl := lw.slots[i]
			n, err := io.CopyBuffer(onlyWriter{out}, io.NewSectionReader(opt.Spill, sl.off, sl.n), copyBuf)
			if err == nil && n != sl.n {
				err = io.ErrUnexpectedEOF
			}
			if err != nil {
				return st, fmt.Errorf("slice: copying layer %d from the spill: %w", i+1, err)
			}
			bodyTotal += n
		} else {
			if _, err := out.Write(outs[i].body); err != nil {
				return st, err
			}
			bodyTotal += int64(len(outs[i].body))
			outs[i].body = nil
		}
		// The body moved the head: tell the writer where it is now.
		w.Forget()
		w.SetPositionUM(outs[i].end.X, outs[i].end.Y, gcode.Micro(l.Z))
		elapsed += outs[i].seconds
		elapsedSilent += outs[i].silentSeconds
	}
	w.Line(";TYPE:Custom")
	if c.RetractLength > 0 {
		w.Extrude(-c.RetractLength, c.RetractSpeed*60)
	}
	end.write(w)
	w.Command("M73", 0, 'P', 100, 'R', 0)
	if c.SilentMode {
		w.Command("M73", 0, 'Q', 100, 'S', 0)
	}
	writeFooter(w, c, &st)
	if !opt.NoConfig {
		w.Line("")
		w.Line("; usinette_config = begin")
		for _, kv := range ConfigPairs(*c) {
			w.Line("; " + kv[0] + " = " + kv[1])
		}
		w.Line("; usinette_config = end")
	}
	if err := w.Flush(); err != nil {
		return st, err
	}
	st.Bytes = w.Written() + bodyTotal
	return st, nil
}

func percent(elapsed, total float64) int {
	if total <= 0 {
		return 100
	}
	return min(100, int(100*elapsed/total))
}

func remainingMinutes(total, elapsed float64) int {
	return max(0, int((total-elapsed)/60))
}

// machineLimits are the limits the header sets (M201, M203, M204, M205),
// those the printer, and so our time estimate, runs the file with. As
// PrusaSlicer does for the MK3 family, M204 T repeats the extruding
// acceleration: MaxAccelTravel (machine_max_acceleration_travel, a Marlin 2
// setting) is not written, so it does not time travels either.
func (c *Config) machineLimits() gcode.Limits {
	return gcode.Limits{
		MaxFeedrate:   c.MaxFeedrate,
		MaxAccel:      c.MaxAcceleration,
		MaxJerk:       c.MaxJerk,
		Accel:         c.MaxAccelExtrude,
		RetractAccel:  c.MaxAccelRetract,
		TravelAccel:   c.MaxAccelExtrude,
		MaxPrintAccel: c.MaxAccelExtrude,
	}
}

// silentLimits are the limits in the printer's silent mode. The firmware
// keeps the axes under them whatever the file sets (the ceilings), as
// gcode.MK3SSilentLimits describes.
func (c *Config) silentLimits() gcode.Limits {
	return gcode.Limits{
		MaxFeedrate:     c.MaxFeedrateSilent,
		MaxAccel:        c.MaxAccelerationSilent,
		MaxJerk:         c.MaxJerkSilent,
		Accel:           c.MaxAccelExtrudeSilent,
		RetractAccel:    c.MaxAccelRetractSilent,
		TravelAccel:     c.MaxAccelExtrudeSilent,
		MaxPrintAccel:   c.MaxAccelExtrudeSilent,
		FeedrateCeiling: c.MaxFeedrateSilent,
		AccelCeiling:    c.MaxAccelerationSilent,
	}
}

func writeHeader(w *gcode.Writer, c *Config, name string, total, silent float64) {
	w.Line("; generated by usinette for " + c.PrinterModel)
	if name != "" {
		w.Line("; model: " + name)
	}
	w.Line("")
	for _, x := range [...]struct {
		what string
		v    float64
	}{
		{"external perimeters", c.ExternalPerimeterW}, {"perimeters", c.PerimeterW},
		{"infill", c.InfillW}, {"solid infill", c.SolidInfillW},
		{"top infill", c.TopInfillW}, {"first layer", c.FirstLayerW},
	} {
		w.Linef("; %s extrusion width = %.2fmm", x.what, x.v)
	}
	w.Line("")
	w.Command("M73", 0, 'P', 0, 'R', remainingMinutes(total, 0))
	if c.SilentMode {
		w.Command("M73", 0, 'Q', 0, 'S', remainingMinutes(silent, 0))
	}
	// Machine limits, normal mode, in the form PrusaSlicer writes them for
	// the MK3 family (M204 T repeats the extruding value, as it does).
	w.Linef("M201 X%s Y%s Z%s E%s ; sets maximum accelerations, mm/sec^2",
		num(c.MaxAcceleration[0]), num(c.MaxAcceleration[1]), num(c.MaxAcceleration[2]), num(c.MaxAcceleration[3]))
	w.Linef("M203 X%s Y%s Z%s E%s ; sets maximum feedrates, mm / sec",
		num(c.MaxFeedrate[0]), num(c.MaxFeedrate[1]), num(c.MaxFeedrate[2]), num(c.MaxFeedrate[3]))
	lim := c.machineLimits()
	w.Linef("M204 P%s R%s T%s ; sets acceleration (P, T) and retract acceleration (R), mm/sec^2",
		num(lim.Accel), num(lim.RetractAccel), num(lim.TravelAccel))
	w.Linef("M205 X%.2f Y%.2f Z%.2f E%.2f ; sets the jerk limits, mm/sec",
		lim.MaxJerk[0], lim.MaxJerk[1], lim.MaxJerk[2], lim.MaxJerk[3])
	w.Line("M205 S0 T0 ; sets the minimum extruding and travel feed rate, mm/sec")
	w.Line("M107")
}

// commentNum formats v to 3 decimals with its leading zero ("0.2"), as
// PrusaSlicer writes ;Z: and ;HEIGHT: for viewers.
func commentNum(v float64) string {
	return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
}

func num(v float64) string { return string(gcode.AppendFloat(nil, v, 3)) }

func writeFooter(w *gcode.Writer, c *Config, st *GCodeStats) {
	w.Linef("; filament used [mm] = %.2f", st.FilamentMM)
	w.Linef("; filament used [cm3] = %.2f", st.FilamentCM3)
	w.Linef("; filament used [g] = %.2f", st.FilamentG)
	w.Linef("; total filament used [g] = %.2f", st.FilamentG)
	w.Linef("; total layers count = %d", st.Layers)
	w.Line("; estimated printing time (normal mode) = " + gcode.FormatDuration(st.PrintSeconds))
	if c.SilentMode {
		w.Line("; estimated printing time (silent mode) = " + gcode.FormatDuration(st.SilentSeconds))
	}
}

// onlyWriter hides everything but Write, so io.CopyBuffer uses the given
// buffer instead of an io.ReaderFrom the output may have.
type onlyWriter struct{ w io.Writer }

func (o onlyWriter) Write(p []byte) (int, error) { return o.w.Write(p) }
