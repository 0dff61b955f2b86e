package gcode

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLimitsApply(t *testing.T) {
	tests := []struct {
		name  string
		start Limits
		lines []string
		want  func(l *Limits)
	}{
		{"legacy M204 S sets print and travel", MK3SLimits(), []string{"M204 S800"},
			func(l *Limits) { l.Accel, l.TravelAccel = 800, 800 }},
		{"legacy M204 S T: T is retraction", MK3SLimits(), []string{"M204 S1000 T500"},
			func(l *Limits) { l.Accel, l.TravelAccel, l.RetractAccel = 1000, 1000, 500 }},
		{"M204 P R T", MK3SLimits(), []string{"M204 P900 R700 T1500"},
			func(l *Limits) { l.Accel, l.RetractAccel, l.TravelAccel = 900, 700, 1500 }},
		{"print acceleration capped", MK3SLimits(), []string{"M204 P5000"},
			func(l *Limits) { l.Accel = 1250 }},
		{"M201 M203", MK3SLimits(), []string{"M201 X800 Y900 Z100 E4000", "M203 X150 E60"},
			func(l *Limits) {
				l.MaxAccel = [4]float64{800, 900, 100, 4000}
				l.MaxFeedrate[axX], l.MaxFeedrate[axE] = 150, 60
			}},
		{"M205 X sets X and Y jerk", MK3SLimits(), []string{"M205 X10 Z0.6 E5 S2 T3"},
			func(l *Limits) {
				l.MaxJerk = [4]float64{10, 10, 0.6, 5}
				l.MinFeedrate, l.MinTravelFeedrate = 2, 3
			}},
		{"silent ceilings hold", MK3SSilentLimits(), []string{"M201 X1000 Y1000 Z200 E5000", "M203 X200 Y200 Z12 E120"},
			func(l *Limits) {}},
	}
	for _, tc := range tests {
		got, want := tc.start, tc.start
		tc.want(&want)
		var c Command
		for _, line := range tc.lines {
			ParseLine([]byte(line), &c)
			if !got.apply(&c, 1) {
				t.Errorf("%s: %q not applied", tc.name, line)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

// TestCoordinateRange: a coordinate no machine reaches (beyond a
// kilometre, or a position that relative moves push there) is an error
// naming its line, from Analyze and from Walk, never an infinite time or
// an exit 0; coordinates up to the bound are fine.
func TestCoordinateRange(t *testing.T) {
	huge := "1" + strings.Repeat("0", 300) // 1e300: G-code numbers have no exponent
	tests := []struct {
		name, src string
		line      int // 0: accepted
	}{
		{"300 zeros", "G28\nG1 X" + huge + " E1\nG1 X10\n", 2},
		{"negative Y", "G1 Y-2000000 F1200\n", 1},
		{"inches", "G20\nG1 X40000\n", 2}, // 1,016,000 mm
		{"arc centre", "G1 X10 Y10\nG2 X20 Y10 I5000000 J0\n", 2},
		{"arc radius", "G3 X10 Y0 R1e7\n", 0}, // "R1e7" is R1 and E7
		{"arc radius digits", "G3 X10 Y0 R10000000\n", 1},
		{"G92", "G92 Z-9999999\n", 1},
		{"extrusion", "M83\nG1 X1 E20000000\n", 2},
		{"relative walk", "G91\nG1 X600000\nG1 X600000\n", 3},
		{"at the bound", "G1 X1000000 Y-1000000 Z5 E9000000\n", 0},
		{"exponent is E", "G1 X1e300 E1\n", 0}, // X1 then E300 and E1: see isNumChar
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, err := Analyze(context.Background(), strings.NewReader(tc.src), Options{})
			if tc.line == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if math.IsInf(st.PrintTimeS, 0) || math.IsNaN(st.PrintTimeS) {
					t.Errorf("time %v", st.PrintTimeS)
				}
				return
			}
			want := fmt.Sprintf("line %d: ", tc.line)
			if !errors.Is(err, ErrRange) || !strings.Contains(err.Error(), want) {
				t.Fatalf("Analyze: %v, want ErrRange at %q", err, want)
			}
			moves := 0
			err = Walk(context.Background(), strings.NewReader(tc.src), Options{}, &Stats{}, func(Move) { moves++ })
			if !errors.Is(err, ErrRange) || !strings.Contains(err.Error(), want) {
				t.Fatalf("Walk: %v, want ErrRange at %q", err, want)
			}
		})
	}
}
