package cut

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/usinette/usinette/vector"
)

// cutLength plans an SVG and returns the cut length in mm.
func cutLength(t *testing.T, svg string) float64 {
	t.Helper()
	doc, err := vector.Read(strings.NewReader(svg), vector.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := NewPlan(context.Background(), doc.Shapes, PlanOptions{PageWidth: doc.Width, PageHeight: doc.Height})
	if err != nil {
		t.Fatal(err)
	}
	l := 0.0
	for _, c := range plan.Cuts {
		for k := 1; k < len(c.Points); k++ {
			l += c.Points[k-1].Dist(c.Points[k])
		}
	}
	return l
}

// TestColourKnockOut: a translucent square's edge is cut where the
// composited colours either side differ by more than visibleStep, and
// not where they do not. Under: a 40 mm square; over it, half inside, a
// 20 mm square whose edge inside the lower one (40 mm of its 80) shows or
// not by colour. The lower square's own outline (160 mm) and the upper
// square's outer part (40 mm) are always cut.
func TestColourKnockOut(t *testing.T) {
	const page = `<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="100mm" viewBox="0 0 100 100">
<rect x="10" y="10" width="40" height="40" style="fill:%s;fill-opacity:%s"/>
<g style="opacity:%s"><rect x="40" y="20" width="20" height="20" style="fill:%s;fill-opacity:%s"/></g></svg>`
	for _, c := range []struct {
		name                string
		under, underOp      string
		group, over, overOp string
		hidden              bool
		want                float64 // when not 240 less 40 if hidden
	}{
		// white at 0.3 over pale grey: 0.3 × (255−235) = 6 of 255
		{"white over pale grey", "#ebebeb", "1", "1", "#ffffff", "0.3", true, 0},
		// the same through group opacity instead of fill-opacity
		{"white in a faded group", "#ebebeb", "1", "0.3", "#ffffff", "1", true, 0},
		// white at 0.3 over black: 77 of 255
		{"white over black", "#000000", "1", "1", "#ffffff", "0.3", false, 0},
		// olive at 0.27 over yellow at 0.75 (ink-stars.svgz): at most 18 of 255
		{"olive over translucent yellow", "#efd80a", "0.75", "1", "#707749", "0.273", true, 0},
		// opaque over translucent: an opaque red over pale yellow shows
		// (the lower square's edge under it is hidden: 20 mm)
		{"opaque red over translucent yellow", "#efd80a", "0.5", "1", "#ff0000", "1", false, 220},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := cutLength(t, fmt.Sprintf(page, c.under, c.underOp, c.group, c.over, c.overOp))
			want := 160.0 + 80
			if c.hidden {
				want -= 40
			}
			if c.want != 0 {
				want = c.want
			}
			if math.Abs(got-want) > 1.5 {
				t.Errorf("cut %.2f mm, want %.0f", got, want)
			}
		})
	}
}

// TestColourKnockOutGradient: a gradient over a translucent fill's edge
// fades that edge by its least alpha (its stops' least opacity times its
// fill-opacity), whatever its colours.
func TestColourKnockOutGradient(t *testing.T) {
	const page = `<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="100mm" viewBox="0 0 100 100">
<defs><linearGradient id="g"><stop offset="0" style="stop-color:#808080;stop-opacity:%s"/><stop offset="1" style="stop-color:#404040;stop-opacity:1"/></linearGradient></defs>
<rect x="10" y="10" width="20" height="20" style="fill:#ffffff;fill-opacity:0.4"/>
<rect x="20" y="0" width="40" height="40" style="fill:url(#g);fill-opacity:0.9"/></svg>`
	// White at 0.4 over nothing differs by 102 of 255; under paint of
	// alpha 0.9 by 10: hidden where the gradient covers it (40 of its 80
	// mm). With a stop at 0.5 the gradient's alpha may be as low as 0.45,
	// and the edge under it may differ by 56: cut. The gradient's outline
	// (160 mm) is cut.
	for _, c := range []struct {
		stop string
		want float64
	}{{"1", 160 + 40}, {"0.5", 160 + 80}} {
		got := cutLength(t, fmt.Sprintf(page, c.stop))
		if math.Abs(got-c.want) > 1.5 {
			t.Errorf("stop-opacity %s: cut %.2f mm, want %.0f", c.stop, got, c.want)
		}
	}
}
