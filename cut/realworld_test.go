package cut

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/usinette/usinette/vector"
)

// Limits of the real-world test: the share of Inkscape's visible edges no
// cut runs along, and the share of cut length along no visible edge.
const (
	maxMissed = 0.005
	maxExtra  = 0.005
)

// knownExtra are files whose cut runs along more than maxExtra of length
// that Inkscape's picture shows no edge for, with the bound they are held
// to and what was seen. Hidden parts under opaque shapes (knock-out),
// same-coloured overlaps, gradients fading out and edges of translucent
// paint that change the picture by no more than visibleStep (colour.go)
// are not cut. None at present: ink-stars.svgz (translucent fills over
// shapes of close colour, 0.60 %) was held here until the knock-out
// composited translucent paint.
var knownExtra = map[string]struct {
	bound float64
	why   string
}{}

// Widths in pixels of Inkscape's renderings: pages (icons, 6.35 mm: 157
// px/mm) and drawings that run off their page (Inkscape's examples,
// 250–400 mm: 6–10 px/mm).
const (
	pageRenderWidth    = 1000
	drawingRenderWidth = 2400
)

// inkscapeRender has Inkscape (an oracle we did not write) render every
// file's page to PNG, in one batch run, and returns the PNG paths by file.
func inkscapeRender(t *testing.T, files []string, area string, width int) map[string]string {
	t.Helper()
	bin, err := exec.LookPath("inkscape")
	if err != nil {
		if os.Getenv("USINETTE_ORACLES_REQUIRED") != "" {
			t.Fatal("inkscape required but not installed")
		}
		t.Skip("inkscape not installed: the rendering oracle is needed")
	}
	dir := t.TempDir()
	out := map[string]string{}
	var args []string
	for i, f := range files {
		ext := filepath.Ext(f)
		in := filepath.Join(dir, fmt.Sprintf("f%03d%s", i, ext))
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(in, b, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, in)
		out[f] = strings.TrimSuffix(in, ext) + ".png"
	}
	if len(files) == 0 {
		return out
	}
	cmd := exec.Command(bin, append([]string{"--export-type=png", "--export-area-" + area,
		"--export-width=" + strconv.Itoa(width), "--export-background-opacity=0"}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("inkscape: %v\n%s", err, b)
	}
	return out
}

// inkscapeDrawingBox is Inkscape's visual box of the whole drawing
// (--query-all, first line), in page millimetres.
func inkscapeDrawingBox(t *testing.T, file string) (vector.Point, vector.Point) {
	t.Helper()
	cmd := exec.Command("inkscape", "--query-all", file)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("inkscape --query-all: %v", err)
	}
	f := strings.Split(strings.SplitN(strings.TrimSpace(string(b)), "\n", 2)[0], ",")
	if len(f) != 5 {
		t.Fatalf("inkscape --query-all: %q", b)
	}
	var v [4]float64
	for i := range v {
		if v[i], err = strconv.ParseFloat(f[i+1], 64); err != nil {
			t.Fatalf("inkscape --query-all: %q", f)
		}
		v[i] *= 25.4 / 96
	}
	return vector.Point{X: v[0], Y: v[1]}, vector.Point{X: v[0] + v[2], Y: v[1] + v[3]}
}

// edgeMap marks the pixels where Inkscape's picture changes: a colour or
// coverage step to a 4-neighbour (premultiplied RGBA differing by more
// than 20 of 255, so faint translucent lines count). Smooth gradients
// are no edges.
func edgeMap(img image.Image) ([]bool, int, int) {
	r := img.Bounds()
	w, h := r.Dx(), r.Dy()
	px := make([][4]int32, w*h)
	nrgba, fast := img.(*image.NRGBA)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var c color.RGBA
			if fast { // Inkscape's PNGs: premultiply by hand, skip the interface
				q := nrgba.Pix[(y)*nrgba.Stride+4*x:]
				a := uint32(q[3])
				c = color.RGBA{uint8(uint32(q[0]) * a / 255), uint8(uint32(q[1]) * a / 255), uint8(uint32(q[2]) * a / 255), q[3]}
			} else {
				c = color.RGBAModel.Convert(img.At(r.Min.X+x, r.Min.Y+y)).(color.RGBA)
			}
			px[y*w+x] = [4]int32{int32(c.R), int32(c.G), int32(c.B), int32(c.A)}
		}
	}
	diff := func(a, b [4]int32) bool {
		for i := range a {
			if d := a[i] - b[i]; d > 20 || d < -20 {
				return true
			}
		}
		return false
	}
	edge := make([]bool, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p := px[y*w+x]
			// The page border crops the picture: a painted pixel on it is
			// an edge (beyond the page is transparent).
			if (x == 0 || y == 0 || x == w-1 || y == h-1) && p[3] > 64 {
				edge[y*w+x] = true
			}
			if x+1 < w && diff(p, px[y*w+x+1]) {
				edge[y*w+x], edge[y*w+x+1] = true, true
			}
			if y+1 < h && diff(p, px[(y+1)*w+x]) {
				edge[y*w+x], edge[(y+1)*w+x] = true, true
			}
		}
	}
	return edge, w, h
}

// realStats is what the comparison measured on one file.
type realStats struct {
	debug           *image.RGBA // when asked: edges grey, cut samples green, extra red
	edges, missed   int
	samples, extra  int
	cuts            int
	holesOK         bool
	gpglHPGLWorstMM float64
}

// compareWithInkscape measures a plan against Inkscape's picture of the
// page at pxPerMM: every edge pixel must lie within reach of a cut (the
// flattening tolerance and two pixels, plus half the stroke width for a
// stroked shape, whose visible edges lie that far off its path), and every
// point along the cuts within the same reach of an edge pixel.
func compareWithInkscape(edge []bool, w, h int, pxPerMM float64, plan *Plan, reach map[string]float64, off vector.Point) realStats {
	var st realStats
	if os.Getenv("USINETTE_CUT_DEBUG") != "" {
		st.debug = image.NewRGBA(image.Rect(0, 0, w, h))
		for i, e := range edge {
			if e {
				st.debug.Set(i%w, i/w, color.RGBA{180, 180, 180, 255})
			}
		}
	}
	near := make([]bool, w*h)
	base := math.Max(2, 0.03*pxPerMM)
	for _, c := range plan.Cuts {
		rad := base + reach[c.ShapeID]*pxPerMM
		for k := 1; k < len(c.Points); k++ {
			a := vector.Point{X: (c.Points[k-1].X + off.X) * pxPerMM, Y: (c.Points[k-1].Y + off.Y) * pxPerMM}
			b := vector.Point{X: (c.Points[k].X + off.X) * pxPerMM, Y: (c.Points[k].Y + off.Y) * pxPerMM}
			x0, x1 := int(math.Floor(math.Min(a.X, b.X)-rad)), int(math.Ceil(math.Max(a.X, b.X)+rad))
			y0, y1 := int(math.Floor(math.Min(a.Y, b.Y)-rad)), int(math.Ceil(math.Max(a.Y, b.Y)+rad))
			for y := max(y0, 0); y <= min(y1, h-1); y++ {
				for x := max(x0, 0); x <= min(x1, w-1); x++ {
					if !near[y*w+x] && pointSegDist(vector.Point{X: float64(x) + 0.5, Y: float64(y) + 0.5}, a, b) <= rad {
						near[y*w+x] = true
					}
				}
			}
			// samples every pixel along the cut
			l := math.Hypot(b.X-a.X, b.Y-a.Y)
			n := max(1, int(l))
			for s := 0; s < n; s++ {
				t := (float64(s) + 0.5) / float64(n)
				p := vector.Point{X: a.X + t*(b.X-a.X), Y: a.Y + t*(b.Y-a.Y)}
				st.samples++
				on := edgeWithin(edge, w, h, p, rad+1)
				if !on {
					st.extra++
				}
				if st.debug != nil {
					c := color.RGBA{0, 160, 0, 255}
					if !on {
						c = color.RGBA{255, 0, 0, 255}
					}
					st.debug.Set(int(p.X), int(p.Y), c)
				}
			}
		}
	}
	for i, e := range edge {
		if e {
			st.edges++
			if !near[i] {
				st.missed++
			}
		}
	}
	st.cuts = len(plan.Cuts)
	return st
}

func edgeWithin(edge []bool, w, h int, p vector.Point, rad float64) bool {
	r := int(math.Ceil(rad))
	cx, cy := int(p.X), int(p.Y)
	for y := max(cy-r, 0); y <= min(cy+r, h-1); y++ {
		for x := max(cx-r, 0); x <= min(cx+r, w-1); x++ {
			if edge[y*w+x] && math.Hypot(float64(x)+0.5-p.X, float64(y)+0.5-p.Y) <= rad {
				return true
			}
		}
	}
	return false
}

// holesFirst reports whether every closed cut lying inside another closed
// cut comes before it (an even-odd test on the planned geometry).
func holesFirst(plan *Plan) (bool, string) {
	for i, a := range plan.Cuts {
		for j := 0; j < i; j++ {
			b := plan.Cuts[j]
			if a.Closed && b.Closed && ringInside(a.Points, b.Points) {
				return false, fmt.Sprintf("cut %d (%s) inside cut %d (%s) comes after it", i+1, a.ShapeID, j+1, b.ShapeID)
			}
		}
	}
	return true, ""
}

// gpglStrokes reads the blade-down strokes of a GPGL stream, in mm.
func gpglStrokes(b []byte) [][]vector.Point {
	var out [][]vector.Point
	var cur []vector.Point
	for _, c := range strings.Split(string(b), "\x03") {
		if len(c) < 2 || (c[0] != 'M' && c[0] != 'D') || strings.Count(c, ",") != 1 {
			continue
		}
		f := strings.Split(c[1:], ",")
		y, err1 := strconv.Atoi(f[0])
		x, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil {
			continue
		}
		p := vector.Point{X: float64(x) / 20, Y: float64(y) / 20}
		if c[0] == 'M' {
			if len(cur) > 1 {
				out = append(out, cur)
			}
			cur = []vector.Point{p}
		} else {
			cur = append(cur, p)
		}
	}
	if len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// gpglVersusHPGL writes the plan both ways and returns the largest
// distance between corresponding points, in mm (HPGL's y flipped back in
// the plan's frame); an error when the strokes differ in number or shape.
func gpglVersusHPGL(plan *Plan) (float64, error) {
	var g, hp bytes.Buffer
	if err := (GPGL{Media: plan.Media}).Write(&g, plan); err != nil {
		return 0, err
	}
	if err := (HPGL{}).Write(&hp, plan); err != nil {
		return 0, err
	}
	gs := gpglStrokes(g.Bytes())
	var hs [][]vector.Point
	for _, s := range parseHPGLNoT(hp.Bytes()) {
		for i := range s {
			s[i] = vector.Point{X: s[i].X / 40, Y: plan.Height - s[i].Y/40}
		}
		hs = append(hs, s)
	}
	if len(gs) != len(hs) {
		return 0, fmt.Errorf("GPGL %d strokes, HPGL %d", len(gs), len(hs))
	}
	worst := 0.0
	for i := range gs {
		if len(gs[i]) != len(hs[i]) {
			return 0, fmt.Errorf("stroke %d: GPGL %d points, HPGL %d", i+1, len(gs[i]), len(hs[i]))
		}
		for k := range gs[i] {
			worst = math.Max(worst, gs[i][k].Dist(hs[i][k]))
		}
	}
	return worst, nil
}

// parseHPGLNoT is parseHPGL without a testing.T (PU/PD polylines in
// plotter units).
func parseHPGLNoT(b []byte) [][]vector.Point {
	var paths [][]vector.Point
	var cur []vector.Point
	for _, c := range strings.Split(string(b), ";") {
		c = strings.TrimSpace(c)
		if len(c) < 2 || (c[:2] != "PU" && c[:2] != "PD") {
			continue
		}
		var v []float64
		for _, f := range strings.Split(c[2:], ",") {
			if x, err := strconv.ParseFloat(f, 64); err == nil {
				v = append(v, x)
			}
		}
		if c[:2] == "PU" {
			if len(cur) > 1 {
				paths = append(paths, cur)
			}
			cur = nil
			if len(v) >= 2 {
				cur = []vector.Point{{X: v[len(v)-2], Y: v[len(v)-1]}}
			}
			continue
		}
		for i := 0; i+1 < len(v); i += 2 {
			cur = append(cur, vector.Point{X: v[i], Y: v[i+1]})
		}
	}
	if len(cur) > 1 {
		paths = append(paths, cur)
	}
	return paths
}

// TestCutWhatInkscapeShows cuts every file of testdata/edge (hand-made
// cases of issue 15) and testdata/real (public icon sets and Inkscape's
// examples, see testdata/README.md) and measures the cut against
// Inkscape's rendering of the page: missed visible edges and cut length off
// every visible edge each at most 0.5 %; holes before the outline around
// them; GPGL and HPGL the same geometry to 0.1 mm.
func TestCutWhatInkscapeShows(t *testing.T) {
	if testing.Short() {
		t.Skip("renders every file with Inkscape")
	}
	var files []string
	for _, pat := range []string{"edge/*.svg", "edge/*.svgz", "real/*.svg", "real/*.svgz"} {
		m, _ := filepath.Glob(filepath.Join("testdata", pat))
		files = append(files, m...)
	}
	slices.Sort(files)
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	// A drawing on its page is rendered and cut where it is (the page
	// export, our page placement); one that runs off its page (Inkscape's
	// tiling examples) is rendered by its drawing area and cut at the
	// origin, shifted by Inkscape's own drawing box.
	docs := map[string]*vector.Document{}
	var onPage, offPage []string
	for _, file := range files {
		doc, err := vector.ReadFile(file, vector.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		docs[file] = doc
		lo, hi := shapesBounds(doc.Shapes)
		if lo.X >= -EdgeTolerance && lo.Y >= -EdgeTolerance && hi.X <= doc.Width+EdgeTolerance && hi.Y <= doc.Height+EdgeTolerance {
			onPage = append(onPage, file)
		} else {
			offPage = append(offPage, file)
		}
	}
	pngs := inkscapeRender(t, onPage, "page", pageRenderWidth)
	for k, v := range inkscapeRender(t, offPage, "drawing", drawingRenderWidth) {
		pngs[k] = v
	}
	var worstMissed, worstExtra, worstGH float64
	var table strings.Builder
	for _, file := range files {
		name := strings.TrimPrefix(file, "testdata/")
		t.Run(name, func(t *testing.T) {
			doc := docs[file]
			for _, w := range doc.Warnings {
				t.Logf("warning: %s", w)
			}
			if len(doc.Unconverted) > 0 {
				t.Fatalf("text %v: not cut, Inkscape draws it", doc.Unconverted)
			}
			shapes, err := vector.Select(doc, vector.Selection{})
			if err != nil {
				t.Fatal(err)
			}
			reach := map[string]float64{}
			for _, s := range shapes {
				if s.Stroke.Set {
					reach[s.ID] = math.Max(reach[s.ID], s.StrokeWidth/2)
				}
			}
			drawing := slices.Contains(offPage, file)
			plan, err := NewPlan(context.Background(), shapes, PlanOptions{AtOrigin: drawing,
				PageWidth: doc.Width, PageHeight: doc.Height, RollLength: 100000})
			if err != nil {
				t.Fatal(err)
			}
			var off vector.Point
			frameW := doc.Width
			if drawing {
				vlo, vhi := inkscapeDrawingBox(t, file)
				glo, _ := shapesBounds(shapes)
				off = vector.Point{X: glo.X - vlo.X, Y: glo.Y - vlo.Y}
				frameW = vhi.X - vlo.X
			}
			f, err := os.Open(pngs[file])
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			edge, w, h := edgeMap(img)
			pxPerMM := float64(w) / frameW
			if !drawing && math.Abs(float64(h)/pxPerMM-doc.Height) > 2/pxPerMM {
				t.Fatalf("Inkscape's page is %d×%d px, our page %.3f×%.3f mm", w, h, doc.Width, doc.Height)
			}
			st := compareWithInkscape(edge, w, h, pxPerMM, plan, reach, off)
			if st.debug != nil {
				out := filepath.Join(os.Getenv("USINETTE_CUT_DEBUG"), strings.ReplaceAll(name, "/", "_")+".png")
				if f, err := os.Create(out); err == nil {
					png.Encode(f, st.debug)
					f.Close()
				}
			}
			missed := float64(st.missed) / math.Max(1, float64(st.edges))
			extra := float64(st.extra) / math.Max(1, float64(st.samples))
			ok, why := holesFirst(plan)
			if !ok {
				t.Errorf("holes: %s", why)
			}
			gh, err := gpglVersusHPGL(plan)
			if err != nil {
				t.Errorf("GPGL vs HPGL: %v", err)
			} else if gh > 0.1 {
				t.Errorf("GPGL and HPGL differ by %.3f mm", gh)
			}
			if missed > maxMissed {
				t.Errorf("missed %.2f %% of Inkscape's %d edge pixels", 100*missed, st.edges)
			}
			limit := maxExtra
			if k, ok := knownExtra[name]; ok {
				limit = k.bound
				t.Logf("extra allowed up to %.1f %%: %s", 100*k.bound, k.why)
				// what --weld makes of it (logged: the figure for the issue)
				if wp, err := NewPlan(context.Background(), Weld(shapes), PlanOptions{AtOrigin: drawing,
					PageWidth: doc.Width, PageHeight: doc.Height, RollLength: 100000}); err == nil {
					ws := compareWithInkscape(edge, w, h, pxPerMM, wp, reach, off)
					t.Logf("welded: missed %.3f %%, extra %.3f %%", 100*float64(ws.missed)/math.Max(1, float64(ws.edges)), 100*float64(ws.extra)/math.Max(1, float64(ws.samples)))
				}
			}
			if extra > limit {
				t.Errorf("%.2f %% of the cut (%d of %d samples) along no visible edge", 100*extra, st.extra, st.samples)
			}
			worstMissed, worstGH = math.Max(worstMissed, missed), math.Max(worstGH, gh)
			if _, known := knownExtra[name]; !known {
				worstExtra = math.Max(worstExtra, extra)
			}
			fmt.Fprintf(&table, "%-48s %4d cuts  missed %6.3f %%  extra %6.3f %%  GPGL-HPGL %.3f mm  %.1f px/mm (reach %.3f mm)\n",
				name, st.cuts, 100*missed, 100*extra, gh, pxPerMM, math.Max(2, 0.03*pxPerMM)/pxPerMM)
		})
	}
	t.Logf("%d files; worst missed %.3f %%, worst extra %.3f %% (files not in knownExtra), worst GPGL/HPGL %.3f mm\n%s",
		len(files), 100*worstMissed, 100*worstExtra, worstGH, table.String())
}

func shapesBounds(shapes []vector.Shape) (vector.Point, vector.Point) {
	var all []vector.Point
	for _, s := range shapes {
		for _, sp := range s.Subpaths {
			all = append(all, sp.Points...)
		}
	}
	return bounds(all)
}
