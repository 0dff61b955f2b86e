package stl

import (
	"bufio"
	"io"

	hstl "github.com/hschendel/stl"

	"github.com/usinette/usinette/mesh"
)

// Write writes m as a binary STL (facet normals from the winding) with
// github.com/hschendel/stl, for fixtures, generated benchmark models and
// repaired meshes. Output is deterministic; name goes in the header.
func Write(w io.Writer, m *mesh.Mesh, name string) error {
	s := &hstl.Solid{Name: name, Triangles: make([]hstl.Triangle, len(m.Triangles))}
	for i, t := range m.Triangles {
		ht := &s.Triangles[i]
		for k := 0; k < 3; k++ {
			v := m.Vertices[t[k]]
			ht.Vertices[k] = hstl.Vec3{v.X, v.Y, v.Z}
		}
	}
	s.RecalculateNormals()
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := s.WriteAll(bw); err != nil {
		return err
	}
	return bw.Flush()
}
