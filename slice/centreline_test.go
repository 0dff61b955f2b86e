package slice

import (
	"math"
	"testing"

	"github.com/usinette/usinette/geom"
)

// ringPath is a circle of radius r µm with n vertices, each moved radially
// by jitter µm alternately out and in (a simplified, uneven outline).
func ringPath(r float64, n int, jitter float64, ccw bool) geom.Path {
	p := make(geom.Path, n)
	for k := range p {
		a := 2 * math.Pi * float64(k) / float64(n)
		if !ccw {
			a = -a
		}
		rr := r + jitter*float64(1-2*(k%2))
		p[k] = geom.Point{X: int64(math.Round(rr * math.Cos(a))), Y: int64(math.Round(rr * math.Sin(a)))}
	}
	return p
}

// TestCentreLineUnevenRing: a 0.4 mm ring whose width varies by ±15 µm (as
// a thin ring does once its section is simplified) is printed all round,
// on its middle, not as the largest piece of a broken sliver.
func TestCentreLineUnevenRing(t *testing.T) {
	for _, jitter := range []float64{0, 8, 15, 30} {
		ring := geom.Polygon{Outer: ringPath(10200, 90, jitter, true), Holes: []geom.Path{ringPath(9800, 200, 0, false)}}
		width := 2 * ring.Area() / geom.PerMM2 / (ringsLength(ring) / um) // mm, as thinParts measures it
		line, closed := centreLine(ring, width)
		if !closed {
			t.Errorf("jitter %v µm: the ring's middle came out open (%d points)", jitter, len(line))
			continue
		}
		got, want := pathLength(line, true), 2*math.Pi*10
		if math.Abs(got-want) > 0.02*want {
			t.Errorf("jitter %v µm: middle line %.2f mm long, want %.2f (±2 %%)", jitter, got, want)
		}
		for _, q := range line {
			if r := math.Hypot(float64(q.X), float64(q.Y)); math.Abs(r-10000) > 30+jitter {
				t.Errorf("jitter %v µm: point %v lies %.0f µm from the centre, want 10000 ±%.0f", jitter, q, r, 30+jitter)
				break
			}
		}
	}
}

// TestCentreLineTaperedWall: an open wall tapering from 0.5 to 0.3 mm keeps
// its whole length, midway between its sides.
func TestCentreLineTaperedWall(t *testing.T) {
	wall := geom.Polygon{Outer: geom.Path{{X: 0, Y: -250}, {X: 20000, Y: -150}, {X: 20000, Y: 150}, {X: 0, Y: 250}}}
	width := 2 * wall.Area() / geom.PerMM2 / (ringsLength(wall) / um)
	line, closed := centreLine(wall, width)
	if closed || len(line) < 2 {
		t.Fatalf("got closed=%v, %d points", closed, len(line))
	}
	if l := pathLength(line, false); l < 19 {
		t.Errorf("middle line %.2f mm long, want about 20", l)
	}
	// along the wall on its middle; an end may stop at a corner of the
	// sliver's flat end (the farthest points split it), inside the wall
	for k, q := range line {
		tol := int64(20)
		if k == 0 || k == len(line)-1 {
			tol = 250 - 100*q.X/20000 - 100 // the wall's half width there, less a line's half width
		}
		if q.Y < -tol || q.Y > tol {
			t.Errorf("point %d %v off the middle (y = 0) by more than %d µm", k, q, tol)
		}
	}
}
