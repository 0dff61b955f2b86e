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
	"testing"

	"github.com/usinette/usinette/pes"
	"github.com/usinette/usinette/stitch"
	"github.com/usinette/usinette/vector"
)

// pyembroideryScript is the vendored pyembroidery (MIT, pes/testdata): a
// reader of PES we did not write.
const pyembroideryScript = "../pes/testdata/pyembroidery/read_pattern.py"

type pyRecord struct {
	X, Y float64 // mm
	Cmd  string
}

// readWithPyembroidery decodes a PES file with pyembroidery. It skips when
// python3 is absent, unless USINETTE_ORACLES_REQUIRED=1 (CI).
func readWithPyembroidery(t *testing.T, path string) []pyRecord {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("USINETTE_ORACLES_REQUIRED") == "1" {
			t.Fatalf("python3 required for the pyembroidery cross-check: %v", err)
		}
		t.Skipf("python3 not found (%v): the pyembroidery cross-check needs it", err)
	}
	cmd := exec.Command(py, pyembroideryScript, path)
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
	var recs []pyRecord
	for _, s := range raw[path].Stitches {
		x, _ := s[0].(float64)
		y, _ := s[1].(float64)
		c, _ := s[2].(string)
		recs = append(recs, pyRecord{x / 10, y / 10, c})
	}
	if len(recs) == 0 {
		t.Fatalf("pyembroidery read no stitch from %s", path)
	}
	return recs
}

// satinFonts are Ink/Stitch font letters (stitch/testdata/README.md).
var satinFonts = []struct {
	name, file string
	// border: the satins are borders of this width range (mm, top-layer
	// stitch length, pull compensation included), 0 when not checked
	borderMin, borderMax float64
}{
	{"cooper_Bob", "testdata/cooper_marif_Bob.svg", 2, 3.5},
	{"geneva_simple_S", "testdata/geneva_simple_S.svg", 0, 0},
	{"geneva_rounded_S", "testdata/geneva_rounded_S.svg", 0, 0},
	{"chicken_scratch", "testdata/chicken_scratch_i_amp_q.svg", 0, 0},
}

// nearestOn returns the arc length along p of the point nearest q, and the
// distance.
func nearestOn(p []vector.Point, q vector.Point) (float64, float64) {
	bestS, bestD, cum := 0.0, math.Inf(1), 0.0
	for i := 1; i < len(p); i++ {
		a, b := p[i-1], p[i]
		ab := b.Sub(a)
		l := ab.Len()
		t := 0.0
		if l > 0 {
			t = math.Max(0, math.Min(1, q.Sub(a).Dot(ab)/(l*l)))
		}
		if d := q.Dist(a.Lerp(b, t)); d < bestD {
			bestS, bestD = cum+t*l, d
		}
		cum += l
	}
	return bestS, bestD
}

// alongStitch returns the arc length along p where the line through the
// stitch (a, b) meets it nearest a: the rail point the stitch was placed
// at, before pull compensation and short-stitch inset moved its end along
// that line. Falls back to the nearest point.
func alongStitch(p []vector.Point, a, b vector.Point) float64 {
	d := b.Sub(a)
	if d.Len() == 0 {
		s, _ := nearestOn(p, a)
		return s
	}
	best, bestD, cum := -1.0, math.Inf(1), 0.0
	for i := 1; i < len(p); i++ {
		e := p[i].Sub(p[i-1])
		l := e.Len()
		den := d.X*e.Y - d.Y*e.X
		if den != 0 {
			w := p[i-1].Sub(a)
			u := (w.X*d.Y - w.Y*d.X) / den  // along the rail segment
			tt := (w.X*e.Y - w.Y*e.X) / den // along the stitch line
			if u >= 0 && u <= 1 && math.Abs(tt) < bestD {
				best, bestD = cum+u*l, math.Abs(tt)
			}
		}
		cum += l
	}
	if best < 0 || bestD*d.Len() > 2 {
		s, _ := nearestOn(p, a)
		return s
	}
	return best
}

func segmentsCross(p, q, r, s vector.Point) bool {
	d1, d2 := q.Sub(p), s.Sub(r)
	den := d1.X*d2.Y - d1.Y*d2.X
	if den == 0 {
		return false
	}
	w := r.Sub(p)
	t := (w.X*d2.Y - w.Y*d2.X) / den
	u := (w.X*d1.Y - w.Y*d1.X) / den
	// strictly inside both: stitches that share a hole do not cross
	const e = 0.02
	return t > e && t < 1-e && u > e && u < 1-e
}

// TestSatinFontsPyembroidery plans Ink/Stitch font letters, writes them as
// PES, reads the file back with pyembroidery and measures the satin
// columns on pyembroidery's needle points: every stitch at most 12.1 mm,
// no satin stitch over 8 mm, the top layer advancing along both rails
// (successive points of each rail never go back, successive zigzags never
// cross), each zigzag as wide as the rails are apart plus the pull
// compensation (less the short-stitch inset where it applies).
func TestSatinFontsPyembroidery(t *testing.T) {
	for _, f := range satinFonts {
		t.Run(f.name, func(t *testing.T) {
			b, err := os.ReadFile(f.file)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := vector.Read(bytes.NewReader(b), vector.ReadOptions{Name: f.file})
			if err != nil {
				t.Fatal(err)
			}
			pat, rep, err := stitch.Plan(context.Background(), doc, stitch.Options{HoopWidth: 1000, HoopHeight: 1000})
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), f.name+".pes")
			var buf bytes.Buffer
			if err := pes.Encode(&buf, pat, pes.EncodeOptions{Version: 1, Name: f.name}); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			recs := readWithPyembroidery(t, path)

			// pyembroidery's needle-downs, and the longest stitch it reads
			// (a stitch record after a stitch record).
			var py []vector.Point
			longest := 0.0
			for i, r := range recs {
				if r.Cmd != "STITCH" {
					continue
				}
				q := vector.Point{X: r.X, Y: r.Y}
				if i > 0 && recs[i-1].Cmd == "STITCH" {
					longest = math.Max(longest, q.Dist(vector.Point{X: recs[i-1].X, Y: recs[i-1].Y}))
				}
				if len(py) == 0 || py[len(py)-1].Dist(q) > 1e-9 {
					py = append(py, q)
				}
			}
			if longest > 12.1+0.05 {
				t.Errorf("pyembroidery reads a %.2f mm stitch, over 12.1", longest)
			}
			// Our needle-downs on the file's 0.1 mm grid, with the index of
			// each record's.
			grid := func(x float64) float64 { return math.RoundToEven(x*10) / 10 }
			var ours []vector.Point
			seqOf := make([]int, len(pat.Records))
			for i, r := range pat.Records {
				if r.Cmd == stitch.Stitch {
					q := vector.Point{X: grid(r.X), Y: grid(r.Y)}
					if len(ours) == 0 || ours[len(ours)-1].Dist(q) > 1e-9 {
						ours = append(ours, q)
					}
				}
				seqOf[i] = len(ours) - 1
			}
			// pyembroidery keeps PEC's origin: align on the first needle-down.
			if len(py) == 0 || len(ours) == 0 {
				t.Fatal("no stitch")
			}
			shift := py[0].Sub(ours[0])
			if len(py) != len(ours) {
				t.Fatalf("pyembroidery reads %d needle-downs, we planned %d", len(py), len(ours))
			}
			for i := range py {
				if d := py[i].Sub(shift).Dist(ours[i]); d > 1e-6 {
					t.Fatalf("needle-down %d: pyembroidery %v, planned %v", i, py[i].Sub(shift), ours[i])
				}
			}
			// page millimetres of pyembroidery's points
			off := vector.Point{X: rep.OffsetX, Y: rep.OffsetY}
			page := func(i int) vector.Point { return py[i].Sub(shift).Sub(off) }

			columns, loops, tops, insetPts, topPts := 0, 0, 0, 0, 0
			satinMax := 0.0
			var widths []float64
			for ei, e := range rep.Elements {
				if e.Kind != stitch.KindSatin {
					continue
				}
				s := doc.Shapes[e.Shape]
				first, last := seqOf[e.First], seqOf[e.End-1]
				elMax := 0.0
				for i := first + 1; i <= last; i++ {
					elMax = math.Max(elMax, page(i).Dist(page(i-1)))
				}
				satinMax = math.Max(satinMax, elMax)
				// the needle where the planner left it: the last point of
				// the element before (its last stitch record)
				var pos *vector.Point
				if k := ei - 1; k >= 0 {
					for i := rep.Elements[k].End - 1; i >= rep.Elements[k].First; i-- {
						if r := pat.Records[i]; r.Cmd == stitch.Stitch {
							q := vector.Point{X: r.X, Y: r.Y}.Sub(off)
							pos = &q
							break
						}
					}
				}
				st, ok := stitch.SatinTopOf(s, pos)
				if !ok {
					continue
				}
				columns++
				if st.Loop {
					loops++
					if elMax > 8 {
						t.Errorf("%s: a %.2f mm stitch in a closed-rail column (max 8)", e.ID, elMax)
					}
				}
				// Find the top layer among pyembroidery's points of the
				// element, in order.
				var idx []int
				j := first
				for _, q := range st.Top {
					for k := j; k <= last; k++ {
						if page(k).Dist(q) <= 0.075 {
							idx = append(idx, k)
							j = k + 1
							break
						}
					}
				}
				if len(idx) < len(st.Top)*98/100 {
					t.Errorf("%s: %d of %d top-layer points found in the file", e.ID, len(idx), len(st.Top))
					continue
				}
				tops++
				// Successive points on each rail advance; zigzags do not cross.
				la, lb := vector.PolyLength(st.A), vector.PolyLength(st.B)
				back, crossed := 0, 0
				prev := [2]float64{math.Inf(-1), math.Inf(-1)}
				for n := 0; n+1 < len(idx); n += 2 {
					a, b := page(idx[n]), page(idx[n+1])
					sa, sb := alongStitch(st.A, a, b), alongStitch(st.B, b, a)
					_, da := nearestOn(st.A, a)
					_, db := nearestOn(st.B, b)
					if st.Loop { // the seam: 0 and the full length are one place
						if n < 6 && sa > la-1 {
							sa -= la
						}
						if n < 6 && sb > lb-1 {
							sb -= lb
						}
						if n > len(idx)-8 && sa < 1 {
							sa += la
						}
						if n > len(idx)-8 && sb < 1 {
							sb += lb
						}
					}
					if sa < prev[0]-0.15 || sb < prev[1]-0.15 {
						back++
						if back <= 3 {
							t.Errorf("%s: top stitch %d goes back along a rail (%.2f→%.2f, %.2f→%.2f)", e.ID, n/2, prev[0], sa, prev[1], sb)
						}
					}
					prev = [2]float64{math.Max(prev[0], sa), math.Max(prev[1], sb)}
					if n >= 2 && segmentsCross(page(idx[n-2]), page(idx[n-1]), a, b) {
						crossed++
					}
					// width: the rails' distance there plus the pull
					// compensation, less the short-stitch inset
					gap := pointAt(st.A, sa).Dist(pointAt(st.B, sb))
					want := gap + st.Pull[0] + st.Pull[1]
					w := a.Dist(b)
					topPts += 2
					if da > st.Pull[0]+0.1 || db > st.Pull[1]+0.1 {
						insetPts++
					}
					if w > want+0.2 || w < 0.4*want-0.2 {
						t.Errorf("%s: top stitch %d is %.2f mm wide where the rails are %.2f mm apart (+%.1f pull)", e.ID, n/2, w, gap, st.Pull[0]+st.Pull[1])
					}
					widths = append(widths, w)
				}
				if crossed > 0 {
					t.Errorf("%s: %d zigzags cross the one before", e.ID, crossed)
				}
			}
			if columns == 0 {
				t.Fatal("no satin column")
			}
			sort.Float64s(widths)
			med := widths[len(widths)/2]
			t.Logf("%s: %d needle-downs read by pyembroidery, longest stitch %.2f mm; %d satin columns (%d closed-rail), longest satin stitch %.2f mm, median zigzag %.2f mm, %d of %d top points short-stitch inset",
				f.name, len(py), longest, columns, loops, satinMax, med, insetPts, topPts)
			if f.borderMax > 0 && (med < f.borderMin || med > f.borderMax) {
				t.Errorf("median zigzag %.2f mm, want a %.0f–%.1f mm border", med, f.borderMin, f.borderMax)
			}
			if tops != columns {
				t.Errorf("top layer measured in %d of %d columns", tops, columns)
			}
		})
	}
}

func pointAt(p []vector.Point, s float64) vector.Point {
	cum := 0.0
	for i := 1; i < len(p); i++ {
		l := p[i-1].Dist(p[i])
		if cum+l >= s && l > 0 {
			return p[i-1].Lerp(p[i], (s-cum)/l)
		}
		cum += l
	}
	return p[len(p)-1]
}
