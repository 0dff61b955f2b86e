package mesh

import (
	"math/rand/v2"
	"testing"
	"time"
)

// topologyScan is the former O(degree²) adjacency builder, kept as the
// reference the sorted one must agree with.
func (m *Mesh) topologyScan() topo {
	nv, nh := len(m.Vertices), 3*len(m.Triangles)
	start := make([]int32, nv+1)
	for _, t := range m.Triangles {
		start[t[0]+1]++
		start[t[1]+1]++
		start[t[2]+1]++
	}
	for i := 1; i <= nv; i++ {
		start[i] += start[i-1]
	}
	fill := append([]int32(nil), start[:nv]...)
	outH := make([]int32, nh)
	outTo := make([]uint32, nh)
	for ti, t := range m.Triangles {
		for k := 0; k < 3; k++ {
			j := fill[t[k]]
			fill[t[k]]++
			outH[j], outTo[j] = int32(3*ti+k), t[(k+1)%3]
		}
	}
	tp := topo{partner: make([]int32, nh), sameDir: make([]bool, nh)}
	for ti, t := range m.Triangles {
		for k := 0; k < 3; k++ {
			h := int32(3*ti + k)
			a, b := t[k], t[(k+1)%3]
			uses, other, same, minH := 1, int32(-1), false, h
			for j := start[b]; j < start[b+1]; j++ {
				if outTo[j] == a {
					uses, other, minH = uses+1, outH[j], min(minH, outH[j])
				}
			}
			for j := start[a]; j < start[a+1]; j++ {
				if outTo[j] == b && outH[j] != h {
					uses, other, same, minH = uses+1, outH[j], true, min(minH, outH[j])
				}
			}
			if uses == 2 {
				tp.partner[h], tp.sameDir[h] = other, same
			} else {
				tp.partner[h] = -1
				if minH == h {
					if uses == 1 {
						tp.boundary++
					} else {
						tp.nonManifold++
					}
				}
			}
		}
	}
	return tp
}

// TestTopologyMatchesScan: on random meshes over few vertices (so edges
// are shared by 1, 2 or many facets, both ways, degenerate ones too) the
// sorted adjacency equals the scanning one.
func TestTopologyMatchesScan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 300; iter++ {
		nv := 3 + r.IntN(8)
		m := &Mesh{Vertices: make([]Vec3, nv)}
		for i := range m.Vertices {
			m.Vertices[i] = Vec3{X: float32(i), Y: float32(i * i % 7), Z: float32(i % 3)}
		}
		for range 1 + r.IntN(40) {
			m.Triangles = append(m.Triangles, [3]uint32{uint32(r.IntN(nv)), uint32(r.IntN(nv)), uint32(r.IntN(nv))})
		}
		got, want := m.topology(), m.topologyScan()
		if got.boundary != want.boundary || got.nonManifold != want.nonManifold {
			t.Fatalf("mesh %v: boundary/non-manifold %d/%d, want %d/%d", m.Triangles, got.boundary, got.nonManifold, want.boundary, want.nonManifold)
		}
		for h := range want.partner {
			if got.partner[h] != want.partner[h] || got.sameDir[h] != want.sameDir[h] {
				t.Fatalf("mesh %v: half-edge %d: partner %d/%v, want %d/%v", m.Triangles, h, got.partner[h], got.sameDir[h], want.partner[h], want.sameDir[h])
			}
		}
	}
}

// TestDegenerateMeshesLinear: 1e5 identical facets (one edge used 1e5
// times) and a fan of 1e5 slivers around one vertex weld and repair in
// well under a second each (88 s before: the adjacency was quadratic in
// the vertex degree).
func TestDegenerateMeshesLinear(t *testing.T) {
	const n = 100_000
	same := make([][3]Vec3, n)
	fan := make([][3]Vec3, n)
	for i := range same {
		same[i] = [3]Vec3{{X: 0}, {X: 10}, {Y: 10, Z: 5}}
		a := float32(i) / n
		b := float32(i+1) / n
		fan[i] = [3]Vec3{{}, {X: 10, Y: a}, {X: 10, Y: b, Z: 1}}
	}
	for name, tris := range map[string][][3]Vec3{"identical": same, "fan": fan} {
		start := time.Now()
		_, rep, err := FromTriangles(tris, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: %v for %d facets", name, d, n)
		}
		t.Logf("%s: %v, %+v", name, time.Since(start), rep)
	}
}
