package benchmarks

import (
	"bytes"
	"context"
	"io"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
	"github.com/usinette/usinette/slice"
)

// input is one benchmark model as STL bytes, built once per test process.
type input struct {
	name   string
	corpus string // corpus file, or "" for a generated model
	gen    func() *mesh.Mesh

	once sync.Once
	data []byte
	err  error
}

func inputs() []*input {
	var in []*input
	for _, m := range Generated() {
		if m.Name == "example" {
			continue
		}
		in = append(in, &input{name: m.Name, gen: m.Make})
	}
	for _, f := range []string{"3DBenchy", "stanford_bunny", "sphere_fn200"} {
		in = append(in, &input{name: f, corpus: "stl/" + f + ".stl"})
	}
	return in
}

var models = inputs()

// stlBytes returns the model's STL file: the corpus file, or the generated
// mesh placed on the bed and written as binary STL.
func (in *input) stlBytes(b *testing.B) []byte {
	b.Helper()
	if in.corpus != "" {
		p := corpus.Path(b, in.corpus)
		in.once.Do(func() { in.data, in.err = os.ReadFile(p) })
	} else {
		in.once.Do(func() {
			m := in.gen()
			m.Place(250, 210)
			var buf bytes.Buffer
			in.err = stl.Write(&buf, m, in.name)
			in.data = buf.Bytes()
		})
	}
	if in.err != nil {
		b.Fatal(in.err)
	}
	return in.data
}

// placed reads, welds and places the model as `usinette slice` does.
func (in *input) placed(b *testing.B) (*mesh.Mesh, int) {
	b.Helper()
	soup, err := stl.DecodeBytes(in.stlBytes(b))
	if err != nil {
		b.Fatal(err)
	}
	m, _, err := mesh.FromTriangles(soup.Triangles, mesh.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m.Place(250, 210)
	return m, len(soup.Triangles)
}

func each(b *testing.B, fn func(b *testing.B, in *input)) {
	for _, in := range models {
		b.Run(in.name, func(b *testing.B) { fn(b, in) })
	}
}

func BenchmarkReadSTL(b *testing.B) {
	each(b, func(b *testing.B, in *input) {
		data := in.stlBytes(b)
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := stl.DecodeBytes(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkWeld(b *testing.B) {
	each(b, func(b *testing.B, in *input) {
		soup, err := stl.DecodeBytes(in.stlBytes(b))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := mesh.FromTriangles(soup.Triangles, mesh.Options{}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(soup.Triangles))*float64(b.N)/b.Elapsed().Seconds(), "triangles/s")
	})
}

func BenchmarkSlice(b *testing.B) {
	each(b, func(b *testing.B, in *input) {
		m, _ := in.placed(b)
		cfg := slice.Default()
		var sum [4]time.Duration
		layers := 0
		b.ReportAllocs()
		for b.Loop() {
			res, err := slice.Slice(context.Background(), m, cfg, slice.Options{})
			if err != nil {
				b.Fatal(err)
			}
			layers = len(res.Layers)
			st := res.Stages
			sum[0], sum[1], sum[2], sum[3] = sum[0]+st.Contours, sum[1]+st.Perimeters, sum[2]+st.Classify, sum[3]+st.Infill
		}
		// work time summed over the workers (see slice.StageTimes)
		n := float64(b.N)
		b.ReportMetric(float64(sum[0].Nanoseconds())/n, "contour-work-ns/op")
		b.ReportMetric(float64(sum[1].Nanoseconds())/n, "perimeter-work-ns/op")
		b.ReportMetric(float64(sum[2].Nanoseconds())/n, "classify-work-ns/op")
		b.ReportMetric(float64(sum[3].Nanoseconds())/n, "infill-work-ns/op")
		b.ReportMetric(float64(len(m.Triangles))*n/b.Elapsed().Seconds(), "triangles/s")
		b.ReportMetric(float64(layers)*n/b.Elapsed().Seconds(), "layers/s")
	})
}

func BenchmarkGCode(b *testing.B) {
	each(b, func(b *testing.B, in *input) {
		m, _ := in.placed(b)
		cfg := slice.Default()
		res, err := slice.Slice(context.Background(), m, cfg, slice.Options{})
		if err != nil {
			b.Fatal(err)
		}
		var size int64
		b.ReportAllocs()
		for b.Loop() {
			st, err := slice.WriteGCode(context.Background(), io.Discard, res.Layers, cfg, slice.GCodeOptions{Name: in.name})
			if err != nil {
				b.Fatal(err)
			}
			size = st.Bytes
		}
		b.SetBytes(size)
	})
}

// pipeline is the whole job of `usinette slice model.stl`: decode, weld and
// repair, place, slice, write G-code (to io.Discard; the CLI writes to a
// temporary file and renames it).
func pipeline(ctx context.Context, data []byte, w io.Writer) (layers int, err error) {
	soup, err := stl.DecodeBytes(data)
	if err != nil {
		return 0, err
	}
	m, _, err := mesh.FromTrianglesContext(ctx, soup.Triangles, mesh.Options{})
	if err != nil {
		return 0, err
	}
	m.Place(250, 210)
	if err := m.Fit(mesh.MK3SBed()); err != nil {
		return 0, err
	}
	cfg := slice.Default()
	res, err := slice.Slice(ctx, m, cfg, slice.Options{})
	if err != nil {
		return 0, err
	}
	st, err := slice.WriteGCode(ctx, w, res.Layers, cfg, slice.GCodeOptions{})
	return st.Layers, err
}

func BenchmarkPipeline(b *testing.B) {
	each(b, func(b *testing.B, in *input) {
		data := in.stlBytes(b)
		soup, err := stl.DecodeBytes(data)
		if err != nil {
			b.Fatal(err)
		}
		tris := len(soup.Triangles)
		layers := 0
		b.ReportAllocs()
		for b.Loop() {
			layers, err = pipeline(context.Background(), data, io.Discard)
			if err != nil {
				b.Fatal(err)
			}
		}
		n := float64(b.N)
		b.ReportMetric(float64(tris)*n/b.Elapsed().Seconds(), "triangles/s")
		b.ReportMetric(float64(layers)*n/b.Elapsed().Seconds(), "layers/s")
	})
}
