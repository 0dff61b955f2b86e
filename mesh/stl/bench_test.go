package stl

import (
	"os"
	"path/filepath"
	"testing"

	hstl "github.com/hschendel/stl"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh"
)

func benchDecode(b *testing.B, rel string) {
	data, err := os.ReadFile(corpus.Path(b, rel))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeBytes(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeBinary: 3DBenchy, 11 MB binary, from memory.
func BenchmarkDecodeBinary(b *testing.B) { benchDecode(b, "stl/3DBenchy.stl") }

// BenchmarkDecodeASCII: sphere_fn200, 7.8 MB ASCII as OpenSCAD writes it.
func BenchmarkDecodeASCII(b *testing.B) { benchDecode(b, "stl/sphere_fn200.stl") }

// BenchmarkReadFileBinary includes os.ReadFile from the page cache.
func BenchmarkReadFileBinary(b *testing.B) {
	p := corpus.Path(b, "stl/3DBenchy.stl")
	st, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadFile(p); err != nil {
			b.Fatal(err)
		}
	}
}

// The same files through github.com/hschendel/stl, for comparison.
func BenchmarkHschendel(b *testing.B) {
	for _, name := range []string{"3DBenchy.stl", "sphere_fn200.stl"} {
		b.Run(name, func(b *testing.B) {
			p := filepath.Join(corpus.Dir(b), "stl", name)
			st, err := os.Stat(p)
			if err != nil {
				b.Skip(err)
			}
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				if _, err := hstl.ReadFile(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReadMesh: read, decode, weld and check 3DBenchy (225,154 facets).
func BenchmarkReadMesh(b *testing.B) {
	p := corpus.Path(b, "stl/3DBenchy.stl")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ReadMesh(p, mesh.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(225154*float64(b.N)/b.Elapsed().Seconds(), "triangles/s")
}
