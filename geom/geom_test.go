package geom

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sq(x0, y0, s int64) Path {
	return Path{{x0, y0}, {x0 + s, y0}, {x0 + s, y0 + s}, {x0, y0 + s}}
}

func TestOrientation(t *testing.T) {
	big := int64(1) << 40
	tests := []struct {
		name    string
		a, b, c Point
		want    int
	}{
		{"ccw", Point{0, 0}, Point{10, 0}, Point{0, 10}, 1},
		{"cw", Point{0, 0}, Point{0, 10}, Point{10, 0}, -1},
		{"collinear", Point{0, 0}, Point{5, 5}, Point{10, 10}, 0},
		// float64 cannot tell these apart: the products differ by 1 at 2^80
		{"huge ccw", Point{0, 0}, Point{big, big + 1}, Point{big - 1, big}, 1},
		{"huge collinear", Point{-big, -big}, Point{0, 0}, Point{big, big}, 0},
		{"huge cw", Point{0, 0}, Point{big - 1, big}, Point{big, big + 1}, -1},
	}
	for _, tc := range tests {
		if got := Orientation(tc.a, tc.b, tc.c); got != tc.want {
			t.Errorf("%s: Orientation = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestMul128AgainstBig(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		a, b := int64(r.Uint64()>>1)-int64(r.Uint64()>>1), int64(r.Uint64()>>2)-int64(r.Uint64()>>2)
		c, d := int64(r.Uint64()>>1)-int64(r.Uint64()>>1), int64(r.Uint64()>>2)-int64(r.Uint64()>>2)
		got := cmp128(mul128(a, b), mul128(c, d))
		x, y := new(bigInt).mul(a, b), new(bigInt).mul(c, d)
		if want := x.cmp(y); got != want {
			t.Fatalf("cmp(%d·%d, %d·%d) = %d, want %d", a, b, c, d, got, want)
		}
	}
}

func TestAreaAndWinding(t *testing.T) {
	outer := sq(0, 0, 10000) // 10 mm square
	hole := sq(2000, 2000, 2000)
	hole.Reverse()
	p := Polygon{Outer: outer, Holes: []Path{hole}}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"area2", outer.Area2(), int64(2 * 10000 * 10000)},
		{"area µm²", p.Area(), 96.0 * PerMM2},
		{"ccw", outer.CCW(), true},
		{"hole cw", hole.CCW(), false},
		{"inside", p.Contains(Point{1000, 1000}), true},
		{"in hole", p.Contains(Point{3000, 3000}), false},
		{"outside", p.Contains(Point{-1, 5000}), false},
		{"winding cw hole", hole.Winding(Point{3000, 3000}), -1},
		{"on boundary", outer.OnBoundary(Point{10000, 4000}), true},
		{"not on boundary", outer.OnBoundary(Point{9999, 4000}), false},
		{"bounds", p.Bounds(), Rect{Point{0, 0}, Point{10000, 10000}}},
		{"length", outer.Length(true), 40000.0},
	}
	for _, tc := range tests {
		if d := cmp.Diff(tc.want, tc.got); d != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.name, d)
		}
	}
}

// TestWindingAgainstArea samples random points in a random star polygon and
// checks point-in-polygon against the analytic ray-free criterion: the sum
// of signed angles (2π inside, 0 outside).
func TestWindingAgainstAngles(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var star Path
	for k := range 40 {
		a := 2 * math.Pi * float64(k) / 40
		rad := 3000 + r.Float64()*7000
		star = append(star, Point{int64(rad * math.Cos(a)), int64(rad * math.Sin(a))})
	}
	for range 2000 {
		q := Point{int64(r.IntN(24000) - 12000), int64(r.IntN(24000) - 12000)}
		if star.OnBoundary(q) {
			continue
		}
		sum := 0.0
		for i := range star {
			a, b := star[i].Sub(q), star[(i+1)%len(star)].Sub(q)
			sum += math.Atan2(float64(a.X*b.Y-a.Y*b.X), float64(a.X*b.X+a.Y*b.Y))
		}
		want := int(math.Round(sum / (2 * math.Pi)))
		if got := star.Winding(q); got != want {
			t.Fatalf("winding at %v = %d, angle sum says %d", q, got, want)
		}
	}
}

func TestSimplify(t *testing.T) {
	// a circle of 1000 points, radius 10 mm: simplified within 5 µm
	var c Path
	for k := range 1000 {
		a := 2 * math.Pi * float64(k) / 1000
		c = append(c, Point{int64(math.Round(10000 * math.Cos(a))), int64(math.Round(10000 * math.Sin(a)))})
	}
	s := Simplify(c, 5, true)
	if len(s) >= len(c) || len(s) < 50 {
		t.Errorf("simplified to %d points", len(s))
	}
	for _, q := range c {
		best := math.Inf(1)
		for i := range s {
			best = min(best, SegDist2(q, s[i], s[(i+1)%len(s)]))
		}
		if math.Sqrt(best) > 5.01 {
			t.Fatalf("point %v is %.2f µm from the simplified ring", q, math.Sqrt(best))
		}
	}
	line := Path{{0, 0}, {1000, 1}, {2000, 0}, {3000, 500}}
	if d := cmp.Diff(Path{{0, 0}, {2000, 0}, {3000, 500}}, Simplify(line, 5, false)); d != "" {
		t.Errorf("polyline: %s", d)
	}
}

func TestFromMM(t *testing.T) {
	for _, tc := range []struct {
		mm   float64
		want int64
	}{{0.2, 200}, {-0.2, -200}, {0.0004, 0}, {0.0005, 1}, {125.2255, 125226}} {
		if got := FromMM(tc.mm); got != tc.want {
			t.Errorf("FromMM(%v) = %d, want %d", tc.mm, got, tc.want)
		}
	}
}

func BenchmarkWinding(b *testing.B) {
	var c Path
	for k := range 1000 {
		a := 2 * math.Pi * float64(k) / 1000
		c = append(c, Point{int64(10000 * math.Cos(a)), int64(10000 * math.Sin(a))})
	}
	b.ReportAllocs()
	for b.Loop() {
		c.Winding(Point{1234, 567})
	}
}

func BenchmarkSimplify(b *testing.B) {
	var c Path
	for k := range 10000 {
		a := 2 * math.Pi * float64(k) / 10000
		c = append(c, Point{int64(10000 * math.Cos(a)), int64(10000 * math.Sin(a))})
	}
	b.ReportAllocs()
	for b.Loop() {
		Simplify(c, 10, true)
	}
}
