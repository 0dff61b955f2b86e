package clip

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/usinette/usinette/geom"
)

func pt(x, y int64) geom.Point { return geom.Point{X: x, Y: y} }

// bruteInside is InsideLines with a one-cell grid: every segment is tested
// against every edge, so any disagreement is the grid's fault.
func bruteInside(lines, rings []geom.Path) []geom.Path {
	edges, box := ringEdges(rings, nil)
	if len(edges) == 0 || len(lines) == 0 {
		return nil
	}
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	var g edgeGrid
	g.build(edges, box, 1e-9)
	if g.nx != 1 || g.ny != 1 {
		panic("brute grid is not one cell")
	}
	return g.clip(lines, total)
}

func totalLen(ps []geom.Path) float64 {
	s := 0.0
	for _, p := range ps {
		s += p.Length(false)
	}
	return s
}

// windingSum is the non-zero rule's count of rings around q.
func windingSum(rings []geom.Path, q geom.Point) int {
	w := 0
	for _, r := range rings {
		w += r.Winding(q)
	}
	return w
}

// boundaryDist is the distance from q to the nearest ring edge, µm.
func boundaryDist(rings []geom.Path, q geom.Point) float64 {
	d := math.Inf(1)
	for _, r := range rings {
		for i := range r {
			d = min(d, geom.SegDist2(q, r[i], r[(i+1)%len(r)]))
		}
	}
	return math.Sqrt(d)
}

func scale2(ps []geom.Path) []geom.Path {
	out := make([]geom.Path, len(ps))
	for i, p := range ps {
		out[i] = make(geom.Path, len(p))
		for j, q := range p {
			out[i][j] = geom.Point{X: 2 * q.X, Y: 2 * q.Y}
		}
	}
	return out
}

// checkPieces checks the output invariants: pieces of at least two points
// without consecutive duplicates, and the midpoint of every piece segment
// inside the region or within 2 µm of its boundary (midpoints are taken in
// doubled coordinates, where they are integers).
func checkPieces(t *testing.T, rings, got []geom.Path) {
	t.Helper()
	r2 := scale2(rings)
	for i, p := range got {
		if len(p) < 2 {
			t.Fatalf("piece %d has %d points", i, len(p))
		}
		for j := 0; j+1 < len(p); j++ {
			a, b := p[j], p[j+1]
			if a == b {
				t.Fatalf("piece %d repeats point %v", i, a)
			}
			m := geom.Point{X: a.X + b.X, Y: a.Y + b.Y}
			if windingSum(r2, m) == 0 && boundaryDist(r2, m) > 4 {
				t.Fatalf("piece %d segment %v-%v: midpoint outside the region by %.1f µm", i, a, b, boundaryDist(r2, m)/2)
			}
		}
	}
}

// checkComplete samples points along the input polylines: every one strictly
// inside the region, more than 3 µm from its boundary, must be within 2 µm of
// an output piece.
func checkComplete(t *testing.T, lines, rings, got []geom.Path) {
	t.Helper()
	r2 := scale2(rings)
	for _, l := range lines {
		for i := 0; i+1 < len(l); i++ {
			a, b := l[i], l[i+1]
			if a == b {
				// a segment of no length cuts nothing: a line that is one
				// point repeated gives a piece of one point, which
				// InsideLines drops as documented
				continue
			}
			for k := 1; k < 8; k += 2 {
				f := float64(k) / 8
				m := geom.Point{X: int64(math.Round(2 * (float64(a.X) + f*float64(b.X-a.X)))), Y: int64(math.Round(2 * (float64(a.Y) + f*float64(b.Y-a.Y))))}
				if windingSum(r2, m) == 0 || boundaryDist(r2, m) <= 6 {
					continue
				}
				best := math.Inf(1)
				for _, p := range got {
					for j := 0; j+1 < len(p); j++ {
						best = min(best, geom.SegDist2(m, geom.Point{X: 2 * p[j].X, Y: 2 * p[j].Y}, geom.Point{X: 2 * p[j+1].X, Y: 2 * p[j+1].Y}))
					}
				}
				if math.Sqrt(best)/2 > 2 {
					t.Fatalf("point %.1f,%.1f of line segment %v-%v is inside but %.1f µm from every piece", float64(m.X)/2, float64(m.Y)/2, a, b, math.Sqrt(best)/2)
				}
			}
		}
	}
}

func TestInsideLinesCases(t *testing.T) {
	s := sq(0, 0, 10000)
	tests := []struct {
		name  string
		rings []geom.Path
		lines []geom.Path
		want  []geom.Path
	}{
		{"through a square", []geom.Path{s}, []geom.Path{{pt(-5000, 5000), pt(15000, 5000)}},
			[]geom.Path{{pt(0, 5000), pt(10000, 5000)}}},
		{"through a square with a hole", []geom.Path{s, rev(sq(4000, 4000, 2000))}, []geom.Path{{pt(-5000, 5000), pt(15000, 5000)}},
			[]geom.Path{{pt(0, 5000), pt(4000, 5000)}, {pt(6000, 5000), pt(10000, 5000)}}},
		{"interior vertices kept", []geom.Path{s}, []geom.Path{{pt(-5000, 5000), pt(3000, 6000), pt(7000, 4000), pt(15000, 5000)}},
			[]geom.Path{{pt(0, 5625), pt(3000, 6000), pt(7000, 4000), pt(10000, 4375)}}},
		// along edges: the polyline is taken as moved by (ε, ε²), so it is
		// inside along the bottom and left edges, outside along the top
		// and right ones (geom.Path.Winding's convention for such points)
		{"along the bottom edge", []geom.Path{s}, []geom.Path{{pt(-5000, 0), pt(15000, 0)}},
			[]geom.Path{{pt(0, 0), pt(10000, 0)}}},
		{"along the top edge", []geom.Path{s}, []geom.Path{{pt(-5000, 10000), pt(15000, 10000)}}, nil},
		{"along the left edge", []geom.Path{s}, []geom.Path{{pt(0, 15000), pt(0, -5000)}},
			[]geom.Path{{pt(0, 10000), pt(0, 0)}}},
		{"along the right edge", []geom.Path{s}, []geom.Path{{pt(10000, -5000), pt(10000, 15000)}}, nil},
		{"diagonal through two vertices", []geom.Path{s}, []geom.Path{{pt(-5000, -5000), pt(15000, 15000)}},
			[]geom.Path{{pt(0, 0), pt(10000, 10000)}}},
		{"through a vertex, entering", []geom.Path{s}, []geom.Path{{pt(-5000, 15000), pt(5000, 5000)}},
			[]geom.Path{{pt(0, 10000), pt(5000, 5000)}}},
		{"entering on an edge, ending on one", []geom.Path{s}, []geom.Path{{pt(-5000, 0), pt(5000, 10000)}},
			[]geom.Path{{pt(0, 5000), pt(5000, 10000)}}},
		{"touching a vertex", []geom.Path{s}, []geom.Path{{pt(-5000, 5000), pt(5000, -5000)}, {pt(15000, 5000), pt(5000, 15000)}}, nil},
		{"touching an edge from outside", []geom.Path{s}, []geom.Path{{pt(5000, -5000), pt(5000, 0), pt(6000, -5000)}}, nil},
		{"touching the bottom edge from inside", []geom.Path{s}, []geom.Path{{pt(5000, 5000), pt(5000, 0), pt(6000, 5000)}},
			[]geom.Path{{pt(5000, 5000), pt(5000, 0), pt(6000, 5000)}}},
		{"touching the top edge from inside", []geom.Path{s}, []geom.Path{{pt(5000, 5000), pt(5000, 10000), pt(6000, 5000)}},
			[]geom.Path{{pt(5000, 5000), pt(5000, 10000), pt(6000, 5000)}}},
		{"starting inside", []geom.Path{s}, []geom.Path{{pt(5000, 5000), pt(15000, 5000)}},
			[]geom.Path{{pt(5000, 5000), pt(10000, 5000)}}},
		{"starting on the right edge, going in", []geom.Path{s}, []geom.Path{{pt(10000, 5000), pt(5000, 5000)}},
			[]geom.Path{{pt(10000, 5000), pt(5000, 5000)}}},
		{"starting on the left edge, going out", []geom.Path{s}, []geom.Path{{pt(0, 5000), pt(-5000, 5000)}}, nil},
		{"vertex on an edge", []geom.Path{s}, []geom.Path{{pt(-5000, 5000), pt(0, 5000), pt(5000, 6000)}},
			[]geom.Path{{pt(0, 5000), pt(5000, 6000)}}},
		{"vertex on an edge, leaving", []geom.Path{s}, []geom.Path{{pt(5000, 6000), pt(10000, 5000), pt(15000, 5000)}},
			[]geom.Path{{pt(5000, 6000), pt(10000, 5000)}}},
		{"overlapping rings", []geom.Path{s, sq(5000, 0, 10000)}, []geom.Path{{pt(-5000, 5000), pt(20000, 5000)}},
			[]geom.Path{{pt(0, 5000), pt(15000, 5000)}}},
		{"overlap cancelled by a clockwise ring", []geom.Path{s, rev(sq(5000, 0, 10000))}, []geom.Path{{pt(-5000, 5000), pt(20000, 5000)}},
			[]geom.Path{{pt(0, 5000), pt(5000, 5000)}, {pt(10000, 5000), pt(15000, 5000)}}},
		{"abutting rings", []geom.Path{s, sq(10000, 0, 10000)}, []geom.Path{{pt(-5000, 5000), pt(25000, 5000)}},
			[]geom.Path{{pt(0, 5000), pt(20000, 5000)}}},
		{"doubly wound", []geom.Path{s, s}, []geom.Path{{pt(-5000, 5000), pt(15000, 5000)}},
			[]geom.Path{{pt(0, 5000), pt(10000, 5000)}}},
		{"clockwise only", []geom.Path{rev(s)}, []geom.Path{{pt(-5000, 5000), pt(15000, 5000)}},
			[]geom.Path{{pt(0, 5000), pt(10000, 5000)}}},
		{"rounded crossings", []geom.Path{{pt(0, 0), pt(3, 0), pt(0, 3)}}, []geom.Path{{pt(-1, 1), pt(4, 2)}},
			[]geom.Path{{pt(0, 1), pt(2, 2)}}},
		{"outside the box", []geom.Path{s}, []geom.Path{{pt(-5000, 20000), pt(15000, 20000)}}, nil},
		{"degenerate ring", []geom.Path{{pt(0, 0), pt(10000, 0)}}, []geom.Path{{pt(5000, -5000), pt(5000, 5000)}}, nil},
		{"short and repeated points", []geom.Path{s}, []geom.Path{{pt(5000, 5000)}, {}, {pt(1000, 1000), pt(1000, 1000), pt(2000, 1000)}},
			[]geom.Path{{pt(1000, 1000), pt(2000, 1000)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := InsideLines(tc.lines, tc.rings)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			if d := cmp.Diff(got, bruteInside(tc.lines, tc.rings)); d != "" {
				t.Errorf("grid vs brute force (-grid +brute):\n%s", d)
			}
			checkPieces(t, tc.rings, got)
			checkComplete(t, tc.lines, tc.rings, got)
		})
	}
}

// star is a random star-shaped ring around c, counter-clockwise.
func starRing(r *rand.Rand, c geom.Point, rad float64, n int) geom.Path {
	p := make(geom.Path, n)
	for k := range n {
		a := 2 * math.Pi * (float64(k) + 0.8*r.Float64()) / float64(n)
		rr := rad * (0.55 + 0.45*r.Float64())
		p[k] = geom.Point{X: c.X + int64(rr*math.Cos(a)), Y: c.Y + int64(rr*math.Sin(a))}
	}
	return p
}

// randomLineRegion is one of several kinds of random regions.
func randomLineRegion(r *rand.Rand) []geom.Path {
	c := geom.Point{X: r.Int64N(20000), Y: r.Int64N(20000)}
	rad := 5000 + r.Float64()*30000
	outer := starRing(r, c, rad, 5+r.IntN(200))
	rings := []geom.Path{outer}
	for range r.IntN(3) { // holes: small stars near the centre, clockwise
		hc := geom.Point{X: c.X + int64((r.Float64()-0.5)*0.3*rad), Y: c.Y + int64((r.Float64()-0.5)*0.3*rad)}
		rings = append(rings, rev(starRing(r, hc, rad*0.2, 3+r.IntN(40))))
	}
	switch r.IntN(4) {
	case 0: // an overlapping ring of either orientation
		o := starRing(r, geom.Point{X: c.X + int64(rad*0.8), Y: c.Y}, rad*0.6, 3+r.IntN(60))
		if r.IntN(2) == 0 {
			o.Reverse()
		}
		rings = append(rings, o)
	case 1: // the region shrunk: the shapes the slicer clips infill to
		var polys []geom.Polygon
		polys = append(polys, geom.Polygon{Outer: outer, Holes: rings[1:]})
		rings = Rings(Offset(polys, -float64(500+r.IntN(3000)), Miter))
	case 2: // everything clockwise
		for _, g := range rings {
			g.Reverse()
		}
	}
	return rings
}

// wavyLines are gyroid-like sine polylines across the box of the rings.
func wavyLines(r *rand.Rand, rings []geom.Path) []geom.Path {
	box := geom.EmptyRect()
	for _, g := range rings {
		box = box.Union(g.Bounds())
	}
	var lines []geom.Path
	ang := r.Float64() * math.Pi
	dx, dy := math.Cos(ang), math.Sin(ang)
	cx, cy := float64(box.Min.X+box.Max.X)/2, float64(box.Min.Y+box.Max.Y)/2
	half := math.Hypot(float64(box.Max.X-box.Min.X), float64(box.Max.Y-box.Min.Y))/2 + 2000
	spacing := 1000 + r.Float64()*3000
	step := 100 + r.Float64()*900
	amp := r.Float64() * 1500
	period := 2000 + r.Float64()*5000
	for off := -half; off <= half; off += spacing {
		var l geom.Path
		for s := -half; s <= half; s += step {
			w := off + amp*math.Sin(2*math.Pi*s/period)
			l = append(l, geom.Point{X: int64(cx + s*dx - w*dy), Y: int64(cy + s*dy + w*dx)})
		}
		lines = append(lines, l)
	}
	return lines
}

// TestInsideLinesAgainstClipper compares with go.clipper (an independent
// implementation) on random regions and polylines: the kept length must agree
// within a few µm per piece end, and every piece must be inside.
func TestInsideLinesAgainstClipper(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	n := 60
	if testing.Short() {
		n = 15
	}
	for it := range n {
		rings := randomLineRegion(r)
		lines := wavyLines(r, rings)
		got := InsideLines(lines, rings)
		want := Clipper{}.ClipLines(lines, rings)
		lg, lw := totalLen(got), totalLen(want)
		tol := 2.0*float64(2*(len(got)+len(want))) + 1
		if math.Abs(lg-lw) > tol {
			t.Fatalf("case %d: kept %.1f µm in %d pieces, go.clipper %.1f µm in %d (tolerance %.0f)", it, lg, len(got), lw, len(want), tol)
		}
		if d := cmp.Diff(got, bruteInside(lines, rings)); d != "" {
			t.Fatalf("case %d: grid vs brute force (-grid +brute):\n%s", it, d)
		}
		checkPieces(t, rings, got)
	}
}

// fuzzInput decodes bytes into small rings and polylines on a coarse grid
// (coordinates multiples of unit), where vertices on edges, collinear
// overlaps and crossings at vertices are common.
func fuzzInput(data []byte) (rings, lines []geom.Path) {
	if len(data) < 2 {
		return nil, nil
	}
	unit := int64(1 + int(data[0])%4*333) // 1, 334, 667, 1000
	nr := int(data[1])%4 + 1
	data = data[2:]
	next := func() (geom.Point, bool) {
		if len(data) < 2 {
			return geom.Point{}, false
		}
		p := geom.Point{X: int64(int8(data[0])%16) * unit, Y: int64(int8(data[1])%16) * unit}
		data = data[2:]
		return p, true
	}
	read := func() geom.Path {
		if len(data) == 0 {
			return nil
		}
		k := int(data[0])%12 + 1
		data = data[1:]
		var p geom.Path
		for range k {
			q, ok := next()
			if !ok {
				break
			}
			p = append(p, q)
		}
		return p
	}
	for range nr {
		rings = append(rings, read())
	}
	for len(data) > 0 {
		lines = append(lines, read())
	}
	return rings, lines
}

func FuzzClipLines(f *testing.F) {
	seed := func(unit byte, rings, lines [][]int8) {
		b := []byte{unit, byte(len(rings) - 1)}
		for _, g := range append(rings, lines...) {
			b = append(b, byte(len(g)/2-1))
			for _, v := range g {
				b = append(b, byte(v))
			}
		}
		f.Add(b)
	}
	square := []int8{0, 0, 8, 0, 8, 8, 0, 8}
	seed(3, [][]int8{square}, [][]int8{{-4, 4, 12, 4}})
	seed(3, [][]int8{square}, [][]int8{{-4, 0, 12, 0}, {-4, 8, 12, 8}, {0, -4, 0, 12}})
	seed(3, [][]int8{square}, [][]int8{{-4, -4, 12, 12}, {-4, 4, 4, -4}})
	seed(3, [][]int8{square, {2, 2, 2, 6, 6, 6, 6, 2}}, [][]int8{{-1, 4, 4, 4, 4, 2, 9, 2}})
	seed(0, [][]int8{square, {4, 0, 12, 0, 12, 8, 4, 8}}, [][]int8{{-1, 4, 13, 4, 13, 5, 0, 5}})
	seed(2, [][]int8{{0, 0, 8, 0, 0, 8, 8, 8}}, [][]int8{{-1, 4, 9, 4}, {4, -1, 4, 9}})
	seed(1, [][]int8{{0, 0, 0, 8, 8, 8, 8, 0}, {0, 0, 8, 0, 8, 8}}, [][]int8{{0, 0, 8, 8, 0, 8, 8, 0}})
	f.Fuzz(func(t *testing.T, data []byte) {
		rings, lines := fuzzInput(data)
		got := InsideLines(lines, rings)
		if d := cmp.Diff(got, bruteInside(lines, rings)); d != "" {
			t.Fatalf("grid vs brute force (-grid +brute):\n%s", d)
		}
		var valid []geom.Path // rings the winding check can take
		for _, g := range rings {
			if len(g) >= 2 {
				valid = append(valid, g)
			}
		}
		checkPieces(t, valid, got)
		checkComplete(t, lines, valid, got)
	})
}

// TestFuzzInputLimits: the fuzz decoder keeps to what it promises.
func TestFuzzInputLimits(t *testing.T) {
	b := make([]byte, 64)
	binary.LittleEndian.PutUint64(b, 0xfedcba9876543210)
	rings, lines := fuzzInput(b)
	if len(rings) == 0 || len(lines) == 0 {
		t.Fatalf("decoded %d rings, %d lines from 64 bytes", len(rings), len(lines))
	}
}

// benchWorkload is a 60×60 mm region with a 1000-vertex outline and four
// holes, and gyroid-like sine polylines at 2 mm spacing across it.
func benchWorkload() (lines, rings []geom.Path) {
	r := rand.New(rand.NewPCG(3, 5))
	const R = 30000
	outer := make(geom.Path, 1000)
	for k := range outer {
		a := 2 * math.Pi * float64(k) / 1000
		rr := R * (0.9 + 0.05*math.Sin(7*a) + 0.02*r.Float64())
		outer[k] = geom.Point{X: int64(rr * math.Cos(a)), Y: int64(rr * math.Sin(a))}
	}
	rings = append(rings, outer)
	for _, c := range []geom.Point{{X: -12000, Y: -12000}, {X: 12000, Y: -12000}, {X: -12000, Y: 12000}, {X: 12000, Y: 12000}} {
		h := make(geom.Path, 120)
		for k := range h {
			a := -2 * math.Pi * float64(k) / 120
			h[k] = geom.Point{X: c.X + int64(5000*math.Cos(a)), Y: c.Y + int64(5000*math.Sin(a))}
		}
		rings = append(rings, h)
	}
	for y := -R; y <= R; y += 2000 {
		var l geom.Path
		for x := -R - 1000; x <= R+1000; x += 400 {
			l = append(l, geom.Point{X: int64(x), Y: int64(float64(y) + 700*math.Sin(float64(x)/1500))})
		}
		lines = append(lines, l)
	}
	return lines, rings
}

func BenchmarkClipLines(b *testing.B) {
	lines, rings := benchWorkload()
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			InsideLines(lines, rings)
		}
	})
	b.Run("goclipper", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Clipper{}.ClipLines(lines, rings)
		}
	})
}

// A line across a 10 mm square with a 2 mm hole keeps the two parts inside.
func ExampleInsideLines() {
	square := geom.Path{{X: 0, Y: 0}, {X: 10000, Y: 0}, {X: 10000, Y: 10000}, {X: 0, Y: 10000}}
	hole := geom.Path{{X: 4000, Y: 4000}, {X: 4000, Y: 6000}, {X: 6000, Y: 6000}, {X: 6000, Y: 4000}}
	line := geom.Path{{X: -5000, Y: 5000}, {X: 15000, Y: 5000}}
	for _, p := range InsideLines([]geom.Path{line}, []geom.Path{square, hole}) {
		fmt.Println(p)
	}
	// Output:
	// [{0 5000} {4000 5000}]
	// [{6000 5000} {10000 5000}]
}

// TestInsideLinesConcurrent: calls share nothing (run with -race).
func TestInsideLinesConcurrent(t *testing.T) {
	lines, rings := benchWorkload()
	want := InsideLines(lines, rings)
	errs := make(chan string, 4)
	for range 4 {
		go func() {
			if d := cmp.Diff(want, InsideLines(lines, rings)); d != "" {
				errs <- d
				return
			}
			errs <- ""
		}()
	}
	for range 4 {
		if d := <-errs; d != "" {
			t.Errorf("concurrent call differs:\n%s", d)
		}
	}
}

// TestInsideLinesFarCoordinates: a line reaching kilometres past the
// region (beyond the exact-arithmetic limit) gives the same piece as the
// same line cut short, and a region out of reach gives none.
func TestInsideLinesFarCoordinates(t *testing.T) {
	sq := []geom.Path{{{X: 0, Y: 0}, {X: 10000, Y: 0}, {X: 10000, Y: 10000}, {X: 0, Y: 10000}}}
	far := []geom.Path{{{X: -2e12, Y: 5000}, {X: 2e12, Y: 5000}}}
	near := []geom.Path{{{X: -20000, Y: 5000}, {X: 20000, Y: 5000}}}
	if diff := cmp.Diff(InsideLines(near, sq), InsideLines(far, sq)); diff != "" {
		t.Errorf("far line (-near +far):\n%s", diff)
	}
	if got := InsideLines(near, []geom.Path{{{X: 0, Y: 0}, {X: 3e12, Y: 0}, {X: 0, Y: 3e12}}}); got != nil {
		t.Errorf("region beyond the limit: %v", got)
	}
}
