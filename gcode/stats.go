package gcode

import (
	"context"
	"fmt"
	"io"
)

// Options set up Analyze and NewEstimator. The zero value is valid: every
// zero field takes its documented default.
type Options struct {
	// Limits are the machine limits the estimate starts from; nil means
	// MK3SLimits. M201/M203/M204/M205 commands in the file change them as
	// they come, as they change the printer's.
	Limits *Limits
	// FilamentDiameter in mm; 0 means 1.75.
	FilamentDiameter float64
	// FilamentDensity in g/cm³; 0 means 1.24 (PLA).
	FilamentDensity float64
	// ArcSegment is the chord length, mm, G2/G3 arcs are cut into before
	// planning, as the firmware does; 0 means 1 mm.
	ArcSegment float64
	// DefaultFeedrate is the feed rate, mm/s, of moves before the first F;
	// 0 means 25 mm/s (Marlin's 1500 mm/min).
	DefaultFeedrate float64
	// Progress, if set, is called now and then with the bytes read so far
	// and Size.
	Progress func(done, total int)
	// Size is the input length in bytes for Progress (0 if unknown).
	Size int64
}

func (o Options) withDefaults() Options {
	if o.Limits == nil {
		l := MK3SLimits()
		o.Limits = &l
	}
	if o.FilamentDiameter <= 0 {
		o.FilamentDiameter = 1.75
	}
	if o.FilamentDensity <= 0 {
		o.FilamentDensity = 1.24
	}
	if o.ArcSegment <= 0 {
		o.ArcSegment = 1
	}
	if o.DefaultFeedrate <= 0 {
		o.DefaultFeedrate = 25
	}
	return o
}

// Box is an axis-aligned box in mm. All zero when nothing was seen.
type Box struct {
	MinX float64 `json:"min_x"`
	MinY float64 `json:"min_y"`
	MinZ float64 `json:"min_z"`
	MaxX float64 `json:"max_x"`
	MaxY float64 `json:"max_y"`
	MaxZ float64 `json:"max_z"`
}

// LayerStats are the figures of one layer. A layer starts at a layer mark
// of the file (;LAYER_CHANGE from PrusaSlicer, ;LAYER:n from Cura) or, in
// files without marks, at the first extrusion above the previous layer.
// Moves before the first layer (start G-code, purge line) count in layer 1.
type LayerStats struct {
	Index      int     `json:"index"`       // 1-based
	Z          float64 `json:"z_mm"`        // top of the layer
	Height     float64 `json:"height_mm"`   // ;HEIGHT: or the Z step
	StartS     float64 `json:"start_s"`     // printing time before this layer
	TimeS      float64 `json:"time_s"`      // printing time of this layer
	FilamentMM float64 `json:"filament_mm"` // filament fed during this layer
}

// Reported are the figures the slicer wrote in the file about itself,
// 0 when absent: PrusaSlicer's "; estimated printing time (normal mode)" and
// "; filament used [mm]", Cura's ";TIME:" and ";Filament used:", Slic3r's
// "; filament used =".
type Reported struct {
	PrintTimeS float64 `json:"print_time_s"`
	// SilentPrintTimeS is PrusaSlicer's "(silent mode)" estimate, for
	// printers set to stealth mode (compare with MK3SSilentLimits).
	SilentPrintTimeS float64 `json:"silent_print_time_s,omitempty"`
	FilamentMM       float64 `json:"filament_mm"`
}

// Stats are the figures of a G-code file. Times are in seconds, lengths in
// mm, speeds in mm/s; JSON names carry their units.
type Stats struct {
	Generator string `json:"generator,omitempty"` // "PrusaSlicer 2.5.0", "Cura_SteamEngine 4.13.0"

	Layers       int          `json:"layers"`
	LayerHeights []float64    `json:"layer_heights_mm"` // distinct layer heights, ascending
	PerLayer     []LayerStats `json:"per_layer,omitempty"`

	PrintTimeS float64 `json:"print_time_s"` // estimated printing time (moves and dwells)
	// TimeByType is the printing time per feature type (;TYPE: of the file,
	// OtherFeature for moves outside any).
	TimeByType map[string]float64 `json:"time_by_type_s"`
	DwellS     float64            `json:"dwell_s"` // time of G4 dwells, included in PrintTimeS

	// FilamentMM is the net length of filament fed (retractions subtracted),
	// as the E words command it: M221 flow overrides are not applied,
	// like the slicers' own figures.
	FilamentMM float64 `json:"filament_mm"`
	// PrintFilamentMM is the filament of the print itself, the figure
	// slicers write in their footers: FilamentMM without the start and
	// end G-code (purge line) — moves before the first layer mark and in
	// ;TYPE:Custom sections — and without a final retraction.
	PrintFilamentMM     float64 `json:"print_filament_mm"`
	FilamentCM3         float64 `json:"filament_cm3"`
	FilamentG           float64 `json:"filament_g"`
	FilamentDiameterMM  float64 `json:"filament_diameter_mm"`
	FilamentDensityGCm3 float64 `json:"filament_density_g_cm3"`

	// Bounds enclose the extruding moves of the print itself (as
	// PrintFilamentMM, without the purge line of the start G-code);
	// ExtrusionBounds every extruding move; MoveBounds every move's end.
	Bounds          Box `json:"bounds_mm"`
	ExtrusionBounds Box `json:"extrusion_bounds_mm"`
	MoveBounds      Box `json:"move_bounds_mm"`

	MaxPrintSpeed      float64   `json:"max_print_speed_mm_s"`       // fastest extruding move, after machine limits
	MaxTravelSpeed     float64   `json:"max_travel_speed_mm_s"`      // fastest travel, after machine limits
	MaxVolumetricSpeed float64   `json:"max_volumetric_speed_mm3_s"` // highest filament volume rate
	NozzleTemps        []float64 `json:"nozzle_temps_c"`             // distinct non-zero M104/M109 targets, in order
	BedTemps           []float64 `json:"bed_temps_c"`                // distinct non-zero M140/M190 targets, in order
	MaxFanPercent      float64   `json:"max_fan_percent"`

	Retractions    int `json:"retractions"`
	ToolChanges    int `json:"tool_changes"`
	Homings        int `json:"homings"`
	Lines          int `json:"lines"`
	Commands       int `json:"commands"`
	Moves          int `json:"moves"`
	ExtrusionMoves int `json:"extrusion_moves"`
	// UnknownCommands counts commands the estimator does not know; Unknown
	// counts them by name ("M999").
	UnknownCommands int            `json:"unknown_commands"`
	Unknown         map[string]int `json:"unknown_by_command,omitempty"`
	LongLines       int            `json:"long_lines,omitempty"` // lines cut at MaxLineLength

	Reported Reported `json:"reported"`

	firstLayer int // estimator's index of layer 1, for Walk
}

// Analyze reads G-code from r to the end and returns its statistics, with
// the printing time estimated as the firmware's planner would run it. Memory
// stays bounded whatever the input size. It stops with ctx's error when ctx
// is cancelled. Unknown commands are counted, not errors; only read errors
// and a coordinate out of range (ErrRange: not finite, or beyond
// MaxCoordinate) fail.
func Analyze(ctx context.Context, r io.Reader, opts Options) (*Stats, error) {
	s := NewScanner(r)
	e := NewEstimator(opts)
	total := int(opts.Size)
	for n := 0; s.Scan(); n++ {
		e.Exec(s.Command())
		if e.err != nil {
			return nil, e.err
		}
		if n&0xffff == 0xffff {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("gcode: line %d: %w", s.Line(), err)
			}
			if opts.Progress != nil {
				opts.Progress(int(s.Bytes()), total)
			}
		}
	}
	if err := s.Err(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("gcode: %w", err)
	}
	st := e.Finish()
	st.LongLines = s.LongLines()
	if opts.Progress != nil {
		opts.Progress(int(s.Bytes()), max(total, int(s.Bytes())))
	}
	return st, nil
}
