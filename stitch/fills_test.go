package stitch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"os/exec"
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

const fillsPyScript = "../pes/testdata/pyembroidery/read_pattern.py"

// flRec is one record as pyembroidery reads it: millimetres, y down.
type flRec struct {
	X, Y float64
	Cmd  string
}

// pyDecode writes the pattern as PES v1 and returns pyembroidery's
// records, translated so that the first needle-down is where the
// pattern's is (PEC streams start from their own origin).
func flPyDecode(t *testing.T, pat *stitch.Pattern) []flRec {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("USINETTE_ORACLES_REQUIRED") == "1" {
			t.Fatalf("python3 required for the pyembroidery cross-check: %v", err)
		}
		t.Skipf("python3 not found (%v): the pyembroidery cross-check needs it", err)
	}
	path := filepath.Join(t.TempDir(), "design.pes")
	var buf bytes.Buffer
	if err := pes.Encode(&buf, pat, pes.EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, fillsPyScript, path)
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pyembroidery: %v\n%s", err, stderr.String())
	}
	var raw map[string]struct {
		Stitches [][3]any `json:"stitches"`
	}
	if err := json.Unmarshal(out, &raw); err != nil {
		t.Fatalf("pyembroidery output: %v", err)
	}
	var recs []flRec
	for _, s := range raw[path].Stitches {
		x, _ := s[0].(float64)
		y, _ := s[1].(float64)
		c, _ := s[2].(string)
		recs = append(recs, flRec{x / 10, y / 10, c})
	}
	var ours, theirs *flRec
	for _, r := range pat.Records {
		if r.Cmd == stitch.Stitch {
			ours = &flRec{r.X, r.Y, "STITCH"}
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

func flSewn(recs []flRec) []flSeg {
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
func flCount(recs []flRec, cmd string) int {
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
			if l := flLongest(ss); l > 3.6 {
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
