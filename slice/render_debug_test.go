package slice

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/usinette/usinette/geom"
)

// TestRenderDebug is a debugging aid, skipped unless RENDER is set:
// RENDER=model.stl:3,60[:pattern] writes PNG pictures of those layers'
// extrusions (coloured by role) to /tmp/render.
func TestRenderDebug(t *testing.T) {
	spec := os.Getenv("RENDER")
	if spec == "" {
		t.Skip()
	}
	parts := strings.Split(spec, ":")
	m := loadPlaced(t, parts[0])
	cfg := Default()
	if len(parts) > 2 {
		cfg.FillPattern = FillPattern(parts[2])
	}
	r := sliceOrFail(t, m, cfg)
	for _, ls := range strings.Split(parts[1], ",") {
		li, _ := strconv.Atoi(ls)
		L := r.Layers[li]
		box := r.Bounds
		scale := 800.0 / float64(max(box.Max.X-box.Min.X, box.Max.Y-box.Min.Y)+8000)
		img := image.NewRGBA(image.Rect(0, 0, 820, 820))
		for i := range img.Pix {
			img.Pix[i] = 255
		}
		cols := map[Role]color.RGBA{ExternalPerimeter: {255, 120, 0, 255}, Perimeter: {200, 200, 0, 255}, InternalInfill: {160, 0, 0, 255},
			SolidInfill: {160, 0, 200, 255}, TopSolidInfill: {255, 0, 0, 255}, GapFill: {0, 160, 0, 255}, Skirt: {0, 100, 100, 255}, BridgeInfill: {0, 0, 255, 255}}
		px := func(p geom.Point) (int, int) {
			return int(float64(p.X-box.Min.X+4000)*scale) + 10, 810 - int(float64(p.Y-box.Min.Y+4000)*scale)
		}
		line := func(a, b geom.Point, c color.RGBA) {
			x0, y0 := px(a)
			x1, y1 := px(b)
			n := max(abs(x1-x0), abs(y1-y0), 1)
			for k := 0; k <= n; k++ {
				img.Set(x0+(x1-x0)*k/n, y0+(y1-y0)*k/n, c)
			}
		}
		for _, e := range L.Paths {
			for k := 1; k < len(e.Points); k++ {
				line(e.Points[k-1], e.Points[k], cols[e.Role])
			}
			if e.Closed {
				line(e.Points[len(e.Points)-1], e.Points[0], cols[e.Role])
			}
		}
		f, _ := os.Create(fmt.Sprintf("/tmp/render/%s_%d.png", parts[0], li))
		png.Encode(f, img)
		f.Close()
	}
}

func abs(a int) int {
	if a < 0 {
		return -a
	}
	return a
}
