package cut

import (
	"context"
	"image/png"
	"math"
	"os"
	"testing"

	"github.com/usinette/usinette/vector"
)

// TestWeldMatchesInkscape: overlapping filled pieces cut one by one run
// through each other (cut length along no edge of Inkscape's picture);
// welded, the cut is the outline Inkscape shows, holes first.
func TestWeldMatchesInkscape(t *testing.T) {
	file := "testdata/weld/script.svg"
	pngs := inkscapeRender(t, []string{file}, "page", pageRenderWidth)
	doc, err := vector.ReadFile(file, vector.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(pngs[file])
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	edge, w, h := edgeMap(img)
	px := float64(w) / doc.Width
	measure := func(shapes []vector.Shape, layered bool) (float64, float64, *Plan) {
		plan, err := NewPlan(context.Background(), shapes, PlanOptions{PageWidth: doc.Width, PageHeight: doc.Height, Layered: layered})
		if err != nil {
			t.Fatal(err)
		}
		st := compareWithInkscape(edge, w, h, px, plan, nil, vector.Point{})
		return float64(st.missed) / float64(st.edges), float64(st.extra) / float64(st.samples), plan
	}
	// apart: each piece whole (--layered; by default the pieces of one
	// colour overlapping are cut as they show, as welded)
	_, extraApart, _ := measure(doc.Shapes, true)
	missed, extra, plan := measure(Weld(doc.Shapes), false)
	t.Logf("apart: %.2f %% of the cut along no edge; welded: missed %.3f %%, extra %.3f %%, %d cuts", 100*extraApart, 100*missed, 100*extra, len(plan.Cuts))
	if extraApart < 0.05 {
		t.Errorf("cut apart, only %.2f %% along no edge: the test file does not overlap", 100*extraApart)
	}
	if missed > maxMissed || extra > maxExtra {
		t.Errorf("welded: missed %.3f %%, extra %.3f %%", 100*missed, 100*extra)
	}
	if ok, why := holesFirst(plan); !ok {
		t.Error(why)
	}
	// the outline, and d's hole in two: the bar c runs across it
	if len(plan.Cuts) != 3 {
		t.Errorf("%d cuts, want the outline and two holes", len(plan.Cuts))
	}
}

// TestContourDefinition: the sticker contour lies at the offset from the
// design (the distance from each contour vertex to the design's edges is
// the offset, within the flattening of round corners), and the design is
// inside it.
func TestContourDefinition(t *testing.T) {
	doc, err := vector.ReadFile("testdata/weld/script.svg", vector.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	const off = 3.0
	c, err := Contour(doc.Shapes, off)
	if err != nil {
		t.Fatal(err)
	}
	var edges [][]vector.Point
	for _, s := range doc.Shapes {
		for _, sp := range s.Subpaths {
			edges = append(edges, append(append([]vector.Point(nil), sp.Points...), sp.Points[0]))
		}
	}
	worst := 0.0
	n := 0
	for _, sp := range c[0].Subpaths {
		for _, p := range sp.Points {
			d := math.Inf(1)
			for _, e := range edges {
				d = math.Min(d, polyDist(p, e))
			}
			worst = math.Max(worst, math.Abs(d-off))
			n++
		}
	}
	if worst > 0.03 {
		t.Errorf("contour vertices %.3f mm off the %.1f mm offset", worst, off)
	}
	if len(c[0].Subpaths) != 1 {
		t.Errorf("%d contour rings, want 1 (the 4 mm hole closes at 3 mm)", len(c[0].Subpaths))
	}
	for _, e := range edges {
		for _, p := range e {
			if !pointInPolygon(p, c[0].Subpaths[0].Points) {
				t.Fatalf("design point %v outside the contour", p)
			}
		}
	}
	t.Logf("%d contour vertices, worst distance error %.4f mm", n, worst)
	if _, err := Contour(doc.Shapes, -1); err == nil {
		t.Error("negative contour accepted")
	}
}
