package slice_test

import (
	"context"
	"fmt"

	"github.com/usinette/usinette/internal/mesh"
	"github.com/usinette/usinette/slice"
)

// a 10 mm cube standing at the bed centre
func cube() *mesh.Mesh {
	v := func(x, y, z float32) mesh.Vec3 { return mesh.Vec3{X: 120 + x, Y: 100 + y, Z: z} }
	return &mesh.Mesh{
		Vertices: []mesh.Vec3{v(0, 0, 0), v(10, 0, 0), v(10, 10, 0), v(0, 10, 0), v(0, 0, 10), v(10, 0, 10), v(10, 10, 10), v(0, 10, 10)},
		Triangles: [][3]uint32{{0, 2, 1}, {0, 3, 2}, {4, 5, 6}, {4, 6, 7}, {0, 1, 5}, {0, 5, 4},
			{1, 2, 6}, {1, 6, 5}, {2, 3, 7}, {2, 7, 6}, {3, 0, 4}, {3, 4, 7}},
	}
}

func ExampleSlice() {
	res, err := slice.Slice(context.Background(), cube(), slice.Default(), slice.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(res.Layers), "layers")
	mid := res.Layers[25]
	fmt.Printf("layer %d at z %.1f: section %.0f mm²\n", mid.Index, mid.Z, res.Regions[25][0].Area())
	for _, e := range mid.Paths[:2] {
		fmt.Println(e.Role, e.Width, e.Closed)
	}
	// Output:
	// 50 layers
	// layer 25 at z 5.2: section 100 mm²
	// Perimeter 0.45 true
	// External perimeter 0.45 true
}

func ExampleSpacing() {
	// PrusaSlicer's spacing of 0.45 mm lines 0.2 mm high
	fmt.Printf("%.5f\n", slice.Spacing(0.45, 0.2))
	// Output: 0.40708
}
