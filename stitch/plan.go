package stitch

import (
	"context"
	"errors"
	"fmt"
	"github.com/usinette/usinette/internal/tour"
	"image/color"
	"math"
	"strings"

	"github.com/usinette/usinette/vector"
)

// Sentinel errors of Plan.
var (
	// ErrTooLarge: the design does not fit the hoop. The wrapping error
	// gives the design's size and the hoop's.
	ErrTooLarge = errors.New("design does not fit the hoop")
	// ErrEmpty: nothing in the document can be stitched.
	ErrEmpty = errors.New("nothing to stitch")
)

// Options are the global settings of the planner. The zero value asks for
// the defaults noted on each field.
type Options struct {
	// HoopWidth and HoopHeight are the embroidery field in millimetres
	// (260×160, the Brother Innov-Is 870SE's). The design is centred on
	// the hoop, whose centre is the origin of the Pattern.
	HoopWidth, HoopHeight float64
	// MaxStitch is the longest stitch or jump record (12.1 mm); longer
	// ones are split evenly.
	MaxStitch float64
	// MinStitch drops stitches shorter than this (0.1 mm; negative keeps
	// every stitch) unless an element sets inkstitch:min_stitch_length_mm.
	MinStitch float64
	// JumpThreshold: moves between elements up to this length (3 mm) are
	// sewn; longer ones are tied off, trimmed and jumped. Elements may
	// override it with inkstitch:min_jump_stitch_length_mm.
	JumpThreshold float64
	// TrimAt: a jump longer than this (mm) is tied off and trimmed; a
	// shorter one (but longer than JumpThreshold) leaves the thread
	// across, as a jump stitch. 0 trims every jump, as before this option
	// existed; negative never trims except at colour changes and where the
	// document asks (trim_after, stop_after, trim commands).
	TrimAt float64
	// SortColors gathers the blocks of one thread where stacking allows it:
	// an element is sewn earlier, next to an earlier one of its thread,
	// only when its outline box overlaps none of the elements it jumps
	// over (so nothing that was drawn on top of another ends up under it).
	// Off by default, as in Ink/Stitch.
	SortColors bool
	// Rotate says whether the design may be turned 90° to fit the hoop:
	// RotateAuto (the zero value) turns it only when it fits turned and
	// not upright, RotateNone never, Rotate90 always. Report.Rotated says
	// whether it was.
	Rotate Rotation
	// Scale multiplies the design's size (0 means 1): geometry and
	// stroke widths grow, stitch lengths and spacings stay in mm, as when
	// the drawing is resized in Inkscape.
	Scale float64
	// NoPullCompensation ignores every pull compensation parameter.
	NoPullCompensation bool
	// NoCenter keeps page coordinates instead of centring on the hoop (the
	// hoop check still applies to the design's size).
	NoCenter bool
	// Progress, when not nil, is called after each element with the
	// number of elements planned and the total.
	Progress func(done, total int)
	// AutoSatin: in a plain SVG (no inkstitch:* parameter or command
	// anywhere), a stroke wider than this (mm) is sewn as a satin column
	// of its width, thinner ones as running stitch. 0 means
	// DefaultAutoSatin (1 mm); negative sews every stroke as running
	// stitch, as Ink/Stitch does.
	AutoSatin float64

	sofar *box // bounds of the elements planned so far (PlanShapes)
	// per shape, set by PlanShapes: the guide line of a guided fill, the
	// ending point of a fill (ending_point command), a plain document
	guide   []pt
	fillEnd *pt
	plain   bool
	notes   *noteSet // what planning could not do as asked
}

func (o Options) withDefaults() Options {
	if o.HoopWidth <= 0 {
		o.HoopWidth = DefaultHoopWidth
	}
	if o.HoopHeight <= 0 {
		o.HoopHeight = DefaultHoopHeight
	}
	if o.MaxStitch <= 0 {
		o.MaxStitch = DefaultMaxStitch
	}
	switch {
	case o.MinStitch == 0:
		o.MinStitch = DefaultMinStitch
	case o.MinStitch < 0:
		o.MinStitch = 0
	}
	if o.Scale <= 0 || math.IsNaN(o.Scale) || math.IsInf(o.Scale, 0) {
		o.Scale = 1
	}
	if o.JumpThreshold <= 0 {
		o.JumpThreshold = DefaultJumpThreshold
	}
	if o.AutoSatin == 0 || o.AutoSatin != o.AutoSatin {
		o.AutoSatin = DefaultAutoSatin
	}
	return o
}

// Rotation is Options.Rotate.
type Rotation uint8

const (
	RotateAuto Rotation = iota // turn 90° only when that makes it fit
	RotateNone                 // never turn
	Rotate90                   // always turn 90° clockwise
)

// ParseRotation reads "auto", "0" or "90".
func ParseRotation(s string) (Rotation, error) {
	switch strings.TrimSpace(strings.ToLower(s)) {
	case "auto", "":
		return RotateAuto, nil
	case "0", "none":
		return RotateNone, nil
	case "90":
		return Rotate90, nil
	}
	return 0, fmt.Errorf("rotation %q: want auto, 0 or 90", s)
}

// Kind is how an element is stitched.
type Kind string

// The kinds of element the planner makes.
const (
	KindFill    Kind = "fill"
	KindRunning Kind = "running"
	KindSatin   Kind = "satin"
)

// ElementReport says what became of one element of the document.
type ElementReport struct {
	ID    string
	Shape int // index in the document's shapes
	Kind  Kind
	Color color.RGBA
	// First and End delimit the element's records in Pattern.Records
	// (End excluded): First is the record at the element's first point,
	// End follows its last lock stitch, trim or stop; the moves between
	// elements belong to neither.
	First, End int
	// Runs is the number of continuous runs of stitches (1 unless the
	// element has separate islands).
	Runs int
}

// Report tells what the planner did.
type Report struct {
	Elements []ElementReport
	// Skipped lists the shapes that gave no stitches, with why.
	Skipped []string
	// Commands counts the Ink/Stitch visual commands obeyed, by name
	// (trim, stop, ignore_object, ignore_layer, starting_point, which
	// older files call fill_start). Command
	// symbols and connectors are never sewn.
	Commands map[string]int
	// Notes are one line each on what the document asks that is not done
	// (an unsupported command).
	Notes []string
	// OffsetX, OffsetY is the translation from page millimetres to the
	// Pattern's hoop-centred frame.
	OffsetX, OffsetY float64
	// Width and Height of the design in millimetres, as sewn (after
	// turning).
	Width, Height float64
	// Rotated: the design was turned 90° clockwise (x, y) -> (-y, x) to
	// fit the hoop (Options.Rotate).
	Rotated bool
}

// element is one planned element before assembly.
type element struct {
	ElementReport
	runs [][]pt
	com  common
}

// Plan turns the shapes of a document into a stitch plan: shapes in
// document order, each by its kind (fill, running stitch, satin column),
// with Ink/Stitch's defaults and the element's inkstitch:* parameters.
func Plan(ctx context.Context, doc *vector.Document, opts Options) (*Pattern, Report, error) {
	if doc == nil {
		return nil, Report{}, ErrEmpty
	}
	pat, rep, err := PlanShapes(ctx, doc.Shapes, opts)
	// what the reader approximated (a mask read as a clip, ...)
	rep.Notes = append(append([]string(nil), doc.Warnings...), rep.Notes...)
	return pat, rep, err
}

// PlanShapes is Plan on a list of shapes.
func PlanShapes(ctx context.Context, shapes []vector.Shape, opts Options) (*Pattern, Report, error) {
	opts = opts.withDefaults()
	if opts.Scale != 1 {
		shapes = scaleShapes(shapes, opts.Scale)
	}
	var rep Report
	var elems []element
	var pos *pt
	// the bounds of what is planned so far: a design is refused as soon
	// as it cannot fit the hoop, and a fill region before it is filled (a
	// 3,000 mm square took 1.7 GB and 10 s to fill before the check)
	sofar := emptyBox()
	opts.sofar = &sofar
	cs := readCommands(shapes)
	rep.Commands, rep.Notes = cs.counts, cs.notes
	var notes noteSet
	for i := range shapes {
		if helperLine(&shapes[i]) != "" && !cs.drop[i] {
			// Ink/Stitch's helper lines steer other elements
			noteShape(&notes, &shapes[i], false)
			cs.drop[i] = true
		}
	}
	guides := findGuides(shapes, cs.drop)
	opts.notes = &notes
	opts.plain = plainDocument(shapes)
	for i := range shapes {
		if err := ctx.Err(); err != nil {
			return nil, rep, err
		}
		if cs.drop[i] {
			// a command symbol, a connector, an ignored object or layer
			if opts.Progress != nil {
				opts.Progress(i+1, len(shapes))
			}
			continue
		}
		sh := &shapes[i]
		noteShape(&notes, sh, guides[i] != nil)
		o := opts
		o.guide = guides[i]
		var fillStart *pt
		if c := cs.on[i]; c != nil {
			// a trim or stop command does what the old trim_after /
			// stop_after parameters do (Ink/Stitch replaces them by it)
			cp := *sh
			if c.trim {
				cp = withCommand(cp, "trim_after")
			}
			if c.stop {
				cp = withCommand(cp, "stop_after")
			}
			sh, fillStart = &cp, c.fillStart
			o.fillEnd = c.fillEnd
		}
		es, why, err := planShape(ctx, sh, i, o, pos, fillStart)
		if err != nil {
			return nil, rep, fmt.Errorf("shape %d (%s): %w", i, shapeName(&shapes[i]), err)
		}
		if len(es) == 0 && why != "" {
			rep.Skipped = append(rep.Skipped, fmt.Sprintf("%s: %s", shapeName(&shapes[i]), why))
		}
		for _, e := range es {
			if len(e.runs) > 0 {
				elems = append(elems, e)
				p := last(e.runs)
				pos = &p
				for _, r := range e.runs {
					for _, q := range r {
						sofar.add(q)
					}
				}
			}
		}
		if err := opts.fits(sofar); err != nil {
			return nil, rep, err
		}
		if opts.Progress != nil {
			opts.Progress(i+1, len(shapes))
		}
	}
	rep.Notes = append(rep.Notes, notes.lines()...)
	if len(elems) == 0 {
		return nil, rep, ErrEmpty
	}
	if opts.SortColors {
		elems = sortColors(elems)
	}
	pat := assemble(elems, opts, &rep)
	minX, minY, maxX, maxY := pat.Bounds()
	rep.Width, rep.Height = maxX-minX, maxY-minY
	upright := rep.Width <= opts.HoopWidth+1e-9 && rep.Height <= opts.HoopHeight+1e-9
	turned := rep.Height <= opts.HoopWidth+1e-9 && rep.Width <= opts.HoopHeight+1e-9
	switch {
	case opts.Rotate == Rotate90 && turned, opts.Rotate == RotateAuto && !upright && turned:
		// clockwise on the page (y down): right becomes down
		for i := range pat.Records {
			r := &pat.Records[i]
			r.X, r.Y = -r.Y, r.X
		}
		minX, minY, maxX, maxY = pat.Bounds()
		rep.Width, rep.Height = maxX-minX, maxY-minY
		rep.Rotated = true
	case opts.Rotate == Rotate90 || !upright:
		return nil, rep, fmt.Errorf("%w: design %.1f×%.1f mm, hoop %.0f×%.0f mm%s",
			ErrTooLarge, rep.Width, rep.Height, opts.HoopWidth, opts.HoopHeight, opts.turnNote())
	}
	if !opts.NoCenter {
		rep.OffsetX, rep.OffsetY = -(minX+maxX)/2, -(minY+maxY)/2
		pat.Translate(rep.OffsetX, rep.OffsetY)
	}
	return pat, rep, nil
}

// trims says whether a jump of length d (longer than the jump threshold)
// is trimmed.
func (o Options) trims(d float64) bool {
	switch {
	case o.TrimAt == 0:
		return true
	case o.TrimAt < 0:
		return false
	}
	return d > o.TrimAt
}

// sortColors reorders elements so that elements of one thread follow each
// other where stacking allows: going down the document, each element pulls
// forward the later elements of its thread whose box overlaps none of the
// elements they would move ahead of. Relative order within a thread is
// kept, and two overlapping elements of different threads keep theirs.
//
// Only the later elements of the element's own thread are candidates, each
// thread's in a list: the elements of other threads between are gathered
// (the ones a candidate would move ahead of) only up to the thread's last
// candidate. The work is O(n) per thread that has elements far apart, not
// O(n) per element: a design of 2,790 shapes in as many colours spent 1 s
// here, formatting a thread name for every pair (quadratic).
func sortColors(elems []element) []element {
	boxes := make([]box, len(elems))
	for i, e := range elems {
		boxes[i] = emptyBox()
		for _, r := range e.runs {
			for _, q := range r {
				boxes[i].add(q)
			}
		}
	}
	// threadFor(a) == threadFor(b) exactly when the RGB agree
	key := func(i int) uint32 {
		c := elems[i].Color
		return uint32(c.R)<<16 | uint32(c.G)<<8 | uint32(c.B)
	}
	lists := map[uint32][]int{}
	at := make([]int, len(elems)) // position of each element in its thread's list
	for i := range elems {
		k := key(i)
		at[i] = len(lists[k])
		lists[k] = append(lists[k], i)
	}
	used := make([]bool, len(elems))
	out := make([]element, 0, len(elems))
	var passed []int // elements of other threads left behind
	for i := range elems {
		if used[i] {
			continue
		}
		used[i] = true
		out = append(out, elems[i])
		th := key(i)
		list := lists[th]
		passed = passed[:0]
		next := i + 1 // elements before next are in passed already
		for _, j := range list[at[i]+1:] {
			if used[j] {
				continue
			}
			for ; next < j; next++ {
				if !used[next] && key(next) != th {
					passed = append(passed, next)
				}
			}
			next = j + 1
			free := true
			for _, k := range passed {
				if boxes[k].overlaps(boxes[j]) {
					free = false
					break
				}
			}
			if !free {
				// it stays behind; the later ones of its thread stay
				// behind it, so that a thread keeps its own order
				break
			}
			used[j] = true
			out = append(out, elems[j])
		}
	}
	return out
}

// overlaps says whether two boxes share a point.
func (b box) overlaps(c box) bool {
	return b.minX <= c.maxX && c.minX <= b.maxX && b.minY <= c.maxY && c.minY <= b.maxY
}

// box is an axis-aligned bounding box in millimetres; emptyBox has min >
// max.
type box struct{ minX, minY, maxX, maxY float64 }

func emptyBox() box {
	return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
}

func (b *box) add(p pt) {
	b.minX, b.minY = min(b.minX, p.X), min(b.minY, p.Y)
	b.maxX, b.maxY = max(b.maxX, p.X), max(b.maxY, p.Y)
}

// fits returns an error wrapping ErrTooLarge when b is larger than the
// hoop (an empty box fits).
func (o Options) fits(b box) error {
	w, h := b.maxX-b.minX, b.maxY-b.minY
	if b.minX > b.maxX {
		return nil
	}
	upright := w <= o.HoopWidth+1e-9 && h <= o.HoopHeight+1e-9
	turned := h <= o.HoopWidth+1e-9 && w <= o.HoopHeight+1e-9
	switch o.Rotate {
	case RotateNone:
		turned = false
	case Rotate90:
		upright = false
	}
	if upright || turned {
		return nil
	}
	return fmt.Errorf("%w: design %.1f×%.1f mm, hoop %.0f×%.0f mm%s",
		ErrTooLarge, w, h, o.HoopWidth, o.HoopHeight, o.turnNote())
}

// turnNote says in an error which orientations were tried.
func (o Options) turnNote() string {
	switch o.Rotate {
	case RotateNone:
		return " (not turned: rotation off)"
	case Rotate90:
		return " (turned 90°)"
	}
	return " (either way round)"
}

// scaleShapes returns copies of the shapes scaled by k about the page
// origin (the design is centred on the hoop afterwards).
func scaleShapes(shapes []vector.Shape, k float64) []vector.Shape {
	out := make([]vector.Shape, len(shapes))
	for i, s := range shapes {
		s.StrokeWidth *= k
		sps := make([]vector.Subpath, len(s.Subpaths))
		for j, sp := range s.Subpaths {
			ps := make([]vector.Point, len(sp.Points))
			for n, q := range sp.Points {
				ps[n] = q.Scale(k)
			}
			sps[j] = vector.Subpath{Points: ps, Closed: sp.Closed}
		}
		s.Subpaths = sps
		out[i] = s
	}
	return out
}

func shapeName(s *vector.Shape) string {
	if s.ID != "" {
		return s.ID
	}
	return "unnamed shape"
}

func subpathPoints(sp vector.Subpath) []pt {
	p := dedupe(sp.Points, 1e-6)
	if sp.Closed && len(p) > 1 {
		if samePoint(p[0], p[len(p)-1]) {
			p = p[:len(p)-1]
		}
		p = append(p, p[0])
	}
	return p
}

// planShape plans one shape: its fill, then its stroke (as Ink/Stitch
// makes two elements of a shape that has both).
//
// fillStart, when not nil, is where a fill_start command asks the fill to
// begin: the fill starts at its corner nearest that point.
func planShape(ctx context.Context, s *vector.Shape, idx int, opts Options, pos, fillStart *pt) ([]element, string, error) {
	a := attrs(s.Attrs)
	com := readCommon(a)
	var out []element
	mk := func(kind Kind, c color.RGBA, runs [][]pt) element {
		var kept [][]pt
		for _, r := range runs {
			if len(r) > 1 {
				kept = append(kept, r)
			}
		}
		return element{ElementReport: ElementReport{ID: s.ID, Shape: idx, Kind: kind, Color: c, Runs: len(kept)}, runs: kept, com: com}
	}
	strokeColor := s.Stroke.Color
	if !s.Stroke.Set {
		strokeColor = s.Fill.Color
		if !s.Fill.Set {
			strokeColor = color.RGBA{A: 255}
		}
	}
	if a.bool("satin_column", false) {
		var rails [][]pt
		for _, sp := range s.Subpaths {
			if p := subpathPoints(sp); len(p) > 1 {
				rails = append(rails, p)
			}
		}
		sp := readSatin(a, opts.NoPullCompensation)
		switch {
		case len(rails) >= 2:
			runs, err := planSatinColumn(ctx, rails, sp, pos)
			if err != nil {
				return nil, "", err
			}
			return []element{mk(KindSatin, strokeColor, runs)}, "", nil
		case len(rails) == 1 && s.StrokeWidth > minSatinWidth:
			runs := planSatinStroke(rails[0], s.StrokeWidth, sp)
			return []element{mk(KindSatin, strokeColor, runs)}, "", nil
		case len(rails) == 1:
			// Too thin for a satin: Ink/Stitch sews it as a running stitch.
			rp := readRun(a)
			return []element{mk(KindRunning, strokeColor, planRunning([][]pt{rails[0]}, rp))}, "", nil
		}
		return nil, "satin column without rails", nil
	}
	// An absent fill paints black (SVG's default), as Ink/Stitch sews it.
	if s.Fill.Set || s.Fill.Implicit {
		var rings [][]pt
		for _, sp := range s.Subpaths {
			p := dedupe(sp.Points, 1e-6)
			if len(p) >= 3 {
				rings = append(rings, p)
			}
		}
		fp := readFill(a, opts.NoPullCompensation)
		if opts.notes != nil {
			fp.note = func(msg string) { opts.notes.add(msg, shapeName(s)) }
		}
		if fp.method == "guided_fill" {
			fp.guide = opts.guide
			if fp.guide == nil {
				fp.method = "auto_fill" // noted
			}
		}
		// the fill rows reach the outline's edges to within a row: refuse
		// from the outline before cleaning or filling it (a fuzzed radius
		// of 1e12 mm is beyond what the clipper takes)
		b := emptyBox()
		if opts.sofar != nil {
			b = *opts.sofar
		}
		rb := emptyBox()
		for _, ring := range rings {
			for _, q := range ring {
				rb.add(q)
			}
		}
		if m := 1 + fp.rowSpacing; rb.maxX-rb.minX > 2*m && rb.maxY-rb.minY > 2*m {
			b.add(pt{X: rb.minX + m, Y: rb.minY + m})
			b.add(pt{X: rb.maxX - m, Y: rb.maxY - m})
		}
		if opts.fits(b) != nil {
			// named by the outline's size, which the fill reaches
			full := b
			full.add(pt{X: rb.minX, Y: rb.minY})
			full.add(pt{X: rb.maxX, Y: rb.maxY})
			return nil, "", opts.fits(full)
		}
		region := cleanRegion(rings, s.FillRule, fp.expand)
		if len(region) > 0 {
			from := pos
			if fillStart != nil {
				from = fillStart
			}
			runs, err := planFill(ctx, region, fp, from)
			if err != nil {
				return nil, "", err
			}
			if opts.fillEnd != nil {
				runs = endFillAt(region, runs, *opts.fillEnd, fp)
			}
			e := mk(KindFill, s.Fill.Color, runs)
			if len(e.runs) > 0 {
				out = append(out, e)
				p := last(e.runs)
				pos = &p
			}
		}
	}
	if s.Stroke.Set {
		var paths [][]pt
		for _, sp := range s.Subpaths {
			if p := subpathPoints(sp); len(p) > 1 {
				paths = append(paths, p)
			}
		}
		rp := readRun(a)
		paths = orderPaths(paths, pos)
		if opts.plain && opts.AutoSatin > 0 && s.StrokeWidth > opts.AutoSatin {
			if e := mk(KindSatin, s.Stroke.Color, autoSatin(paths, s.StrokeWidth)); len(e.runs) > 0 {
				out = append(out, e)
			}
		} else if e := mk(KindRunning, s.Stroke.Color, planRunning(paths, rp)); len(e.runs) > 0 {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		switch {
		case !s.Fill.Set && !s.Fill.Implicit && !s.Stroke.Set:
			return nil, "no fill and no stroke", nil
		default:
			return nil, "too small to stitch", nil
		}
	}
	return out, "", nil
}

// planRunning sews each path as a running stitch, with repeats and bean
// stitch.
func planRunning(paths [][]pt, rp runParams) [][]pt {
	var runs [][]pt
	for _, p := range paths {
		st := runningStitch(p, rp.length, rp.tolerance)
		st = repeatRun(st, rp.repeats)
		st = beanStitch(st, rp.bean)
		if len(st) > 1 {
			runs = append(runs, st)
		}
	}
	return runs
}

// orderPaths sews the subpaths of a stroke nearest first, each from its
// nearer end (closed ones from their start).
func orderPaths(paths [][]pt, pos *pt) [][]pt {
	if pos == nil || len(paths) < 2 {
		return paths
	}
	rev := make([]bool, len(paths))
	order := tour.Greedy(len(paths), *pos, func(i int, at pt) (float64, pt, bool) {
		p := paths[i]
		d, r := at.Dist(p[0]), false
		if e := at.Dist(p[len(p)-1]); !samePoint(p[0], p[len(p)-1]) && e < d {
			d, r = e, true
		}
		rev[i] = r
		if r {
			return d, p[0], true
		}
		return d, p[len(p)-1], true
	})
	out := make([][]pt, 0, len(order))
	for _, i := range order {
		p := paths[i]
		if rev[i] {
			q := make([]pt, len(p))
			for k := range p {
				q[k] = p[len(p)-1-k]
			}
			p = q
		}
		out = append(out, p)
	}
	return out
}

// assembler writes records.
type assembler struct {
	opts    Options
	recs    []Record
	pos     pt
	started bool
}

func (as *assembler) stitch(p pt, minLen float64) {
	if as.started && len(as.recs) > 0 && as.recs[len(as.recs)-1].Cmd == Stitch && as.pos.Dist(p) < minLen {
		return
	}
	// Split long stitches evenly.
	if as.started {
		if d := as.pos.Dist(p); d > as.opts.MaxStitch {
			n := int(math.Ceil(d / as.opts.MaxStitch))
			from := as.pos
			for i := 1; i < n; i++ {
				q := from.Lerp(p, float64(i)/float64(n))
				as.recs = append(as.recs, Record{X: q.X, Y: q.Y, Cmd: Stitch})
			}
		}
	}
	as.recs = append(as.recs, Record{X: p.X, Y: p.Y, Cmd: Stitch})
	as.pos, as.started = p, true
}

func (as *assembler) cmd(c Command) {
	as.recs = append(as.recs, Record{X: as.pos.X, Y: as.pos.Y, Cmd: c})
}

func (as *assembler) jump(p pt) {
	d := as.pos.Dist(p)
	n := int(math.Ceil(d / as.opts.MaxStitch))
	from := as.pos
	for i := 1; i < n; i++ {
		q := from.Lerp(p, float64(i)/float64(n))
		as.recs = append(as.recs, Record{X: q.X, Y: q.Y, Cmd: Jump})
	}
	as.recs = append(as.recs, Record{X: p.X, Y: p.Y, Cmd: Jump})
	as.pos = p
	// The needle goes down where the jump lands.
	as.recs = append(as.recs, Record{X: p.X, Y: p.Y, Cmd: Stitch})
}

// tieStitches sews a lock at the start of run (at its end when given the
// run reversed): Ink/Stitch's half_stitch lock goes along the first stitch
// to its middle, to its end, back to the middle and home; back_forth goes
// 1, 2, 1, 0 lock lengths along it. The needle then sews the run from
// its start.
func tieStitches(run []pt, lt lockType) []pt {
	if len(run) < 2 {
		return nil
	}
	a := run[0]
	var b pt
	for _, q := range run[1:] {
		if a.Dist(q) > 1e-6 {
			b = q
			break
		}
	}
	d := a.Dist(b)
	if d == 0 {
		return nil
	}
	u := b.Sub(a).Scale(1 / d)
	steps := [4]float64{0.5 * d * lt.scale, d * lt.scale, 0.5 * d * lt.scale, 0}
	if lt.backForth {
		steps = [4]float64{lt.scale, 2 * lt.scale, lt.scale, 0}
	}
	out := make([]pt, 4)
	for i, s := range steps {
		out[i] = a.Add(u.Scale(s))
	}
	return out
}

func reversed(p []pt) []pt {
	q := make([]pt, len(p))
	for i := range p {
		q[i] = p[len(p)-1-i]
	}
	return q
}

// assemble turns planned elements into records: colour blocks, lock
// stitches, travel or trim+jump between runs.
func assemble(elems []element, opts Options, rep *Report) *Pattern {
	as := &assembler{opts: opts}
	pat := &Pattern{}
	var curColor color.RGBA
	var prev *element
	for ei := range elems {
		e := &elems[ei]
		minLen := opts.MinStitch
		if e.com.minStitch > 0 {
			minLen = e.com.minStitch
		}
		first := len(as.recs)
		for ri, run := range e.runs {
			start := run[0]
			startRec := len(as.recs)
			switch {
			case prev == nil && ri == 0:
				pat.Threads = append(pat.Threads, threadFor(e.Color))
				curColor = e.Color
				as.pos = start
				as.stitch(start, 0)
				startRec = len(as.recs) - 1
				if e.com.ties.start() {
					for _, q := range tieStitches(run, e.com.lockStart) {
						as.stitch(q, 0)
					}
				}
			default:
				// Leaving the previous run: which element it belonged to
				// decides the end lock and trims.
				pe := e
				if ri == 0 {
					pe = prev
				}
				// one thread: the colour as the thread is named (alpha
				// does not make another thread)
				newColor := ri == 0 && threadFor(e.Color) != threadFor(curColor)
				jumpMax := opts.JumpThreshold
				if pe.com.minJump > 0 {
					jumpMax = pe.com.minJump
				}
				stopped := ri == 0 && (pe.com.trimAfter || pe.com.stopAfter)
				travel := !newColor && !stopped && as.pos.Dist(start) <= jumpMax
				if travel {
					if ri == 0 && pe.com.forceLock && pe.com.ties.end() {
						for _, q := range tieStitches(reversed(prevRun(pe, e, ri)), pe.com.lockEnd) {
							as.stitch(q, 0)
						}
					}
					as.stitch(start, minLen)
					startRec = len(as.recs) - 1
					break
				}
				if ri != 0 || !stopped {
					// trim_after / stop_after already tied off.
					if pe.com.ties.end() {
						for _, q := range tieStitches(reversed(prevRun(pe, e, ri)), pe.com.lockEnd) {
							as.stitch(q, 0)
						}
					}
					if newColor || opts.trims(as.pos.Dist(start)) {
						as.cmd(Trim)
					}
				}
				if newColor {
					as.cmd(ColorChange)
					pat.Threads = append(pat.Threads, threadFor(e.Color))
					curColor = e.Color
				}
				as.jump(start)
				startRec = len(as.recs) - 1
				if e.com.ties.start() {
					for _, q := range tieStitches(run, e.com.lockStart) {
						as.stitch(q, 0)
					}
				}
			}
			if ri == 0 {
				// The element's thread starts at the record at its first
				// point (the needle-down after a jump, or the end of the
				// travel stitch that reached it).
				first = startRec
			}
			for _, q := range run[1:] {
				as.stitch(q, minLen)
			}
		}
		if e.com.trimAfter || e.com.stopAfter {
			if e.com.ties.end() {
				for _, q := range tieStitches(reversed(e.runs[len(e.runs)-1]), e.com.lockEnd) {
					as.stitch(q, 0)
				}
			}
			as.cmd(Trim)
			if e.com.stopAfter {
				as.cmd(Stop)
			}
		}
		e.First, e.End = first, len(as.recs)
		rep.Elements = append(rep.Elements, e.ElementReport)
		prev = e
	}
	if prev != nil && !(prev.com.trimAfter || prev.com.stopAfter) && prev.com.ties.end() {
		for _, q := range tieStitches(reversed(prev.runs[len(prev.runs)-1]), prev.com.lockEnd) {
			as.stitch(q, 0)
		}
		if n := len(rep.Elements); n > 0 {
			rep.Elements[n-1].End = len(as.recs)
		}
	}
	as.cmd(End)
	pat.Records = as.recs
	return pat
}

// prevRun is the run sewn just before run ri of e.
func prevRun(pe, e *element, ri int) []pt {
	if ri > 0 {
		return e.runs[ri-1]
	}
	return pe.runs[len(pe.runs)-1]
}

func threadFor(c color.RGBA) Thread {
	c.A = 255
	return Thread{Color: c, Description: strings.ToUpper(fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B))}
}
