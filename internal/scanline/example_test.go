package scanline_test

import (
	"fmt"
	"math"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/scanline"
)

func Example() {
	// a 10 mm square filled with horizontal lines every 2.5 mm
	square := geom.Path{{X: 0, Y: 0}, {X: 10000, Y: 0}, {X: 10000, Y: 10000}, {X: 0, Y: 10000}}
	for _, s := range scanline.Lines([]geom.Path{square}, 0, 2500, 1250) {
		fmt.Println(s.Line, s.A, s.B)
	}
	// the same at 90°: vertical lines
	fmt.Println(len(scanline.Lines([]geom.Path{square}, math.Pi/2, 2500, 1250)))
	// Output:
	// 0 {0 1250} {10000 1250}
	// 1 {0 3750} {10000 3750}
	// 2 {0 6250} {10000 6250}
	// 3 {0 8750} {10000 8750}
	// 4
}
