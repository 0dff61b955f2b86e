package slice

import (
	"context"
	"math"
	"testing"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/mesh"
)

// merge concatenates meshes (separate shells in one mesh, as an STL with
// several bodies is); flip reverses the winding of the facets it selects.
func merge(ms ...*mesh.Mesh) *mesh.Mesh {
	out := &mesh.Mesh{}
	for _, m := range ms {
		base := uint32(len(out.Vertices))
		out.Vertices = append(out.Vertices, m.Vertices...)
		for _, t := range m.Triangles {
			out.Triangles = append(out.Triangles, [3]uint32{t[0] + base, t[1] + base, t[2] + base})
		}
	}
	return out
}

func flip(m *mesh.Mesh, which func(i int) bool) *mesh.Mesh {
	for i, t := range m.Triangles {
		if which(i) {
			m.Triangles[i] = [3]uint32{t[0], t[2], t[1]}
		}
	}
	return m
}

func TestSectionTopology(t *testing.T) {
	type want struct {
		polys, holes int
		area         float64
	}
	tests := []struct {
		name string
		m    *mesh.Mesh
		want want
	}{
		{"box", boxMesh(100, 100, 0, 120, 110, 5), want{1, 0, 200}},
		{"overlapping bodies merge", merge(boxMesh(100, 100, 0, 120, 110, 5), boxMesh(110, 105, 0, 130, 120, 5)),
			want{1, 0, 200 + 300 - 50}},
		{"cavity shell makes a hole", merge(boxMesh(100, 100, 0, 130, 130, 5), flip(boxMesh(105, 105, 0, 125, 125, 5), func(int) bool { return true })),
			want{1, 1, 900 - 400}},
		{"part inside the hole of another", merge(boxMesh(100, 100, 0, 130, 130, 5),
			flip(boxMesh(105, 105, 0, 125, 125, 5), func(int) bool { return true }), boxMesh(110, 110, 0, 120, 120, 5)),
			want{2, 1, 900 - 400 + 100}},
		{"some facets flipped", flip(boxMesh(100, 100, 0, 120, 110, 5), func(i int) bool { return i%3 == 0 }), want{1, 0, 200}},
		{"inside out", flip(boxMesh(100, 100, 0, 120, 110, 5), func(int) bool { return true }), want{1, 0, 200}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Slice(context.Background(), tc.m, Default(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			for i, reg := range r.Regions {
				holes := 0
				for _, p := range reg {
					holes += len(p.Holes)
				}
				got := want{len(reg), holes, math.Round(sectionArea(reg)*1000) / 1000}
				if got != tc.want {
					t.Fatalf("layer %d: %+v, want %+v", i, got, tc.want)
				}
			}
			if flipped := r.Repairs.FlippedSegments > 0; flipped != (tc.name == "some facets flipped") {
				t.Errorf("%d flipped segments reported", r.Repairs.FlippedSegments)
			}
		})
	}
}

// TestOpenMeshClosed: a box with its top and one side missing still gives
// closed sections, and the repair is reported.
func TestOpenMeshClosed(t *testing.T) {
	m := boxMesh(100, 100, 0, 120, 110, 5)
	// drop the two facets of the x = 120 side and the two top facets
	m.Triangles = append(append([][3]uint32{}, m.Triangles[0:2]...), append(m.Triangles[4:6], m.Triangles[8:]...)...)
	r, err := Slice(context.Background(), m, Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Repairs.OpenChains == 0 || r.Repairs.GapsClosed == 0 || math.Abs(r.Repairs.MaxGapMM-10) > 1e-6 {
		t.Errorf("repairs %+v: want open chains joined across the 10 mm gap", r.Repairs)
	}
	for i, reg := range r.Regions {
		if len(reg) != 1 || math.Abs(sectionArea(reg)-200) > 1e-6 {
			t.Errorf("layer %d: %d polygons of %.3f mm², want the 200 mm² box", i, len(reg), sectionArea(reg))
		}
	}
}

// TestSkirtAndBrim: the skirt is SkirtDistance from the first layer's
// outline on SkirtHeight layers, with as many loops as it takes to use
// MinSkirtLength mm of filament (PrusaSlicer's min_skirt_length); a brim
// adds loops out to BrimWidth.
func TestSkirtAndBrim(t *testing.T) {
	m := boxMesh(100, 100, 0, 120, 110, 5)
	cfg := Default()
	r, err := Slice(context.Background(), m, cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	outline := geom.Rect{Min: geom.Point{X: 100000, Y: 100000}, Max: geom.Point{X: 120000, Y: 110000}}
	dist := func(p geom.Point) float64 { // distance from the box outline, outside
		dx := max(outline.Min.X-p.X, 0, p.X-outline.Max.X)
		dy := max(outline.Min.Y-p.Y, 0, p.Y-outline.Max.Y)
		return math.Hypot(float64(dx), float64(dy)) / 1000
	}
	// loop k runs at distance d_k = SkirtDistance + w/2 + k·spacing round
	// the 20 × 10 mm box: a rounded rectangle 60 + 2π·d_k mm long
	w, h := cfg.FirstLayerW, cfg.FirstLayerHeight
	section := (w-h)*h + math.Pi*h*h/4
	fil := math.Pi * cfg.FilamentDiameter * cfg.FilamentDiameter / 4
	var dists []float64
	for used := 0.0; len(dists) < cfg.Skirts || used < cfg.MinSkirtLength; {
		d := cfg.SkirtDistance + w/2 + float64(len(dists))*(w-h*(1-math.Pi/4))
		dists = append(dists, d)
		used += (60 + 2*math.Pi*d) * section / fil
	}
	if len(dists) != 2 {
		t.Fatalf("test arithmetic: %d loops, expected 2 for this box", len(dists))
	}
	for i, L := range r.Layers {
		n := 0
		for _, e := range L.Paths {
			if e.Role != Skirt {
				continue
			}
			n++
			for _, p := range e.Points {
				d := dist(p)
				ok := false
				for _, want := range dists {
					ok = ok || math.Abs(d-want) <= 0.01
				}
				if !ok {
					t.Fatalf("layer %d: skirt point %v is %.3f mm from the part, want one of %.3f", i, p, d, dists)
				}
			}
		}
		if want := map[bool]int{true: len(dists), false: 0}[i < cfg.SkirtHeight]; n != want {
			t.Errorf("layer %d: %d skirt loops, want %d", i, n, want)
		}
	}
	cfg.BrimWidth = 3
	r, err = Slice(context.Background(), m, cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	far, loops, skirt := 0.0, 0, 0.0
	for _, e := range r.Layers[0].Paths {
		if e.Role != Skirt {
			continue
		}
		near := math.Inf(1)
		for _, p := range e.Points {
			near = min(near, dist(p))
		}
		if near < cfg.BrimWidth {
			loops++
			far = max(far, near)
		} else {
			skirt = near
		}
	}
	// the skirt keeps its distance from the brim's outer edge
	if want := far + cfg.FirstLayerW + cfg.SkirtDistance; math.Abs(skirt-want) > 0.01 {
		t.Errorf("skirt %.3f mm from the part, want %.3f (brim edge %.3f + %.1f)", skirt, want, far+cfg.FirstLayerW/2, cfg.SkirtDistance)
	}
	if want := int((3 - 0.21) / Spacing(0.42, 0.2)); loops != want || far+cfg.FirstLayerW/2 > cfg.BrimWidth+0.01 {
		t.Errorf("%d brim loops reaching %.3f mm, want %d within %.1f mm", loops, far, want, cfg.BrimWidth)
	}
}
