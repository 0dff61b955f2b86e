package stitch

import (
	"context"
	"math"
	"testing"

	"github.com/usinette/usinette/vector"
)

func satinShape(attrs map[string]string, paths ...[]pt) vector.Shape {
	s := vector.Shape{ID: "satin", Stroke: vector.Paint{Set: true, Color: blue}, StrokeWidth: 0.26, Attrs: map[string]string{"inkstitch:satin_column": "True"}}
	for k, v := range attrs {
		s.Attrs[k] = v
	}
	for _, p := range paths {
		s.Subpaths = append(s.Subpaths, vector.Subpath{Points: p})
	}
	return s
}

func TestSatinStraight(t *testing.T) {
	a := []pt{{X: 0, Y: 0}, {X: 20, Y: 0}}
	b := []pt{{X: 20, Y: 4}, {X: 0, Y: 4}} // drawn backwards: turned round
	tests := []struct {
		name  string
		attrs map[string]string
		width float64
		pairs int
	}{
		{"default", nil, 4, 51},
		{"pull 0.2", map[string]string{"inkstitch:pull_compensation_mm": "0.2"}, 4.4, 51},
		{"spacing 0.5", map[string]string{"inkstitch:zigzag_spacing_mm": "0.5"}, 4, 41},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := satinShape(tc.attrs, a, b)
			sp := readSatin(attrs(s.Attrs), false)
			runs, err := planSatinColumn(context.Background(), [][]pt{a, b}, sp, nil)
			if err != nil || len(runs) != 1 {
				t.Fatalf("runs %d, err %v", len(runs), err)
			}
			r := runs[0]
			if len(r) != 2*tc.pairs {
				t.Fatalf("%d points, want %d", len(r), 2*tc.pairs)
			}
			spacing := sp.zigzagSpacing
			for i := 0; i+1 < len(r); i += 2 {
				if w := r[i].Dist(r[i+1]); math.Abs(w-tc.width) > 1e-9 {
					t.Fatalf("stitch %d is %.3f wide, want %.3f", i, w, tc.width)
				}
				if i >= 2 {
					if d := r[i].X - r[i-2].X; math.Abs(d-spacing) > 1e-6 {
						t.Fatalf("spacing %.4f at %d, want %.2f", d, i, spacing)
					}
				}
			}
		})
	}
}

func TestSatinCurveSpacingAcrossColumn(t *testing.T) {
	// A quarter ring: inner radius 5, outer 9. Spacing is measured where
	// the stitch moves most, on the outer rail (radius 9), as Ink/Stitch
	// does, so the inner rail gets closer points.
	var in, out []pt
	for i := 0; i <= 90; i++ {
		a := math.Pi / 2 * float64(i) / 90
		in = append(in, pt{X: 5 * math.Cos(a), Y: 5 * math.Sin(a)})
		out = append(out, pt{X: 9 * math.Cos(a), Y: 9 * math.Sin(a)})
	}
	sp := readSatin(attrs{}, false)
	sp.shortInset = 0
	runs, _ := planSatinColumn(context.Background(), [][]pt{in, out}, sp, nil)
	r := runs[0]
	outer := 9 * math.Pi / 2
	if got, want := len(r)/2-1, int(math.Ceil(outer/0.4)); got != want {
		t.Errorf("%d intervals, want %d", got, want)
	}
	// With rungs: a rung at the middle keeps its pair.
	rung := []pt{{X: 4 * math.Cos(math.Pi/4), Y: 4 * math.Sin(math.Pi/4)}, {X: 10 * math.Cos(math.Pi/4), Y: 10 * math.Sin(math.Pi/4)}}
	runs, _ = planSatinColumn(context.Background(), [][]pt{in, out, rung}, sp, nil)
	if len(runs) != 1 || len(runs[0]) < 50 {
		t.Fatalf("with rung: %v runs", len(runs))
	}
}

func TestSatinUnderlaysAndShortStitches(t *testing.T) {
	// A tight curve: inner radius 0.5, outer 4.5.
	var in, out []pt
	for i := 0; i <= 180; i++ {
		a := math.Pi * float64(i) / 180
		in = append(in, pt{X: 0.5 * math.Cos(a), Y: 0.5 * math.Sin(a)})
		out = append(out, pt{X: 4.5 * math.Cos(a), Y: 4.5 * math.Sin(a)})
	}
	sp := readSatin(attrs{"inkstitch:center_walk_underlay": "True", "inkstitch:contour_underlay": "True", "inkstitch:zigzag_underlay": "True"}, false)
	runs, _ := planSatinColumn(context.Background(), [][]pt{in, out}, sp, nil)
	plain := readSatin(attrs{}, false)
	bare, _ := planSatinColumn(context.Background(), [][]pt{in, out}, plain, nil)
	if len(runs[0]) <= len(bare[0]) {
		t.Errorf("underlays added nothing: %d vs %d points", len(runs[0]), len(bare[0]))
	}
	// Short-stitch inset: some inner points moved off the inner rail.
	moved := 0
	for _, q := range bare[0] {
		if r := q.Len(); r > 0.5+1e-6 && r < 4.5-1e-6 {
			moved++
		}
	}
	if moved == 0 {
		t.Error("no short stitch inset on a tight curve")
	}
	// Underlay is inside the column (the rails are polygons of 1° sides:
	// their chords come 2e-5 mm inside the circles).
	for _, q := range runs[0] {
		if r := q.Len(); r < 0.5-1e-4 || r > 4.5+1e-6 {
			t.Fatalf("point %v outside the column", q)
		}
	}
}

func TestSatinStrokeAndSplit(t *testing.T) {
	s := vector.Shape{ID: "wide", Stroke: vector.Paint{Set: true, Color: red}, StrokeWidth: 15,
		Attrs:    map[string]string{"inkstitch:satin_column": "True", "inkstitch:max_stitch_length_mm": "6"},
		Subpaths: []vector.Subpath{{Points: []pt{{X: 0, Y: 0}, {X: 30, Y: 0}, {X: 30, Y: 30}}}}}
	pat, rep, err := PlanShapes(context.Background(), []vector.Shape{s}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Elements[0].Kind != KindSatin {
		t.Fatalf("kind %s", rep.Elements[0].Kind)
	}
	for i := 1; i < len(pat.Records); i++ {
		if pat.Records[i].Cmd == Stitch {
			a, b := pat.Records[i-1], pat.Records[i]
			if d := math.Hypot(b.X-a.X, b.Y-a.Y); d > 6+1e-6 {
				t.Fatalf("stitch %d is %.2f mm, max 6", i, d)
			}
		}
	}
	if math.Abs(rep.Width-37.5) > 0.5 || math.Abs(rep.Height-37.5) > 0.5 {
		t.Errorf("size %.2f×%.2f, want 37.5×37.5", rep.Width, rep.Height)
	}
	// A thin stroke marked satin is a running stitch.
	s.StrokeWidth = 0.2
	_, rep, _ = PlanShapes(context.Background(), []vector.Shape{s}, Options{})
	if rep.Elements[0].Kind != KindRunning {
		t.Errorf("thin satin stroke: kind %s, want running", rep.Elements[0].Kind)
	}
}
