package stitch_test

import (
	"context"
	"fmt"
	"image/color"

	"github.com/usinette/usinette/stitch"
	"github.com/usinette/usinette/vector"
)

// A filled 20×10 mm rectangle with Ink/Stitch's defaults: underlay at +90°,
// then 0.25 mm rows of 3 mm stitches, one continuous run, centred on the
// hoop.
func ExamplePlanShapes() {
	rect := vector.Shape{
		ID:   "badge",
		Fill: vector.Paint{Set: true, Color: color.RGBA{R: 200, A: 255}},
		Subpaths: []vector.Subpath{{Closed: true, Points: []vector.Point{
			{X: 10, Y: 10}, {X: 30, Y: 10}, {X: 30, Y: 20}, {X: 10, Y: 20},
		}}},
	}
	pat, rep, err := stitch.PlanShapes(context.Background(), []vector.Shape{rect}, stitch.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	jumps := 0
	for _, r := range pat.Records {
		if r.Cmd == stitch.Jump {
			jumps++
		}
	}
	e := rep.Elements[0]
	fmt.Printf("%s: %s, %d run, %d jumps\n", e.ID, e.Kind, e.Runs, jumps)
	fmt.Printf("%.1f × %.1f mm, centred: %.1f %.1f\n", rep.Width, rep.Height, rep.OffsetX, rep.OffsetY)
	// Output:
	// badge: fill, 1 run, 0 jumps
	// 20.0 × 10.0 mm, centred: -20.0 -15.0
}
