package slice

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/usinette/usinette/gcode"
)

// LayerEvent is something the printer does before a layer: a filament
// (colour) change or a pause, as PrusaSlicer's preview slider inserts them.
type LayerEvent struct {
	// Z is a height in mm: the event comes before the first layer whose top
	// is at or above it (the layer that holds height Z is the first one
	// printed after it), as PrusaSlicer places a change at a layer's print_z.
	Z float64
	// Pause: M601 (pause_print_gcode) instead of the colour change M600.
	Pause bool
	// Message is shown on the printer's display before a pause (M117).
	Message string
	// Color is the colour comment of a change (";COLOR_CHANGE,T0,#RRGGBB"),
	// for G-code viewers; may be empty.
	Color string
}

// checkEvents refuses events outside the layers (0 < Z ≤ top).
func checkEvents(evs []LayerEvent, top float64) error {
	for _, e := range evs {
		if !(e.Z > 0) || e.Z > top+1e-6 || math.IsInf(e.Z, 0) {
			what := "colour change"
			if e.Pause {
				what = "pause"
			}
			return fmt.Errorf("%w: %s at z %g: the print goes from 0 to %g mm", ErrBadConfig, what, e.Z, top)
		}
	}
	return nil
}

// eventsFor returns the events due before layer i: above the top of the
// layer before it and at most at the layer's top.
func eventsFor(evs []LayerEvent, layers []Layer, i int) []LayerEvent {
	lo := math.Inf(-1)
	if i > 0 {
		lo = layers[i-1].Z
	}
	var out []LayerEvent
	for _, e := range evs {
		if e.Z > lo+1e-6 && e.Z <= layers[i].Z+1e-6 {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b LayerEvent) int {
		switch {
		case a.Z < b.Z:
			return -1
		case a.Z > b.Z:
			return 1
		}
		return 0
	})
	return out
}

// eventLines renders the G-code of the events due before the layer
// numbered num (from 0) at height z as PrusaSlicer 2.5 does: the tag its
// viewer reads, M117 and the message before a pause, then the config's
// pause_print_gcode or color_change_gcode (the MK3S profile's: M601; M600
// and a 0.4 mm prime), with color_change_extruder = 0 and the layer's
// variables.
func (c *Config) eventLines(evs []LayerEvent, num int, z float64) ([]string, error) {
	if len(evs) == 0 {
		return nil, nil
	}
	vars := c.macroVars(map[string]any{"color_change_extruder": 0.0,
		"layer_num": float64(num), "layer_z": z, "max_layer_z": z})
	var out []string
	for _, e := range evs {
		key, tmpl := "color_change_gcode", c.ColorChangeGCode
		if e.Pause {
			out = append(out, ";PAUSE_PRINT")
			if m := strings.TrimSpace(strings.ReplaceAll(e.Message, "\n", " ")); m != "" {
				out = append(out, "M117 "+m)
			}
			key, tmpl = "pause_print_gcode", c.PausePrintGCode
		} else {
			out = append(out, ";COLOR_CHANGE,T0,"+e.Color)
		}
		r, err := renderLines(key, tmpl, vars)
		if err != nil {
			return nil, err
		}
		out = append(out, r.lines...)
	}
	return out, nil
}

// eventFilament is the filament the events' G-code pushes (the colour
// change's prime), as the estimator reads it.
func eventFilament(lines [][]string) float64 {
	e := gcode.NewEstimator(gcode.Options{})
	e.Write([]byte("M83\n"))
	for _, ls := range lines {
		for _, l := range ls {
			e.Write([]byte(l + "\n"))
		}
	}
	return e.Finish().FilamentMM
}
