package preview

import (
	"math"
	"testing"

	"github.com/tdewolff/canvas"
)

// area is the signed area of each closed subpath (shoelace over the path's
// vertices), positive for counter-clockwise.
func areas(p *canvas.Path) []float64 {
	var out []float64
	for _, sub := range p.Split() {
		pts := sub.Coords()
		a := 0.0
		for i := range pts {
			j := (i + 1) % len(pts)
			a += pts[i].X*pts[j].Y - pts[j].X*pts[i].Y
		}
		out = append(out, a/2)
	}
	return out
}

func TestPiecesCounterClockwise(t *testing.T) {
	for _, seg := range [][4]float64{{0, 0, 10, 0}, {10, 0, 0, 0}, {0, 0, 0, -5}, {3, 4, -2, 7}} {
		p := &canvas.Path{}
		bar(p, seg[0], seg[1], seg[2], seg[3], 0.5)
		a := areas(p)
		want := math.Hypot(seg[2]-seg[0], seg[3]-seg[1]) * 1.0
		if len(a) != 1 || math.Abs(a[0]-want) > 1e-9 {
			t.Errorf("bar %v: areas %v, want one of %.6f", seg, a, want)
		}
	}
	p := &canvas.Path{}
	disc(p, 1, 2, 3, 32)
	if a := areas(p); len(a) != 1 || a[0] <= 0 || math.Abs(a[0]-math.Pi*9)/(math.Pi*9) > 0.01 {
		t.Errorf("disc areas %v, want one ≈ %.3f", a, math.Pi*9)
	}
	p = &canvas.Path{}
	bar(p, 1, 1, 1, 1, 0.5)
	if !p.Empty() {
		t.Error("a bar for a point")
	}
}

func TestSidesAndDashes(t *testing.T) {
	for _, tc := range []struct {
		r, px float64
		want  int
	}{{0.01, 1, 6}, {0.225, 0.1, 10}, {100, 0.1, 32}} {
		if got := sides(tc.r, tc.px); got != tc.want {
			t.Errorf("sides(%g, %g) = %d, want %d", tc.r, tc.px, got, tc.want)
		}
	}
	p := &canvas.Path{}
	dashes(p, 0, 0, 10, 0, 0.1, 1.5, 1) // dashes at 0, 2.5, 5, 7.5 (the last 1.5 long, to 9)
	a := areas(p)
	if len(a) != 4 {
		t.Fatalf("%d dashes, want 4", len(a))
	}
	for _, x := range a {
		if math.Abs(x-0.3) > 1e-9 {
			t.Errorf("dash area %g, want 0.3", x)
		}
	}
}
