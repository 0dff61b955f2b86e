package cut

import (
	"context"
	"errors"
	"image/color"
	"strings"
	"testing"
	"time"

	"github.com/usinette/usinette/vector"
)

// TestManyRectangles: 100,000 small rectangles (a 200 × 500 sheet of
// 2 × 1 mm labels with a 1 × 0.4 mm hole each) are planned in seconds, every
// hole before its label, every contour cut once, and the travel close to
// the sheet's own pitch (nearest neighbour over the spatial index).
func TestManyRectangles(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 rectangles")
	}
	const cols, rows = 200, 250
	rect := func(x0, y0, x1, y1 float64) vector.Subpath {
		return vector.Subpath{Closed: true, Points: []vector.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}}
	}
	shapes := make([]vector.Shape, 0, cols*rows*2)
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			x, y := 0.5+3*float64(c), 0.5+3*float64(r)
			shapes = append(shapes,
				vector.Shape{ID: "label", Subpaths: []vector.Subpath{rect(x, y, x+2, y+2)}},
				vector.Shape{ID: "hole", Subpaths: []vector.Subpath{rect(x+0.5, y+0.8, x+1.5, y+1.2)}})
		}
	}
	start := time.Now()
	plan, err := NewPlan(context.Background(), shapes, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if len(plan.Cuts) != cols*rows*2 {
		t.Fatalf("%d cuts, want %d", len(plan.Cuts), cols*rows*2)
	}
	// holes first: the hole of the label at (x, y) comes before it
	seen := map[[2]int]bool{}
	for i, c := range plan.Cuts {
		k := [2]int{int(c.Points[0].X / 3), int(c.Points[0].Y / 3)}
		switch c.ShapeID {
		case "hole":
			seen[k] = true
		case "label":
			if !seen[k] {
				t.Fatalf("cut %d: label %v before its hole", i+1, k)
			}
		}
	}
	// The travel from label to label is at least the pitch (3 mm) for
	// each label; nearest neighbour must stay within twice that.
	if tr, lim := plan.Travel(), 2*3.0*cols*rows; tr > lim {
		t.Errorf("travel %.0f mm, more than %.0f", tr, lim)
	}
	if took > 30*time.Second {
		t.Errorf("planned in %v", took)
	}
	t.Logf("%d contours planned in %v, travel %.0f mm", len(plan.Cuts), took, plan.Travel())
}

// TestManyRectanglesKnockout: the same sheet with opaque fills, each
// label under its hole and the two overlapping by their boxes, plus one
// opaque bar across every row hiding a strip of each label: the knock-out
// looks only at the covers near each shape (a grid of their boxes), so it
// still plans in seconds, and it cuts what shows.
func TestManyRectanglesKnockout(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 rectangles")
	}
	const cols, rows = 200, 250
	rect := func(x0, y0, x1, y1 float64) vector.Subpath {
		return vector.Subpath{Closed: true, Points: []vector.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}}
	}
	black := vector.Paint{Set: true, Color: color.RGBA{A: 255}}
	white := vector.Paint{Set: true, Color: color.RGBA{255, 255, 255, 255}}
	shapes := make([]vector.Shape, 0, cols*rows*2+rows)
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			x, y := 0.5+3*float64(c), 0.5+3*float64(r)
			shapes = append(shapes,
				vector.Shape{ID: "label", Fill: black, FillOpaque: true, Subpaths: []vector.Subpath{rect(x, y, x+2, y+2)}},
				vector.Shape{ID: "hole", Fill: white, FillOpaque: true, Subpaths: []vector.Subpath{rect(x+0.5, y+0.8, x+1.5, y+1.2)}})
		}
	}
	for r := 0; r < rows; r++ { // a bar over the top 0.5 mm of every label of the row
		y := 0.5 + 3*float64(r)
		shapes = append(shapes, vector.Shape{ID: "bar", Fill: black, FillOpaque: true, Subpaths: []vector.Subpath{rect(0, y-0.25, 3*cols, y+0.5)}})
	}
	start := time.Now()
	plan, err := NewPlan(context.Background(), shapes, PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	// each label: its two sides below the bar (1.5 mm each) and its
	// bottom (2 mm), one open cut; each hole whole (2.8 mm); each bar whole
	var label, hole float64
	for _, c := range plan.Cuts {
		switch c.ShapeID {
		case "label":
			if c.Closed {
				t.Fatalf("label cut closed: the bar hides its top")
			}
			label += c.Length()
		case "hole":
			hole += c.Length()
		}
	}
	n := float64(cols * rows)
	if d := label - 5*n; d > 1e-3*n || d < -1e-3*n {
		t.Errorf("labels cut %.1f mm, want %.1f (5 mm each)", label, 5*n)
	}
	if d := hole - 2.8*n; d > 1e-3*n || d < -1e-3*n {
		t.Errorf("holes cut %.1f mm, want %.1f", hole, 2.8*n)
	}
	if took > 30*time.Second {
		t.Errorf("planned in %v", took)
	}
	t.Logf("%d shapes, %d cuts planned in %v", len(shapes), len(plan.Cuts), took)
}

// TestTileHugeRefused: tiling a 2,000 km design would make millions of
// panels; it is refused at once, naming the size.
func TestTileHugeRefused(t *testing.T) {
	huge := []vector.Shape{{ID: "road", Subpaths: []vector.Subpath{{Closed: true, Points: []vector.Point{{X: 0, Y: 0}, {X: 2e9, Y: 0}, {X: 2e9, Y: 10}, {X: 0, Y: 10}}}}}}
	start := time.Now()
	_, err := Tile(context.Background(), huge, PlanOptions{}, 10)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "panels") {
		t.Fatalf("error %v, want ErrTooLarge about panels", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refused after %v", d)
	}
	t.Log(err)
}
