package mesh

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// checkLayout: every box inside the bed, on z = 0, and every pair at
// least spacing apart along X or Y.
func checkLayout(t *testing.T, ms []*Mesh, bedW, bedD, spacing float64) {
	t.Helper()
	type box struct{ lo, hi Vec3 }
	boxes := make([]box, len(ms))
	for i, m := range ms {
		lo, hi := m.Bounds()
		boxes[i] = box{lo, hi}
		if lo.X < -1e-4 || lo.Y < -1e-4 || float64(hi.X) > bedW+1e-4 || float64(hi.Y) > bedD+1e-4 || lo.Z != 0 {
			t.Errorf("object %d at %v..%v, off the %g × %g bed or not on it", i, lo, hi, bedW, bedD)
		}
	}
	for i := range boxes {
		for j := range i {
			a, b := boxes[i], boxes[j]
			gapX := max(float64(b.lo.X-a.hi.X), float64(a.lo.X-b.hi.X))
			gapY := max(float64(b.lo.Y-a.hi.Y), float64(a.lo.Y-b.hi.Y))
			if max(gapX, gapY) < spacing-1e-3 {
				t.Errorf("objects %d and %d only %.3f mm apart", i, j, max(gapX, gapY))
			}
		}
	}
}

func TestArrangeCubes(t *testing.T) {
	var ms []*Mesh
	for range 5 {
		ms = append(ms, box(20, 20, 20))
	}
	tall := box(60, 10, 35)
	tall.Translate(-100, 40, 7) // anywhere: Arrange moves it
	ms = append(ms, tall, box(80, 50, 5))
	if err := Arrange(ms, 250, 210, DefaultSpacing); err != nil {
		t.Fatal(err)
	}
	checkLayout(t, ms, 250, 210, DefaultSpacing)
	// the group is centred
	lo, hi := Merge(ms).Bounds()
	if cx, cy := (lo.X+hi.X)/2, (lo.Y+hi.Y)/2; cx < 124.99 || cx > 125.01 || cy < 104.99 || cy > 105.01 {
		t.Errorf("group centred at %g, %g", cx, cy)
	}
}

// TestArrangeRandom: random boxes either get a valid layout or a refusal;
// boxes whose total footprint is small always fit.
func TestArrangeRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := 1 + r.IntN(12)
		var ms []*Mesh
		area := 0.0
		for range n {
			w, d := float32(1+r.Float64()*100), float32(1+r.Float64()*80)
			area += float64(w+6) * float64(d+6)
			b := box(w, d, float32(1+r.Float64()*50))
			b.Translate(r.Float64()*500-250, r.Float64()*500-250, r.Float64()*10)
			ms = append(ms, b)
		}
		err := Arrange(ms, 250, 210, DefaultSpacing)
		if err != nil {
			if !errors.Is(err, ErrTooBig) {
				t.Fatal(err)
			}
			if area < 0.3*250*210 {
				t.Errorf("trial %d: %d boxes of %.0f mm² refused: %v", trial, n, area, err)
			}
			continue
		}
		checkLayout(t, ms, 250, 210, DefaultSpacing)
	}
}

func TestArrangeRefusesWithSizes(t *testing.T) {
	ms := []*Mesh{box(200, 150, 10), box(200, 150, 10)}
	err := Arrange(ms, 250, 210, DefaultSpacing)
	if !errors.Is(err, ErrTooBig) || !strings.Contains(err.Error(), "200.0 × 150.0") || !strings.Contains(err.Error(), "250 × 210") {
		t.Fatalf("%v", err)
	}
	if lo, _ := ms[0].Bounds(); lo != (Vec3{}) {
		t.Errorf("moved on refusal: %v", lo)
	}
}

func TestUnitHint(t *testing.T) {
	bed := MK3SBed()
	for _, tc := range []struct {
		w, d, h float32
		want    string
	}{
		{20, 20, 20, ""},
		{0.787, 0.787, 0.787, "--scale 25.4"}, // a 20 mm cube in inches (×10 gives 7.9 mm)
		{2, 2, 2, "--scale 10"},
		{0.02, 0.02, 0.02, "--scale 1000"},
		{20000, 20000, 20000, "--scale 0.001"},
		{400, 300, 50, "--scale 0.1"},
		{5000, 500, 10, "--scale 0.03937"},
		{60000, 40000, 1000, "--scale 0.001"},
		{1, 40, 1, ""}, // thin but not small
	} {
		got := UnitHint(box(tc.w, tc.d, tc.h), bed)
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("%g×%g×%g: %q, want %q", tc.w, tc.d, tc.h, got, tc.want)
		}
	}
}
