package stitch

import (
	"math"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
	"github.com/usinette/usinette/vector"
)

// pt is a position in millimetres (page frame or a rotated row frame); its
// methods (vector.Point) do the vector arithmetic.
type pt = vector.Point

func samePoint(a, b pt) bool { return a.Dist(b) < 1e-9 }
func rotFrame(angleDeg float64) (d, n pt) {
	a := angleDeg * math.Pi / 180
	// Ink/Stitch angles turn counter-clockwise on screen; y points down.
	d = pt{X: math.Cos(a), Y: -math.Sin(a)}
	n = pt{X: math.Sin(a), Y: math.Cos(a)}
	return d, n
}

// dedupe drops consecutive points closer than eps.
func dedupe(p []pt, eps float64) []pt {
	out := make([]pt, 0, len(p))
	for _, q := range p {
		if !q.Finite() {
			continue
		}
		if len(out) > 0 && out[len(out)-1].Dist(q) < eps {
			continue
		}
		out = append(out, q)
	}
	return out
}

func ringArea(r []pt) float64 {
	a := 0.0
	for i := range r {
		j := (i + 1) % len(r)
		a += r[i].X*r[j].Y - r[j].X*r[i].Y
	}
	return a / 2
}

// toGeom turns rings in millimetres into micrometre paths for the clipper.
func toGeom(rings [][]pt) []geom.Path {
	out := make([]geom.Path, 0, len(rings))
	for _, r := range rings {
		if len(r) < 3 {
			continue
		}
		p := make(geom.Path, 0, len(r))
		for _, q := range r {
			p = append(p, geom.Point{X: geom.FromMM(q.X), Y: geom.FromMM(q.Y)})
		}
		out = append(out, p)
	}
	return out
}

// cleanRegion turns the subpaths of a filled shape into non-overlapping
// rings (outer boundaries and holes, to be read with the even-odd rule),
// grown by delta millimetres (shrunk when negative), through the project's
// clipper (internal/clip), as the slicer does.
func cleanRegion(rings [][]pt, rule vector.FillRule, delta float64) [][]pt {
	in := toGeom(rings)
	if len(in) == 0 {
		return nil
	}
	fill := clip.NonZero
	if rule == vector.EvenOdd {
		fill = clip.EvenOdd
	}
	polys := clip.UnionRings(in, fill)
	if delta != 0 && len(polys) > 0 {
		polys = clip.Offset(polys, delta*geom.PerMM, clip.Round)
	}
	out := make([][]pt, 0, len(polys))
	for _, r := range clip.Rings(polys) {
		ring := make([]pt, 0, len(r))
		for _, q := range r {
			ring = append(ring, pt{X: geom.ToMM(q.X), Y: geom.ToMM(q.Y)})
		}
		if len(ring) >= 3 && math.Abs(ringArea(ring)) >= 1e-4 {
			out = append(out, ring)
		}
	}
	return out
}

// insideEvenOdd says whether p is inside the rings by the even-odd rule.
func insideEvenOdd(rings [][]pt, p pt) bool {
	in := false
	for _, r := range rings {
		for i := range r {
			a, b := r[i], r[(i+1)%len(r)]
			if (a.Y <= p.Y) != (b.Y <= p.Y) {
				x := a.X + (p.Y-a.Y)*(b.X-a.X)/(b.Y-a.Y)
				if x > p.X {
					in = !in
				}
			}
		}
	}
	return in
}
