package geom

// Point is a position in micrometres.
type Point struct{ X, Y int64 }

// Path is a polyline or, where the context says so, a closed ring that does
// not repeat its first point.
type Path []Point

// Micrometres per millimetre, and square micrometres per square millimetre.
const (
	PerMM  = 1000
	PerMM2 = PerMM * PerMM
)

// FromMM converts millimetres to the nearest micrometre.
func FromMM(mm float64) int64 {
	if mm < 0 {
		return -int64(-mm*PerMM + 0.5)
	}
	return int64(mm*PerMM + 0.5)
}

// ToMM converts micrometres to millimetres.
func ToMM(um int64) float64 { return float64(um) / PerMM }
