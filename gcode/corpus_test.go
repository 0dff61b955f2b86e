package gcode

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// oracleCheck compares our figures for a PrusaSlicer file with the ones
// PrusaSlicer wrote in it: time within 3 %, filament within 0.5 %, and the
// layer count equal to the number of ;LAYER_CHANGE marks.
func oracleCheck(t *testing.T, name string, data []byte) {
	t.Helper()
	st, err := Analyze(context.Background(), bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if st.Reported.PrintTimeS == 0 || st.Reported.FilamentMM == 0 {
		t.Fatalf("%s: no PrusaSlicer figures in the file", name)
	}
	dt := 100 * (st.PrintTimeS - st.Reported.PrintTimeS) / st.Reported.PrintTimeS
	df := 100 * (st.PrintFilamentMM - st.Reported.FilamentMM) / st.Reported.FilamentMM
	layers := bytes.Count(data, []byte("\n;LAYER_CHANGE\n"))
	t.Logf("%-28s time %8.0f s vs PrusaSlicer %8.0f s (%+.2f %%)  filament %8.2f mm vs %8.2f mm (%+.3f %%)  layers %d vs %d",
		name, st.PrintTimeS, st.Reported.PrintTimeS, dt, st.PrintFilamentMM, st.Reported.FilamentMM, df, st.Layers, layers)
	if math.Abs(dt) > 3 {
		t.Errorf("%s: time %.1f s is %+.2f %% off PrusaSlicer's %.0f s", name, st.PrintTimeS, dt, st.Reported.PrintTimeS)
	}
	if math.Abs(df) > 0.5 {
		t.Errorf("%s: filament %.2f mm is %+.3f %% off PrusaSlicer's %.2f mm", name, st.PrintFilamentMM, df, st.Reported.FilamentMM)
	}
	if st.Layers != layers || layers == 0 {
		t.Errorf("%s: %d layers, PrusaSlicer marked %d", name, st.Layers, layers)
	}
	// Silent (stealth) mode: PrusaSlicer's second estimate.
	silent := MK3SSilentLimits()
	ss, err := Analyze(context.Background(), bytes.NewReader(data), Options{Limits: &silent})
	if err != nil {
		t.Fatal(err)
	}
	ds := 100 * (ss.PrintTimeS - st.Reported.SilentPrintTimeS) / st.Reported.SilentPrintTimeS
	t.Logf("%-28s silent mode %8.0f s vs PrusaSlicer %8.0f s (%+.2f %%)", name, ss.PrintTimeS, st.Reported.SilentPrintTimeS, ds)
	if math.Abs(ds) > 3 {
		t.Errorf("%s: silent-mode time %.1f s is %+.2f %% off PrusaSlicer's %.0f s", name, ss.PrintTimeS, ds, st.Reported.SilentPrintTimeS)
	}
	var sum float64
	for _, l := range st.PerLayer {
		sum += l.TimeS
	}
	if math.Abs(sum-st.PrintTimeS) > 0.01*float64(st.Layers) {
		t.Errorf("%s: layer times sum to %.3f, total %.3f", name, sum, st.PrintTimeS)
	}
}

func TestCorpusPrusaSlicer(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(corpus.Dir(t), "gcode", "*_prusa.gcode"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no PrusaSlicer G-code in the corpus: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		oracleCheck(t, filepath.Base(f), data)
	}
}

// Cura and Slic3r files parse with sensible figures; their own estimates are
// reported, not held to a tolerance.
func TestCorpusOtherSlicers(t *testing.T) {
	for _, name := range []string{"xyz_calibration_cube_cura.gcode", "xyz_calibration_cube_slic3r.gcode"} {
		f, err := os.Open(corpus.Path(t, "gcode/"+name))
		if err != nil {
			t.Fatal(err)
		}
		st, err := Analyze(context.Background(), f, Options{})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %s, %d layers, %.0f s (slicer says %.0f s), filament %.1f mm (print %.1f, slicer says %.1f), %.2f g, bounds %+v, types %v",
			name, st.Generator, st.Layers, st.PrintTimeS, st.Reported.PrintTimeS, st.FilamentMM, st.PrintFilamentMM,
			st.Reported.FilamentMM, st.FilamentG, st.Bounds, st.TimeByType)
		// The XYZ cube is 20 mm, 0.2 mm layers.
		if st.Layers != 100 || math.Abs(st.Bounds.MaxZ-20) > 0.01 {
			t.Errorf("%s: %d layers up to %.2f mm, want 100 up to 20", name, st.Layers, st.Bounds.MaxZ)
		}
		// Centred on the MK3S bed (125, 105); Cura marks its layers, so the
		// purge line stays out of its print bounds.
		b := st.Bounds
		if b.MinX > 115 || b.MaxX < 135 || b.MinY > 95 || b.MaxY < 115 {
			t.Errorf("%s: bounds %+v miss the cube", name, b)
		}
		if w := b.MaxX - b.MinX; name == "xyz_calibration_cube_cura.gcode" && (w < 19 || w > 30) {
			t.Errorf("%s: print %.1f mm wide", name, w)
		}
		if st.PrintTimeS < 1200 || st.PrintTimeS > 2400 || st.FilamentMM < 1300 || st.FilamentMM > 1700 {
			t.Errorf("%s: %.0f s, %.0f mm of filament", name, st.PrintTimeS, st.FilamentMM)
		}
		if st.UnknownCommands != 0 {
			t.Errorf("%s: unknown commands %v", name, st.Unknown)
		}
	}
}

// TestPrusaSlicerOracle slices more corpus models with the Debian
// prusa-slicer and the MK3S profile, then holds our estimate to its own.
func TestPrusaSlicerOracle(t *testing.T) {
	if testing.Short() {
		t.Skip("slicing with prusa-slicer takes ~30 s")
	}
	profile := corpus.Path(t, "profiles/mk3s_pla.ini")
	for _, model := range []string{"torus", "sphere_fn200", "3DBenchy"} {
		stl := corpus.Path(t, "stl/"+model+".stl")
		t.Run(model, func(t *testing.T) {
			t.Parallel()
			out, ok := corpus.PrusaSlicer(t, profile, stl)
			if !ok {
				t.Skip("prusa-slicer not installed")
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			oracleCheck(t, model, data)
		})
	}
}
