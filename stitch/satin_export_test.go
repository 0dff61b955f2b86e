package stitch

import "github.com/usinette/usinette/vector"

// SatinTop is what the planner makes of one satin column shape, for the
// tests that measure the written file: its rails as sewn (turned the same
// way, loops opened) and the needle points of its top layer.
type SatinTop struct {
	A, B []vector.Point
	Top  []vector.Point
	Loop bool
	Pull [2]float64 // pull compensation of each side, mm
}

// SatinTopOf plans the satin column of s (two or more subpaths) with the
// needle at pos before it, as Plan does, and returns its top layer.
func SatinTopOf(s vector.Shape, pos *vector.Point) (SatinTop, bool) {
	var rails [][]pt
	for _, sp := range s.Subpaths {
		if p := subpathPoints(sp); len(p) > 1 {
			rails = append(rails, p)
		}
	}
	if len(rails) < 2 {
		return SatinTop{}, false
	}
	sp := readSatin(attrs(s.Attrs), false)
	c := newColumn(rails, sp)
	if c == nil {
		return SatinTop{}, false
	}
	c.startNear(pos)
	return SatinTop{A: c.a.p, B: c.b.p, Top: topLayer(c, sp), Loop: c.loop, Pull: sp.pullSides}, true
}
