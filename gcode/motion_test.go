package gcode_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/usinette/usinette/gcode"
)

type move struct{ dx, dy, dz, de, feed float64 }

// A run with every kind of move: a layer change, travels, a retraction,
// extrusions along a zigzag with sharp and shallow corners.
func sampleMoves() []move {
	ms := []move{
		{0, 0, 0, -0.8, 35},  // retract
		{0, 0, 0.2, 0, 12},   // lift
		{30, 40, 0, 0, 180},  // travel
		{0, 0, -0.2, 0, 12},  // lower
		{0, 0, 0, 0.8, 35},   // prime
		{20, 0, 0, 0.66, 40}, // extrusions
	}
	for i := range 60 {
		dy := 0.45
		if i%3 == 0 {
			dy = 2
		}
		dx := 20.0
		if i%2 == 1 {
			dx = -20
		}
		ms = append(ms, move{0, dy, 0, dy * 0.033, 40}, move{dx, 0, 0, 0.66, 60})
	}
	return ms
}

// The Planner is the Estimator's model: the same moves written as G-code and
// read by the Estimator take the same time.
func TestPlannerMatchesEstimator(t *testing.T) {
	for _, legacy := range []bool{false, true} {
		lim := gcode.MK3SLimits()
		p := gcode.NewPlanner(lim)
		e := gcode.NewEstimator(gcode.Options{Limits: &lim})
		var text strings.Builder
		text.WriteString("G91\nM83\n")
		if legacy {
			p.SetAccel(800, 0, 800)
			text.WriteString("M204 S800\n")
		} else {
			p.SetAccel(2000, 1000, 1500) // print capped at 1250
			text.WriteString("M204 P2000 R1000 T1500\n")
		}
		for _, m := range sampleMoves() {
			p.Move(m.dx, m.dy, m.dz, m.de, m.feed)
			fmt.Fprintf(&text, "G1 X%.6f Y%.6f Z%.6f E%.6f F%.6f\n", m.dx, m.dy, m.dz, m.de, m.feed*60)
		}
		if _, err := e.Write([]byte(text.String())); err != nil {
			t.Fatal(err)
		}
		got, want := p.Seconds(), e.Finish().PrintTimeS
		if math.Abs(got-want) > 1e-3 {
			t.Errorf("legacy %v: planner %.6f s, estimator %.6f s", legacy, got, want)
		}
	}
}

func TestPlannerSingleMove(t *testing.T) {
	lim := gcode.MK3SLimits()
	tests := []struct {
		name  string
		accel float64
		m     move
		want  float64
	}{
		// From and to the X jerk (8 mm/s) at 1000 mm/s²: 0.092 s and
		// 4.968 mm each way, 90.064 mm of cruise at 100 mm/s.
		{"trapezoid", 1000, move{100, 0, 0, 0, 100}, 2*0.092 + 90.064/100},
		// The Z feed rate is capped at 12 mm/s; from its 0.4 mm/s jerk at
		// 200 mm/s² (the Z limit): 0.058 s and 0.3596 mm each way.
		{"z capped", 1000, move{0, 0, 10, 0, 100}, 2*0.058 + (10-2*0.3596)/12},
		// A retraction: E alone, 35 mm/s, from the 4.5 mm/s E jerk at the
		// retract acceleration, too short to cruise: a triangle.
		{"retraction", 1000, move{0, 0, 0, -0.8, 35}, 2 * (math.Sqrt(4.5*4.5+1000*0.8) - 4.5) / 1000},
	}
	for _, tc := range tests {
		p := gcode.NewPlanner(lim)
		p.SetAccel(tc.accel, tc.accel, tc.accel)
		p.Move(tc.m.dx, tc.m.dy, tc.m.dz, tc.m.de, tc.m.feed)
		if got := p.Seconds(); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: %.9f s, want %.9f s", tc.name, got, tc.want)
		}
	}
}

// Reset makes a used Planner time a run exactly as a new one; Seconds can be
// asked twice; Stop brings the machine to rest between two runs.
func TestPlannerReset(t *testing.T) {
	lim := gcode.MK3SLimits()
	run := func(p *gcode.Planner) float64 {
		for _, m := range sampleMoves() {
			p.Move(m.dx, m.dy, m.dz, m.de, m.feed)
		}
		return p.Seconds()
	}
	fresh := run(gcode.NewPlanner(lim))
	p := gcode.NewPlanner(lim)
	for range 1000 { // more than the planner's batch
		p.Move(1, 0, 0, 0.03, 50)
	}
	p.Reset()
	if got := run(p); got != fresh {
		t.Errorf("after Reset %.9f s, fresh %.9f s", got, fresh)
	}
	if again := p.Seconds(); again != fresh {
		t.Errorf("Seconds again %.9f s, want %.9f s", again, fresh)
	}
	// Two straight moves with a stop between take longer than one move.
	one, two := gcode.NewPlanner(lim), gcode.NewPlanner(lim)
	one.Move(20, 0, 0, 0, 100)
	one.Move(20, 0, 0, 0, 100)
	two.Move(20, 0, 0, 0, 100)
	two.Stop()
	two.Move(20, 0, 0, 0, 100)
	if a, b := one.Seconds(), two.Seconds(); !(b > a+0.05) {
		t.Errorf("with a stop %.4f s, without %.4f s", b, a)
	}
}

func TestFormatDuration(t *testing.T) {
	for _, tt := range []struct {
		s    float64
		want string
	}{
		{0, "0s"}, {9.4, "9s"}, {59.6, "1m 0s"}, {28*60 + 57, "28m 57s"},
		{3723, "1h 2m 3s"}, {90061, "1d 1h 1m 1s"}, {3600, "1h 0m 0s"},
	} {
		if got := gcode.FormatDuration(tt.s); got != tt.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func BenchmarkPlanner(b *testing.B) {
	ms := sampleMoves()
	p := gcode.NewPlanner(gcode.MK3SLimits())
	b.ReportAllocs()
	for b.Loop() {
		p.Reset()
		for _, m := range ms {
			p.Move(m.dx, m.dy, m.dz, m.de, m.feed)
		}
		_ = p.Seconds()
	}
}
