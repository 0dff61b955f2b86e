package stitch

import (
	"math"
	"sort"
)

// cornerTurn is the change of direction (radians) above which a vertex of a
// path is a corner that a running stitch must hit exactly.
const cornerTurn = 30 * math.Pi / 180

// runningStitch places stitches along the polyline p: at most length apart
// (a little less, the pieces between corners are divided evenly), on every
// sharp corner, and never further than tol from the path. The result starts
// at p[0] and ends at p[len-1].
func runningStitch(p []pt, length, tol float64) []pt {
	p = dedupe(p, 1e-6)
	if len(p) < 2 {
		return append([]pt(nil), p...)
	}
	if length <= 0 {
		length = defaultRunLength
	}
	if tol <= 0 {
		tol = defaultRunTolerance
	}
	out := []pt{p[0]}
	start := 0
	for i := 1; i < len(p); i++ {
		if i == len(p)-1 || isCorner(p[i-1], p[i], p[i+1]) {
			out = runPiece(out, p[start:i+1], length, tol)
			start = i
		}
	}
	return out
}

func isCorner(a, b, c pt) bool {
	u, v := b.Sub(a), c.Sub(b)
	return math.Abs(math.Atan2(u.Cross(v), u.Dot(v))) > cornerTurn
}

// runPiece appends the stitches of a corner-free piece (without its first
// point, which out already ends with).
func runPiece(out []pt, p []pt, length, tol float64) []pt {
	cum := make([]float64, len(p))
	for i := 1; i < len(p); i++ {
		cum[i] = cum[i-1] + p[i-1].Dist(p[i])
	}
	total := cum[len(cum)-1]
	if total == 0 {
		return out
	}
	n := int(math.Ceil(total/length - 1e-9))
	if n < 1 {
		n = 1
	}
	at := func(s float64) pt {
		j := sort.SearchFloat64s(cum, s)
		if j <= 0 {
			return p[0]
		}
		if j >= len(p) {
			return p[len(p)-1]
		}
		seg := cum[j] - cum[j-1]
		if seg == 0 {
			return p[j]
		}
		return p[j-1].Lerp(p[j], (s-cum[j-1])/seg)
	}
	// dev is how far the path between arc lengths s0 and s1 strays from
	// the chord between its ends.
	dev := func(s0, s1 float64) float64 {
		a, b := at(s0), at(s1)
		m := 0.0
		j := sort.SearchFloat64s(cum, s0)
		for ; j < len(p) && cum[j] < s1; j++ {
			if cum[j] > s0 {
				m = math.Max(m, p[j].SegDist(a, b))
			}
		}
		return m
	}
	var emit func(s0, s1 float64, depth int)
	emit = func(s0, s1 float64, depth int) {
		if depth < 12 && s1-s0 > 0.2 && dev(s0, s1) > tol {
			mid := (s0 + s1) / 2
			emit(s0, mid, depth+1)
			emit(mid, s1, depth+1)
			return
		}
		out = append(out, at(s1))
	}
	for i := 0; i < n; i++ {
		s1 := total * float64(i+1) / float64(n)
		if i == n-1 {
			s1 = total
		}
		emit(total*float64(i)/float64(n), s1, 0)
	}
	out[len(out)-1] = p[len(p)-1]
	return out
}

// repeatRun sews a path repeats times, back and forth.
func repeatRun(s []pt, repeats int) []pt {
	if repeats <= 1 || len(s) < 2 {
		return s
	}
	out := append([]pt(nil), s...)
	for r := 1; r < repeats; r++ {
		if r%2 == 1 {
			for i := len(s) - 2; i >= 0; i-- {
				out = append(out, s[i])
			}
		} else {
			out = append(out, s[1:]...)
		}
	}
	return out
}

// beanStitch sews every stitch 1+2n times (forward, back, forward...),
// n cycling through the pattern.
func beanStitch(s []pt, pattern []int) []pt {
	if len(pattern) == 0 || len(s) < 2 {
		return s
	}
	allZero := true
	for _, n := range pattern {
		if n > 0 {
			allZero = false
		}
	}
	if allZero {
		return s
	}
	out := []pt{s[0]}
	for i := 1; i < len(s); i++ {
		n := pattern[(i-1)%len(pattern)]
		out = append(out, s[i])
		for k := 0; k < n; k++ {
			out = append(out, s[i-1], s[i])
		}
	}
	return out
}
