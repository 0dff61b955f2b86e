package tour

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGreedyMatchesDefinition: on random points, each step's choice is the
// nearest unvisited point to the previous one (lowest index on ties), and
// items the cost refuses are left out.
func TestGreedyMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 50 {
		n := rng.IntN(40)
		pts := make([][2]int, n)
		for i := range pts {
			pts[i] = [2]int{rng.IntN(20), rng.IntN(20)} // small range: ties happen
		}
		skip := func(i int) bool { return i%7 == 3 }
		d2 := func(a, b [2]int) int { return (a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) }
		got := Greedy(n, [2]int{}, func(i int, at [2]int) (int, [2]int, bool) {
			return d2(at, pts[i]), pts[i], !skip(i)
		})
		// the definition, written out
		var want []int
		used := make([]bool, n)
		at := [2]int{}
		for {
			best := -1
			for i := range n {
				if !used[i] && !skip(i) && (best < 0 || d2(at, pts[i]) < d2(at, pts[best])) {
					best = i
				}
			}
			if best < 0 {
				break
			}
			used[best] = true
			want = append(want, best)
			at = pts[best]
		}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b []int) bool { return fmt.Sprint(a) == fmt.Sprint(b) })); diff != "" {
			t.Fatalf("trial %d: (-want +got)\n%s", trial, diff)
		}
	}
}
