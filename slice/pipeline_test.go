package slice_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
	"github.com/usinette/usinette/slice"
)

func ExampleWriteGCode() {
	sq := func(x0, y0, x1, y1 int64) []slice.Extrusion {
		return []slice.Extrusion{{Role: slice.ExternalPerimeter, Width: 0.45, Closed: true,
			Points: geom.Path{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}}}
	}
	layers := []slice.Layer{
		{Index: 0, Z: 0.2, Height: 0.2, Paths: sq(115000, 95000, 135000, 115000)},
		{Index: 1, Z: 0.4, Height: 0.2, Paths: sq(115000, 95000, 135000, 115000)},
	}
	st, err := slice.WriteGCode(context.Background(), io.Discard, layers, slice.Default(), slice.GCodeOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d layers, %.1f mm of filament\n", st.Layers, st.FilamentMM)
	// Output:
	// 2 layers, 5.4 mm of filament
}

func TestRunRefusesTooBig(t *testing.T) {
	m := &mesh.Mesh{
		Vertices:  []mesh.Vec3{{X: 0, Y: 0, Z: 0}, {X: 300, Y: 0, Z: 0}, {X: 0, Y: 10, Z: 0}, {X: 0, Y: 0, Z: 10}},
		Triangles: [][3]uint32{{0, 2, 1}, {0, 1, 3}, {0, 3, 2}, {1, 2, 3}},
	}
	_, err := slice.Run(context.Background(), m, mesh.Repairs{}, io.Discard, slice.Default(), slice.RunOptions{})
	if !errors.Is(err, mesh.ErrTooLarge) {
		t.Fatalf("300 mm model: %v, want ErrTooLarge", err)
	}
	for _, want := range []string{"300.0", "250"} {
		if !bytes.Contains([]byte(err.Error()), []byte(want)) {
			t.Errorf("error %q does not give %s", err, want)
		}
	}
}

func TestRunScaleRotate(t *testing.T) {
	path := corpus.Path(t, "stl/cube20_scad.stl")
	cfg := slice.Default()
	sum, err := slice.File(context.Background(), path, io.Discard, cfg, slice.RunOptions{Scale: 0.5, RotateZ: 45})
	if err != nil {
		t.Fatal(err)
	}
	b := sum.BoundsMM
	// A 10 mm cube turned 45°: 14.142 mm across, centred on the bed.
	w := b.MaxX - b.MinX
	if w < 14.1 || w > 14.2 || b.MaxZ < 9.99 || b.MaxZ > 10.01 || b.MinZ != 0 {
		t.Errorf("bounds %+v", b)
	}
	if cx := (b.MinX + b.MaxX) / 2; cx < 124.99 || cx > 125.01 {
		t.Errorf("centre x %.3f, want 125", cx)
	}
	if sum.Layers != 50 {
		t.Errorf("%d layers for a 10 mm cube, want 50", sum.Layers)
	}
}

func loadBenchy(b *testing.B) []byte {
	data, err := os.ReadFile(corpus.Path(b, "stl/3DBenchy.stl"))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkBenchyPipeline is the whole job on 3DBenchy: STL bytes to G-code
// bytes (decode, weld and repair, place, slice, plan, write).
func BenchmarkBenchyPipeline(b *testing.B) {
	data := loadBenchy(b)
	cfg := slice.Default()
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	var tris int
	for b.Loop() {
		soup, err := stl.DecodeBytes(data)
		if err != nil {
			b.Fatal(err)
		}
		m, rep, err := mesh.FromTriangles(soup.Triangles, mesh.Options{})
		if err != nil {
			b.Fatal(err)
		}
		tris = len(soup.Triangles)
		if _, err := slice.Run(context.Background(), m, rep, io.Discard, cfg, slice.RunOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(tris)*float64(b.N)/b.Elapsed().Seconds(), "triangles/s")
}

// BenchmarkBenchyWriteGCode times only the G-code writing of 3DBenchy's
// sliced layers, in MB/s of G-code.
func BenchmarkBenchyWriteGCode(b *testing.B) {
	m, _, err := stl.ReadMesh(corpus.Path(b, "stl/3DBenchy.stl"), mesh.Options{})
	if err != nil {
		b.Fatal(err)
	}
	cfg := slice.Default()
	m.Place(cfg.BedWidth, cfg.BedDepth)
	res, err := slice.Slice(context.Background(), m, cfg, slice.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var n int64
	for b.Loop() {
		st, err := slice.WriteGCode(context.Background(), io.Discard, res.Layers, cfg, slice.GCodeOptions{})
		if err != nil {
			b.Fatal(err)
		}
		n = st.Bytes
	}
	b.SetBytes(n)
}
