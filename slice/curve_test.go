package slice

import (
	"math"
	"testing"

	"github.com/usinette/usinette/geom"
)

// TestSimplifyCurve: on a sampled wave and a straight run, the ends stay,
// every point dropped lies within the tolerance of the chord that replaced
// it, and the straight run (longer than curveRun) keeps a point per run.
func TestSimplifyCurve(t *testing.T) {
	var wave, straight geom.Path
	for k := 0; k <= 400; k++ {
		x := float64(k) * 120
		wave = append(wave, geom.Point{X: int64(x), Y: int64(math.Round(2000 * math.Sin(x/1200)))})
		straight = append(straight, geom.Point{X: int64(k) * 50, Y: 7})
	}
	for name, p := range map[string]geom.Path{"wave": wave, "straight": straight} {
		q := simplifyCurve(p, 10)
		if q[0] != p[0] || q[len(q)-1] != p[len(p)-1] {
			t.Errorf("%s: ends %v %v, want %v %v", name, q[0], q[len(q)-1], p[0], p[len(p)-1])
		}
		j := 0 // q[j] is the kept point at or before p[k]
		for k, pt := range p {
			if j+1 < len(q) && pt == q[j+1] {
				j++
				continue
			}
			if pt == q[j] {
				continue
			}
			if d := math.Sqrt(geom.SegDist2(pt, q[j], q[j+1])); d > 10 {
				t.Errorf("%s: point %d %v dropped %.1f µm from its chord", name, k, pt, d)
			}
		}
		t.Logf("%s: %d → %d points", name, len(p), len(q))
		if name == "straight" && len(q) != (len(p)-1+curveRun-1)/curveRun+1 {
			t.Errorf("straight: %d points, want one per %d", len(q), curveRun)
		}
		if name == "wave" && len(q) > len(p)*3/4 {
			t.Errorf("wave: kept %d of %d points", len(q), len(p))
		}
	}
}
