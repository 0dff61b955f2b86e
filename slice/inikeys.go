package slice

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// The PrusaSlicer 2.5 FFF config keys that Config does not read, and what
// each does to the print. A config export carries ~270 keys; usinette
// reads about half. Of the rest, some only matter to PrusaSlicer's
// interface, its print host, or printers with several extruders: they are
// listed in INIResult.Unknown and the CLI prints them as a note. The others
// change what is printed: each has the value(s) at which PrusaSlicer prints
// what usinette prints (wipe_tower on a one-extruder printer, raft_layers =
// 0, fuzzy_skin = none...), and any other value is an error naming the
// line, key and value, never a note that --quiet could hide.
//
// The list is PrusaSlicer 2.5.0's `--save` of its full config (271 keys)
// and the filament overrides `--help-fff` lists besides. A key that
// becomes a setting (settings) is read as one: the table then only says,
// for the keys that depend on it, whether it is on.

// iniKey is one key of the table.
type iniKey struct {
	key string
	// neutral are the values at which PrusaSlicer prints what usinette
	// prints; nil for a key that never changes the print.
	neutral []string
	// check, when set, judges the value instead of neutral.
	check func(v string, c *Config) bool
	// onlyIf names the key this one acts through: it changes nothing while
	// that key is at its neutral value (ironing_speed without ironing).
	onlyIf string
	// prints says what usinette prints, in the error (neutral[0] if empty).
	prints string
}

// noEffect: keys for PrusaSlicer's interface, presets and print host, and
// those a printer with one extruder and no MMU never uses.
func noEffect(keys ...string) []iniKey {
	out := make([]iniKey, len(keys))
	for i, k := range keys {
		out[i] = iniKey{key: k}
	}
	return out
}

// printing: a key that changes the print, neutral at the values given.
func printing(key string, neutral ...string) iniKey { return iniKey{key: key, neutral: neutral} }

// dependent: printing, but only while parent is not neutral.
func dependent(parent, key string, neutral ...string) iniKey {
	return iniKey{key: key, neutral: neutral, onlyIf: parent}
}

var iniKeyTable = func() map[string]iniKey {
	var all []iniKey
	all = append(all, noEffect(
		// presets, notes, the interface
		"inherits", "compatible_printers", "compatible_printers_condition", "compatible_prints",
		"compatible_prints_condition", "default_filament_profile", "default_print_profile",
		"default_sla_material_profile", "default_sla_print_profile", "filament_vendor", "printer_vendor",
		"printer_variant", "renamed_from", "physical_printer_settings_id", "sla_print_settings_id",
		"sla_material_settings_id", "notes", "filament_notes", "bed_custom_model", "bed_custom_texture",
		"thumbnails", "thumbnails_format", "output_filename_format", "threads", "filament_colour",
		"extruder_colour", "filament_cost", "filament_spool_weight", "template_custom_gcode",
		"colorprint_heights", "variable_layer_height", "min_layer_height", "max_layer_height",
		"gcode_comments", "gcode_label_objects", "remaining_times", "filament_type",
		// the print host
		"host_type", "print_host", "printhost_apikey", "printhost_cafile", "printhost_port",
		"printhost_authorization_type", "printhost_user", "printhost_password", "printhost_slug",
		// single-material printer with one extruder: tool changes, wipe
		// tower, MMU loading and ramming never happen
		"toolchange_gcode", "wipe_tower", "wipe_tower_x", "wipe_tower_y", "wipe_tower_width",
		"wipe_tower_rotation_angle", "wipe_tower_brim_width", "wipe_tower_bridging",
		"wipe_tower_no_sparse_layers", "wipe_tower_extruder", "wiping_volumes_extruders",
		"wiping_volumes_matrix", "wipe_into_infill", "wipe_into_objects", "ooze_prevention",
		"standby_temperature_delta", "retract_length_toolchange", "retract_restart_extra_toolchange",
		"extruder", "infill_extruder", "perimeter_extruder", "solid_infill_extruder",
		"support_material_extruder", "support_material_interface_extruder", "interface_shells",
		"mmu_segmented_region_max_width", "filament_soluble",
		// the speed a 0 speed setting gets: usinette refuses 0 speeds
		"max_print_speed",
	)...)
	// MMU (single_extruder_multi_material) only
	for _, k := range []string{"cooling_tube_length", "cooling_tube_retraction", "extra_loading_move",
		"filament_cooling_final_speed", "filament_cooling_initial_speed", "filament_cooling_moves",
		"filament_load_time", "filament_loading_speed", "filament_loading_speed_start",
		"filament_minimal_purge_on_wipe_tower", "filament_ramming_parameters", "filament_toolchange_delay",
		"filament_unload_time", "filament_unloading_speed", "filament_unloading_speed_start",
		"high_current_on_filament_swap", "parking_pos_retraction", "single_extruder_multi_material_priming"} {
		all = append(all, iniKey{key: k, onlyIf: "single_extruder_multi_material"})
	}

	all = append(all,
		printing("printer_technology", "FFF"),
		printing("gcode_flavor", "marlin"),
		printing("extrusion_axis", "E"),
		printing("use_relative_e_distances", "1"),
		printing("use_firmware_retraction", "0"),
		printing("use_volumetric_e", "0"),
		printing("machine_limits_usage", "emit_to_gcode"),
		printing("machine_min_extruding_rate", "0"),
		printing("machine_min_travel_rate", "0"),
		printing("extruder_offset", "0x0"),
		printing("single_extruder_multi_material", "0"),
		printing("post_process", ""),
		printing("gcode_substitutions", ""),
		printing("complete_objects", "0"),
		dependent("complete_objects", "between_objects_gcode", ""),
		dependent("complete_objects", "extruder_clearance_height", "20"),
		dependent("complete_objects", "extruder_clearance_radius", "45"),
		// the gap between objects of a plate (mesh.Arrange)
		printing("duplicate_distance", "6"),

		// slicing
		printing("slicing_mode", "regular"),
		printing("slice_closing_radius", "0.049"),
		printing("resolution", "0"),
		printing("gcode_resolution", "0.0125"),
		printing("xy_size_compensation", "0"),
		printing("clip_multipart_objects", "1"),

		// perimeters
		// usinette's walls are neither generator exactly: fixed-width loops
		// with gap fill and widened thin walls, between classic and Arachne.
		// Refusing either would refuse most profiles for no gain in truth,
		// so the choice itself is only a note; Arachne's tuning keys below
		// are what usinette does not follow, refused when changed.
		iniKey{key: "perimeter_generator"},
		printing("min_bead_width", "85%"),
		printing("min_feature_size", "25%"),
		printing("wall_distribution_count", "1"),
		printing("wall_transition_angle", "10"),
		printing("wall_transition_filter_deviation", "25%"),
		printing("wall_transition_length", "0.4"),
		printing("extra_perimeters", "0"),
		printing("thin_walls", "0"),
		printing("gap_fill_enabled", "1"),
		printing("avoid_crossing_perimeters", "0"),
		dependent("avoid_crossing_perimeters", "avoid_crossing_perimeters_max_detour", "0"),
		printing("only_retract_when_crossing_perimeters", "0"),
		printing("fuzzy_skin", "none"),
		dependent("fuzzy_skin", "fuzzy_skin_point_dist", "0.8"),
		dependent("fuzzy_skin", "fuzzy_skin_thickness", "0.3"),

		// infill
		printing("top_fill_pattern", "monotonic"),
		printing("bottom_fill_pattern", "monotonic"),
		printing("infill_every_layers", "1"),
		printing("infill_only_where_needed", "0"),
		printing("infill_first", "0"),
		printing("solid_infill_below_area", "0"),
		printing("solid_infill_every_layers", "0"),
		printing("bridge_angle", "0"),
		printing("thick_bridges", "0"),
		printing("ironing", "0"),
		dependent("ironing", "ironing_type", "top"),
		dependent("ironing", "ironing_flowrate", "15%"),
		dependent("ironing", "ironing_spacing", "0.1"),
		dependent("ironing", "ironing_speed", "15"),
		printing("spiral_vase", "0"),

		// skirt, brim, raft
		printing("draft_shield", "disabled"),
		// parents read from Config: brim_width is a setting
		printing("brim_width", "0"),
		dependent("brim_width", "brim_type", "outer_only"),
		dependent("brim_width", "brim_separation", "0.1"),
		printing("raft_layers", "0"),
		dependent("raft_layers", "raft_contact_distance", "0.2"),
		dependent("raft_layers", "raft_expansion", "1.5"),
		dependent("raft_layers", "raft_first_layer_density", "90%"),
		dependent("raft_layers", "raft_first_layer_expansion", "3"),
		dependent("raft_layers", "first_layer_speed_over_raft", "30"),
		dependent("raft_layers", "first_layer_acceleration_over_raft", "0"),

		// supports: support_material is a setting; these shape the
		// support usinette builds (grid style, no sheath)
		printing("support_material", "0"),
		printing("support_material_enforce_layers", "0"),
		dependent("support_material", "support_material_style", "grid"),
		dependent("support_material", "support_material_with_sheath", "0"),
		dependent("support_material", "support_material_synchronize_layers", "0"),
		dependent("support_material", "support_material_interface_pattern", "rectilinear"),
		dependent("support_material", "support_material_interface_contact_loops", "0"),
		dependent("support_material", "support_material_bottom_contact_distance", "0"),
		dependent("support_material", "support_material_bottom_interface_layers", "0"),
		dependent("support_material", "dont_support_bridges", "0"),

		// speed, flow, cooling
		printing("max_volumetric_speed", "0"),
		printing("max_volumetric_extrusion_rate_slope_negative", "0"),
		printing("max_volumetric_extrusion_rate_slope_positive", "0"),
		printing("cooling", "1"),
		printing("fan_always_on", "1"),

		// retraction
		printing("retract_restart_extra", "0"),
		printing("retract_lift_above", "0"),
		// PrusaSlicer's profiles stop lifting 1 mm under the top of the
		// volume; usinette lifts at every height, which differs only above it
		iniKey{key: "retract_lift_below", prints: "a lift at every height",
			check: func(v string, c *Config) bool {
				f, err := parseFloat(firstOf(v))
				return err == nil && (f == 0 || f >= c.maxHeight()-1)
			}},
	)
	// a filament preset's overrides of the printer's retraction: "nil"
	// leaves the printer's
	for _, k := range []string{"filament_deretract_speed", "filament_retract_before_travel",
		"filament_retract_before_wipe", "filament_retract_layer_change", "filament_retract_length",
		"filament_retract_lift", "filament_retract_lift_above", "filament_retract_lift_below",
		"filament_retract_restart_extra", "filament_retract_speed", "filament_wipe"} {
		all = append(all, iniKey{key: k, neutral: []string{"nil", ""}, prints: "the printer's retraction"})
	}
	m := make(map[string]iniKey, len(all))
	for _, k := range all {
		if _, dup := m[k.key]; dup {
			panic("slice: INI key table lists " + k.key + " twice")
		}
		m[k.key] = k
	}
	return m
}()

// iniAt is a value read from a config file and its line.
type iniAt struct {
	line  int
	value string
}

// UnsupportedError is a config key usinette does not implement set to a
// value that changes what PrusaSlicer prints. It wraps ErrBadConfig.
type UnsupportedError struct {
	Line   int
	Key    string
	Value  string
	Prints string // what usinette prints instead
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("line %d: %s = %s is not supported (usinette prints %s)", e.Line, e.Key, e.Value, e.Prints)
}

func (e *UnsupportedError) Unwrap() error { return ErrBadConfig }

// unsupportedErrors are all the unsupported keys of a file, by line.
type unsupportedErrors []*UnsupportedError

func (u unsupportedErrors) Error() string {
	parts := make([]string, len(u))
	for i, e := range u {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap gives errors.As the first one and errors.Is ErrBadConfig.
func (u unsupportedErrors) Unwrap() []error {
	out := make([]error, len(u))
	for i, e := range u {
		out[i] = e
	}
	return out
}

// checkINIKeys judges the keys of a file that Config does not read (vals)
// against the table, c being the config the file gave. It returns the keys
// that do not change the print or that the table does not know (sorted),
// those the table does not know, and an error for every key that changes
// the print at a value usinette does not print.
func checkINIKeys(c *Config, vals map[string]iniAt) (ignored, unrecognised []string, err error) {
	var bad unsupportedErrors
	for key, at := range vals {
		k, ok := iniKeyTable[key]
		switch {
		case !ok:
			unrecognised = append(unrecognised, key)
			ignored = append(ignored, key)
		case k.neutral == nil && k.check == nil:
			ignored = append(ignored, key)
		case k.onlyIf != "" && !iniKeyOn(c, vals, k.onlyIf):
			// acts through a key that is off: changes nothing
		case !iniNeutral(k, at.value, c):
			prints := k.prints
			if prints == "" {
				prints = k.neutral[0]
				if prints == "" {
					prints = "without it"
				}
			}
			bad = append(bad, &UnsupportedError{Line: at.line, Key: key, Value: at.value, Prints: prints})
		}
	}
	sort.Strings(ignored)
	sort.Strings(unrecognised)
	if len(bad) > 0 {
		sort.Slice(bad, func(i, j int) bool { return bad[i].Line < bad[j].Line })
		if len(bad) == 1 {
			return ignored, unrecognised, bad[0]
		}
		return ignored, unrecognised, bad
	}
	return ignored, unrecognised, nil
}

// iniKeyOn reports whether key (a parent of others) is on: its value, from
// Config when it is a setting, else from the file, else PrusaSlicer's
// default (neutral), is not neutral.
func iniKeyOn(c *Config, vals map[string]iniAt, key string) bool {
	k := iniKeyTable[key]
	var v string
	if i, ok := settingIndex[key]; ok {
		v = settings[i].get(c)
	} else if at, ok := vals[key]; ok {
		v = at.value
	} else {
		return false
	}
	if k.neutral == nil && k.check == nil {
		// a parent with no effect of its own (MMU): on unless 0
		return sameINIValue(v, "0") == false
	}
	return !iniNeutral(k, v, c)
}

func iniNeutral(k iniKey, v string, c *Config) bool {
	if k.check != nil {
		return k.check(v, c)
	}
	for _, n := range k.neutral {
		if sameINIValue(v, n) {
			return true
		}
	}
	return false
}

// sameINIValue compares a file's value with a neutral one: numbers by
// value ("0.0" is "0", "90%" is "90 %" no more), text as written without
// quotes; of a per-extruder list ("0,0") the first extruder's.
func sameINIValue(v, neutral string) bool {
	v = strings.TrimSpace(v)
	if !strings.Contains(neutral, ",") && !strings.HasPrefix(v, "\"") {
		v = firstOf(v)
	}
	v = unquote(v)
	if v == neutral {
		return true
	}
	vn, vp := strings.CutSuffix(v, "%")
	nn, np := strings.CutSuffix(neutral, "%")
	a, err1 := strconv.ParseFloat(strings.TrimSpace(vn), 64)
	b, err2 := strconv.ParseFloat(nn, 64)
	return err1 == nil && err2 == nil && vp == np && a == b
}
