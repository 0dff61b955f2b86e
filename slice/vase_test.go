package slice

import (
	"bufio"
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
)

// spiralPart reads a G-code's moves for the vase checks: the index of the
// first layer (counted by ;LAYER_CHANGE) whose extruding moves change Z
// (the spiral's start), and from there to the end sequence (;TYPE:Custom)
// whether Z ever goes down and how many retractions there are.
func spiralPart(t *testing.T, gc []byte) (first int, descents, retracts int) {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(gc))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	layer, first := -1, -1
	z := math.Inf(-1)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == ";LAYER_CHANGE":
			layer++
			continue
		case line == ";TYPE:Custom" && layer >= 0:
			return first, descents, retracts
		}
		if i := strings.IndexByte(line, ';'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 || f[0] != "G1" {
			continue
		}
		nz, e, xy := math.NaN(), 0.0, false
		for _, w := range f[1:] {
			v, err := strconv.ParseFloat(w[1:], 64)
			if err != nil {
				continue
			}
			switch w[0] {
			case 'Z':
				nz = v
			case 'E':
				e = v
			case 'X', 'Y':
				xy = true
			}
		}
		if first < 0 && !math.IsNaN(nz) && e > 0 && xy {
			first = layer
		}
		if first < 0 {
			continue
		}
		if !math.IsNaN(nz) {
			if nz < z-1e-9 {
				descents++
			}
			z = nz
		}
		if e < 0 && !xy {
			retracts++
		}
	}
	return first, descents, retracts
}

// outlineIoU is the overlap (intersection over union) of the cells within
// 0.45/2 mm of the two prints' extrusions, layer by layer from layer from,
// summed: 1 when they print the same outline.
func outlineIoU(a, b *gprint, from int) float64 {
	all := &gprint{segs: append(append([]gseg(nil), a.segs...), b.segs...)}
	ga, gb := gridAround(all, 0.05), gridAround(all, 0.05)
	inter, union := 0, 0
	for l := from; l < min(len(a.layers), len(b.layers)); l++ {
		ga.clear()
		gb.clear()
		for _, s := range a.segs {
			if s.layer == l {
				ga.line(s.x0, s.y0, s.x1, s.y1, 0.45, nil)
			}
		}
		for _, s := range b.segs {
			if s.layer == l {
				gb.line(s.x0, s.y0, s.x1, s.y1, 0.45, nil)
			}
		}
		for k := range ga.bits {
			if ga.bits[k] && gb.bits[k] {
				inter++
			}
			if ga.bits[k] || gb.bits[k] {
				union++
			}
		}
	}
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// TestVaseAgainstPrusaSlicer prints the corpus cube and sphere and a
// generated cup (a tapered octagon) in vase mode, here and with PrusaSlicer
// 2.5 from the same INI (spiral_vase = 1): the spiral starts on the same
// layer, Z never goes down and nothing retracts from there on, the
// outlines overlap (IoU ≥ 0.8) and the filament is within 5 %.
func TestVaseAgainstPrusaSlicer(t *testing.T) {
	dir := t.TempDir()
	ini := profileINI(t, dir, "vase", map[string]string{"spiral_vase": "1"})
	models := map[string]string{
		"cube":   corpus.Path(t, filepath.Join("stl", "cube20_scad.stl")),
		"sphere": corpus.Path(t, filepath.Join("stl", "sphere_fn200.stl")),
		"cup":    cup(t, dir),
	}
	for _, name := range []string{"cube", "sphere", "cup"} {
		t.Run(name, func(t *testing.T) {
			src := models[name]
			ours, gc := sliceINI(t, ini, src)
			of, od, or := spiralPart(t, gc)
			if of < 0 || od > 0 || or > 0 {
				t.Errorf("spiral from layer %d: Z goes down %d times, %d retractions", of, od, or)
			}
			pg, pgc, ok := slicePrusa(t, ini, src)
			if !ok {
				t.Skip("prusa-slicer not installed")
			}
			pf, pd, pr := spiralPart(t, pgc)
			iou := outlineIoU(ours, pg, of)
			oe, pe := ours.filament(func(string) bool { return true }), pg.filament(func(string) bool { return true })
			t.Logf("%s: spiral from layer %d (PrusaSlicer %d, whose Z goes down %d times, %d retractions), outline IoU %.3f, filament %.1f mm (PrusaSlicer %.1f)",
				name, of, pf, pd, pr, iou, oe, pe)
			if of != pf {
				t.Errorf("spiral starts on layer %d, PrusaSlicer's on %d", of, pf)
			}
			if iou < 0.8 {
				t.Errorf("outline IoU %.3f with PrusaSlicer's", iou)
			}
			if math.Abs(oe-pe) > 0.05*pe {
				t.Errorf("filament %.1f mm, PrusaSlicer's %.1f", oe, pe)
			}
		})
	}
}

// TestVaseTwoIslands: of the layers of a U whose two prongs are separate
// islands, only one prong is printed, as a spiral, as PrusaSlicer prints
// them, and the layers are counted.
func TestVaseTwoIslands(t *testing.T) {
	dir := t.TempDir()
	src := prism(t, dir, "U", [][2]float64{{0, 0}, {30, 0}, {30, 20}, {20, 20}, {20, 10}, {10, 10}, {10, 20}, {0, 20}}, 10)
	cfg := Default()
	cfg.SpiralVase = true
	var buf bytes.Buffer
	sum, err := File(context.Background(), src, &buf, cfg, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 50 layers over the split at 10 mm
	if sum.VaseDroppedLayers != 50 {
		t.Errorf("%d layers lost an island, want the 50 above 10 mm", sum.VaseDroppedLayers)
	}
	if f, d, r := spiralPart(t, buf.Bytes()); f != 4 || d > 0 || r > 0 {
		t.Errorf("spiral from layer %d, Z goes down %d times, %d retractions", f, d, r)
	}
	ours := readGCode(t, bytes.NewReader(buf.Bytes()))
	ini := profileINI(t, dir, "vaseU", map[string]string{"spiral_vase": "1"})
	pg, _, ok := slicePrusa(t, ini, src)
	if !ok {
		t.Skip("prusa-slicer not installed")
	}
	oe, pe := ours.filament(func(string) bool { return true }), pg.filament(func(string) bool { return true })
	t.Logf("U in vase mode: %d layers lost an island, filament %.1f mm (PrusaSlicer %.1f)", sum.VaseDroppedLayers, oe, pe)
	if math.Abs(oe-pe) > 0.05*pe {
		t.Errorf("filament %.1f mm, PrusaSlicer's %.1f", oe, pe)
	}
}

// cup writes a cup as an STL: an octagon 30 mm across at the bottom
// widening to 40 mm at 30 mm high, open nowhere (a closed solid: vase mode
// hollows it).
func cup(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	for _, lv := range []struct{ r, z float64 }{{15, 0}, {20, 30}} {
		for k := range 8 {
			a := (float64(k) + 0.5) * math.Pi / 4
			b.WriteString("v " + strconv.FormatFloat(lv.r*math.Cos(a), 'f', 4, 64) + " " +
				strconv.FormatFloat(lv.r*math.Sin(a), 'f', 4, 64) + " " + strconv.FormatFloat(lv.z, 'f', 4, 64) + "\n")
		}
	}
	b.WriteString("f 8 7 6 5 4 3 2 1\nf 9 10 11 12 13 14 15 16\n")
	for k := range 8 {
		a, c := k+1, (k+1)%8+1
		b.WriteString("f " + strconv.Itoa(a) + " " + strconv.Itoa(c) + " " + strconv.Itoa(c+8) + " " + strconv.Itoa(a+8) + "\n")
	}
	p := filepath.Join(dir, "cup.obj")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// PrusaSlicer reads no OBJ face of more than 4 vertices: an STL
	m, _, _, err := mesh.ReadFile(p, mesh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := filepath.Join(dir, "cup.stl")
	f, err := os.Create(s)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := stl.Write(f, m, "cup"); err != nil {
		t.Fatal(err)
	}
	return s
}
