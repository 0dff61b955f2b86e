package clip_test

import (
	"fmt"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
)

func Example() {
	square := func(x, y, s int64) geom.Path {
		return geom.Path{{X: x, Y: y}, {X: x + s, Y: y}, {X: x + s, Y: y + s}, {X: x, Y: y + s}}
	}
	a := []geom.Polygon{{Outer: square(0, 0, 10000)}}    // 10 mm square
	b := []geom.Polygon{{Outer: square(5000, 0, 10000)}} // shifted by 5 mm
	mm2 := func(p []geom.Polygon) float64 { return p[0].Area() / geom.PerMM2 }
	fmt.Println(mm2(clip.UnionPolys(a, b)), mm2(clip.Intersect(a, b)), mm2(clip.Diff(a, b)))
	inset := clip.Offset(a, -225, clip.Miter) // a perimeter's centre line
	fmt.Println(inset[0].Outer.Bounds())
	// Output:
	// 150 50 50
	// {{225 225} {9775 9775}}
}
