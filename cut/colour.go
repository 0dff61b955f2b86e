package cut

import (
	"image/color"
	"math"
	"slices"

	"github.com/usinette/usinette/vector"
)

// The colour model of the knock-out: where translucent paint is involved,
// a cut line is kept only where the picture on its two sides (and, for a
// stroked line, on the stroke between them) looks different. Translucent
// paint over paint of a close colour shows no edge in Inkscape's picture:
// a white fill at 0.36 over pale olive, an olive one at 0.27 over yellow.
// The colours are composited as Inkscape composites them (premultiplied
// source-over, in paint order) at points just off the line, sampled along
// it.
//
// What it does not decide: an edge that only opaque paint makes (an
// opaque fill's edge, even over translucent paint below, and opaque
// paint meeting opaque paint) is left to the exact rules of the knock-out
// (hidden under opaque paint, over a lower fill of its own colour): on
// Inkscape's examples, deciding those by sampling removed edges
// Inkscape's picture shows where two outlines nearly coincide. Paint of
// unknown colour (a gradient, a pattern) or alpha (a mask) is never
// taken as matching anything; a translucent group's members overlapping
// each other are not composited (the group's own opacity is not kept
// apart from its members'), and their edges are cut.

// visibleStep is the least change of one premultiplied channel (red,
// green, blue or coverage, 0–1) that we call a visible edge: 20 of 255.
// It is the step TestCutWhatInkscapeShows uses to mark edges in
// Inkscape's picture, no perceptual measure: it was chosen there as small
// enough that faint translucent lines count, and we take what that test
// calls visible as the definition rather than claim a finer one. A
// perceptual difference (ΔE in CIELAB) would need the colour of what lies
// under the design, which the cutter does not know: the picture is
// composited over nothing, and coverage is one of the channels compared.
const visibleStep = 20.0 / 255

// colourOffset is how far off a cut line (past a stroke's half width) the
// two sides are sampled, in mm: beyond the flattening tolerance
// (vector.DefaultTolerance, 0.02 mm), so that shapes drawn from one curve
// with different transforms lie on the same side of the sample, and well
// below anything a blade can cut apart.
const colourOffset = 0.05

// colourStep is the longest stretch of a cut line decided by one sample,
// in mm; where the decision changes between two samples, the change is
// found by bisection to colourRefine.
const (
	colourStep   = 0.2
	colourRefine = 0.01
)

// translucent reports whether a shape's paint lets what lies under it
// show (or is not known to hide it), in its groups or through a faded
// group.
func translucent(s *vector.Shape) bool {
	return s.Filled() && (!s.FillOpaque || len(s.OpacityGroups) > 0) ||
		s.Stroke.Set && s.StrokeWidth > 0 && (!s.StrokeOpaque || len(s.OpacityGroups) > 0)
}

// layer is one paint of one shape: its fill or its stroke, with what the
// model knows of its colour and alpha.
type layer struct {
	shape  int // index in paint order
	stroke bool
	groups []int
	// colour (premultiplied, alpha 1) and alpha when flat and known
	col      [4]float64
	alpha    float64
	known    bool
	alphaMin float64 // the least alpha, for a paint not known exactly
	ix       *edgeIndex
	r        float64 // stroke half width
}

// edgeIndex finds the edges of a shape near a height: the shape's box
// cut into horizontal bands, each listing the edges crossing it (grown by
// the stroke's half width for a stroke).
type edgeIndex struct {
	lo, hi vector.Point
	bandH  float64
	bands  [][]int32
	a, b   []vector.Point
	rule   vector.FillRule
}

func newEdgeIndex(s *vector.Shape, stroke bool, r float64) *edgeIndex {
	ix := &edgeIndex{rule: s.FillRule}
	for _, sp := range s.Subpaths {
		n := len(sp.Points)
		for k := 0; k < n; k++ {
			if k == n-1 && !sp.Closed && stroke {
				break
			}
			a, b := sp.Points[k], sp.Points[(k+1)%n]
			if n == 1 {
				b = a
			}
			ix.a, ix.b = append(ix.a, a), append(ix.b, b)
		}
	}
	ix.lo, ix.hi = vector.Point{X: math.Inf(1), Y: math.Inf(1)}, vector.Point{X: math.Inf(-1), Y: math.Inf(-1)}
	for k := range ix.a {
		for _, p := range [2]vector.Point{ix.a[k], ix.b[k]} {
			ix.lo.X, ix.lo.Y = math.Min(ix.lo.X, p.X-r), math.Min(ix.lo.Y, p.Y-r)
			ix.hi.X, ix.hi.Y = math.Max(ix.hi.X, p.X+r), math.Max(ix.hi.Y, p.Y+r)
		}
	}
	if len(ix.a) == 0 {
		return ix
	}
	nb := min(max(len(ix.a)/4, 1), 4096)
	ix.bandH = math.Max((ix.hi.Y-ix.lo.Y)/float64(nb), 1e-9)
	ix.bands = make([][]int32, nb)
	for k := range ix.a {
		y0, y1 := math.Min(ix.a[k].Y, ix.b[k].Y)-r, math.Max(ix.a[k].Y, ix.b[k].Y)+r
		b0, b1 := ix.band(y0), ix.band(y1)
		for j := b0; j <= b1; j++ {
			ix.bands[j] = append(ix.bands[j], int32(k))
		}
	}
	return ix
}

func (ix *edgeIndex) band(y float64) int {
	return min(max(int((y-ix.lo.Y)/ix.bandH), 0), len(ix.bands)-1)
}

// inside reports whether p is inside the fill (its fill rule, every
// subpath closed).
func (ix *edgeIndex) inside(p vector.Point) bool {
	if len(ix.bands) == 0 || p.X < ix.lo.X || p.Y < ix.lo.Y || p.X > ix.hi.X || p.Y > ix.hi.Y {
		return false
	}
	w := 0
	for _, k := range ix.bands[ix.band(p.Y)] {
		a, b := ix.a[k], ix.b[k]
		if (a.Y <= p.Y) == (b.Y <= p.Y) {
			continue
		}
		if x := a.X + (p.Y-a.Y)/(b.Y-a.Y)*(b.X-a.X); x > p.X {
			if b.Y > a.Y {
				w++
			} else {
				w--
			}
		}
	}
	if ix.rule == vector.EvenOdd {
		return w%2 != 0
	}
	return w != 0
}

// near reports whether p is within r of an edge (on a stroke of half
// width r; joins and caps taken as round).
func (ix *edgeIndex) near(p vector.Point, r float64) bool {
	if len(ix.bands) == 0 || p.X < ix.lo.X || p.Y < ix.lo.Y || p.X > ix.hi.X || p.Y > ix.hi.Y {
		return false
	}
	for _, k := range ix.bands[ix.band(p.Y)] {
		if pointSegDist(p, ix.a[k], ix.b[k]) <= r {
			return true
		}
	}
	return false
}

func pointSegDist(p, a, b vector.Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	}
	return math.Hypot(p.X-a.X-t*dx, p.Y-a.Y-t*dy)
}

// layersOf are a shape's paints in the order they are painted (fill, then
// stroke).
func layersOf(shapes []vector.Shape, i int) []layer {
	s := &shapes[i]
	var out []layer
	mk := func(stroke bool, p vector.Paint, ref string, a float64, opaque bool) layer {
		l := layer{shape: i, stroke: stroke, groups: s.OpacityGroups, alphaMin: a}
		if opaque {
			l.alphaMin = 1 // a gradient of opaque stops
		}
		if ref == "" && l.alphaMin > 0 {
			c := color.RGBA{A: 255} // SVG's implicit black
			if p.Set {
				c = p.Color
			}
			l.col = [4]float64{float64(c.R) / 255, float64(c.G) / 255, float64(c.B) / 255, 1}
			l.alpha, l.known = l.alphaMin, true
		}
		return l
	}
	if s.Filled() && !s.FillEdgeHidden {
		l := mk(false, s.Fill, s.FillRef, s.FillAlpha, s.FillOpaque && len(s.OpacityGroups) == 0)
		l.ix = newEdgeIndex(s, false, 0)
		out = append(out, l)
	} else if s.Filled() {
		// a fill fading out before its outline: some alpha, not known
		out = append(out, layer{shape: i, groups: s.OpacityGroups, ix: newEdgeIndex(s, false, 0)})
	}
	if s.Stroke.Set && s.StrokeWidth > 0 {
		l := mk(true, s.Stroke, s.StrokeRef, s.StrokeAlpha, s.StrokeOpaque && len(s.OpacityGroups) == 0)
		l.r = s.StrokeWidth / 2
		l.ix = newEdgeIndex(s, true, l.r)
		out = append(out, l)
	}
	return out
}

func (l *layer) covers(p vector.Point) bool {
	if l.stroke {
		return l.ix.near(p, l.r)
	}
	return l.ix.inside(p)
}

// differ reports whether the picture at p and at q looks different
// (visibleStep), compositing the layers (in paint order) covering each.
// A paint of unknown colour makes the side it covers unknown, and the two
// sides then differ, unless it covers both: source-over scales the
// difference between two backdrops by one minus the paint's alpha,
// whatever its colour. Paints of one translucent group overlapping make
// the side unknown (the group is faded as a whole). Two paints meeting
// edge to edge differ (a seam).
func differ(layers []layer, p, q vector.Point, seenP, seenQ *[]int) bool {
	var xp, xq [4]float64
	kp, kq := true, true
	bound := 0.0 // an upper bound of the difference when a side is unknown
	*seenP, *seenQ = (*seenP)[:0], (*seenQ)[:0]
	onlyP, onlyQ, glass := false, false, false
	for k := range layers {
		l := &layers[k]
		cp, cq := l.covers(p), l.covers(q)
		if !cp && !cq {
			continue
		}
		// translucent paint makes the difference: its own edge, or
		// faded over an edge below
		if l.alpha < 1 && (cp != cq || onlyP || onlyQ) {
			glass = true
		}
		onlyP, onlyQ = onlyP || cp && !cq, onlyQ || cq && !cp
		// an opaque paint makes a side known whatever lay under it
		if cp {
			kp = (kp || l.alpha == 1) && l.known && !sharesGroup(l.groups, seenP)
		}
		if cq {
			kq = (kq || l.alpha == 1) && l.known && !sharesGroup(l.groups, seenQ)
		}
		if cp && kp {
			over(&xp, l)
		}
		if cq && kq {
			over(&xq, l)
		}
		switch {
		case cp && cq:
			bound *= 1 - l.alphaMin
		case kp && kq:
			bound = maxDiff(xp, xq)
		default:
			bound = math.Inf(1)
		}
	}
	if onlyP && onlyQ {
		// Paints meeting edge to edge: Inkscape's antialiasing lets
		// what lies beneath show through along the seam (each paint
		// covers part of the pixels there), a line in the picture.
		return true
	}
	if !glass {
		// opaque paint alone: the knock-out's exact rules decided
		return true
	}
	if kp && kq {
		return maxDiff(xp, xq) > visibleStep
	}
	return bound > visibleStep
}

// sharesGroup reports whether a paint's translucent groups meet those of
// the paints already on that side, and records them.
func sharesGroup(groups []int, seen *[]int) bool {
	shared := false
	for _, g := range groups {
		if slices.Contains(*seen, g) {
			shared = true
		} else {
			*seen = append(*seen, g)
		}
	}
	return shared
}

func over(x *[4]float64, l *layer) {
	for c := range x {
		x[c] = l.alpha*l.col[c] + (1-l.alpha)*x[c]
	}
}

func maxDiff(a, b [4]float64) float64 {
	d := 0.0
	for c := range a {
		d = math.Max(d, math.Abs(a[c]-b[c]))
	}
	return d
}

// colourLines keeps the parts of a shape's cut lines along which the
// picture shows an edge: the two sides (just past the stroke for a
// stroked shape) differ, or the stroke differs from either side. changed
// is false when all of them show. A stretch that shows nothing but is
// shorter than colourBridge is cut all the same.
func colourLines(lines []vector.Subpath, s *vector.Shape, layers []layer) ([]vector.Subpath, bool) {
	half := 0.0
	if s.Stroke.Set && s.StrokeWidth > 0 {
		half = s.StrokeWidth / 2
	}
	var sp1, sp2 []int
	shows := func(a, b vector.Point, t float64) bool {
		dx, dy := b.X-a.X, b.Y-a.Y
		l := math.Hypot(dx, dy)
		if l == 0 {
			return true
		}
		nx, ny := -dy/l, dx/l
		p := vector.Point{X: a.X + t*dx, Y: a.Y + t*dy}
		d := half + colourOffset
		left := vector.Point{X: p.X + nx*d, Y: p.Y + ny*d}
		right := vector.Point{X: p.X - nx*d, Y: p.Y - ny*d}
		if differ(layers, left, right, &sp1, &sp2) {
			return true
		}
		return half > 0 && differ(layers, left, p, &sp1, &sp2)
	}
	changed := false
	var out []vector.Subpath
	for _, sp := range lines {
		pts := sp.Points
		if sp.Closed && len(pts) > 1 {
			pts = append(slices.Clip(pts), pts[0])
		}
		if len(pts) < 2 {
			out = append(out, sp)
			continue
		}
		// the stretches that show, as arc lengths along the line
		var spans [][2]float64
		at := 0.0 // arc length at the segment's start
		open := false
		for k := 1; k < len(pts); k++ {
			a, b := pts[k-1], pts[k]
			l := a.Dist(b)
			n := max(1, int(math.Ceil(l/colourStep)))
			prev := 0.0 // the last parameter decided on this segment
			for j := 0; j < n; j++ {
				tm := (float64(j) + 0.5) / float64(n)
				if on := shows(a, b, tm); on != open {
					// the change lies between prev and tm: bisect
					lo, hi := prev, tm
					for (hi-lo)*l > colourRefine {
						if mid := (lo + hi) / 2; shows(a, b, mid) == on {
							hi = mid
						} else {
							lo = mid
						}
					}
					if on {
						spans = append(spans, [2]float64{at + hi*l, 0})
						if k == 1 && j == 0 {
							spans[len(spans)-1][0] = 0
						}
					} else {
						spans[len(spans)-1][1] = at + lo*l
					}
					open = on
				}
				prev = tm
			}
			at += l
		}
		if open {
			spans[len(spans)-1][1] = at
		}
		total := at
		// bridge the short gaps (round the start of a ring too)
		var merged [][2]float64
		for _, s := range spans {
			if len(merged) > 0 && s[0]-merged[len(merged)-1][1] < colourBridge {
				merged[len(merged)-1][1] = s[1]
				continue
			}
			merged = append(merged, s)
		}
		if len(merged) > 0 && merged[0][0] < colourBridge {
			merged[0][0] = 0
		}
		if len(merged) > 0 && total-merged[len(merged)-1][1] < colourBridge {
			merged[len(merged)-1][1] = total
		}
		if len(merged) == 1 && merged[0] == [2]float64{0, total} {
			out = append(out, sp) // shows all along
			continue
		}
		changed = true
		if sp.Closed && len(merged) > 1 && merged[0][0] == 0 && merged[len(merged)-1][1] == total {
			// the ring's start is no end: the last stretch runs on into the first
			last := merged[len(merged)-1]
			merged = merged[:len(merged)-1]
			merged[0][0] = last[0] - total
		}
		for _, m := range merged {
			if p := alongLine(pts, m[0], m[1], total); len(p) >= 2 {
				out = append(out, vector.Subpath{Points: p})
			}
		}
	}
	return out, changed
}

// colourBridge is the shortest stretch of a cut line left uncut where the
// picture shows no edge, in mm: a shorter one costs a blade lift for less
// than a millimetre of cut the picture does not show, and is mostly where
// the samples either side of a corner disagree.
const colourBridge = 1.0

// alongLine is the part of a polyline between two arc lengths; a
// negative start runs back from its end (a closed ring: pts ends where
// it starts, total long).
func alongLine(pts []vector.Point, from, to, total float64) []vector.Point {
	if from < 0 {
		return append(alongLine(pts, total+from, total, total), alongLine(pts, 0, to, total)[1:]...)
	}
	var out []vector.Point
	at := 0.0
	for k := 1; k < len(pts); k++ {
		a, b := pts[k-1], pts[k]
		l := a.Dist(b)
		if at+l >= from && at <= to && l > 0 {
			if len(out) == 0 {
				out = append(out, lerp(a, b, math.Max(0, (from-at)/l)))
			}
			if at+l <= to {
				out = append(out, b)
			} else {
				out = append(out, lerp(a, b, (to-at)/l))
				break
			}
		}
		at += l
	}
	return out
}

func lerp(a, b vector.Point, t float64) vector.Point {
	return vector.Point{X: a.X + t*(b.X-a.X), Y: a.Y + t*(b.Y-a.Y)}
}
