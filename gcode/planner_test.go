package gcode

import (
	"math"
	"testing"
)

func TestTrapezoidTime(t *testing.T) {
	tests := []struct {
		name                              string
		entry, exit, nominal, accel, dist float64
		want                              float64
	}{
		// 0→100 mm/s at 1000 mm/s² takes 0.1 s over 5 mm each way; 90 mm cruise.
		{"full trapezoid", 0, 0, 100, 1000, 100, 0.1 + 0.9 + 0.1},
		// Too short to reach cruise: a triangle, peak sqrt(a*d) = 100 for d=10.
		{"triangle", 0, 0, 200, 1000, 10, 0.2},
		{"no acceleration limit", 5, 5, 50, 0, 10, 0.2},
		{"cruise only", 50, 50, 50, 1000, 10, 0.2},
		{"zero speed", 0, 0, 0, 1000, 10, 0},
	}
	for _, tc := range tests {
		got := trapezoidTime(tc.entry, tc.exit, tc.nominal, tc.accel, tc.dist)
		if math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// A straight line split into many collinear pieces runs as fast as one move:
// the junctions do not slow the head.
func TestPlannerCollinearSegments(t *testing.T) {
	lim := MK3SLimits()
	one := newPlanner()
	one.add(&lim, [4]float64{100, 0, 0, 0}, 100, 1, kindTravel, 0, 0)
	one.sync()
	many := newPlanner()
	for range 1000 {
		many.add(&lim, [4]float64{0.1, 0, 0, 0}, 100, 1, kindTravel, 0, 0)
	}
	many.sync()
	// One block: 8 mm/s safe entry, 1250 mm/s² travel acceleration capped
	// at the X axis' 1000.
	want := trapezoidTime(8, 8, 100, 1000, 100)
	if math.Abs(one.total-want) > 1e-9 {
		t.Errorf("one move %v s, want %v", one.total, want)
	}
	if math.Abs(many.total-one.total) > 1e-6 {
		t.Errorf("1000 pieces %v s, one move %v s", many.total, one.total)
	}
}

// Corners slow down: a zig-zag of short moves takes longer than the same
// length straight, and a reversal makes each segment start from the jerk speed.
func TestPlannerCorners(t *testing.T) {
	lim := MK3SLimits()
	straight := newPlanner()
	zig := newPlanner()
	for i := range 200 {
		straight.add(&lim, [4]float64{1, 0, 0, 0}, 100, 1, kindTravel, 0, 0)
		dir := 1.0
		if i%2 == 1 {
			dir = -1
		}
		zig.add(&lim, [4]float64{dir, 0, 0, 0}, 100, 1, kindTravel, 0, 0)
	}
	straight.sync()
	zig.sync()
	// Each reversal: entry and exit at most 8 mm/s (the X jerk), 1 mm at
	// 1000 mm/s² (X limit): the triangular profile peaks at sqrt(64+1000).
	perZig := trapezoidTime(8, 8, 100, 1000, 1)
	if math.Abs(zig.total-200*perZig) > 1e-6 {
		t.Errorf("zig-zag %v s, want %v", zig.total, 200*perZig)
	}
	if straight.total >= zig.total {
		t.Errorf("straight %v s not faster than zig-zag %v s", straight.total, zig.total)
	}
}

func TestPlannerAxisLimits(t *testing.T) {
	lim := MK3SLimits()
	p := newPlanner()
	// Z alone: capped at 12 mm/s and 200 mm/s².
	nominal, _ := p.add(&lim, [4]float64{0, 0, 10, 0}, 100, 1, kindTravel, 0, 0)
	if nominal != 12 {
		t.Errorf("Z move nominal %v, want 12", nominal)
	}
	if b := p.blocks[0]; b.accel != 200 || b.safe != 0.4 {
		t.Errorf("Z move accel %v safe %v, want 200, 0.4", b.accel, b.safe)
	}
	// Extruder alone uses the retract acceleration.
	lim.RetractAccel = 900
	p.add(&lim, [4]float64{0, 0, 0, -0.8}, 35, 1, kindRetract, 0, 0)
	if b := p.blocks[1]; b.accel != 900 || b.dist != 0.8 {
		t.Errorf("retract accel %v dist %v", b.accel, b.dist)
	}
}
