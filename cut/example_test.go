package cut_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/usinette/usinette/cut"
	"github.com/usinette/usinette/vector"
)

// A 20 mm square cut on a Cameo: plan it, then write the GPGL stream.
func ExampleGPGL() {
	sq := []vector.Shape{{ID: "sq", Subpaths: []vector.Subpath{{Closed: true,
		Points: []vector.Point{{X: 10, Y: 10}, {X: 30, Y: 10}, {X: 30, Y: 30}, {X: 10, Y: 30}}}}}}
	plan, err := cut.NewPlan(context.Background(), sq, cut.PlanOptions{Overcut: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	var b bytes.Buffer
	if err := (cut.GPGL{Speed: 5, FirmwareOffset: true}).Write(&b, plan); err != nil {
		fmt.Println(err)
		return
	}
	// print the moves and draws, one command a line (y,x in 1/20 mm)
	for _, c := range strings.Split(b.String(), "\x03") {
		if strings.HasPrefix(c, "M") || strings.HasPrefix(c, "D") {
			fmt.Println(c)
		}
	}
	// Output:
	// M200,200
	// D200,600
	// D600,600
	// D600,200
	// D200,200
	// D200,220
	// M600,0
}

// A service cuts an uploaded SVG to GPGL bytes: read the document from any
// io.Reader, keep the visible shapes, plan, write.
func ExampleNewPlan() {
	upload := strings.NewReader(`<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="40mm" viewBox="0 0 60 40">
  <rect id="frame" x="5" y="5" width="50" height="30" fill="#c00"/>
  <circle id="hole" cx="30" cy="20" r="8" fill="white"/>
</svg>`)
	doc, err := vector.Read(upload, vector.ReadOptions{Name: "upload.svg"})
	if err != nil {
		fmt.Println(err)
		return
	}
	shapes, err := vector.Select(doc, vector.Selection{})
	if err != nil {
		fmt.Println(err)
		return
	}
	plan, err := cut.NewPlan(context.Background(), shapes, cut.PlanOptions{Overcut: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	var gpgl bytes.Buffer
	var format cut.Format = cut.GPGL{FirmwareOffset: true}
	if err := format.Write(&gpgl, plan); err != nil {
		fmt.Println(err)
		return
	}
	// the circle inside the frame is cut first; each closed cut has 1 mm of overcut
	for _, c := range plan.Cuts {
		fmt.Printf("%s: %.1f mm\n", c.ShapeID, c.Length())
	}
	fmt.Println(bytes.HasPrefix(gpgl.Bytes(), []byte("\x1b\x04")), bytes.Count(gpgl.Bytes(), []byte("\x03D")) > 0)
	// Output:
	// hole: 51.2 mm
	// frame: 161.0 mm
	// true true
}

// Print and cut on an A4 page: the marks 10 mm in, the commands that
// have the Cameo find them (in 1/20 mm, height before width), and the
// page for the printer.
func ExampleRegMarks() {
	marks := cut.RegMarks{PageWidth: 210, PageHeight: 297}
	x, y := marks.Origin()
	w, h := marks.Span()
	fmt.Printf("origin %g,%g mm; marks %g × %g mm apart\n", x, y, w, h)
	fmt.Println(strings.Join(marks.Commands(), " "))

	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297">` +
		`<circle cx="105" cy="148" r="40" fill="teal"/></svg>`
	var page bytes.Buffer
	if err := cut.WritePrintPage(&page, []byte(svg), marks); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Count(page.String(), `id="regmark-`))
	// Output:
	// origin 10,10 mm; marks 190 × 277 mm apart
	// TB50,0 TB99 TB52,2 TB51,400 TB53,10 TB55,1 TB123,5540,3800,0,0
	// 3
}
