package slice

import (
	"bufio"
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// prusaFilament reads "; filament used [mm] = X" from PrusaSlicer G-code.
func prusaFilament(t *testing.T, path string) float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "; filament used [mm] = "); ok {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			return x
		}
	}
	t.Fatalf("%s: no filament figure", path)
	return 0
}

// TestFilamentNearPrusaSlicer: the filament the planned extrusions need is
// within 15 % of what PrusaSlicer 2.5 uses for the same model and profile.
func TestFilamentNearPrusaSlicer(t *testing.T) {
	dir := corpus.Dir(t)
	stls, _ := filepath.Glob(filepath.Join(dir, "stl", "*.stl"))
	for _, p := range stls {
		name := strings.TrimSuffix(filepath.Base(p), ".stl")
		t.Run(name, func(t *testing.T) {
			g := prusaReference(t, dir, p)
			want := prusaFilament(t, g)
			r := sliceCorpus(t, filepath.Base(p))
			st, err := WriteGCode(context.Background(), io.Discard, r.Layers, Default(), GCodeOptions{})
			if err != nil {
				t.Fatal(err)
			}
			rel := (st.FilamentMM - want) / want
			t.Logf("%s: usinette %.0f mm, PrusaSlicer %.0f mm (%+.1f%%)", name, st.FilamentMM, want, 100*rel)
			if math.Abs(rel) > 0.15 {
				t.Errorf("filament %.0f mm, PrusaSlicer %.0f mm (%+.1f%%)", st.FilamentMM, want, 100*rel)
			}
		})
	}
}
