package stitch

import (
	"testing"

	"github.com/usinette/usinette/vector"
)

// Test helpers shared with the external test package (stitch_test), which
// may import pes (pes imports stitch).
var (
	TestShapes     = testShapes
	Square100Holes = square100Holes
)

// CorpusDesign is one of the corpus SVGs the tests plan.
type CorpusDesign struct{ Name, Path string }

// CorpusDesigns lists them.
func CorpusDesigns() []CorpusDesign {
	var out []CorpusDesign
	for _, d := range corpusDesigns {
		out = append(out, CorpusDesign{d.name, d.path})
	}
	return out
}

// ReadCorpusDesign reads design i of CorpusDesigns (every layer shown).
func ReadCorpusDesign(tb testing.TB, i int) *vector.Document {
	d := corpusDesigns[i]
	return readCorpusSVG(tb, d.path, d.showHidden)
}
