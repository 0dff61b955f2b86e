package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/usinette/usinette/internal/meshgen"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
)

// TestSliceLayFlatAndRotate: a 10 × 20 × 40 mm box stood on its small end
// and tilted 23° about Y is sliced lying on its 20 × 40 face with
// --lay-flat (the smallest rotation, about Y, squares it again); with
// --rotate-x 90 an upright box lies on its side.
func TestSliceLayFlatAndRotate(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, turn func(m *mesh.Mesh)) string {
		m := meshgen.Box(10, 20, 40)
		turn(m)
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := stl.Write(f, m, name); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return p
	}
	tilted := write("tilted.stl", func(m *mesh.Mesh) { m.RotateY(23) })
	upright := write("upright.stl", func(*mesh.Mesh) {})
	size := func(args ...string) (x, y, z float64) {
		t.Helper()
		code, stdout, stderr := run(t, append([]string{"slice", "--json", "-o", filepath.Join(dir, "out.gcode")}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		var s struct {
			B struct {
				MinX float64 `json:"min_x"`
				MinY float64 `json:"min_y"`
				MinZ float64 `json:"min_z"`
				MaxX float64 `json:"max_x"`
				MaxY float64 `json:"max_y"`
				MaxZ float64 `json:"max_z"`
			} `json:"bounds_mm"`
		}
		if err := json.Unmarshal([]byte(stdout), &s); err != nil {
			t.Fatal(err)
		}
		b := s.B
		return b.MaxX - b.MinX, b.MaxY - b.MinY, b.MaxZ - b.MinZ
	}
	near := func(what string, got, want [3]float64) {
		t.Helper()
		for i := range got {
			if math.Abs(got[i]-want[i]) > 1e-3 {
				t.Errorf("%s: %v, want %v", what, got, want)
				return
			}
		}
	}
	x, y, z := size(tilted, "--lay-flat")
	near("tilted box laid flat", [3]float64{x, y, z}, [3]float64{40, 20, 10})
	x, y, z = size(upright, "--rotate-x", "90")
	near("upright box turned 90° about X", [3]float64{x, y, z}, [3]float64{10, 40, 20})
	x, y, z = size(upright, "--rotate-y", "90")
	near("upright box turned 90° about Y", [3]float64{x, y, z}, [3]float64{40, 20, 10})
	x, y, z = size(upright)
	near("upright box", [3]float64{x, y, z}, [3]float64{10, 20, 40})
	if code, _, stderr := run(t, "slice", upright, "--rotate-x", "NaN", "-o", filepath.Join(dir, "nan.gcode")); code != 2 {
		t.Errorf("--rotate-x NaN: exit %d, %s", code, stderr)
	}
}
