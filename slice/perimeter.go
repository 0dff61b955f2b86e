package slice

import (
	"math"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
)

// island is one connected part of a layer's section and what is planned
// for it.
type island struct {
	poly     geom.Polygon   // the section part (first layer: after elephant-foot compensation)
	bounds   geom.Rect      //
	loops    [][]geom.Path  // perimeter rings by depth, 0 = external
	thin     []Extrusion    // single lines in parts too narrow for a loop
	fillEdge []geom.Polygon // where infill links may run: inside the innermost loop's centre line
	lineArea []geom.Polygon // where infill line centres may go
	top      []geom.Polygon // top-surface solid (role TopSolidInfill)
	solid    []geom.Polygon // other solid infill
	bridge   []geom.Polygon // solid infill over nothing (role BridgeInfill)
	sparse   []geom.Polygon // sparse infill
	paths    []Extrusion    // planned extrusions in print order
}

// Spacing is the centre-to-centre distance of adjacent extrusions of width
// w and height h with PrusaSlicer's rounded-rectangle section (a rectangle
// with semicircular ends of diameter h): neighbours overlap by the area the
// rounded ends leave empty, so spacing = w − h·(1 − π/4).
func Spacing(w, h float64) float64 { return w - h*(1-math.Pi/4) }

func (s *slicer) widths(i int) (ext, per, inf, sol, top float64) {
	c := s.cfg
	if i == 0 {
		return c.FirstLayerW, c.FirstLayerW, c.FirstLayerW, c.FirstLayerW, c.FirstLayerW
	}
	return c.ExternalPerimeterW, c.PerimeterW, c.InfillW, c.SolidInfillW, c.TopInfillW
}

const um = geom.PerMM

// perimeters plans layer i's loops, thin lines and infill area per island.
func (s *slicer) perimeters(i int) error {
	L := &s.layers[i]
	if len(L.region) == 0 {
		return nil
	}
	h := L.height
	wExt, wPer, _, wSol, _ := s.widths(i)
	spExt, spPer, spSol := Spacing(wExt, h)*um, Spacing(wPer, h)*um, Spacing(wSol, h)*um
	region := L.region
	if i == 0 && s.cfg.ElefantFootComp > 0 {
		region = elephantFoot(region, s.cfg.ElefantFootComp*um, wExt*um+spExt)
	}
	for _, p := range region {
		is := island{poly: p, bounds: p.Bounds()}
		cur := []geom.Polygon{p}
		var covered []geom.Polygon // what the external loop covers (outline side)
		var last []geom.Polygon
		for k := 0; k < s.cfg.Perimeters; k++ {
			var inset, minSp float64
			if k == 0 {
				inset, minSp = wExt*um/2, spExt
			} else if k == 1 {
				inset, minSp = (spExt+spPer)/2, spPer
			} else {
				inset, minSp = spPer, spPer
			}
			// shrink by inset + minSp/2 then grow by minSp/2: parts where a
			// loop would overlap itself vanish instead of being over-extruded
			next := clip.Offset(clip.Offset(cur, -(inset+minSp/2), clip.Miter), minSp/2, clip.Miter)
			if len(next) == 0 {
				break
			}
			if k == 0 {
				covered = next
			}
			is.loops = append(is.loops, clip.Rings(next))
			cur, last = next, next
		}
		if s.cfg.Perimeters > 0 {
			s.thinParts(i, &is, p, covered, wExt)
		}
		if last == nil && s.cfg.Perimeters > 0 {
			L.islands = append(L.islands, is)
			continue
		}
		overlap := s.cfg.InfillOverlap * spPer
		if last == nil { // no perimeters asked
			is.fillEdge = []geom.Polygon{p}
			is.lineArea = clip.Offset(is.fillEdge, -(spSol/2 - overlap), clip.Miter)
		} else {
			// links between infill lines may run up to the inner loop's
			// centre; line ends stay half a perimeter spacing and half an
			// infill spacing inside it, less the overlap
			is.fillEdge = last
			is.lineArea = s.gapFill(i, &is, last, spPer, spSol, overlap)
		}
		L.islands = append(L.islands, is)
	}
	return nil
}

// elephantFoot shrinks the first layer's section by c µm (the elephant-foot
// compensation) where that leaves at least minW µm of width (one perimeter
// loop: a line and a spacing), and less where it would not: a part
// narrower than minW + 2c is shrunk only down to minW, one narrower than
// minW not at all. A plain inset would thin such parts below a loop or
// remove them (a 0.5 mm wall would lose its first layer), which is what
// PrusaSlicer avoids too.
func elephantFoot(region []geom.Polygon, c, minW float64) []geom.Polygon {
	full := clip.Offset(region, -c, clip.Miter)
	// the parts the full inset leaves at least minW wide, grown back to the
	// section's outline: what lies outside is thinned or lost by the inset
	fat := clip.Offset(clip.Offset(full, -minW/2, clip.Miter), minW/2+c+2, clip.Miter)
	rest := clip.Diff(region, fat)
	out := full
	for _, t := range rest {
		area := t.Area() / geom.PerMM2 // mm²
		per := ringsLength(t)
		if per == 0 {
			continue
		}
		width := 2 * area / (per / um) * um // µm, the piece's mean width
		if width < 0.05*um || area < 0.01 {
			continue // slivers at sharp corners and along the outline
		}
		cc := min(max((width-minW)/2, 0), c)
		// the section shrunk by cc around the piece, reaching c into its
		// fat neighbours so that the two join
		reach := clip.Offset([]geom.Polygon{t}, c+cc+10, clip.Miter)
		kept := clip.Intersect(clip.Offset(near(region, boundsOf(reach)), -cc, clip.Miter), reach)
		out = clip.UnionPolys(out, kept)
	}
	return out
}

// gapFill returns the area where infill line centres may go inside the
// innermost loop (centre area last): half a perimeter spacing and half an
// infill spacing inside it, less the overlap, without the parts narrower
// than one infill spacing, where lines would be too short or too sparse.
// What the infill then leaves uncovered inside the loop's inner edge — the
// core of a wall a little too thin for another loop pair, of any width —
// gets one gap-fill line as wide as it (up to two nozzles), as
// PrusaSlicer's gap fill and Arachne's middle beads do. A 2 mm wall had
// an empty 0.3 mm core.
//
// Only parts of the loop's area that are narrow on average (walls, not
// blocks) are looked at: the search costs four offsets, and a block's
// offsets leave no gap but slivers. A thin fin on a block is missed.
func (s *slicer) gapFill(i int, is *island, last []geom.Polygon, spPer, spSol, overlap float64) []geom.Polygon {
	d := spPer/2 + spSol/2 - overlap
	r := spSol / 2
	var narrow, wide []geom.Polygon
	for _, q := range last {
		if 2*q.Area()/ringsLength(q) < gapSearchW*um {
			narrow = append(narrow, q)
		} else {
			wide = append(wide, q)
		}
	}
	var lineArea []geom.Polygon
	if len(wide) > 0 {
		lineArea = clip.Offset(wide, -d, clip.Miter)
	}
	if len(narrow) == 0 {
		return lineArea
	}
	last = narrow
	core := clip.Offset(last, -(d + r), clip.Miter)
	lineArea = append(lineArea, clip.Offset(core, r, clip.Miter)...)
	cover := clip.Offset(core, r+spSol/2, clip.Miter) // what infill lines reach
	gaps := clip.Diff(clip.Offset(last, -spPer/2, clip.Miter), cover)
	maxW := s.maxThinW()
	for _, t := range gaps {
		area := t.Area() / geom.PerMM2 // mm²
		per := ringsLength(t) / um
		if per == 0 {
			continue
		}
		width := 2 * area / per // mm
		if width < minGapW || area < 0.02 || per/2 < 2*width {
			continue // slivers along the loop and at corners
		}
		if line, closed := centreLine(t, width); len(line) >= 2 {
			is.thin = append(is.thin, Extrusion{Role: GapFill, Width: min(width, maxW), Points: line, Closed: closed})
		}
	}
	return lineArea
}

// gapSearchW is the mean width (mm) under which the area inside the
// innermost loop is searched for gaps.
const gapSearchW = 5

// minGapW is the narrowest gap filled, mm: narrower ones are closed by the
// lines' own spread.
const minGapW = 0.1

// thinParts finds the parts of the section p that the external loop does
// not reach (narrower than a loop): each becomes one line along its middle,
// as wide as the part (never wider than w), or is dropped when under a third
// of w.
func (s *slicer) thinParts(i int, is *island, p geom.Polygon, covered []geom.Polygon, w float64) {
	reach := clip.Offset(covered, w*um/2+2, clip.Miter)
	rest := clip.Diff([]geom.Polygon{p}, reach)
	L := &s.layers[i]
	for _, t := range rest {
		area := t.Area() / geom.PerMM2 // mm²
		per := ringsLength(t)
		if per == 0 {
			continue
		}
		width := 2 * area / (per / um) // mm
		length := per / um / 2
		if area < 0.02 || length < w || width < 0.05 {
			continue // rounding slivers along the outline
		}
		tr := ThinRegion{Layer: i, Z: L.plane, AreaMM2: area, WidthMM: width, Bounds: t.Bounds()}
		if width >= w/3 {
			if line, closed := centreLine(t, width); len(line) >= 2 {
				is.thin = append(is.thin, Extrusion{Role: GapFill, Width: min(width, s.maxThinW()), Points: line, Closed: closed})
				tr.Printed = true
			}
		}
		L.thin = append(L.thin, tr)
	}
}

// maxThinW is the widest single line printed in a part too narrow for a
// loop, mm: two nozzle widths, what a nozzle can still spread (PrusaSlicer's
// Arachne prints 0.5–0.8 mm walls with one bead as wide as the wall).
func (s *slicer) maxThinW() float64 { return 2 * s.cfg.NozzleDiameter }

// centreLine approximates the middle line of a thin part of mean width
// width mm: the part is shrunk to a sliver around its medial axis, then the
// middle of the sliver is read as a ring (when the sliver encloses a hole)
// or as a polyline between its two farthest points.
//
// The sliver is first the part less 5 µm on each side of the middle, but a
// part whose width varies by more than that (a tapering wall, a thin ring
// whose outline was simplified) breaks into pieces there, and only the
// largest was printed: a 0.4 mm ring of thin_wall_test came out as a
// quarter arc once its section was simplified to 13 µm. So the shrink is
// eased until the sliver holds together, and the line is taken midway
// between the sliver's sides, which then lie further from the middle.
func centreLine(t geom.Polygon, width float64) (geom.Path, bool) {
	half := width * um / 2
	span := diagonal(t.Bounds())
	var sl []geom.Polygon
	var d float64
	for _, f := range []float64{1, 0.8, 0.6, 0.4} {
		d = max(1, (half-5)*f)
		// whole: one piece, reaching as far as the part less d at each end
		// (a tapering wall's sliver stops where it narrows)
		sl = clip.Offset([]geom.Polygon{t}, -d, clip.Round)
		if len(sl) == 1 && diagonal(sl[0].Bounds()) >= 0.95*(span-2*d) {
			break
		}
	}
	if len(sl) == 0 {
		return nil, false
	}
	best := 0
	for k := range sl {
		if math.Abs(sl[k].Area()) > math.Abs(sl[best].Area()) {
			best = k
		}
	}
	g := sl[best]
	off := max(0, half-d) // how far the sliver's sides lie off the middle
	if len(g.Holes) > 0 {
		// a closed thin wall: the sliver's outer ring brought in to the
		// middle between its two rings
		mid := g.Outer
		if off >= 1 {
			if in := clip.Offset([]geom.Polygon{{Outer: g.Outer}}, -off, clip.Miter); len(in) > 0 {
				k := 0
				for j := range in {
					if math.Abs(in[j].Area()) > math.Abs(in[k].Area()) {
						k = j
					}
				}
				mid = in[k].Outer
			}
		}
		return geom.Simplify(mid, 10, true), true
	}
	r := g.Outer
	// the two points farthest apart split the sliver ring into two sides
	a := 0
	var fd int64 = -1
	for k, q := range r {
		if d := q.Dist2(r[0]); d > fd {
			a, fd = k, d
		}
	}
	b := a
	fd = -1
	for k, q := range r {
		if d := q.Dist2(r[a]); d > fd {
			b, fd = k, d
		}
	}
	if a > b {
		a, b = b, a
	}
	side := append(geom.Path(nil), r[a:b+1]...)
	if off < 1 {
		return geom.Simplify(side, 10, false), false
	}
	// the other side, also from a to b
	other := make(geom.Path, 0, len(r)-(b-a)+1)
	for k := a; ; k = (k + len(r) - 1) % len(r) {
		other = append(other, r[k])
		if k == b {
			break
		}
	}
	return geom.Simplify(midway(side, other), 10, false), false
}

// diagonal is the length of r's diagonal, µm.
func diagonal(r geom.Rect) float64 {
	return math.Hypot(float64(r.Max.X-r.Min.X), float64(r.Max.Y-r.Min.Y))
}

// midway is the polyline halfway between two polylines that run from the
// same start to the same end: each point of p moved halfway to the nearest
// point of q. Near the ends, where both run round the sliver's cap, it
// stays within the cap.
func midway(p, q geom.Path) geom.Path {
	out := make(geom.Path, len(p))
	for k, a := range p {
		best, bd := a, math.Inf(1)
		for j := 1; j < len(q); j++ {
			c := nearestOnSegment(a, q[j-1], q[j])
			if d := float64(c.Dist2(a)); d < bd {
				best, bd = c, d
			}
		}
		out[k] = geom.Point{X: (a.X + best.X) / 2, Y: (a.Y + best.Y) / 2}
	}
	return out
}

// nearestOnSegment is the point of segment ab nearest to p.
func nearestOnSegment(p, a, b geom.Point) geom.Point {
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return a
	}
	t := max(0, min(1, (float64(p.X-a.X)*dx+float64(p.Y-a.Y)*dy)/l2))
	return geom.Point{X: a.X + int64(math.Round(t*dx)), Y: a.Y + int64(math.Round(t*dy))}
}
