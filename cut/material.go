package cut

import (
	"fmt"
	"strings"
)

// Material is a media preset for the Cameo 4 Pro's AutoBlade (tool holder
// 1): speed (1–30), force (1–33) and blade depth (0–10). They are starting
// points close to Silhouette Studio's own presets; always do a test cut.
type Material struct {
	Name                string
	Speed, Force, Depth int
	Mirror              bool // cut from the back (heat-transfer flex)
}

// Materials returns the presets:
//
//	vinyl      speed 5, force 10, depth 1  (self-adhesive vinyl)
//	flex       speed 8, force 6,  depth 2, mirrored (heat-transfer vinyl, carrier up)
//	paper      speed 5, force 7,  depth 2  (80–120 g/m² paper)
//	cardstock  speed 5, force 20, depth 4  (card 200–300 g/m²)
func Materials() []Material {
	return []Material{
		{Name: "vinyl", Speed: 5, Force: 10, Depth: 1},
		{Name: "flex", Speed: 8, Force: 6, Depth: 2, Mirror: true},
		{Name: "paper", Speed: 5, Force: 7, Depth: 2},
		{Name: "cardstock", Speed: 5, Force: 20, Depth: 4},
	}
}

// LookupMaterial returns the preset called name.
func LookupMaterial(name string) (Material, error) {
	for _, m := range Materials() {
		if m.Name == strings.ToLower(name) {
			return m, nil
		}
	}
	return Material{}, fmt.Errorf("%w: material %q (vinyl, flex, paper or cardstock)", ErrBadOption, name)
}
