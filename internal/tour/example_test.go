package tour_test

import (
	"fmt"
	"math"

	"github.com/usinette/usinette/internal/tour"
)

// Lines on a number line, each visited from its nearer end.
func ExampleGreedy() {
	lines := [][2]float64{{10, 12}, {3, 1}, {20, 15}}
	entered := make([]float64, len(lines))
	order := tour.Greedy(len(lines), 0.0, func(i int, at float64) (float64, float64, bool) {
		a, b := lines[i][0], lines[i][1]
		if math.Abs(b-at) < math.Abs(a-at) {
			a, b = b, a
		}
		entered[i] = a
		return math.Abs(a - at), b, true
	})
	for _, i := range order {
		fmt.Println(i, "from", entered[i])
	}
	// Output:
	// 1 from 1
	// 0 from 10
	// 2 from 15
}
