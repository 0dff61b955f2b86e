package scanline

import (
	"math"
	"slices"

	"github.com/usinette/usinette/geom"
)

// Segment is one span of a fill line inside the region, from A to B in the
// line's direction. Line is the line's index: lines k and k+1 are neighbours.
type Segment struct {
	A, B geom.Point
	Line int
}

type hit struct {
	line int
	x    float64
	dir  int8
}

// Lines intersects the region bounded by rings (any orientation, even-odd)
// with the lines of direction angle (radians from +X) whose signed distance
// from the origin along the normal (-sin, cos) is offset + k·spacing µm, for
// every integer k. Segments come sorted by line, then along the line.
func Lines(rings []geom.Path, angle float64, spacing, offset int64) []Segment {
	return lines(rings, angle, spacing, offset, false)
}

// LinesNonZero is Lines under the non-zero rule (for rings that may overlap).
func LinesNonZero(rings []geom.Path, angle float64, spacing, offset int64) []Segment {
	return lines(rings, angle, spacing, offset, true)
}

func lines(rings []geom.Path, angle float64, spacing, offset int64, nonzero bool) []Segment {
	if spacing <= 0 {
		panic("scanline: spacing must be positive")
	}
	s, c := math.Sincos(angle)
	sp := float64(spacing)
	off := float64(offset)
	var hits []hit
	for _, r := range rings {
		n := len(r)
		if n < 3 {
			continue
		}
		// rotated coordinates: u along the line, v across (the line index axis)
		pu := float64(r[n-1].X)*c + float64(r[n-1].Y)*s
		pv := -float64(r[n-1].X)*s + float64(r[n-1].Y)*c
		for _, q := range r {
			qu := float64(q.X)*c + float64(q.Y)*s
			qv := -float64(q.X)*s + float64(q.Y)*c
			if pv != qv {
				lo, hi := pv, qv
				dir := int8(1)
				if lo > hi {
					lo, hi = hi, lo
					dir = -1
				}
				// lines k with lo <= off + k*sp < hi
				k0 := int(math.Ceil((lo - off) / sp))
				for k := k0; ; k++ {
					v := off + float64(k)*sp
					if v >= hi {
						break
					}
					if v < lo {
						continue
					}
					u := pu + (v-pv)*(qu-pu)/(qv-pv)
					hits = append(hits, hit{k, u, dir})
				}
			}
			pu, pv = qu, qv
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.line != b.line {
			return a.line - b.line
		}
		switch {
		case a.x < b.x:
			return -1
		case a.x > b.x:
			return 1
		}
		return int(a.dir) - int(b.dir)
	})
	out := make([]Segment, 0, len(hits)/2)
	pt := func(u float64, k int) geom.Point {
		v := off + float64(k)*sp
		return geom.Point{X: int64(math.Round(u*c - v*s)), Y: int64(math.Round(u*s + v*c))}
	}
	for i := 0; i < len(hits); {
		j := i
		for j < len(hits) && hits[j].line == hits[i].line {
			j++
		}
		if nonzero {
			w := 0
			start := 0.0
			for _, h := range hits[i:j] {
				was := w
				w += int(h.dir)
				if was == 0 && w != 0 {
					start = h.x
				} else if was != 0 && w == 0 && h.x > start {
					out = append(out, Segment{pt(start, h.line), pt(h.x, h.line), h.line})
				}
			}
		} else {
			for k := i; k+1 < j; k += 2 {
				if hits[k+1].x > hits[k].x {
					out = append(out, Segment{pt(hits[k].x, hits[k].line), pt(hits[k+1].x, hits[k].line), hits[k].line})
				}
			}
		}
		i = j
	}
	return out
}
