package slice

import (
	"fmt"

	"github.com/usinette/usinette/mesh"
)

// Plate puts several objects on one bed for a single print: copies of each
// (1 or more), arranged side by side mesh.DefaultSpacing mm apart on the
// config's bed (mesh.Arrange: shelves, the group centred), merged into one
// mesh for Run. Each object must fit the build volume alone; a plate whose
// objects cannot all fit is refused with their sizes (errors wrap
// mesh.ErrTooBig). The objects are moved; copies are new meshes.
//
// Slicing the merged mesh gives every object the same layers as slicing it
// alone: each keeps its lowest point at z = 0, and the layers above a short
// object simply hold only the taller ones.
func Plate(objs []*mesh.Mesh, copies int, cfg Config) (*mesh.Mesh, error) {
	if copies < 1 {
		return nil, fmt.Errorf("%w: %d copies", ErrBadConfig, copies)
	}
	bed := mesh.Bed{W: cfg.BedWidth, D: cfg.BedDepth, H: cfg.MaxPrintHeight}
	var plate []*mesh.Mesh
	for i, m := range objs {
		if err := m.Fit(bed); err != nil {
			return nil, fmt.Errorf("object %d: %w", i+1, err)
		}
		plate = append(plate, m)
		for range copies - 1 {
			plate = append(plate, m.Clone())
		}
	}
	if err := mesh.Arrange(plate, bed.W, bed.D, mesh.DefaultSpacing); err != nil {
		return nil, err
	}
	return mesh.Merge(plate), nil
}
