package stitch

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/vector"
)

// corpusDesigns are the SVGs the coverage and round-trip tests plan. The
// Ink/Stitch font files keep one glyph per layer, hidden: the tests show
// every layer so that every glyph is planned.
var corpusDesigns = []struct {
	name, path string
	showHidden bool
}{
	{"own_sticker", "svg/own_sticker.svg", false},
	{"infinipicto", "pes/samples/inkstitch-fonts/infinipicto/glyphs_ltr.svg", true},
	{"sacramarif", "pes/samples/inkstitch-fonts/sacramarif/glyphs_ltr.svg", true},
}

func readCorpusSVG(tb testing.TB, rel string, showHidden bool) *vector.Document {
	tb.Helper()
	b, err := os.ReadFile(corpus.Path(tb, rel))
	if err != nil {
		tb.Fatal(err)
	}
	if showHidden {
		b = bytes.ReplaceAll(b, []byte("display:none"), []byte("display:inline"))
	}
	doc, err := vector.Read(bytes.NewReader(b), vector.ReadOptions{Name: rel})
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// TestCorpusCoverage: drawing every stitch of each fill as a 0.4 mm thread
// on a 0.05 mm raster covers >= 95% of the fill and puts <= 2% of the
// thread more than 0.5 mm outside it (pull compensation off); and no
// single stitch of a fill strays more than 0.5 mm outside.
func TestCorpusCoverage(t *testing.T) {
	for _, d := range corpusDesigns {
		t.Run(d.name, func(t *testing.T) {
			doc := readCorpusSVG(t, d.path, d.showHidden)
			pat, rep, err := Plan(context.Background(), doc, Options{NoPullCompensation: true, HoopWidth: 1000, HoopHeight: 1000})
			if err != nil {
				t.Fatal(err)
			}
			fills := 0
			worstCov, worstOut := 1.0, 0.0
			for _, e := range rep.Elements {
				if e.Kind != KindFill {
					continue
				}
				fills++
				s := doc.Shapes[e.Shape]
				var rings [][]pt
				for _, sp := range s.Subpaths {
					rings = append(rings, sp.Points)
				}
				rs := newRaster(rings, s.FillRule, 2, 0.5)
				recs := pat.Records[e.First:e.End]
				rs.records(recs, rep.OffsetX, rep.OffsetY)
				cov, out := rs.coverage()
				worstCov, worstOut = min(worstCov, cov), max(worstOut, out)
				if cov < 0.95 || out > 0.02 {
					t.Errorf("%s (shape %d): covered %.2f%%, outside %.2f%%; want >= 95%% and <= 2%%", e.ID, e.Shape, 100*cov, 100*out)
				}
				if n, w := rs.strayStitches(recs, rep.OffsetX, rep.OffsetY); n > 0 {
					t.Errorf("%s (shape %d): %d stitches stray more than 0.5 mm outside, e.g. %v", e.ID, e.Shape, n, w)
				}
			}
			t.Logf("%d fills, worst coverage %.2f%%, worst outside %.3f%%", fills, 100*worstCov, 100*worstOut)
			if fills == 0 && d.name != "sacramarif" {
				t.Error("no fill planned")
			}
		})
	}
}

// TestCorpusSatinInsideColumn: every satin of the font (pull compensation
// off) stays within 0.5 mm of the column between its rails.
func TestCorpusSatinInsideColumn(t *testing.T) {
	doc := readCorpusSVG(t, corpusDesigns[1].path, true)
	pat, rep, err := Plan(context.Background(), doc, Options{NoPullCompensation: true, HoopWidth: 1000, HoopHeight: 1000})
	if err != nil {
		t.Fatal(err)
	}
	satins := 0
	for _, e := range rep.Elements {
		s := doc.Shapes[e.Shape]
		if e.Kind != KindSatin || len(s.Subpaths) < 2 {
			continue
		}
		satins++
		var paths [][]pt
		for _, sp := range s.Subpaths {
			paths = append(paths, subpathPoints(sp))
		}
		// The two longest subpaths are the rails; the column is the ring
		// along one and back along the other.
		sortByLength(paths)
		a, b := paths[0], paths[1]
		if a[0].Dist(b[len(b)-1])+a[len(a)-1].Dist(b[0]) < a[0].Dist(b[0])+a[len(a)-1].Dist(b[len(b)-1]) {
			b = reversed(b)
		}
		ring := append(append([]pt(nil), a...), reversed(b)...)
		rs := newRaster([][]pt{ring}, vector.NonZero, 2, 0.5)
		recs := pat.Records[e.First:e.End]
		if n, w := rs.strayStitches(recs, rep.OffsetX, rep.OffsetY); n > 0 {
			t.Errorf("%s: %d satin stitches stray more than 0.5 mm outside the column, e.g. %v", e.ID, n, w)
		}
		rs.records(recs, rep.OffsetX, rep.OffsetY)
		if cov, _ := rs.coverage(); cov < 0.95 {
			t.Errorf("%s: satin covers %.1f%% of its column", e.ID, 100*cov)
		}
	}
	if satins == 0 {
		t.Fatal("no satin column planned")
	}
	t.Logf("%d satin columns checked", satins)
}

func sortByLength(p [][]pt) {
	for i := 1; i < len(p); i++ {
		for j := i; j > 0 && vector.PolyLength(p[j]) > vector.PolyLength(p[j-1]); j-- {
			p[j], p[j-1] = p[j-1], p[j]
		}
	}
}
