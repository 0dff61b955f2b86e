package slice

import (
	"context"
	"testing"

	"github.com/usinette/usinette/internal/mesh"
)

func benchSlice(b *testing.B, m *mesh.Mesh) {
	cfg := Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Slice(context.Background(), m, cfg, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(m.Triangles))*float64(b.N)/b.Elapsed().Seconds(), "triangles/s")
}

func BenchmarkSliceBenchy(b *testing.B) { benchSlice(b, loadPlaced(b, "3DBenchy.stl")) }
func BenchmarkSliceBunny(b *testing.B)  { benchSlice(b, loadPlaced(b, "stanford_bunny.stl")) }
func BenchmarkSliceTorus(b *testing.B)  { benchSlice(b, loadPlaced(b, "torus.stl")) }
func BenchmarkSliceSphere(b *testing.B) { benchSlice(b, loadPlaced(b, "sphere_fn200.stl")) }
