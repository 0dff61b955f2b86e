package scanline

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/usinette/usinette/geom"
)

func sq(x0, y0, s int64) geom.Path {
	return geom.Path{{X: x0, Y: y0}, {X: x0 + s, Y: y0}, {X: x0 + s, Y: y0 + s}, {X: x0, Y: y0 + s}}
}

func TestHorizontalSquareWithHole(t *testing.T) {
	hole := sq(4000, 4000, 2000)
	hole.Reverse()
	rings := []geom.Path{sq(0, 0, 10000), hole}
	got := Lines(rings, 0, 2500, 1000) // y = 1000, 3500, 6000(no: hole edge), 8500
	want := []Segment{
		{geom.Point{X: 0, Y: 1000}, geom.Point{X: 10000, Y: 1000}, 0},
		{geom.Point{X: 0, Y: 3500}, geom.Point{X: 10000, Y: 3500}, 1},
		{geom.Point{X: 0, Y: 6000}, geom.Point{X: 10000, Y: 6000}, 2}, // hole's top edge excluded (half-open)
		{geom.Point{X: 0, Y: 8500}, geom.Point{X: 10000, Y: 8500}, 3},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got)\n%s", d)
	}
	got = Lines(rings, 0, 1000, 500)
	n := 0
	for _, s := range got {
		if s.A.Y == 5500 {
			n++
		}
	}
	if n != 2 {
		t.Errorf("line through the hole split into %d segments, want 2", n)
	}
}

// TestCoverageMatchesArea: lines spaced s cover area/s of length, at any
// angle, for a random polygon (Cavalieri), within a line's worth.
func TestCoverageMatchesArea(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var star geom.Path
	for k := range 64 {
		a := 2 * math.Pi * float64(k) / 64
		rad := 10000 + r.Float64()*20000
		star = append(star, geom.Point{X: int64(rad * math.Cos(a)), Y: int64(rad * math.Sin(a))})
	}
	area := float64(star.Area2()) / 2
	for _, ang := range []float64{0, 0.3, math.Pi / 4, 1.2, math.Pi / 2, 2.5} {
		for _, sp := range []int64{100, 450} {
			segs := Lines([]geom.Path{star}, ang, sp, 37)
			total := 0.0
			for _, s := range segs {
				total += s.A.Dist(s.B)
				// the segment lies along the asked direction
				dx, dy := float64(s.B.X-s.A.X), float64(s.B.Y-s.A.Y)
				if l := math.Hypot(dx, dy); l > 100 && math.Abs(dx*math.Sin(ang)-dy*math.Cos(ang))/l > 0.01 {
					t.Fatalf("segment %v not at angle %.2f", s, ang)
				}
				mid := geom.Point{X: (s.A.X + s.B.X) / 2, Y: (s.A.Y + s.B.Y) / 2}
				if star.Winding(mid) == 0 && !star.OnBoundary(mid) {
					t.Fatalf("segment midpoint %v outside", mid)
				}
			}
			if rel := math.Abs(total*float64(sp)-area) / area; rel > 0.02 {
				t.Errorf("angle %.2f spacing %d: covered %.0f, area %.0f (%.2f%%)", ang, sp, total*float64(sp), area, 100*rel)
			}
		}
	}
}

func TestNonZeroOverlap(t *testing.T) {
	rings := []geom.Path{sq(0, 0, 10000), sq(5000, 0, 10000)}
	eo := Lines(rings, 0, 5000, 2500)
	nz := LinesNonZero(rings, 0, 5000, 2500)
	if len(eo) != 4 || len(nz) != 2 {
		t.Fatalf("even-odd %d segments (want 4), non-zero %d (want 2)", len(eo), len(nz))
	}
	if nz[0].A.X != 0 || nz[0].B.X != 15000 {
		t.Errorf("non-zero span %v", nz[0])
	}
}

func BenchmarkLines(b *testing.B) {
	var c geom.Path
	for k := range 2000 {
		a := 2 * math.Pi * float64(k) / 2000
		c = append(c, geom.Point{X: int64(30000 * math.Cos(a)), Y: int64(30000 * math.Sin(a))})
	}
	b.ReportAllocs()
	for b.Loop() {
		Lines([]geom.Path{c}, math.Pi/4, 2700, 0)
	}
}
