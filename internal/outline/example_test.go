package outline_test

import (
	"fmt"

	"github.com/tdewolff/canvas"
	"github.com/usinette/usinette/internal/outline"
)

// A 0.45 mm line from (0, 0) to (10, 0) with a round end, drawn at 10
// pixels per mm.
func Example() {
	p := &canvas.Path{}
	outline.Bar(p, 0, 0, 10, 0, 0.225)
	sides := outline.Sides(0.225, 0.1)
	outline.Disc(p, 10, 0, 0.225, sides)
	b := p.Bounds()
	fmt.Println(sides)
	fmt.Printf("%.3f %.3f %.3f %.3f\n", b.X0, b.Y0, b.X1, b.Y1)
	// Output:
	// 10
	// 0.000 -0.225 10.225 0.225
}
