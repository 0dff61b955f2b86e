package cut

import (
	"context"
	"image/color"
	"math"
	"slices"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
	"github.com/usinette/usinette/vector"
)

// Knock-out: what Inkscape shows of overlapping shapes is the top one. A
// lower shape's edge under an opaque fill (or an opaque stroke, at its
// width) painted after it is no edge in the picture, and cutting it would
// cut through the vinyl of the shape above. knockOut removes those parts
// of the cut lines; PlanOptions.Layered keeps every shape whole (layered
// vinyl, each colour its own sheet).
//
// Each shape's lines are clipped against the union of the covers painted
// after it whose boxes overlap its own, found in a grid of the covers'
// boxes: shapes that overlap nothing are not touched, so a sheet of
// 100,000 separate labels costs one grid query each.

// cutLines are the lines NewPlan cuts for a shape: a filled shape round
// the outline its fill rule shows (every subpath closed), otherwise its
// subpaths as they are.
func cutLines(s *vector.Shape) []vector.Subpath {
	show, filled := cutAs(s)
	if !show {
		return nil
	}
	if !filled {
		return s.Subpaths
	}
	if s.FillEdgeShown != nil && !s.Stroke.Set {
		return s.FillEdgeShown
	}
	subs := s.Subpaths
	if len(subs) > 1 {
		subs = s.FillOutline()
	}
	out := make([]vector.Subpath, 0, len(subs))
	for _, sp := range subs {
		out = append(out, vector.Subpath{Points: sp.Points, Closed: true})
	}
	return out
}

// cutAs says whether a shape has anything to cut and whether it is cut
// as a fill (round its outline). A fill fading out before its outline
// (vector.Shape.FillEdgeHidden: a glow, a shadow) shows no edge: only its
// stroke, if any, is cut, as a line. One fading out along part of it
// (FillEdgeShown) is cut where it shows (cutLines).
func cutAs(s *vector.Shape) (show, filled bool) {
	filled = s.Filled()
	if filled && s.FillEdgeHidden {
		return s.Stroke.Set, false
	}
	return true, filled
}

// coverRegion is the area a shape hides: its fill when opaque, its stroke
// at its width when opaque (segments as rectangles with square ends at
// the joins; the ends of an open subpath reach past its last point only
// with a round or square cap).
func coverRegion(s *vector.Shape) []geom.Polygon {
	return paintRegion(s, s.FillOpaque, s.StrokeOpaque)
}

// paintRegion is the area of a shape's fill (when fill) and of its stroke
// at its width (when stroke), whatever their opacity.
func paintRegion(s *vector.Shape, withFill, withStroke bool) []geom.Polygon {
	var fill, stroke []geom.Polygon
	if withFill && s.Filled() {
		fill = fillRegion(s)
	}
	if withStroke && s.Stroke.Set && s.StrokeWidth > 0 {
		capped := s.StrokeLineCap == "round" || s.StrokeLineCap == "square"
		stroke = strokeRegion(s, s.StrokeWidth/2, capped)
	}
	switch {
	case len(stroke) == 0:
		return fill
	case len(fill) == 0:
		return stroke
	}
	return clip.UnionPolys(fill, stroke)
}

// knockOut returns the shapes with the parts of their cut lines hidden
// under opaque paint above them removed. A shape that loses something
// comes back unfilled, its visible lines as subpaths: a contour left
// whole stays closed, the rest are open pieces. Shapes nothing covers are
// returned as they are.
func knockOut(ctx context.Context, shapes []vector.Shape) ([]vector.Shape, error) {
	// the covering shapes and their boxes (stroke width included)
	var covers []*piece
	var coverOf []int // shape index of each cover
	for i := range shapes {
		s := &shapes[i]
		if !s.Filled() && !(s.Stroke.Set && s.StrokeWidth > 0) {
			continue
		}
		lo, hi := shapesBounds1(s)
		if math.IsInf(lo.X, 0) {
			continue
		}
		if s.Stroke.Set {
			// a miter may reach miterlimit × half the width past a corner
			r := s.StrokeWidth / 2 * math.Max(1.5, s.StrokeMiterLimit)
			lo, hi = vector.Point{X: lo.X - r, Y: lo.Y - r}, vector.Point{X: hi.X + r, Y: hi.Y + r}
		}
		covers = append(covers, &piece{min: lo, max: hi})
		coverOf = append(coverOf, i)
	}
	if len(covers) == 0 {
		return shapes, nil
	}
	idx := make([]int, len(covers))
	for k := range idx {
		idx[k] = k
	}
	g := newGrid(covers, idx)
	// regions by cover and kind, computed when first needed
	type kind uint8
	const (
		opaque kind = iota
		fillOnly
		strokeOnly
		allPaint
	)
	regions := map[[2]int][]geom.Polygon{}
	region := func(k int, what kind) []geom.Polygon {
		key := [2]int{k, int(what)}
		if r, ok := regions[key]; ok {
			return r
		}
		sk := &shapes[coverOf[k]]
		var r []geom.Polygon
		switch what {
		case opaque:
			r = coverRegion(sk)
		case fillOnly:
			r = paintRegion(sk, true, false)
		case strokeOnly:
			r = paintRegion(sk, false, true)
		default:
			r = paintRegion(sk, true, true)
		}
		regions[key] = r
		return r
	}
	seen := make([]int, len(covers)) // query stamp, to visit each cover once
	var below, nearby []int
	anyGlass := false // translucent paint anywhere: the colour model is needed
	for i := range shapes {
		anyGlass = anyGlass || translucent(&shapes[i])
	}
	layers := make([][]layer, len(shapes)) // paints by shape, when first needed
	var out []vector.Shape
	for i := range shapes {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		s := &shapes[i]
		lines := cutLines(s)
		lo, hi := vector.Point{X: math.Inf(1), Y: math.Inf(1)}, vector.Point{X: math.Inf(-1), Y: math.Inf(-1)}
		for _, sp := range lines {
			a, b := bounds(sp.Points)
			lo.X, lo.Y = math.Min(lo.X, a.X), math.Min(lo.Y, a.Y)
			hi.X, hi.Y = math.Max(hi.X, b.X), math.Max(hi.Y, b.Y)
		}
		var rings []geom.Path
		below = below[:0]
		// the shapes painted near the lines (the colour model samples
		// past a stroke's half width) and whether any lets paint through
		nearby = nearby[:0]
		glass := translucent(s)
		if !math.IsInf(lo.X, 0) {
			glo, ghi := lo, hi
			if anyGlass {
				m := colourOffset
				if s.Stroke.Set {
					m += s.StrokeWidth / 2
				}
				glo, ghi = vector.Point{X: lo.X - m, Y: lo.Y - m}, vector.Point{X: hi.X + m, Y: hi.Y + m}
			}
			g.box(glo, ghi, seen, i+1, func(k int) {
				c := covers[k]
				if c.min.X > ghi.X || c.max.X < glo.X || c.min.Y > ghi.Y || c.max.Y < glo.Y {
					return
				}
				if anyGlass {
					nearby = append(nearby, coverOf[k])
					glass = glass || translucent(&shapes[coverOf[k]])
				}
				if coverOf[k] == i || c.min.X > hi.X || c.max.X < lo.X || c.min.Y > hi.Y || c.max.Y < lo.Y {
					return
				}
				sk := &shapes[coverOf[k]]
				if coverOf[k] < i {
					below = append(below, k)
					return
				}
				if !hides(sk, s) || !(sk.FillOpaque && sk.Filled() || sk.StrokeOpaque && sk.Stroke.Set) {
					return
				}
				rings = append(rings, clip.Rings(region(k, opaque))...)
			})
		}
		// An opaque fill's edge over a lower fill of its own colour shows
		// no edge either (pieces of one colour overlapping, as in a
		// tiling): the area below of that colour, painted in order.
		if len(below) > 0 && s.FillOpaque && s.Filled() && !s.Stroke.Set && !s.FillEdgeHidden && s.FillEdgeShown == nil {
			slices.Sort(below)
			isSame := func(sk *vector.Shape) bool {
				return sk.FillOpaque && sk.Filled() && fillColor(sk) == fillColor(s) && hides(sk, s) && !sk.FillEdgeHidden
			}
			var same []geom.Polygon
			if len(below) <= 64 {
				for _, k := range below {
					sk := &shapes[coverOf[k]]
					if isSame(sk) {
						same = clip.UnionPolys(same, region(k, fillOnly))
						if sk.Stroke.Set {
							same = clip.Diff(same, region(k, strokeOnly))
						}
					} else if len(same) > 0 {
						same = clip.Diff(same, region(k, allPaint))
					}
				}
			} else {
				// Many shapes below (a bar over a row of labels): one union
				// of the same colour less one union of the other paint
				// above the lowest of them — painted in order, one
				// boolean operation each, was quadratic. Exact unless an
				// other-coloured shape lies under a same-coloured one it
				// overlaps.
				var add, sub []geom.Path
				for _, k := range below {
					sk := &shapes[coverOf[k]]
					if isSame(sk) {
						add = append(add, clip.Rings(region(k, fillOnly))...)
						if sk.Stroke.Set {
							sub = append(sub, clip.Rings(region(k, strokeOnly))...)
						}
					} else if len(add) > 0 {
						sub = append(sub, clip.Rings(region(k, allPaint))...)
					}
				}
				if len(add) > 0 {
					same = clip.UnionRings(add, clip.NonZero)
					if len(sub) > 0 {
						same = clip.Diff(same, clip.UnionRings(sub, clip.NonZero))
					}
				}
			}
			rings = append(rings, clip.Rings(same)...)
		}
		vis, changed := lines, false
		if len(rings) > 0 {
			vis, changed = visibleLines(lines, rings, lo, hi)
		}
		// Where translucent paint is involved, the colours composited on
		// the lines' two sides decide (colour.go).
		if glass && len(nearby) > 1 && len(vis) > 0 && slices.Contains(nearby, i) {
			slices.Sort(nearby)
			var ls []layer
			for _, k := range nearby {
				if layers[k] == nil {
					layers[k] = layersOf(shapes, k)
				}
				ls = append(ls, layers[k]...)
			}
			if v, c := colourLines(vis, s, ls); c {
				vis, changed = v, true
			}
		}
		if !changed {
			if out != nil {
				out = append(out, *s)
			}
			continue
		}
		if out == nil {
			out = append(make([]vector.Shape, 0, len(shapes)), shapes[:i]...)
		}
		if len(vis) == 0 {
			continue // wholly hidden
		}
		ns := *s
		ns.Fill, ns.FillRule, ns.FillOpaque = vector.Paint{}, vector.NonZero, false
		ns.Subpaths = vis
		out = append(out, ns)
	}
	if out == nil {
		return shapes, nil
	}
	return out, nil
}

// shapesBounds1 is the box of one shape's points.
func shapesBounds1(s *vector.Shape) (vector.Point, vector.Point) {
	lo, hi := vector.Point{X: math.Inf(1), Y: math.Inf(1)}, vector.Point{X: math.Inf(-1), Y: math.Inf(-1)}
	for _, sp := range s.Subpaths {
		a, b := bounds(sp.Points)
		lo.X, lo.Y = math.Min(lo.X, a.X), math.Min(lo.Y, a.Y)
		hi.X, hi.Y = math.Max(hi.X, b.X), math.Max(hi.Y, b.Y)
	}
	return lo, hi
}

// visibleLines clips the lines (closed ones as rings) to what lies outside
// the union of the cover rings; changed is false when nothing was hidden.
// A closed line the covers do not touch stays closed; one they cut is
// returned as open pieces, the two pieces meeting at its start joined.
func visibleLines(lines []vector.Subpath, rings []geom.Path, lo, hi vector.Point) ([]vector.Subpath, bool) {
	cover := clip.UnionRings(rings, clip.NonZero)
	if len(cover) == 0 {
		return lines, false
	}
	// the complement of the cover within the lines' box, a margin round it
	m := 1.0
	box := vector.ToGeom([]vector.Point{{X: lo.X - m, Y: lo.Y - m}, {X: hi.X + m, Y: lo.Y - m}, {X: hi.X + m, Y: hi.Y + m}, {X: lo.X - m, Y: hi.Y + m}})
	free := clip.Diff(clip.UnionRings([]geom.Path{box}, clip.NonZero), cover)
	changed := false
	var out []vector.Subpath
	for _, sp := range lines {
		l := vector.ToGeom(sp.Points)
		if sp.Closed && len(l) > 1 {
			l = append(l, l[0])
		}
		if len(l) < 2 {
			out = append(out, sp)
			continue
		}
		pieces := clip.ClipLines([]geom.Path{l}, free)
		if len(pieces) == 1 && pieces[0][0] == l[0] && pieces[0][len(pieces[0])-1] == l[len(l)-1] &&
			math.Abs(pieces[0].Length(false)-l.Length(false)) < 1 {
			out = append(out, sp) // untouched
			continue
		}
		changed = true
		if sp.Closed && len(pieces) > 1 {
			// the ring's start is no cut: join the piece ending there to
			// the one starting there
			first, last := -1, -1
			for k, p := range pieces {
				if p[0] == l[0] {
					first = k
				}
				if p[len(p)-1] == l[0] {
					last = k
				}
			}
			if first >= 0 && last >= 0 && first != last {
				joined := append(append(geom.Path(nil), pieces[last]...), pieces[first][1:]...)
				pieces[last] = joined
				pieces = append(pieces[:first], pieces[first+1:]...)
			}
		}
		for _, p := range pieces {
			if len(p) < 2 {
				continue
			}
			out = append(out, vector.Subpath{Points: vector.FromGeom(p)})
		}
	}
	return out, changed
}

// fillColor is the colour a fill paints (SVG's implicit fill is black).
func fillColor(s *vector.Shape) color.RGBA {
	if !s.Fill.Set {
		return color.RGBA{A: 255}
	}
	return s.Fill.Color
}

// hides reports whether a's opaque paint may hide b: a is drawn in no
// translucent group that b is not also in (inside a group faded as a
// whole, shapes hide each other; the group hides nothing outside it).
func hides(a, b *vector.Shape) bool {
	if len(a.OpacityGroups) > len(b.OpacityGroups) {
		return false
	}
	for k, g := range a.OpacityGroups {
		if b.OpacityGroups[k] != g {
			return false
		}
	}
	return true
}
