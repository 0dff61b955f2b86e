package benchmarks

import (
	"github.com/usinette/usinette/internal/meshgen"
	"github.com/usinette/usinette/mesh"
)

// Model is a generated benchmark model.
type Model struct {
	// Name is short, for benchmark names and file names.
	Name string
	// Make builds the mesh (not placed on the bed).
	Make func() *mesh.Mesh
}

// Generated returns the generated benchmark models, biggest first:
// "million" (1,000,000-triangle (2,3) torus knot, 96 × 96 × 36 mm),
// "sphere640k" (638,400-triangle UV sphere, 50 mm), "thinwalls" (walls
// 0.2–2.0 mm thick, 10 mm tall), "islands" (10 × 10 cylinders 3 mm across,
// 10 mm tall) and "example" (the model of `usinette slice --example`).
func Generated() []Model {
	return []Model{
		{"million", meshgen.Million},
		{"sphere640k", func() *mesh.Mesh { return meshgen.Sphere(25, 800) }},
		{"thinwalls", func() *mesh.Mesh { return meshgen.ThinWalls(10) }},
		{"islands", func() *mesh.Mesh { return meshgen.Islands(10, 10, 5, 1.5, 10, 32) }},
		{"example", meshgen.Example},
	}
}
