package stitch

import (
	"math"
	"testing"
)

func circle(cx, cy, r float64, n int, startDeg float64, ccw bool) []pt {
	var out []pt
	for i := 0; i <= n; i++ {
		a := (startDeg + 360*float64(i)/float64(n)) * math.Pi / 180
		if !ccw {
			a = (startDeg - 360*float64(i)/float64(n)) * math.Pi / 180
		}
		out = append(out, pt{X: cx + r*math.Cos(a), Y: cy + r*math.Sin(a)})
	}
	return out
}

// topPairs returns the top layer of a column as pairs (a, b).
func topPairs(t *testing.T, paths [][]pt, a attrs, pos *pt) ([][2]pt, *column) {
	t.Helper()
	sp := readSatin(a, false)
	c := newColumn(paths, sp)
	if c == nil {
		t.Fatal("no column")
	}
	c.startNear(pos)
	top := topLayer(c, sp)
	var prs [][2]pt
	for i := 0; i+1 < len(top); i += 2 {
		prs = append(prs, [2]pt{top[i], top[i+1]})
	}
	return prs, c
}

// A ring whose two loops turn opposite ways and start on opposite sides:
// sewn as a ring (every stitch across it, 2 mm wide), not as a fan.
func TestSatinRingLoops(t *testing.T) {
	outer := circle(0, 0, 10, 180, 0, true)
	inner := circle(0, 0, 8, 150, 180, false)
	for _, tc := range []struct {
		name  string
		paths [][]pt
	}{
		{"no rungs", [][]pt{outer, inner}},
		{"rungs", [][]pt{outer, inner, {{X: 0, Y: 7}, {X: 0, Y: 11}}, {{X: 7, Y: 0}, {X: 11, Y: 0}}, {{X: -11, Y: 0}, {X: -7, Y: 0}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pos := pt{X: 0, Y: -20}
			prs, c := topPairs(t, tc.paths, attrs{}, &pos)
			if !c.loop {
				t.Fatal("loops not seen")
			}
			for i, pr := range prs {
				if w := pr[0].Dist(pr[1]); math.Abs(w-2) > 0.05 {
					t.Fatalf("stitch %d is %.2f mm wide, want 2", i, w)
				}
			}
			// the needle starts near where it was
			if d := prs[0][0].Dist(pos); d > 10.5 {
				t.Errorf("starts %.1f mm from the needle", d)
			}
			// the points go once round, the same way on both rails
			turn := 0.0
			for i := 1; i < len(prs); i++ {
				a0, a1 := prs[i-1][0], prs[i][0]
				turn += math.Atan2(a0.X*a1.Y-a0.Y*a1.X, a0.Dot(a1))
			}
			if math.Abs(math.Abs(turn)-2*math.Pi) > 0.05 {
				t.Errorf("rail a turns %.2f rad, want once round", turn)
			}
			// spacing 0.4 mm on the outer rail: 2π·10/0.4 ≈ 157 pairs
			if n := len(prs); n < 150 || n > 165 {
				t.Errorf("%d pairs, want about 157", n)
			}
		})
	}
}

// reverse_rails and swap_satin_rails: explicit choices are obeyed; the
// automatic one turns a rail drawn backwards.
func TestSatinReverseAndSwap(t *testing.T) {
	a := []pt{{X: 0, Y: 0}, {X: 20, Y: 0}}
	b := []pt{{X: 20, Y: 4}, {X: 0, Y: 4}}
	prs, _ := topPairs(t, [][]pt{a, b}, attrs{}, nil)
	for _, pr := range prs {
		if math.Abs(pr[0].X-pr[1].X) > 1e-6 {
			t.Fatalf("automatic: stitch %v is not across the column", pr)
		}
	}
	prs, _ = topPairs(t, [][]pt{a, b}, attrs{"inkstitch:reverse_rails": "none"}, nil)
	if d := math.Abs(prs[0][0].X - prs[0][1].X); d < 19 {
		t.Errorf("reverse_rails=none: first stitch spans %.1f mm in x, want the drawn 20", d)
	}
	prs, _ = topPairs(t, [][]pt{a, b}, attrs{"inkstitch:swap_satin_rails": "true"}, nil)
	if prs[0][0].Y != 4 {
		t.Errorf("swapped: first point %v, want on the second rail (y=4)", prs[0][0])
	}
	// pull compensation on one side only (two values)
	prs, _ = topPairs(t, [][]pt{a, b}, attrs{"inkstitch:pull_compensation_mm": "0 0.5"}, nil)
	if mid := prs[len(prs)/2]; math.Abs(mid[0].Y) > 1e-9 || math.Abs(mid[1].Y-4.5) > 1e-9 {
		t.Errorf("asymmetric pull: %v, want y 0 and 4.5", mid)
	}
}

// Two rails without rungs that turn a sharp corner together are matched at
// the corner: the stitches there join the two corners.
func TestSatinCornersWithoutRungs(t *testing.T) {
	// an L: outer rail long on both legs, inner rail short.
	a := []pt{{X: 0, Y: 0}, {X: 0, Y: 20}, {X: 20, Y: 20}}
	b := []pt{{X: 3, Y: 0}, {X: 3, Y: 17}, {X: 20, Y: 17}}
	prs, c := topPairs(t, [][]pt{a, b}, attrs{}, nil)
	if len(c.cuts) != 3 {
		t.Fatalf("cuts %v, want the corner matched", c.cuts)
	}
	hit := false
	for _, pr := range prs {
		if pr[0].Dist(pt{X: 0, Y: 20}) < 0.3 && pr[1].Dist(pt{X: 3, Y: 17}) < 0.3 {
			hit = true
		}
		// every stitch stays in the L's column: within 4.3 mm (the corner's
		// diagonal) long
		if w := pr[0].Dist(pr[1]); w > 4.25 {
			t.Errorf("stitch %v is %.2f mm", pr, w)
		}
	}
	if !hit {
		t.Error("no stitch joins the two corners")
	}
}

// Ink/Stitch's short-stitch inset: with two values, the first crowded
// point is pulled in by the first, the next by the second.
func TestSatinShortInsetSequence(t *testing.T) {
	sp := readSatin(attrs{"inkstitch:short_stitch_inset": "10 30", "inkstitch:short_stitch_distance_mm": "1"}, false)
	// rail a barely moves (0.2 mm steps), rail b 1 mm apart, width 10
	var prs [][2]pt
	for i := 0; i < 6; i++ {
		prs = append(prs, [2]pt{{X: 0.2 * float64(i), Y: 0}, {X: float64(i), Y: 10}})
	}
	orig := append([][2]pt(nil), prs...)
	shortInset(prs, sp)
	var got []float64
	for i := range prs {
		got = append(got, math.Round(prs[i][0].Dist(orig[i][0])/orig[i][0].Dist(orig[i][1])*100))
		if prs[i][1] != orig[i][1] {
			t.Errorf("pair %d: the spread rail moved", i)
		}
	}
	want := []float64{0, 10, 30, 10, 30, 0} // 1.0 mm from the last kept point at i=5
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("insets %v %%, want %v", got, want)
		}
	}
}

// Three subpaths: the rung that stops just short of one rail (0.06 mm, as
// in Chicken Scratch's question mark) is still the rung, not a rail.
func TestSatinShortRungOfThree(t *testing.T) {
	a := []pt{{X: 0.06, Y: 0}, {X: 0.06, Y: 9}}
	b := []pt{{X: 2, Y: 0}, {X: 2, Y: 12}}
	rung := []pt{{X: 0.12, Y: 1}, {X: 2.5, Y: 1}}
	ra, rb, rungs := railsAndRungs([][]pt{a, b, rung})
	if len(rungs) != 1 || len(ra) != 2 || ra[1].Y != 9 || rb[1].Y != 12 {
		t.Fatalf("rails %v %v, rungs %v", ra, rb, rungs)
	}
}
