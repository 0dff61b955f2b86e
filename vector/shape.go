package vector

import "image/color"

// Point is a position on the page in millimetres, x right, y down (SVG).
type Point struct{ X, Y float64 }

// Subpath is one flattened piece of a shape's outline: a polyline, closed
// when the SVG closed it (Z) or the element is closed by nature (rect,
// circle, polygon...). A closed subpath does not repeat its first point.
type Subpath struct {
	Points []Point
	Closed bool
}

// FillRule is how overlapping subpaths make the inside of a shape.
type FillRule uint8

const (
	NonZero FillRule = iota // SVG's default
	EvenOdd
)

// Paint is a fill or stroke paint after the CSS cascade. Only flat colours
// are kept; a gradient or pattern reference is reported as Set with the
// colour of its first stop when it can be resolved, black otherwise.
type Paint struct {
	Set   bool       // false for "none" or absent
	Color color.RGBA // opaque sRGB colour when Set
	// Implicit is true when the property is absent from the whole cascade
	// (Set is then false): SVG paints an implicit fill black and an
	// implicit stroke not at all. Inkscape's inkex reports such paint as None.
	Implicit bool
}

type colorRGBA = color.RGBA

var colorBlack = color.RGBA{0, 0, 0, 255}

// visibleFill reports whether a fill paint draws: set, or implicit (black).
func (p Paint) visibleFill() bool { return p.Set || p.Implicit }

// Shape is one visible SVG element (path, rect, circle, ellipse, line,
// polyline, polygon, or one instance of a <use> clone), in page millimetres
// with every transform applied.
type Shape struct {
	ID       string   // the element's id ("" when it has none); a <use> instance has the <use>'s id
	Layers   []string // labels of the inkscape:groupmode="layer" ancestors, outermost first
	Fill     Paint
	Stroke   Paint
	FillRule FillRule
	// StrokeWidth in page millimetres, scaled by the element's transform
	// (the geometric mean of its axis scales for a non-uniform one).
	StrokeWidth float64
	// StrokeLineCap ("butt", "round", "square"), StrokeLineJoin ("miter",
	// "round", "bevel") and StrokeMiterLimit after the cascade (SVG's
	// initial values butt, miter, 4 when absent): what the visible outline
	// of a stroke looks like.
	StrokeLineCap    string
	StrokeLineJoin   string
	StrokeMiterLimit float64
	// FillOpaque and StrokeOpaque report that the fill, the stroke, hides
	// what lies under it in Inkscape's picture, within the innermost
	// translucent group it is drawn in (see OpacityGroups): a flat colour
	// without alpha (or a gradient whose stops are all opaque),
	// fill-/stroke-opacity 1, no mask. The cutter does not cut the edges
	// of lower shapes under such paint. False in the zero value: a Shape
	// built by hand covers nothing.
	FillOpaque, StrokeOpaque bool
	// OpacityGroups numbers the translucent elements (opacity below 1:
	// groups, clones, the shape itself) the shape is drawn in, outermost
	// first, each number unique in the document. Such an element is
	// painted as a whole, then faded: inside it an opaque fill hides what
	// lies below it in the same element; nothing in it hides what lies
	// outside. Shape a hides shape b only if a's list is a prefix of b's.
	OpacityGroups []int
	// FillEdgeHidden reports a gradient fill whose opacity is at most
	// FadedEdge all along the outline (a glow or shadow fading to
	// transparent): Inkscape's picture shows no edge there, and the cutter
	// does not cut it (the stroke, if any, still is).
	FillEdgeHidden bool
	// FillEdgeShown, when not nil, holds the parts of the fill's outline
	// where a gradient fill shows (its opacity above FadedEdge) when it
	// fades out along the rest: the cutter cuts these instead of the
	// outline.
	FillEdgeShown []Subpath
	Subpaths      []Subpath
	// Attrs holds the element's namespaced parameters, inkstitch:* above all,
	// keyed by prefix:name (e.g. "inkstitch:angle"), values as written.
	Attrs map[string]string
	// Groups are the ids of the <g> elements around the shape (layers
	// included), outermost first, "" for a group without one: Ink/Stitch
	// attaches commands to groups and looks for a fill's guide line among
	// the members of its group.
	Groups []string
	// FillRef and StrokeRef name the gradient or pattern a url() paint
	// refers to ("" for a flat colour); Fill.Color is then its first stop.
	FillRef, StrokeRef string
	// MarkerStart names the marker of marker-start ("" for none);
	// Ink/Stitch marks its helper lines (a fill's guide line) that way.
	MarkerStart string
	// FillOpacity and StrokeOpacity are the paints' opacity times the
	// element's and its groups' opacity, as the reader found them (1 when
	// opaque; 0 on a Shape not made by the reader means opaque too).
	FillOpacity, StrokeOpacity float64
	// FillAlpha and StrokeAlpha are the least alpha the paint has
	// anywhere: FillOpacity, StrokeOpacity times the colour's own alpha
	// (a gradient's least stop). 0 when it is not known: a pattern, an
	// unresolved reference, paint under a mask, a Shape built by hand.
	// The cutter composites translucent paint with it.
	FillAlpha, StrokeAlpha float64
}

// Filled reports whether the shape's fill is painted (a set colour or
// SVG's implicit black; the reader clears a fill whose fill-opacity is 0).
// A filled shape is cut along its outline: every subpath is a closed
// contour, whether or not the SVG closed it with Z.
func (s *Shape) Filled() bool { return s.Fill.visibleFill() }

// Layer returns the shape's layer path joined with "/", "" outside layers.
func (s *Shape) Layer() string {
	out := ""
	for i, l := range s.Layers {
		if i > 0 {
			out += "/"
		}
		out += l
	}
	return out
}

// Document is what Read makes of an SVG file.
type Document struct {
	// Width and Height of the page in millimetres.
	Width, Height float64
	// UserUnit is the length in page millimetres of one root user unit
	// along x and along y (the viewBox scale; 25.4/96 without a viewBox).
	UserUnit Point
	// Shapes in document order (the order Inkscape paints them).
	Shapes []Shape
	// Unconverted lists the ids of visible <text> elements, which the reader
	// cannot cut or stitch: the user must convert them to paths first.
	Unconverted []string
	// Warnings are one-line notes on what the reader approximated (a mask
	// with partial opacity read as a clip by its light shapes, a clip it
	// could not resolve), for the user to see.
	Warnings []string
}
