package gcode

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"image/color"
	"io"
)

// ErrNoLayer: the layer asked for does not exist or the file extrudes
// nothing (package preview returns it).
var ErrNoLayer = errors.New("gcode: no such layer")

// ErrNotGcode is returned by callers of Analyze that check Stats.Commands
// (NotGcode) when the input holds no G-code command
// at all: an empty file, an STL, a picture.
var ErrNotGcode = errors.New("gcode: not a G-code file")

// NotGcode returns an error wrapping ErrNotGcode when st, from Analyze,
// shows no G-code command at all, else nil. Analyze itself accepts any
// text: a stream of comments is valid G-code that does nothing.
func NotGcode(st *Stats) error {
	switch {
	case st.Commands > 0:
		return nil
	case st.Lines == 0:
		return fmt.Errorf("%w: empty", ErrNotGcode)
	}
	return fmt.Errorf("%w: no G or M command in %d lines", ErrNotGcode, st.Lines)
}

// FeatureColor returns the colour a feature type is drawn with:
// PrusaSlicer's and Cura's names get fixed colours close to PrusaSlicer's
// viewer, other names a stable colour derived from the name.
func FeatureColor(name string) color.RGBA {
	switch name {
	case "Perimeter", "WALL-INNER":
		return color.RGBA{0xff, 0xe6, 0x4d, 0xff}
	case "External perimeter", "WALL-OUTER":
		return color.RGBA{0xff, 0x7d, 0x38, 0xff}
	case "Overhang perimeter":
		return color.RGBA{0x1f, 0x1f, 0xff, 0xff}
	case "Internal infill", "FILL":
		return color.RGBA{0xb0, 0x30, 0x29, 0xff}
	case "Solid infill", "SKIN":
		return color.RGBA{0x96, 0x54, 0xcc, 0xff}
	case "Top solid infill":
		return color.RGBA{0xf0, 0x40, 0x40, 0xff}
	case "Ironing":
		return color.RGBA{0xff, 0x8c, 0x69, 0xff}
	case "Bridge infill":
		return color.RGBA{0x4d, 0x80, 0xba, 0xff}
	case "Gap fill":
		return color.RGBA{0xff, 0xff, 0xff, 0xff}
	case "Skirt", "Skirt/Brim", "SKIRT":
		return color.RGBA{0x00, 0x87, 0x87, 0xff}
	case "Support material", "SUPPORT", "SUPPORT-INTERFACE", "Support material interface":
		return color.RGBA{0x00, 0xff, 0x00, 0xff}
	case "Wipe tower", "PRIME-TOWER":
		return color.RGBA{0xb3, 0xe3, 0xab, 0xff}
	case OtherFeature, customName:
		return color.RGBA{0x5e, 0xd1, 0x94, 0xff}
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	v := h.Sum32()
	return color.RGBA{uint8(64 + v%160), uint8(64 + (v>>8)%160), uint8(64 + (v>>16)%160), 0xff}
}

// Move is one straight move of the head, as Walk reports it.
type Move struct {
	// From and To are X, Y, Z in millimetres.
	From, To [3]float64
	// Layer is the 1-based layer the move belongs to, numbered as in
	// Stats.PerLayer (moves before the first layer count as layer 1).
	Layer int
	// Feature is the ;TYPE: name of the move's section (OtherFeature when
	// the file names none).
	Feature string
	// Extrude is true for a move in X or Y that pushes filament.
	Extrude bool
}

// Walk replays the G-code in r and calls fn with every straight move (arcs
// cut into straight pieces as the estimator does), its layer numbered as in
// st, which Analyze returned for the same file with the same options. Walk
// is how pictures of a print are drawn (package preview) without keeping
// the moves in memory. It fails as Analyze does on a coordinate out of
// range (ErrRange), before reporting the move.
func Walk(ctx context.Context, r io.Reader, opts Options, st *Stats, fn func(Move)) error {
	opts.Progress = nil
	e := NewEstimator(opts)
	first := st.firstLayer
	e.onMove = func(from, to [numAxes]float64, layer int, feature int32, name string, extrude bool) {
		fn(Move{
			From:    [3]float64{from[axX], from[axY], from[axZ]},
			To:      [3]float64{to[axX], to[axY], to[axZ]},
			Layer:   max(1, layer-first+1),
			Feature: name,
			Extrude: extrude,
		})
	}
	s := NewScanner(r)
	for n := 0; s.Scan(); n++ {
		e.Exec(s.Command())
		if e.err != nil {
			return e.err
		}
		if n&0xffff == 0xffff {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("gcode: %w", err)
			}
		}
	}
	return s.Err()
}
