package slice

import (
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// raftFigures reads from a G-code what a raft is: the ;Z: of the layers
// below the model's first (those with support material only), each
// layer's footprint (the area within 1.5 mm of its raft lines, which
// closes the 2 mm gaps of the base layers: the same measure for both
// slicers) and the model's first layer's z.
func raftFigures(g *gprint) (zs, areas []float64, modelZ float64) {
	first := -1
	for _, s := range g.segs {
		if s.role != "Skirt/Brim" && !isSupport(s.role) {
			first = s.layer
			break
		}
	}
	if first < 0 {
		return nil, nil, math.NaN()
	}
	for l := 0; l < first; l++ {
		zs = append(zs, g.layers[l])
		areas = append(areas, coverage(g, l, 3, func(s gseg) bool { return isSupport(s.role) }))
	}
	return zs, areas, g.layers[first]
}

// TestRaftAgainstPrusaSlicer prints the corpus cube and the T of the
// support tests (its arms at 20 mm get no raft) on rafts of 1, 2, 3 and 5
// layers, here and with PrusaSlicer 2.5 from the same INI, and compares the
// raft's layer heights, its footprint layer by layer (±15 %) and the
// model's first layer's z.
//
// Not compared: a model whose underside rises slowly from the bed (the
// corpus torus). PrusaSlicer's raft there reaches under the low overhangs
// too (1425 mm² of interface against 1141 here, a ring as wide as the
// torus's shadow); this raft covers the first layer grown by
// raft_expansion only.
func TestRaftAgainstPrusaSlicer(t *testing.T) {
	dir := t.TempDir()
	models := map[string]string{
		"cube20_scad": corpus.Path(t, filepath.Join("stl", "cube20_scad.stl")),
		"T":           supportModels(t, dir)["T"],
	}
	for _, model := range []string{"cube20_scad", "T"} {
		src := models[model]
		for _, n := range []int{1, 2, 3, 5} {
			t.Run(model+"/"+strconv.Itoa(n), func(t *testing.T) {
				ini := profileINI(t, dir, model+"raft"+strconv.Itoa(n), map[string]string{"raft_layers": strconv.Itoa(n)})
				ours, _ := sliceINI(t, ini, src)
				oz, oa, om := raftFigures(ours)
				pg, _, ok := slicePrusa(t, ini, src)
				if !ok {
					t.Skip("prusa-slicer not installed")
				}
				pz, pa, pm := raftFigures(pg)
				t.Logf("raft layers at z %v, footprints %.0f mm², model from z %.2f; PrusaSlicer: z %v, %.0f mm², model from z %.2f", oz, oa, om, pz, pa, pm)
				if len(oz) != n || len(pz) != n {
					t.Fatalf("%d raft layers, PrusaSlicer %d, want %d", len(oz), len(pz), n)
				}
				for k := range oz {
					if math.Abs(oz[k]-pz[k]) > 1e-6 {
						t.Errorf("raft layer %d at z %.3f, PrusaSlicer's at %.3f", k, oz[k], pz[k])
					}
					if math.Abs(oa[k]-pa[k]) > 0.15*pa[k] {
						t.Errorf("raft layer %d covers %.0f mm², PrusaSlicer's %.0f", k, oa[k], pa[k])
					}
				}
				if math.Abs(om-pm) > 1e-6 {
					t.Errorf("model's first layer at z %.3f, PrusaSlicer's at %.3f", om, pm)
				}
				// and the model's first layer is printed at
				// first_layer_speed_over_raft (30 mm/s), as PrusaSlicer's,
				// or slower for the layer time (the T's small layers)
				fast := func(g *gprint) (f float64) {
					for _, s := range g.segs {
						if s.layer == n && s.role == "External perimeter" {
							f = max(f, s.f)
						}
					}
					return f
				}
				if a, b := fast(ours), fast(pg); a > 1800 || model == "cube20_scad" && a != b {
					t.Errorf("model's first layer's external perimeter at F%g, PrusaSlicer's at F%g; want F1800 at most", a, b)
				}
			})
		}
	}
}
