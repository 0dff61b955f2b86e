package slice

import (
	"sync"
	"testing"

	"github.com/hschendel/stl"
	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh"
)

// loadPlaced reads a corpus STL with hschendel/stl (an independent reader),
// welds identical vertices and places the model like the CLI does: centred
// on the 250×210 bed, lowest point at z = 0.
func loadPlaced(t testing.TB, name string) *mesh.Mesh {
	t.Helper()
	p := corpus.Path(t, "stl/"+name)
	solid, err := stl.ReadFile(p)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return placeSolid(solid)
}

func placeSolid(solid *stl.Solid) *mesh.Mesh {
	m := &mesh.Mesh{}
	idx := map[stl.Vec3]uint32{}
	for _, tr := range solid.Triangles {
		var f [3]uint32
		for k, v := range tr.Vertices {
			i, ok := idx[v]
			if !ok {
				i = uint32(len(m.Vertices))
				idx[v] = i
				m.Vertices = append(m.Vertices, mesh.Vec3{X: v[0], Y: v[1], Z: v[2]})
			}
			f[k] = i
		}
		m.Triangles = append(m.Triangles, f)
	}
	place(m, 125, 105)
	return m
}

// place centres the mesh's XY box on (cx, cy) and puts its lowest point at
// z = 0.
func place(m *mesh.Mesh, cx, cy float32) {
	lo, hi := m.Vertices[0], m.Vertices[0]
	for _, v := range m.Vertices {
		lo = mesh.Vec3{X: min(lo.X, v.X), Y: min(lo.Y, v.Y), Z: min(lo.Z, v.Z)}
		hi = mesh.Vec3{X: max(hi.X, v.X), Y: max(hi.Y, v.Y), Z: max(hi.Z, v.Z)}
	}
	dx, dy := cx-(lo.X+hi.X)/2, cy-(lo.Y+hi.Y)/2
	for i := range m.Vertices {
		m.Vertices[i].X += dx
		m.Vertices[i].Y += dy
		m.Vertices[i].Z -= lo.Z
	}
}

var (
	corpusMu  sync.Mutex
	corpusRes = map[string]*Result{}
)

// sliceCorpus slices a corpus model with the default profile once per test
// binary; tests share the (read-only) result.
func sliceCorpus(t testing.TB, name string) *Result {
	t.Helper()
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if r, ok := corpusRes[name]; ok {
		return r
	}
	r := sliceOrFail(t, loadPlaced(t, name), Default())
	corpusRes[name] = r
	return r
}
