package vector

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// BenchmarkStencilFonts reads the 1,219-glyph silhouette_stencil-free-fonts.svg,
// plans the cut and writes it as GPGL.
func BenchmarkStencilFonts(b *testing.B) {
	data, err := os.ReadFile(corpus.Path(b, "svg/silhouette_stencil-free-fonts.svg"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		doc, err := Read(bytes.NewReader(data), ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		plan, err := PlanCut(context.Background(), doc.Shapes, PlanOptions{Overcut: 1})
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteGPGL(io.Discard, plan, GPGLOptions{FirmwareOffset: true}); err != nil {
			b.Fatal(err)
		}
	}
}

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
