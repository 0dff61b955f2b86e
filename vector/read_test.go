package vector

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func readString(t *testing.T, s string) *Document {
	t.Helper()
	doc, err := Read(strings.NewReader(s), ReadOptions{Name: "test.svg"})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func svgDoc(attrs, body string) string {
	return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:inkstitch="http://inkstitch.org/namespace" ` + attrs + `>` + body + `</svg>`
}

func docBox(d *Document) box {
	b := emptyBox()
	for i := range d.Shapes {
		b = b.union(shapeBox(&d.Shapes[i]))
	}
	return b
}

func TestReadUnitsAndViewBox(t *testing.T) {
	rect := `<rect x="10" y="10" width="20" height="10"/>`
	tests := []struct {
		name, attrs string
		w, h        float64
		want        box
	}{
		{"mm viewBox", `width="100mm" height="50mm" viewBox="0 0 100 50"`, 100, 50, box{10, 10, 30, 20}},
		{"cm", `width="10cm" height="5cm" viewBox="0 0 100 50"`, 100, 50, box{10, 10, 30, 20}},
		{"in", `width="1in" height="1in" viewBox="0 0 254 254"`, 25.4, 25.4, box{1, 1, 3, 2}},
		{"pt", `width="72pt" height="72pt" viewBox="0 0 254 254"`, 25.4, 25.4, box{1, 1, 3, 2}},
		{"pc", `width="6pc" height="6pc" viewBox="0 0 254 254"`, 25.4, 25.4, box{1, 1, 3, 2}},
		{"px no viewBox", `width="96" height="96"`, 25.4, 25.4, box{10 * 25.4 / 96, 10 * 25.4 / 96, 30 * 25.4 / 96, 20 * 25.4 / 96}},
		{"unitless no size", ``, 0, 0, box{10 * 25.4 / 96, 10 * 25.4 / 96, 30 * 25.4 / 96, 20 * 25.4 / 96}},
		{"viewBox origin", `width="100mm" height="50mm" viewBox="10 10 100 50"`, 100, 50, box{0, 0, 20, 10}},
		{"meet centres", `width="200mm" height="50mm" viewBox="0 0 100 50"`, 200, 50, box{60, 10, 80, 20}},
		{"xMinYMin", `width="200mm" height="50mm" viewBox="0 0 100 50" preserveAspectRatio="xMinYMin meet"`, 200, 50, box{10, 10, 30, 20}},
		{"none stretches", `width="200mm" height="50mm" viewBox="0 0 100 50" preserveAspectRatio="none"`, 200, 50, box{20, 10, 60, 20}},
		{"slice", `width="200mm" height="50mm" viewBox="0 0 100 50" preserveAspectRatio="xMidYMid slice"`, 200, 50, box{20, -5, 60, 15}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := readString(t, svgDoc(tc.attrs, rect))
			opt := cmpopts.EquateApprox(0, 1e-9)
			if diff := cmp.Diff([]float64{tc.w, tc.h}, []float64{d.Width, d.Height}, opt); diff != "" {
				t.Errorf("page size (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.want, docBox(d), opt); diff != "" {
				t.Errorf("box (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadTransforms(t *testing.T) {
	sq := `<path d="M0,0 H10 V10 H0 Z"/>`
	tests := []struct {
		transform string
		want      box
	}{
		{"translate(5)", box{5, 0, 15, 10}},
		{"translate(5,7)", box{5, 7, 15, 17}},
		{"scale(2)", box{0, 0, 20, 20}},
		{"scale(2,3)", box{0, 0, 20, 30}},
		{"rotate(90)", box{-10, 0, 0, 10}},
		{"rotate(180,10,10)", box{10, 10, 20, 20}},
		{"skewX(45)", box{0, 0, 20, 10}},
		{"skewY(45)", box{0, 0, 10, 20}},
		{"matrix(1,0,0,1,3,4)", box{3, 4, 13, 14}},
		{"translate(10,0) scale(2)", box{10, 0, 30, 20}},
		{"scale(2) translate(10,0)", box{20, 0, 40, 20}},
	}
	for _, tc := range tests {
		t.Run(tc.transform, func(t *testing.T) {
			d := readString(t, svgDoc(`width="100mm" height="100mm" viewBox="0 0 100 100"`,
				`<g transform="`+tc.transform+`">`+sq+`</g>`))
			if diff := cmp.Diff(tc.want, docBox(d), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadShapesAndPaths(t *testing.T) {
	tests := []struct {
		name, body string
		want       box
		subpaths   int
		closed     bool
	}{
		{"rect rx", `<rect x="0" y="0" width="20" height="10" rx="2"/>`, box{0, 0, 20, 10}, 1, true},
		{"circle", `<circle cx="10" cy="10" r="5"/>`, box{5, 5, 15, 15}, 1, true},
		{"ellipse", `<ellipse cx="10" cy="10" rx="5" ry="2"/>`, box{5, 8, 15, 12}, 1, true},
		{"line", `<line x1="1" y1="2" x2="3" y2="4"/>`, box{1, 2, 3, 4}, 1, false},
		{"polyline", `<polyline points="0,0 10,0 10,5"/>`, box{0, 0, 10, 5}, 1, false},
		{"polygon", `<polygon points="0,0 10,0 10,5"/>`, box{0, 0, 10, 5}, 1, true},
		{"relative + implicit", `<path d="m1,1 2,0 0,2 z"/>`, box{1, 1, 3, 3}, 1, true},
		{"two subpaths", `<path d="M0,0 H4 V4 Z M1,1 H2 V2 Z"/>`, box{0, 0, 4, 4}, 2, true},
		{"arc radii too small scaled up", `<path d="M0,0 A1,1 0 0 1 10,0"/>`, box{0, -5, 10, 0}, 1, false},
		{"zero radius arc is a line", `<path d="M0,0 A0,5 0 0 1 10,0"/>`, box{0, 0, 10, 0}, 1, false},
		{"smooth cubic", `<path d="M0,0 C0,10 10,10 10,0 S20,-10 20,0"/>`, box{0, -7.5, 20, 7.5}, 1, false},
		{"smooth quad", `<path d="M0,0 Q5,10 10,0 T20,0"/>`, box{0, -5, 20, 5}, 1, false},
		{"compact numbers", `<path d="M0,0h1e1v-.5.5-1.5z"/>`, box{0, -1.5, 10, 0}, 1, true},
		{"reversal kept", `<path d="M0,5 V0 5 H1"/>`, box{0, 0, 1, 5}, 1, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := readString(t, svgDoc(`width="100mm" height="100mm" viewBox="0 0 100 100"`, tc.body))
			if len(d.Shapes) != 1 {
				t.Fatalf("%d shapes", len(d.Shapes))
			}
			s := d.Shapes[0]
			if len(s.Subpaths) != tc.subpaths || s.Subpaths[0].Closed != tc.closed {
				t.Errorf("%d subpaths closed=%v, want %d closed=%v", len(s.Subpaths), s.Subpaths[0].Closed, tc.subpaths, tc.closed)
			}
			if diff := cmp.Diff(tc.want, docBox(d), cmpopts.EquateApprox(0, 0.021)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadCascadeAndVisibility(t *testing.T) {
	body := `<style>.cut { stroke: #ff0000 } #b { fill: blue } path { fill-rule: evenodd }</style>
<defs><rect id="hiddenDef" width="5" height="5"/>
 <linearGradient id="lg"><stop offset="0" style="stop-color:#123456"/></linearGradient>
 <linearGradient id="lg2" xlink:href="#lg"/></defs>
<g inkscape:groupmode="layer" inkscape:label="Top" fill="green" style="stroke-width:2">
  <g inkscape:groupmode="layer" inkscape:label="Inner">
    <path id="a" class="cut" d="M0,0 H1 V1 Z" inkstitch:angle="45"/>
    <path id="b" style="fill:#00ff00" d="M0,0 H1 V1 Z"/>
    <path id="c" d="M0,0 H1 V1 Z" visibility="hidden"/>
    <g visibility="hidden"><path id="d" visibility="visible" d="M0,0 H1 V1 Z"/></g>
    <path id="e" style="display:none" d="M0,0 H1 V1 Z"/>
    <g opacity="0"><path id="f" d="M0,0 H1 V1 Z"/></g>
    <path id="g" fill="url(#lg2)" stroke="currentColor" color="#abcdef" d="M0,0 H1 V1 Z"/>
    <text id="t1">hello</text>
    <text id="t2" display="none">hidden</text>
  </g>
</g>
<path id="h" d="M0,0 H1 V1 Z"/>
<use id="u" xlink:href="#hiddenDef" x="10"/>`
	d := readString(t, svgDoc(`width="100mm" height="100mm" viewBox="0 0 100 100"`, body))
	type row struct {
		ID, Layer     string
		Fill, Stroke  Paint
		Rule          FillRule
		StrokeWidthMM float64
	}
	var got []row
	for _, s := range d.Shapes {
		got = append(got, row{s.ID, s.Layer(), s.Fill, s.Stroke, s.FillRule, s.StrokeWidth})
	}
	rgb := func(r, g, b uint8) Paint { return Paint{Set: true, Color: colorRGBA{R: r, G: g, B: b, A: 255}} }
	want := []row{
		{"a", "Top/Inner", rgb(0, 128, 0), rgb(255, 0, 0), EvenOdd, 2},
		{"b", "Top/Inner", rgb(0, 255, 0), Paint{Implicit: true}, EvenOdd, 2},
		{"d", "Top/Inner", rgb(0, 128, 0), Paint{Implicit: true}, EvenOdd, 2},
		{"g", "Top/Inner", rgb(0x12, 0x34, 0x56), rgb(0xab, 0xcd, 0xef), EvenOdd, 2},
		{"h", "", Paint{Implicit: true}, Paint{Implicit: true}, EvenOdd, 1},
		{"u", "", Paint{Implicit: true}, Paint{Implicit: true}, NonZero, 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"t1"}, d.Unconverted); diff != "" {
		t.Errorf("unconverted (-want +got):\n%s", diff)
	}
	if d.Shapes[0].Attrs["inkstitch:angle"] != "45" {
		t.Errorf("attrs %v", d.Shapes[0].Attrs)
	}
}

func TestReadUseChains(t *testing.T) {
	body := `<defs><use id="u1" xlink:href="#u2" transform="translate(0,100)"/><use id="u2" href="#r" transform="scale(10)"/></defs>
<g transform="scale(0.1)"><rect id="r" width="10" height="10"/></g>
<use id="u0" xlink:href="#u1" transform="scale(0.1)"/>
<use id="loop1" xlink:href="#loop2"/><use id="loop2" xlink:href="#loop1"/>`
	d := readString(t, svgDoc(`width="20mm" height="20mm" viewBox="0 0 20 20"`, body))
	var ids []string
	for _, s := range d.Shapes {
		ids = append(ids, s.ID)
	}
	if diff := cmp.Diff([]string{"r", "u0"}, ids); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	if got := shapeBox(&d.Shapes[1]); !got.near(box{0, 10, 10, 20}, 1e-9) {
		t.Errorf("u0 box %v", got)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, doc string
		want      error
		msg       string
	}{
		{"malformed", `<svg xmlns="http://www.w3.org/2000/svg"><g></svg>`, ErrSyntax, "test.svg: syntax error"},
		{"not svg", `<html/>`, ErrNotSVG, "root element is <html>"},
		{"unit", svgDoc(`width="10furlong" height="10mm"`, ``), ErrUnit, `unknown unit "furlong"`},
		{"nan width", svgDoc(`width="NaN" height="10mm"`, ``), ErrNaN, ""},
		{"nan path", svgDoc(``, `<path id="p" d="M0,0 L1e999,0"/>`), ErrNaN, `<path id="p">`},
		{"bad path", svgDoc(``, `<path id="p" d="M0,0 L1"/>`), ErrSyntax, `<path id="p">`},
		{"bad transform", svgDoc(``, `<g transform="spin(3)"/>`), ErrSyntax, "unknown transform"},
		{"empty", ``, ErrSyntax, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.doc), ReadOptions{Name: "test.svg"})
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "test.svg: ") {
				t.Errorf("message %q lacks %q", err, tc.msg)
			}
		})
	}
}

func TestFlattenTolerance(t *testing.T) {
	for _, tol := range []float64{0.5, 0.1, 0.02, 0.005} {
		d, err := Read(strings.NewReader(svgDoc(`width="100mm" height="100mm" viewBox="0 0 100 100"`,
			`<circle cx="50" cy="50" r="40"/><path d="M0,0 C0,100 100,100 100,0"/>`)), ReadOptions{Tolerance: tol})
		if err != nil {
			t.Fatal(err)
		}
		// every chord midpoint of the circle lies within tol of the circle
		for _, p := range chordMidpoints(d.Shapes[0].Subpaths[0]) {
			if dev := 40 - math.Hypot(p.X-50, p.Y-50); dev > tol+1e-9 || dev < -1e-9 {
				t.Errorf("tol %v: circle chord deviates %v", tol, dev)
			}
		}
	}
}

func chordMidpoints(sp Subpath) []Point {
	var out []Point
	n := len(sp.Points)
	for i := 0; i < n; i++ {
		a, b := sp.Points[i], sp.Points[(i+1)%n]
		out = append(out, Point{(a.X + b.X) / 2, (a.Y + b.Y) / 2})
	}
	return out
}
