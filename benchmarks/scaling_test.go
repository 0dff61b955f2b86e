package benchmarks

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/usinette/usinette/cut"
	"github.com/usinette/usinette/dst"
	"github.com/usinette/usinette/internal/meshgen"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/pes"
	"github.com/usinette/usinette/slice"
	"github.com/usinette/usinette/stitch"
	"github.com/usinette/usinette/vector"
)

// Scaling benchmarks (issue 17: no quadratic step on large inputs). Each job
// runs at 1×, 2×, 5× and 10× the largest input of its kind in the shared
// corpus, generated here (nothing big is committed), so that the growth of
// the time with the input size can be read off: the exponent between two
// sizes is log(t2/t1) / log(n2/n1); 1 is linear, about 1.1 is n log n, 2 is
// quadratic. `benchmarks/scaling` runs them and prints that table;
// README.md holds the figures measured. The complexity stated beside each
// benchmark is the one measured there and the one the code is built for.
//
// The corpus sizes they scale:
//   - meshes: 3DBenchy, 225,154 triangles (the largest STL); the bunny,
//     69,451 triangles (the slicing reference);
//   - cutting: silhouette_stencil-free-fonts.svg, 1,219 glyphs to cut;
//   - embroidery: silhouette_multi_color.svg, 558 shapes (the document
//     with the most shapes);
//   - stitch files: geometric_objects.pes, 8,285 stitch records.
var scales = []int{1, 2, 5, 10}

const (
	corpusMaxTriangles = 225_154 // 3DBenchy.stl
	corpusBunny        = 69_451  // stanford_bunny.stl
	corpusCutPieces    = 1_219   // silhouette_stencil-free-fonts.svg
	corpusStitchShapes = 558     // silhouette_multi_color.svg
	corpusStitches     = 8_285   // geometric_objects.pes
)

// eachScale runs one job as sub-benchmarks 1x, 2x, 5x, 10x with the input
// size n = base × scale. setup builds the input (not timed) and returns
// the operation and, optionally, a check of its last result. Besides ns/op
// and allocations it reports n (for the exponent table) and cpu-ns/op, the
// processor time of the process (all threads, the collector's included)
// per op: on a shared machine the wall time of a run swings with the load,
// the processor time it costs much less, so the exponents are read from
// it.
func eachScale(b *testing.B, base int, setup func(b *testing.B, n int) (op func() error, check func(b *testing.B))) {
	for _, k := range scales {
		b.Run(fmt.Sprintf("%dx", k), func(b *testing.B) {
			n := base * k
			op, check := setup(b, n)
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				if err := op(); err != nil {
					b.Fatal(err)
				}
			}
			cpu := cpuTime() - cpu0
			if check != nil {
				check(b)
			}
			b.ReportMetric(float64(n), "n")
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

// degenerateSoup returns a triangle soup of about n triangles as broken
// exporters and scanners write them: a torus knot (tessellated finely
// enough to have about 0.9 n triangles) whose corners are nudged by up to
// 20 µm (welded only with a tolerance), 4 % of facets listed twice, 2 %
// collapsed to a sliver with two corners on one vertex, 1 % dropped
// (holes: boundary edges), 10 % flipped.
func degenerateSoup(n int) [][3]mesh.Vec3 {
	along := int(math.Sqrt(float64(n)*0.9/2*8)) + 1 // along = 8 around
	around := max(3, along/8)
	m := meshgen.TorusKnot(2, 3, 6, along, around)
	rng := rand.New(rand.NewPCG(17, uint64(n)))
	nudge := func(v mesh.Vec3) mesh.Vec3 {
		j := func() float32 { return float32(rng.Float64()*2-1) * 2e-5 }
		return mesh.Vec3{X: v.X + j(), Y: v.Y + j(), Z: v.Z + j()}
	}
	soup := make([][3]mesh.Vec3, 0, len(m.Triangles)*108/100)
	for _, t := range m.Triangles {
		r := rng.IntN(100)
		if r == 0 {
			continue // a hole
		}
		f := [3]mesh.Vec3{m.Vertices[t[0]], m.Vertices[t[1]], m.Vertices[t[2]]}
		if rng.IntN(3) == 0 {
			for c := range f {
				f[c] = nudge(f[c])
			}
		}
		switch {
		case r < 11:
			f[1], f[2] = f[2], f[1]
		case r < 13:
			f[2] = f[1]
		}
		soup = append(soup, f)
		if r >= 96 {
			soup = append(soup, f)
		}
	}
	return soup
}

// BenchmarkScaleWeld: weld and repair (mesh.FromTriangles with a 0.1 µm …
// 0.1 mm weld tolerance) of a degenerate soup, 1× to 10× the largest corpus
// mesh (225,154 → 2.25 M triangles). O(n): the exact weld is an open-
// addressing hash of the corner bits, the tolerance weld a hash grid (27
// cells per vertex), the edge adjacency per-vertex half-edge lists, the
// orientation a breadth-first walk.
//
// /identical is the hostile case of issue 17, n copies of one facet (every
// edge shared by n facets: 1e5 of them took 88 s when the winding walk
// compared each facet with every other across an edge): 10,000 → 100,000
// here, O(n) as well.
func BenchmarkScaleWeld(b *testing.B) {
	b.Run("degenerate", func(b *testing.B) {
		eachScale(b, corpusMaxTriangles, func(b *testing.B, n int) (func() error, func(*testing.B)) {
			soup := degenerateSoup(n)
			var rep mesh.Repairs
			return func() (err error) {
					_, rep, err = mesh.FromTriangles(soup, mesh.Options{WeldTolerance: 1e-4})
					return err
				}, func(b *testing.B) {
					if rep.NearWeldedVertices == 0 || rep.DegenerateFacets == 0 || rep.BoundaryEdges == 0 || rep.FlippedFacets == 0 {
						b.Fatalf("the soup is not degenerate enough: %+v", rep)
					}
					b.ReportMetric(float64(len(soup)), "triangles")
				}
		})
	})
	b.Run("identical", func(b *testing.B) {
		eachScale(b, 10_000, func(b *testing.B, n int) (func() error, func(*testing.B)) {
			f := [3]mesh.Vec3{{X: 0, Y: 0, Z: 1}, {X: 10, Y: 0, Z: 1}, {X: 0, Y: 10, Z: 1}}
			soup := make([][3]mesh.Vec3, n)
			for i := range soup {
				soup[i] = f
			}
			return func() error {
				_, _, err := mesh.FromTriangles(soup, mesh.Options{})
				return err
			}, nil
		})
	})
}

// BenchmarkScaleSlice: slice.Slice of a (2,3) torus knot tessellated with 1×
// to 10× the bunny's triangles (69,451 → 694,510), same shape and size, so
// the same 180 layers. Cutting the facets into contours is O(n) in the
// triangles (each facet is indexed once by its Z range and cut on the
// layers it spans); the rest of the work (perimeters, classification,
// infill) depends on the layers and the contours' complexity, which grows
// with the tessellation only where contour points are finer than the
// 0.0125 mm simplification — so the wall time grows far slower than n
// (exponent well under 1), and contour-work-ns/op about linearly.
func BenchmarkScaleSlice(b *testing.B) {
	eachScale(b, corpusBunny, func(b *testing.B, n int) (func() error, func(*testing.B)) {
		// along × around quads, along = 8 around: 16 around² triangles
		around := int(math.Round(math.Sqrt(float64(n) / 16)))
		m := meshgen.TorusKnot(2, 3, 6, 8*around, around)
		m.Place(250, 210)
		cfg := slice.Default()
		var contours float64
		return func() error {
				res, err := slice.Slice(context.Background(), m, cfg, slice.Options{})
				if err == nil {
					contours += float64(res.Stages.Contours.Nanoseconds())
				}
				return err
			}, func(b *testing.B) {
				b.ReportMetric(contours/float64(b.N), "contour-work-ns/op")
				b.ReportMetric(float64(len(m.Triangles)), "triangles")
			}
	})
}

// labels returns n/2 closed shapes with a hole each (n pieces to cut):
// rounded tags of 2.5–4 mm on a jittered 5 mm grid 100 columns wide,
// each holding a slot, as a sheet of small stickers or a stencil font is.
func labels(n int) []vector.Shape {
	rng := rand.New(rand.NewPCG(1219, uint64(n)))
	ring := func(cx, cy, rx, ry float64, cw bool) vector.Subpath {
		sp := vector.Subpath{Closed: true}
		for i := range 12 {
			a := 2 * math.Pi * float64(i) / 12
			if cw {
				a = -a
			}
			sp.Points = append(sp.Points, vector.Point{X: cx + rx*math.Cos(a), Y: cy + ry*math.Sin(a)})
		}
		return sp
	}
	shapes := make([]vector.Shape, 0, n/2)
	for i := range n / 2 {
		cx := 5 + 5*float64(i%100) + rng.Float64()*0.4
		cy := 5 + 5*float64(i/100) + rng.Float64()*0.4
		rx, ry := 1.25+rng.Float64()*0.75, 1.25+rng.Float64()*0.75
		shapes = append(shapes, vector.Shape{
			ID:       fmt.Sprintf("tag%d", i),
			Subpaths: []vector.Subpath{ring(cx, cy, rx, ry, false), ring(cx, cy, rx/3, ry/2, true)},
		})
	}
	return shapes
}

// BenchmarkScaleCutPlan: cut.NewPlan (containment, holes first, ordering,
// overcut) of 1× to 10× the pieces of the corpus's largest cutting job
// (1,219 → 12,190 pieces). Containment and nearest-neighbour ordering go
// through a uniform grid of the pieces' boxes: O(n) for pieces of similar
// size spread over the media. Or-opt, which moves single pieces where that
// shortens the travel, tries each piece next to its 24 nearest pieces:
// O(n·k) per pass (it tried every position, O(n²), up to 3,000 pieces:
// /or-opt-limit, 2,998 pieces, was the slowest plan of all at 1 s of
// processor time). Measured exponent from 1× to 10×: 1.10.
func BenchmarkScaleCutPlan(b *testing.B) {
	b.Run("or-opt-limit", func(b *testing.B) {
		shapes := labels(2998)
		b.ReportAllocs()
		cpu0 := cpuTime()
		for b.Loop() {
			if _, err := cut.NewPlan(context.Background(), shapes, cut.PlanOptions{Overcut: 1}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(2998, "n")
		b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	})
	eachScale(b, corpusCutPieces, func(b *testing.B, n int) (func() error, func(*testing.B)) {
		shapes := labels(n)
		var cuts int
		return func() error {
				plan, err := cut.NewPlan(context.Background(), shapes, cut.PlanOptions{Overcut: 1})
				if err == nil {
					cuts = len(plan.Cuts)
				}
				return err
			}, func(b *testing.B) {
				if cuts != 2*(n/2) {
					b.Fatalf("%d cuts of %d pieces", cuts, 2*(n/2))
				}
			}
	})
}

// stitchShapes returns n small shapes on a 2.5 mm grid 100 columns wide
// (10×: 250 × 140 mm, inside the 260 × 160 mm hoop), in four threads by
// bands of rows. fill: discs of 2 mm with a tatami fill; satin: satin
// columns between two bent rails 0.9 mm apart, as lettering is made of.
func stitchShapes(n int, satin bool) []vector.Shape {
	colors := []color.RGBA{{R: 200, A: 255}, {G: 150, A: 255}, {B: 200, A: 255}, {A: 255}}
	rows := (n + 99) / 100
	shapes := make([]vector.Shape, 0, n)
	for i := range n {
		x, y := 2.5*float64(i%100), 2.5*float64(i/100)
		c := colors[min(3, 4*(i/100)/rows)]
		s := vector.Shape{ID: fmt.Sprintf("s%d", i), Attrs: map[string]string{}}
		if satin {
			s.Stroke = vector.Paint{Set: true, Color: c}
			s.StrokeWidth = 0.3
			s.Attrs["inkstitch:satin_column"] = "True"
			s.Subpaths = []vector.Subpath{
				{Points: []vector.Point{{X: x, Y: y}, {X: x + 0.8, Y: y + 0.9}, {X: x + 0.8, Y: y + 1.6}, {X: x, Y: y + 2.2}}},
				{Points: []vector.Point{{X: x + 0.9, Y: y}, {X: x + 1.7, Y: y + 0.9}, {X: x + 1.7, Y: y + 1.6}, {X: x + 0.9, Y: y + 2.2}}},
			}
		} else {
			s.Fill = vector.Paint{Set: true, Color: c}
			sp := vector.Subpath{Closed: true}
			for k := range 16 {
				a := 2 * math.Pi * float64(k) / 16
				sp.Points = append(sp.Points, vector.Point{X: x + 1 + math.Cos(a), Y: y + 1 + math.Sin(a)})
			}
			s.Subpaths = []vector.Subpath{sp}
		}
		shapes = append(shapes, s)
	}
	return shapes
}

// BenchmarkScaleStitch: stitch.PlanShapes of 1× to 10× the shapes of the
// corpus document with the most (558 → 5,580). Each shape is planned on its
// own (fill: clean the outline, rows by scanline, route them over the
// graph of the shape's own rows; satin: walk the two rails), and the
// assembly (ties, jumps, trims, colour blocks) is one pass: O(n) in the
// shapes. /fill-sort adds Options.SortColors (the CLI's --sort-colors).
func BenchmarkScaleStitch(b *testing.B) {
	for _, tc := range []struct {
		name  string
		satin bool
		sort  bool
	}{{"fill", false, false}, {"satin", true, false}, {"fill-sort", false, true}} {
		b.Run(tc.name, func(b *testing.B) {
			eachScale(b, corpusStitchShapes, func(b *testing.B, n int) (func() error, func(*testing.B)) {
				shapes := stitchShapes(n, tc.satin)
				var recs int
				return func() error {
						p, _, err := stitch.PlanShapes(context.Background(), shapes, stitch.Options{SortColors: tc.sort})
						if err == nil {
							recs = len(p.Records)
						}
						return err
					}, func(b *testing.B) {
						b.ReportMetric(float64(recs), "records")
					}
			})
		})
	}
}

// zigzag returns a pattern of n records as a fill sews them: 2.5 mm
// stitches back and forth across a 100 mm wide band, a trim and a jump
// every 500 records, a colour change every quarter.
func zigzag(n int) *stitch.Pattern {
	p := &stitch.Pattern{Threads: []stitch.Thread{
		{Color: color.RGBA{R: 200, A: 255}}, {Color: color.RGBA{G: 150, A: 255}},
		{Color: color.RGBA{B: 200, A: 255}}, {Color: color.RGBA{A: 255}}}}
	p.Records = make([]stitch.Record, 0, n+1)
	x, y, dir, changes := 0.0, 0.0, 1.0, 0
	for i := 0; len(p.Records) < n-1; i++ {
		switch {
		case i > 0 && i%(n/4) == 0 && changes < len(p.Threads)-1:
			changes++
			p.Records = append(p.Records, stitch.Record{X: x, Y: y, Cmd: stitch.ColorChange})
		case i%500 == 499:
			p.Records = append(p.Records, stitch.Record{X: x, Y: y, Cmd: stitch.Trim})
			y = math.Mod(y+5, 140)
			p.Records = append(p.Records, stitch.Record{X: x, Y: y, Cmd: stitch.Jump})
		default:
			x += dir * 2.5
			if x >= 100 || x <= 0 {
				dir = -dir
				y = math.Mod(y+0.25, 140)
			}
			p.Records = append(p.Records, stitch.Record{X: x, Y: y, Cmd: stitch.Stitch})
		}
	}
	p.Records = append(p.Records, stitch.Record{X: x, Y: y, Cmd: stitch.End})
	return p
}

// BenchmarkScaleCodec: PES v6 and DST encode and decode of 1× to 10× the
// stitch records of the corpus's largest file (8,285 → 82,850). One pass
// over the records each way (split, grid, palette, records, thumbnails):
// O(n).
func BenchmarkScaleCodec(b *testing.B) {
	type codec struct {
		name string
		enc  func(*bytes.Buffer, *stitch.Pattern) error
		dec  func([]byte) (*stitch.Pattern, error)
	}
	for _, c := range []codec{
		{"pes", func(w *bytes.Buffer, p *stitch.Pattern) error { return pes.Encode(w, p, pes.EncodeOptions{Version: 6}) },
			func(d []byte) (*stitch.Pattern, error) { return pes.Decode(bytes.NewReader(d)) }},
		{"dst", func(w *bytes.Buffer, p *stitch.Pattern) error { return dst.Encode(w, p, dst.EncodeOptions{}) },
			func(d []byte) (*stitch.Pattern, error) { return dst.Decode(bytes.NewReader(d)) }},
	} {
		b.Run(c.name+"-encode", func(b *testing.B) {
			eachScale(b, corpusStitches, func(b *testing.B, n int) (func() error, func(*testing.B)) {
				p := zigzag(n)
				var buf bytes.Buffer
				return func() error {
						buf.Reset()
						return c.enc(&buf, p)
					}, func(b *testing.B) {
						b.SetBytes(int64(buf.Len()))
					}
			})
		})
		b.Run(c.name+"-decode", func(b *testing.B) {
			eachScale(b, corpusStitches, func(b *testing.B, n int) (func() error, func(*testing.B)) {
				var buf bytes.Buffer
				if err := c.enc(&buf, zigzag(n)); err != nil {
					b.Fatal(err)
				}
				data := buf.Bytes()
				b.SetBytes(int64(len(data)))
				var recs int
				return func() error {
						p, err := c.dec(data)
						if err == nil {
							recs = len(p.Records)
						}
						return err
					}, func(b *testing.B) {
						if recs < n {
							b.Fatalf("%d records decoded of %d", recs, n)
						}
					}
			})
		})
	}
}
