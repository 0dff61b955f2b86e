package threemf

import (
	"bytes"
	"os"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// BenchmarkDecodeBenchy decodes PrusaSlicer's 3MF of 3DBenchy (225k
// triangles, 2.4 MB zipped, 15 MB of XML).
func BenchmarkDecodeBenchy(b *testing.B) {
	p, ok := corpus.PrusaExport(b, ".3mf", []string{"--export-3mf"}, corpus.Path(b, "stl/3DBenchy.stl"))
	if !ok {
		b.Skip("prusa-slicer not installed")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(data), int64(len(data))); err != nil {
			b.Fatal(err)
		}
	}
}
