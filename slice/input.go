package slice

// The model formats File (and mesh.ReadFile) reads: STL, 3MF and OBJ, told
// apart by content.
import (
	_ "github.com/usinette/usinette/mesh/obj"
	_ "github.com/usinette/usinette/mesh/stl"
	_ "github.com/usinette/usinette/mesh/threemf"
)
