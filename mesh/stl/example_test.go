package stl_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
)

const tetrahedron = `solid tetra
facet normal 0 0 -1
 outer loop
  vertex 0 0 0
  vertex 0 10 0
  vertex 10 0 0
 endloop
endfacet
facet normal 0 -1 0
 outer loop
  vertex 0 0 0
  vertex 10 0 0
  vertex 0 0 10
 endloop
endfacet
facet normal -1 0 0
 outer loop
  vertex 0 0 0
  vertex 0 0 10
  vertex 0 10 0
 endloop
endfacet
facet normal 0.577 0.577 0.577
 outer loop
  vertex 10 0 0
  vertex 0 10 0
  vertex 0 0 10
 endloop
endfacet
endsolid tetra
`

func ExampleDecodeBytes() {
	soup, err := stl.DecodeBytes([]byte(tetrahedron))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(soup.Format, soup.Name, len(soup.Triangles), "triangles")
	m, rep, err := mesh.FromTriangles(soup.Triangles, mesh.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(m.Vertices), "vertices, closed:", rep.Closed())
	fmt.Printf("volume %.2f mm³\n", m.Volume())

	_, err = stl.DecodeBytes([]byte(tetrahedron[:200]))
	fmt.Println(err, errors.Is(err, stl.ErrTruncated))
	// Output:
	// ascii tetra 4 triangles
	// 4 vertices, closed: true
	// volume 166.67 mm³
	// truncated at triangle 2: file ends where endfacet was expected (line 15) true
}

// Decode reads from any io.Reader, such as an upload's body; a sized reader
// (a file, a bytes.Reader) holding a binary STL is decoded while it is read.
func ExampleDecode() {
	soup, err := stl.Decode(strings.NewReader(tetrahedron))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(soup.Triangles), "triangles")
	// Output: 4 triangles
}
