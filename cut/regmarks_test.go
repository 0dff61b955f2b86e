package cut

import (
	"bytes"
	"context"
	"errors"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/usinette/usinette/vector"
)

// TestRegMarksMatchInkscapeSilhouette compares our print-and-cut stream
// with the one inkscape-silhouette's Graphtec.py (commit 4734b8d, dry run,
// Cameo 4 Pro, 12×12 mat, regmark and regsearch on) sends for the same
// paths, command for command: set-up, mark commands, the search with its
// distances, the cut relative to the marks and the end feed. The paths are
// given as a plan here, as they were given to Graphtec.plot there, so
// only the writer is compared (testdata/regmarks/README.md).
func TestRegMarksMatchInkscapeSilhouette(t *testing.T) {
	square := []vector.Point{{X: 40, Y: 50}, {X: 70, Y: 50}, {X: 70, Y: 80}, {X: 40, Y: 80}, {X: 40, Y: 50}}
	tests := []struct {
		file        string
		page        [2]float64
		inset       float64
		second      []vector.Point
		defaultMark bool
	}{
		{"a4_inset10.cmd", [2]float64{210, 297}, 10,
			[]vector.Point{{X: 100, Y: 200}, {X: 150, Y: 260.5}, {X: 60.25, Y: 240}, {X: 100, Y: 200}}, true},
		{"200x150_inset15.cmd", [2]float64{200, 150}, 15,
			[]vector.Point{{X: 100, Y: 100}, {X: 150, Y: 120.5}, {X: 60.25, Y: 110}, {X: 100, Y: 100}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", "regmarks", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			plan := &Plan{Cuts: []Cut{{Points: square, Closed: true}, {Points: tc.second, Closed: true}},
				Width: tc.page[0], Height: tc.page[1], Media: MediaMat12}
			rm := &RegMarks{PageWidth: tc.page[0], PageHeight: tc.page[1], Inset: tc.inset}
			if tc.defaultMark {
				rm.Inset = 0 // the default is inkscape-silhouette's 10 mm
			}
			g := GPGL{Tool: 1, Speed: 10, Force: 10, FirmwareOffset: true, Media: MediaMat12, RegMarks: rm}
			var got bytes.Buffer
			if err := g.Write(&got, plan); err != nil {
				t.Fatal(err)
			}
			split := func(b []byte) []string { return strings.Split(string(b), "\x03") }
			if diff := cmp.Diff(split(want), split(got.Bytes())); diff != "" {
				t.Errorf("commands (-inkscape-silhouette +ours):\n%s", diff)
			}
		})
	}
}

// TestRegMarksRefused: a cut outside the marks, in a mark's zone, on a
// plan moved off the page or a page larger than the media is refused,
// never written.
func TestRegMarksRefused(t *testing.T) {
	page := RegMarks{PageWidth: 210, PageHeight: 297}
	mk := func(pts ...vector.Point) *Plan {
		return &Plan{Cuts: []Cut{{Points: pts, ShapeID: "s"}}, Width: 210, Height: 297, Media: MediaMat12}
	}
	tests := []struct {
		name string
		plan *Plan
		rm   RegMarks
		want error
	}{
		{"left of the marks", mk(vector.Point{X: 5, Y: 100}, vector.Point{X: 50, Y: 100}), page, ErrTooLarge},
		{"below the marks", mk(vector.Point{X: 50, Y: 100}, vector.Point{X: 50, Y: 290}), page, ErrTooLarge},
		{"on the square", mk(vector.Point{X: 25, Y: 25}, vector.Point{X: 50, Y: 100}), page, ErrTooLarge},
		{"on the top-right L", mk(vector.Point{X: 190, Y: 15}, vector.Point{X: 150, Y: 100}), page, ErrTooLarge},
		{"on the bottom-left L", mk(vector.Point{X: 15, Y: 280}, vector.Point{X: 50, Y: 100}), page, ErrTooLarge},
		{"plan moved to the origin", &Plan{Cuts: []Cut{{Points: []vector.Point{{X: 0, Y: 0}, {X: 5, Y: 5}}}}, Width: 5, Height: 5}, page, ErrBadOption},
		{"page wider than the mat", &Plan{Width: 400, Height: 297}, RegMarks{PageWidth: 400, PageHeight: 297}, ErrTooLarge},
		{"page too small", &Plan{Width: 50, Height: 50}, RegMarks{PageWidth: 50, PageHeight: 50}, ErrBadOption},
		{"negative inset", mk(vector.Point{X: 50, Y: 100}, vector.Point{X: 60, Y: 100}), RegMarks{PageWidth: 210, PageHeight: 297, Inset: -1}, ErrBadOption},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rm := tc.rm
			var out bytes.Buffer
			err := GPGL{Media: MediaMat12, RegMarks: &rm}.Write(&out, tc.plan)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if bytes.Contains(out.Bytes(), []byte("TB123")) {
				t.Error("mark search written for a refused job")
			}
		})
	}
	// In the safe area: written.
	rm := page
	if err := (GPGL{Media: MediaMat12, RegMarks: &rm}).Write(&bytes.Buffer{}, mk(vector.Point{X: 50, Y: 50}, vector.Point{X: 150, Y: 250})); err != nil {
		t.Fatal(err)
	}
}

// TestRegMarksPageAgreesWithCut prints the test sticker's page and cuts
// it, then measures both: the marks and the sticker's shapes in the page
// by Inkscape (--query-all boxes, and the ink of its PNG rendering at
// 20 px/mm), the mark search and the cut from our GPGL stream. They must agree to 0.1 mm: the distances
// in TB123 are those between the printed marks, TB51/TB53 the printed arm
// and line, and every shape's cut box, relative to the cutter's origin
// after the search, is its printed box relative to the square's corner.
func TestRegMarksPageAgreesWithCut(t *testing.T) {
	bin, err := exec.LookPath("inkscape")
	if err != nil {
		if os.Getenv("USINETTE_ORACLES_REQUIRED") != "" {
			t.Fatal("inkscape required but not installed")
		}
		t.Skip("inkscape not installed: the page measuring oracle is needed")
	}
	src := filepath.Join("testdata", "regmarks", "sticker.svg")
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := vector.Read(bytes.NewReader(raw), vector.ReadOptions{Name: "sticker.svg"})
	if err != nil {
		t.Fatal(err)
	}
	plan, err := NewPlan(context.Background(), doc.Shapes, PlanOptions{Media: MediaMat12, PageWidth: doc.Width, PageHeight: doc.Height})
	if err != nil {
		t.Fatal(err)
	}
	rm := RegMarks{PageWidth: doc.Width, PageHeight: doc.Height}
	var stream bytes.Buffer
	if err := (GPGL{Media: MediaMat12, RegMarks: &rm}).Write(&stream, plan); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pagePath := filepath.Join(dir, "page.svg")
	var page bytes.Buffer
	if err := WritePrintPage(&page, raw, rm); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pagePath, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--query-all", pagePath)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("inkscape --query-all: %v", err)
	}
	type box struct{ x0, y0, x1, y1 float64 }
	boxes := map[string]box{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(line, ",")
		if len(f) != 5 {
			continue
		}
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(f[i+1], 64)
			v[i] *= 25.4 / 96 // Inkscape answers in px
		}
		boxes[f[0]] = box{v[0], v[1], v[0] + v[2], v[1] + v[3]}
	}
	for _, id := range []string{"regmark-tl", "regmark-tr", "regmark-bl", "badge", "star", "label"} {
		if _, ok := boxes[id]; !ok {
			t.Fatalf("inkscape shows no %s in the printed page:\n%s", id, b)
		}
	}

	// Parse the stream: the mark commands, then one M per cut and its D's.
	var tb51, tb53 float64
	var tb123 []float64
	type seg struct{ pts [][2]float64 }
	var cuts []seg
	num := func(s string) []float64 {
		var out []float64
		for _, f := range strings.Split(s, ",") {
			v, err := strconv.ParseFloat(f, 64)
			if err != nil {
				t.Fatalf("bad number in %q", s)
			}
			out = append(out, v/gpglUnits)
		}
		return out
	}
	searched := false
	for _, c := range strings.Split(strings.TrimPrefix(stream.String(), "\x1b\x04"), "\x03") {
		switch {
		case strings.HasPrefix(c, "TB51,"):
			tb51 = num(c[5:])[0]
		case strings.HasPrefix(c, "TB53,"):
			tb53 = num(c[5:])[0]
		case strings.HasPrefix(c, "TB123,"):
			tb123 = num(c[6:])
			searched = true
		case searched && strings.HasPrefix(c, "M"):
			v := num(c[1:])
			cuts = append(cuts, seg{pts: [][2]float64{{v[1], v[0]}}})
		case searched && strings.HasPrefix(c, "D"):
			v := num(c[1:])
			cuts[len(cuts)-1].pts = append(cuts[len(cuts)-1].pts, [2]float64{v[1], v[0]})
		}
	}
	if len(tb123) != 4 || tb51 == 0 || tb53 == 0 {
		t.Fatalf("no mark search in the stream: %q", stream.String())
	}
	cuts = cuts[:len(cuts)-1] // the final move feeds the media out
	if len(cuts) != len(plan.Cuts) {
		t.Fatalf("%d cuts in the stream, %d planned", len(cuts), len(plan.Cuts))
	}

	const tol = 0.1
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s: cut file %.3f mm, printed page %.3f mm (off by %.3f)", what, got, want, got-want)
		} else {
			t.Logf("%s: cut file %.3f mm, printed page %.3f mm", what, got, want)
		}
	}
	tl, tr, bl := boxes["regmark-tl"], boxes["regmark-tr"], boxes["regmark-bl"]
	// Inkscape's boxes are visual: the L's lines stick out half their
	// width past the corner point (butt ends at the arms' far ends).
	lw := tb53
	near("square side", tl.x1-tl.x0, RegMarkSquare)
	near("L line width + arm (TB53/2 + TB51), top right", tr.x1-tr.x0, tb51+lw/2)
	near("L line width + arm (TB53/2 + TB51), bottom left", bl.y1-bl.y0, tb51+lw/2)
	near("distance across, square corner to top-right L (TB123 w)", tb123[1], tr.x1-lw/2-tl.x0)
	near("distance down, square corner to bottom-left L (TB123 h)", tb123[0], bl.y1-lw/2-tl.y0)
	near("top-right L at the square's height", tr.y0+lw/2, tl.y0)
	near("bottom-left L at the square's left", bl.x0+lw/2, tl.x0)
	near("search start top (TB123 t)", tb123[2], max(tl.y0-10, 0))
	near("search start left (TB123 l)", tb123[3], max(tl.x0-10, 0))

	// Inkscape's PNG of the page, 20 px/mm: the printed marks' ink, where
	// the sensor sees it. The square's corner is the origin; the L's line
	// centres are the distances of TB123.
	pngPath := filepath.Join(dir, "page.png")
	cmd = exec.Command(bin, "--export-type=png", "--export-dpi=508", "--export-background=#ffffff",
		"--export-background-opacity=1", "-o", pngPath, pagePath)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("inkscape --export-type=png: %v\n%s", err, out)
	}
	pf, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(pf)
	pf.Close()
	if err != nil {
		t.Fatal(err)
	}
	const pxmm = 20.0
	// ink returns the box (mm) of the dark pixels in the page area x0..x1,
	// y0..y1 mm; a pixel half covered counts half, so edges are found to
	// a fraction of a pixel by the covered area along each row / column.
	ink := func(x0, y0, x1, y1 float64) box {
		r := img.Bounds()
		b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for py := int(y0 * pxmm); py < int(y1*pxmm) && py < r.Dy(); py++ {
			for px := int(x0 * pxmm); px < int(x1*pxmm) && px < r.Dx(); px++ {
				c := color.GrayModel.Convert(img.At(r.Min.X+px, r.Min.Y+py)).(color.Gray)
				if c.Y < 128 { // more than half covered by black ink
					b = box{min(b.x0, float64(px)/pxmm), min(b.y0, float64(py)/pxmm),
						max(b.x1, float64(px+1)/pxmm), max(b.y1, float64(py+1)/pxmm)}
				}
			}
		}
		return b
	}
	W, H := doc.Width, doc.Height
	sq := ink(0, 0, 40, 40)
	trInk := ink(W-40, 0, W, 40)
	blInk := ink(0, H-40, 40, H)
	near("PNG: square's corner x (the cutter's origin) = Inkscape's box", sq.x0, boxes["regmark-tl"].x0)
	near("PNG: square's corner y (the cutter's origin) = Inkscape's box", sq.y0, boxes["regmark-tl"].y0)
	near("PNG: square side", sq.x1-sq.x0, RegMarkSquare)
	vline := ink(W-40, 20, W, 25) // a stretch of the top-right L's vertical arm
	near("PNG: printed line width (TB53)", tb53, vline.x1-vline.x0)
	near("PNG: distance across (TB123 w)", tb123[1], trInk.x1-lw/2-sq.x0)
	near("PNG: distance down (TB123 h)", tb123[0], blInk.y1-lw/2-sq.y0)
	near("PNG: top-right L arm + half line (TB51 + TB53/2)", trInk.x1-trInk.x0, tb51+lw/2)
	near("PNG: bottom-left L arm + half line (TB51 + TB53/2)", blInk.y1-blInk.y0, tb51+lw/2)

	// Every shape's cut, relative to the cutter's origin after the search
	// (the square's corner), where it is printed relative to that corner.
	for _, id := range []string{"badge", "star", "label"} {
		got := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for i, c := range cuts {
			if plan.Cuts[i].ShapeID != id {
				continue
			}
			for _, p := range c.pts {
				got = box{min(got.x0, p[0]), min(got.y0, p[1]), max(got.x1, p[0]), max(got.y1, p[1])}
			}
		}
		if math.IsInf(got.x0, 0) {
			t.Errorf("%s: not cut", id)
			continue
		}
		want := boxes[id]
		near(id+" left", got.x0, want.x0-tl.x0)
		near(id+" top", got.y0, want.y0-tl.y0)
		near(id+" right", got.x1, want.x1-tl.x0)
		near(id+" bottom", got.y1, want.y1-tl.y0)
		if id == "badge" { // the blue badge is dark enough to find as ink
			b := ink(want.x0-5, want.y0-5, want.x1+5, want.y1+5)
			near("PNG: badge left, from the square's corner", got.x0, b.x0-sq.x0)
			near("PNG: badge top, from the square's corner", got.y0, b.y0-sq.y0)
			near("PNG: badge right, from the square's corner", got.x1, b.x1-sq.x0)
			near("PNG: badge bottom, from the square's corner", got.y1, b.y1-sq.y0)
		}
	}
}

// FuzzWritePrintPage: any bytes give a page or an error, never a panic,
// and a page written is well-formed XML with the marks in it.
func FuzzWritePrintPage(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join("testdata", "regmarks", "sticker.svg")); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="100mm"/>`))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE svg><svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:rect width="5" height="5"/></svg:svg>`))
	f.Add([]byte(`<html><svg></svg></html>`))
	f.Fuzz(func(t *testing.T, src []byte) {
		var out bytes.Buffer
		if err := WritePrintPage(&out, src, RegMarks{PageWidth: 210, PageHeight: 297}); err != nil {
			if !errors.Is(err, ErrPrintPage) {
				t.Fatalf("error not ErrPrintPage: %v", err)
			}
			return
		}
		if !bytes.Contains(out.Bytes(), []byte(`id="regmark-tl"`)) {
			t.Fatal("page without marks")
		}
	})
}

// TestWritePrintPageKeepsSource: the source's own markup is kept as it
// is (prefixes, defs, ids), only the root's size attributes replaced, and
// a compressed source is read through.
func TestWritePrintPageKeepsSource(t *testing.T) {
	src := `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="8.5in" height="11in" viewBox="0 0 850 1100" x="3"><g inkscape:label="L" id="a"><rect id="r" x="100" y="100" width="50" height="50"/></g></svg>
`
	var out bytes.Buffer
	if err := WritePrintPage(&out, []byte(src), RegMarks{PageWidth: 215.9, PageHeight: 279.4}); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{`width="215.9mm" height="279.4mm" viewBox="0 0 215.9 279.4"`,
		`viewBox="0 0 850 1100" x="0" y="0" width="215.9" height="279.4"`,
		`<g inkscape:label="L" id="a"><rect id="r" x="100" y="100" width="50" height="50"/></g></svg>`,
		`<path id="regmark-tr" d="M 185.9,10 H 205.9 V 30"`, `<path id="regmark-bl" d="M 30,269.4 H 10 V 249.4"`} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %s:\n%s", want, s)
		}
	}
	if strings.Contains(s, `"8.5in"`) || strings.Contains(s, `x="3"`) {
		t.Errorf("the root's own size kept:\n%s", s)
	}
	if err := WritePrintPage(&bytes.Buffer{}, []byte(`<html/>`), RegMarks{PageWidth: 210, PageHeight: 297}); !errors.Is(err, ErrPrintPage) {
		t.Errorf("html root: err = %v", err)
	}
}
