package threemf

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/usinette/usinette/mesh"
)

// Sentinel errors; every error Decode returns wraps one of them (or is an
// I/O error of the reader).
var (
	// ErrNotThreeMF: not a zip archive, or one without a 3D model part.
	ErrNotThreeMF = errors.New("not a 3MF file")
	// ErrSyntax: a model part that is not well-formed XML or misses a
	// required attribute.
	ErrSyntax = errors.New("malformed 3MF model")
	// ErrReference: an item or component names an object that does not
	// exist, a triangle a vertex that does not exist, or components refer
	// to each other in a loop.
	ErrReference = errors.New("bad reference in 3MF model")
	// ErrEmpty: the build places no triangle.
	ErrEmpty = errors.New("no triangles in the 3MF build")
)

// Model is what a 3MF file places on the plate.
type Model struct {
	// Unit is the file's unit ("millimeter" when it gives none); every
	// coordinate below is already converted to millimetres.
	Unit string
	// Objects holds one entry per build item, components flattened, with
	// the item's and components' transforms applied.
	Objects []Object
}

// Object is one build item's triangles.
type Object struct {
	// Name is the object's name attribute (may be empty).
	Name      string
	Triangles [][3]mesh.Vec3
}

// Triangles returns the triangles of every object, in build order: the
// whole plate as the file arranged it.
func (m *Model) Triangles() [][3]mesh.Vec3 {
	n := 0
	for _, o := range m.Objects {
		n += len(o.Triangles)
	}
	tris := make([][3]mesh.Vec3, 0, n)
	for _, o := range m.Objects {
		tris = append(tris, o.Triangles...)
	}
	return tris
}

// unitScale is millimetres per unit of the 3MF core specification's units.
var unitScale = map[string]float64{
	"micron":     0.001,
	"millimeter": 1,
	"centimeter": 10,
	"inch":       25.4,
	"foot":       304.8,
	"meter":      1000,
}

// maxPart caps the uncompressed size of one model part (a zip bomb guard):
// 4 GiB of XML is some 40 million triangles, beyond any printable model.
const maxPart = 4 << 30

// ReadFile reads the 3MF file at path. Errors start with the path.
func ReadFile(name string) (*Model, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	m, err := Decode(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return m, nil
}

// Decode reads a 3MF package of size bytes from r: the root model part named
// by the package relationships (3D/3dmodel.model by default), its objects
// (meshes and components, including components in other model parts of the
// production extension, p:path) and its build items.
func Decode(r io.ReaderAt, size int64) (*Model, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotThreeMF, err)
	}
	d := &decoder{files: map[string]*zip.File{}, parts: map[string]*part{}, size: uint64(max(size, 0))}
	for _, f := range zr.File {
		d.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	root, err := d.rootPath()
	if err != nil {
		return nil, err
	}
	p, err := d.part(root)
	if err != nil {
		return nil, err
	}
	d.scale = p.scale
	model := &Model{Unit: p.unit}
	if len(p.items) == 0 {
		return nil, fmt.Errorf("%w: %s has no <build> item", ErrEmpty, root)
	}
	for i, it := range p.items {
		obj := Object{}
		if err := d.flatten(p, it.path, it.objectID, it.transform, 0, &obj); err != nil {
			return nil, fmt.Errorf("build item %d: %w", i+1, err)
		}
		if len(obj.Triangles) > 0 {
			model.Objects = append(model.Objects, obj)
		}
	}
	if len(model.Objects) == 0 {
		return nil, fmt.Errorf("%w: the %d build items hold no mesh", ErrEmpty, len(p.items))
	}
	return model, nil
}

// decodeAny is Decode for a plain reader: it uses r as an io.ReaderAt when it
// is one and can tell its size, and reads it whole otherwise.
func decodeAny(r io.Reader) (*Model, error) {
	type sized interface {
		io.ReaderAt
		Size() int64
	}
	switch v := r.(type) {
	case sized:
		return Decode(v, v.Size())
	case *os.File:
		st, err := v.Stat()
		if err == nil && st.Mode().IsRegular() {
			return Decode(v, st.Size())
		}
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return Decode(bytes.NewReader(data), int64(len(data)))
}

type decoder struct {
	files map[string]*zip.File
	parts map[string]*part
	scale float64 // the root part's unit, in mm
	size  uint64  // bytes in the archive: no part's compressed data is more
}

// rootPath finds the 3D model part through _rels/.rels, as the Open
// Packaging Conventions say; files without relationships (hand-made zips)
// fall back to 3D/3dmodel.model, then to the only .model part.
func (d *decoder) rootPath() (string, error) {
	if f := d.files["_rels/.rels"]; f != nil {
		var rels struct {
			Rel []struct {
				Target string `xml:"Target,attr"`
				Type   string `xml:"Type,attr"`
			} `xml:"Relationship"`
		}
		rc, err := f.Open()
		if err == nil {
			err = xml.NewDecoder(io.LimitReader(rc, 1<<20)).Decode(&rels)
			rc.Close()
		}
		if err == nil {
			for _, r := range rels.Rel {
				if strings.HasSuffix(r.Type, "/3dmodel") {
					t := strings.TrimPrefix(path.Clean("/"+r.Target), "/")
					if d.files[t] != nil {
						return t, nil
					}
				}
			}
		}
	}
	if d.files["3D/3dmodel.model"] != nil {
		return "3D/3dmodel.model", nil
	}
	var found []string
	for name := range d.files {
		if strings.HasSuffix(strings.ToLower(name), ".model") {
			found = append(found, name)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return "", fmt.Errorf("%w: no 3D model part in the archive", ErrNotThreeMF)
}

// transform is a 3MF affine matrix: a point p becomes p·M with p a row
// vector (x y z 1) and M the 4×3 matrix of the attribute's 12 numbers,
// row by row. identity marks the common case so that coordinates are used
// exactly as written, with no float64 round trip.
type transform struct {
	m        [12]float64
	identity bool
}

var identity = transform{m: [12]float64{1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0}, identity: true}

func parseTransform(s string) (transform, error) {
	f := strings.Fields(s)
	if len(f) != 12 {
		return transform{}, fmt.Errorf("%w: transform %q has %d numbers, want 12", ErrSyntax, s, len(f))
	}
	var t transform
	for i, x := range f {
		v, err := strconv.ParseFloat(x, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return transform{}, fmt.Errorf("%w: transform %q: %q is not a number", ErrSyntax, s, x)
		}
		t.m[i] = v
	}
	t.identity = t.m == identity.m
	return t, nil
}

// then returns the transform applying t first, then u.
func (t transform) then(u transform) transform {
	if t.identity {
		return u
	}
	if u.identity {
		return t
	}
	a, b := t.m, u.m
	var r transform
	for row := 0; row < 4; row++ {
		for col := 0; col < 3; col++ {
			v := a[row*3]*b[col] + a[row*3+1]*b[3+col] + a[row*3+2]*b[6+col]
			if row == 3 {
				v += b[9+col]
			}
			r.m[row*3+col] = v
		}
	}
	return r
}

func (t transform) apply(v mesh.Vec3, scale float64) mesh.Vec3 {
	if t.identity && scale == 1 {
		return v
	}
	x, y, z := float64(v.X)*scale, float64(v.Y)*scale, float64(v.Z)*scale
	m := t.m
	// translations are in the file's unit too
	return mesh.Vec3{
		X: float32(x*m[0] + y*m[3] + z*m[6] + m[9]*scale),
		Y: float32(x*m[1] + y*m[4] + z*m[7] + m[10]*scale),
		Z: float32(x*m[2] + y*m[5] + z*m[8] + m[11]*scale),
	}
}

// maxDepth bounds component nesting; deeper is taken for a loop.
const maxDepth = 64

// flatten appends the triangles of object id of part p (or of the part at
// ref, a p:path) under transform t to obj.
func (d *decoder) flatten(p *part, ref string, id int, t transform, depth int, obj *Object) error {
	if depth > maxDepth {
		return fmt.Errorf("%w: components nested deeper than %d (a loop?)", ErrReference, maxDepth)
	}
	if ref != "" {
		var err error
		if p, err = d.part(strings.TrimPrefix(path.Clean("/"+ref), "/")); err != nil {
			return err
		}
	}
	o := p.objects[id]
	if o == nil {
		return fmt.Errorf("%w: object %d is not defined in %s", ErrReference, id, p.name)
	}
	if obj.Name == "" {
		obj.Name = o.name
	}
	if o.skip {
		return nil
	}
	for _, tr := range o.triangles {
		var out [3]mesh.Vec3
		for k, vi := range tr {
			out[k] = t.apply(o.vertices[vi], d.scale)
		}
		obj.Triangles = append(obj.Triangles, out)
	}
	for _, c := range o.components {
		if err := d.flatten(p, c.path, c.objectID, c.transform.then(t), depth+1, obj); err != nil {
			return err
		}
	}
	return nil
}
