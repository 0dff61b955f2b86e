package stitch

import (
	"context"
	"image/color"
	"math"
	"testing"

	"github.com/usinette/usinette/vector"
)

func rectPath(x, y, w, h float64) vector.Subpath {
	return vector.Subpath{Closed: true, Points: []pt{{X: x, Y: y}, {X: x + w, Y: y}, {X: x + w, Y: y + h}, {X: x, Y: y + h}}}
}

func circlePath(cx, cy, r float64, n int, cw bool) vector.Subpath {
	sp := vector.Subpath{Closed: true}
	for i := 0; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		if cw {
			a = -a
		}
		sp.Points = append(sp.Points, pt{X: cx + r*math.Cos(a), Y: cy + r*math.Sin(a)})
	}
	return sp
}

func starPath(cx, cy, r1, r2 float64, n int) vector.Subpath {
	sp := vector.Subpath{Closed: true}
	for i := 0; i < 2*n; i++ {
		r := r1
		if i%2 == 1 {
			r = r2
		}
		a := math.Pi * float64(i) / float64(n)
		sp.Points = append(sp.Points, pt{X: cx + r*math.Sin(a), Y: cy - r*math.Cos(a)})
	}
	return sp
}

func filled(id string, c color.RGBA, rule vector.FillRule, sps ...vector.Subpath) vector.Shape {
	return vector.Shape{ID: id, Fill: vector.Paint{Set: true, Color: c}, FillRule: rule, Subpaths: sps, Attrs: map[string]string{}}
}

var (
	red   = color.RGBA{R: 255, A: 255}
	black = color.RGBA{A: 255}
	blue  = color.RGBA{B: 255, A: 255}
)

// testShapes are filled shapes that exercise the router: concave, holes,
// islands, sharp tips, rotated rows.
func testShapes() []vector.Shape {
	u := vector.Subpath{Closed: true, Points: []pt{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 30}, {X: 30, Y: 30}, {X: 30, Y: 0}, {X: 40, Y: 0}, {X: 40, Y: 40}, {X: 0, Y: 40}}}
	comb := vector.Subpath{Closed: true}
	comb.Points = append(comb.Points, pt{X: 0, Y: 30}, pt{X: 0, Y: 0})
	for i := 0; i < 5; i++ {
		x := float64(i) * 8
		comb.Points = append(comb.Points, pt{X: x + 4, Y: 0}, pt{X: x + 4, Y: 22}, pt{X: x + 8, Y: 22}, pt{X: x + 8, Y: 0})
	}
	comb.Points = append(comb.Points, pt{X: 44, Y: 0}, pt{X: 44, Y: 30})
	rotated := filled("rotated-star", red, vector.NonZero, starPath(30, 30, 25, 10, 5))
	rotated.Attrs["inkstitch:angle"] = "30"
	return []vector.Shape{
		filled("rect", red, vector.NonZero, rectPath(10, 10, 50, 30)),
		filled("u", blue, vector.NonZero, u),
		filled("comb", black, vector.NonZero, comb),
		filled("disc-holes", red, vector.NonZero, circlePath(50, 50, 45, 180, false),
			circlePath(30, 40, 8, 60, true), circlePath(65, 40, 10, 60, true), circlePath(50, 72, 9, 60, true)),
		filled("ring-evenodd", blue, vector.EvenOdd, circlePath(20, 20, 15, 120, false), circlePath(20, 20, 9, 90, false)),
		filled("islands", black, vector.NonZero, rectPath(0, 0, 10, 10), rectPath(30, 0, 10, 10)),
		rotated,
		square100Holes()[0],
		filled("nested", red, vector.EvenOdd, rectPath(0, 0, 40, 40), rectPath(5, 5, 30, 30), rectPath(10, 10, 20, 20), rectPath(15, 15, 10, 10)),
	}
}

func TestFillCoverage(t *testing.T) {
	for _, s := range testShapes() {
		t.Run(s.ID, func(t *testing.T) {
			checkCoverage(t, []vector.Shape{s}, 0)
		})
	}
}

// checkCoverage plans shapes alone and measures each fill element.
func checkCoverage(t *testing.T, shapes []vector.Shape, idx int) {
	t.Helper()
	pat, rep, err := PlanShapes(context.Background(), shapes, Options{NoPullCompensation: true, HoopWidth: 1000, HoopHeight: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rep.Elements {
		if e.Kind != KindFill {
			continue
		}
		s := shapes[e.Shape]
		var rings [][]pt
		for _, sp := range s.Subpaths {
			rings = append(rings, sp.Points)
		}
		rs := newRaster(rings, s.FillRule, 2, 0.5)
		rs.records(pat.Records[e.First:e.End], rep.OffsetX, rep.OffsetY)
		cov, out := rs.coverage()
		t.Logf("%s: covered %.2f%%, outside %.3f%% (%d records)", e.ID, 100*cov, 100*out, e.End-e.First)
		if cov < 0.95 {
			t.Errorf("%s: thread covers %.2f%% of the fill, want >= 95%%", e.ID, 100*cov)
		}
		if out > 0.02 {
			t.Errorf("%s: %.2f%% of the thread is more than 0.5 mm outside, want <= 2%%", e.ID, 100*out)
		}
		if n, w := rs.strayStitches(pat.Records[e.First:e.End], rep.OffsetX, rep.OffsetY); n > 0 {
			t.Errorf("%s: %d stitches stray more than 0.5 mm outside, e.g. %v", e.ID, n, w)
		}
		// No jump inside a connected shape.
		jumps := 0
		for _, r := range pat.Records[e.First:e.End] {
			if r.Cmd == Jump {
				jumps++
			}
		}
		if e.Runs == 1 && jumps > 0 {
			t.Errorf("%s: %d jumps inside a one-run fill", e.ID, jumps)
		}
	}
}

// TestFillDensity: a 50×30 mm rectangle at 0.25 mm rows and 3 mm stitches
// has the rows and stitches its geometry predicts.
func TestFillDensity(t *testing.T) {
	const (
		w, h    = 50.0, 30.0
		spacing = 0.25
		L       = 3.0
		gap     = 0.2 * L // grid points nearer than this to a row end are skipped
	)
	region := [][]pt{rectPath(10, 10, w, h).Points}
	l := buildFillLayer(region, fillLayerParams{angle: 0, spacing: spacing, maxStitch: L, staggers: 4, runLength: 2.5, tolerance: 0.1, travelSewn: 2})
	if got, want := len(l.rows), int(h/spacing); got != want {
		t.Errorf("rows = %d, want %d", got, want)
	}
	if len(l.secs) != 1 {
		t.Errorf("sections = %d, want 1", len(l.secs))
	}
	runs, err := l.plan(context.Background(), nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 {
		t.Fatalf("runs = %d, want 1", len(runs))
	}
	// Each row: its two ends plus the grid points strictly inside, on
	// average (w-2·gap)/L of them.
	perRow := (w-2*gap)/L + 2
	predTop := h / spacing * perRow
	if got := float64(len(runs[0])); math.Abs(got-predTop)/predTop > 0.02 {
		t.Errorf("top stitches = %.0f, geometry predicts %.0f", got, predTop)
	}
	// Every stitch lies on a row, rows 0.25 mm apart, stitches inside a
	// row on the 3 mm grid anchored at the origin and staggered by row.
	for _, q := range runs[0] {
		k := math.Round(q.Y / spacing)
		if math.Abs(q.Y-k*spacing) > 1e-9 {
			t.Fatalf("stitch %v off the rows", q)
		}
		if q.X <= 10+1e-9 || q.X >= 60-1e-9 {
			continue
		}
		shift := math.Mod(k, 4) / 4 * L
		if f := math.Mod(q.X-shift+1000*L, L); f > 1e-6 && L-f > 1e-6 {
			t.Fatalf("stitch %v off the staggered grid (row %v)", q, k)
		}
	}

	// The whole plan: underlay at +90° first, then the top; no jump.
	shape := filled("rect", red, vector.NonZero, rectPath(10, 10, w, h))
	pat, rep, err := PlanShapes(context.Background(), []vector.Shape{shape}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	underRows := 0
	for k := math.Ceil(10 / (3 * spacing)); k*3*spacing < 60; k++ {
		underRows++
	}
	predUnder := float64(underRows) * ((h-2*gap)/L + 2)
	stitches, jumps := 0, 0
	var vertical, horizontal int
	firstHorizontal := -1
	for i, r := range pat.Records {
		switch r.Cmd {
		case Stitch:
			stitches++
			if i > 0 {
				dx := math.Abs(r.X - pat.Records[i-1].X)
				dy := math.Abs(r.Y - pat.Records[i-1].Y)
				if dy > 1 && dx < 1e-9 {
					vertical++
				}
				if dx > 1 && dy < 1e-9 {
					horizontal++
					if firstHorizontal < 0 {
						firstHorizontal = i
					}
				}
			}
		case Jump:
			jumps++
		}
	}
	if jumps != 0 {
		t.Errorf("%d jumps inside one rectangle", jumps)
	}
	pred := predTop + predUnder
	if got := float64(stitches); math.Abs(got-pred)/pred > 0.02 {
		t.Errorf("stitches = %d, geometry predicts %.0f (top %.0f + underlay %.0f)", stitches, pred, predTop, predUnder)
	}
	// Underlay rows are vertical and all come before the first top row.
	lastVertical := -1
	for i := 1; i < len(pat.Records); i++ {
		a, b := pat.Records[i-1], pat.Records[i]
		if b.Cmd == Stitch && math.Abs(b.Y-a.Y) > 1 && math.Abs(b.X-a.X) < 1e-9 {
			lastVertical = i
		}
	}
	if vertical < underRows*9 || lastVertical > firstHorizontal {
		t.Errorf("underlay: %d vertical stitches, last at %d, first top stitch at %d", vertical, lastVertical, firstHorizontal)
	}
	t.Logf("rows %d, stitches %d (predicted %.0f), underlay rows %d, width %.2f height %.2f", len(l.rows), stitches, pred, underRows, rep.Width, rep.Height)
}

func TestFillPullCompensationAndExpand(t *testing.T) {
	tests := []struct {
		attr, val              string
		minX, maxX, minY, maxY float64
	}{
		{"inkstitch:pull_compensation_mm", "0.3", 9.7, 60.3, 10, 40},
		{"inkstitch:expand_mm", "1", 9, 61, 9, 41},
		{"inkstitch:expand_mm", "-2", 12, 58, 12, 38},
	}
	for _, tc := range tests {
		s := filled("rect", red, vector.NonZero, rectPath(10, 10, 50, 30))
		s.Attrs[tc.attr] = tc.val
		s.Attrs["inkstitch:fill_underlay"] = "False"
		pat, rep, err := PlanShapes(context.Background(), []vector.Shape{s}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		minX, minY, maxX, maxY := pat.Bounds()
		got := []float64{minX - rep.OffsetX, maxX - rep.OffsetX, minY - rep.OffsetY, maxY - rep.OffsetY}
		want := []float64{tc.minX, tc.maxX, tc.minY, tc.maxY}
		for i := range got {
			// Rows lie on the 0.25 mm grid: y extents within a row spacing.
			if math.Abs(got[i]-want[i]) > 0.26 {
				t.Errorf("%s=%s: bounds %v, want %v", tc.attr, tc.val, got, want)
				break
			}
		}
	}
	// With NoPullCompensation the parameter is ignored.
	s := filled("rect", red, vector.NonZero, rectPath(10, 10, 50, 30))
	s.Attrs["inkstitch:pull_compensation_mm"] = "0.3"
	pat, _, _ := PlanShapes(context.Background(), []vector.Shape{s}, Options{NoPullCompensation: true})
	if minX, _, maxX, _ := pat.Bounds(); math.Abs(maxX-minX-50) > 1e-6 {
		t.Errorf("NoPullCompensation: width %v", maxX-minX)
	}
}
