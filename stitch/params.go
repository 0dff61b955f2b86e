package stitch

import (
	"math"
	"strconv"
	"strings"
)

// Defaults of the planner, as Ink/Stitch users expect them
// (corpus/pes/inkstitch_params.tsv and Ink/Stitch's global preferences).
const (
	DefaultHoopWidth     = 260.0 // mm, Brother Innov-Is 870SE field
	DefaultHoopHeight    = 160.0 // mm
	DefaultMinStitch     = 0.1   // mm, shorter stitches are dropped
	DefaultJumpThreshold = 3.0   // mm, shorter moves are sewn, longer ones jump (and trim)

	defaultRunLength      = 2.5  // running_stitch_length_mm
	defaultRunTolerance   = 0.2  // running_stitch_tolerance_mm (stroke)
	defaultFillTolerance  = 0.1  // running_stitch_tolerance_mm (fill travel)
	defaultRowSpacing     = 0.25 // row_spacing_mm
	defaultFillStitch     = 3.0  // max_stitch_length_mm (fill)
	defaultStaggers       = 4.0  // staggers
	defaultZigzagSpacing  = 0.4  // zigzag_spacing_mm (satin)
	defaultShortInset     = 15.0 // short_stitch_inset, percent
	defaultShortDistance  = 0.25 // short_stitch_distance_mm
	defaultContourInset   = 0.4  // contour_underlay_inset_mm
	defaultUnderlayStitch = 3.0  // contour/center-walk underlay stitch length
	defaultZigzagUnderlay = 3.0  // zigzag_underlay_spacing_mm
	defaultLockLength     = 0.7  // lock_start_scale_mm / lock_end_scale_mm (back_forth locks)
	minSatinWidth         = 0.3  // a stroke marked satin must be wider than this
)

// Ties says where lock stitches go (inkstitch:ties).
type Ties uint8

const (
	TiesBoth    Ties = iota // 0: before and after
	TiesBefore              // 1
	TiesAfter               // 2
	TiesNeither             // 3
)

func (t Ties) start() bool { return t == TiesBoth || t == TiesBefore }
func (t Ties) end() bool   { return t == TiesBoth || t == TiesAfter }

// attrs reads inkstitch:* parameters of one element.
type attrs map[string]string

func (a attrs) raw(name string) (string, bool) {
	v, ok := a["inkstitch:"+name]
	if !ok {
		return "", false
	}
	v = strings.TrimSpace(v)
	return v, v != "" && v != "None"
}

// float returns the first number of a parameter (Ink/Stitch allows lists
// separated by spaces for some of them), or def when absent or malformed.
func (a attrs) float(name string, def float64) float64 {
	v, ok := a.raw(name)
	if !ok {
		return def
	}
	if f := strings.Fields(v); len(f) > 0 {
		v = f[0]
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return def
	}
	return x
}

// floats returns every number of a list parameter.
func (a attrs) floats(name string) []float64 {
	v, ok := a.raw(name)
	if !ok {
		return nil
	}
	var out []float64
	for _, f := range strings.Fields(v) {
		x, err := strconv.ParseFloat(f, 64)
		if err == nil && !math.IsNaN(x) && !math.IsInf(x, 0) {
			out = append(out, x)
		}
	}
	return out
}

func (a attrs) has(name string) bool { _, ok := a.raw(name); return ok }

func (a attrs) bool(name string, def bool) bool {
	v, ok := a.raw(name)
	if !ok {
		return def
	}
	switch strings.ToLower(v) {
	case "true", "yes", "1", "on":
		return true
	case "false", "no", "0", "off":
		return false
	}
	return def
}

func (a attrs) int(name string, def int) int {
	x := a.float(name, math.NaN())
	if math.IsNaN(x) {
		return def
	}
	return int(math.Round(x))
}

// positive returns x when it is a usable length, def otherwise.
func positive(x, def float64) float64 {
	if x > 0 && !math.IsNaN(x) && !math.IsInf(x, 0) {
		return x
	}
	return def
}

// common holds the parameters every element has.
type common struct {
	ties      Ties
	trimAfter bool
	stopAfter bool
	minStitch float64 // 0: the global setting
	forceLock bool
	minJump   float64 // 0: the global setting
	lockStart lockType
	lockEnd   lockType
}

// lockType is a tack (start) or lock (end) stitch: Ink/Stitch's
// "half_stitch" (the default: half way back along the stitch, a whole
// stitch back, half way, home — "0.5 1 0.5 0" relative to the stitch,
// scaled by lock_*_scale_percent) or "back_forth" ("1 1 -1 -1" in
// lock_*_scale_mm units, 0.7 mm by default).
type lockType struct {
	backForth bool
	scale     float64 // fraction of the stitch (half_stitch) or mm (back_forth)
}

func readLock(a attrs, which string) lockType {
	if v, _ := a.raw("lock_" + which); v == "back_forth" {
		return lockType{backForth: true, scale: positive(a.float("lock_"+which+"_scale_mm", defaultLockLength), defaultLockLength)}
	}
	return lockType{scale: positive(a.float("lock_"+which+"_scale_percent", 100), 100) / 100}
}

func readCommon(a attrs) common {
	c := common{
		trimAfter: a.bool("trim_after", false),
		stopAfter: a.bool("stop_after", false),
		forceLock: a.bool("force_lock_stitches", false),
		minStitch: a.float("min_stitch_length_mm", 0),
		minJump:   a.float("min_jump_stitch_length_mm", 0),
		lockStart: readLock(a, "start"),
		lockEnd:   readLock(a, "end"),
	}
	if t := a.int("ties", 0); t >= 0 && t <= 3 {
		c.ties = Ties(t)
	}
	if v, ok := a.raw("ties"); ok {
		switch strings.ToLower(v) {
		case "both":
			c.ties = TiesBoth
		case "before":
			c.ties = TiesBefore
		case "after":
			c.ties = TiesAfter
		case "neither":
			c.ties = TiesNeither
		}
	}
	if c.minStitch < 0 {
		c.minStitch = 0
	}
	return c
}

// fillParams are the parameters of an auto-fill (tatami) element.
type fillParams struct {
	angle        float64 // degrees, counter-clockwise, 0 = horizontal rows
	rowSpacing   float64
	maxStitch    float64
	staggers     float64
	expand       float64
	pullComp     float64
	runLength    float64 // travel between sections
	runTolerance float64
	skipLast     bool

	// method is inkstitch:fill_method: "auto_fill" (the default, tatami
	// rows), "contour_fill" or "guided_fill"; others are sewn as
	// auto_fill with a note (planShape).
	method          string
	contourStrategy int  // 0 inner to outer, 1 single spiral, 2 double spiral
	clockwise       bool // contour rings' direction (Ink/Stitch: clockwise)
	guideStrategy   int  // guided_fill: 0 copy (the only one sewn), 1 parallel offset
	guide           []pt // guided_fill: the guide line (page mm), set by the planner
	// note, when not nil, records a one-line note on the element
	// (what planning found it could not do as asked)
	note func(msg string)

	underlay          bool
	underlayAngles    []float64
	underlaySpacing   float64
	underlayMaxStitch float64
	underlayInset     float64
}

func readFill(a attrs, noPull bool) fillParams {
	p := fillParams{
		angle:        a.float("angle", 0),
		rowSpacing:   positive(a.float("row_spacing_mm", defaultRowSpacing), defaultRowSpacing),
		maxStitch:    positive(a.float("max_stitch_length_mm", defaultFillStitch), defaultFillStitch),
		staggers:     positive(a.float("staggers", defaultStaggers), defaultStaggers),
		expand:       a.float("expand_mm", 0),
		pullComp:     a.float("pull_compensation_mm", 0),
		runLength:    positive(a.float("running_stitch_length_mm", defaultRunLength), defaultRunLength),
		runTolerance: positive(a.float("running_stitch_tolerance_mm", defaultFillTolerance), defaultFillTolerance),
		skipLast:     a.bool("skip_last", false),
		underlay:     a.bool("fill_underlay", true),

		method:          "auto_fill",
		contourStrategy: a.int("contour_strategy", 0),
		clockwise:       a.bool("clockwise", true),
		guideStrategy:   a.int("guided_fill_strategy", 0),
	}
	if m, ok := a.raw("fill_method"); ok {
		p.method = fillMethodName(m)
	}
	switch v, _ := a.raw("contour_strategy"); strings.ToLower(v) {
	case "inner_to_outer":
		p.contourStrategy = 0
	case "single_spiral":
		p.contourStrategy = 1
	case "double_spiral":
		p.contourStrategy = 2
	}
	// Row spacing below 0.05 mm would ask for thousands of rows per mm.
	p.rowSpacing = math.Max(p.rowSpacing, 0.05)
	p.maxStitch = math.Max(p.maxStitch, 0.3)
	if noPull {
		p.pullComp = 0
	}
	p.underlayAngles = a.floats("fill_underlay_angle")
	if len(p.underlayAngles) == 0 {
		p.underlayAngles = []float64{p.angle + 90}
	}
	p.underlaySpacing = math.Max(positive(a.float("fill_underlay_row_spacing_mm", 0), 3*p.rowSpacing), 0.05)
	p.underlayMaxStitch = math.Max(positive(a.float("fill_underlay_max_stitch_length_mm", 0), p.maxStitch), 0.3)
	p.underlayInset = a.float("fill_underlay_inset_mm", 0)
	return p
}

// runParams are the parameters of a running-stitch stroke.
type runParams struct {
	length    float64
	tolerance float64
	repeats   int
	bean      []int
}

func readRun(a attrs) runParams {
	p := runParams{
		length:    math.Max(positive(a.float("running_stitch_length_mm", defaultRunLength), defaultRunLength), 0.3),
		tolerance: positive(a.float("running_stitch_tolerance_mm", defaultRunTolerance), defaultRunTolerance),
		repeats:   a.int("repeats", 1),
	}
	if p.repeats < 1 {
		p.repeats = 1
	}
	if p.repeats > 100 {
		p.repeats = 100
	}
	for _, b := range a.floats("bean_stitch_repeats") {
		n := int(math.Round(b))
		if n < 0 {
			n = 0
		}
		if n > 20 {
			n = 20
		}
		p.bean = append(p.bean, n)
	}
	return p
}

// satinParams are the parameters of a satin column.
type satinParams struct {
	zigzagSpacing float64
	pullComp      float64 // mm each side
	pullPercent   float64 // % of the width, each side
	maxStitch     float64 // 0: no split (the global limit still applies)
	shortInset    float64 // fraction
	shortDistance float64

	centerWalk        bool
	centerWalkLength  float64
	centerWalkRepeats int
	centerWalkPos     float64 // 0..1 from the first rail

	contour       bool
	contourLength float64
	contourInset  float64

	zigzag          bool
	zigzagUSpacing  float64
	zigzagUInset    float64
	zigzagUMaxStich float64

	satinRailParams // satin_params.go
}

func readSatin(a attrs, noPull bool) satinParams {
	p := satinParams{
		zigzagSpacing: math.Max(positive(a.float("zigzag_spacing_mm", defaultZigzagSpacing), defaultZigzagSpacing), 0.05),
		pullComp:      a.float("pull_compensation_mm", 0),
		pullPercent:   a.float("pull_compensation_percent", 0),
		maxStitch:     a.float("max_stitch_length_mm", 0),
		shortInset:    a.float("short_stitch_inset", defaultShortInset) / 100,
		shortDistance: a.float("short_stitch_distance_mm", defaultShortDistance),

		centerWalk:        a.bool("center_walk_underlay", false),
		centerWalkLength:  math.Max(positive(a.float("center_walk_underlay_stitch_length_mm", defaultUnderlayStitch), defaultUnderlayStitch), 0.3),
		centerWalkRepeats: a.int("center_walk_underlay_repeats", 2),
		centerWalkPos:     a.float("center_walk_underlay_position", 50) / 100,

		contour:       a.bool("contour_underlay", false),
		contourLength: math.Max(positive(a.float("contour_underlay_stitch_length_mm", defaultUnderlayStitch), defaultUnderlayStitch), 0.3),
		contourInset:  a.float("contour_underlay_inset_mm", defaultContourInset),

		zigzag:          a.bool("zigzag_underlay", false),
		zigzagUSpacing:  math.Max(positive(a.float("zigzag_underlay_spacing_mm", defaultZigzagUnderlay), defaultZigzagUnderlay), 0.1),
		zigzagUMaxStich: a.float("zigzag_underlay_max_stitch_length_mm", 0),
	}
	if noPull {
		p.pullComp, p.pullPercent = 0, 0
	}
	p.zigzagUInset = a.float("zigzag_underlay_inset_mm", p.contourInset/2)
	if p.centerWalkRepeats < 1 {
		p.centerWalkRepeats = 1
	}
	if p.centerWalkRepeats > 20 {
		p.centerWalkRepeats = 20
	}
	p.centerWalkPos = math.Min(math.Max(p.centerWalkPos, 0), 1)
	p.shortInset = math.Min(math.Max(p.shortInset, 0), 0.5)
	p.satinRailParams = readSatinRails(a, noPull)
	return p
}

// fillMethodName reads inkstitch:fill_method: the names Ink/Stitch writes
// today, and the numbers its first versions with fill methods wrote (0
// auto, 1 contour, 2 guided, 3 legacy).
func fillMethodName(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	switch v {
	case "0":
		return "auto_fill"
	case "1":
		return "contour_fill"
	case "2":
		return "guided_fill"
	case "3":
		return "legacy_fill"
	}
	return v
}
