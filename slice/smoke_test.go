package slice

import (
	"context"
	"testing"
)

func TestSmokeCorpus(t *testing.T) {
	for _, name := range []string{"cube20_scad.stl", "torus.stl", "sphere_fn200.stl", "thin_wall_test.stl", "overhang_test.stl", "xyz_calibration_cube.stl", "stanford_bunny.stl", "3DBenchy.stl"} {
		t.Run(name, func(t *testing.T) {
			m := loadPlaced(t, name)
			r, err := Slice(context.Background(), m, Default(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, l := range r.Layers {
				n += len(l.Paths)
			}
			t.Logf("%s: %d layers, %d extrusions, repairs %+v, thin %d", name, len(r.Layers), n, r.Repairs, len(r.Thin))
		})
	}
}
