package vector_test

import (
	"fmt"
	"strings"

	"github.com/usinette/usinette/vector"
)

func ExampleRead() {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg"
  xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
  width="100mm" height="50mm" viewBox="0 0 200 100">
  <g inkscape:groupmode="layer" inkscape:label="Cut" style="stroke:#ff0000">
    <rect id="box" x="20" y="20" width="40" height="20" fill="none"/>
  </g>
  <g inkscape:groupmode="layer" inkscape:label="Print" style="display:none">
    <circle id="hidden" cx="50" cy="50" r="10"/>
  </g>
</svg>`
	doc, err := vector.Read(strings.NewReader(svg), vector.ReadOptions{Name: "design.svg"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("page %.0fx%.0f mm, %d shape(s)\n", doc.Width, doc.Height, len(doc.Shapes))
	for _, s := range doc.Shapes {
		fmt.Printf("%s on %q stroke %v: %v closed=%v\n", s.ID, s.Layer(), s.Stroke.Color, s.Subpaths[0].Points, s.Subpaths[0].Closed)
	}
	// Output:
	// page 100x50 mm, 1 shape(s)
	// box on "Cut" stroke {255 0 0 255}: [{10 10} {30 10} {30 20} {10 20}] closed=true
}
