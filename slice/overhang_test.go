package slice

import (
	"testing"

	"github.com/usinette/usinette/geom"
)

// A square loop whose right side runs through the zone comes out as three
// stretches in print order (left part, right side over air, rest), joined
// end to start, and the travel planner still reads it as one outline.
func TestSplitLoop(t *testing.T) {
	sq := geom.Path{{X: 0, Y: 0}, {X: 10000, Y: 0}, {X: 10000, Y: 10000}, {X: 0, Y: 10000}}
	zone := []geom.Polygon{{Outer: geom.Path{{X: 9000, Y: 2000}, {X: 12000, Y: 2000}, {X: 12000, Y: 8000}, {X: 9000, Y: 8000}}}}
	ex := loopExtrusions(sq, ExternalPerimeter, 0.45, zone, boundsOf(zone))
	if len(ex) != 3 {
		t.Fatalf("%d stretches, want 3: %+v", len(ex), ex)
	}
	want := []Role{ExternalPerimeter, OverhangPerimeter, ExternalPerimeter}
	total := 0.0
	for k, e := range ex {
		if e.Role != want[k] || e.Closed {
			t.Errorf("stretch %d: role %v closed %v, want %v open", k, e.Role, e.Closed, want[k])
		}
		if k > 0 && ex[k-1].Points[len(ex[k-1].Points)-1] != e.Points[0] {
			t.Errorf("stretch %d does not start where %d ended", k, k-1)
		}
		total += pathLength(e.Points, false)
	}
	if ov := pathLength(ex[1].Points, false); ov < 5.999 || ov > 6.001 {
		t.Errorf("overhang %.3f mm, want 6", ov)
	}
	if total < 39.999 || total > 40.001 || ex[0].Points[0] != sq[0] || ex[2].Points[len(ex[2].Points)-1] != sq[0] {
		t.Errorf("stretches %.3f mm long from %v to %v, want the 40 mm loop from and back to its start", total, ex[0].Points[0], ex[2].Points[len(ex[2].Points)-1])
	}
	outl := outlines(ex)
	if len(outl) != 1 || len(outl[0]) != 6 || pathLength(outl[0], true) < 39.999 {
		t.Errorf("outlines %v, want the square back (with its 2 cut points)", outl)
	}
	// an inner loop's stretches are no outline; no zone: one closed loop
	if o := outlines(loopExtrusions(sq, Perimeter, 0.45, zone, boundsOf(zone))); len(o) != 0 {
		t.Errorf("inner loop read as an outline: %v", o)
	}
	if ex := loopExtrusions(sq, Perimeter, 0.45, nil, geom.EmptyRect()); len(ex) != 1 || !ex[0].Closed {
		t.Errorf("no zone: %+v", ex)
	}
	// a zone grazing a corner (under 0.5 mm of loop) marks nothing
	corner := []geom.Polygon{{Outer: geom.Path{{X: 9800, Y: 9800}, {X: 10500, Y: 9800}, {X: 10500, Y: 10500}, {X: 9800, Y: 10500}}}}
	if ex := loopExtrusions(sq, ExternalPerimeter, 0.45, corner, boundsOf(corner)); len(ex) != 1 || ex[0].Role != ExternalPerimeter {
		t.Errorf("corner graze: %+v", ex)
	}
}
