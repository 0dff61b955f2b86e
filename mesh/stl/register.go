package stl

import (
	"bytes"
	"io"

	"github.com/usinette/usinette/mesh"
)

// Importing the package registers STL with mesh.ReadFile and mesh.Detect.
func init() {
	mesh.RegisterFormat(mesh.Format{
		Name:       "stl",
		Extensions: []string{".stl"},
		Match:      Match,
		Decode: func(r io.Reader) ([][3]mesh.Vec3, error) {
			s, err := Decode(r)
			if err != nil {
				return nil, err
			}
			return s.Triangles, nil
		},
	})
}

// Match reports whether the first bytes of a file look like an STL: ASCII
// ("solid" first) or binary (control bytes in what should be text, as the
// triangle count and the float records hold), but not a zip archive (3MF). A binary file whose first
// 512 bytes are all printable is left to the file's extension.
func Match(head []byte) bool {
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return false // a zip archive: 3MF
	}
	return startsWithSolid(head) || looksBinary(head)
}
