package slice

import (
	"context"
	"errors"
	"testing"

	"github.com/usinette/usinette/mesh"
)

// meshFromBytes turns fuzz bytes into a small triangle soup: each 9 bytes
// are a facet whose coordinates are byte/16 mm around the bed centre, on a
// shared lattice so that vertices weld and shells can close.
func meshFromBytes(data []byte) *mesh.Mesh {
	m := &mesh.Mesh{}
	idx := map[mesh.Vec3]uint32{}
	for len(data) >= 9 {
		var f [3]uint32
		for k := range 3 {
			v := mesh.Vec3{X: 120 + float32(data[3*k])/16, Y: 100 + float32(data[3*k+1])/16, Z: float32(data[3*k+2]) / 16}
			i, ok := idx[v]
			if !ok {
				i = uint32(len(m.Vertices))
				idx[v] = i
				m.Vertices = append(m.Vertices, v)
			}
			f[k] = i
		}
		m.Triangles = append(m.Triangles, f)
		data = data[9:]
	}
	return m
}

// FuzzSlice: any triangle soup slices without panicking, and every section
// comes out as closed rings oriented outer CCW, holes CW.
func FuzzSlice(f *testing.F) {
	// a tetrahedron and a box, as lattice bytes
	f.Add([]byte{0, 0, 0, 64, 0, 0, 0, 64, 0, 0, 0, 0, 0, 0, 64, 64, 0, 0, 0, 0, 0, 0, 64, 0, 0, 0, 64, 64, 0, 0, 0, 64, 0, 0, 0, 64})
	box := boxMesh(0, 0, 0, 4, 4, 4)
	var b []byte
	for _, t := range box.Triangles {
		for _, k := range t {
			v := box.Vertices[k]
			b = append(b, byte(v.X*16), byte(v.Y*16), byte(v.Z*16))
		}
	}
	f.Add(b)
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 9*64 {
			return
		}
		m := meshFromBytes(data)
		cfg := Default()
		cfg.Skirts = 0
		r, err := Slice(context.Background(), m, cfg, Options{Workers: 2})
		if err != nil {
			if errors.Is(err, ErrEmpty) || errors.Is(err, ErrBadMesh) {
				return
			}
			t.Fatalf("Slice: %v", err)
		}
		for i, reg := range r.Regions {
			for _, p := range reg {
				if len(p.Outer) < 3 || !p.Outer.CCW() {
					t.Fatalf("layer %d: bad outer ring %v", i, p.Outer)
				}
				for _, h := range p.Holes {
					if len(h) < 3 || h.CCW() {
						t.Fatalf("layer %d: bad hole %v", i, h)
					}
				}
			}
		}
	})
}
