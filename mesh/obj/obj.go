package obj

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/usinette/usinette/mesh"
)

// Sentinel errors; every error Decode returns wraps one of them (or is an
// I/O error of the reader).
var (
	// ErrSyntax: a v or f statement that cannot be read.
	ErrSyntax = errors.New("OBJ syntax error")
	// ErrIndex: a face names a vertex that does not exist.
	ErrIndex = errors.New("OBJ face index out of range")
	// ErrEmpty: no face.
	ErrEmpty = errors.New("no faces in the OBJ file")
)

// maxLine is the longest statement read (a face of a million corners).
const maxLine = 64 << 20

// ReadFile reads the OBJ file at path. Errors start with the path.
func ReadFile(name string) ([][3]mesh.Vec3, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tris, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return tris, nil
}

// Decode reads a Wavefront OBJ from r and returns its faces as triangles in
// file order, polygons cut into triangles. Coordinates are taken as
// millimetres (OBJ has no unit).
func Decode(r io.Reader) ([][3]mesh.Vec3, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	var (
		verts []mesh.Vec3
		faces [][3]int // 0-based vertex indices, checked at the end
		poly  []int
		lineN int
		join  []byte // a statement continued with a backslash
		bad   = func(format string, args ...any) error {
			return fmt.Errorf("%w: line %d: %s", ErrSyntax, lineN, fmt.Sprintf(format, args...))
		}
	)
	var f [][]byte
	for sc.Scan() {
		lineN++
		line := sc.Bytes()
		if len(join) > 0 || bytes.HasSuffix(bytes.TrimRight(line, " \t\r"), []byte(`\`)) {
			join = append(join, line...)
			if t := bytes.TrimRight(join, " \t\r"); bytes.HasSuffix(t, []byte(`\`)) {
				join = append(t[:len(t)-1], ' ')
				continue
			}
			line, join = join, join[:0]
		}
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		f = fields(f[:0], line)
		if len(f) == 0 {
			continue
		}
		switch string(f[0]) {
		case "v":
			if len(f) < 4 {
				return nil, bad("vertex with %d coordinates, want 3", len(f)-1)
			}
			var c [3]float32
			for k := range 3 {
				x, err := strconv.ParseFloat(string(f[1+k]), 32)
				if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
					return nil, bad("vertex coordinate %q is not a finite number", f[1+k])
				}
				c[k] = float32(x)
			}
			verts = append(verts, mesh.Vec3{X: c[0], Y: c[1], Z: c[2]})
		case "f", "fo":
			if len(f) < 4 {
				return nil, bad("face with %d corners, want at least 3", len(f)-1)
			}
			poly = poly[:0]
			for _, tok := range f[1:] {
				// v, v/vt, v//vn or v/vt/vn: only v matters
				if i := bytes.IndexByte(tok, '/'); i >= 0 {
					tok = tok[:i]
				}
				i, err := strconv.Atoi(string(tok))
				switch {
				case err != nil:
					return nil, bad("face corner %q is not a vertex index", tok)
				case i == 0:
					return nil, bad("face corner index 0 (OBJ counts from 1)")
				case i < 0:
					// relative to the vertices read so far
					i += len(verts)
					if i < 0 {
						return nil, fmt.Errorf("%w: line %d: relative index %s but only %d vertices so far",
							ErrIndex, lineN, tok, len(verts))
					}
				default:
					i--
				}
				poly = append(poly, i)
			}
			faces = triangulate(faces, poly, verts)
		}
		// everything else (vt, vn, o, g, s, usemtl, mtllib, l, p, curves)
		// does not change the shape printed
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("%w: line %d is longer than %d MiB", ErrSyntax, lineN+1, maxLine>>20)
		}
		return nil, err
	}
	if len(faces) == 0 {
		return nil, fmt.Errorf("%w (%d vertices)", ErrEmpty, len(verts))
	}
	tris := make([][3]mesh.Vec3, len(faces))
	for n, fc := range faces {
		for k, i := range fc {
			if i >= len(verts) {
				return nil, fmt.Errorf("%w: face %d names vertex %d but the file has %d", ErrIndex, n+1, i+1, len(verts))
			}
			tris[n][k] = verts[i]
		}
	}
	return tris, nil
}

// fields splits a statement at spaces and tabs without allocating strings.
func fields(out [][]byte, line []byte) [][]byte {
	i := 0
	for i < len(line) {
		for i < len(line) && isSpace(line[i]) {
			i++
		}
		j := i
		for j < len(line) && !isSpace(line[j]) {
			j++
		}
		if j > i {
			out = append(out, line[i:j])
		}
		i = j
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' }
