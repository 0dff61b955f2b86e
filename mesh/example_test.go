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

func ExampleArrange() {
	cube := func() *mesh.Mesh {
		v := func(x, y, z float32) mesh.Vec3 { return mesh.Vec3{X: x, Y: y, Z: z} }
		var soup [][3]mesh.Vec3
		p := [8]mesh.Vec3{v(0, 0, 0), v(20, 0, 0), v(20, 20, 0), v(0, 20, 0), v(0, 0, 20), v(20, 0, 20), v(20, 20, 20), v(0, 20, 20)}
		for _, f := range [][4]int{{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}} {
			soup = append(soup, [3]mesh.Vec3{p[f[0]], p[f[1]], p[f[2]]}, [3]mesh.Vec3{p[f[0]], p[f[2]], p[f[3]]})
		}
		m, _, _ := mesh.FromTriangles(soup, mesh.Options{})
		return m
	}
	var plate []*mesh.Mesh
	for range 3 {
		plate = append(plate, cube())
	}
	if err := mesh.Arrange(plate, 250, 210, mesh.DefaultSpacing); err != nil {
		fmt.Println(err)
	}
	for _, m := range plate {
		lo, _ := m.Bounds()
		fmt.Println(lo)
	}
	many := make([]*mesh.Mesh, 100)
	for i := range many {
		many[i] = cube()
	}
	fmt.Println(mesh.Arrange(many, 250, 210, mesh.DefaultSpacing) != nil)
	// Three cubes take less room as two plus one than in a row:
	//
	// Output:
	// {102 82 0}
	// {128 82 0}
	// {102 108 0}
	// true
}
