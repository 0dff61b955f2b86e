// Package tour orders things to visit so that the head travels little: the
// islands of a layer, the lines of a fill, the strokes of an embroidery
// shape. One greedy nearest-neighbour walk serves them all; what "near"
// means (which end of a line, which vertex of a ring, a fixed point or the
// last exit) is the caller's cost function.
//
// The walk is quadratic in the number of items: fine for the tens to a few
// thousands a layer or a shape holds. Cut planning, which orders up to a
// whole sheet of stickers, indexes its pieces spatially instead (package
// cut).
package tour

import "cmp"

// Greedy returns the order in which to visit n items: starting at start,
// each step takes the unvisited item that is cheapest to reach from where
// the walk is, and the walk goes on from where that item leaves it. cost
// tells, for item i reached from at, what it costs and where the walk is
// afterwards; ok false leaves the item out of the tour. Among equal costs
// the lowest index wins, so the order is deterministic.
//
// cost is called again for every unvisited item at each step, and for the
// chosen item last at the step that chooses it: a caller that records
// per-item decisions while costing (which end to enter by) finds the
// chosen one's in what it recorded last.
func Greedy[C cmp.Ordered, P any](n int, start P, cost func(i int, at P) (c C, next P, ok bool)) []int {
	order := make([]int, 0, n)
	used := make([]bool, n)
	at := start
	for len(order) < n {
		best := -1
		var bestC C
		var bestNext P
		for i := range n {
			if used[i] {
				continue
			}
			c, next, ok := cost(i, at)
			if !ok {
				used[i] = true // never reachable: out of the tour
				continue
			}
			if best < 0 || c < bestC {
				best, bestC, bestNext = i, c, next
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		order = append(order, best)
		at = bestNext
	}
	return order
}
