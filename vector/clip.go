package vector

import (
	"fmt"
	"math"
	"strings"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
)

// urlRef returns the id in a url(#id) reference, "" for none.
func urlRef(v string) string {
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(v, "url(") {
		return ""
	}
	end := strings.IndexByte(v, ')')
	if end < 0 {
		return ""
	}
	ref := strings.Trim(strings.TrimSpace(v[4:end]), `'"`)
	return strings.TrimPrefix(ref, "#")
}

// applyClip cuts the shapes the element n drew (doc.Shapes[start:]) to its
// clip path or mask ref, laid out in the element's user space m. A filled
// shape keeps the intersection of its fill with the region (closed
// contours); a stroked one the parts of its lines inside the region. The
// clipper is internal/clip, in integer micrometres.
func (rd *reader) applyClip(n *node, prop, ref string, m Matrix, start int) error {
	target := rd.ids[ref]
	want := "clipPath"
	if prop == "mask" {
		want = "mask"
	}
	if target == nil || target.name != want {
		// Inkscape (and browsers) draw the element unclipped then.
		rd.warn(n, fmt.Sprintf("%s url(#%s) names no <%s>: drawn unclipped, as Inkscape does", prop, ref, want))
		return nil
	}
	shapes := rd.doc.Shapes[start:]
	var region []geom.Polygon
	var err error
	if prop == "mask" {
		region, err = rd.maskRegion(n, target, m, shapes)
	} else {
		region, err = rd.clipRegion(target, m, shapes)
	}
	if err != nil {
		return err
	}
	kept := shapes[:0]
	for _, s := range shapes {
		if prop == "mask" {
			// A mask fades what it shows: nothing under it is known hidden.
			s.FillOpaque, s.StrokeOpaque = false, false
			s.FillAlpha, s.StrokeAlpha = 0, 0
		}
		if c, ok := clipShape(s, region); ok {
			kept = append(kept, c)
		}
	}
	rd.doc.Shapes = rd.doc.Shapes[:start+len(kept)]
	return nil
}

// warn records a one-line note naming the element.
func (rd *reader) warn(n *node, msg string) {
	id, _ := n.attr("id")
	if id != "" {
		msg = fmt.Sprintf("<%s id=%q>: %s", n.name, id, msg)
	} else {
		msg = fmt.Sprintf("<%s>: %s", n.name, msg)
	}
	rd.doc.Warnings = append(rd.doc.Warnings, msg)
}

// contentMatrix is the user space of a clipPath's or mask's content:
// the referencing element's (userSpaceOnUse) or its bounding box
// (objectBoundingBox), then the content element's own transform.
func (rd *reader) contentMatrix(target *node, unitsAttr, def string, m Matrix, shapes []Shape) (Matrix, bool, error) {
	units, ok := target.attr(unitsAttr)
	if !ok {
		units = def
	}
	cm := m
	if strings.TrimSpace(units) == "objectBoundingBox" {
		inv, ok := m.inverse()
		if !ok {
			return cm, false, nil
		}
		lo, hi := Point{math.Inf(1), math.Inf(1)}, Point{math.Inf(-1), math.Inf(-1)}
		for _, s := range shapes {
			for _, sp := range s.Subpaths {
				for _, p := range sp.Points {
					q := inv.Apply(p)
					lo.X, lo.Y = math.Min(lo.X, q.X), math.Min(lo.Y, q.Y)
					hi.X, hi.Y = math.Max(hi.X, q.X), math.Max(hi.Y, q.Y)
				}
			}
		}
		if !(hi.X > lo.X && hi.Y > lo.Y) {
			return cm, false, nil // a flat box: SVG draws nothing
		}
		cm = cm.Translate(lo.X, lo.Y).Scale(hi.X-lo.X, hi.Y-lo.Y)
	}
	if t, ok := target.attr("transform"); ok && target.name == "clipPath" {
		tm, err := parseTransform(t)
		if err != nil {
			return cm, false, err
		}
		cm = cm.Mul(tm)
	}
	return cm, true, nil
}

// content draws the children of a clipPath or mask in the matrix cm and
// returns their shapes.
func (rd *reader) content(target *node, cm Matrix, inClip bool) ([]Shape, error) {
	save := rd.doc.Shapes
	rd.doc.Shapes = nil
	st := &walkState{m: cm, style: computed{}, opacity: 1, inClip: inClip, depth: 1}
	err := rd.walkChildren(target, st, rd.sheet.declared(target))
	got := rd.doc.Shapes
	rd.doc.Shapes = save
	return got, err
}

// clipRegion is the union of a clipPath's children, each under its
// clip-rule, whatever their paint.
func (rd *reader) clipRegion(target *node, m Matrix, shapes []Shape) ([]geom.Polygon, error) {
	cm, ok, err := rd.contentMatrix(target, "clipPathUnits", "userSpaceOnUse", m, shapes)
	if err != nil || !ok {
		return nil, err
	}
	kids, err := rd.content(target, cm, true)
	if err != nil {
		return nil, err
	}
	var region []geom.Polygon
	for i := range kids {
		region = clip.UnionPolys(region, fillRegion(&kids[i]))
	}
	return region, nil
}

// maskRegion reads a mask as a clip by its visible shapes: in paint order,
// a light fill (luminance × opacity ≥ 50 %) adds its area, a dark one
// removes it. Partial luminance or opacity is noted as approximated.
func (rd *reader) maskRegion(n, target *node, m Matrix, shapes []Shape) ([]geom.Polygon, error) {
	cm, ok, err := rd.contentMatrix(target, "maskContentUnits", "userSpaceOnUse", m, shapes)
	if err != nil || !ok {
		return nil, err
	}
	kids, err := rd.content(target, cm, false)
	if err != nil {
		return nil, err
	}
	var region []geom.Polygon
	approx := false
	for i := range kids {
		k := &kids[i]
		if !k.Filled() {
			approx = true // a stroke in a mask: not read
			continue
		}
		c := k.Fill.Color
		if !k.Fill.Set {
			c = colorBlack
		}
		lum := (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
		if lum > 0.02 && lum < 0.98 {
			approx = true
		}
		if lum >= 0.5 {
			region = clip.UnionPolys(region, fillRegion(k))
		} else {
			region = clip.Diff(region, fillRegion(k))
		}
	}
	if approx {
		rd.warn(n, fmt.Sprintf("mask url(#%s) has grey, translucent or stroked content: cut as a clip by its light shapes", target.attrOr("id")))
	}
	return region, nil
}

func (n *node) attrOr(name string) string { v, _ := n.attr(name); return v }

// ToGeom turns a polyline in millimetres into the clipper's micrometre
// path, dropping points that round onto the one before.
func ToGeom(pts []Point) geom.Path {
	out := make(geom.Path, 0, len(pts))
	for _, p := range pts {
		q := geom.Point{X: geom.FromMM(p.X), Y: geom.FromMM(p.Y)}
		if len(out) == 0 || out[len(out)-1] != q {
			out = append(out, q)
		}
	}
	return out
}

// FromGeom turns a micrometre path back into millimetres.
func FromGeom(p geom.Path) []Point {
	out := make([]Point, len(p))
	for i, q := range p {
		out[i] = Point{X: geom.ToMM(q.X), Y: geom.ToMM(q.Y)}
	}
	return out
}

// fillRegion is the area a shape's subpaths enclose under its fill rule
// (every subpath closed, as a fill is).
func fillRegion(s *Shape) []geom.Polygon {
	var rings []geom.Path
	for _, sp := range s.Subpaths {
		if r := ToGeom(sp.Points); len(r) >= 3 {
			rings = append(rings, r)
		}
	}
	rule := clip.NonZero
	if s.FillRule == EvenOdd {
		rule = clip.EvenOdd
	}
	if len(rings) == 0 {
		return nil
	}
	return clip.UnionRings(rings, rule)
}

// clipShape cuts a shape to the region; false when nothing is left.
func clipShape(s Shape, region []geom.Polygon) (Shape, bool) {
	var subs []Subpath
	if s.Filled() {
		for _, pg := range clip.Intersect(fillRegion(&s), region) {
			subs = append(subs, Subpath{Points: FromGeom(pg.Outer), Closed: true})
			for _, h := range pg.Holes {
				subs = append(subs, Subpath{Points: FromGeom(h), Closed: true})
			}
		}
		// The clipped area is a new outline whatever the rule was.
		s.FillRule = NonZero
	} else {
		var lines []geom.Path
		for _, sp := range s.Subpaths {
			l := ToGeom(sp.Points)
			if sp.Closed && len(l) > 1 {
				l = append(l, l[0])
			}
			if len(l) >= 2 {
				lines = append(lines, l)
			}
		}
		for _, l := range clip.ClipLines(lines, region) {
			if len(l) >= 4 && l[0] == l[len(l)-1] {
				subs = append(subs, Subpath{Points: FromGeom(l[:len(l)-1]), Closed: true})
			} else if len(l) >= 2 {
				subs = append(subs, Subpath{Points: FromGeom(l)})
			}
		}
	}
	if len(subs) == 0 {
		return s, false
	}
	s.Subpaths = subs
	return s, true
}

// FillOutline returns the outline of the area the shape's fill covers
// under its fill rule, as closed subpaths: what Inkscape shows of a filled
// shape. A contour that the rule leaves inside the fill (a second ring
// turning the same way under nonzero) or that overlaps another is not an
// edge and is not in the outline. A shape of one subpath is returned as it
// is (closed): its outline is its own ring.
func (s *Shape) FillOutline() []Subpath {
	if len(s.Subpaths) <= 1 {
		out := make([]Subpath, len(s.Subpaths))
		for i, sp := range s.Subpaths {
			out[i] = Subpath{Points: sp.Points, Closed: true}
		}
		return out
	}
	var out []Subpath
	for _, pg := range fillRegion(s) {
		out = append(out, Subpath{Points: FromGeom(pg.Outer), Closed: true})
		for _, h := range pg.Holes {
			out = append(out, Subpath{Points: FromGeom(h), Closed: true})
		}
	}
	return out
}
