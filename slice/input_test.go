package slice

import (
	"bytes"
	"context"
	"io"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// TestSameGCodeFromSTL3MFOBJ: a corpus model and PrusaSlicer 2.5's 3MF and
// OBJ exports of it slice to the same G-code, byte for byte (PrusaSlicer
// writes the 3MF's vertices with 9 significant digits, the OBJ's with 6
// decimals, and lifts models to z = 0 in float32 before writing: these
// differences stay far below the G-code's 3 decimals on these models).
//
// 3DBenchy is not among them: PrusaSlicer moves it about in float32 before
// writing, so a tenth of its corners come back one float32 step away
// (-29.175999 for -29.176), and such steps move seams and the order of the
// paths. TestNearSameGCodeBenchy compares its figures instead.
func TestSameGCodeFromSTL3MFOBJ(t *testing.T) {
	for _, name := range []string{"cube20_scad", "torus", "xyz_calibration_cube"} {
		t.Run(name, func(t *testing.T) {
			src := corpus.Path(t, "stl/"+name+".stl")
			files := []string{src}
			for _, f := range []string{"3mf", "obj"} {
				p, ok := corpus.PrusaExport(t, "."+f, []string{"--export-" + f}, src)
				if !ok {
					t.Skip("prusa-slicer not installed")
				}
				files = append(files, p)
			}
			var ref []byte
			for i, p := range files {
				var buf bytes.Buffer
				if _, err := File(context.Background(), p, &buf, Default(), RunOptions{Name: name}); err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					ref = buf.Bytes()
					continue
				}
				if !bytes.Equal(buf.Bytes(), ref) {
					a, b := strings.Split(buf.String(), "\n"), strings.Split(string(ref), "\n")
					n := 0
					for k := range min(len(a), len(b)) {
						if a[k] != b[k] {
							if n < 3 {
								t.Logf("line %d: %q, from the STL %q", k+1, a[k], b[k])
							}
							n++
						}
					}
					t.Errorf("%s: G-code differs from the STL's (%d vs %d lines, %d differ)", p[len(p)-4:], len(a), len(b), n)
				}
			}
		})
	}
}

// TestNearSameGCodeBenchy: 3DBenchy as STL and as PrusaSlicer's 3MF and OBJ
// exports give the same layers, and filament within 0.75 % and time within
// 1 % (measured: 4205.7 mm and 5307 s from the STL, 4182.4 mm and 5276 s
// from the 3MF and the OBJ). Benchy has 1779 horizontal triangles at
// z = 0.3 mm, exactly the second layer's slice plane: one float32 step
// decides whether its engraved bottom shows in that layer (the STL's has
// 2.7× the perimeters of the 3MF's), and the bottom shell over it (four
// layers, as PrusaSlicer's rule for vertical shells says) carries the
// difference up to the fifth layer: 0.56 % of the filament.
func TestNearSameGCodeBenchy(t *testing.T) {
	if testing.Short() {
		t.Skip("three Benchy slices")
	}
	src := corpus.Path(t, "stl/3DBenchy.stl")
	files := []string{src}
	for _, f := range []string{"3mf", "obj"} {
		p, ok := corpus.PrusaExport(t, "."+f, []string{"--export-" + f}, src)
		if !ok {
			t.Skip("prusa-slicer not installed")
		}
		files = append(files, p)
	}
	var ref Summary
	for i, p := range files {
		sum, err := File(context.Background(), p, io.Discard, Default(), RunOptions{Name: "benchy"})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d layers, %.1f mm filament, %.0f s", p[len(p)-4:], sum.Layers, sum.FilamentMM, sum.PrintTimeS)
		if i == 0 {
			ref = sum
			continue
		}
		if sum.Layers != ref.Layers || math.Abs(sum.FilamentMM/ref.FilamentMM-1) > 0.0075 || math.Abs(sum.PrintTimeS/ref.PrintTimeS-1) > 0.01 {
			t.Errorf("%s: %d layers, %.1f mm, %.0f s; from the STL %d, %.1f mm, %.0f s", p,
				sum.Layers, sum.FilamentMM, sum.PrintTimeS, ref.Layers, ref.FilamentMM, ref.PrintTimeS)
		}
	}
}

// TestMultiObject3MFKeepsPlacement: PrusaSlicer's 3MF of a cube and a torus
// it arranged side by side (--merge) prints both objects where PrusaSlicer
// prints them relative to each other: the first layer's two objects (skirt
// left out) have the same boxes, up to moving the whole plate, within
// 0.3 mm.
func TestMultiObject3MFKeepsPlacement(t *testing.T) {
	cube, torus := corpus.Path(t, "stl/cube20_scad.stl"), corpus.Path(t, "stl/torus.stl")
	p, ok := corpus.PrusaExport(t, ".3mf", []string{"--export-3mf", "--merge"}, cube, torus)
	if !ok {
		t.Skip("prusa-slicer not installed")
	}
	ini := corpus.Path(t, "profiles/mk3s_pla.ini")
	pg, _ := corpus.PrusaExport(t, ".gcode", []string{"--export-gcode", "--load", ini}, p)
	var buf bytes.Buffer
	if _, err := File(context.Background(), p, &buf, Default(), RunOptions{Name: "merged"}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(pg)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	boxes := func(g *gprint) [][4]float64 {
		gr := gridAround(g, 0.25)
		for _, s := range g.segs {
			if s.layer == 0 && s.role != "Skirt/Brim" {
				gr.line(s.x0, s.y0, s.x1, s.y1, 1, nil)
			}
		}
		b := gr.boxes()
		if len(b) != 2 {
			t.Fatalf("%d objects on the first layer", len(b))
		}
		// relative to the plate's corner, left object first
		x0, y0 := min(b[0][0], b[1][0]), min(b[0][1], b[1][1])
		for i := range b {
			b[i] = [4]float64{b[i][0] - x0, b[i][1] - y0, b[i][2] - x0, b[i][3] - y0}
		}
		if b[0][0] > b[1][0] {
			b[0], b[1] = b[1], b[0]
		}
		return b
	}
	ours, theirs := boxes(readGCode(t, &buf)), boxes(readGCode(t, f))
	t.Logf("first-layer objects, from the plate's corner: usinette %.2f, PrusaSlicer %.2f", ours, theirs)
	for i := range ours {
		for k := range 4 {
			if math.Abs(ours[i][k]-theirs[i][k]) > 0.3 {
				t.Errorf("object %d: %.2f, PrusaSlicer %.2f", i, ours[i], theirs[i])
				break
			}
		}
	}
}
