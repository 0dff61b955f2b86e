package geom_test

import (
	"fmt"

	"github.com/usinette/usinette/geom"
)

func Example() {
	// a 20 mm square with a 5 mm square hole, in micrometres
	outer := geom.Path{{0, 0}, {20000, 0}, {20000, 20000}, {0, 20000}}
	hole := geom.Path{{5000, 5000}, {5000, 10000}, {10000, 10000}, {10000, 5000}}
	p := geom.Polygon{Outer: outer, Holes: []geom.Path{hole}}
	fmt.Println(p.Area()/geom.PerMM2, "mm²", outer.CCW(), hole.CCW())
	fmt.Println(p.Contains(geom.Point{X: 7000, Y: 7000}), p.Contains(geom.Point{X: 15000, Y: 15000}))
	fmt.Println(geom.Orientation(geom.Point{}, geom.Point{X: 1}, geom.Point{Y: 1}))
	// Output:
	// 375 mm² true false
	// false true
	// 1
}
