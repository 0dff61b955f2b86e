package slice

import (
	"math"
	"testing"

	"github.com/usinette/usinette/geom"
)

func sqUM(x0, y0, s int64) geom.Path {
	return geom.Path{{X: x0, Y: y0}, {X: x0 + s, Y: y0}, {X: x0 + s, Y: y0 + s}, {X: x0, Y: y0 + s}}
}

func totalLength(ls []geom.Path) float64 {
	t := 0.0
	for _, l := range ls {
		t += l.Length(false)
	}
	return t
}

// TestAnchorLines: lines across a 20 mm square, their ends on its edge.
func TestAnchorLines(t *testing.T) {
	area := []geom.Polygon{{Outer: sqUM(0, 0, 20000)}}
	vertical := func(x int64) geom.Path { return geom.Path{{X: x, Y: 0}, {X: x, Y: 20000}} }

	t.Run("close ends are joined along the edge, without a loop", func(t *testing.T) {
		// two lines 3 mm apart: joining both pairs of ends would close a
		// loop, so one join and two anchors at the other pair
		got := anchorLines([]geom.Path{vertical(5000), vertical(8000)}, area, 12000, 2500)
		if len(got) != 1 {
			t.Fatalf("%d polylines, want 1", len(got))
		}
		// 40 mm of lines + 3 mm join + two anchors of min(2.5, room/2):
		// the room on the far side of each free end is 17 mm
		want := 40000.0 + 3000 + 2*2500
		if l := totalLength(got); math.Abs(l-want) > 2 {
			t.Errorf("length %.0f µm, want %.0f", l, want)
		}
	})

	t.Run("a zig-zag: joins alternate top and bottom", func(t *testing.T) {
		var lines []geom.Path
		for x := int64(2000); x <= 18000; x += 4000 { // five lines
			lines = append(lines, vertical(x))
		}
		got := anchorLines(lines, area, 12000, 2500)
		if len(got) != 1 {
			t.Fatalf("%d polylines, want one zig-zag", len(got))
		}
		// 100 mm of lines, 4 joins of 4 mm, and the two free ends (the
		// first line's top, the last one's bottom) anchored 2.5 mm towards
		// the corner, where the room is 24 mm
		want := 100000.0 + 4*4000 + 2*2500
		if l := totalLength(got); math.Abs(l-want) > 4 {
			t.Errorf("length %.0f µm, want %.0f", l, want)
		}
		for _, p := range got[0] {
			if p.X < 0 || p.X > 20000 || p.Y < 0 || p.Y > 20000 {
				t.Fatalf("point %v outside the area", p)
			}
		}
	})

	t.Run("far ends only get anchors", func(t *testing.T) {
		got := anchorLines([]geom.Path{vertical(2000), vertical(18000)}, area, 12000, 2500)
		// the ends are 16 mm apart along the bottom and the top, more than 12
		if len(got) != 2 {
			t.Fatalf("%d polylines, want 2", len(got))
		}
		want := 40000.0 + 4*2500
		if l := totalLength(got); math.Abs(l-want) > 4 {
			t.Errorf("length %.0f µm, want %.0f", l, want)
		}
	})

	t.Run("off", func(t *testing.T) {
		in := []geom.Path{vertical(5000), vertical(8000)}
		if got := anchorLines(in, area, 0, 0); len(got) != 2 || totalLength(got) != 40000 {
			t.Errorf("anchoring off changed the lines: %v", got)
		}
	})
}
