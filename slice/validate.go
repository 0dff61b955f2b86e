package slice

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
)

// ConfigError is what Validate returns: the setting (by its PrusaSlicer
// key), its value and the range it must be in. It wraps ErrBadConfig.
type ConfigError struct {
	Key   string // PrusaSlicer key, e.g. "nozzle_diameter"
	Value any
	Want  string // e.g. "above 0 and at most 3 mm"
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("%v: %s = %v: want %s", ErrBadConfig, e.Key, e.Value, e.Want)
}

func (e *ConfigError) Unwrap() error { return ErrBadConfig }

// limit is one range rule of Validate: lo < v (or lo <= v when loIncl) and
// v <= hi.
type limit struct {
	key    string
	get    func(c *Config) float64
	lo, hi float64
	loIncl bool
	unit   string
}

func (l limit) want() string {
	op := "above"
	if l.loIncl {
		op = "from"
	}
	if l.loIncl {
		return fmt.Sprintf("%s %g to %g%s", op, l.lo, l.hi, l.unit)
	}
	return fmt.Sprintf("%s %g and at most %g%s", op, l.lo, l.hi, l.unit)
}

func (l limit) ok(v float64) bool {
	if math.IsNaN(v) || math.IsInf(v, 0) || v > l.hi {
		return false
	}
	if l.loIncl {
		return v >= l.lo
	}
	return v > l.lo
}

func f(key string, get func(c *Config) float64, lo, hi float64, loIncl bool, unit string) limit {
	return limit{key, get, lo, hi, loIncl, unit}
}

// limits are the ranges of the settings Validate checks. They are wide —
// anything a real printer could be set to — and exist so that a typo or a
// hostile file (1e300, a negative nozzle) is refused with the key named
// instead of producing G-code with moves at ±1e9 mm.
var limits = []limit{
	f("bed_shape (width)", func(c *Config) float64 { return c.BedWidth }, 0, 2000, false, " mm"),
	f("bed_shape (depth)", func(c *Config) float64 { return c.BedDepth }, 0, 2000, false, " mm"),
	f("max_print_height", func(c *Config) float64 { return c.MaxPrintHeight }, 0, 2000, false, " mm"),
	f("nozzle_diameter", func(c *Config) float64 { return c.NozzleDiameter }, 0.05, 3, true, " mm"),
	f("filament_diameter", func(c *Config) float64 { return c.FilamentDiameter }, 0.5, 5, true, " mm"),
	f("filament_density", func(c *Config) float64 { return c.FilamentDensity }, 0.1, 25, true, " g/cm³"),
	f("extrusion_multiplier", func(c *Config) float64 { return c.ExtrusionMult }, 0.1, 3, true, ""),
	f("layer_height", func(c *Config) float64 { return c.LayerHeight }, 0.01, 10, false, " mm"),
	f("first_layer_height", func(c *Config) float64 { return c.FirstLayerHeight }, 0.01, 10, false, " mm"),
	f("fill_density", func(c *Config) float64 { return c.FillDensity }, 0, 1, true, ""),
	f("fill_angle", func(c *Config) float64 { return c.FillAngle }, -360, 360, true, "°"),
	f("infill_overlap", func(c *Config) float64 { return c.InfillOverlap }, -1, 1, true, ""),
	f("infill_anchor", func(c *Config) float64 { return c.InfillAnchor }, 0, 1000, true, " mm"),
	f("infill_anchor_max", func(c *Config) float64 { return c.InfillAnchorMax }, 0, 1000, true, " mm"),
	f("top_solid_min_thickness", func(c *Config) float64 { return c.TopSolidMinThickness }, 0, 1000, true, " mm"),
	f("bottom_solid_min_thickness", func(c *Config) float64 { return c.BotSolidMinThickness }, 0, 1000, true, " mm"),
	f("skirt_distance", func(c *Config) float64 { return c.SkirtDistance }, 0, 1000, true, " mm"),
	f("min_skirt_length", func(c *Config) float64 { return c.MinSkirtLength }, 0, 1e4, true, " mm"),
	f("brim_width", func(c *Config) float64 { return c.BrimWidth }, 0, 100, true, " mm"),
	f("raft_contact_distance", func(c *Config) float64 { return c.RaftContactDistance }, 0, 10, true, " mm"),
	f("raft_expansion", func(c *Config) float64 { return c.RaftExpansion }, 0, 100, true, " mm"),
	f("raft_first_layer_density", func(c *Config) float64 { return c.RaftFirstLayerDensity }, 0.1, 1, true, ""),
	f("raft_first_layer_expansion", func(c *Config) float64 { return c.RaftFirstLayerExpansion }, 0, 100, true, " mm"),
	f("first_layer_speed_over_raft", func(c *Config) float64 { return c.FirstLayerSpeedOverRaft }, 0, 1000, true, " mm/s"),
	f("brim_separation", func(c *Config) float64 { return c.BrimSeparation }, 0, 100, true, " mm"),
	f("ironing_flowrate", func(c *Config) float64 { return c.IroningFlowrate }, 0, 1, true, ""),
	f("ironing_spacing", func(c *Config) float64 { return c.IroningSpacing }, 0.01, 10, true, " mm"),
	f("ironing_speed", func(c *Config) float64 { return c.IroningSpeed }, 0, 1000, false, " mm/s"),
	f("elefant_foot_compensation", func(c *Config) float64 { return c.ElefantFootComp }, 0, 10, true, " mm"),
	f("external_perimeter_speed", func(c *Config) float64 { return c.ExternalPerimeterSpeed }, 0, 1000, false, " mm/s"),
	f("perimeter_speed", func(c *Config) float64 { return c.PerimeterSpeed }, 0, 1000, false, " mm/s"),
	f("small_perimeter_speed", func(c *Config) float64 { return c.SmallPerimeterSpeed }, 0, 1000, false, " mm/s"),
	f("infill_speed", func(c *Config) float64 { return c.InfillSpeed }, 0, 1000, false, " mm/s"),
	f("solid_infill_speed", func(c *Config) float64 { return c.SolidInfillSpeed }, 0, 1000, false, " mm/s"),
	f("top_solid_infill_speed", func(c *Config) float64 { return c.TopSolidInfillSpeed }, 0, 1000, false, " mm/s"),
	f("gap_fill_speed", func(c *Config) float64 { return c.GapFillSpeed }, 0, 1000, false, " mm/s"),
	f("bridge_speed", func(c *Config) float64 { return c.BridgeSpeed }, 0, 1000, false, " mm/s"),
	f("first_layer_speed", func(c *Config) float64 { return c.FirstLayerSpeed }, 0, 1000, false, " mm/s"),
	f("travel_speed", func(c *Config) float64 { return c.TravelSpeed }, 0, 1000, false, " mm/s"),
	f("travel_speed_z", func(c *Config) float64 { return c.TravelSpeedZ }, 0, 1000, false, " mm/s"),
	f("filament_max_volumetric_speed", func(c *Config) float64 { return c.MaxVolumetricSpeed }, 0, 1000, true, " mm³/s"),
	f("default_acceleration", func(c *Config) float64 { return c.DefaultAcceleration }, 0, 1e5, true, " mm/s²"),
	f("perimeter_acceleration", func(c *Config) float64 { return c.PerimeterAcceleration }, 0, 1e5, true, " mm/s²"),
	f("infill_acceleration", func(c *Config) float64 { return c.InfillAcceleration }, 0, 1e5, true, " mm/s²"),
	f("bridge_acceleration", func(c *Config) float64 { return c.BridgeAcceleration }, 0, 1e5, true, " mm/s²"),
	f("first_layer_acceleration", func(c *Config) float64 { return c.FirstLayerAcceleration }, 0, 1e5, true, " mm/s²"),
	f("retract_length", func(c *Config) float64 { return c.RetractLength }, 0, 50, true, " mm"),
	f("retract_speed", func(c *Config) float64 { return c.RetractSpeed }, 0, 1000, false, " mm/s"),
	f("deretract_speed", func(c *Config) float64 { return c.DeretractSpeed }, 0, 1000, true, " mm/s"),
	f("retract_lift", func(c *Config) float64 { return c.RetractLift }, 0, 50, true, " mm"),
	f("retract_before_travel", func(c *Config) float64 { return c.RetractBeforeTrav }, 0, 1000, true, " mm"),
	f("retract_before_wipe", func(c *Config) float64 { return c.RetractBeforeWipe }, 0, 1, true, ""),
	f("temperature", func(c *Config) float64 { return c.Temperature }, 0, 500, true, " °C"),
	f("first_layer_temperature", func(c *Config) float64 { return c.FirstLayerTemperature }, 0, 500, true, " °C"),
	f("bed_temperature", func(c *Config) float64 { return c.BedTemperature }, 0, 200, true, " °C"),
	f("first_layer_bed_temperature", func(c *Config) float64 { return c.FirstLayerBedTemp }, 0, 200, true, " °C"),
	f("min_fan_speed", func(c *Config) float64 { return c.MinFanSpeed }, 0, 100, true, " %"),
	f("max_fan_speed", func(c *Config) float64 { return c.MaxFanSpeed }, 0, 100, true, " %"),
	f("bridge_fan_speed", func(c *Config) float64 { return c.BridgeFanSpeed }, 0, 100, true, " %"),
	f("slowdown_below_layer_time", func(c *Config) float64 { return c.SlowdownBelowLayerTm }, 0, 1e4, true, " s"),
	f("fan_below_layer_time", func(c *Config) float64 { return c.FanBelowLayerTime }, 0, 1e4, true, " s"),
	f("min_print_speed", func(c *Config) float64 { return c.MinPrintSpeed }, 0, 1000, true, " mm/s"),
}

// intLimits are the integer settings' ranges.
var intLimits = []struct {
	key    string
	get    func(c *Config) int
	lo, hi int
}{
	{"perimeters", func(c *Config) int { return c.Perimeters }, 0, 100},
	{"top_solid_layers", func(c *Config) int { return c.TopSolidLayers }, 0, 1000},
	{"bottom_solid_layers", func(c *Config) int { return c.BottomSolidLayers }, 0, 1000},
	{"skirts", func(c *Config) int { return c.Skirts }, 0, 100},
	{"skirt_height", func(c *Config) int { return c.SkirtHeight }, 0, 1e6},
	{"disable_fan_first_layers", func(c *Config) int { return c.DisableFanFirstLayers }, 0, 1e6},
	{"full_fan_speed_layer", func(c *Config) int { return c.FullFanSpeedLayer }, 0, 1e6},
	{"raft_layers", func(c *Config) int { return c.RaftLayers }, 0, 100},
}

// Validate says whether c is a config the slicer can print from: every
// number finite and in a sane range (limits above), the enumerations
// known, the layer height at most the nozzle diameter (as PrusaSlicer
// requires), and the bed wide enough for the start sequence's purge line.
// The INI reader, the command line and Slice/Run all use it, so there is
// one definition of a valid config. The error is a *ConfigError naming the
// setting; it wraps ErrBadConfig. Whether the brim and skirt fit the bed
// depends on the model and is checked by Run.
func (c Config) Validate() error {
	for _, l := range limits {
		if x := l.get(&c); !l.ok(x) {
			return &ConfigError{Key: l.key, Value: x, Want: l.want()}
		}
	}
	// then every other float, the machine limits included, finite: a NaN
	// compares false with everything and slips through range tests
	v := reflect.ValueOf(c)
	for i := 0; i < v.NumField(); i++ {
		fv := v.Field(i)
		switch fv.Kind() {
		case reflect.Float64:
			if x := fv.Float(); math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e9 {
				return &ConfigError{Key: v.Type().Field(i).Name, Value: x, Want: "a finite number"}
			}
		case reflect.Array:
			for j := 0; j < fv.Len(); j++ {
				if x := fv.Index(j).Float(); math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || x > 1e6 {
					return &ConfigError{Key: fmt.Sprintf("%s[%d]", v.Type().Field(i).Name, j), Value: x, Want: "from 0 to 1e6"}
				}
			}
		}
	}
	for _, l := range intLimits {
		if x := l.get(&c); x < l.lo || x > l.hi {
			return &ConfigError{Key: l.key, Value: x, Want: fmt.Sprintf("from %d to %d", l.lo, l.hi)}
		}
	}
	// widths: 0 means extrusion_width (as in PrusaSlicer), else sane
	for _, w := range []struct {
		key string
		v   float64
	}{
		{"extrusion_width", c.ExtrusionWidth},
		{"external_perimeter_extrusion_width", c.ExternalPerimeterW},
		{"perimeter_extrusion_width", c.PerimeterW},
		{"first_layer_extrusion_width", c.FirstLayerW},
		{"infill_extrusion_width", c.InfillW},
		{"solid_infill_extrusion_width", c.SolidInfillW},
		{"top_infill_extrusion_width", c.TopInfillW},
	} {
		x := w.v
		if x == 0 && w.key != "extrusion_width" {
			x = c.ExtrusionWidth
		}
		if !(x > 0.05 && x < 5) {
			return &ConfigError{Key: w.key, Value: w.v, Want: "above 0.05 and below 5 mm"}
		}
	}
	if c.LayerHeight > c.NozzleDiameter+1e-9 {
		return &ConfigError{Key: "layer_height", Value: c.LayerHeight,
			Want: fmt.Sprintf("at most the nozzle diameter (%g mm)", c.NozzleDiameter)}
	}
	if c.FirstLayerHeight > c.NozzleDiameter+1e-9 {
		return &ConfigError{Key: "first_layer_height", Value: c.FirstLayerHeight,
			Want: fmt.Sprintf("at most the nozzle diameter (%g mm)", c.NozzleDiameter)}
	}
	if c.FillPattern != "" && !slices.Contains(FillPatterns(), c.FillPattern) {
		return &ConfigError{Key: "fill_pattern", Value: c.FillPattern, Want: "gyroid, grid or rectilinear"}
	}
	if c.BrimType != "" && !slices.Contains(BrimTypes(), c.BrimType) {
		return &ConfigError{Key: "brim_type", Value: c.BrimType, Want: "outer_only, inner_only, outer_and_inner or no_brim"}
	}
	if c.IroningType != "" && !slices.Contains(IroningTypes(), c.IroningType) {
		return &ConfigError{Key: "ironing_type", Value: c.IroningType, Want: "top, topmost or solid"}
	}
	if c.SpiralVase && c.RaftLayers > 0 {
		// PrusaSlicer prints both; here a vase stands on the bed
		return &ConfigError{Key: "spiral_vase", Value: 1, Want: "0 with raft_layers (usinette does not print a vase on a raft)"}
	}
	if c.SeamPosition != "" && !slices.Contains(SeamPositions(), c.SeamPosition) {
		return &ConfigError{Key: "seam_position", Value: c.SeamPosition, Want: "aligned (the only seam this slicer prints)"}
	}
	return nil
}

// configKey returns the key a Validate error names, or "".
func configKey(err error) string {
	var ce *ConfigError
	if errors.As(err, &ce) {
		return ce.Key
	}
	return ""
}
