package preview

import (
	"math"

	"github.com/tdewolff/canvas"
)

// bar appends to p the rectangle of half-width hw around the segment
// (x0, y0)–(x1, y1), counter-clockwise; nothing for a segment of no length.
func bar(p *canvas.Path, x0, y0, x1, y1, hw float64) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*hw, dx/l*hw // the left normal: right side forward, left side back
	p.MoveTo(x0-nx, y0-ny)
	p.LineTo(x1-nx, y1-ny)
	p.LineTo(x1+nx, y1+ny)
	p.LineTo(x0+nx, y0+ny)
	p.Close()
}

// disc appends to p a counter-clockwise regular polygon of n sides (at
// least 3) and radius r around (x, y).
func disc(p *canvas.Path, x, y, r float64, n int) {
	n = max(n, 3)
	p.MoveTo(x+r, y)
	for i := 1; i < n; i++ {
		a := 2 * math.Pi * float64(i) / float64(n)
		p.LineTo(x+r*math.Cos(a), y+r*math.Sin(a))
	}
	p.Close()
}

// sides is how many sides a disc of radius r needs to look round when one
// pixel is px (same unit): about one side per 1.5 pixels of circumference,
// 6 to 32.
func sides(r, px float64) int {
	return min(max(int(math.Ceil(2*math.Pi*r/px/1.5)), 6), 32)
}

// dashes appends bars of half-width hw and length on, separated by gaps
// of length off, along the segment (x0, y0)–(x1, y1).
func dashes(p *canvas.Path, x0, y0, x1, y1, hw, on, off float64) {
	l := math.Hypot(x1-x0, y1-y0)
	for t := 0.0; t < l; t += on + off {
		a, b := t/l, min(t+on, l)/l
		bar(p, x0+(x1-x0)*a, y0+(y1-y0)*a, x0+(x1-x0)*b, y0+(y1-y0)*b, hw)
	}
}
