package mesh

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// ErrEmpty is returned when no triangle is left after the repairs.
var ErrEmpty = errors.New("no triangles with an area")

// Options tune FromTriangles. The zero value is the default: exact welding,
// degenerate facets removed, inconsistent windings reoriented.
type Options struct {
	// WeldTolerance merges corners whose coordinates all differ by at most
	// this many millimetres (after exact welding). 0 welds only identical
	// coordinates, which is right for CAD and scanner exports; 1e-4 closes
	// seams left by writers that round differently on both sides of an
	// edge.
	WeldTolerance float32
	// KeepWinding leaves flipped facets as they are (they are still
	// counted); by default each connected shell is made consistent with the
	// winding of the majority of its facets.
	KeepWinding bool
	// KeepDegenerate keeps zero-area facets (they are still counted).
	KeepDegenerate bool
}

// Repairs reports what FromTriangles found and changed. The JSON names are
// those of the `repairs` object of `usinette slice --json`.
type Repairs struct {
	// Facets is the number of triangles in the input.
	Facets int `json:"facets"`
	// Vertices is the number of distinct vertices after welding.
	Vertices int `json:"vertices"`
	// WeldedVertices is the number of triangle corners merged into a vertex
	// another corner already had (3×Facets − Vertices for exact welding).
	WeldedVertices int `json:"welded_vertices"`
	// NearWeldedVertices counts vertices merged because they were within
	// Options.WeldTolerance of another one (part of WeldedVertices).
	NearWeldedVertices int `json:"near_welded_vertices"`
	// DegenerateFacets is the number of zero-area facets removed: two
	// corners on the same vertex, or three corners on one line.
	DegenerateFacets int `json:"degenerate_facets_removed"`
	// CollapsedFacets counts degenerate facets with two corners on one
	// vertex (after welding).
	CollapsedFacets int `json:"collapsed_facets"`
	// CollinearFacets counts degenerate facets whose three distinct corners
	// lie exactly on one line; the facet across the long edge is split at
	// the middle corner so that no gap is left.
	CollinearFacets int `json:"collinear_facets"`
	// FlippedFacets is the number of facets whose winding disagreed with
	// their neighbours' (the minority of their shell); reoriented unless
	// Options.KeepWinding.
	FlippedFacets int `json:"flipped_facets"`
	// BoundaryEdges is the number of edges used by one facet only: holes
	// in the surface. A closed mesh has none.
	BoundaryEdges int `json:"boundary_edges"`
	// NonManifoldEdges is the number of edges used by more than two facets.
	NonManifoldEdges int `json:"non_manifold_edges"`
	// Shells is the number of edge-connected pieces of surface.
	Shells int `json:"shells"`
}

// Closed reports whether every edge is shared by exactly two facets.
func (r Repairs) Closed() bool { return r.BoundaryEdges == 0 && r.NonManifoldEdges == 0 }

// FromTriangles welds a triangle soup (three corners per triangle, as an STL
// file lists them) into an indexed Mesh, drops zero-area facets, makes the
// winding consistent within each shell and reports what it found.
func FromTriangles(tris [][3]Vec3, opts Options) (*Mesh, Repairs, error) {
	return FromTrianglesContext(context.Background(), tris, opts)
}

// FromTrianglesContext is FromTriangles with cancellation between its passes.
func FromTrianglesContext(ctx context.Context, tris [][3]Vec3, opts Options) (*Mesh, Repairs, error) {
	rep := Repairs{Facets: len(tris)}
	if len(tris) > math.MaxInt32/3 {
		return nil, rep, fmt.Errorf("mesh: %d triangles is more than this package indexes", len(tris))
	}
	m := weld(tris)
	// tris is not used from here on, so the caller's triangle soup can be
	// collected while the passes below allocate (36 MB for 1M triangles)
	tris = nil
	if err := ctx.Err(); err != nil {
		return nil, rep, err
	}
	if opts.WeldTolerance > 0 {
		rep.NearWeldedVertices = m.weldNear(opts.WeldTolerance)
	}
	rep.Vertices = len(m.Vertices)
	rep.WeldedVertices = 3*rep.Facets - len(m.Vertices)
	rep.CollapsedFacets, rep.CollinearFacets = m.removeDegenerate(opts.KeepDegenerate)
	rep.DegenerateFacets = rep.CollapsedFacets + rep.CollinearFacets
	if err := ctx.Err(); err != nil {
		return nil, rep, err
	}
	if len(m.Triangles) == 0 {
		return nil, rep, ErrEmpty
	}
	topo := m.topology()
	rep.BoundaryEdges = topo.boundary
	rep.NonManifoldEdges = topo.nonManifold
	rep.Shells, rep.FlippedFacets = m.orient(topo, !opts.KeepWinding)
	return m, rep, ctx.Err()
}

// key returns the bits of v with -0 made +0, so that the two zeros weld.
func key(v Vec3) (uint32, uint32, uint32) {
	x, y, z := math.Float32bits(v.X), math.Float32bits(v.Y), math.Float32bits(v.Z)
	if x == 1<<31 {
		x = 0
	}
	if y == 1<<31 {
		y = 0
	}
	if z == 1<<31 {
		z = 0
	}
	return x, y, z
}

func hash3(x, y, z uint32) uint64 {
	h := uint64(x)*0x9E3779B97F4A7C15 ^ uint64(y)*0xC2B2AE3D27D4EB4F ^ uint64(z)*0x165667B19E3779F9
	h ^= h >> 32
	return h * 0x9E3779B97F4A7C15
}

// weld merges identical corners with an open-addressing hash table keyed on
// the coordinate bits: one pass, no allocation per corner.
func weld(tris [][3]Vec3) *Mesh {
	n := len(tris)
	shift := uint(64 - bits.Len(uint(max(n, 8)))) // table of 2^k >= n slots
	mask := uint64(1)<<(64-shift) - 1
	table := make([]uint32, mask+1) // vertex index + 1; 0 is empty
	verts := make([]Vec3, 0, n/2+16)
	out := make([][3]uint32, n)
	for i := range tris {
		for c := 0; c < 3; c++ {
			v := tris[i][c]
			x, y, z := key(v)
			s := hash3(x, y, z) >> shift
			for {
				e := table[s]
				if e == 0 {
					if uint64(len(verts)) >= (mask+1)/2 {
						// Keep the load under one half: grow and rehash.
						table, shift, mask = rehash(verts, shift)
						s = hash3(x, y, z) >> shift
						for table[s] != 0 {
							s = (s + 1) & mask
						}
					}
					verts = append(verts, Vec3{X: math.Float32frombits(x), Y: math.Float32frombits(y), Z: math.Float32frombits(z)})
					table[s] = uint32(len(verts))
					out[i][c] = uint32(len(verts) - 1)
					break
				}
				w := verts[e-1]
				if math.Float32bits(w.X) == x && math.Float32bits(w.Y) == y && math.Float32bits(w.Z) == z {
					out[i][c] = e - 1
					break
				}
				s = (s + 1) & mask
			}
		}
	}
	return &Mesh{Vertices: verts, Triangles: out}
}

func rehash(verts []Vec3, shift uint) ([]uint32, uint, uint64) {
	shift--
	mask := uint64(1)<<(64-shift) - 1
	table := make([]uint32, mask+1)
	for i, v := range verts {
		x, y, z := key(v)
		s := hash3(x, y, z) >> shift
		for table[s] != 0 {
			s = (s + 1) & mask
		}
		table[s] = uint32(i + 1)
	}
	return table, shift, mask
}

// weldNear merges vertices within tol of each other in every coordinate,
// using a hash grid of cell tol (each vertex looks in the 27 cells around
// it), renumbers the triangles and returns how many vertices were merged.
func (m *Mesh) weldNear(tol float32) int {
	cell := float64(tol)
	type ck struct{ x, y, z int64 }
	grid := make(map[ck][]uint32, len(m.Vertices))
	remap := make([]uint32, len(m.Vertices))
	kept := m.Vertices[:0:0]
	merged := 0
	for i, v := range m.Vertices {
		cx := int64(math.Floor(float64(v.X) / cell))
		cy := int64(math.Floor(float64(v.Y) / cell))
		cz := int64(math.Floor(float64(v.Z) / cell))
		found := -1
	search:
		for dx := int64(-1); dx <= 1; dx++ {
			for dy := int64(-1); dy <= 1; dy++ {
				for dz := int64(-1); dz <= 1; dz++ {
					for _, j := range grid[ck{cx + dx, cy + dy, cz + dz}] {
						w := kept[j]
						if abs32(w.X-v.X) <= tol && abs32(w.Y-v.Y) <= tol && abs32(w.Z-v.Z) <= tol {
							found = int(j)
							break search
						}
					}
				}
			}
		}
		if found >= 0 {
			remap[i] = uint32(found)
			merged++
			continue
		}
		k := ck{cx, cy, cz}
		grid[k] = append(grid[k], uint32(len(kept)))
		remap[i] = uint32(len(kept))
		kept = append(kept, v)
	}
	if merged == 0 {
		return 0
	}
	for i := range m.Triangles {
		t := &m.Triangles[i]
		t[0], t[1], t[2] = remap[t[0]], remap[t[1]], remap[t[2]]
	}
	m.Vertices = kept
	return merged
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}
