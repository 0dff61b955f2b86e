package slice_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/gcode"
	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/slice"
)

// The end-to-end checks of issue 2 on every corpus STL. Our G-code is read
// back through the gcode package's parser and estimator (checked against
// PrusaSlicer's own files by that package's tests), never through the code
// that wrote it, and compared with PrusaSlicer's G-code for the same model
// and profile: the corpus file when there is one, otherwise PrusaSlicer run
// here (skipped when it is not installed, unless USINETTE_ORACLES_REQUIRED=1).

// slow models are skipped with -short.
var slowModels = map[string]bool{"3DBenchy": true, "stanford_bunny": true}

func TestCorpusEndToEnd(t *testing.T) {
	dir := filepath.Join(corpus.Dir(t), "stl")
	files, err := filepath.Glob(filepath.Join(dir, "*.stl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no STL in %s: %v", dir, err)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".stl")
		t.Run(name, func(t *testing.T) {
			if testing.Short() && slowModels[name] {
				t.Skip("slow model; run without -short")
			}
			t.Parallel()
			checkModel(t, path, name)
		})
	}
}

func checkModel(t *testing.T, path, name string) {
	var buf bytes.Buffer
	sum, err := slice.File(context.Background(), path, &buf, slice.Default(), slice.RunOptions{})
	if err != nil {
		t.Fatalf("slicing: %v", err)
	}
	ours, err := gcode.Analyze(context.Background(), bytes.NewReader(buf.Bytes()), gcode.Options{})
	if err != nil {
		t.Fatalf("reading our G-code back: %v", err)
	}
	checkPlacement(t, buf.Bytes(), sum)

	// Our footer against the independent reader's figures.
	if ours.Layers != sum.Layers {
		t.Errorf("reader counts %d layers, we wrote %d", ours.Layers, sum.Layers)
	}
	if d := rel(ours.Reported.FilamentMM, ours.PrintFilamentMM); d > 0.005 {
		t.Errorf("footer filament %.2f mm, reader measures %.2f mm", ours.Reported.FilamentMM, ours.PrintFilamentMM)
	}
	// The footer and the reader time with the same planner model
	// (gcode.Planner); what remains is the emitter timing each layer from
	// rest to rest and the rounding of the written coordinates (measured
	// at most 0.03 %).
	if d := rel(ours.Reported.PrintTimeS, ours.PrintTimeS); d > 0.002 {
		t.Errorf("footer time %s, reader estimates %s (%.2f%% apart)", gcode.FormatDuration(ours.Reported.PrintTimeS),
			gcode.FormatDuration(ours.PrintTimeS), 100*d)
	}
	// The silent-mode estimate (M73 Q/S, the footer's second line) against
	// the reader with the MK3S's silent limits.
	silentLim := gcode.MK3SSilentLimits()
	silent, err := gcode.Analyze(context.Background(), bytes.NewReader(buf.Bytes()), gcode.Options{Limits: &silentLim})
	if err != nil {
		t.Fatal(err)
	}
	if d := rel(ours.Reported.SilentPrintTimeS, silent.PrintTimeS); d > 0.002 {
		t.Errorf("footer silent time %s, reader estimates %s in silent mode (%.2f%% apart)",
			gcode.FormatDuration(ours.Reported.SilentPrintTimeS), gcode.FormatDuration(silent.PrintTimeS), 100*d)
	}

	ref := prusaGCode(t, path, name)
	if ref == nil {
		return
	}
	theirs, err := gcode.Analyze(context.Background(), bytes.NewReader(ref), gcode.Options{})
	if err != nil {
		t.Fatalf("reading PrusaSlicer's G-code: %v", err)
	}
	t.Logf("TABLE | %s | layers %d / %d | filament %.1f / %.1f mm (%+.1f%%) | time %s / %s (%+.1f%%) | footer vs reader time %+.2f%%",
		name, ours.Layers, theirs.Layers,
		ours.PrintFilamentMM, theirs.Reported.FilamentMM, 100*(ours.PrintFilamentMM/theirs.Reported.FilamentMM-1),
		gcode.FormatDuration(ours.Reported.PrintTimeS), gcode.FormatDuration(theirs.Reported.PrintTimeS),
		100*(ours.Reported.PrintTimeS/theirs.Reported.PrintTimeS-1), 100*(ours.Reported.PrintTimeS/ours.PrintTimeS-1))
	// PrusaSlicer leaves out the layers it cannot close on open meshes
	// (the bunny's base): count those gaps as layers it meant to print.
	want, skipped := theirs.Layers, skippedLayers(theirs)
	if skipped > 0 {
		t.Logf("PrusaSlicer skipped %d layers (gaps in its layer heights); comparing with %d", skipped, want+skipped)
		want += skipped
	}
	if d := ours.Layers - want; d < -1 || d > 1 {
		t.Errorf("%d layers, PrusaSlicer %d", ours.Layers, want)
	}
	if d := math.Abs(lastZ(ours) - lastZ(theirs)); d > 0.2+1e-6 {
		t.Errorf("top layer at %.2f mm, PrusaSlicer's at %.2f mm", lastZ(ours), lastZ(theirs))
	}
	// our silent estimate against PrusaSlicer's, as close as the normal ones
	dn := ours.Reported.PrintTimeS/theirs.Reported.PrintTimeS - 1
	ds := ours.Reported.SilentPrintTimeS/theirs.Reported.SilentPrintTimeS - 1
	t.Logf("silent mode: %s / %s (%+.1f%%; normal mode %+.1f%%)", gcode.FormatDuration(ours.Reported.SilentPrintTimeS),
		gcode.FormatDuration(theirs.Reported.SilentPrintTimeS), 100*ds, 100*dn)
	if math.Abs(ds-dn) > 0.02 {
		t.Errorf("silent-mode time %+.1f%% from PrusaSlicer's, normal mode %+.1f%%: the modes disagree", 100*ds, 100*dn)
	}
	if d := rel(ours.PrintFilamentMM, theirs.Reported.FilamentMM); d > 0.15 {
		t.Errorf("filament %.1f mm, PrusaSlicer %.1f mm: %.1f%% apart (limit 15%%)",
			ours.PrintFilamentMM, theirs.Reported.FilamentMM, 100*d)
	}
}

// checkPlacement walks our G-code with the gcode package's scanner: every
// extrusion of the print is on the bed, and inside the placed model's XY
// box unless it is skirt or brim.
func checkPlacement(t *testing.T, text []byte, sum slice.Summary) {
	t.Helper()
	const tol = 0.01 // mm: positions are written to the micrometre
	b := sum.BoundsMM
	s := gcode.NewScanner(bytes.NewReader(text))
	var x, y float64
	typ := ""
	inPrint := false
	bad := 0
	extrusions := 0
	for s.Scan() {
		c := s.Command()
		if c.Letter == 0 {
			cm := string(c.Comment)
			if v, ok := strings.CutPrefix(cm, "TYPE:"); ok {
				typ = v
			}
			if cm == "LAYER_CHANGE" {
				inPrint = true
			}
			continue
		}
		if c.Letter != 'G' || (c.Number != 1 && c.Number != 0) {
			continue
		}
		nx, hasX := c.Get('X')
		ny, hasY := c.Get('Y')
		e, hasE := c.Get('E')
		if !hasX {
			nx = x
		}
		if !hasY {
			ny = y
		}
		if hasE && e > 0 && (hasX || hasY) && inPrint && typ != "Custom" {
			extrusions++
			for _, p := range [][2]float64{{x, y}, {nx, ny}} {
				onBed := p[0] >= -tol && p[0] <= 250+tol && p[1] >= -tol && p[1] <= 210+tol
				inModel := p[0] >= b.MinX-tol && p[0] <= b.MaxX+tol && p[1] >= b.MinY-tol && p[1] <= b.MaxY+tol
				if !onBed || (!inModel && typ != "Skirt/Brim") {
					if bad < 5 {
						t.Errorf("line %d: %s extrusion to (%.3f, %.3f) outside %s (model box x %.3f..%.3f, y %.3f..%.3f)",
							s.Line(), typ, p[0], p[1], map[bool]string{true: "the model", false: "the bed"}[onBed],
							b.MinX, b.MaxX, b.MinY, b.MaxY)
					}
					bad++
				}
			}
		}
		x, y = nx, ny
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	if extrusions == 0 {
		t.Error("no extrusions")
	}
	if bad > 5 {
		t.Errorf("... %d points outside in all", bad)
	}
}

// skippedLayers counts the layers missing from a file's layer heights:
// a Z step of k layer heights stands for k-1 layers left out.
func skippedLayers(st *gcode.Stats) int {
	n := 0
	for i := 1; i < len(st.PerLayer); i++ {
		h := st.PerLayer[i].Height
		dz := st.PerLayer[i].Z - st.PerLayer[i-1].Z
		if h > 0 && dz > 1.5*h {
			n += int(math.Round(dz/h)) - 1
		}
	}
	return n
}

func lastZ(st *gcode.Stats) float64 {
	if len(st.PerLayer) == 0 {
		return 0
	}
	return st.PerLayer[len(st.PerLayer)-1].Z
}

func rel(a, b float64) float64 {
	if b == 0 {
		return math.Inf(1)
	}
	return math.Abs(a/b - 1)
}

// prusaGCode returns PrusaSlicer's G-code for the model: the corpus file if
// there is one, otherwise PrusaSlicer run now (cached) with the corpus
// profile; nil, logged, when PrusaSlicer is not installed: the test's
// other checks still run.
func prusaGCode(t *testing.T, path, name string) []byte {
	t.Helper()
	ref := filepath.Join(corpus.Dir(t), "gcode", name+"_prusa.gcode")
	if _, err := os.Stat(ref); err != nil {
		var ok bool
		ref, ok = corpus.PrusaSlicer(t, filepath.Join(corpus.Dir(t), "profiles", "mk3s_pla.ini"), path)
		if !ok {
			t.Log("prusa-slicer not installed: no comparison for", name)
			return nil
		}
	}
	b, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
