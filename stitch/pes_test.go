package stitch_test

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/usinette/usinette/pes"
	"github.com/usinette/usinette/stitch"
	"github.com/usinette/usinette/vector"
)

// stitchSeq is the sequence of stitch positions on the 0.1 mm grid, with
// repeats removed.
func stitchSeq(p *stitch.Pattern) [][2]int {
	var out [][2]int
	for _, r := range p.Records {
		if r.Cmd != stitch.Stitch {
			continue
		}
		q := [2]int{int(math.RoundToEven(r.X * 10)), int(math.RoundToEven(r.Y * 10))}
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	return out
}

// count counts the gaps between stitches that hold at least one c record
// (the PEC format flags each jump of a split jump as trimmed, so a decoded
// pattern may repeat a Trim within one gap).
func count(p *stitch.Pattern, c stitch.Command) int {
	n := 0
	seen := false
	for _, r := range p.Records {
		switch {
		case r.Cmd == stitch.Stitch:
			seen = false
		case r.Cmd == c && !seen:
			n++
			seen = true
		}
	}
	return n
}

// checkPESRoundTrip writes the plan as PES v1 and v6, decodes it with the
// pes reader (checked against Brother's and Ink/Stitch's files) and checks
// the stitches are the planned ones, inside the 870SE field, none longer
// than 12.1 mm.
func checkPESRoundTrip(t *testing.T, name string, pat *stitch.Pattern) {
	t.Helper()
	want := stitchSeq(pat)
	for _, v := range []int{1, 6} {
		var buf bytes.Buffer
		if err := pes.Encode(&buf, pat, pes.EncodeOptions{Version: v, Name: name}); err != nil {
			t.Fatalf("%s v%d: %v", name, v, err)
		}
		got, err := pes.Decode(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("%s v%d: decode: %v", name, v, err)
		}
		gs := stitchSeq(got)
		// The planned stitches, in order, are among the decoded ones; the
		// writer may only add points on the way (splits after rounding).
		j := 0
		for _, q := range gs {
			if j < len(want) && q == want[j] {
				j++
			}
		}
		if j != len(want) {
			t.Errorf("%s v%d: only %d of %d planned stitches decoded in order", name, v, j, len(want))
		}
		if extra := len(gs) - len(want); float64(extra) > 0.01*float64(len(want))+2 {
			t.Errorf("%s v%d: %d stitches decoded for %d planned", name, v, len(gs), len(want))
		}
		for _, c := range []stitch.Command{stitch.Trim, stitch.ColorChange} {
			if a, b := count(pat, c), count(got, c); a != b {
				t.Errorf("%s v%d: %d %s planned, %d decoded", name, v, a, c, b)
			}
		}
		st := stitch.Measure(got)
		if st.MinX < -130 || st.MaxX > 130 || st.MinY < -80 || st.MaxY > 80 {
			t.Errorf("%s v%d: outside the 260×160 field: %.1f..%.1f × %.1f..%.1f", name, v, st.MinX, st.MaxX, st.MinY, st.MaxY)
		}
		if st.LongestStitch > stitch.DefaultMaxStitch+1e-9 {
			t.Errorf("%s v%d: longest stitch %.2f mm", name, v, st.LongestStitch)
		}
		if v == 1 {
			t.Logf("%s: %d stitches, %d trims, %d colours, %.1f×%.1f mm, longest %.2f mm, %d bytes",
				name, st.Stitches, st.Trims, st.Colors, st.Width, st.Height, st.LongestStitch, buf.Len())
		}
	}
}

func TestPESRoundTrip(t *testing.T) {
	designs := map[string][]vector.Shape{
		"test-shapes":  stitch.TestShapes(),
		"square-holes": stitch.Square100Holes(),
	}
	for name, shapes := range designs {
		t.Run(name, func(t *testing.T) {
			pat, _, err := stitch.PlanShapes(context.Background(), shapes, stitch.Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkPESRoundTrip(t, name, pat)
		})
	}
}

// TestPESRoundTripCorpus: the PES of each corpus design decodes to the
// planned stitches.
func TestPESRoundTripCorpus(t *testing.T) {
	for i, d := range stitch.CorpusDesigns() {
		t.Run(d.Name, func(t *testing.T) {
			doc := stitch.ReadCorpusDesign(t, i)
			pat, _, err := stitch.Plan(context.Background(), doc, stitch.Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkPESRoundTrip(t, d.Name, pat)
		})
	}
}

// BenchmarkPlanAndPESOwnSticker plans the whole own_sticker.svg (read once)
// and writes it as PES.
func BenchmarkPlanAndPESOwnSticker(b *testing.B) {
	doc := stitch.ReadCorpusDesign(b, 0)
	b.ReportAllocs()
	for b.Loop() {
		pat, _, err := stitch.Plan(context.Background(), doc, stitch.Options{})
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := pes.Encode(&buf, pat, pes.EncodeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPlanAndPESSquareHoles(b *testing.B) {
	shapes := stitch.Square100Holes()
	b.ReportAllocs()
	for b.Loop() {
		pat, _, err := stitch.PlanShapes(context.Background(), shapes, stitch.Options{})
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := pes.Encode(&buf, pat, pes.EncodeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
