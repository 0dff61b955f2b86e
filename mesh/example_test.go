package mesh_test

import (
	"fmt"

	"github.com/usinette/usinette/mesh"
)

func Example() {
	v := func(x, y, z float32) mesh.Vec3 { return mesh.Vec3{X: x, Y: y, Z: z} }
	a, b, c, d := v(0, 0, 0), v(10, 0, 0), v(0, 10, 0), v(0, 0, 10)
	soup := [][3]mesh.Vec3{
		{a, c, b}, {a, b, d}, {a, d, c},
		{b, d, c}, // wound the wrong way
		{a, a, b}, // zero area
	}
	m, rep, err := mesh.FromTriangles(soup, mesh.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d vertices, %d facets, %d degenerate removed, %d flipped, closed %v\n",
		rep.Vertices, len(m.Triangles), rep.DegenerateFacets, rep.FlippedFacets, rep.Closed())
	fmt.Printf("volume %.1f mm³\n", m.Volume())

	m.Scale(30)
	fmt.Println(m.Fit(mesh.MK3SBed()))
	m.Place(250, 210)
	lo, hi := m.Bounds()
	fmt.Println(lo, hi)
	// Output:
	// 4 vertices, 4 facets, 1 degenerate removed, 1 flipped, closed true
	// volume 166.7 mm³
	// model does not fit the printer: model is 300.0 × 300.0 × 300.0 mm; the bed is 250 × 210 × 210 mm
	// {-25 -45 0} {275 255 300}
}
