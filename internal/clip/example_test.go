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
	fmt.Println(clip.UnionPolys(a, b)[0].Area(), clip.Intersect(a, b)[0].Area(), clip.Diff(a, b)[0].Area())
	inset := clip.Offset(a, -225, clip.Miter) // a perimeter's centre line
	fmt.Println(inset[0].Outer.Bounds())
	// Output:
	// 150 50 50
	// {{225 225} {9775 9775}}
}
