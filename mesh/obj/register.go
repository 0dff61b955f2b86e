package obj

import (
	"bytes"

	"github.com/usinette/usinette/mesh"
)

func init() {
	mesh.RegisterFormat(mesh.Format{
		Name:       "obj",
		Extensions: []string{".obj"},
		Match:      Match,
		Decode:     Decode,
	})
}

// keywords that may start an OBJ file.
var keywords = []string{"v", "vt", "vn", "vp", "f", "o", "g", "s", "l", "p", "mtllib", "usemtl"}

// Match reports whether head is text whose first statement (after comments
// and blank lines) is an OBJ keyword. An ASCII STL starts with "solid",
// which is none of them.
func Match(head []byte) bool {
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	for line := range bytes.Lines(head) {
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f := bytes.Fields(line)
		if len(f) == 0 {
			continue
		}
		for _, k := range keywords {
			if string(f[0]) == k {
				return true
			}
		}
		return false
	}
	// only comments: "# Blender v2.9 OBJ File" headers that fill 512 bytes
	return bytes.HasPrefix(bytes.TrimSpace(head), []byte("#"))
}
