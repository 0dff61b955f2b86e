package slice

import (
	"context"
	"math"
	"runtime"
	"testing"

	"github.com/usinette/usinette/mesh"
)

// runStage slices m up to the given stage (stageAll: everything).
func runStage(b *testing.B, m *mesh.Mesh, stage int) {
	b.Helper()
	cfg := Default()
	if err := checkConfig(&cfg); err != nil {
		b.Fatal(err)
	}
	s := &slicer{ctx: context.Background(), cfg: cfg, workers: runtime.GOMAXPROCS(0), res: resBench, stop: stage}
	if _, err := s.run(m); err != nil {
		b.Fatal(err)
	}
}

func benchStages(b *testing.B, m *mesh.Mesh) {
	for _, st := range []struct {
		name  string
		stage int
	}{{"contours", stageContours}, {"perimeters", stagePerimeters}, {"classify", stageClassify}, {"all", stageAll}} {
		b.Run(st.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				runStage(b, m, st.stage)
			}
			b.ReportMetric(float64(len(m.Triangles))*float64(b.N)/b.Elapsed().Seconds(), "triangles/s")
		})
	}
}

// Each benchmark times the pipeline up to a stage: contours (sections and
// unions), perimeters (+ loops, thin parts, infill areas), classify (+ solid
// / sparse / bridge areas), all (+ infill lines, ordering, skirt).
func BenchmarkSliceBenchy(b *testing.B) { benchStages(b, loadPlaced(b, "3DBenchy.stl")) }
func BenchmarkSliceBunny(b *testing.B)  { benchStages(b, loadPlaced(b, "stanford_bunny.stl")) }
func BenchmarkSliceTorus(b *testing.B)  { benchStages(b, loadPlaced(b, "torus.stl")) }

// BenchmarkSliceSphere1M slices a generated 40 mm UV sphere of about one
// million triangles.
func BenchmarkSliceSphere1M(b *testing.B) { benchStages(b, uvSphere(20, 500, 1000)) }

// uvSphere is a closed UV sphere of radius r mm on the bed centre: rings
// latitude bands, segs meridians, 2·segs·(rings−1) triangles.
func uvSphere(r float64, rings, segs int) *mesh.Mesh {
	m := &mesh.Mesh{}
	cx, cy := 125.0, 105.0
	m.Vertices = append(m.Vertices, mesh.Vec3{X: float32(cx), Y: float32(cy), Z: 0})
	for i := 1; i < rings; i++ {
		phi := math.Pi * float64(i) / float64(rings)
		for j := range segs {
			th := 2 * math.Pi * float64(j) / float64(segs)
			m.Vertices = append(m.Vertices, mesh.Vec3{
				X: float32(cx + r*math.Sin(phi)*math.Cos(th)),
				Y: float32(cy + r*math.Sin(phi)*math.Sin(th)),
				Z: float32(r - r*math.Cos(phi)),
			})
		}
	}
	top := uint32(len(m.Vertices))
	m.Vertices = append(m.Vertices, mesh.Vec3{X: float32(cx), Y: float32(cy), Z: float32(2 * r)})
	ring := func(i, j int) uint32 { return uint32(1 + (i-1)*segs + (j+segs)%segs) }
	for j := range segs {
		m.Triangles = append(m.Triangles, [3]uint32{0, ring(1, j+1), ring(1, j)})
		m.Triangles = append(m.Triangles, [3]uint32{top, ring(rings-1, j), ring(rings-1, j+1)})
	}
	for i := 1; i < rings-1; i++ {
		for j := range segs {
			a, b, c, d := ring(i, j), ring(i, j+1), ring(i+1, j), ring(i+1, j+1)
			m.Triangles = append(m.Triangles, [3]uint32{a, b, d}, [3]uint32{a, d, c})
		}
	}
	return m
}

// TestUVSphereSection checks the generated sphere used by the benchmark:
// its equator section is the regular 1000-gon of radius 20.
func TestUVSphereSection(t *testing.T) {
	m := uvSphere(20, 40, 1000)
	r := sliceOrFail(t, m, Default())
	if len(r.Layers) != 200 {
		t.Fatalf("%d layers, want 200", len(r.Layers))
	}
	if r.Repairs.BoundaryEdges != 0 || r.Repairs.OpenChains != 0 {
		t.Fatalf("generated sphere not closed: %+v", r.Repairs)
	}
}

// resBench is the contour resolution the stage benchmarks use (Slice's
// default).
const resBench = 25
