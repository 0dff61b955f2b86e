package threemf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/usinette/usinette/mesh"
)

// part is one parsed model part (an XML file of the package).
type part struct {
	name    string
	unit    string
	scale   float64
	objects map[int]*object
	items   []ref
}

type object struct {
	name       string
	skip       bool // type "support" or "other": not printed as a model
	vertices   []mesh.Vec3
	triangles  [][3]uint32
	components []ref
}

// ref is a build item or a component: an object, maybe in another part
// (p:path), placed by a transform.
type ref struct {
	objectID  int
	path      string
	transform transform
}

func (d *decoder) part(name string) (*part, error) {
	if p := d.parts[name]; p != nil {
		return p, nil
	}
	f := d.files[name]
	if f == nil {
		return nil, fmt.Errorf("%w: part %s is not in the archive", ErrReference, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotThreeMF, name, err)
	}
	defer rc.Close()
	// the size the archive announces sizes the buffer (a lie only costs
	// regrowing; the limit still holds), but no more than the compressed
	// bytes can inflate to: a 700-byte file claiming 256 MB must not cost
	// 256 MB before a byte is read
	buf := bytes.NewBuffer(make([]byte, 0, min(f.UncompressedSize64, maxInflated(min(f.CompressedSize64, d.size)), 256<<20)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(rc, maxPart)); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrNotThreeMF, name, err)
	}
	p, err := parsePart(name, buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	d.parts[name] = p
	return p, nil
}

// maxInflated is the most a deflate stream of n bytes can decompress to:
// DEFLATE's best ratio is 1032:1 (258-byte matches in 2-bit codes); a
// stored part is its own size.
func maxInflated(n uint64) uint64 {
	if n > math.MaxUint64/1032 {
		return math.MaxUint64
	}
	return n*1032 + 1<<10
}

// parsePart reads a model part with the scanner of scan.go. Elements are
// known by their local names; prefixes (p:, slic3rpe:, m:) are not
// resolved, since the core elements are the only ones with these names in
// any extension that matters for printing.
func parsePart(name string, data []byte) (*part, error) {
	p := &part{name: name, unit: "millimeter", scale: 1, objects: map[int]*object{}}
	sc := newScanner(data)
	var cur *object
	seenModel, inBuild := false, false
	line := func() string { return fmt.Sprintf("line %d", sc.line()) }
	for {
		t, err := sc.next()
		if err == errEOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrSyntax, line(), err)
		}
		if t.end {
			switch t.local {
			case "object":
				cur = nil
			case "build":
				inBuild = false
			}
			continue
		}
		switch t.local {
		case "model":
			seenModel = true
			if u := string(t.get("unit")); u != "" {
				s, ok := unitScale[u]
				if !ok {
					return nil, fmt.Errorf("%w: unknown unit %q (want micron, millimeter, centimeter, inch, foot or meter)", ErrSyntax, u)
				}
				p.unit, p.scale = u, s
			}
		case "object":
			id, err := intValue(t, "id")
			if err != nil {
				return nil, fmt.Errorf("%s: object: %w", line(), err)
			}
			if p.objects[id] != nil {
				return nil, fmt.Errorf("%w: %s: object id %d defined twice", ErrSyntax, line(), id)
			}
			ty := string(t.get("type"))
			o := &object{name: string(t.get("name")), skip: ty == "support" || ty == "other"}
			p.objects[id] = o
			if !t.selfClose {
				cur = o
			}
		case "vertex":
			if cur == nil {
				continue
			}
			var v [3]float32
			for k, a := range [3]string{"x", "y", "z"} {
				f, ok := parseCoord(t.get(a))
				if !ok {
					return nil, fmt.Errorf("%w: %s: vertex %d: %s=%q is not a finite number",
						ErrSyntax, line(), len(cur.vertices), a, t.get(a))
				}
				v[k] = f
			}
			cur.vertices = append(cur.vertices, mesh.Vec3{X: v[0], Y: v[1], Z: v[2]})
		case "triangle":
			if cur == nil {
				continue
			}
			var tr [3]uint32
			for k, a := range [3]string{"v1", "v2", "v3"} {
				i, ok := parseIndex(t.get(a))
				if !ok {
					return nil, fmt.Errorf("%w: %s: triangle %d: %s=%q is not a vertex index",
						ErrSyntax, line(), len(cur.triangles)+1, a, t.get(a))
				}
				if i >= uint64(len(cur.vertices)) {
					return nil, fmt.Errorf("%w: %s: triangle %d: %s=%d but the object has %d vertices",
						ErrReference, line(), len(cur.triangles)+1, a, i, len(cur.vertices))
				}
				tr[k] = uint32(i)
			}
			cur.triangles = append(cur.triangles, tr)
		case "component", "item":
			if t.local == "component" && cur == nil || t.local == "item" && !inBuild {
				continue
			}
			r, err := scanRef(t)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", line(), t.local, err)
			}
			if t.local == "item" {
				p.items = append(p.items, r)
			} else {
				cur.components = append(cur.components, r)
			}
		case "build":
			inBuild = !t.selfClose
		}
	}
	if !seenModel {
		return nil, fmt.Errorf("%w: no <model> element", ErrSyntax)
	}
	return p, nil
}

// parseCoord parses a coordinate as strconv.ParseFloat(s, 32) does, and
// refuses what is not finite.
func parseCoord(b []byte) (float32, bool) {
	f, err := strconv.ParseFloat(string(b), 32)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return float32(f), true
}

// parseIndex parses a decimal vertex index below 2³².
func parseIndex(b []byte) (uint64, bool) {
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, n <= math.MaxUint32
}

func scanRef(t *xtag) (ref, error) {
	id, err := intValue(t, "objectid")
	if err != nil {
		return ref{}, err
	}
	r := ref{objectID: id, transform: identity}
	for _, a := range t.attrs {
		if a.local == "path" && a.space != "" {
			r.path = string(a.value)
		}
	}
	if s := string(t.get("transform")); strings.TrimSpace(s) != "" {
		if r.transform, err = parseTransform(s); err != nil {
			return ref{}, err
		}
	}
	return r, nil
}

func intValue(t *xtag, name string) (int, error) {
	s := string(t.get(name))
	i, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%w: %s=%q is not an integer", ErrSyntax, name, s)
	}
	return i, nil
}
