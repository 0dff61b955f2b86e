package stitch_test

import (
	"fmt"

	"github.com/usinette/usinette/stitch"
)

func ExamplePattern_Bounds() {
	p := stitch.Pattern{Records: []stitch.Record{
		{X: 0, Y: 0, Cmd: stitch.Stitch},
		{X: 10, Y: 0, Cmd: stitch.Stitch},
		{X: 10, Y: 5, Cmd: stitch.Stitch},
		{X: 10, Y: 5, Cmd: stitch.End},
	}}
	minX, minY, maxX, maxY := p.Bounds()
	fmt.Println(minX, minY, maxX, maxY)
	// Output: 0 0 10 5
}
