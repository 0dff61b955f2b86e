package stitch_test

import (
	"bytes"
	"context"
	"fmt"
	"github.com/usinette/usinette/pes"
	"image/color"
	"strings"

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

// A service stitches an uploaded SVG to PES bytes: read the document from
// any io.Reader, plan it for the hoop, encode.
func ExamplePlan() {
	upload := strings.NewReader(`<svg xmlns="http://www.w3.org/2000/svg" width="40mm" height="20mm" viewBox="0 0 40 20">
  <rect id="badge" x="5" y="5" width="30" height="10" fill="#1a5fb4"/>
  <path id="border" d="M 2 2 H 38 V 18 H 2 Z" fill="none" stroke="black"/>
</svg>`)
	doc, err := vector.Read(upload, vector.ReadOptions{Name: "upload.svg"})
	if err != nil {
		fmt.Println(err)
		return
	}
	pat, rep, err := stitch.Plan(context.Background(), doc, stitch.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	var out bytes.Buffer
	if err := pes.Encode(&out, pat, pes.EncodeOptions{Name: "upload"}); err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range rep.Elements {
		fmt.Println(e.ID, e.Kind)
	}
	fmt.Println(len(pat.Threads), "threads,", string(out.Bytes()[:8]))
	// Output:
	// badge fill
	// border running
	// 2 threads, #PES0001
}
