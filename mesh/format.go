package mesh

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// ErrUnknownFormat is returned when no registered format recognises a file,
// neither by its first bytes nor by its extension.
var ErrUnknownFormat = errors.New("unknown model format")

// Format is a model file format, registered by the package that reads it
// (mesh/stl, mesh/obj, mesh/threemf), as image formats are registered with
// package image: import the readers you want, then call ReadFile or Decode.
type Format struct {
	// Name is the short name: "stl", "obj", "3mf".
	Name string
	// Extensions are the file name endings, lower case with the dot.
	Extensions []string
	// Match reports whether the first bytes of a file (up to HeadSize) look
	// like this format.
	Match func(head []byte) bool
	// Decode reads a whole file and returns its triangles in millimetres,
	// as placed by the file (3MF build transforms applied). r is an
	// io.ReaderAt with a Size method too when the caller has one (an
	// *os.File or *bytes.Reader), which zip-based formats need.
	Decode func(r io.Reader) ([][3]Vec3, error)
}

// HeadSize is how many leading bytes Detect looks at.
const HeadSize = 512

var (
	formatsMu sync.RWMutex
	formats   []Format
)

// RegisterFormat makes a format known to Detect, ReadFile and Decode.
// Reader packages call it from init.
func RegisterFormat(f Format) {
	formatsMu.Lock()
	defer formatsMu.Unlock()
	formats = append(formats, f)
	slices.SortFunc(formats, func(a, b Format) int { return strings.Compare(a.Name, b.Name) })
}

// Formats returns the registered formats, sorted by name.
func Formats() []Format {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	return slices.Clone(formats)
}

// Detect chooses the format of a file from its first bytes (head, up to
// HeadSize of them) and, only when the content is ambiguous or unknown, its
// name's extension. A 3MF renamed .stl is still read as 3MF: files downloaded
// from the web often carry the wrong ending.
func Detect(head []byte, name string) (Format, error) {
	fs := Formats()
	var hits []Format
	for _, f := range fs {
		if f.Match(head) {
			hits = append(hits, f)
		}
	}
	if len(hits) == 1 {
		return hits[0], nil
	}
	ext := strings.ToLower(filepath.Ext(name))
	cands := hits
	if len(cands) == 0 {
		cands = fs
	}
	for _, f := range cands {
		if slices.Contains(f.Extensions, ext) {
			return f, nil
		}
	}
	if len(hits) > 0 {
		return hits[0], nil
	}
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return Format{}, fmt.Errorf("%w: the content is none of %s", ErrUnknownFormat, strings.Join(names, ", "))
}

// ReadFile detects the format of the file at path, decodes it and builds the
// repaired mesh with FromTriangles. It returns the format's name; errors
// start with the path.
func ReadFile(path string, opts Options) (*Mesh, Repairs, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Repairs{}, "", err
	}
	defer f.Close()
	head := make([]byte, HeadSize)
	n, err := f.ReadAt(head, 0)
	if err != nil && err != io.EOF {
		return nil, Repairs{}, "", err
	}
	format, err := Detect(head[:n], path)
	if err != nil {
		return nil, Repairs{}, "", fmt.Errorf("%s: %w", path, err)
	}
	tris, err := format.Decode(f)
	if err != nil {
		return nil, Repairs{}, format.Name, fmt.Errorf("%s: %w", path, err)
	}
	m, rep, err := FromTriangles(tris, opts)
	if err != nil {
		return nil, rep, format.Name, fmt.Errorf("%s: %w", path, err)
	}
	return m, rep, format.Name, nil
}

// Decode is ReadFile for bytes in r; name (may be empty) only serves to
// choose by extension when the content does not decide. It reads r whole.
func Decode(r io.Reader, name string, opts Options) (*Mesh, Repairs, string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, Repairs{}, "", err
	}
	format, err := Detect(data[:min(len(data), HeadSize)], name)
	if err != nil {
		return nil, Repairs{}, "", err
	}
	tris, err := format.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, Repairs{}, format.Name, err
	}
	m, rep, err := FromTriangles(tris, opts)
	return m, rep, format.Name, err
}

// Append adds the triangles of o to m (after m's), as one more shell: used to
// put several objects on one plate. Vertex indices of o are shifted.
func (m *Mesh) Append(o *Mesh) {
	base := uint32(len(m.Vertices))
	m.Vertices = append(m.Vertices, o.Vertices...)
	for _, t := range o.Triangles {
		m.Triangles = append(m.Triangles, [3]uint32{t[0] + base, t[1] + base, t[2] + base})
	}
}

// Clone returns a deep copy of m.
func (m *Mesh) Clone() *Mesh {
	return &Mesh{Vertices: slices.Clone(m.Vertices), Triangles: slices.Clone(m.Triangles)}
}
