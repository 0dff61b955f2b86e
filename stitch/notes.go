package stitch

import (
	"fmt"
	"strings"

	"github.com/usinette/usinette/vector"
)

// What the planner does not sew as asked is said in one line per kind of
// thing (Report.Notes), naming the elements, rather than flattened
// silently: fill methods and stitch types it does not have, gradients
// (sewn in one colour), transparency (sewn opaque), Ink/Stitch helper lines
// it cannot use.

// Ink/Stitch marks its helper lines with a start marker; none is sewn.
var helperMarkers = map[string]string{
	guideMarker:                    "guide line",
	"inkstitch-pattern-marker":     "pattern",
	"inkstitch-anchor-line-marker": "anchor line",
}

// helperLine says which Ink/Stitch helper a shape is ("" for none). Ink/Stitch
// matches the start of the marker's id: Inkscape renames a copied marker
// (inkstitch-guide-line-marker-1-5), and it still marks a guide.
func helperLine(s *vector.Shape) string {
	for id, name := range helperMarkers {
		if strings.HasPrefix(s.MarkerStart, id) {
			return name
		}
	}
	return ""
}

// fillMethods are the inkstitch:fill_method values sewn as asked.
var fillMethods = map[string]bool{"auto_fill": true, "contour_fill": true, "guided_fill": true}

// findGuides finds, for each shape whose fill method is guided_fill, its
// guide line: a shape of the same group (the innermost <g> around it)
// marked as a guide, as Ink/Stitch looks for it. The <use> clones of a
// group share its group ids: of several, the guide of the same clone (its
// shapes carry the <use>'s id) comes first, then the nearest in document
// order. The guide is the marked shape's first subpath.
func findGuides(shapes []vector.Shape, drop []bool) map[int][]pt {
	var out map[int][]pt
	for i := range shapes {
		s := &shapes[i]
		if drop[i] || fillMethodName(attrs(s.Attrs)["inkstitch:fill_method"]) != "guided_fill" {
			continue
		}
		best := -1
		for j := range shapes {
			g := &shapes[j]
			if j == i || helperLine(g) != "guide line" || !sameGroup(s, g) || len(g.Subpaths) == 0 {
				continue
			}
			if len(subpathPoints(g.Subpaths[0])) < 2 {
				continue
			}
			// the shapes of one <use> clone carry its id: a clone's
			// guide before any other, then the nearest
			same, bestSame := g.ID != "" && g.ID == s.ID, best >= 0 && shapes[best].ID != "" && shapes[best].ID == s.ID
			if best < 0 || (same && !bestSame) || (same == bestSame && abs(j-i) < abs(best-i)) {
				best = j
			}
		}
		if best >= 0 {
			if out == nil {
				out = map[int][]pt{}
			}
			out[i] = subpathPoints(shapes[best].Subpaths[0])
		}
	}
	return out
}

// sameGroup says whether two shapes have the same innermost group (a
// shape outside any group shares the document's).
func sameGroup(a, b *vector.Shape) bool {
	return equalStrings(a.Groups, b.Groups) && equalStrings(a.Layers, b.Layers)
}

// noteSet gathers notes by message, with the elements they concern.
type noteSet struct {
	ids   map[string][]string
	order []string
}

func (n *noteSet) add(msg, id string) {
	if n.ids == nil {
		n.ids = map[string][]string{}
	}
	if _, ok := n.ids[msg]; !ok {
		n.order = append(n.order, msg)
	}
	n.ids[msg] = append(n.ids[msg], id)
}

// lines returns one line per message, naming up to 5 elements.
func (n *noteSet) lines() []string {
	var out []string
	for _, msg := range n.order {
		ids := n.ids[msg]
		names := ids
		if len(names) > 5 {
			names = append(append([]string(nil), ids[:5]...), "...")
		}
		what := "element"
		if len(ids) > 1 {
			what = fmt.Sprintf("%d elements", len(ids))
		}
		out = append(out, fmt.Sprintf("%s (%s: %s)", msg, what, strings.Join(names, ", ")))
	}
	return out
}

// noteShape records what of shape s is not sewn as the document asks.
// guided says whether a guided fill found its guide line; autoSatin that
// the shape's stroke is sewn as a satin column.
func noteShape(n *noteSet, s *vector.Shape, guided bool) {
	a := attrs(s.Attrs)
	id := shapeName(s)
	if h := helperLine(s); h != "" {
		if h != "guide line" {
			n.add(fmt.Sprintf("Ink/Stitch %s (marker %s) is not supported: not sewn, otherwise ignored", h, s.MarkerStart), id)
		}
		return
	}
	satin := a.bool("satin_column", false)
	filled := (s.Fill.Set || s.Fill.Implicit) && !satin
	if filled {
		fp := readFill(a, false)
		switch {
		case !fillMethods[fp.method]:
			n.add(fmt.Sprintf("fill_method %s is not supported: sewn as auto_fill (tatami rows)", fp.method), id)
		case fp.method == "contour_fill" && (fp.contourStrategy < 0 || fp.contourStrategy > 2):
			n.add(fmt.Sprintf("contour_strategy %d is not one of Ink/Stitch's: sewn inner to outer", fp.contourStrategy), id)
		case fp.method == "guided_fill" && !guided:
			n.add("guided_fill without a guide line in its group (a path with marker-start:url(#inkstitch-guide-line-marker)): sewn as auto_fill", id)
		case fp.method == "guided_fill" && fp.guideStrategy != 0:
			n.add(fmt.Sprintf("guided_fill_strategy %d (parallel offset) is not supported: rows are copies of the guide line", fp.guideStrategy), id)
		}
		if s.FillRef != "" {
			n.add(fmt.Sprintf("fill url(#%s) (a gradient or pattern) is sewn in one colour, #%02x%02x%02x", s.FillRef, s.Fill.Color.R, s.Fill.Color.G, s.Fill.Color.B), id)
		}
		if s.FillOpacity > 0 && s.FillOpacity < 0.999 {
			n.add("a translucent fill (opacity or fill-opacity < 1) is sewn opaque", id)
		}
	}
	if satin {
		if m, ok := a.raw("satin_method"); ok && m != "satin_column" {
			n.add(fmt.Sprintf("satin_method %s is not supported: sewn as a satin column", m), id)
		}
	}
	if s.Stroke.Set {
		if !satin {
			if m, ok := a.raw("stroke_method"); ok && m != "running_stitch" {
				n.add(fmt.Sprintf("stroke_method %s is not supported: sewn as running stitch", m), id)
			}
			if a.bool("manual_stitch", false) {
				n.add("manual_stitch is not supported: the path's nodes are sewn as running stitch", id)
			}
		}
		if s.StrokeRef != "" {
			n.add(fmt.Sprintf("stroke url(#%s) (a gradient or pattern) is sewn in one colour, #%02x%02x%02x", s.StrokeRef, s.Stroke.Color.R, s.Stroke.Color.G, s.Stroke.Color.B), id)
		}
		if s.StrokeOpacity > 0 && s.StrokeOpacity < 0.999 {
			n.add("a translucent stroke (opacity or stroke-opacity < 1) is sewn opaque", id)
		}
	}
}

func spiralName(k int) string {
	switch k {
	case 1:
		return "single spiral"
	case 2:
		return "double spiral"
	}
	return "unknown"
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
