package vector

import (
	"math"
	"strings"
	"testing"
)

// FuzzRead feeds arbitrary documents to the SVG reader: it must return a
// document or an error, never panic, and never produce NaN coordinates.
func FuzzRead(f *testing.F) {
	f.Add(svgDoc(`width="100mm" height="50mm" viewBox="-20 -20 200 200" preserveAspectRatio="none"`,
		`<g inkscape:groupmode="layer" inkscape:label="L" transform="rotate(30,5,5)"><rect id="r" width="10" height="5" rx="1"/></g><use xlink:href="#r" x="3"/>`))
	f.Add(svgDoc(`width="4in" height="3in"`, `<style>.a{fill:red}</style><circle class="a" r="3"/><ellipse rx="2" ry="1"/><polygon points="0,0 1,1 2"/>`))
	f.Add(svgDoc(``, `<path d="M1e3,2 a5 5 0 1 0 10 0 q1 2 3 4 t5 6 s1 2 3 4 z m1,1 l2,2"/><text>x</text>`))
	f.Add(svgDoc(`viewBox="0 0 80 40"`, `<clipPath id="c" clipPathUnits="objectBoundingBox"><circle cx=".5" cy=".5" r=".5"/></clipPath><mask id="m"><rect width="9" height="9" fill="#fff"/><circle r="2"/></mask><rect width="5" height="5" clip-path="url(#c)"/><g mask="url(#m)"><path d="M0,0 L5,5" stroke="#000"/></g>`))
	f.Add(svgDoc(``, `<symbol id="s" viewBox="0 0 100 100"><path d="M0,0 H50 V50"/></symbol><use xlink:href="#s" width="5" height="5"/><rect width="2" height="2" style="fill-opacity:0;stroke:#000;stroke-width:0"/>`))
	f.Add(`<svg xmlns="http://www.w3.org/2000/svg"><g>`)
	f.Add(`<!DOCTYPE svg [<!ENTITY ns "http://www.w3.org/2000/svg">]><svg xmlns="&ns;"/>`)
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := Read(strings.NewReader(s), ReadOptions{Tolerance: 0.5})
		if err != nil {
			return
		}
		for _, sh := range doc.Shapes {
			for _, sp := range sh.Subpaths {
				for _, p := range sp.Points {
					if math.IsNaN(p.X) || math.IsNaN(p.Y) {
						t.Fatalf("NaN point in %q", sh.ID)
					}
				}
			}
		}
	})
}

// FuzzPathData feeds arbitrary path data to the path parser and flattener.
func FuzzPathData(f *testing.F) {
	for _, s := range []string{
		"M 10,20 A 10,5 30 0 0 30,20 A 10,5 30 1 1 90,20",
		"m 10,40 a 2,2 0 0 1 20,0 a 0,5 0 0 1 10,0 a 5 5 0 1 0 10 0 z",
		"M10,60C15,50 25,50 30,60S45,70 50,60s10-10 20,0Q80,50 90,60T110,60t20,0l5,0 0,5h-2.5e0v1E1H10V60zm5,5h1e1v-.5.5-1.5z",
		"M0,0a1 1 0 1010 0", "M 32,55 z", "", "L1,2", "M1", "M 1e400 0",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, d string) {
		segs, err := parsePath(d)
		if err != nil {
			return
		}
		subs, err := flattenSegs(segs, svgMatrix(1, 0, 0, 1, 0, 0), 0.5)
		if err != nil {
			return
		}
		for _, sp := range subs {
			if len(sp.Points) < 2 {
				t.Fatalf("subpath with %d points", len(sp.Points))
			}
		}
	})
}
