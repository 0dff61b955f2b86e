package slice

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/usinette/usinette/gcode"
	"github.com/usinette/usinette/geom"
)

// custom is a rendered custom G-code sequence (start or end): its lines,
// and, once timed, where it leaves the head.
type custom struct {
	lines []string
	end   geom.Point // XY where the sequence leaves the head, µm
	z     float64    // and Z, mm
	box   gcode.Box  // what it extrudes (the purge line), mm
}

// renderCustom renders two templates one after the other (start_gcode then
// start_filament_gcode; end_filament_gcode then end_gcode) with the
// config's settings and the extra variables the writer knows at that point.
// Empty lines of the templates are dropped, as the writer writes no blank
// lines between commands.
func renderCustom(c *Config, first, firstKey, second, secondKey string, extra map[string]any) (custom, error) {
	vars := c.macroVars(extra)
	var out custom
	for k, t := range [][2]string{{first, firstKey}, {second, secondKey}} {
		text, err := expandMacro(t[1], t[0], vars)
		if err != nil {
			return out, err
		}
		if k == 1 && firstKey == "start_gcode" {
			// as PrusaSlicer does after start_gcode: whatever the template
			// did, the moves that follow are in mm, absolute, and the
			// extrusion relative, which is how this writer counts E
			out.lines = append(out.lines, "G21 ; set units to millimeters", "G90 ; use absolute coordinates",
				"M83 ; use relative distances for extrusion")
		}
		for _, line := range strings.Split(text, "\n") {
			if line = strings.TrimRight(line, " \t\r"); line != "" {
				out.lines = append(out.lines, line)
			}
		}
	}
	return out, nil
}

// renderLines renders one template into its non-empty lines.
func renderLines(key, src string, vars macroVars) (custom, error) {
	var out custom
	text, err := expandMacro(key, src, vars)
	if err != nil {
		return out, err
	}
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimRight(line, " \t\r"); line != "" {
			out.lines = append(out.lines, line)
		}
	}
	return out, nil
}

// seconds times the sequence with the estimator under the given limits,
// after pre, G-code the writer puts before it (the state the sequence starts
// from: positions, acceleration, the retraction), and records where it
// leaves the head. Instead of a hand-kept twin of each sequence's moves,
// the estimator that reads any G-code times it, so a profile's own
// templates are timed as well as the default.
func (s *custom) seconds(lim gcode.Limits, pre string) float64 {
	e := gcode.NewEstimator(gcode.Options{Limits: &lim})
	e.Write([]byte(pre))
	var b bytes.Buffer
	for _, l := range s.lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	e.Write(b.Bytes())
	s.box = e.Finish().Bounds
	x, y, z := e.Position()
	s.end, s.z = geom.Point{X: geom.FromMM(x), Y: geom.FromMM(y)}, z
	return e.Elapsed()
}

// write writes the sequence's lines.
func (s *custom) write(w *gcode.Writer) {
	for _, l := range s.lines {
		w.Line(l)
	}
}

// macroVars gives templates the config's settings by their PrusaSlicer
// keys (numbers as numbers, the rest as text), the variables of a
// one-extruder printer (initial_tool, current_extruder...), and extra.
func (c *Config) macroVars(extra map[string]any) macroVars {
	text := map[string]string{
		"start_gcode": c.StartGCode, "end_gcode": c.EndGCode,
		"start_filament_gcode": c.StartFilamentGCode, "end_filament_gcode": c.EndFilamentGCode,
		"before_layer_gcode": c.BeforeLayerGCode, "layer_gcode": c.LayerGCode,
		"color_change_gcode": c.ColorChangeGCode, "pause_print_gcode": c.PausePrintGCode,
		"print_settings_id": c.PrintSettingsID, "filament_settings_id": c.FilamentSettingsID,
		"printer_settings_id": c.PrinterSettingsID, "printer_notes": c.PrinterNotes,
	}
	vals := map[string]any{
		"initial_tool": 0.0, "initial_extruder": 0.0, "current_extruder": 0.0,
		"max_print_height": c.maxHeight(),
		// z_offset is not a setting of this slicer (no Z is shifted):
		// templates see the 0 it prints with
		"z_offset": 0.0,
	}
	for _, kv := range ConfigPairs(*c) {
		if t, ok := text[kv[0]]; ok {
			vals[kv[0]] = t
		} else if f, err := strconv.ParseFloat(kv[1], 64); err == nil {
			vals[kv[0]] = f
		} else {
			vals[kv[0]] = kv[1]
		}
	}
	for k, v := range extra {
		vals[k] = v
	}
	return func(name string) (any, bool) {
		v, ok := vals[name]
		return v, ok
	}
}

// maxHeight is max_print_height, or the MK3S's 210 mm when unset.
func (c *Config) maxHeight() float64 {
	if c.MaxPrintHeight > 0 {
		return c.MaxPrintHeight
	}
	return 210
}
