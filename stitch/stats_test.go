package stitch

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestMeasure(t *testing.T) {
	p := &Pattern{Records: recs(
		0.0, 0.0, Stitch, 3.0, 4.0, Stitch, 3.0, 4.0, Trim, 13.0, 4.0, Jump, 13.0, 4.0, Stitch,
		13.0, 10.0, Stitch, 13.0, 10.0, ColorChange, 13.0, 12.0, Stitch, 13.0, 12.0, End,
	)}
	want := Stats{
		Stitches: 5, Jumps: 1, Trims: 1, ColorChanges: 1, Colors: 2,
		MinX: 0, MinY: 0, MaxX: 13, MaxY: 12, Width: 13, Height: 12,
		LongestStitch: 6, ThreadLength: 5 + 0 + 6 + 2, JumpLength: 10,
	}
	got := Measure(p)
	if d := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if d := got.SewingTime(600); d != time.Duration(float64(time.Second)*(6*60/600.0+3)) {
		t.Errorf("sewing time %v", d)
	}
	if e := Measure(&Pattern{}); e != (Stats{}) {
		t.Errorf("empty: %+v", e)
	}
}

func TestHoops(t *testing.T) {
	tests := []struct {
		in   string
		want Hoop
		err  bool
	}{
		{"", Hoop870SE(), false},
		{"870SE", Hoop870SE(), false},
		{"260x160", Hoop870SE(), false},
		{"130x180", Hoop130x180(), false},
		{"100x100", Hoop100x100(), false},
		{"200x300", Hoop{Name: "200x300", Width: 200, Height: 300}, false},
		{"huge", Hoop{}, true},
		{"0x10", Hoop{}, true},
	}
	for _, tt := range tests {
		got, err := ParseHoop(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseHoop(%q) = %+v, %v", tt.in, got, err)
		}
	}
	h := Hoop870SE()
	if !h.Fits(260, 160) || h.Fits(260.1, 100) || h.Fits(160, 200) {
		t.Error("Fits")
	}
}

func ExampleMeasure() {
	p := &Pattern{Records: []Record{{X: 0, Y: 0}, {X: 2.5, Y: 0}, {X: 2.5, Y: 10}, {X: 2.5, Y: 10, Cmd: End}}}
	s := Measure(p)
	fmt.Println(s.Stitches, s.Width, s.Height, s.LongestStitch, s.ThreadLength, Hoop870SE().Fits(s.Width, s.Height))
	// Output: 3 2.5 10 10 12.5 true
}
