package stitch_test

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/usinette/usinette/pes"
	"github.com/usinette/usinette/stitch"
	"github.com/usinette/usinette/vector"
)

// The fill methods, auto-satin and notes are checked on what pyembroidery
// (vendored under pes/testdata, MIT, tests only) reads back from our PES
// files: an independent decoder, not ours.

// flPyDecode writes the pattern as PES v1 and returns pyembroidery's
// records, translated so that the first needle-down is where the
// pattern's is (PEC streams start from their own origin).
func flPyDecode(t *testing.T, pat *stitch.Pattern) []pyRecord {
	t.Helper()
	path := filepath.Join(t.TempDir(), "design.pes")
	var buf bytes.Buffer
	if err := pes.Encode(&buf, pat, pes.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	recs := readWithPyembroidery(t, path)
	var ours, theirs *pyRecord
	for _, r := range pat.Records {
		if r.Cmd == stitch.Stitch {
			ours = &pyRecord{r.X, r.Y, "STITCH"}
			break
		}
	}
	for i := range recs {
		if recs[i].Cmd == "STITCH" {
			theirs = &recs[i]
			break
		}
	}
	if ours == nil || theirs == nil {
		t.Fatalf("no needle-down: ours %v, pyembroidery %v", ours, theirs)
	}
	dx, dy := ours.X-theirs.X, ours.Y-theirs.Y
	for i := range recs {
		recs[i].X += dx
		recs[i].Y += dy
	}
	return recs
}

// flSeg is one sewn stitch: from one needle-down to the next with no jump,
// trim or colour change between.
type flSeg struct{ a, b vector.Point }

func flSewn(recs []pyRecord) []flSeg {
	var out []flSeg
	var prev *vector.Point
	for _, r := range recs {
		p := vector.Point{X: r.X, Y: r.Y}
		switch r.Cmd {
		case "STITCH":
			if prev != nil && prev.Dist(p) > 1e-9 {
				out = append(out, flSeg{*prev, p})
			}
			prev = &p
		default:
			prev = nil
		}
	}
	return out
}

// flCount counts the records of a kind after the first needle-down (a PEC
// stream opens with moves to its start, which pyembroidery reads as jumps).
func flCount(recs []pyRecord, cmd string) int {
	n := 0
	started := false
	for _, r := range recs {
		started = started || r.Cmd == "STITCH"
		if started && r.Cmd == cmd {
			n++
		}
	}
	return n
}

func flLongest(ss []flSeg) float64 {
	m := 0.0
	for _, s := range ss {
		m = math.Max(m, s.a.Dist(s.b))
	}
	return m
}

// coverage is the share of the region (rings, even-odd) whose points lie
// within r of a sewn stitch, sampled on a grid of step mm.
func flCoverage(rings [][]vector.Point, ss []flSeg, r, step float64) float64 {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, ring := range rings {
		for _, q := range ring {
			minX, minY = math.Min(minX, q.X), math.Min(minY, q.Y)
			maxX, maxY = math.Max(maxX, q.X), math.Max(maxY, q.Y)
		}
	}
	// bucket the stitches on a grid of cell r
	type key struct{ i, j int }
	cells := map[key][]int{}
	for n, s := range ss {
		i0, i1 := int(math.Floor(math.Min(s.a.X, s.b.X)/r)), int(math.Floor(math.Max(s.a.X, s.b.X)/r))
		j0, j1 := int(math.Floor(math.Min(s.a.Y, s.b.Y)/r)), int(math.Floor(math.Max(s.a.Y, s.b.Y)/r))
		for i := i0; i <= i1; i++ {
			for j := j0; j <= j1; j++ {
				cells[key{i, j}] = append(cells[key{i, j}], n)
			}
		}
	}
	in, near := 0, 0
	for y := minY + step/2; y < maxY; y += step {
		for x := minX + step/2; x < maxX; x += step {
			p := vector.Point{X: x, Y: y}
			if !flInside(rings, p) {
				continue
			}
			in++
			ci, cj := int(math.Floor(x/r)), int(math.Floor(y/r))
			found := false
			for i := ci - 1; i <= ci+1 && !found; i++ {
				for j := cj - 1; j <= cj+1 && !found; j++ {
					for _, n := range cells[key{i, j}] {
						if p.SegDist(ss[n].a, ss[n].b) <= r {
							found = true
							break
						}
					}
				}
			}
			if found {
				near++
			}
		}
	}
	if in == 0 {
		return 0
	}
	return float64(near) / float64(in)
}

func flInside(rings [][]vector.Point, p vector.Point) bool {
	in := false
	for _, r := range rings {
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			if (a.Y <= p.Y) != (b.Y <= p.Y) && a.X+(p.Y-a.Y)*(b.X-a.X)/(b.Y-a.Y) > p.X {
				in = !in
			}
		}
	}
	return in
}

// crossings returns the sorted positions along y where sewn stitches cross
// the vertical line x, between y0 and y1 (each stitch lying along the line
// is left out).
func flCrossings(ss []flSeg, x, y0, y1 float64) []float64 {
	var ys []float64
	for _, s := range ss {
		if (s.a.X < x) == (s.b.X < x) || s.a.X == s.b.X {
			continue
		}
		y := s.a.Y + (x-s.a.X)*(s.b.Y-s.a.Y)/(s.b.X-s.a.X)
		if y >= y0 && y <= y1 {
			ys = append(ys, y)
		}
	}
	sort.Float64s(ys)
	// one row sewn over by travel, or crossed twice by a ring's step,
	// counts once
	var out []float64
	for _, y := range ys {
		if len(out) == 0 || y-out[len(out)-1] > 0.05 {
			out = append(out, y)
		}
	}
	return out
}

// planSVG reads an SVG document and plans it.
func flPlanSVG(t *testing.T, svg string, opts stitch.Options) (*vector.Document, *stitch.Pattern, stitch.Report) {
	t.Helper()
	doc, err := vector.Read(strings.NewReader(svg), vector.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pat, rep, err := stitch.Plan(context.Background(), doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	return doc, pat, rep
}

// toPattern moves page rings into the pattern's frame.
func flToPattern(rings [][]vector.Point, rep stitch.Report) [][]vector.Point {
	out := make([][]vector.Point, len(rings))
	for i, r := range rings {
		for _, q := range r {
			out[i] = append(out[i], vector.Point{X: q.X + rep.OffsetX, Y: q.Y + rep.OffsetY})
		}
	}
	return out
}

func flRings(s vector.Shape) [][]vector.Point {
	var out [][]vector.Point
	for _, sp := range s.Subpaths {
		out = append(out, sp.Points)
	}
	return out
}

const flSVGHead = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkstitch="http://inkstitch.org/namespace" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="100mm" height="80mm" viewBox="0 0 100 80">`

// an L-shaped region with a rectangular hole in its right arm
const flLWithHole = `M 10,10 L 70,10 L 70,50 L 40,50 L 40,30 L 10,30 Z M 55,20 L 62,20 L 62,40 L 55,40 Z`

func TestContourFillPyembroidery(t *testing.T) {
	for _, tc := range []struct {
		name, extra string
		spacing     float64
	}{
		{"defaults", ``, 0.25},
		{"spacing 0.4, no underlay", `inkstitch:row_spacing_mm="0.4" inkstitch:fill_underlay="False"`, 0.4},
		{"spacing 0.25, no underlay, 2 mm stitches", `inkstitch:fill_underlay="False" inkstitch:max_stitch_length_mm="2"`, 0.25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svg := flSVGHead + `<path id="blob" fill-rule="evenodd" style="fill:#c03030" inkstitch:fill_method="contour_fill" ` +
				tc.extra + ` d="` + flLWithHole + `"/></svg>`
			doc, pat, rep := flPlanSVG(t, svg, stitch.Options{})
			if len(rep.Notes) != 0 {
				t.Errorf("notes on a supported contour fill: %q", rep.Notes)
			}
			recs := flPyDecode(t, pat)
			ss := flSewn(recs)
			// one connected region: one run, no jump, no trim
			if n := flCount(recs, "JUMP"); n != 0 {
				t.Errorf("pyembroidery reads %d jumps in one contour-filled region", n)
			}
			if n := flCount(recs, "TRIM"); n != 0 {
				t.Errorf("pyembroidery reads %d trims in one contour-filled region", n)
			}
			if l := flLongest(ss); l > 3.7 { // 3 mm, the last of a row up to 3.6 as auto_fill, PES rounds to 0.1 mm
				t.Errorf("longest stitch %.2f mm (max_stitch_length 3 mm, travel 2.5 mm)", l)
			}
			cov := flCoverage(flToPattern(flRings(doc.Shapes[0]), rep), ss, 0.5, 0.1)
			t.Logf("%s: %d stitches, longest %.2f mm, coverage within 0.5 mm %.2f %%", tc.name, len(ss), flLongest(ss), 100*cov)
			if cov < 0.95 {
				t.Errorf("coverage within 0.5 mm of a stitch %.2f %%, want >= 95 %%", 100*cov)
			}
			if strings.Contains(tc.extra, "no underlay") || strings.Contains(tc.name, "no underlay") {
				// rows across the left arm (y 10..30) at x = 20: rings
				// every row spacing from both long sides
				ys := flCrossings(ss, 20+rep.OffsetX, 10+rep.OffsetY, 30+rep.OffsetY)
				want := 20 / tc.spacing
				mean := (ys[len(ys)-1] - ys[0]) / float64(len(ys)-1)
				maxGap := 0.0
				for i := 1; i < len(ys); i++ {
					maxGap = math.Max(maxGap, ys[i]-ys[i-1])
				}
				t.Logf("%d rows across 20 mm, mean spacing %.3f mm, widest gap %.2f mm", len(ys), mean, maxGap)
				if math.Abs(float64(len(ys))-want) > 3 {
					t.Errorf("%d rows across 20 mm, want about %.0f", len(ys), want)
				}
				if math.Abs(mean-tc.spacing) > 0.03 {
					t.Errorf("mean row spacing %.3f mm, want %.2f", mean, tc.spacing)
				}
				// PES rounds to 0.1 mm
				if maxGap > 2*tc.spacing+0.1 {
					t.Errorf("a gap of %.2f mm between rows", maxGap)
				}
			}
		})
	}
}

const flGuideDefs = `<defs><marker id="inkstitch-guide-line-marker" orient="auto"><path d="M 0,0 L 1,1"/></marker></defs>`

// an S-shaped guide across the L
const flGuide = `M 5,40 C 25,0 45,60 75,15`

func TestGuidedFillPyembroidery(t *testing.T) {
	svg := flSVGHead + flGuideDefs + `<g id="grp">
<path id="shape" d="M 10,10 L 70,10 L 70,50 L 40,50 L 40,30 L 10,30 Z" style="fill:#3060c0" inkstitch:fill_method="guided_fill" inkstitch:fill_underlay="False"/>
<path id="guide" d="` + flGuide + `" style="fill:none;stroke:#000;stroke-width:0.2;marker-start:url(#inkstitch-guide-line-marker)"/>
</g></svg>`
	doc, pat, rep := flPlanSVG(t, svg, stitch.Options{})
	if len(rep.Notes) != 0 {
		t.Errorf("notes: %q", rep.Notes)
	}
	if len(rep.Elements) != 1 || rep.Elements[0].ID != "shape" {
		t.Fatalf("elements %+v: want the fill alone (a guide line is not sewn)", rep.Elements)
	}
	recs := flPyDecode(t, pat)
	ss := flSewn(recs)
	if l := flLongest(ss); l > 3.7 { // 3 mm, the last of a row up to 3.6 as auto_fill, PES rounds to 0.1 mm
		t.Errorf("longest stitch %.2f mm", l)
	}
	var shape, guide vector.Shape
	for _, s := range doc.Shapes {
		switch s.ID {
		case "shape":
			shape = s
		case "guide":
			guide = s
		}
	}
	cov := flCoverage(flToPattern(flRings(shape), rep), ss, 0.5, 0.1)
	if cov < 0.95 {
		t.Errorf("coverage within 0.5 mm %.2f %%, want >= 95 %%", 100*cov)
	}
	// each row stitch runs along the copy of the guide through it
	med, p90, n := flGuideDeviation(ss, flToPattern(flRings(guide), rep)[0], flToPattern(flRings(shape), rep))
	if n < 100 {
		t.Fatalf("only %d row stitches matched to the guide", n)
	}
	t.Logf("%d stitches, coverage %.2f %%, %d row stitches: angle to the guide's copy median %.1f°, 90th percentile %.1f°",
		len(ss), 100*cov, n, med, p90)
	if med > 5 || p90 > 15 {
		t.Errorf("rows do not follow the guide: angle to its copy median %.1f°, 90th percentile %.1f°", med, p90)
	}
	// the same shape as auto_fill: rows horizontal, far from the guide
	auto := strings.Replace(svg, `inkstitch:fill_method="guided_fill"`, `inkstitch:fill_method="auto_fill"`, 1)
	_, apat, _ := flPlanSVG(t, auto, stitch.Options{})
	hor := 0
	for _, s := range flSewn(flPyDecode(t, apat)) {
		if s.a.Dist(s.b) >= 1 && math.Abs(s.a.Y-s.b.Y) < 0.11 {
			hor++
		}
	}
	if hor < 100 {
		t.Errorf("auto_fill: %d horizontal rows stitches: the check above would not tell them apart", hor)
	}
}

func TestGuidedFillWithoutGuide(t *testing.T) {
	svg := flSVGHead + `<path id="lonely" d="M 10,10 L 50,10 L 50,40 Z" style="fill:#3060c0" inkstitch:fill_method="guided_fill"/></svg>`
	_, _, rep := flPlanSVG(t, svg, stitch.Options{})
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "guided_fill without a guide line") || !strings.Contains(rep.Notes[0], "lonely") {
		t.Errorf("notes %q: want one saying the guide is missing, naming the element", rep.Notes)
	}
}

// TestFillNotes: what is not sewn as drawn is said, one line per kind,
// naming the elements.
func TestFillNotes(t *testing.T) {
	svg := flSVGHead + `<defs>
<linearGradient id="grad"><stop offset="0" style="stop-color:#20a040"/><stop offset="1" style="stop-color:#ffffff"/></linearGradient>
<marker id="inkstitch-pattern-marker"><path d="M 0,0 L 1,1"/></marker></defs>
<path id="meander" d="M 5,5 h 10 v 10 h -10 Z" style="fill:#000" inkstitch:fill_method="meander_fill"/>
<path id="tartan" d="M 20,5 h 10 v 10 h -10 Z" style="fill:#000" inkstitch:fill_method="tartan_fill"/>
<path id="spiral" d="M 35,5 h 10 v 10 h -10 Z M 38,8 h 4 v 4 h -4 Z" style="fill:#000;fill-rule:evenodd" inkstitch:fill_method="contour_fill" inkstitch:contour_strategy="1"/>
<path id="offset" d="M 50,5 h 10 v 10 h -10 Z" style="fill:#000" inkstitch:fill_method="guided_fill" inkstitch:guided_fill_strategy="1"/>
<path id="gradient" d="M 5,20 h 10 v 10 h -10 Z" style="fill:url(#grad)"/>
<path id="ghost" d="M 20,20 h 10 v 10 h -10 Z" style="fill:#000;fill-opacity:0.4"/>
<g style="opacity:0.5"><path id="ghost2" d="M 35,20 h 10 v 10 h -10 Z" style="fill:#000"/></g>
<path id="s_stitch" d="M 5,40 h 20 M 5,43 h 20" style="fill:none;stroke:#000" inkstitch:satin_column="True" inkstitch:satin_method="s_stitch"/>
<path id="ripple" d="M 5,50 h 20" style="fill:none;stroke:#000" inkstitch:stroke_method="ripple_stitch"/>
<path id="pattern" d="M 5,60 h 20" style="fill:none;stroke:#000;marker-start:url(#inkstitch-pattern-marker)"/>
</svg>`
	_, pat, rep := flPlanSVG(t, svg, stitch.Options{})
	all := strings.Join(rep.Notes, "\n")
	t.Logf("notes:\n%s", all)
	for _, want := range [][2]string{
		{"fill_method meander_fill is not supported", "meander"},
		{"fill_method tartan_fill is not supported", "tartan"},
		{"contour_strategy 1 (single spiral) needs a shape without holes", "spiral"},
		{"guided_fill without a guide line", "offset"},
		{"url(#grad)", "gradient"},
		{"translucent fill", "ghost, ghost2"},
		{"satin_method s_stitch", "s_stitch"},
		{"stroke_method ripple_stitch", "ripple"},
		{"pattern", "pattern"},
	} {
		found := false
		for _, n := range rep.Notes {
			if strings.Contains(n, want[0]) && strings.Contains(n, want[1]) {
				found = true
			}
		}
		if !found {
			t.Errorf("no note with %q naming %q", want[0], want[1])
		}
	}
	if len(rep.Notes) != 9 {
		t.Errorf("%d notes, want 9 (one per kind)", len(rep.Notes))
	}
	// the gradient is sewn in its first stop's colour; the pattern line
	// is not sewn
	var ids []string
	for _, e := range rep.Elements {
		ids = append(ids, e.ID)
		if e.ID == "gradient" && e.Color != (color.RGBA{0x20, 0xa0, 0x40, 0xff}) {
			t.Errorf("gradient sewn in %v, want its first stop #20a040", e.Color)
		}
	}
	if strings.Contains(strings.Join(ids, " "), "pattern") {
		t.Errorf("the pattern helper line was sewn: %v", ids)
	}
	if pat == nil {
		t.Fatal("no pattern")
	}
}

// TestAutoSatin: in a plain SVG a 3 mm stroke is sewn as a satin column 3
// mm wide along it, a 0.5 mm stroke as running stitch; with auto-satin
// off, or in an Ink/Stitch document, both are running stitch. Widths are
// measured on pyembroidery's reading.
func TestAutoSatin(t *testing.T) {
	body := `<path id="wide" d="M 10,20 L 60,20 L 80,40" style="fill:none;stroke:#202020;stroke-width:3"/>
<path id="thin" d="M 10,60 L 60,60" style="fill:none;stroke:#202020;stroke-width:0.5"/></svg>`
	// across the wide stroke's first straight part (x 15..55), and the thin line
	spread := func(recs []pyRecord, rep stitch.Report, y0, y1 float64) (float64, int) {
		lo, hi, n := math.Inf(1), math.Inf(-1), 0
		for _, r := range recs {
			x, y := r.X-rep.OffsetX, r.Y-rep.OffsetY
			if r.Cmd != "STITCH" || x < 15 || x > 55 || y < y0 || y > y1 {
				continue
			}
			lo, hi = math.Min(lo, y), math.Max(hi, y)
			n++
		}
		return hi - lo, n
	}
	for _, tc := range []struct {
		name      string
		head      string
		opts      stitch.Options
		wideWidth float64 // 0: a running stitch
	}{
		{"plain SVG", flSVGHead, stitch.Options{}, 3},
		{"plain SVG, threshold 4 mm", flSVGHead, stitch.Options{AutoSatin: 4}, 0},
		{"plain SVG, off", flSVGHead, stitch.Options{AutoSatin: -1}, 0},
		{"Ink/Stitch document", flSVGHead + `<path id="other" d="M 10,70 L 20,70" style="fill:none;stroke:#202020" inkstitch:running_stitch_length_mm="2"/>`, stitch.Options{}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, pat, rep := flPlanSVG(t, tc.head+body, tc.opts)
			kinds := map[string]stitch.Kind{}
			for _, e := range rep.Elements {
				kinds[e.ID] = e.Kind
			}
			recs := flPyDecode(t, pat)
			w, n := spread(recs, rep, 10, 30)
			tw, _ := spread(recs, rep, 55, 65)
			t.Logf("%s: wide stroke %s, %d needle-downs over 40 mm, %.2f mm across; thin one %s, %.2f mm across", tc.name, kinds["wide"], n, w, kinds["thin"], tw)
			if kinds["thin"] != stitch.KindRunning || tw > 0.11 {
				t.Errorf("thin stroke: %s, %.2f mm across, want a running stitch on its line", kinds["thin"], tw)
			}
			if tc.wideWidth == 0 {
				if kinds["wide"] != stitch.KindRunning || w > 0.11 {
					t.Errorf("wide stroke: %s, %.2f mm across, want a running stitch", kinds["wide"], w)
				}
				return
			}
			if kinds["wide"] != stitch.KindSatin {
				t.Fatalf("wide stroke sewn as %s, want satin", kinds["wide"])
			}
			if math.Abs(w-tc.wideWidth) > 0.15 {
				t.Errorf("satin %.2f mm wide, want the stroke's %.1f mm", w, tc.wideWidth)
			}
			// zigzag every 0.4 mm: two needle-downs per 0.4 mm of the 40 mm
			if n < 150 {
				t.Errorf("%d needle-downs over 40 mm of satin, want about 200", n)
			}
			if l := flLongest(flSewn(recs)); l > 12.1 {
				t.Errorf("longest stitch %.2f mm", l)
			}
		})
	}
}

// TestEndingPoint: an ending_point command connected to a fill makes it
// end where the connector touches it.
func TestEndingPoint(t *testing.T) {
	defs := `<defs><symbol id="inkstitch_ending_point"><path d="M -2 -2 L 2 -2 L 2 2 L -2 2 Z" style="fill:#fafafa;stroke:#003399"/></symbol></defs>`
	fill := `<path id="sq" d="M 10,10 h 40 v 30 h -40 Z" style="fill:#802020" inkstitch:fill_method="%s"/>`
	cmd := `<use id="u1" xlink:href="#inkstitch_ending_point" x="5" y="5"/>
<path id="c1" d="M 5,5 L 12,37" style="fill:none;stroke:#000" inkscape:connection-start="#u1" inkscape:connection-end="#sq"/>`
	for _, method := range []string{"auto_fill", "contour_fill"} {
		for _, with := range []bool{false, true} {
			body := fmt.Sprintf(fill, method)
			if with {
				body += cmd
			}
			_, pat, rep := flPlanSVG(t, flSVGHead+defs+body+`</svg>`, stitch.Options{})
			recs := flPyDecode(t, pat)
			var lastStitch vector.Point
			for _, r := range recs {
				if r.Cmd == "STITCH" {
					lastStitch = vector.Point{X: r.X - rep.OffsetX, Y: r.Y - rep.OffsetY}
				}
			}
			d := lastStitch.Dist(vector.Point{X: 12, Y: 37})
			t.Logf("%s, ending point %v: last needle-down %.1f mm from (12, 37)", method, with, d)
			if with && d > 0.15 {
				t.Errorf("%s: the fill ends %.2f mm from its ending point", method, d)
			}
			if with && rep.Commands["ending_point"] != 1 {
				t.Errorf("%s: commands %v", method, rep.Commands)
			}
			if !with && d < 1 {
				t.Errorf("%s: ends at (12, 37) without the command: the test would not tell", method)
			}
			if l := flLongest(flSewn(recs)); l > 12.1 {
				t.Errorf("longest stitch %.2f mm", l)
			}
		}
	}
}

// TestGroupCommands: ignore_object on a group leaves out its members;
// trim on a group trims once, after its last member.
func TestGroupCommands(t *testing.T) {
	defs := `<defs><symbol id="inkstitch_ignore_object"><path d="M -2 -2 L 2 -2 L 2 2 Z"/></symbol>
<symbol id="inkstitch_trim"><path d="M -2 -2 L 2 -2 L 2 2 Z"/></symbol></defs>`
	line := func(id string, y int) string {
		return fmt.Sprintf(`<path id="%s" d="M 10 %d L 30 %d" style="fill:none;stroke:#ff0000" inkstitch:running_stitch_length_mm="2"/>`, id, y, y)
	}
	back := func(id string, y int) string {
		return fmt.Sprintf(`<path id="%s" d="M 30 %d L 10 %d" style="fill:none;stroke:#ff0000" inkstitch:running_stitch_length_mm="2"/>`, id, y, y)
	}
	conn := func(id, use, target string) string {
		return fmt.Sprintf(`<use id="%s" xlink:href="#inkstitch_%s" x="80" y="80"/><path id="c%s" d="M 80,80 L 20,20" style="fill:none;stroke:#000" inkscape:connection-start="#%s" inkscape:connection-end="#%s"/>`, use, id, use, use, target)
	}
	t.Run("ignore_object", func(t *testing.T) {
		svg := flSVGHead + defs + line("a", 10) + `<g id="grp">` + back("b", 12) + line("c", 14) + `</g>` + back("d", 16) + conn("ignore_object", "u1", "grp") + `</svg>`
		_, _, rep := flPlanSVG(t, svg, stitch.Options{})
		var ids []string
		for _, e := range rep.Elements {
			ids = append(ids, e.ID)
		}
		if got := strings.Join(ids, " "); got != "a d" {
			t.Errorf("sewn %q, want \"a d\" (b and c are in the ignored group)", got)
		}
		if rep.Commands["ignore_object"] != 2 {
			t.Errorf("commands %v, want ignore_object on 2 members", rep.Commands)
		}
	})
	t.Run("trim", func(t *testing.T) {
		svg := flSVGHead + defs + line("a", 10) + `<g id="grp">` + back("b", 12) + line("c", 14) + `</g>` + back("d", 16) + conn("trim", "u1", "grp") + `</svg>`
		_, pat, rep := flPlanSVG(t, svg, stitch.Options{})
		recs := flPyDecode(t, pat)
		// trims and where they fall: after c (ends at x=30, y=14)
		var at []string
		for i, r := range recs {
			if r.Cmd == "TRIM" {
				p := recs[i-1]
				at = append(at, fmt.Sprintf("%.0f,%.0f", p.X-rep.OffsetX, p.Y-rep.OffsetY))
			}
		}
		if len(at) != 1 || at[0] != "30,14" {
			t.Errorf("pyembroidery reads trims after %v, want one after c, at 30,14", at)
		}
	})
}

// TestClipPathSewn: a fill clipped by a circle is sewn inside the circle
// only (the SVG reader cuts it as for cutting), and covers it.
func TestClipPathSewn(t *testing.T) {
	svg := flSVGHead + `<defs><clipPath id="cp"><circle cx="30" cy="30" r="12"/></clipPath></defs>
<g clip-path="url(#cp)"><rect id="big" x="5" y="5" width="50" height="50" style="fill:#208020"/></g></svg>`
	doc, pat, rep := flPlanSVG(t, svg, stitch.Options{})
	recs := flPyDecode(t, pat)
	far := 0.0
	for _, r := range recs {
		if r.Cmd == "STITCH" {
			far = math.Max(far, math.Hypot(r.X-rep.OffsetX-30, r.Y-rep.OffsetY-30))
		}
	}
	cov := flCoverage(flToPattern(flRings(doc.Shapes[0]), rep), flSewn(recs), 0.5, 0.1)
	t.Logf("farthest needle-down %.2f mm from the centre (radius 12), coverage %.2f %%", far, 100*cov)
	if far > 12.15 {
		t.Errorf("a stitch %.2f mm from the centre of a 12 mm clip", far)
	}
	if cov < 0.95 {
		t.Errorf("coverage %.2f %%", 100*cov)
	}
}

// TestContourFillInkStitchButterfly plans Ink/Stitch's own contour-fill
// example (testdata/butterfly_contour_fill.svg: wings filled with
// contour_fill at 0.7 mm, an outline and a satin body) and checks the
// fill on pyembroidery's reading: one run without jumps or trims, within
// 0.5 mm of every point of the wings, no stitch over 12.1 mm.
func TestContourFillInkStitchButterfly(t *testing.T) {
	f, err := os.Open("testdata/butterfly_contour_fill.svg")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := vector.Read(f, vector.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pat, rep, err := stitch.Plan(context.Background(), doc, stitch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Notes) != 0 {
		t.Errorf("notes %q", rep.Notes)
	}
	var wings vector.Shape
	for _, s := range doc.Shapes {
		if s.ID == "path29" {
			wings = s
		}
	}
	recs := flPyDecode(t, pat)
	// the fill's thread comes first: its records end at the first colour
	// change
	var fill []pyRecord
	for _, r := range recs {
		if r.Cmd == "COLOR_CHANGE" {
			break
		}
		fill = append(fill, r)
	}
	ss := flSewn(fill)
	cov := flCoverage(flToPattern(flRings(wings), rep), ss, 0.5, 0.1)
	t.Logf("wings: %d stitches, %d jumps, %d trims, longest %.2f mm, coverage within 0.5 mm %.2f %%; whole design: longest %.2f mm",
		len(ss), flCount(fill, "JUMP"), flCount(fill, "TRIM"), flLongest(ss), 100*cov, flLongest(flSewn(recs)))
	if n := flCount(fill, "JUMP") + flCount(fill, "TRIM"); n != 0 {
		t.Errorf("%d jumps or trims in the contour fill of one region", n)
	}
	if cov < 0.95 {
		t.Errorf("coverage %.2f %%, want >= 95 %%", 100*cov)
	}
	if l := flLongest(flSewn(recs)); l > 12.1 {
		t.Errorf("longest stitch %.2f mm", l)
	}
	if l := flLongest(ss); l > 3.1 {
		t.Errorf("longest fill stitch %.2f mm, max_stitch_length_mm is 3", l)
	}
}

// TestContourSpirals: single and double spiral on an L without holes
// (its rings nest one in the other), read back by pyembroidery; with a
// hole they are sewn inner to outer with a note.
func TestContourSpirals(t *testing.T) {
	const l = `M 10,10 L 70,10 L 70,50 L 40,50 L 40,30 L 10,30 Z`
	for _, strategy := range []string{"1", "2", "single_spiral"} {
		svg := flSVGHead + `<path id="l" style="fill:#c03030" inkstitch:fill_method="contour_fill" inkstitch:fill_underlay="False" inkstitch:contour_strategy="` +
			strategy + `" d="` + l + `"/></svg>`
		doc, pat, rep := flPlanSVG(t, svg, stitch.Options{})
		if len(rep.Notes) != 0 {
			t.Errorf("strategy %s: notes %q", strategy, rep.Notes)
		}
		recs := flPyDecode(t, pat)
		ss := flSewn(recs)
		cov := flCoverage(flToPattern(flRings(doc.Shapes[0]), rep), ss, 0.5, 0.1)
		ys := flCrossings(ss, 20+rep.OffsetX, 10+rep.OffsetY, 30+rep.OffsetY)
		mean := (ys[len(ys)-1] - ys[0]) / float64(len(ys)-1)
		first, last := ss[0].a, ss[len(ss)-1].b
		t.Logf("strategy %s: %d stitches, longest %.2f mm, coverage %.2f %%, %d rows across the arm's 20 mm, mean spacing %.3f mm, ends %.1f mm from its start",
			strategy, len(ss), flLongest(ss), 100*cov, len(ys), mean, first.Dist(last))
		if n := flCount(recs, "JUMP") + flCount(recs, "TRIM"); n != 0 {
			t.Errorf("strategy %s: %d jumps or trims", strategy, n)
		}
		if l := flLongest(ss); l > 3.1 {
			t.Errorf("strategy %s: longest stitch %.2f mm", strategy, l)
		}
		if cov < 0.95 {
			t.Errorf("strategy %s: coverage %.2f %%", strategy, 100*cov)
		}
		if math.Abs(mean-0.25) > 0.03 || math.Abs(float64(len(ys))-80) > 4 {
			t.Errorf("strategy %s: %d rows, mean spacing %.3f mm, want 80 at 0.25", strategy, len(ys), mean)
		}
		// a spiral starts on the outline and works inward; the double one
		// comes back out next to where it started
		if strategy == "2" && first.Dist(last) > 1 {
			t.Errorf("double spiral ends %.2f mm from its start", first.Dist(last))
		}
		if strategy != "2" && first.Dist(last) < 5 {
			t.Errorf("single spiral ends %.2f mm from its start: not inside", first.Dist(last))
		}
	}
	svg := flSVGHead + `<path id="holed" fill-rule="evenodd" style="fill:#c03030" inkstitch:fill_method="contour_fill" inkstitch:contour_strategy="1" d="` + flLWithHole + `"/></svg>`
	_, _, rep := flPlanSVG(t, svg, stitch.Options{})
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "sewn inner to outer") || !strings.Contains(rep.Notes[0], "holed") {
		t.Errorf("a spiral asked of a shape with a hole: notes %q, want one saying it is sewn inner to outer", rep.Notes)
	}
}

// TestAutoSatinClosed: closed strokes of a plain SVG (a 3 mm square frame,
// a 2 mm circle) are sewn as satin bands of their width all round, corners
// included, on pyembroidery's reading.
func TestAutoSatinClosed(t *testing.T) {
	for _, tc := range []struct {
		name, el string
		dist     func(x, y float64) float64 // from the stroke's centre line
		half     float64
	}{
		{"frame", `<rect id="frame" x="10" y="10" width="40" height="40" style="fill:none;stroke:#202080;stroke-width:3"/>`,
			func(x, y float64) float64 { return math.Max(math.Abs(x-30), math.Abs(y-30)) - 20 }, 1.5},
		{"ring", `<circle id="ring" cx="30" cy="30" r="10" style="fill:none;stroke:#a02020;stroke-width:2"/>`,
			func(x, y float64) float64 { return math.Hypot(x-30, y-30) - 10 }, 1},
	} {
		_, pat, rep := flPlanSVG(t, flSVGHead+tc.el+`</svg>`, stitch.Options{})
		if len(rep.Elements) != 1 || rep.Elements[0].Kind != stitch.KindSatin {
			t.Fatalf("%s: %+v, want one satin", tc.name, rep.Elements)
		}
		recs := flPyDecode(t, pat)
		lo, hi := math.Inf(1), math.Inf(-1)
		// the band's width all round: per 5° sector, the innermost and
		// outermost needle-downs
		var inner, outer [72]float64
		for i := range inner {
			inner[i], outer[i] = math.Inf(1), math.Inf(-1)
		}
		for _, r := range recs {
			if r.Cmd != "STITCH" {
				continue
			}
			x, y := r.X-rep.OffsetX, r.Y-rep.OffsetY
			d := tc.dist(x, y)
			lo, hi = math.Min(lo, d), math.Max(hi, d)
			k := int((math.Atan2(y-30, x-30)+math.Pi)/(2*math.Pi)*72) % 72
			inner[k], outer[k] = math.Min(inner[k], d), math.Max(outer[k], d)
		}
		narrowest := math.Inf(1)
		for k := range inner {
			narrowest = math.Min(narrowest, outer[k]-inner[k])
		}
		t.Logf("%s: needle-downs from %.2f to %.2f mm off the centre line; narrowest 5° sector %.2f mm", tc.name, lo, hi, narrowest)
		// PES rounds to 0.1 mm; a corner's mitre reaches further out
		if lo < -tc.half-0.15 || hi > tc.half+0.15 {
			t.Errorf("%s: stitches from %.2f to %.2f mm off the centre line, want ±%.1f", tc.name, lo, hi, tc.half)
		}
		if narrowest < 2*tc.half-0.25 {
			t.Errorf("%s: a sector sewn %.2f mm wide, want %.1f", tc.name, narrowest, 2*tc.half)
		}
	}
}

// flGuideDeviation measures how far sewn stitches (1 mm or longer) turn
// from the copy of guide g through their middle (the copies are the guide
// moved along the normal of its chord): the median and 90th percentile
// angle in degrees, over the stitches a copy passes through. Stitches with
// both ends on the outline (within 0.3 mm of the rings) are the way from
// one row to the next and are left out.
func flGuideDeviation(ss []flSeg, g []vector.Point, outline [][]vector.Point) (med, p90 float64, n int) {
	onOutline := func(p vector.Point) bool {
		for _, r := range outline {
			for i := range r {
				if p.SegDist(r[i], r[(i+1)%len(r)]) <= 0.3 {
					return true
				}
			}
		}
		return false
	}
	chord := g[len(g)-1].Sub(g[0])
	nrm := chord.Unit().Perp()
	var devs []float64
	for _, s := range ss {
		if s.a.Dist(s.b) < 1 || (onOutline(s.a) && onOutline(s.b)) {
			continue
		}
		m := s.a.Lerp(s.b, 0.5)
		// a curled guide meets the normal through m more than once: the
		// stitch belongs to one of those copies, the one it follows best
		best := math.Inf(1)
		for i := 1; i < len(g); i++ {
			// m - t·n = g[i-1] + w·(g[i]-g[i-1])
			a, d := g[i-1], g[i].Sub(g[i-1])
			den := d.Cross(nrm)
			if den == 0 {
				continue
			}
			w := m.Sub(a).Cross(nrm) / den
			if w < 0 || w > 1 {
				continue
			}
			u, v := s.b.Sub(s.a).Unit(), d.Unit()
			best = math.Min(best, math.Asin(math.Min(1, math.Abs(u.Cross(v))))*180/math.Pi)
		}
		if !math.IsInf(best, 1) {
			devs = append(devs, best)
		}
	}
	if len(devs) == 0 {
		return 0, 0, 0
	}
	sort.Float64s(devs)
	return devs[len(devs)/2], devs[len(devs)*9/10], len(devs)
}

// flElementSegs returns the stitches of one planned element as
// pyembroidery reads them: the element's needle-downs are found by their
// rank among the pattern's (pyembroidery reads as many, in order), their
// positions taken from pyembroidery.
func flElementSegs(t *testing.T, pat *stitch.Pattern, e stitch.ElementReport, recs []pyRecord) ([]flSeg, int) {
	t.Helper()
	var ours []int // rank of each of our needle-downs
	rank := 0
	first, last := -1, -1
	for i, r := range pat.Records {
		if r.Cmd != stitch.Stitch {
			continue
		}
		if i >= e.First && i < e.End {
			if first < 0 {
				first = rank
			}
			last = rank
		}
		ours = append(ours, i)
		rank++
	}
	var theirs []int
	for i, r := range recs {
		if r.Cmd == "STITCH" {
			theirs = append(theirs, i)
		}
	}
	if len(theirs) != len(ours) {
		t.Fatalf("pyembroidery reads %d needle-downs, the pattern has %d", len(theirs), len(ours))
	}
	part := recs[theirs[first] : theirs[last]+1]
	return flSewn(part), flCount(part, "JUMP") + flCount(part, "TRIM")
}

// TestGuidedFillInkStitchButterfly plans Ink/Stitch's guided-fill example
// (testdata/butterfly_guided_fill.svg): each wing is two guided fills
// (0.9 mm rows) along their own guide, the right ones <use> clones and
// mirrored groups. On pyembroidery's reading, each fill's rows follow its
// guide and cover its wing.
func TestGuidedFillInkStitchButterfly(t *testing.T) {
	f, err := os.Open("testdata/butterfly_guided_fill.svg")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := vector.Read(f, vector.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pat, rep, err := stitch.Plan(context.Background(), doc, stitch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Notes) != 0 {
		t.Errorf("notes %q", rep.Notes)
	}
	recs := flPyDecode(t, pat)
	if l := flLongest(flSewn(recs)); l > 12.1 {
		t.Errorf("longest stitch %.2f mm", l)
	}
	// fills and guides in document order: fill, guide, clone's fill,
	// clone's guide, fill, guide, fill, guide
	var fills, guides []vector.Shape
	for _, s := range doc.Shapes {
		switch {
		case s.MarkerStart != "":
			guides = append(guides, s)
		case s.Fill.Set:
			fills = append(fills, s)
		}
	}
	if len(fills) != 4 || len(guides) != 4 {
		t.Fatalf("%d fills, %d guides, want 4 and 4", len(fills), len(guides))
	}
	k := 0
	for _, e := range rep.Elements {
		if e.Kind != stitch.KindFill {
			continue
		}
		if k >= 4 {
			t.Fatalf("more than 4 fills sewn: %+v", rep.Elements)
		}
		ss, breaks := flElementSegs(t, pat, e, recs)
		cov := flCoverage(flToPattern(flRings(fills[k]), rep), ss, 0.5, 0.1)
		med, p90, n := flGuideDeviation(ss, flToPattern(flRings(guides[k]), rep)[0], flToPattern(flRings(fills[k]), rep))
		t.Logf("fill %d (%s): %d stitches, %d jumps/trims, coverage %.2f %%, %d row stitches at median %.1f° (90th percentile %.1f°) from their guide copy",
			k, e.ID, len(ss), breaks, 100*cov, n, med, p90)
		if cov < 0.95 {
			t.Errorf("fill %d: coverage %.2f %%", k, 100*cov)
		}
		if n < 100 || med > 5 || p90 > 15 {
			t.Errorf("fill %d: rows do not follow the guide (%d stitches, median %.1f°, 90th percentile %.1f°)", k, n, med, p90)
		}
		k++
	}
	if k != 4 {
		t.Errorf("%d fills sewn, want 4", k)
	}
}

// TestMaskNoted: a mask the SVG reader can only read as a clip is applied
// (nothing sewn outside its light shape) and said in the notes.
func TestMaskNoted(t *testing.T) {
	svg := flSVGHead + `<defs><mask id="m"><rect x="20" y="20" width="20" height="20" style="fill:#808080"/></mask></defs>
<rect id="masked" x="10" y="10" width="40" height="40" style="fill:#2040a0" mask="url(#m)"/></svg>`
	_, pat, rep := flPlanSVG(t, svg, stitch.Options{})
	found := false
	for _, n := range rep.Notes {
		found = found || strings.Contains(n, "mask url(#m)")
	}
	if !found {
		t.Errorf("notes %q: want the reader's note on mask #m", rep.Notes)
	}
	for _, r := range flPyDecode(t, pat) {
		x, y := r.X-rep.OffsetX, r.Y-rep.OffsetY
		if r.Cmd == "STITCH" && (x < 19.9 || x > 40.1 || y < 19.9 || y > 40.1) {
			t.Fatalf("a needle-down at (%.2f, %.2f), outside the mask's square 20..40", x, y)
		}
	}
}
