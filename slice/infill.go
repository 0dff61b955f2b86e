package slice

import (
	"github.com/usinette/usinette/internal/tour"
	"math"
	"slices"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
	"github.com/usinette/usinette/internal/scanline"
)

// samePolys reports whether two sections are identical ring for ring (a
// prismatic part): intersecting them would change nothing.
func samePolys(a, b []geom.Polygon) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !slices.Equal(a[i].Outer, b[i].Outer) || len(a[i].Holes) != len(b[i].Holes) {
			return false
		}
		for j := range a[i].Holes {
			if !slices.Equal(a[i].Holes[j], b[i].Holes[j]) {
				return false
			}
		}
	}
	return true
}

// isect is a ∩ b, skipping the clipper when both are the same section.
func isect(a, b []geom.Polygon) []geom.Polygon {
	if samePolys(a, b) {
		return a
	}
	return clip.Intersect(a, b)
}

// fillInset is how far inside the section the fill area begins, µm: the
// innermost loop's centre, half its spacing further, less the infill
// overlap (the edge perimeters.go gives the infill lines, grown back by
// half a solid spacing). PrusaSlicer's vertical shells compare these areas.
func (s *slicer) fillInset() float64 {
	c := s.cfg
	spExt, spPer := Spacing(c.ExternalPerimeterW, c.LayerHeight), Spacing(c.PerimeterW, c.LayerHeight)
	centre := c.ExternalPerimeterW / 2
	if c.Perimeters >= 2 {
		centre += (spExt+spPer)/2 + float64(c.Perimeters-2)*spPer
	}
	return (centre + spPer/2 - c.InfillOverlap*spPer) * um
}

// simplifyPolys simplifies every ring of p to tol µm.
func simplifyPolys(p []geom.Polygon, tol int64) []geom.Polygon {
	out := make([]geom.Polygon, 0, len(p))
	for _, q := range p {
		r := geom.Polygon{Outer: geom.Simplify(q.Outer, tol, true)}
		for _, h := range q.Holes {
			r.Holes = append(r.Holes, geom.Simplify(h, tol, true))
		}
		out = append(out, r)
	}
	return out
}

// coarsen stores layer i's section simplified to 20 µm (the shell
// classification needs no more precision than a line width) and its core:
// the section without the band its perimeters occupy when
// EnsureVerticalShell is set (ensure_vertical_shell_thickness). Sparse infill
// is allowed only inside the cores of the layers above and below, so a point
// nearer than the perimeters' width to the surface of a nearby layer — a
// sloped or engraved wall — gets solid infill, as a flat top or bottom does.
func (s *slicer) coarsen(i int) error {
	L := &s.layers[i]
	out := simplifyPolys(L.region, 20)
	L.coarse = out
	L.core = out
	if s.vertical() {
		L.core = clip.Offset(out, -s.fillInset(), clip.Miter)
	}
	return nil
}

func (s *slicer) pairs2(i int) error {
	if i+1 < len(s.layers) {
		s.layers[i].win2 = isect(s.layers[i].core, s.layers[i+1].core)
	}
	return nil
}

func (s *slicer) pairs4(i int) error {
	if i+3 < len(s.layers) {
		s.layers[i].win4 = isect(s.layers[i].win2, s.layers[i+2].win2)
	}
	return nil
}

// common is the intersection of the cores of layers from..to
// inclusive; a layer outside the model makes it empty. It is assembled from
// the precomputed windows of 2 and 4 layers, so a window of up to 8 layers
// costs at most one clipper run.
func (s *slicer) common(from, to int) []geom.Polygon {
	if from < 0 || to >= len(s.layers) || from > to {
		return nil
	}
	n := to - from + 1
	switch {
	case n == 1:
		return s.layers[from].core
	case n == 2:
		return s.layers[from].win2
	case n == 3:
		return isect(s.layers[from].win2, s.layers[from+1].win2)
	case n == 4:
		return s.layers[from].win4
	case n <= 8:
		return isect(s.layers[from].win4, s.layers[to-3].win4)
	}
	acc := s.layers[from].win4
	for k := from + 4; k <= to && len(acc) > 0; k += 4 {
		acc = isect(acc, s.layers[min(k, to-3)].win4)
	}
	return acc
}

func (s *slicer) solidCounts(h float64) (top, bottom int) {
	top, bottom = s.cfg.TopSolidLayers, s.cfg.BottomSolidLayers
	if top > 0 && s.cfg.TopSolidMinThickness > 0 {
		top = max(top, int(math.Ceil(s.cfg.TopSolidMinThickness/h-1e-9)))
	}
	if bottom > 0 && s.cfg.BotSolidMinThickness > 0 {
		bottom = max(bottom, int(math.Ceil(s.cfg.BotSolidMinThickness/h-1e-9)))
	}
	return top, bottom
}

// classify splits each island's infill area of layer i into top-surface,
// other solid and sparse parts. A point needs solid infill when it is not
// covered by the section of every one of the TopSolidLayers layers above
// (a top shell, including a step's top face) or of the BottomSolidLayers
// layers below (a bottom shell); the top surface proper is what the very
// next layer does not cover.
func (s *slicer) classify(i int) error {
	L := &s.layers[i]
	if len(L.islands) == 0 {
		return nil
	}
	if s.vertical() {
		return s.classifyShells(i)
	}
	nTop, nBot := s.solidCounts(s.cfg.LayerHeight)
	var above, below, next []geom.Polygon
	full := false
	if nTop > 0 {
		above = s.common(i+1, i+nTop)
		if i+1 < len(s.layers) {
			next = s.layers[i+1].coarse
		}
	} else {
		above, full = nil, true
	}
	if nBot > 0 {
		below = s.common(i-nBot, i-1)
	} else if full {
		below = nil
	}
	var cover []geom.Polygon // covered above and below: may be sparse
	switch {
	case nTop == 0 && nBot == 0:
		cover = L.coarse
	case nTop == 0:
		cover = below
	case nBot == 0:
		cover = above
	default:
		cover = isect(above, below)
	}
	var under []geom.Polygon // what the layer below covers (bridges elsewhere)
	if i > 0 {
		under = s.layers[i-1].coarse
	}
	dense := s.cfg.FillDensity >= 0.999
	for k := range L.islands {
		is := &L.islands[k]
		if len(is.lineArea) == 0 {
			continue
		}
		// only the polygons near the island change its clipping: culling
		// the others keeps a layer of many islands linear, not quadratic
		box := boundsOf(is.lineArea)
		var topFace []geom.Polygon
		if nTop > 0 {
			topFace = dropSmall(clip.Diff(is.lineArea, near(next, box)), 0.05)
		}
		solidAll := dropSmall(clip.Diff(is.lineArea, near(cover, box)), 0.05)
		s.assignInfill(i, is, L, solidAll, topFace, dense, under, box)
	}
	return nil
}

// vertical reports whether the shells are made by classifyShells
// (ensure_vertical_shell_thickness).
func (s *slicer) vertical() bool { return s.cfg.EnsureVerticalShell && s.cfg.Perimeters > 0 }

// shellGrow is how far a top or bottom surface reaches sideways into the
// layers it makes solid: a little more than one solid-infill spacing, so
// that the solid infill under a sloped surface meets the perimeters.
func (s *slicer) shellGrow() float64 {
	return 1.05 * Spacing(s.cfg.SolidInfillW, s.cfg.LayerHeight) * um
}

// externalMargin is how far a top or bottom surface's solid infill reaches
// into the infill area around it, µm: PrusaSlicer's 3 mm
// (EXTERNAL_INFILL_MARGIN), which anchors the surface's lines and carries
// it over the sparse infill's holes.
const externalMargin = 3000

// surfaces stores the parts of layer i's top surface (what the next layer
// does not cover) and bottom surface (what the layer below does not cover)
// that reach its core, the infill area: each surface without the slivers
// narrower than a tenth of the external perimeter's width (a gently sloped
// wall steps by less than that in places: not a surface anyone sees), with
// the externalMargin ring around the part inside the core, grown by
// shellGrow and cut to the core. The first layer is all bottom, the last
// all top.
//
// Only the part of a surface within shellGrow of the core can reach it:
// the surface is taken inside the core grown by that much (with a margin
// for the sliver opening), so the steep walls of a curved part, whose
// surfaces are narrow rings in the perimeters' band, cost one clipper run
// each and leave nothing.
func (s *slicer) surfaces(i int) error {
	if !s.vertical() {
		return nil
	}
	L := &s.layers[i]
	if len(L.coarse) == 0 || len(L.core) == 0 {
		return nil
	}
	a := s.cfg.ExternalPerimeterW * um / 20 // half the sliver width
	g := s.shellGrow()
	var reach []geom.Polygon // the core grown by g and a margin
	face := func(j int) []geom.Polygon {
		if j >= 0 && j < len(s.layers) && samePolys(L.coarse, s.layers[j].coarse) {
			return nil
		}
		if reach == nil {
			reach = clip.Offset(L.core, g+3*a, clip.Miter)
		}
		if j < 0 || j >= len(s.layers) {
			return reach
		}
		return clip.Diff(reach, s.layers[j].coarse)
	}
	grow := func(face []geom.Polygon, inside *[]geom.Polygon) []geom.Polygon {
		*inside = nil
		if len(face) == 0 {
			return nil
		}
		// opening by a, then growing by g: shrink by a, grow by a+g
		out := clip.Offset(clip.Offset(face, -a, clip.Miter), a+g, clip.Miter)
		if len(out) == 0 {
			return nil
		}
		in := dropSmall(isect(face, L.core), 0.05)
		if len(in) > 0 {
			// simplified first: the offset costs by the vertex, and
			// 50 µm is nothing to a 3 mm margin
			ring := clip.Intersect(clip.Offset(simplifyPolys(in, 50), externalMargin, clip.Square), L.core)
			*inside = ring
			// the parts may overlap: the intersection below takes them
			// under the non-zero rule, which needs no union
			out = append(out, clip.Offset(ring, g, clip.Miter)...)
		}
		return clip.Intersect(out, L.core)
	}
	L.topG = grow(face(i+1), &L.topRing)
	L.botG = grow(face(i-1), &L.botRing)
	return nil
}

// classifyShells is classify with ensure_vertical_shell_thickness, by the
// rule PrusaSlicer follows (re-derived from its documented behaviour):
// a layer counts as one of the TopSolidLayers (BottomSolidLayers) of a
// shell, so the window is the nTop−1 layers above and nBot−1 below. A point
// of the infill area needs solid infill when
//   - a layer of the window has a top (bottom) surface within shellGrow of
//     it — the flat shells, and the band under (over) a sloped one; or
//   - some layer of the window has no sparse infill there (it is outside
//     that layer's core: the section less its perimeters' band) — a wall
//     that moves sideways by more than the perimeters over the window.
//
// The union is then regularised: the parts narrower than one solid
// spacing are dropped (a slope moving less than a line over the window
// needs no solid behind its perimeters) and what remains grows by
// 0.3 spacing, overlapping the sparse infill it meets. Without this
// opening, every sloped wall of a sphere or torus carried a band of solid
// infill up to its equator: 12–14 % more plastic than PrusaSlicer.
func (s *slicer) classifyShells(i int) error {
	L := &s.layers[i]
	n := len(s.layers)
	nTop, nBot := s.solidCounts(s.cfg.LayerHeight)
	upV, downV := max(nTop-1, 0), max(nBot-1, 0)
	lo, hi := max(i-downV, 0), min(i+upV, n-1)
	var grown [][]geom.Polygon
	for j := i + 1; j <= hi; j++ {
		if len(s.layers[j].topG) > 0 {
			grown = append(grown, s.layers[j].topG)
		}
	}
	for j := lo; j < i; j++ {
		if len(s.layers[j].botG) > 0 {
			grown = append(grown, s.layers[j].botG)
		}
	}
	// where sparse infill may go: inside every core of the window and
	// outside the grown surfaces (each cut to its layer's core, which
	// contains the window's common part; they may overlap: the difference
	// takes them under the non-zero rule, without a union first)
	free := s.common(lo, hi)
	if len(grown) > 0 && len(free) > 0 {
		free = clip.Diff(free, slices.Concat(grown...))
	}
	var under []geom.Polygon // bridges are found over it
	if i > 0 {
		under = s.layers[i-1].coarse
	}
	// The opening works on line-centre areas, half a solid spacing inside
	// the fill areas PrusaSlicer's rule is stated on: a band of the fill
	// area at least g wide (shrunk by g/2 and grown by 0.8g there) is a
	// band of line centres sp/2 narrower, so it is shrunk by r1. It is
	// grown back by r2: 0.3g wider, as PrusaSlicer's, less 0.1sp, which
	// is measured, not derived: with it the band behind a 63° cone's wall
	// holds the plastic PrusaSlicer's does (1241 against 1246 mm³ of
	// solid infill; +0.1sp gave 1348, −0.5sp 980).
	g, sp := s.shellGrow(), Spacing(s.cfg.SolidInfillW, s.cfg.LayerHeight)*um
	r1 := (g - sp/2) / 2
	r2 := r1 + 0.3*g - 0.1*sp
	dense := s.cfg.FillDensity >= 0.999
	for k := range L.islands {
		is := &L.islands[k]
		if len(is.lineArea) == 0 {
			continue
		}
		box := boundsOf(is.lineArea)
		var topFace, botFace []geom.Polygon
		// a layer's own top and bottom surfaces with their externalMargin
		// rings inside the fill area (the core), from surfaces; the infill
		// area lies inside the core. The bottom wins where both reach.
		if nTop > 0 && len(L.topRing) > 0 {
			topFace = dropSmall(clip.Intersect(near(L.topRing, box), is.lineArea), 0.05)
		}
		if i == 0 {
			botFace = is.lineArea
		} else if nBot > 0 && len(L.botRing) > 0 {
			botFace = dropSmall(clip.Intersect(near(L.botRing, box), is.lineArea), 0.05)
		}
		if len(topFace) > 0 && len(botFace) > 0 {
			topFace = dropSmall(clip.Diff(topFace, botFace), 0.05)
		}
		shell := clip.Diff(is.lineArea, near(free, box))
		if len(shell) > 0 {
			// simplified to 20 µm like the sections the rule reads: the
			// offsets cost by the vertex, and the band keeps the fine
			// vertices of the infill area's outline
			shell = clip.Offset(simplifyPolys(shell, 20), -r1, clip.Miter)
			if len(shell) > 0 {
				shell = clip.Intersect(clip.Offset(shell, r2, clip.Square), is.lineArea)
			}
		}
		solidAll := shell
		if len(topFace) > 0 || len(botFace) > 0 {
			solidAll = clip.UnionPolys(shell, topFace, botFace)
		}
		solidAll = dropSmall(solidAll, 0.05)
		s.assignInfill(i, is, L, solidAll, topFace, dense, under, box)
	}
	return nil
}

// bridges turns the solid infill of island is (layer i) that lies over
// nothing into a bridge, anchored 1.5 mm into the supported area around it.
func (s *slicer) bridges(i int, is *island, under []geom.Polygon, box geom.Rect) {
	if i <= s.base || len(is.solid) == 0 { // the bed or the raft holds the first layer
		return
	}
	if air := dropSmall(clip.Diff(is.solid, near(under, box)), 0.5); len(air) > 0 {
		br := clip.Intersect(clip.Offset(air, 1500, clip.Miter), is.lineArea)
		is.bridge = br
		is.solid = dropSmall(clip.Diff(is.solid, br), 0.05)
		is.sparse = dropSmall(clip.DiffOffset(is.sparse, br, s.sparseGap(i), clip.Miter), 0.05)
		is.top = dropSmall(clip.Diff(is.top, br), 0.05)
	}
}

// sparseGap is how far layer i's sparse area keeps off its solid infill,
// µm. The solid and sparse areas split the area where line centres may go,
// so the solid lines end on the edge between them, half a line over it;
// sparse lines and anchors along that edge ran over the solid's last line
// (on a cone or torus the anchors lay along the whole vertical shell, 1.5
// to 4 % of the sparse infill). They keep PrusaSlicer's distance, a half
// spacing of each (its fills shrink their surfaces by half a spacing).
func (s *slicer) sparseGap(i int) float64 {
	h := s.layers[i].height
	_, _, wInf, wSol, _ := s.widths(i)
	return (Spacing(wSol, h) + Spacing(wInf, h)) / 2 * um
}

// internalBridges turns the solid infill of layer i that lies over the
// sparse infill of the layer below into bridge infill (PrusaSlicer's
// internal bridge): its lines span the gyroid's gaps, so they are laid as
// a bridge (bridge speed, flow and fan) and the solid layers above get a
// flat floor. Parts narrower than two solid-infill lines are left solid.
func (s *slicer) internalBridges(i int) error {
	if i == 0 || s.cfg.FillDensity <= 0 || s.cfg.FillDensity >= 0.999 {
		return nil
	}
	below := s.layers[i-1].sparse
	if len(below) == 0 {
		return nil
	}
	L := &s.layers[i]
	sp := Spacing(s.cfg.SolidInfillW, L.height) * um
	for k := range L.islands {
		is := &L.islands[k]
		if len(is.solid) == 0 && len(is.top) == 0 {
			continue
		}
		// only parts at least two bridge lines wide on average can hold
		// a bridge after the opening below: the bands a sloped wall's
		// vertical shell leaves are skipped before any clipping
		var solid []geom.Polygon
		for _, q := range append(append([]geom.Polygon(nil), is.solid...), is.top...) {
			if a := q.Area(); a >= geom.PerMM2 && 2*a/ringsLength(q) >= 2*sp {
				solid = append(solid, q)
			}
		}
		if len(solid) == 0 {
			continue
		}
		nb := near(below, boundsOf(solid))
		if len(nb) == 0 {
			continue
		}
		// most of what a sloped wall's solid band has over sparse infill
		// is a sliver: dropped by its mean width before the opening
		var wide []geom.Polygon
		for _, q := range clip.Intersect(solid, nb) {
			if a := q.Area(); a >= geom.PerMM2 && 2*a/ringsLength(q) >= sp {
				wide = append(wide, q)
			}
		}
		if len(wide) == 0 {
			continue
		}
		ib := dropSmall(clip.Opening(wide, sp), 1)
		if len(ib) == 0 {
			continue
		}
		is.bridge = clip.UnionPolys(is.bridge, ib)
		is.solid = dropSmall(clip.Diff(is.solid, ib), 0.05)
		is.top = dropSmall(clip.Diff(is.top, ib), 0.05)
	}
	return nil
}

// boundsOf is the box of all the polygons.
func boundsOf(p []geom.Polygon) geom.Rect {
	r := geom.EmptyRect()
	for _, q := range p {
		r = r.Union(q.Bounds())
	}
	return r
}

// near returns the polygons of p whose bounds overlap box (p itself when all
// do). Each polygon carries its own holes, so the others cover nothing inside
// box and cannot change a boolean operation restricted to it.
func near(p []geom.Polygon, box geom.Rect) []geom.Polygon {
	k := 0
	for k < len(p) && p[k].Bounds().Overlaps(box) {
		k++
	}
	if k == len(p) {
		return p
	}
	out := append(make([]geom.Polygon, 0, len(p)), p[:k]...)
	for _, q := range p[k+1:] {
		if q.Bounds().Overlaps(box) {
			out = append(out, q)
		}
	}
	return out
}

// dropSmall removes polygons under minArea mm².
func dropSmall(p []geom.Polygon, minArea float64) []geom.Polygon {
	out := p[:0:0]
	for _, q := range p {
		if q.Area() >= minArea*geom.PerMM2 {
			out = append(out, q)
		}
	}
	return out
}

// fill plans layer i's extrusions island by island: perimeters from the
// innermost to the external loop (printed last), thin-part lines, then
// solid, top and sparse infill.
func (s *slicer) fill(i int) error {
	L := &s.layers[i]
	h := L.height
	wExt, wPer, wInf, wSol, wTop := s.widths(i)
	spInf, spSol, spTop := Spacing(wInf, h)*um, Spacing(wSol, h)*um, Spacing(wTop, h)*um
	alt := float64(i % 2)
	base := s.cfg.FillAngle * math.Pi / 180
	solidAngle := base + alt*math.Pi/2
	var under *islands // the layer below's section, indexed when needed
	for k := range L.islands {
		is := &L.islands[k]
		var paths []Extrusion
		pos := s.seamRef
		var zone []geom.Polygon // where perimeters would hang over air
		if len(is.loops) > 0 && i > s.base && s.cfg.Overhangs && len(L.coarse) == len(L.islands) {
			// a perimeter hangs over air only if the external loop
			// leaves the layer below somewhere: a cheap test first
			if under == nil {
				under = ringIndex(clip.Rings(s.layers[i-1].coarse))
			}
			if !under.holds(is.loops[0], int64(s.cfg.NozzleDiameter/2*um)) {
				// islands are made one per section part, in order
				zone = s.overhangZone(i, L.coarse[k])
			}
		}
		zbox := boundsOf(zone)
		for d := len(is.loops) - 1; d >= 0; d-- {
			role, w := Perimeter, wPer
			if d == 0 {
				role, w = ExternalPerimeter, wExt
			}
			rings := orderRings(is.loops[d], pos)
			for _, r := range rings {
				r = seamRotate(r, s.seamRef)
				if zone == nil {
					paths = append(paths, Extrusion{Role: role, Width: w, Points: r, Closed: true})
				} else {
					paths = append(paths, loopExtrusions(r, role, w, zone, zbox)...)
				}
				pos = r[0]
			}
		}
		if len(paths) > 0 {
			pos = endOf(paths[len(paths)-1])
		}
		paths = append(paths, orderThin(is.thin, pos)...)
		if len(paths) > 0 {
			pos = endOf(paths[len(paths)-1])
		}
		if len(is.solid) > 0 {
			segs := scanline.Lines(clip.Rings(is.solid), solidAngle, int64(spSol), 0)
			for _, l := range linkSegments(segs, is.fillEdge, spSol, pos) {
				paths = append(paths, Extrusion{Role: SolidInfill, Width: wSol, Points: l})
				pos = l[len(l)-1]
			}
		}
		if len(is.bridge) > 0 {
			// bridges span the shorter way across their area
			ang := bridgeAngle(is.bridge, s.layers[i-1].coarse, solidAngle)
			segs := scanline.Lines(clip.Rings(is.bridge), ang, int64(spSol), 0)
			for _, l := range linkSegments(segs, is.fillEdge, spSol, pos) {
				paths = append(paths, Extrusion{Role: BridgeInfill, Width: s.bridgeWidth(wSol, h), Points: l})
				pos = l[len(l)-1]
			}
		}
		if len(is.top) > 0 {
			segs := scanline.Lines(clip.Rings(is.top), solidAngle, int64(spTop), 0)
			for _, l := range linkSegments(segs, is.fillEdge, spTop, pos) {
				paths = append(paths, Extrusion{Role: TopSolidInfill, Width: wTop, Points: l})
				pos = l[len(l)-1]
			}
		}
		if len(is.sparse) > 0 && s.cfg.FillDensity > 0 {
			// the sparse area keeps off the solid (sparseGap): so do
			// the links of the line patterns (the gyroid makes none)
			allowed := is.fillEdge
			if len(is.solid)+len(is.top)+len(is.bridge) > 0 && s.cfg.FillPattern != Gyroid {
				allowed = clip.Offset(is.sparse, spInf/2, clip.Miter)
			}
			for _, l := range s.sparseLines(i, is.sparse, allowed, spInf, pos) {
				paths = append(paths, Extrusion{Role: InternalInfill, Width: wInf, Points: l})
				pos = l[len(l)-1]
			}
		}
		if s.cfg.Ironing {
			paths = s.iron(i, is, paths) // ironing.go
		}
		is.paths = paths
		// only the paths are used from here on: drop the areas and loops
		// now rather than when every layer is done
		*is = island{poly: is.poly, bounds: is.bounds, paths: paths}
	}
	return nil
}

// orderThin orders the single lines of thin parts and gap fill nearest
// first from pos, each open line started from its nearer end: in the
// order the clipper found them they cost a travel across the island each
// (on Benchy 787 travels among 491 gap-fill runs).
func orderThin(lines []Extrusion, pos geom.Point) []Extrusion {
	rev := make([]bool, len(lines))
	order := tour.Greedy(len(lines), pos, func(k int, at geom.Point) (int64, geom.Point, bool) {
		pts := lines[k].Points
		if len(pts) == 0 {
			return 0, at, false
		}
		d, r := at.Dist2(pts[0]), false
		if !lines[k].Closed {
			if e := at.Dist2(pts[len(pts)-1]); e < d {
				d, r = e, true
			}
		}
		rev[k] = r
		if r {
			return d, pts[0], true
		}
		return d, endOf(lines[k]), true
	})
	out := make([]Extrusion, 0, len(order))
	for _, k := range order {
		e := lines[k]
		if rev[k] {
			e.Points = append(geom.Path(nil), e.Points...)
			e.Points.Reverse()
		}
		out = append(out, e)
	}
	return out
}

// sparseLines fills region with the configured sparse pattern.
func (s *slicer) sparseLines(i int, region, grown []geom.Polygon, sp float64, pos geom.Point) []geom.Path {
	if len(region) == 0 {
		return nil
	}
	dens := s.cfg.FillDensity
	base := s.cfg.FillAngle * math.Pi / 180
	rings := clip.Rings(region)
	switch s.cfg.FillPattern {
	case Grid:
		gap := 2 * sp / dens
		a := scanline.Lines(rings, base, int64(gap), 0)
		b := scanline.Lines(rings, base+math.Pi/2, int64(gap), 0)
		out := linkSegments(a, grown, gap, pos)
		if len(out) > 0 {
			pos = out[len(out)-1][len(out[len(out)-1])-1]
		}
		return append(out, linkSegments(b, grown, gap, pos)...)
	case Rectilinear:
		gap := sp / dens
		a := base + float64(i%2)*math.Pi/2
		return linkSegments(scanline.Lines(rings, a, int64(gap), 0), grown, gap, pos)
	default: // gyroid
		return s.gyroid(i, region, sp, pos)
	}
}

// linkSegments orders fill segments to keep travel short and joins a
// segment to the next one on a neighbouring line into a zig-zag when the
// link is short (≤ 3 spacings) and stays inside allowed.
func linkSegments(segs []scanline.Segment, allowed []geom.Polygon, spacing float64, pos geom.Point) []geom.Path {
	n := len(segs)
	if n == 0 {
		return nil
	}
	used := make([]bool, n)
	// segments by line for the neighbour search
	byLine := map[int][]int{}
	for k, sg := range segs {
		byLine[sg.Line] = append(byLine[sg.Line], k)
	}
	var out []geom.Path
	nearest := func(p geom.Point, lines []int) (best int, rev bool, bd int64) {
		best, bd = -1, math.MaxInt64
		check := func(k int) {
			if used[k] {
				return
			}
			if d := segs[k].A.Dist2(p); d < bd {
				best, bd, rev = k, d, false
			}
			if d := segs[k].B.Dist2(p); d < bd {
				best, bd, rev = k, d, true
			}
		}
		if lines == nil {
			for k := range segs {
				check(k)
			}
		} else {
			for _, l := range lines {
				for _, k := range byLine[l] {
					check(k)
				}
			}
		}
		return best, rev, bd
	}
	maxLink := 3 * spacing
	var index *islands // allowed's rings, indexed at the first link tried
	left := n
	for left > 0 {
		k, rev, _ := nearest(pos, nil)
		cur := geom.Path{segs[k].A, segs[k].B}
		if rev {
			cur[0], cur[1] = cur[1], cur[0]
		}
		used[k] = true
		left--
		line := segs[k].Line
		for left > 0 {
			end := cur[len(cur)-1]
			j, r, d := nearest(end, []int{line - 1, line + 1})
			if j < 0 || float64(d) > maxLink*maxLink {
				break
			}
			if index == nil {
				index = ringIndex(clip.Rings(allowed))
			}
			if !linkInside(end, pick(segs[j], r), index) {
				break
			}
			a, b := segs[j].A, segs[j].B
			if r {
				a, b = b, a
			}
			cur = append(cur, a, b)
			used[j] = true
			left--
			line = segs[j].Line
		}
		out = append(out, cur)
		pos = cur[len(cur)-1]
	}
	return out
}

func pick(sg scanline.Segment, rev bool) geom.Point {
	if rev {
		return sg.B
	}
	return sg.A
}

// linkInside reports whether the link a-b stays inside the allowed area
// (checked at its quarter points), given as its rings' index: the winding
// at a point is summed over the edges of its band instead of every vertex
// of every polygon (the inner loop of a bunny's layer has a thousand).
func linkInside(a, b geom.Point, allowed *islands) bool {
	for _, f := range []int64{1, 2, 3} {
		q := geom.Point{X: a.X + (b.X-a.X)*f/4, Y: a.Y + (b.Y-a.Y)*f/4}
		if !allowed.inside(q) {
			return false
		}
	}
	return true
}

// orderRings orders rings by how near their nearest vertex is to pos (a
// fixed point: the walk does not move).
func orderRings(rings []geom.Path, pos geom.Point) []geom.Path {
	order := tour.Greedy(len(rings), pos, func(k int, at geom.Point) (int64, geom.Point, bool) {
		if len(rings[k]) == 0 {
			return 0, at, false
		}
		return nearestVertexDist(rings[k], pos), at, true
	})
	out := make([]geom.Path, 0, len(order))
	for _, k := range order {
		out = append(out, rings[k])
	}
	return out
}

func nearestVertexDist(r geom.Path, p geom.Point) int64 {
	bd := int64(math.MaxInt64)
	for _, q := range r {
		bd = min(bd, q.Dist2(p))
	}
	return bd
}

// seamRotate returns a copy of ring r starting at its seam: the vertex
// nearest the seam reference point (behind the model, at its centre x), the
// same corner layer after layer.
func seamRotate(r geom.Path, ref geom.Point) geom.Path {
	best, bd := 0, int64(math.MaxInt64)
	for k, q := range r {
		if d := q.Dist2(ref); d < bd {
			best, bd = k, d
		}
	}
	out := make(geom.Path, 0, len(r))
	out = append(out, r[best:]...)
	return append(out, r[:best]...)
}

// orderIslands orders islands greedily, nearest first start from pos;
// islands with nothing to print are left out.
func orderIslands(is []island, pos geom.Point, have bool) []island {
	type place struct {
		p    geom.Point
		have bool
	}
	order := tour.Greedy(len(is), place{pos, have}, func(k int, at place) (int64, place, bool) {
		if len(is[k].paths) == 0 {
			return 0, at, false
		}
		d := int64(0)
		if at.have {
			d = is[k].paths[0].Points[0].Dist2(at.p)
		}
		return d, place{endOf(is[k].paths[len(is[k].paths)-1]), true}, true
	})
	out := make([]island, 0, len(order))
	for _, k := range order {
		out = append(out, is[k])
	}
	return out
}

// ringsLength is the length of a polygon's outline and holes, µm.
func ringsLength(q geom.Polygon) float64 {
	l := q.Outer.Length(true)
	for _, h := range q.Holes {
		l += h.Length(true)
	}
	return l
}

// bridgeWidth is the width (at the layer's height h, same spacing) of a
// bridge line laid with bridge_flow_ratio times the plastic of a line w mm
// wide: a thinner line sags less and cools faster over the gap
// (PrusaSlicer's bridge lines read ;WIDTH:0.43 for 0.45 mm solid infill).
func (s *slicer) bridgeWidth(w, h float64) float64 {
	r := s.cfg.BridgeFlowRatio
	if r <= 0 || r == 1 {
		return w
	}
	return max((r*LineArea(w, h)-math.Pi*h*h/4)/h+h, h)
}

// bridgeAngle picks, among the solid angle and 0°, 30°, …, 150°, the line
// direction in which most of the bridge's lines land on the layer below at
// both ends (checked 1 mm beyond each end), then the one with the shortest
// lines.
func bridgeAngle(area, under []geom.Polygon, def float64) float64 {
	rings := clip.Rings(area)
	inside := func(q geom.Point) bool {
		for _, p := range under {
			if p.Bounds().Contains(q) && p.Contains(q) {
				return true
			}
		}
		return false
	}
	best, bestScore, bestLen := def, -1.0, math.Inf(1)
	cands := []float64{def}
	for k := range 6 {
		cands = append(cands, float64(k)*math.Pi/6)
	}
	for _, a := range cands {
		segs := scanline.Lines(rings, a, 1000, 0)
		if len(segs) == 0 {
			continue
		}
		c, s := math.Cos(a), math.Sin(a)
		ext := geom.Point{X: int64(1000 * c), Y: int64(1000 * s)}
		anchored, total := 0.0, 0.0
		for _, sg := range segs {
			l := sg.A.Dist(sg.B)
			total += l
			if inside(sg.A.Sub(ext)) && inside(sg.B.Add(ext)) {
				anchored += l
			}
		}
		score := anchored / total
		mean := total / float64(len(segs))
		if score > bestScore+0.05 || (score > bestScore-0.05 && mean < bestLen*0.9) {
			best, bestScore, bestLen = a, max(score, bestScore), mean
		}
	}
	return best
}

// assignInfill splits an island's infill area by what its classification
// found: top surface, the rest of the solid (all of it when the layer is
// dense), sparse infill, and the bridges over the layer below; the sparse
// part is kept on the layer for the internal bridges of the layer above.
func (s *slicer) assignInfill(i int, is *island, L *layerState, solidAll, topFace []geom.Polygon, dense bool, under []geom.Polygon, box geom.Rect) {
	is.top = topFace
	if len(topFace) > 0 {
		is.solid = dropSmall(clip.Diff(solidAll, topFace), 0.05)
	} else {
		is.solid = solidAll
	}
	switch {
	case len(solidAll) == 0:
		is.sparse = is.lineArea
	case dense:
		is.sparse = dropSmall(clip.Diff(is.lineArea, solidAll), 0.05)
	default:
		is.sparse = dropSmall(clip.DiffOffset(is.lineArea, solidAll, s.sparseGap(i), clip.Miter), 0.05)
	}
	if dense {
		is.solid = append(is.solid, is.sparse...)
		is.sparse = nil
	}
	s.bridges(i, is, under, box)
	L.sparse = append(L.sparse, is.sparse...)
}
