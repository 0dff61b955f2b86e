package slice

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// A setting is one PrusaSlicer config key and how it maps onto Config.
type setting struct {
	key string
	get func(c *Config) string
	set func(c *Config, v string, pct *pending) error
}

// pending holds values given as a percentage of another setting, resolved
// once the whole file is read (the other setting may come later).
type pending struct {
	fns []func(c *Config)
}

func floatSetting(key string, p func(c *Config) *float64) setting {
	return setting{key,
		func(c *Config) string { return fmtFloat(*p(c)) },
		func(c *Config, v string, _ *pending) error {
			f, err := parseFloat(firstOf(v))
			if err != nil {
				return err
			}
			*p(c) = f
			return nil
		}}
}

// relSetting is a float that PrusaSlicer also accepts as a percentage of
// another setting (extrusion widths of the nozzle, speeds of a parent speed).
func relSetting(key string, p func(c *Config) *float64, of func(c *Config) float64) setting {
	return setting{key,
		func(c *Config) string { return fmtFloat(*p(c)) },
		func(c *Config, v string, pd *pending) error {
			v = firstOf(v)
			if s, ok := strings.CutSuffix(v, "%"); ok {
				f, err := parseFloat(s)
				if err != nil {
					return err
				}
				pd.fns = append(pd.fns, func(c *Config) { *p(c) = f / 100 * of(c) })
				return nil
			}
			f, err := parseFloat(v)
			if err != nil {
				return err
			}
			*p(c) = f
			return nil
		}}
}

// fracSetting is a fraction that PrusaSlicer writes as a percentage ("15%").
func fracSetting(key string, p func(c *Config) *float64) setting {
	return setting{key,
		func(c *Config) string { return fmtFloat(*p(c)*100) + "%" },
		func(c *Config, v string, _ *pending) error {
			v = firstOf(v)
			s, pct := strings.CutSuffix(v, "%")
			f, err := parseFloat(s)
			if err != nil {
				return err
			}
			if pct || f > 1 {
				f /= 100
			}
			*p(c) = f
			return nil
		}}
}

func intSetting(key string, p func(c *Config) *int) setting {
	return setting{key,
		func(c *Config) string { return strconv.Itoa(*p(c)) },
		func(c *Config, v string, _ *pending) error {
			f, err := parseFloat(firstOf(v))
			if err != nil {
				return err
			}
			*p(c) = int(math.Round(f))
			return nil
		}}
}

// pairSetting is a machine limit PrusaSlicer writes as "normal,silent"
// (the printer's normal and silent modes); one value sets both.
func pairSetting(key string, p func(c *Config) (normal, silent *float64)) setting {
	return setting{key,
		func(c *Config) string {
			n, s := p(c)
			return fmtFloat(*n) + "," + fmtFloat(*s)
		},
		func(c *Config, v string, _ *pending) error {
			first, second, two := strings.Cut(v, ",")
			n, err := parseFloat(first)
			if err != nil {
				return err
			}
			s := n
			if two {
				if s, err = parseFloat(firstOf(second)); err != nil {
					return err
				}
			}
			pn, ps := p(c)
			*pn, *ps = n, s
			return nil
		}}
}

func boolSetting(key string, p func(c *Config) *bool) setting {
	return setting{key,
		func(c *Config) string {
			if *p(c) {
				return "1"
			}
			return "0"
		},
		func(c *Config, v string, _ *pending) error {
			switch strings.ToLower(firstOf(v)) {
			case "1", "true":
				*p(c) = true
			case "0", "false":
				*p(c) = false
			default:
				return fmt.Errorf("%w: %q is not 0 or 1", ErrBadConfig, v)
			}
			return nil
		}}
}

// textSetting is a free text key as PrusaSlicer writes it: on one line, a
// newline as \n and a backslash as \\, optionally in double quotes (the
// per-extruder form of filament keys, of which the first is taken).
func textSetting(key string, p func(c *Config) *string) setting {
	return setting{key,
		func(c *Config) string {
			r := strings.NewReplacer("\\", "\\\\", "\n", "\\n", "\r", "")
			return r.Replace(*p(c))
		},
		func(c *Config, v string, _ *pending) error {
			v = strings.TrimSpace(v)
			if strings.HasPrefix(v, "\"") {
				// "first";"second": the first extruder's
				end := 1
				for end < len(v) && (v[end] != '"' || v[end-1] == '\\') {
					end++
				}
				v = strings.ReplaceAll(v[1:min(end, len(v))], "\\\"", "\"")
			}
			var b strings.Builder
			for i := 0; i < len(v); i++ {
				if v[i] == '\\' && i+1 < len(v) {
					switch v[i+1] {
					case 'n':
						b.WriteByte('\n')
						i++
						continue
					case '\\':
						b.WriteByte('\\')
						i++
						continue
					}
				}
				b.WriteByte(v[i])
			}
			*p(c) = b.String()
			return nil
		}}
}

// stringSetting is a text key; with allowed values, any other is refused.
func stringSetting[T ~string](key string, p func(c *Config) *T, allowed ...T) setting {
	return setting{key,
		func(c *Config) string {
			v := string(*p(c))
			if strings.ContainsAny(v, ",\"") || v != strings.TrimSpace(v) {
				v = `"` + v + `"`
			}
			return v
		},
		func(c *Config, v string, _ *pending) error {
			t := T(unquote(firstOf(v)))
			if len(allowed) > 0 && !slices.Contains(allowed, t) {
				names := make([]string, len(allowed))
				for i, a := range allowed {
					names[i] = string(a)
				}
				return fmt.Errorf("%w: %q is not one of %s", ErrBadConfig, t, strings.Join(names, ", "))
			}
			*p(c) = t
			return nil
		}}
}

var settings = []setting{
	{"bed_shape", func(c *Config) string {
		return fmt.Sprintf("0x0,%sx0,%sx%s,0x%s", fmtFloat(c.BedWidth), fmtFloat(c.BedWidth), fmtFloat(c.BedDepth), fmtFloat(c.BedDepth))
	}, func(c *Config, v string, _ *pending) error {
		var minX, minY, maxX, maxY float64
		for i, pt := range strings.Split(v, ",") {
			xs, ys, ok := strings.Cut(strings.TrimSpace(pt), "x")
			if !ok {
				return fmt.Errorf("%w: bed point %q is not XxY", ErrBadConfig, pt)
			}
			x, err := parseFloat(xs)
			if err != nil {
				return err
			}
			y, err := parseFloat(ys)
			if err != nil {
				return err
			}
			if i == 0 {
				minX, maxX, minY, maxY = x, x, y, y
			}
			minX, maxX, minY, maxY = math.Min(minX, x), math.Max(maxX, x), math.Min(minY, y), math.Max(maxY, y)
		}
		if maxX-minX <= 0 || maxY-minY <= 0 {
			return fmt.Errorf("%w: empty bed %q", ErrBadConfig, v)
		}
		c.BedWidth, c.BedDepth = maxX-minX, maxY-minY
		return nil
	}},
	floatSetting("max_print_height", func(c *Config) *float64 { return &c.MaxPrintHeight }),
	floatSetting("nozzle_diameter", func(c *Config) *float64 { return &c.NozzleDiameter }),
	stringSetting("printer_model", func(c *Config) *string { return &c.PrinterModel }),
	textSetting("start_gcode", func(c *Config) *string { return &c.StartGCode }),
	textSetting("end_gcode", func(c *Config) *string { return &c.EndGCode }),
	textSetting("start_filament_gcode", func(c *Config) *string { return &c.StartFilamentGCode }),
	textSetting("end_filament_gcode", func(c *Config) *string { return &c.EndFilamentGCode }),
	textSetting("before_layer_gcode", func(c *Config) *string { return &c.BeforeLayerGCode }),
	textSetting("layer_gcode", func(c *Config) *string { return &c.LayerGCode }),
	textSetting("color_change_gcode", func(c *Config) *string { return &c.ColorChangeGCode }),
	textSetting("pause_print_gcode", func(c *Config) *string { return &c.PausePrintGCode }),
	textSetting("print_settings_id", func(c *Config) *string { return &c.PrintSettingsID }),
	textSetting("filament_settings_id", func(c *Config) *string { return &c.FilamentSettingsID }),
	textSetting("printer_settings_id", func(c *Config) *string { return &c.PrinterSettingsID }),
	textSetting("printer_notes", func(c *Config) *string { return &c.PrinterNotes }),
	floatSetting("z_offset", func(c *Config) *float64 { return &c.ZOffset }),
	floatSetting("filament_diameter", func(c *Config) *float64 { return &c.FilamentDiameter }),
	floatSetting("filament_density", func(c *Config) *float64 { return &c.FilamentDensity }),
	floatSetting("extrusion_multiplier", func(c *Config) *float64 { return &c.ExtrusionMult }),

	floatSetting("layer_height", func(c *Config) *float64 { return &c.LayerHeight }),
	relSetting("first_layer_height", func(c *Config) *float64 { return &c.FirstLayerHeight }, func(c *Config) float64 { return c.LayerHeight }),
	intSetting("perimeters", func(c *Config) *int { return &c.Perimeters }),
	relSetting("extrusion_width", func(c *Config) *float64 { return &c.ExtrusionWidth }, nozzle),
	relSetting("external_perimeter_extrusion_width", func(c *Config) *float64 { return &c.ExternalPerimeterW }, nozzle),
	relSetting("perimeter_extrusion_width", func(c *Config) *float64 { return &c.PerimeterW }, nozzle),
	relSetting("first_layer_extrusion_width", func(c *Config) *float64 { return &c.FirstLayerW }, nozzle),
	relSetting("infill_extrusion_width", func(c *Config) *float64 { return &c.InfillW }, nozzle),
	relSetting("solid_infill_extrusion_width", func(c *Config) *float64 { return &c.SolidInfillW }, nozzle),
	relSetting("top_infill_extrusion_width", func(c *Config) *float64 { return &c.TopInfillW }, nozzle),
	intSetting("top_solid_layers", func(c *Config) *int { return &c.TopSolidLayers }),
	intSetting("bottom_solid_layers", func(c *Config) *int { return &c.BottomSolidLayers }),
	floatSetting("top_solid_min_thickness", func(c *Config) *float64 { return &c.TopSolidMinThickness }),
	floatSetting("bottom_solid_min_thickness", func(c *Config) *float64 { return &c.BotSolidMinThickness }),
	fracSetting("fill_density", func(c *Config) *float64 { return &c.FillDensity }),
	stringSetting("fill_pattern", func(c *Config) *FillPattern { return &c.FillPattern }, FillPatterns()...),
	floatSetting("fill_angle", func(c *Config) *float64 { return &c.FillAngle }),
	fracSetting("infill_overlap", func(c *Config) *float64 { return &c.InfillOverlap }),
	// PrusaSlicer also takes the anchors as a percentage of the infill width
	relSetting("infill_anchor", func(c *Config) *float64 { return &c.InfillAnchor }, func(c *Config) float64 { return c.InfillW }),
	relSetting("infill_anchor_max", func(c *Config) *float64 { return &c.InfillAnchorMax }, func(c *Config) float64 { return c.InfillW }),
	stringSetting("seam_position", func(c *Config) *SeamPosition { return &c.SeamPosition }, SeamPositions()...),
	intSetting("skirts", func(c *Config) *int { return &c.Skirts }),
	floatSetting("skirt_distance", func(c *Config) *float64 { return &c.SkirtDistance }),
	intSetting("skirt_height", func(c *Config) *int { return &c.SkirtHeight }),
	floatSetting("min_skirt_length", func(c *Config) *float64 { return &c.MinSkirtLength }),
	floatSetting("brim_width", func(c *Config) *float64 { return &c.BrimWidth }),
	boolSetting("external_perimeters_first", func(c *Config) *bool { return &c.ExternalPerimetersFst }),
	floatSetting("elefant_foot_compensation", func(c *Config) *float64 { return &c.ElefantFootComp }),
	boolSetting("ensure_vertical_shell_thickness", func(c *Config) *bool { return &c.EnsureVerticalShell }),

	boolSetting("support_material", func(c *Config) *bool { return &c.Support }),
	boolSetting("support_material_auto", func(c *Config) *bool { return &c.SupportAuto }),
	floatSetting("support_material_threshold", func(c *Config) *float64 { return &c.SupportThreshold }),
	boolSetting("support_material_buildplate_only", func(c *Config) *bool { return &c.SupportBuildplateOnly }),
	floatSetting("support_material_contact_distance", func(c *Config) *float64 { return &c.SupportContactDistance }),
	intSetting("support_material_interface_layers", func(c *Config) *int { return &c.SupportInterfaceLayers }),
	floatSetting("support_material_spacing", func(c *Config) *float64 { return &c.SupportSpacing }),
	floatSetting("support_material_interface_spacing", func(c *Config) *float64 { return &c.SupportInterfaceSpacing }),
	stringSetting("support_material_pattern", func(c *Config) *string { return &c.SupportPattern }, "rectilinear", "rectilinear-grid"),
	floatSetting("support_material_angle", func(c *Config) *float64 { return &c.SupportAngle }),
	floatSetting("support_material_closing_radius", func(c *Config) *float64 { return &c.SupportClosingRadius }),
	relSetting("support_material_xy_spacing", func(c *Config) *float64 { return &c.SupportXYSpacing }, func(c *Config) float64 { return c.ExternalPerimeterW }),
	relSetting("support_material_extrusion_width", func(c *Config) *float64 { return &c.SupportWidth }, nozzle),
	floatSetting("support_material_speed", func(c *Config) *float64 { return &c.SupportSpeed }),
	relSetting("support_material_interface_speed", func(c *Config) *float64 { return &c.SupportInterfaceSpeed }, func(c *Config) float64 { return c.SupportSpeed }),
	// raft, brim types, vase mode, ironing (raft.go, skirt.go, vase.go, ironing.go)
	intSetting("raft_layers", func(c *Config) *int { return &c.RaftLayers }),
	floatSetting("raft_contact_distance", func(c *Config) *float64 { return &c.RaftContactDistance }),
	floatSetting("raft_expansion", func(c *Config) *float64 { return &c.RaftExpansion }),
	fracSetting("raft_first_layer_density", func(c *Config) *float64 { return &c.RaftFirstLayerDensity }),
	floatSetting("raft_first_layer_expansion", func(c *Config) *float64 { return &c.RaftFirstLayerExpansion }),
	relSetting("first_layer_speed_over_raft", func(c *Config) *float64 { return &c.FirstLayerSpeedOverRaft }, func(c *Config) float64 { return c.FirstLayerSpeed }),
	stringSetting("brim_type", func(c *Config) *BrimType { return &c.BrimType }, BrimTypes()...),
	floatSetting("brim_separation", func(c *Config) *float64 { return &c.BrimSeparation }),
	boolSetting("spiral_vase", func(c *Config) *bool { return &c.SpiralVase }),
	boolSetting("ironing", func(c *Config) *bool { return &c.Ironing }),
	stringSetting("ironing_type", func(c *Config) *IroningType { return &c.IroningType }, IroningTypes()...),
	fracSetting("ironing_flowrate", func(c *Config) *float64 { return &c.IroningFlowrate }),
	floatSetting("ironing_spacing", func(c *Config) *float64 { return &c.IroningSpacing }),
	floatSetting("ironing_speed", func(c *Config) *float64 { return &c.IroningSpeed }),
	relSetting("external_perimeter_speed", func(c *Config) *float64 { return &c.ExternalPerimeterSpeed }, func(c *Config) float64 { return c.PerimeterSpeed }),
	floatSetting("perimeter_speed", func(c *Config) *float64 { return &c.PerimeterSpeed }),
	relSetting("small_perimeter_speed", func(c *Config) *float64 { return &c.SmallPerimeterSpeed }, func(c *Config) float64 { return c.PerimeterSpeed }),
	floatSetting("infill_speed", func(c *Config) *float64 { return &c.InfillSpeed }),
	relSetting("solid_infill_speed", func(c *Config) *float64 { return &c.SolidInfillSpeed }, func(c *Config) float64 { return c.InfillSpeed }),
	relSetting("top_solid_infill_speed", func(c *Config) *float64 { return &c.TopSolidInfillSpeed }, func(c *Config) float64 { return c.SolidInfillSpeed }),
	relSetting("gap_fill_speed", func(c *Config) *float64 { return &c.GapFillSpeed }, func(c *Config) float64 { return c.InfillSpeed }),
	floatSetting("bridge_speed", func(c *Config) *float64 { return &c.BridgeSpeed }),
	floatSetting("bridge_flow_ratio", func(c *Config) *float64 { return &c.BridgeFlowRatio }),
	boolSetting("overhangs", func(c *Config) *bool { return &c.Overhangs }),
	relSetting("first_layer_speed", func(c *Config) *float64 { return &c.FirstLayerSpeed }, func(c *Config) float64 { return c.PerimeterSpeed }),
	floatSetting("travel_speed", func(c *Config) *float64 { return &c.TravelSpeed }),
	floatSetting("travel_speed_z", func(c *Config) *float64 { return &c.TravelSpeedZ }),
	floatSetting("filament_max_volumetric_speed", func(c *Config) *float64 { return &c.MaxVolumetricSpeed }),

	floatSetting("default_acceleration", func(c *Config) *float64 { return &c.DefaultAcceleration }),
	floatSetting("perimeter_acceleration", func(c *Config) *float64 { return &c.PerimeterAcceleration }),
	floatSetting("infill_acceleration", func(c *Config) *float64 { return &c.InfillAcceleration }),
	floatSetting("bridge_acceleration", func(c *Config) *float64 { return &c.BridgeAcceleration }),
	floatSetting("first_layer_acceleration", func(c *Config) *float64 { return &c.FirstLayerAcceleration }),

	floatSetting("retract_length", func(c *Config) *float64 { return &c.RetractLength }),
	floatSetting("retract_speed", func(c *Config) *float64 { return &c.RetractSpeed }),
	floatSetting("deretract_speed", func(c *Config) *float64 { return &c.DeretractSpeed }),
	floatSetting("retract_lift", func(c *Config) *float64 { return &c.RetractLift }),
	floatSetting("retract_before_travel", func(c *Config) *float64 { return &c.RetractBeforeTrav }),
	boolSetting("only_retract_when_crossing_perimeters", func(c *Config) *bool { return &c.OnlyRetractInside }),
	boolSetting("retract_layer_change", func(c *Config) *bool { return &c.RetractLayerChange }),

	floatSetting("temperature", func(c *Config) *float64 { return &c.Temperature }),
	floatSetting("first_layer_temperature", func(c *Config) *float64 { return &c.FirstLayerTemperature }),
	floatSetting("bed_temperature", func(c *Config) *float64 { return &c.BedTemperature }),
	floatSetting("first_layer_bed_temperature", func(c *Config) *float64 { return &c.FirstLayerBedTemp }),
	floatSetting("min_fan_speed", func(c *Config) *float64 { return &c.MinFanSpeed }),
	floatSetting("max_fan_speed", func(c *Config) *float64 { return &c.MaxFanSpeed }),
	floatSetting("bridge_fan_speed", func(c *Config) *float64 { return &c.BridgeFanSpeed }),
	intSetting("disable_fan_first_layers", func(c *Config) *int { return &c.DisableFanFirstLayers }),
	intSetting("full_fan_speed_layer", func(c *Config) *int { return &c.FullFanSpeedLayer }),
	floatSetting("slowdown_below_layer_time", func(c *Config) *float64 { return &c.SlowdownBelowLayerTm }),
	floatSetting("fan_below_layer_time", func(c *Config) *float64 { return &c.FanBelowLayerTime }),
	floatSetting("min_print_speed", func(c *Config) *float64 { return &c.MinPrintSpeed }),

	boolSetting("silent_mode", func(c *Config) *bool { return &c.SilentMode }),
	boolSetting("wipe", func(c *Config) *bool { return &c.Wipe }),
	fracSetting("retract_before_wipe", func(c *Config) *float64 { return &c.RetractBeforeWipe }),
	pairSetting("machine_max_feedrate_x", func(c *Config) (*float64, *float64) { return &c.MaxFeedrate[0], &c.MaxFeedrateSilent[0] }),
	pairSetting("machine_max_feedrate_y", func(c *Config) (*float64, *float64) { return &c.MaxFeedrate[1], &c.MaxFeedrateSilent[1] }),
	pairSetting("machine_max_feedrate_z", func(c *Config) (*float64, *float64) { return &c.MaxFeedrate[2], &c.MaxFeedrateSilent[2] }),
	pairSetting("machine_max_feedrate_e", func(c *Config) (*float64, *float64) { return &c.MaxFeedrate[3], &c.MaxFeedrateSilent[3] }),
	pairSetting("machine_max_acceleration_x", func(c *Config) (*float64, *float64) {
		return &c.MaxAcceleration[0], &c.MaxAccelerationSilent[0]
	}),
	pairSetting("machine_max_acceleration_y", func(c *Config) (*float64, *float64) {
		return &c.MaxAcceleration[1], &c.MaxAccelerationSilent[1]
	}),
	pairSetting("machine_max_acceleration_z", func(c *Config) (*float64, *float64) {
		return &c.MaxAcceleration[2], &c.MaxAccelerationSilent[2]
	}),
	pairSetting("machine_max_acceleration_e", func(c *Config) (*float64, *float64) {
		return &c.MaxAcceleration[3], &c.MaxAccelerationSilent[3]
	}),
	pairSetting("machine_max_acceleration_extruding", func(c *Config) (*float64, *float64) {
		return &c.MaxAccelExtrude, &c.MaxAccelExtrudeSilent
	}),
	pairSetting("machine_max_acceleration_retracting", func(c *Config) (*float64, *float64) {
		return &c.MaxAccelRetract, &c.MaxAccelRetractSilent
	}),
	pairSetting("machine_max_acceleration_travel", func(c *Config) (*float64, *float64) {
		return &c.MaxAccelTravel, &c.MaxAccelTravelSilent
	}),
	pairSetting("machine_max_jerk_x", func(c *Config) (*float64, *float64) { return &c.MaxJerk[0], &c.MaxJerkSilent[0] }),
	pairSetting("machine_max_jerk_y", func(c *Config) (*float64, *float64) { return &c.MaxJerk[1], &c.MaxJerkSilent[1] }),
	pairSetting("machine_max_jerk_z", func(c *Config) (*float64, *float64) { return &c.MaxJerk[2], &c.MaxJerkSilent[2] }),
	pairSetting("machine_max_jerk_e", func(c *Config) (*float64, *float64) { return &c.MaxJerk[3], &c.MaxJerkSilent[3] }),
}

func nozzle(c *Config) float64 { return c.NozzleDiameter }

var settingIndex = func() map[string]int {
	m := make(map[string]int, len(settings))
	for i, s := range settings {
		m[s.key] = i
	}
	return m
}()

// SettingKeys returns the PrusaSlicer config keys that Config reads, sorted.
func SettingKeys() []string {
	keys := make([]string, len(settings))
	for i, s := range settings {
		keys[i] = s.key
	}
	sort.Strings(keys)
	return keys
}

// INIResult is what ReadINI found besides the settings.
type INIResult struct {
	// Unknown lists, sorted and once each, the keys that Config does not
	// use and that do not change the print: PrusaSlicer's interface and
	// host keys, the wipe tower and tool changes of a one-extruder
	// printer, and the keys of Unrecognised. Keys that change the print are
	// not listed: at the value usinette prints they are accepted, at any
	// other ReadINI fails (UnsupportedError).
	Unknown []string
	// Unrecognised lists the keys neither Config nor usinette's table of
	// PrusaSlicer 2.5's keys knows: another version's, or misspelt.
	Unrecognised []string
}

// ReadINI applies the settings of a PrusaSlicer config export (key = value
// lines; # or ; comments; list values "a,b" where the first is the one
// used, the normal-mode one for machine limits; "15%" percentages) on top
// of base and returns the result. Keys Config does not know are listed in
// the result, not errors, as long as they do not change what is printed; a
// key that does, set to a value other than the one usinette prints
// (fuzzy_skin = outside, raft_layers = 3 while usinette has no raft), is
// an UnsupportedError naming the line, key and value. A value that does
// not parse is an error naming the line and key.
func ReadINI(r io.Reader, base Config) (Config, INIResult, error) {
	c := base
	var res INIResult
	var pd pending
	unknown := map[string]iniAt{}
	lines := map[string]int{} // key -> line it was last set on
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if text == "" || text[0] == '#' || text[0] == ';' || text[0] == '[' {
			continue
		}
		key, val, ok := strings.Cut(text, "=")
		if !ok {
			return base, res, fmt.Errorf("line %d: %w: %q is not key = value", line, ErrBadConfig, text)
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		i, known := settingIndex[key]
		if !known {
			unknown[key] = iniAt{line, val}
			continue
		}
		if err := settings[i].set(&c, val, &pd); err != nil {
			return base, res, fmt.Errorf("line %d: %s: %w", line, key, err)
		}
		lines[key] = line
	}
	if err := sc.Err(); err != nil {
		return base, res, err
	}
	for _, f := range pd.fns {
		f(&c)
	}
	// ranges and cross-setting rules, the same Validate the flags and
	// Slice use; the error names the line of the offending key when the
	// file set it
	if err := c.Validate(); err != nil {
		key, _, _ := strings.Cut(configKey(err), " (")
		if l, ok := lines[key]; ok {
			return base, res, fmt.Errorf("line %d: %w", l, err)
		}
		return base, res, err
	}
	// the keys Config does not read: a note for those that do not change
	// the print, an error for those set to what usinette does not print
	// (inikeys.go)
	var err error
	if res.Unknown, res.Unrecognised, err = checkINIKeys(&c, unknown); err != nil {
		return base, res, err
	}
	return c, res, nil
}

// SetINI applies one setting by its PrusaSlicer key, as a line of a config
// file would. Ranges that depend on other settings are not checked here
// (settings may be applied in any order): call Config.Validate once done.
func SetINI(c *Config, key, value string) error {
	i, ok := settingIndex[key]
	if !ok {
		return fmt.Errorf("%w: unknown key %q", ErrBadConfig, key)
	}
	var pd pending
	if err := settings[i].set(c, value, &pd); err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	for _, f := range pd.fns {
		f(c)
	}
	return nil
}

// ConfigPairs returns every setting of c as PrusaSlicer key and value,
// sorted by key, in the form a PrusaSlicer config file uses.
func ConfigPairs(c Config) [][2]string {
	out := make([][2]string, 0, len(settings))
	for _, s := range settings {
		out = append(out, [2]string{s.key, s.get(&c)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// WriteINI writes c as a PrusaSlicer-style config file that ReadINI (and
// PrusaSlicer's --load) reads back.
func WriteINI(w io.Writer, c Config) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("# usinette slice settings, PrusaSlicer key names\n")
	for _, kv := range ConfigPairs(c) {
		bw.WriteString(kv[0])
		bw.WriteString(" = ")
		bw.WriteString(kv[1])
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func firstOf(v string) string {
	if i := strings.IndexByte(v, ','); i >= 0 && !strings.HasPrefix(v, "\"") {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}

func unquote(v string) string {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		return v[1 : len(v)-1]
	}
	return v
}

func parseFloat(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%w: %q is not a number", ErrBadConfig, s)
	}
	return f, nil
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
