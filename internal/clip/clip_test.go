package clip

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/usinette/usinette/geom"
)

func sq(x0, y0, s int64) geom.Path {
	return geom.Path{{X: x0, Y: y0}, {X: x0 + s, Y: y0}, {X: x0 + s, Y: y0 + s}, {X: x0, Y: y0 + s}}
}

func rev(p geom.Path) geom.Path {
	q := append(geom.Path(nil), p...)
	q.Reverse()
	return q
}

func area(ps []geom.Polygon) float64 {
	a := 0.0
	for _, p := range ps {
		a += p.Area() / geom.PerMM2
	}
	return a
}

func TestBooleanAreas(t *testing.T) {
	a := []geom.Polygon{{Outer: sq(0, 0, 10000)}}
	b := []geom.Polygon{{Outer: sq(5000, 5000, 10000)}}
	tests := []struct {
		name  string
		got   []geom.Polygon
		area  float64
		polys int
	}{
		{"union", UnionPolys(a, b), 175, 1},
		{"intersection", Intersect(a, b), 25, 1},
		{"difference", Diff(a, b), 75, 1},
		{"miter offset out", Offset(a, 1000, Miter), 144, 1},
		{"miter offset in", Offset(a, -1000, Miter), 64, 1},
		{"shrunk away", Offset(a, -5001, Miter), 0, 0},
		{"opening keeps a fat square", Opening(a, 2000), 100, 1},
	}
	for _, tc := range tests {
		if math.Abs(area(tc.got)-tc.area) > 1e-6 || len(tc.got) != tc.polys {
			t.Errorf("%s: area %.6f in %d polygons, want %.6f in %d", tc.name, area(tc.got), len(tc.got), tc.area, tc.polys)
		}
	}
	// a round outward offset adds the perimeter strip and a full circle
	got := area(Offset(a, 1000, Round))
	want := 100 + 4*10*1 + math.Pi*1*1
	if math.Abs(got-want)/want > 0.001 {
		t.Errorf("round offset area %.4f, want %.4f", got, want)
	}
}

// TestNonZeroNesting: a part inside the hole of another, hole and parts given
// with any orientation as long as holes wind against their outer ring;
// overlapping bodies merge.
func TestNonZeroNesting(t *testing.T) {
	rings := []geom.Path{
		sq(0, 0, 30000),            // body, CCW
		rev(sq(5000, 5000, 20000)), // its hole, CW
		sq(8000, 8000, 6000),       // a part inside the hole
		sq(20000, -5000, 20000),    // a body overlapping the first
	}
	ps := UnionRings(rings, NonZero)
	if len(ps) != 2 {
		t.Fatalf("%d polygons, want 2 (merged bodies, nested part)", len(ps))
	}
	want := 900.0 - 400 + 36 + 400 - 100 // body − hole + part + second − overlap
	// overlap of the second square with the first body: x 20..30, y 0..15, of
	// which x 20..25, y 5..15 lies in the hole: 150 − 50 = 100
	if math.Abs(area(ps)-want) > 1e-6 {
		t.Errorf("area %.3f, want %.3f", area(ps), want)
	}
	for _, p := range ps {
		if !p.Outer.CCW() {
			t.Error("outer ring not CCW")
		}
		for _, h := range p.Holes {
			if h.CCW() {
				t.Error("hole not CW")
			}
		}
	}
}

// TestUnionMatchesSampling checks the union of random overlapping discs
// against point sampling with the exact winding numbers of the input rings.
func TestUnionMatchesSampling(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var rings []geom.Path
	for range 60 {
		cx, cy, rad := r.Float64()*50000, r.Float64()*50000, 1000+r.Float64()*6000
		var c geom.Path
		for k := range 48 {
			a := 2 * math.Pi * float64(k) / 48
			c = append(c, geom.Point{X: int64(cx + rad*math.Cos(a)), Y: int64(cy + rad*math.Sin(a))})
		}
		if r.IntN(4) == 0 {
			c.Reverse() // winding numbers add: a CW disc cancels a CCW one
		}
		rings = append(rings, c)
	}
	whole := UnionRings(rings, NonZero)
	chunked := UnionChunked(rings, NonZero, 7)
	if d := math.Abs(area(whole) - area(chunked)); d > 1e-3 {
		t.Errorf("chunked union area differs by %.6f mm²", d)
	}
	for range 3000 {
		q := geom.Point{X: int64(r.IntN(60000) - 5000), Y: int64(r.IntN(60000) - 5000)}
		w := 0
		for _, c := range rings {
			w += c.Winding(q)
		}
		in := w != 0
		got, gotC := false, false
		for _, p := range whole {
			got = got || p.Contains(q)
		}
		for _, p := range chunked {
			gotC = gotC || p.Contains(q)
		}
		onEdge := false
		for _, c := range rings {
			onEdge = onEdge || c.OnBoundary(q)
		}
		if !onEdge && (got != in || gotC != in) {
			t.Fatalf("point %v: inputs say %v, union %v, chunked %v", q, in, got, gotC)
		}
	}
}

func TestClipLines(t *testing.T) {
	region := []geom.Polygon{{Outer: sq(0, 0, 10000), Holes: []geom.Path{rev(sq(4000, 0-1, 2000))}}}
	_ = region
	ring := []geom.Polygon{{Outer: sq(0, 0, 10000), Holes: []geom.Path{rev(sq(4000, 4000, 2000))}}}
	lines := []geom.Path{{{X: -5000, Y: 5000}, {X: 15000, Y: 5000}}}
	got := ClipLines(lines, ring)
	var lens []float64
	for _, l := range got {
		lens = append(lens, l.Length(false))
	}
	if d := cmp.Diff([]float64{4000, 4000}, lens, cmpopts.SortSlices(func(a, b float64) bool { return a < b })); d != "" {
		t.Errorf("clipped lengths (-want +got):\n%s", d)
	}
}

func BenchmarkOffsetCircle(b *testing.B) {
	var c geom.Path
	for k := range 2000 {
		a := 2 * math.Pi * float64(k) / 2000
		c = append(c, geom.Point{X: int64(20000 * math.Cos(a)), Y: int64(20000 * math.Sin(a))})
	}
	p := []geom.Polygon{{Outer: c}}
	b.ReportAllocs()
	for b.Loop() {
		Offset(p, -225, Miter)
	}
}

func BenchmarkUnionChunked(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	var rings []geom.Path
	for range 2000 {
		cx, cy := r.Float64()*200000, r.Float64()*200000
		rings = append(rings, sq(int64(cx), int64(cy), 3000))
	}
	b.ReportAllocs()
	for b.Loop() {
		UnionChunked(rings, NonZero, 200)
	}
}

// TestUnionChunkedKeepsHoles: holes listed far from their outer rings still
// cut them when the rings are unioned in small chunks.
func TestUnionChunkedKeepsHoles(t *testing.T) {
	var rings []geom.Path
	for k := range 20 {
		rings = append(rings, sq(int64(k)*20000, 0, 10000))
	}
	for k := range 20 {
		rings = append(rings, rev(sq(int64(k)*20000+2500, 2500, 5000)))
	}
	got := UnionChunked(rings, NonZero, 3)
	if len(got) != 20 || math.Abs(area(got)-20*75) > 1e-6 {
		t.Fatalf("%d polygons of %.2f mm², want 20 of 1500", len(got), area(got))
	}
}

// TestDiffOffset: the one-sweep a − offset(b) covers what Diff(a,
// Offset(b)) does, growing and shrinking, with b holed and overlapping
// itself once grown (a frame whose hole closes).
func TestDiffOffset(t *testing.T) {
	a := []geom.Polygon{{Outer: sq(0, 0, 20000)}}
	frame := geom.Polygon{Outer: sq(2000, 2000, 8000), Holes: []geom.Path{rev(sq(4000, 4000, 4000))}}
	b := []geom.Polygon{frame, {Outer: sq(12000, 12000, 3000)}, {Outer: sq(14000, 14000, 3000)}}
	for _, d := range []float64{-500, 300, 2500} {
		got, want := DiffOffset(a, b, d, Miter), Diff(a, Offset(b, d, Miter))
		if math.Abs(area(got)-area(want)) > 1e-3 || len(got) != len(want) {
			t.Errorf("delta %.0f: area %.4f in %d polygons, want %.4f in %d", d, area(got), len(got), area(want), len(want))
		}
		if x := area(xorPolys(got, want)); x > 1e-3 {
			t.Errorf("delta %.0f: results differ by %.4f mm²", d, x)
		}
	}
	if got := DiffOffset(a, nil, 100, Miter); area(got) != 400 {
		t.Errorf("nothing to subtract: area %.4f, want 400", area(got))
	}
}

// xorPolys is the symmetric difference of two polygon sets.
func xorPolys(a, b []geom.Polygon) []geom.Polygon {
	return Sweep{}.Boolean(Xor, Rings(a), Rings(b), NonZero)
}
