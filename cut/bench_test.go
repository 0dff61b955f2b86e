package cut

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/vector"
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
		doc, err := vector.Read(bytes.NewReader(data), vector.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		plan, err := NewPlan(context.Background(), doc.Shapes, PlanOptions{Overcut: 1})
		if err != nil {
			b.Fatal(err)
		}
		if err := (GPGL{FirmwareOffset: true}).Write(io.Discard, plan); err != nil {
			b.Fatal(err)
		}
	}
}
