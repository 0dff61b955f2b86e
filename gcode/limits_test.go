package gcode

import (
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
