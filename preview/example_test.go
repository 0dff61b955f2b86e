package preview_test

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"image/png"
	"strings"

	"github.com/usinette/usinette/preview"
	"github.com/usinette/usinette/stitch"
)

// Draw a two-colour pattern as a PNG, then as an SVG.
func ExampleStitch() {
	p := &stitch.Pattern{
		Threads: []stitch.Thread{{Color: color.RGBA{200, 0, 0, 255}}, {Color: color.RGBA{255, 255, 255, 255}}},
		Records: []stitch.Record{
			{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 0, Cmd: stitch.ColorChange}, {X: 10, Y: 5}, {X: 0, Y: 5},
			{X: 0, Y: 5, Cmd: stitch.End},
		},
	}
	var pic bytes.Buffer
	if err := preview.Stitch(context.Background(), &pic, p, preview.StitchOptions{DPMM: 10}); err != nil {
		fmt.Println(err)
		return
	}
	img, _ := png.Decode(&pic)
	fmt.Println("PNG", img.Bounds().Dx(), "×", img.Bounds().Dy(), "pixels")

	pic.Reset()
	if err := preview.Stitch(context.Background(), &pic, p, preview.StitchOptions{Format: preview.SVG}); err != nil {
		fmt.Println(err)
		return
	}
	// the white thread is drawn over a grey edge so it shows on white
	fmt.Println(strings.Count(pic.String(), "<path"), "paths")
	// Output:
	// PNG 160 × 110 pixels
	// 3 paths
}

// The format of a picture follows the output file's extension.
func ExampleFormatOf() {
	for _, name := range []string{"layer.png", "plan.SVG", "print.gcode"} {
		f, err := preview.FormatOf(name)
		fmt.Println(f, err)
	}
	// Output:
	// png <nil>
	// svg <nil>
	// png print.gcode: unknown picture format (want .png or .svg)
}
