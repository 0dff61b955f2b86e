package threemf

import (
	"bytes"
	"io"

	"github.com/usinette/usinette/mesh"
)

func init() {
	mesh.RegisterFormat(mesh.Format{
		Name:       "3mf",
		Extensions: []string{".3mf"},
		Match:      Match,
		Decode: func(r io.Reader) ([][3]mesh.Vec3, error) {
			m, err := decodeAny(r)
			if err != nil {
				return nil, err
			}
			return m.Triangles(), nil
		},
	})
}

// Match reports whether a file starts like a zip archive, as every 3MF does.
func Match(head []byte) bool { return bytes.HasPrefix(head, []byte("PK\x03\x04")) }
