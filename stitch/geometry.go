package stitch

import (
	"math"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
	"github.com/usinette/usinette/vector"
)

// pt is a position in millimetres (page frame or a rotated row frame).
type pt = vector.Point

func sub(a, b pt) pt             { return pt{X: a.X - b.X, Y: a.Y - b.Y} }
func add(a, b pt) pt             { return pt{X: a.X + b.X, Y: a.Y + b.Y} }
func scale(a pt, k float64) pt   { return pt{X: a.X * k, Y: a.Y * k} }
func dot(a, b pt) float64        { return a.X*b.X + a.Y*b.Y }
func cross(a, b pt) float64      { return a.X*b.Y - a.Y*b.X }
func norm(a pt) float64          { return math.Hypot(a.X, a.Y) }
func dist(a, b pt) float64       { return math.Hypot(a.X-b.X, a.Y-b.Y) }
func lerp(a, b pt, t float64) pt { return pt{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t} }
func unit(a pt) pt {
	n := norm(a)
	if n == 0 {
		return pt{}
	}
	return scale(a, 1/n)
}
func perp(a pt) pt { return pt{X: -a.Y, Y: a.X} }
func finite(p pt) bool {
	return !math.IsNaN(p.X) && !math.IsNaN(p.Y) && !math.IsInf(p.X, 0) && !math.IsInf(p.Y, 0)
}
func samePoint(a, b pt) bool { return dist(a, b) < 1e-9 }
func rotFrame(angleDeg float64) (d, n pt) {
	a := angleDeg * math.Pi / 180
	// Ink/Stitch angles turn counter-clockwise on screen; y points down.
	d = pt{X: math.Cos(a), Y: -math.Sin(a)}
	n = pt{X: math.Sin(a), Y: math.Cos(a)}
	return d, n
}

// segDist is the distance from p to the segment ab.
func segDist(p, a, b pt) float64 {
	ab := sub(b, a)
	l2 := dot(ab, ab)
	if l2 == 0 {
		return dist(p, a)
	}
	t := dot(sub(p, a), ab) / l2
	t = math.Max(0, math.Min(1, t))
	return dist(p, lerp(a, b, t))
}

func polyLength(p []pt) float64 {
	s := 0.0
	for i := 1; i < len(p); i++ {
		s += dist(p[i-1], p[i])
	}
	return s
}

// dedupe drops consecutive points closer than eps.
func dedupe(p []pt, eps float64) []pt {
	out := make([]pt, 0, len(p))
	for _, q := range p {
		if !finite(q) {
			continue
		}
		if len(out) > 0 && dist(out[len(out)-1], q) < eps {
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
