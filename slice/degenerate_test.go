package slice

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/usinette/usinette/mesh"
)

// TestIdenticalFacetsLinear: 1e5 copies of one facet (each of its edges
// shared by 1e5 facets) slice in seconds. Pairing the facets around such
// an edge and sorting a vertex's edges were quadratic: 414 s end to end.
func TestIdenticalFacetsLinear(t *testing.T) {
	const n = 100_000
	tris := make([][3]mesh.Vec3, n)
	for i := range tris {
		tris[i] = [3]mesh.Vec3{{X: 0}, {X: 10}, {Y: 10, Z: 5}}
	}
	m, rep, err := mesh.FromTriangles(tris, mesh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = Run(context.Background(), m, rep, io.Discard, Default(), RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v", d)
	}
	t.Logf("%d identical facets: %v", n, time.Since(start))
}
