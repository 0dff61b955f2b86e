package slice

import (
	"math"
	"testing"

	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
	"os"
	"path/filepath"
)

// TestBrimTypesAgainstPrusaSlicer prints a 30 mm square frame with a 16 mm
// hole and a 3 mm brim of each brim_type (no skirt, so every Skirt/Brim
// line is brim), here and with PrusaSlicer 2.5 from the same INI, and
// compares the brim's footprint outside the frame and inside the hole.
func TestBrimTypesAgainstPrusaSlicer(t *testing.T) {
	dir := t.TempDir()
	obj := frame(t, dir, 30, 16, 5)
	m, _, _, err := mesh.ReadFile(obj, mesh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "frame.stl")
	f, err := os.Create(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := stl.Write(f, m, "frame"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, typ := range []string{"outer_only", "inner_only", "outer_and_inner", "no_brim"} {
		t.Run(typ, func(t *testing.T) {
			ini := profileINI(t, dir, "brim_"+typ, map[string]string{
				"brim_width": "3", "brim_type": typ, "skirts": "0"})
			// the brim's area in and out of the frame, split by the model's
			// box in the G-code (its external perimeters on layer 0)
			split := func(g *gprint) (in, out float64) {
				x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
				for _, s := range g.segs {
					if s.layer == 0 && s.role == "External perimeter" {
						x0, y0 = min(x0, s.x0, s.x1), min(y0, s.y0, s.y1)
						x1, y1 = max(x1, s.x0, s.x1), max(y1, s.y0, s.y1)
					}
				}
				cx, cy := (x0+x1)/2, (y0+y1)/2
				brim := func(s gseg) bool { return s.role == "Skirt/Brim" }
				all := coverage(g, 0, 0.42, brim)
				in = coverage(g, 0, 0.42, func(s gseg) bool {
					return brim(s) && math.Abs(s.x0-cx) < 8 && math.Abs(s.y0-cy) < 8 && math.Abs(s.x1-cx) < 8 && math.Abs(s.y1-cy) < 8
				})
				return in, all - in
			}
			ours, _ := sliceINI(t, ini, src)
			oin, oout := split(ours)
			pg, _, ok := slicePrusa(t, ini, src)
			if !ok {
				t.Skip("prusa-slicer not installed")
			}
			pin, pout := split(pg)
			t.Logf("%s: brim inside the hole %.1f mm² (PrusaSlicer %.1f), outside %.1f mm² (PrusaSlicer %.1f)", typ, oin, pin, oout, pout)
			for _, c := range []struct {
				what      string
				got, want float64
			}{{"inside", oin, pin}, {"outside", oout, pout}} {
				if c.want == 0 && c.got != 0 || math.Abs(c.got-c.want) > 0.15*c.want {
					t.Errorf("%s brim %.1f mm², PrusaSlicer's %.1f", c.what, c.got, c.want)
				}
			}
		})
	}
}

// TestBrimSeparationAgainstPrusaSlicer: with brim_separation 0.1 (the
// profile's) and 1 mm, the innermost outer brim loop lies as far from the
// frame's external perimeter as PrusaSlicer's (within 0.1 mm).
func TestBrimSeparationAgainstPrusaSlicer(t *testing.T) {
	dir := t.TempDir()
	src := frame(t, dir, 30, 16, 3)
	for _, sep := range []string{"0.1", "1"} {
		ini := profileINI(t, dir, "sep"+sep, map[string]string{"brim_width": "3", "skirts": "0", "brim_separation": sep})
		gap := func(g *gprint) float64 {
			x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
			for _, s := range g.segs {
				if s.layer == 0 && s.role == "External perimeter" {
					x0, y0 = min(x0, s.x0, s.x1), min(y0, s.y0, s.y1)
					x1, y1 = max(x1, s.x0, s.x1), max(y1, s.y0, s.y1)
				}
			}
			d := math.Inf(1)
			for _, s := range g.segs {
				if s.layer == 0 && s.role == "Skirt/Brim" && math.Hypot(s.x1-s.x0, s.y1-s.y0) > 5 {
					// distance outside the box of a straight side's midpoint
					mx, my := (s.x0+s.x1)/2, (s.y0+s.y1)/2
					d = min(d, max(x0-mx, mx-x1, y0-my, my-y1))
				}
			}
			return d
		}
		ours, _ := sliceINI(t, ini, src)
		pg, _, ok := slicePrusa(t, ini, src)
		if !ok {
			t.Skip("prusa-slicer not installed")
		}
		a, b := gap(ours), gap(pg)
		t.Logf("brim_separation %s: innermost loop %.3f mm outside the external perimeter's centre line, PrusaSlicer's %.3f", sep, a, b)
		if math.Abs(a-b) > 0.1 {
			t.Errorf("brim_separation %s: gap %.3f mm, PrusaSlicer's %.3f", sep, a, b)
		}
	}
}
