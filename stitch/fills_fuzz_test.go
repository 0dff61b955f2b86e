package stitch

import (
	"context"
	"testing"

	"github.com/usinette/usinette/vector"
)

// FuzzPlanFillMethods plans arbitrary polygons as contour fills (each
// strategy) and guided fills along an arbitrary guide: no panic, every
// record finite, no stitch or jump above the limit.
func FuzzPlanFillMethods(f *testing.F) {
	f.Add([]byte{0, 0, 100, 0, 100, 100, 0, 100}, []byte{0, 50, 50, 0, 100, 60}, uint8(0), "0.25")
	f.Add([]byte{0, 0, 200, 10, 5, 200, 100, 3, 50, 50, 10, 190}, []byte{3, 3, 3, 3}, uint8(1), "1")
	f.Add([]byte{10, 10, 10, 10, 10, 10}, []byte{}, uint8(2), "abc")
	f.Add([]byte{0, 0, 255, 255, 0, 255, 255, 0, 128, 1}, []byte{0, 0, 255, 255, 0, 0}, uint8(3), "0.4")
	f.Fuzz(func(t *testing.T, data, guide []byte, method uint8, spacing string) {
		if len(data) > 200 || len(guide) > 100 {
			return
		}
		var sp vector.Subpath
		sp.Closed = true
		for i := 0; i+1 < len(data); i += 2 {
			sp.Points = append(sp.Points, pt{X: float64(data[i]) / 2, Y: float64(data[i+1]) / 2})
		}
		s := filled("fuzz", red, vector.NonZero, sp)
		s.Attrs["inkstitch:row_spacing_mm"] = spacing
		shapes := []vector.Shape{s}
		switch method % 4 {
		case 0, 1, 2:
			s.Attrs["inkstitch:fill_method"] = "contour_fill"
			s.Attrs["inkstitch:contour_strategy"] = string('0' + rune(method%4))
		case 3:
			s.Attrs["inkstitch:fill_method"] = "guided_fill"
			var g vector.Subpath
			for i := 0; i+1 < len(guide); i += 2 {
				g.Points = append(g.Points, pt{X: float64(guide[i]) / 2, Y: float64(guide[i+1]) / 2})
			}
			shapes = append(shapes, vector.Shape{ID: "guide", Stroke: vector.Paint{Set: true, Color: blue}, StrokeWidth: 0.2,
				MarkerStart: guideMarker, Subpaths: []vector.Subpath{g}})
		}
		pat, _, err := PlanShapes(context.Background(), shapes, Options{})
		if err != nil {
			return
		}
		checkRecords(t, pat)
	})
}
