package cut

import (
	"bytes"
	"context"
	"errors"
	"github.com/usinette/usinette/vector"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/usinette/usinette/internal/corpus"
)

func readCorpus(t testing.TB, rel string) *vector.Document {
	t.Helper()
	doc, err := vector.ReadFile(corpus.Path(t, rel), vector.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// ringInside reports whether every point of a lies inside polygon b
// (an independent even-odd test on the planned geometry).
func ringInside(a, b []vector.Point) bool {
	for _, p := range a {
		if !pointInPolygon(p, b) {
			return false
		}
	}
	return true
}

// TestStickerHolesFirst: on own_sticker.svg every counter (o, B, 8, %) is
// cut before the outline around it, and everything before the weed box.
func TestStickerHolesFirst(t *testing.T) {
	doc := readCorpus(t, "svg/own_sticker.svg")
	plan, err := NewPlan(context.Background(), doc.Shapes, PlanOptions{Overcut: 1})
	if err != nil {
		t.Fatal(err)
	}
	pairs := map[string]int{}
	for i, a := range plan.Cuts {
		for j, b := range plan.Cuts {
			if i == j || !a.Closed || !b.Closed || !ringInside(a.Points, b.Points) {
				continue
			}
			if i > j {
				t.Errorf("cut %d (%s) is inside cut %d (%s) but comes after it", i+1, a.ShapeID, j+1, b.ShapeID)
			}
			if a.ShapeID == b.ShapeID {
				pairs[a.ShapeID]++
			}
		}
	}
	// holes per glyph: o 1, B 2, 8 2, % 2 (its two rings); the inner
	// contours are inside their own outline, not in some other shape.
	want := map[string]int{"path14": 1, "path16": 2, "path18": 2, "path20": 2}
	if diff := cmp.Diff(want, pairs); diff != "" {
		t.Errorf("hole/outline pairs per glyph (-want +got):\n%s", diff)
	}
	if last := plan.Cuts[len(plan.Cuts)-1].ShapeID; last != "weed-box" {
		t.Errorf("last cut %q, want the weed box around everything", last)
	}
}

// TestFlexMirrors: --flex mirrors about the design's vertical axis: every
// mirrored cut is the reflection x -> minX+maxX-x of an unmirrored one, and
// the bounds are unchanged.
func TestFlexMirrors(t *testing.T) {
	doc := readCorpus(t, "svg/own_sticker.svg")
	plain, err := NewPlan(context.Background(), doc.Shapes, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	flex, err := NewPlan(context.Background(), doc.Shapes, PlanOptions{Mirror: true})
	if err != nil {
		t.Fatal(err)
	}
	opt := cmpopts.EquateApprox(0, 1e-9)
	if diff := cmp.Diff([]vector.Point{plain.Min, plain.Max}, []vector.Point{flex.Min, flex.Max}, opt); diff != "" {
		t.Errorf("bounds (-plain +flex):\n%s", diff)
	}
	axis := plain.Min.X + plain.Max.X
	for i, c := range flex.Cuts {
		refl := make([]vector.Point, len(c.Points))
		for k, p := range c.Points {
			refl[k] = vector.Point{X: axis - p.X, Y: p.Y}
		}
		best := math.Inf(1)
		for _, d := range plain.Cuts {
			best = math.Min(best, hausdorff(refl, d.Points))
		}
		if best > 1e-6 {
			t.Errorf("flex cut %d (%s): reflection is %.3g mm from every plain cut", i+1, c.ShapeID, best)
		}
	}
	// the o (leftmost glyph) ends up on the right
	var oX float64
	for _, c := range flex.Cuts {
		if c.ShapeID == "path14" {
			oX = c.Points[0].X
		}
	}
	if oX < axis/2 {
		t.Errorf("mirrored o at x=%.1f, want right of the axis %.1f", oX, axis/2)
	}
}

func TestPlanOptions(t *testing.T) {
	sq := []vector.Shape{{ID: "sq", Subpaths: []vector.Subpath{{Closed: true, Points: []vector.Point{{X: 10, Y: 10}, {X: 30, Y: 10}, {X: 30, Y: 30}, {X: 10, Y: 30}}}}}}
	tests := []struct {
		name   string
		opts   PlanOptions
		length float64
		cuts   int
	}{
		{"plain", PlanOptions{}, 80, 1},
		{"overcut 1", PlanOptions{Overcut: 1}, 81, 1},
		{"lead-in and overcut", PlanOptions{Overcut: 0.5, LeadIn: 0.5}, 81, 1},
		{"3 passes", PlanOptions{Passes: 3}, 240, 1},
		{"weed box", PlanOptions{WeedBox: 5}, 80 + 120, 2},
		// the head first steps 0.25 mm to put the tip on the start, then
		// swivels on a 0.25 mm arc (9 chords of 10°) at the three corners
		{"blade offset", PlanOptions{BladeOffset: 0.25}, 80 + 0.25 + 3*9*2*0.25*math.Sin(5*math.Pi/180), 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewPlan(context.Background(), sq, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Cuts) != tc.cuts || math.Abs(p.CutLength()-tc.length) > 0.02 {
				t.Errorf("%d cuts, %.3f mm; want %d, %.3f", len(p.Cuts), p.CutLength(), tc.cuts, tc.length)
			}
		})
	}
}

func TestPlanTooLargeAndTile(t *testing.T) {
	long := []vector.Shape{{ID: "banner", Subpaths: []vector.Subpath{{Closed: true, Points: []vector.Point{{X: 0, Y: 0}, {X: 500, Y: 0}, {X: 500, Y: 4000}, {X: 0, Y: 4000}}}}}}
	_, err := NewPlan(context.Background(), long, PlanOptions{})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error %v, want ErrTooLarge", err)
	}
	plans, err := Tile(context.Background(), long, PlanOptions{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(plans) != 2 {
		t.Fatalf("%d panels, want 2", len(plans))
	}
	total := 0.0
	for _, p := range plans {
		if p.Max.Y-p.Min.Y > RollLength+1e-9 || p.Max.X-p.Min.X > RollWidth {
			t.Errorf("panel %v-%v too large", p.Min, p.Max)
		}
		total += p.CutLength()
	}
	// perimeter 9000 mm; the 10 mm overlap is cut on both panels (2 × 10 on each long side)
	if math.Abs(total-9020) > 0.01 {
		t.Errorf("total cut %.3f mm, want 9020", total)
	}
}

func TestSelect(t *testing.T) {
	doc := readCorpus(t, "svg/own_sticker.svg")
	red, _ := vector.ParseColor("#ff0000")
	tests := []struct {
		name string
		sel  vector.Selection
		ids  []string
		err  string
	}{
		{"layer", vector.Selection{Layers: []string{"Weed box"}}, []string{"weed-box"}, ""},
		{"colour", vector.Selection{Color: &red}, []string{"arc1"}, ""},
		{"none", vector.Selection{Layers: []string{"Print"}}, nil, `nothing to cut (7 shapes, none on layer "Print")`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := vector.Select(doc, tc.sel)
			if tc.err != "" {
				if !errors.Is(err, vector.ErrEmpty) || err.Error() != tc.err {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			var ids []string
			for _, s := range got {
				ids = append(ids, s.ID)
			}
			if diff := cmp.Diff(tc.ids, ids); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestWriters(t *testing.T) {
	doc := readCorpus(t, "svg/own_sticker.svg")
	plan, err := NewPlan(context.Background(), doc.Shapes, PlanOptions{Overcut: 1})
	if err != nil {
		t.Fatal(err)
	}
	var svg bytes.Buffer
	if err := (SVG{Width: doc.Width, Height: doc.Height}).Write(&svg, plan); err != nil {
		t.Fatal(err)
	}
	// our SVG read back gives one shape per cut, in cut order
	back, err := vector.Read(bytes.NewReader(svg.Bytes()), vector.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Shapes) != len(plan.Cuts) || !strings.HasPrefix(back.Shapes[0].ID, "cut-1") {
		t.Errorf("SVG: %d shapes for %d cuts", len(back.Shapes), len(plan.Cuts))
	}
}

// TestTravelShorterThanDocumentOrder: on the stencil font sheet the planned
// travel is shorter than cutting in document order (what Inkscape's HPGL
// export does), with the containment order kept.
func TestTravelShorterThanDocumentOrder(t *testing.T) {
	doc := readCorpus(t, "svg/silhouette_stencil-free-fonts.svg")
	plan, err := NewPlan(context.Background(), doc.Shapes, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pos, naive := vector.Point{}, 0.0
	for _, s := range doc.Shapes {
		for _, sp := range s.Subpaths {
			naive += pos.Dist(sp.Points[0])
			pos = sp.Points[0]
			if !sp.Closed {
				pos = sp.Points[len(sp.Points)-1]
			}
		}
	}
	t.Logf("%d cuts: travel %.0f mm planned, %.0f mm in document order", len(plan.Cuts), plan.Travel(), naive)
	// and no contour comes after one around it
	pairs := 0
	for i, a := range plan.Cuts {
		amin, amax := bounds(a.Points)
		for j, b := range plan.Cuts {
			if i == j || !a.Closed || !b.Closed {
				continue
			}
			bmin, bmax := bounds(b.Points)
			if amin.X < bmin.X || amin.Y < bmin.Y || amax.X > bmax.X || amax.Y > bmax.Y || !ringInside(a.Points, b.Points) {
				continue
			}
			pairs++
			if i > j {
				t.Errorf("cut %d (%s) inside cut %d (%s) comes after it", i+1, a.ShapeID, j+1, b.ShapeID)
			}
		}
	}
	// A stencil font has no closed counters (that is what makes it a
	// stencil), so pairs is 0 here; TestStickerHolesFirst has them.
	t.Logf("%d contours inside another, all cut first", pairs)
	if plan.Travel() >= naive {
		t.Errorf("planned travel %.0f mm not shorter than document order %.0f mm", plan.Travel(), naive)
	}
}

// TestWeedLines: the lines split the waste in the gaps between shapes and
// never cross a shape.
func TestWeedLines(t *testing.T) {
	rect := func(id string, x0, y0, x1, y1 float64) vector.Shape {
		return vector.Shape{ID: id, Subpaths: []vector.Subpath{{Closed: true, Points: []vector.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}}}}
	}
	shapes := []vector.Shape{rect("a", 5, 5, 15, 15), rect("b", 25, 5, 35, 15), rect("c", 5, 25, 35, 35)}
	plan, err := NewPlan(context.Background(), shapes, PlanOptions{WeedBox: 2, WeedLines: true})
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]vector.Point
	for _, c := range plan.Cuts {
		if c.ShapeID == "weed-line" {
			lines = append(lines, c.Points)
		}
	}
	// one horizontal line at y=20 (between the top row and c); no vertical
	// line, since c spans the whole width
	if len(lines) != 1 || lines[0][0].Y != 20 || lines[0][1].Y != 20 {
		t.Fatalf("weed lines %v", lines)
	}
	if l := lines[0]; math.Min(l[0].X, l[1].X) != 3 || math.Max(l[0].X, l[1].X) != 37 {
		t.Errorf("line %v does not span the weed box", l)
	}
	if last := plan.Cuts[len(plan.Cuts)-1].ShapeID; last != "weed-box" {
		t.Errorf("last cut %q, want weed-box", last)
	}
}
