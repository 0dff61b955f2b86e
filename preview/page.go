package preview

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
	"github.com/tdewolff/canvas/renderers/rasterizer"
	"github.com/usinette/usinette/vector"
)

// PageFormats are the file extensions Page writes.
var PageFormats = []string{".png", ".pdf"}

// Page draws a document's page as a printer gets it, in the format its
// name's extension asks for (.png at dpmm pixels per mm on white, or .pdf
// in millimetres): every shape as vector.Read made it (clones, symbols,
// clips and masks applied), fills under their fill rule, strokes at their
// width. Its colours are flat: a gradient is drawn in its first stop's
// colour and translucent paint opaque (vector.Shape keeps no opacity), so
// Approximate lists the shapes drawn so; for exact colours print the SVG.
func Page(w io.Writer, name string, doc *vector.Document, dpmm float64) error {
	ext := strings.ToLower(filepath.Ext(name))
	if !(doc.Width > 0 && doc.Height > 0) || math.IsInf(doc.Width, 0) || math.IsInf(doc.Height, 0) {
		return fmt.Errorf("%w: page %g × %g mm", ErrTooLarge, doc.Width, doc.Height)
	}
	// page millimetres, y down, to canvas's y-up millimetres
	m := canvas.Identity.Translate(0, doc.Height).ReflectY()
	switch ext {
	case ".png":
		if !(dpmm > 0) {
			return fmt.Errorf("%w: %g pixels per mm", ErrTooLarge, dpmm)
		}
		pw, ph := int(math.Ceil(doc.Width*dpmm)), int(math.Ceil(doc.Height*dpmm))
		if float64(pw)*float64(ph) > maxPixels {
			return fmt.Errorf("%w: %d × %d pixels", ErrTooLarge, pw, ph)
		}
		img := image.NewRGBA(image.Rect(0, 0, pw, ph))
		draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
		ras := rasterizer.FromImage(img, canvas.DPMM(dpmm), canvas.DefaultColorSpace)
		m = canvas.Identity.Translate(0, float64(ph)/dpmm).ReflectY()
		drawShapes(ras, doc.Shapes, m, 1/dpmm)
		ras.Close()
		return png.Encode(w, img)
	case ".pdf":
		p := pdf.New(w, doc.Width, doc.Height, nil)
		drawShapes(p, doc.Shapes, m, 0.01)
		return p.Close()
	}
	return fmt.Errorf("%s: %w", name, errPageFormat)
}

var errPageFormat = fmt.Errorf("%w: a printable page is .svg, %s", ErrFormat, strings.Join(PageFormats, " or "))

// Approximate returns the ids of the filled or stroked shapes whose paint
// Page draws flat and opaque although it is not (translucent, a gradient
// with transparent stops, masked).
func Approximate(doc *vector.Document) []string {
	var ids []string
	for _, s := range doc.Shapes {
		if (s.Filled() && !s.FillOpaque) || (s.Stroke.Set && !s.StrokeOpaque) || len(s.OpacityGroups) > 0 {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

type pathRenderer interface {
	RenderPath(*canvas.Path, canvas.Style, canvas.Matrix)
}

// drawShapes paints the shapes in document order; px is the finest
// detail worth drawing (a pixel), in mm.
func drawShapes(r pathRenderer, shapes []vector.Shape, m canvas.Matrix, px float64) {
	for i := range shapes {
		s := &shapes[i]
		if s.Filled() {
			p := &canvas.Path{}
			for _, sp := range s.Subpaths {
				if len(sp.Points) < 3 {
					continue
				}
				p.MoveTo(sp.Points[0].X, sp.Points[0].Y)
				for _, q := range sp.Points[1:] {
					p.LineTo(q.X, q.Y)
				}
				p.Close()
			}
			rule := canvas.NonZero
			if s.FillRule == vector.EvenOdd {
				rule = canvas.EvenOdd
			}
			c := s.Fill.Color
			if !s.Fill.Set {
				c = color.RGBA{0, 0, 0, 255}
			}
			c.A = 255
			if !p.Empty() {
				r.RenderPath(p, canvas.Style{Fill: canvas.Paint{Color: c}, FillRule: rule}, m)
			}
		}
		if s.Stroke.Set && s.StrokeWidth > 0 {
			// bars and round joints, filled: canvas's stroker is slow and
			// fragile on long self-crossing paths (see pngSurface)
			hw := max(s.StrokeWidth, px) / 2
			p := &canvas.Path{}
			for _, sp := range s.Subpaths {
				pts := sp.Points
				if sp.Closed && len(pts) > 1 {
					pts = append(append([]vector.Point(nil), pts...), pts[0])
				}
				for k := 0; k+1 < len(pts); k++ {
					bar(p, pts[k].X, pts[k].Y, pts[k+1].X, pts[k+1].Y, hw)
				}
				n := len(pts)
				for k := range pts {
					inner := k > 0 && k < n-1
					switch {
					case inner && s.StrokeLineJoin == "miter":
						miter(p, pts[k-1], pts[k], pts[k+1], hw, s.StrokeMiterLimit)
					case sp.Closed && k == 0 && n > 2 && s.StrokeLineJoin == "miter":
						miter(p, pts[n-2], pts[0], pts[1], hw, s.StrokeMiterLimit)
					case inner || (sp.Closed && k == 0) || s.StrokeLineCap == "round":
						disc(p, pts[k].X, pts[k].Y, hw, sides(hw, px))
					}
				}
			}
			c := s.Stroke.Color
			c.A = 255
			if !p.Empty() {
				r.RenderPath(p, canvas.Style{Fill: canvas.Paint{Color: c}, FillRule: canvas.NonZero}, m)
			}
		}
	}
}

// miter appends the join at v between the segments a→v and v→b of a
// stroke of half-width hw: the miter's tip, or a bevel when the miter
// would reach past limit × the width. Counter-clockwise, as bar's.
func miter(p *canvas.Path, a, v, b vector.Point, hw, limit float64) {
	d1x, d1y := v.X-a.X, v.Y-a.Y
	d2x, d2y := b.X-v.X, b.Y-v.Y
	l1, l2 := math.Hypot(d1x, d1y), math.Hypot(d2x, d2y)
	cross := d1x*d2y - d1y*d2x
	if l1 == 0 || l2 == 0 || cross == 0 {
		return
	}
	n1x, n1y := -d1y/l1, d1x/l1
	n2x, n2y := -d2y/l2, d2x/l2
	sgn := -math.Copysign(1, cross) // the outer side of the turn
	p1 := vector.Point{X: v.X + sgn*n1x*hw, Y: v.Y + sgn*n1y*hw}
	p2 := vector.Point{X: v.X + sgn*n2x*hw, Y: v.Y + sgn*n2y*hw}
	ring := []vector.Point{v, p1, p2}
	mx, my := (n1x+n2x)/2, (n1y+n2y)/2
	if m2 := mx*mx + my*my; m2 > 0 && 1/math.Sqrt(m2) <= limit {
		tip := vector.Point{X: v.X + sgn*mx*hw/m2, Y: v.Y + sgn*my*hw/m2}
		ring = []vector.Point{v, p1, tip, p2}
	}
	area := 0.0
	for i := range ring {
		j := (i + 1) % len(ring)
		area += ring[i].X*ring[j].Y - ring[j].X*ring[i].Y
	}
	if area < 0 {
		for i, j := 0, len(ring)-1; i < j; i, j = i+1, j-1 {
			ring[i], ring[j] = ring[j], ring[i]
		}
	}
	p.MoveTo(ring[0].X, ring[0].Y)
	for _, q := range ring[1:] {
		p.LineTo(q.X, q.Y)
	}
	p.Close()
}
