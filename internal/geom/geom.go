// Package geom is the integer geometry kernel of the toolpath code: points in
// micrometres as int64, paths as slices of points, exact predicates.
//
// Outer rings are counter-clockwise, holes clockwise, and the inside of a set
// of rings is decided by the non-zero rule. Deciding tests (orientation,
// side of a line) use exact integer arithmetic, never a float cross product.
package geom

// Point is a position in micrometres.
type Point struct{ X, Y int64 }

// Path is a polyline or, where the context says so, a closed ring that does
// not repeat its first point.
type Path []Point

// Micrometres per millimetre.
const PerMM = 1000

// FromMM converts millimetres to the nearest micrometre.
func FromMM(mm float64) int64 {
	if mm < 0 {
		return -int64(-mm*PerMM + 0.5)
	}
	return int64(mm*PerMM + 0.5)
}

// ToMM converts micrometres to millimetres.
func ToMM(um int64) float64 { return float64(um) / PerMM }
