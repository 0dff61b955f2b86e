package clip

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/usinette/usinette/geom"
)

// slabArea is the exact area (µm², up to float rounding) of the region the
// operation and fill rule define on the rings, by an independent method:
// between consecutive heights of vertices and pairwise crossings no edge
// crosses another, so the inside length is linear in y and each slab's
// area is its height times the inside length at mid-height. It shares
// nothing with the sweep but the definition (sweeper.inside).
func slabArea(subj, clp []geom.Path, op Op, rule FillRule) float64 {
	type edge struct {
		ax, ay, bx, by float64
		w              int // +1 where the ring runs downward
		poly           int
	}
	var edges []edge
	for poly, rings := range [][]geom.Path{subj, clp} {
		for _, r := range rings {
			if len(r) < 3 {
				continue
			}
			for i := range r {
				a, b := r[i], r[(i+1)%len(r)]
				switch {
				case a.Y < b.Y:
					edges = append(edges, edge{float64(a.X), float64(a.Y), float64(b.X), float64(b.Y), -1, poly})
				case a.Y > b.Y:
					edges = append(edges, edge{float64(b.X), float64(b.Y), float64(a.X), float64(a.Y), 1, poly})
				}
			}
		}
	}
	var ys []float64
	for i, e := range edges {
		ys = append(ys, e.ay, e.by)
		for _, f := range edges[i+1:] {
			// crossing of the two segments' lines, kept when inside both
			d := (e.bx-e.ax)*(f.by-f.ay) - (e.by-e.ay)*(f.bx-f.ax)
			if d == 0 {
				continue
			}
			t := ((f.ax-e.ax)*(f.by-f.ay) - (f.ay-e.ay)*(f.bx-f.ax)) / d
			u := ((f.ax-e.ax)*(e.by-e.ay) - (f.ay-e.ay)*(e.bx-e.ax)) / d
			if t > 0 && t < 1 && u > 0 && u < 1 {
				ys = append(ys, e.ay+t*(e.by-e.ay))
			}
		}
	}
	slices.Sort(ys)
	ys = slices.Compact(ys)
	s := sweeper{op: op, rule: rule}
	total := 0.0
	type cross struct {
		x    float64
		w    int
		poly int
	}
	var xs []cross
	for k := 0; k+1 < len(ys); k++ {
		y := (ys[k] + ys[k+1]) / 2
		xs = xs[:0]
		for _, e := range edges {
			if e.ay < y && y < e.by {
				xs = append(xs, cross{e.ax + (y-e.ay)*(e.bx-e.ax)/(e.by-e.ay), e.w, e.poly})
			}
		}
		slices.SortFunc(xs, func(a, b cross) int {
			switch {
			case a.x < b.x:
				return -1
			case a.x > b.x:
				return 1
			}
			return 0
		})
		ws, wc, length := 0, 0, 0.0
		for i, c := range xs {
			if c.poly == 0 {
				ws += c.w
			} else {
				wc += c.w
			}
			if i+1 < len(xs) && s.inside(ws, wc) {
				length += xs[i+1].x - c.x
			}
		}
		total += length * (ys[k+1] - ys[k])
	}
	return total
}

// checkOverlap runs every operation and fill rule of the sweep on the rings
// and compares the result's area with slabArea: crossings rounded to the
// grid move edges by up to a unit, so the two may differ by a unit times
// the length of the edges, no more.
func checkOverlap(t *testing.T, name string, subj, clp []geom.Path) {
	t.Helper()
	band := 0.0
	for _, r := range append(append([]geom.Path{}, subj...), clp...) {
		band += r.Length(true)
	}
	for _, rule := range []FillRule{NonZero, EvenOdd, Positive} {
		for _, op := range []Op{Union, Intersection, Difference, Xor} {
			got := Sweep{}.Boolean(op, subj, clp, rule)
			n := fmt.Sprintf("%s op %d rule %d", name, op, rule)
			checkShape(t, n, got)
			a := 0.0
			for _, p := range got {
				a += p.Area()
			}
			if want := slabArea(subj, clp, op, rule); math.Abs(a-want) > band {
				t.Errorf("%s: area %.0f µm², by definition %.0f (band %.0f)", n, a, want, band)
			}
		}
	}
}

// The doubled edge of the subject and the two overlapping edges of the
// clip (all its points on one line) cross at (2204.4, 2805.6), which
// rounds to (2204, 2806). Only one edge of each pair used to be cut
// there; its twin went on along the line, the other pair's edges slipped
// between them and a wedge of about 0.09 mm² between the two lines came
// out of a union of two rings with no area (fuzz seed 7a59cf120a6975f0).
func TestSweepDegenerateOverlap(t *testing.T) {
	subj := []geom.Path{{{X: 0, Y: 0}, {X: 0, Y: 0}, {X: 0, Y: 0}, {X: 3674, Y: 4676}}}
	clp := []geom.Path{{{X: 3674, Y: 5010}, {X: 1670, Y: 2004}, {X: 3006, Y: 4008}}}
	for _, rule := range []FillRule{NonZero, EvenOdd, Positive} {
		for _, op := range []Op{Union, Intersection, Difference, Xor} {
			if got := (Sweep{}).Boolean(op, subj, clp, rule); len(got) != 0 {
				t.Errorf("op %d rule %d: %d polygons of %.6f mm², want none", op, rule, len(got), area(got))
			}
		}
	}
	checkOverlap(t, "degenerate", subj, clp)
}

// TestSweepCollinearOverlap: a ring with area whose spike runs out and
// back along one line (two overlapping edges of opposite direction),
// crossed off the grid by the edges of a real triangle and by a clip ring
// with no area.
func TestSweepCollinearOverlap(t *testing.T) {
	spiked := geom.Path{{X: -3000, Y: 0}, {X: 0, Y: 0}, {X: 3674, Y: 4676}, {X: 0, Y: 0}, {X: 0, Y: 1000}, {X: -3000, Y: 1000}}
	tri := geom.Path{{X: 1670, Y: 2004}, {X: 3006, Y: 4008}, {X: -2000, Y: 5000}}
	flat := geom.Path{{X: 3674, Y: 5010}, {X: 1670, Y: 2004}, {X: 3006, Y: 4008}}
	checkOverlap(t, "spike/triangle", []geom.Path{spiked}, []geom.Path{tri})
	checkOverlap(t, "spike/flat", []geom.Path{spiked}, []geom.Path{flat})
	checkOverlap(t, "triangle/spike", []geom.Path{tri}, []geom.Path{spiked})
}

// TestSweepSharedEdge: two triangles sharing a slanted edge, run in
// opposite directions (both counter-clockwise) or the same direction (one
// reversed), crossed off the grid by a clip triangle's edge.
func TestSweepSharedEdge(t *testing.T) {
	a := geom.Path{{X: 0, Y: 0}, {X: 5000, Y: 0}, {X: 3674, Y: 4676}}
	b := geom.Path{{X: 0, Y: 0}, {X: 3674, Y: 4676}, {X: -1000, Y: 4676}}
	tri := geom.Path{{X: 1670, Y: 2004}, {X: 3006, Y: 4008}, {X: -2000, Y: 5000}}
	flat := geom.Path{{X: 3674, Y: 5010}, {X: 1670, Y: 2004}, {X: 3006, Y: 4008}}
	for _, c := range []struct {
		name string
		b    geom.Path
	}{{"opposite", b}, {"same", rev(b)}} {
		checkOverlap(t, c.name+"/triangle", []geom.Path{a, c.b}, []geom.Path{tri})
		checkOverlap(t, c.name+"/flat", []geom.Path{a, c.b}, []geom.Path{flat})
		checkOverlap(t, c.name+" split", []geom.Path{a}, []geom.Path{c.b, tri})
	}
	// the shared edge between subject and clip, in both directions
	checkOverlap(t, "subject/clip opposite", []geom.Path{a, tri}, []geom.Path{b})
	checkOverlap(t, "subject/clip same", []geom.Path{a, tri}, []geom.Path{rev(b)})
}
