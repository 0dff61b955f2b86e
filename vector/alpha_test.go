package vector

import (
	"math"
	"strings"
	"testing"
)

// TestPaintAlpha: FillAlpha and StrokeAlpha are the opacities times the
// colour's alpha (a gradient's least stop), 0 under a mask.
func TestPaintAlpha(t *testing.T) {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">
<defs><linearGradient id="g"><stop offset="0" style="stop-color:#fff;stop-opacity:0.5"/><stop offset="1" style="stop-color:rgba(0,0,0,0.8)"/></linearGradient>
<mask id="m"><rect width="100" height="100" fill="#fff"/></mask></defs>
<rect id="flat" width="10" height="10" style="fill:#ff0000;fill-opacity:0.5;stroke:#000;stroke-opacity:0.25"/>
<g opacity="0.5"><rect id="rgba" width="10" height="10" style="fill:rgba(0,0,255,0.4)"/></g>
<rect id="grad" width="10" height="10" style="fill:url(#g);fill-opacity:0.9"/>
<rect id="black" width="10" height="10"/>
<rect id="masked" width="10" height="10" fill="#0f0" mask="url(#m)"/>
</svg>`
	doc, err := Read(strings.NewReader(svg), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{"flat": {0.5, 0.25}, "rgba": {0.2, 0}, "grad": {0.45, 0}, "black": {1, 0}, "masked": {0, 0}}
	seen := 0
	for _, s := range doc.Shapes {
		w, ok := want[s.ID]
		if !ok {
			continue
		}
		seen++
		if math.Abs(s.FillAlpha-w[0]) > 1e-9 || math.Abs(s.StrokeAlpha-w[1]) > 1e-9 {
			t.Errorf("%s: FillAlpha %g, StrokeAlpha %g; want %g, %g", s.ID, s.FillAlpha, s.StrokeAlpha, w[0], w[1])
		}
	}
	if seen != len(want) {
		t.Errorf("%d of %d shapes read", seen, len(want))
	}
}
