package threemf

import (
	"encoding/xml"
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
	p, err := parsePart(name, io.LimitReader(rc, maxPart))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	d.parts[name] = p
	return p, nil
}

// parsePart reads a model part with the XML tokenizer. Elements are known by
// their local names; prefixes (p:, slic3rpe:, m:) are not resolved, since
// the core elements are the only ones with these names in any extension
// that matters for printing.
func parsePart(name string, r io.Reader) (*part, error) {
	p := &part{name: name, unit: "millimeter", scale: 1, objects: map[int]*object{}}
	dec := xml.NewDecoder(r)
	var cur *object
	seenModel, inBuild, depth := false, false, 0
	line := func() string {
		l, _ := dec.InputPos()
		return fmt.Sprintf("line %d", l)
	}
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSyntax, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "model":
				seenModel = true
				if u := attr(t, "unit"); u != "" {
					s, ok := unitScale[u]
					if !ok {
						return nil, fmt.Errorf("%w: unknown unit %q (want micron, millimeter, centimeter, inch, foot or meter)", ErrSyntax, u)
					}
					p.unit, p.scale = u, s
				}
			case "object":
				id, err := intAttr(t, "id")
				if err != nil {
					return nil, fmt.Errorf("%s: object: %w", line(), err)
				}
				if p.objects[id] != nil {
					return nil, fmt.Errorf("%w: %s: object id %d defined twice", ErrSyntax, line(), id)
				}
				ty := attr(t, "type")
				cur = &object{name: attr(t, "name"), skip: ty == "support" || ty == "other"}
				p.objects[id] = cur
			case "vertex":
				if cur == nil {
					continue
				}
				var v [3]float32
				for k, a := range [3]string{"x", "y", "z"} {
					f, err := strconv.ParseFloat(attr(t, a), 32)
					if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
						return nil, fmt.Errorf("%w: %s: vertex %d: %s=%q is not a finite number",
							ErrSyntax, line(), len(cur.vertices), a, attr(t, a))
					}
					v[k] = float32(f)
				}
				cur.vertices = append(cur.vertices, mesh.Vec3{X: v[0], Y: v[1], Z: v[2]})
			case "triangle":
				if cur == nil {
					continue
				}
				var tr [3]uint32
				for k, a := range [3]string{"v1", "v2", "v3"} {
					i, err := strconv.ParseUint(attr(t, a), 10, 32)
					if err != nil {
						return nil, fmt.Errorf("%w: %s: triangle %d: %s=%q is not a vertex index",
							ErrSyntax, line(), len(cur.triangles)+1, a, attr(t, a))
					}
					if i >= uint64(len(cur.vertices)) {
						return nil, fmt.Errorf("%w: %s: triangle %d: %s=%d but the object has %d vertices",
							ErrReference, line(), len(cur.triangles)+1, a, i, len(cur.vertices))
					}
					tr[k] = uint32(i)
				}
				cur.triangles = append(cur.triangles, tr)
			case "component", "item":
				if t.Name.Local == "component" && cur == nil || t.Name.Local == "item" && !inBuild {
					continue
				}
				r, err := parseRef(t)
				if err != nil {
					return nil, fmt.Errorf("%s: %s: %w", line(), t.Name.Local, err)
				}
				if t.Name.Local == "item" {
					p.items = append(p.items, r)
				} else {
					cur.components = append(cur.components, r)
				}
			case "build":
				inBuild = true
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "object":
				cur = nil
			case "build":
				inBuild = false
			}
		}
	}
	if depth != 0 {
		return nil, fmt.Errorf("%w: %s: the XML ends inside an element", ErrSyntax, line())
	}
	if !seenModel {
		return nil, fmt.Errorf("%w: no <model> element", ErrSyntax)
	}
	return p, nil
}

func parseRef(t xml.StartElement) (ref, error) {
	id, err := intAttr(t, "objectid")
	if err != nil {
		return ref{}, err
	}
	r := ref{objectID: id, transform: identity}
	for _, a := range t.Attr {
		if a.Name.Local == "path" && a.Name.Space != "" {
			r.path = a.Value
		}
	}
	if s := attr(t, "transform"); strings.TrimSpace(s) != "" {
		if r.transform, err = parseTransform(s); err != nil {
			return ref{}, err
		}
	}
	return r, nil
}

// attr returns the value of the unprefixed attribute name.
func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

func intAttr(t xml.StartElement, name string) (int, error) {
	s := attr(t, name)
	i, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("%w: %s=%q is not an integer", ErrSyntax, name, s)
	}
	return i, nil
}
