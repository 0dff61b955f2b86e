package cut

import (
	"fmt"
	"math"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
	"github.com/usinette/usinette/vector"
)

// shapeRegion is the area a shape covers on the media: its fill under its
// fill rule, and for a stroke-only shape its lines grown to the stroke
// width (at least 0.1 mm, the knife's own line).
func shapeRegion(s *vector.Shape) []geom.Polygon {
	if s.Filled() {
		return fillRegion(s)
	}
	return strokeRegion(s, math.Max(s.StrokeWidth, 0.1)/2, true)
}

// fillRegion is the area a shape's fill paints, under its fill rule.
func fillRegion(s *vector.Shape) []geom.Polygon {
	var rings []geom.Path
	for _, sp := range s.Subpaths {
		if r := vector.ToGeom(sp.Points); len(r) >= 3 {
			rings = append(rings, r)
		}
	}
	if len(rings) == 0 {
		return nil
	}
	rule := clip.NonZero
	if s.FillRule == vector.EvenOdd {
		rule = clip.EvenOdd
	}
	return clip.UnionRings(rings, rule)
}

// strokeRegion is the area of a shape's stroke half wide on each side:
// each segment a rectangle reaching half past both its points, which
// closes the joins (square, not mitred or round); the two ends of an open
// subpath reach past their points only with capEnds (a round or square
// cap), a butt cap stops there.
func strokeRegion(s *vector.Shape, half float64, capEnds bool) []geom.Polygon {
	var quads []geom.Path
	for _, sp := range s.Subpaths {
		pts := sp.Points
		if sp.Closed && len(pts) > 1 {
			pts = append(append([]vector.Point(nil), pts...), pts[0])
		}
		for i := 0; i+1 < len(pts); i++ {
			a, b := pts[i], pts[i+1]
			l := a.Dist(b)
			if l == 0 {
				continue
			}
			nx, ny := -(b.Y-a.Y)/l*half, (b.X-a.X)/l*half
			ex, ey := (b.X-a.X)/l*half, (b.Y-a.Y)/l*half
			e0, e1 := 1.0, 1.0
			if !sp.Closed && !capEnds {
				if i == 0 {
					e0 = 0
				}
				if i+2 == len(pts) {
					e1 = 0
				}
			}
			quads = append(quads, vector.ToGeom([]vector.Point{
				{X: a.X - e0*ex + nx, Y: a.Y - e0*ey + ny}, {X: b.X + e1*ex + nx, Y: b.Y + e1*ey + ny},
				{X: b.X + e1*ex - nx, Y: b.Y + e1*ey - ny}, {X: a.X - e0*ex - nx, Y: a.Y - e0*ey - ny}}))
		}
	}
	if len(quads) == 0 {
		return nil
	}
	// all the quads turn the same way: one nonzero union
	return clip.UnionRings(quads, clip.NonZero)
}

func polysToSubpaths(polys []geom.Polygon) []vector.Subpath {
	var out []vector.Subpath
	for _, pg := range polys {
		out = append(out, vector.Subpath{Points: vector.FromGeom(pg.Outer), Closed: true})
		for _, h := range pg.Holes {
			out = append(out, vector.Subpath{Points: vector.FromGeom(h), Closed: true})
		}
	}
	return out
}

// Weld returns the shapes with the filled shapes of each fill colour
// merged into one: the outline of the union of their fills (overlapping
// letters of a script font, stacked pieces) is cut instead of each piece,
// so no cut runs through the inside of another piece of the same colour;
// colours stay apart, as each is its own vinyl. Stroke-only shapes are
// kept as they are. The welded shapes have the id "weld" and come first,
// in the order their colours first appear.
func Weld(shapes []vector.Shape) []vector.Shape {
	// Each shape's area under its own rule (outer rings counter-clockwise,
	// holes clockwise), then one nonzero union per colour: linear in the
	// shapes, where adding them one by one was quadratic.
	type group struct {
		paint vector.Paint
		rings []geom.Path
	}
	var groups []*group
	byColor := map[[4]uint8]*group{}
	var out []vector.Shape
	for i := range shapes {
		s := &shapes[i]
		if !s.Filled() {
			out = append(out, *s)
			continue
		}
		c := s.Fill.Color
		key := [4]uint8{c.R, c.G, c.B, c.A}
		g := byColor[key]
		if g == nil {
			g = &group{paint: s.Fill}
			byColor[key] = g
			groups = append(groups, g)
		}
		g.rings = append(g.rings, clip.Rings(shapeRegion(s))...)
	}
	var welded []vector.Shape
	for _, g := range groups {
		if len(g.rings) == 0 {
			continue
		}
		region := clip.UnionChunked(g.rings, clip.NonZero, 2000)
		welded = append(welded, vector.Shape{ID: "weld", Fill: g.paint, Subpaths: polysToSubpaths(region)})
	}
	return append(welded, out...)
}

// Contour returns the sticker outline of the design: the area every shape
// covers (fills, and strokes at their width), grown by offset millimetres
// with round corners — the one cut round a printed sticker. A hole of the
// design wider than twice the offset stays a hole. The shape has the id
// "contour".
func Contour(shapes []vector.Shape, offset float64) ([]vector.Shape, error) {
	if !(offset > 0 && offset <= 100) {
		return nil, fmt.Errorf("%w: contour offset %g mm (0–100)", ErrBadOption, offset)
	}
	var rings []geom.Path
	for i := range shapes {
		rings = append(rings, clip.Rings(shapeRegion(&shapes[i]))...)
	}
	var grown []geom.Polygon
	if len(rings) > 0 {
		grown = clip.Offset(clip.UnionChunked(rings, clip.NonZero, 2000), offset*geom.PerMM, clip.Round)
	}
	if len(grown) == 0 {
		return nil, fmt.Errorf("%w (no area to contour)", vector.ErrEmpty)
	}
	return []vector.Shape{{ID: "contour", Fill: vector.Paint{Set: true}, Subpaths: polysToSubpaths(grown)}}, nil
}

// Scale returns the shapes scaled by f about the point o (stroke widths
// too): --scale and --fit scale the design about its top-left corner, so
// it stays where it is on the page.
func Scale(shapes []vector.Shape, f float64, o vector.Point) ([]vector.Shape, error) {
	if !(f > 0) || math.IsInf(f, 0) || f > 1e4 {
		return nil, fmt.Errorf("%w: scale %g", ErrBadOption, f)
	}
	out := make([]vector.Shape, len(shapes))
	for i, s := range shapes {
		out[i] = s
		out[i].StrokeWidth *= f
		out[i].Subpaths = make([]vector.Subpath, len(s.Subpaths))
		for k, sp := range s.Subpaths {
			pts := make([]vector.Point, len(sp.Points))
			for j, p := range sp.Points {
				pts[j] = vector.Point{X: o.X + (p.X-o.X)*f, Y: o.Y + (p.Y-o.Y)*f}
			}
			out[i].Subpaths[k] = vector.Subpath{Points: pts, Closed: sp.Closed}
		}
	}
	return out, nil
}

// Bounds returns the box of the shapes' geometry.
func Bounds(shapes []vector.Shape) (vector.Point, vector.Point) {
	var all []vector.Point
	for _, s := range shapes {
		for _, sp := range s.Subpaths {
			all = append(all, sp.Points...)
		}
	}
	return bounds(all)
}
