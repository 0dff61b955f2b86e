package vector

import (
	"bytes"
	"os"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// BenchmarkRead is the reader alone on the same file.
func BenchmarkRead(b *testing.B) {
	data, err := os.ReadFile(corpus.Path(b, "svg/silhouette_stencil-free-fonts.svg"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), ReadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
