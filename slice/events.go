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

// colorChangePrime is the filament the MK3S profile's color_change_gcode
// pushes after M600 (G1 E0.4 F1500).
const colorChangePrime = 0.4

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

// eventFilament is the filament the events push (the colour change prime).
func eventFilament(evs []LayerEvent) float64 {
	f := 0.0
	for _, e := range evs {
		if !e.Pause {
			f += colorChangePrime
		}
	}
	return f
}

// writeEvents writes the events' G-code as PrusaSlicer 2.5 does with the
// MK3S profile's color_change_gcode and pause_print_gcode.
func writeEvents(w *gcode.Writer, evs []LayerEvent) {
	for _, e := range evs {
		if e.Pause {
			w.Line(";PAUSE_PRINT")
			if m := strings.TrimSpace(strings.ReplaceAll(e.Message, "\n", " ")); m != "" {
				w.Line("M117 " + m)
			}
			w.Line("M601")
			continue
		}
		w.Line(";COLOR_CHANGE,T0," + e.Color)
		w.Line("M600")
		w.Line("G1 E0.4 F1500 ; prime after color change")
	}
}
