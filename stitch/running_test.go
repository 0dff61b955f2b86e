package stitch

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/vector"
)

func TestRunningStitchCorners(t *testing.T) {
	tests := []struct {
		name    string
		path    []pt
		length  float64
		corners []pt
	}{
		{"square", []pt{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 10}, {X: 0, Y: 10}, {X: 0, Y: 0}}, 2.5,
			[]pt{{X: 10, Y: 0}, {X: 10, Y: 10}, {X: 0, Y: 10}}},
		{"zigzag", []pt{{X: 0, Y: 0}, {X: 7, Y: 3}, {X: 14, Y: 0}, {X: 21, Y: 3}}, 2.5,
			[]pt{{X: 7, Y: 3}, {X: 14, Y: 0}}},
		{"odd lengths", []pt{{X: 0, Y: 0}, {X: 3.3, Y: 0}, {X: 3.3, Y: 5.1}}, 2,
			[]pt{{X: 3.3, Y: 0}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := runningStitch(tc.path, tc.length, 0.2)
			if !samePoint(st[0], tc.path[0]) || !samePoint(st[len(st)-1], tc.path[len(tc.path)-1]) {
				t.Errorf("ends %v %v, want the path's", st[0], st[len(st)-1])
			}
			for _, c := range tc.corners {
				found := false
				for _, q := range st {
					if samePoint(q, c) {
						found = true
					}
				}
				if !found {
					t.Errorf("corner %v not hit: %v", c, st)
				}
			}
			for i := 1; i < len(st); i++ {
				if d := st[i-1].Dist(st[i]); d > tc.length+1e-9 {
					t.Errorf("stitch %d is %.3f mm > %.1f", i, d, tc.length)
				}
			}
		})
	}
}

func TestRunningStitchFollowsCurve(t *testing.T) {
	// A circle of radius 5 flattened finely: 2.5 mm chords would stray
	// 0.16 mm; a 0.05 mm tolerance forces shorter stitches.
	const r = 5.0
	var c []pt
	for i := 0; i <= 720; i++ {
		a := 2 * math.Pi * float64(i) / 720
		c = append(c, pt{X: r * math.Cos(a), Y: r * math.Sin(a)})
	}
	for _, tol := range []float64{0.2, 0.05} {
		st := runningStitch(c, 2.5, tol)
		for i := 1; i < len(st); i++ {
			mid := st[i-1].Lerp(st[i], 0.5)
			if dev := r - mid.Len(); dev > tol+1e-3 {
				t.Errorf("tol %.2f: stitch %d strays %.3f mm", tol, i, dev)
			}
			if d := st[i-1].Dist(st[i]); d > 2.5+1e-9 {
				t.Errorf("stitch %d is %.3f mm", i, d)
			}
		}
		t.Logf("tol %.2f: %d stitches", tol, len(st)-1)
	}
}

func TestRepeatsAndBean(t *testing.T) {
	s := []pt{{X: 0}, {X: 1}, {X: 2}}
	got := repeatRun(s, 3)
	want := []pt{{X: 0}, {X: 1}, {X: 2}, {X: 1}, {X: 0}, {X: 1}, {X: 2}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("repeats 3 (-want +got):\n%s", d)
	}
	got = beanStitch(s, []int{1})
	want = []pt{{X: 0}, {X: 1}, {X: 0}, {X: 1}, {X: 2}, {X: 1}, {X: 2}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("bean 1 (-want +got):\n%s", d)
	}
	got = beanStitch(s, []int{0, 2})
	want = []pt{{X: 0}, {X: 1}, {X: 2}, {X: 1}, {X: 2}, {X: 1}, {X: 2}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("bean 0 2 (-want +got):\n%s", d)
	}
}

// TestRunningMatchesInkStitchSquare: the corpus' square10_running stitch
// list is Ink/Stitch's running stitch of a 10 mm square at 2.5 mm.
func TestRunningMatchesInkStitchSquare(t *testing.T) {
	b, err := os.ReadFile(corpus.Path(t, "pes/golden/square10_running.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Stitches [][3]any `json:"stitches"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	var want []pt
	for _, s := range g.Stitches {
		if s[2] == "STITCH" {
			want = append(want, pt{X: s[0].(float64), Y: s[1].(float64)})
		}
	}
	sq := vector.Subpath{Closed: true, Points: []pt{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 10}, {X: 0, Y: 10}}}
	got := runningStitch(subpathPoints(sq), 2.5, 0.2)
	if d := cmp.Diff(want, got, cmpopts.EquateApprox(0, 1e-9)); d != "" {
		t.Errorf("square (-inkstitch +ours):\n%s", d)
	}
}
