package obj_test

import (
	"fmt"
	"strings"

	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/obj"
)

func ExampleDecode() {
	// a 10 mm square pyramid: a quad base (cut in two) and four sides
	src := `# pyramid
v 0 0 0
v 10 0 0
v 10 10 0
v 0 10 0
v 5 5 10
f 4 3 2 1
f 1/1/1 2/1/1 5/1/1
f 2 3 5
f 3 4 5
f -2 -5 -1
`
	tris, err := obj.Decode(strings.NewReader(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	m, rep, _ := mesh.FromTriangles(tris, mesh.Options{})
	fmt.Printf("%d triangles, closed %v, volume %.1f mm³\n", len(m.Triangles), rep.Closed(), m.Volume())
	_, err = obj.Decode(strings.NewReader("v 0 0 0\nf 1 2 3\n"))
	fmt.Println(err)
	// Output:
	// 6 triangles, closed true, volume 333.3 mm³
	// OBJ face index out of range: face 1 names vertex 2 but the file has 1
}
