package vector

import (
	"fmt"
	"image/color"
	"strings"
)

// Selection chooses the shapes to cut. The zero value selects every visible
// shape of the document.
type Selection struct {
	// Layers keeps shapes on any of these layers: a name matches one label
	// of the shape's layer path or the whole path joined with "/".
	Layers []string
	// Color, when set, keeps shapes whose fill or stroke is this colour (a
	// shape with no paint at all is black, as SVG draws it).
	Color *color.RGBA
}

// ParseColor parses a CSS colour (#rgb, #rrggbb, rgb(), a CSS name).
func ParseColor(s string) (color.RGBA, error) {
	c, ok := parseColor(s)
	if !ok {
		return c, fmt.Errorf("%w: colour %q", ErrSyntax, s)
	}
	return c, nil
}

func (sel Selection) matches(s *Shape) bool {
	if len(sel.Layers) > 0 {
		ok := false
		for _, want := range sel.Layers {
			if s.Layer() == want {
				ok = true
			}
			for _, l := range s.Layers {
				if l == want {
					ok = true
				}
			}
		}
		if !ok {
			return false
		}
	}
	if sel.Color != nil {
		c := *sel.Color
		c.A = 255
		fill := s.Fill.Set && s.Fill.Color == c
		stroke := s.Stroke.Set && s.Stroke.Color == c
		implicit := s.Fill.Implicit && !s.Stroke.Set && c == colorBlack
		if !fill && !stroke && !implicit {
			return false
		}
	}
	return true
}

// Select returns the shapes of doc that sel keeps, in document order. When
// none is left it returns an error wrapping ErrEmpty that says why, e.g.
// `nothing to cut (3 shapes, none on layer "Cut")`.
func Select(doc *Document, sel Selection) ([]Shape, error) {
	var out []Shape
	for i := range doc.Shapes {
		s := &doc.Shapes[i]
		if sel.matches(s) && len(s.Subpaths) > 0 {
			out = append(out, *s)
		}
	}
	if len(out) > 0 {
		return out, nil
	}
	n := len(doc.Shapes)
	plural := "s"
	if n == 1 {
		plural = ""
	}
	var why []string
	if len(sel.Layers) > 0 {
		q := make([]string, len(sel.Layers))
		for i, l := range sel.Layers {
			q[i] = fmt.Sprintf("%q", l)
		}
		why = append(why, "on layer "+strings.Join(q, " or "))
	}
	if sel.Color != nil {
		why = append(why, fmt.Sprintf("of colour #%02x%02x%02x", sel.Color.R, sel.Color.G, sel.Color.B))
	}
	switch {
	case n == 0 && len(doc.Unconverted) > 0:
		return nil, fmt.Errorf("%w (no shapes; text %s must be converted to paths first)", ErrEmpty, strings.Join(doc.Unconverted, ", "))
	case n == 0:
		return nil, fmt.Errorf("%w (no visible shapes)", ErrEmpty)
	case len(why) == 0:
		return nil, fmt.Errorf("%w (%d shape%s, all without geometry)", ErrEmpty, n, plural)
	}
	return nil, fmt.Errorf("%w (%d shape%s, none %s)", ErrEmpty, n, plural, strings.Join(why, " and "))
}
