package vector

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFlattenArcAgainstDefinition: for random arcs and transforms, every
// point flattenArc adds lies on the transformed ellipse, and the middle of
// every chord (ends included) is within the tolerance of it. The ellipse is
// tested through its implicit equation in the arc's own frame: a point q
// lies on it when |R(−φ)(m⁻¹q − c)| measured in radii is 1; the distance is
// estimated by sampling the curve densely.
func TestFlattenArcAgainstDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		p0 := Point{rng.Float64() * 50, rng.Float64() * 50}
		p1 := Point{rng.Float64() * 50, rng.Float64() * 50}
		rx, ry := 1+rng.Float64()*40, 1+rng.Float64()*40
		rot := rng.Float64() * 360
		large, sweep := rng.IntN(2) == 1, rng.IntN(2) == 1
		m := Identity().Rotate(rng.Float64()*90).Scale(0.2+rng.Float64()*3, 0.2+rng.Float64()*3).Shear(rng.Float64()-0.5, 0)
		tol := []float64{0.02, 0.1, 0.5}[i%3]

		pts := []Point{m.Apply(p0)}
		flattenArc(func(p Point) { pts = append(pts, p) }, p0, rx, ry, rot, large, sweep, p1, m, tol)
		pts = append(pts, m.Apply(p1))

		// a dense sampling of the same arc (1e-4 of the tolerance)
		dense := []Point{m.Apply(p0)}
		flattenArc(func(p Point) { dense = append(dense, p) }, p0, rx, ry, rot, large, sweep, p1, m, tol/1e4)
		dense = append(dense, m.Apply(p1))
		distTo := func(q Point) float64 {
			best := math.Inf(1)
			for k := 1; k < len(dense); k++ {
				best = min(best, segDist(q, dense[k-1], dense[k]))
			}
			return best
		}
		for k := 1; k < len(pts); k++ {
			mid := Point{(pts[k-1].X + pts[k].X) / 2, (pts[k-1].Y + pts[k].Y) / 2}
			if d := distTo(mid); d > tol*1.01+1e-6 {
				t.Fatalf("arc %d: chord %d's middle is %.4f mm from the arc (tolerance %.2f)", i, k, d, tol)
			}
			if d := distTo(pts[k]); d > tol/50 {
				t.Fatalf("arc %d: point %d is %.5f mm off the arc", i, k, d)
			}
		}
	}
}

// TestFlattenArcKnownCircle: a half circle of radius 10 from (0,0) to
// (20,0) with the sweep flag set turns in the positive-angle direction,
// which in SVG's y-down frame is clockwise on screen: over the top of the
// chord, through (10, −10).
func TestFlattenArcKnownCircle(t *testing.T) {
	var pts []Point
	flattenArc(func(p Point) { pts = append(pts, p) }, Point{0, 0}, 10, 10, 0, false, true, Point{20, 0}, Identity(), 0.01)
	minY := 0.0
	for _, p := range pts {
		if r := math.Hypot(p.X-10, p.Y); math.Abs(r-10) > 1e-9 {
			t.Fatalf("point %v not on the circle (r = %v)", p, r)
		}
		minY = min(minY, p.Y)
	}
	if math.Abs(minY+10) > 0.01 {
		t.Fatalf("highest point y = %v, want -10", minY)
	}
	// 2·acos(1 − 0.01/10) ≈ 0.0894 rad per step: ceil(π / 0.0894) = 36 steps
	if len(pts) != 35 {
		t.Fatalf("%d inner points, want 35", len(pts))
	}
}

// segDist is the distance from q to the segment a–b.
func segDist(q, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = min(max(((q.X-a.X)*dx+(q.Y-a.Y)*dy)/l2, 0), 1)
	}
	return math.Hypot(q.X-a.X-t*dx, q.Y-a.Y-t*dy)
}
