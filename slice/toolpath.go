package slice

import "github.com/usinette/usinette/geom"

// Role is what an extrusion is for. Printers and viewers read it from the
// ;TYPE: comment, and speeds, widths and accelerations follow it.
type Role uint8

const (
	ExternalPerimeter Role = iota
	Perimeter
	OverhangPerimeter
	InternalInfill
	SolidInfill
	TopSolidInfill
	BridgeInfill
	GapFill
	Skirt // skirt and brim both, as PrusaSlicer labels them
	SupportMaterial
	SupportMaterialInterface
	Ironing // a second pass over a top surface with a trickle of plastic (ironing.go)
)

// typeNames are PrusaSlicer's ;TYPE: labels, which OctoPrint and G-code
// viewers recognise.
var typeNames = [...]string{
	"External perimeter", "Perimeter", "Overhang perimeter", "Internal infill",
	"Solid infill", "Top solid infill", "Bridge infill", "Gap fill",
	"Skirt/Brim", "Support material", "Support material interface", "Ironing",
}

// String returns the role's ;TYPE: label.
func (r Role) String() string {
	if int(r) < len(typeNames) {
		return typeNames[r]
	}
	return "Unknown"
}

// Extrusion is one continuous extruded line: a closed loop (perimeters,
// skirt) or an open polyline (infill), in printing order.
type Extrusion struct {
	Role   Role
	Width  float64   // line width in mm
	Points geom.Path // in µm, bed coordinates
	Closed bool      // a loop: printing returns to Points[0]
}

// Layer is one printed layer: its top height, its thickness, and its
// extrusions in the order they are printed.
type Layer struct {
	Index  int
	Z      float64 // top of the layer, mm
	Height float64 // thickness, mm
	Paths  []Extrusion

	// Spiral says how vase mode prints the layer: flat (SpiralOff, the
	// zero value) or as one loop rising from the layer below (vase.go).
	Spiral Spiral
}
