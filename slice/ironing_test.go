package slice

import (
	"math"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// TestIroningAgainstPrusaSlicer irons a two-step block (tops at 5 and
// 10 mm) with each ironing_type, and the corpus sphere's dome (top), here
// and with PrusaSlicer 2.5 from the same INI, and compares the ironed area
// (the cells within half a spacing of an ironing line, summed over layers)
// and the filament ironing uses, within 15 %.
func TestIroningAgainstPrusaSlicer(t *testing.T) {
	dir := t.TempDir()
	steps := prism(t, dir, "steps", [][2]float64{{0, 0}, {30, 0}, {30, 5}, {15, 5}, {15, 10}, {0, 10}}, 15)
	sphere := corpus.Path(t, "stl/sphere_fn200.stl")
	ironed := func(g *gprint) (area, e float64, layers int) {
		seen := map[int]bool{}
		for _, s := range g.segs {
			if s.role == "Ironing" && !seen[s.layer] {
				seen[s.layer] = true
				area += coverage(g, s.layer, 0.1, func(s gseg) bool { return s.role == "Ironing" })
			}
		}
		return area, g.filament(func(r string) bool { return r == "Ironing" }), len(seen)
	}
	for _, tc := range []struct{ name, typ, src string }{
		{"steps/top", "top", steps}, {"steps/topmost", "topmost", steps}, {"steps/solid", "solid", steps}, {"sphere/top", "top", sphere},
	} {
		typ, src := tc.typ, tc.src
		t.Run(tc.name, func(t *testing.T) {
			ini := profileINI(t, dir, "iron_"+typ, map[string]string{"ironing": "1", "ironing_type": typ})
			ours, _ := sliceINI(t, ini, src)
			oa, oe, ol := ironed(ours)
			pg, _, ok := slicePrusa(t, ini, src)
			if !ok {
				t.Skip("prusa-slicer not installed")
			}
			pa, pe, pl := ironed(pg)
			t.Logf("%s %s: ironed %.0f mm² on %d layers with %.3f mm of filament; PrusaSlicer %.0f mm² on %d layers with %.3f mm", tc.name, typ, oa, ol, oe, pa, pl, pe)
			if math.Abs(oa-pa) > 0.15*pa || math.Abs(oe-pe) > 0.15*pe {
				t.Errorf("ironed %.0f mm² with %.3f mm of filament, PrusaSlicer %.0f mm² with %.3f mm", oa, oe, pa, pe)
			}
			if s := ours.maxFeed("Ironing"); s != 900 {
				t.Errorf("ironing at F%g, want F900 (ironing_speed 15 mm/s)", s)
			}
		})
	}
	// off by default: no ironing at all
	ini := profileINI(t, dir, "iron_off", map[string]string{})
	if g, _ := sliceINI(t, ini, steps); g.filament(func(r string) bool { return r == "Ironing" }) != 0 {
		t.Error("ironing printed with ironing = 0")
	}
}
