package slice

import (
	"math"
	"slices"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
)

// overhangZone returns where a perimeter line of island p on layer i would
// lie over air: the points of p farther than half a nozzle from the layer
// below's section (PrusaSlicer: "any part where the entire nozzle diameter
// is not supported by the lower layer"). It is nil for most islands, found
// cheaply: the part of p beyond the layer below is thin on a sloped wall,
// and an inset by half a nozzle removes it. The inset also moves the zone
// half a nozzle away from p's own outline, which perimeter centre lines
// never come nearer than half a line width.
//
// p is the island's section simplified for classification (coarse): the
// zone needs no finer outline, and the difference costs half as much.
func (s *slicer) overhangZone(i int, p geom.Polygon) []geom.Polygon {
	if i <= s.base || !s.cfg.Overhangs || s.cfg.Perimeters == 0 {
		return nil
	}
	under := s.layers[i-1].coarse
	box := p.Bounds()
	rest := dropSmall(clip.Diff([]geom.Polygon{p}, near(under, box)), 0.05)
	if len(rest) == 0 {
		return nil
	}
	return dropSmall(clip.Offset(rest, -s.cfg.NozzleDiameter/2*um, clip.Miter), 0.01)
}

// holds reports whether the rings lie inside the indexed rings or within
// d µm of them, sampled at every vertex and every millimetre along the
// edges: perimeter loops no farther than d from the layer below have no
// overhang to look for.
func (isl *islands) holds(rings []geom.Path, d int64) bool {
	ok := func(q geom.Point) bool { return isl.inside(q) || isl.within(q, d) }
	for _, r := range rings {
		for k, a := range r {
			if !ok(a) {
				return false
			}
			b := r[(k+1)%len(r)]
			if n := int64(a.Dist(b)) / 1000; n > 0 {
				for j := int64(1); j <= n; j++ {
					if !ok(geom.Point{X: a.X + (b.X-a.X)*j/(n+1), Y: a.Y + (b.Y-a.Y)*j/(n+1)}) {
						return false
					}
				}
			}
		}
	}
	return true
}

// within reports whether q is within d µm of an indexed ring.
func (isl *islands) within(q geom.Point, d int64) bool {
	lo, hi := isl.band(q.Y-d), isl.band(q.Y+d)
	lo, hi = max(lo, 0), min(hi, len(isl.bands)-1)
	d2 := float64(d) * float64(d)
	for k := lo; k <= hi; k++ {
		for _, i := range isl.bands[k] {
			s := isl.segs[i]
			if min(s.a.X, s.b.X) > q.X+d || max(s.a.X, s.b.X) < q.X-d {
				continue
			}
			if geom.SegDist2(q, s.a, s.b) <= d2 {
				return true
			}
		}
	}
	return false
}

// stretch is a part of a perimeter loop, over air or not.
type stretch struct {
	pts  geom.Path
	over bool
}

// minOverhangUM is the shortest stretch of loop marked as an overhang: a
// shorter one is a corner grazing the zone's edge, not worth slowing for.
const minOverhangUM = 500

// splitLoop cuts the closed ring r (printed from r[0] back to r[0]) where
// it enters and leaves zone, and returns the stretches in print order, or
// nil when no stretch of at least minOverhangUM lies in the zone.
func splitLoop(r geom.Path, zone []geom.Polygon, zbox geom.Rect) []stretch {
	n := len(r)
	if n < 3 || !r.Bounds().Overlaps(zbox) {
		return nil
	}
	boxes := make([]geom.Rect, len(zone))
	for k := range zone {
		boxes[k] = zone[k].Bounds()
	}
	inZone := func(q geom.Point) bool {
		for k := range zone {
			if boxes[k].Contains(q) && zone[k].Contains(q) {
				return true
			}
		}
		return false
	}
	var edges [][2]geom.Point
	for _, z := range zone {
		for _, ring := range append([]geom.Path{z.Outer}, z.Holes...) {
			for k := range ring {
				edges = append(edges, [2]geom.Point{ring[k], ring[(k+1)%len(ring)]})
			}
		}
	}
	var out []stretch
	cur := stretch{pts: geom.Path{r[0]}}
	started := false
	var ts []float64
	for k := range n {
		a, b := r[k], r[(k+1)%n]
		if a == b {
			continue
		}
		ts = append(ts[:0], 0, 1)
		sb := geom.Rect{Min: geom.Point{X: min(a.X, b.X), Y: min(a.Y, b.Y)}, Max: geom.Point{X: max(a.X, b.X), Y: max(a.Y, b.Y)}}
		if sb.Overlaps(zbox) {
			dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
			for _, e := range edges {
				c, d := e[0], e[1]
				if max(c.X, d.X) < sb.Min.X || min(c.X, d.X) > sb.Max.X || max(c.Y, d.Y) < sb.Min.Y || min(c.Y, d.Y) > sb.Max.Y {
					continue
				}
				ex, ey := float64(d.X-c.X), float64(d.Y-c.Y)
				den := dx*ey - dy*ex
				if den == 0 {
					continue
				}
				t := (float64(c.X-a.X)*ey - float64(c.Y-a.Y)*ex) / den
				u := (float64(c.X-a.X)*dy - float64(c.Y-a.Y)*dx) / den
				if t > 0 && t < 1 && u >= 0 && u <= 1 {
					ts = append(ts, t)
				}
			}
			slices.Sort(ts)
		}
		for j := 1; j < len(ts); j++ {
			t0, t1 := ts[j-1], ts[j]
			if t1-t0 < 1e-9 {
				continue
			}
			over := false
			if sb.Overlaps(zbox) {
				tm := (t0 + t1) / 2
				over = inZone(geom.Point{X: a.X + int64(math.Round(tm*float64(b.X-a.X))), Y: a.Y + int64(math.Round(tm*float64(b.Y-a.Y)))})
			}
			end := b
			if t1 < 1 {
				end = geom.Point{X: a.X + int64(math.Round(t1*float64(b.X-a.X))), Y: a.Y + int64(math.Round(t1*float64(b.Y-a.Y)))}
			}
			if !started {
				cur.over, started = over, true
			}
			if over != cur.over {
				last := cur.pts[len(cur.pts)-1]
				out = append(out, cur)
				cur = stretch{pts: geom.Path{last}, over: over}
			}
			if end != cur.pts[len(cur.pts)-1] {
				cur.pts = append(cur.pts, end)
			}
		}
	}
	out = append(out, cur)
	// short overhangs are folded into their neighbours
	any := false
	for k := range out {
		if out[k].over && pathLength(out[k].pts, false)*um < minOverhangUM {
			out[k].over = false
		}
		any = any || out[k].over
	}
	if !any {
		return nil
	}
	merged := out[:1]
	for _, st := range out[1:] {
		if last := &merged[len(merged)-1]; last.over == st.over {
			last.pts = append(last.pts, st.pts[1:]...)
		} else {
			merged = append(merged, st)
		}
	}
	return merged
}

// loopExtrusions returns the perimeter ring r (role, width w) as the
// layer prints it: one closed loop, or, where it crosses zone, open
// stretches of role and OverhangPerimeter in print order. A loop all over
// air stays closed when it is the external one (the travel planner reads
// closed external and overhang loops as island outlines) and becomes an
// open line back to its start otherwise.
func loopExtrusions(r geom.Path, role Role, w float64, zone []geom.Polygon, zbox geom.Rect) []Extrusion {
	parts := splitLoop(r, zone, zbox)
	if parts == nil {
		return []Extrusion{{Role: role, Width: w, Points: r, Closed: true}}
	}
	if len(parts) == 1 {
		if role == ExternalPerimeter {
			return []Extrusion{{Role: OverhangPerimeter, Width: w, Points: r, Closed: true}}
		}
		return []Extrusion{{Role: OverhangPerimeter, Width: w, Points: append(r[:len(r):len(r)], r[0])}}
	}
	out := make([]Extrusion, 0, len(parts))
	for _, st := range parts {
		ro := role
		if st.over {
			ro = OverhangPerimeter
		}
		out = append(out, Extrusion{Role: ro, Width: w, Points: st.pts})
	}
	return out
}
