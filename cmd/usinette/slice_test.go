package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

func TestSliceCorpusModelJSON(t *testing.T) {
	src := corpus.Path(t, "stl/cube20_scad.stl")
	out := filepath.Join(t.TempDir(), "cube.gcode")
	code, stdout, stderr := run(t, "slice", src, "-o", out, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Layers     int                `json:"layers"`
		PrintTimeS float64            `json:"print_time_s"`
		FilamentMM float64            `json:"filament_mm"`
		FilamentG  float64            `json:"filament_g"`
		BoundsMM   map[string]float64 `json:"bounds_mm"`
		Repairs    map[string]any     `json:"repairs"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
	}
	if got.Layers != 100 || got.PrintTimeS <= 0 || got.FilamentMM <= 0 || got.FilamentG <= 0 {
		t.Errorf("summary %+v", got)
	}
	for k, want := range map[string]float64{"min_x": 115, "max_x": 135, "min_y": 95, "max_y": 115, "min_z": 0, "max_z": 20} {
		if v, ok := got.BoundsMM[k]; !ok || v < want-0.01 || v > want+0.01 {
			t.Errorf("bounds_mm.%s = %v, want %v", k, v, want)
		}
	}
	if _, ok := got.Repairs["degenerate_facets_removed"]; !ok {
		t.Errorf("repairs lacks degenerate_facets_removed: %v", got.Repairs)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(`M862.3 P "MK3S"`)) || !bytes.Contains(data, []byte("; estimated printing time (normal mode) = ")) {
		t.Error("output lacks the model check or the footer")
	}
}

func TestSliceDefaultOutputName(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(corpus.Path(t, "stl/cube20_scad.stl"))
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "part.stl")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "slice", src, "--quiet", "--layer-height", "0.3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("--quiet printed %q", stdout)
	}
	g, err := os.ReadFile(filepath.Join(dir, "part.gcode"))
	if err != nil {
		t.Fatal(err)
	}
	// 0.2 mm first layer, then 0.3 mm: 1 + ceil(19.8/0.3) = 67 layers.
	if n := bytes.Count(g, []byte(";LAYER_CHANGE\n")); n < 66 || n > 68 {
		t.Errorf("%d layers at 0.3 mm, want about 67", n)
	}
	if !bytes.Contains(g, []byte(";HEIGHT:0.3\n")) {
		t.Error("no 0.3 mm layers")
	}
}

func TestSliceTooBigLeavesNothing(t *testing.T) {
	src := corpus.Path(t, "stl/cube20_scad.stl")
	out := filepath.Join(t.TempDir(), "big.gcode")
	code, _, stderr := run(t, "slice", src, "--scale", "20", "-o", out)
	if code != 1 {
		t.Fatalf("exit %d for a 400 mm cube, want 1", code)
	}
	for _, want := range []string{"cube20_scad.stl", "400.0 × 400.0 × 400.0", "250 × 210 × 210"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q lacks %q", stderr, want)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestSliceConfigFileAndFlags(t *testing.T) {
	dir := t.TempDir()
	ini := filepath.Join(dir, "my.ini")
	os.WriteFile(ini, []byte("perimeters = 3\nfill_density = 30%\nwipe_tower = 1\nfoo_bar = 2\nfoo_bar = 3\n"), 0o644)
	code, stdout, stderr := run(t, "slice", "--config", ini, "--perimeters", "4", "--infill-pattern", "grid", "--brim", "5", "--print-config")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"perimeters = 4\n", "fill_density = 30%\n", "fill_pattern = grid\n", "brim_width = 5\n", "layer_height = 0.2\n",
		"bed_shape = 0x0,250x0,250x210,0x210\n", "machine_max_feedrate_x = 200,100\n", "silent_mode = 1\n", "retract_length = 0.8\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--print-config lacks %q", want)
		}
	}
	if strings.Count(stderr, "foo_bar") != 1 || !strings.Contains(stderr, "wipe_tower") || !strings.Contains(stderr, "my.ini") {
		t.Errorf("unknown keys not listed once with the file name: %q", stderr)
	}
	// The printed config reads back to the same settings.
	again := filepath.Join(dir, "again.ini")
	os.WriteFile(again, []byte(stdout), 0o644)
	_, stdout2, _ := run(t, "slice", "--config", again, "--print-config")
	if stdout2 != stdout {
		t.Error("--print-config output does not read back to itself")
	}
	// The stock PrusaSlicer export loads.
	code, _, stderr = run(t, "slice", "--config", corpus.Path(t, "profiles/mk3s_pla.ini"), "--print-config", "--quiet")
	if code != 0 {
		t.Fatalf("stock profile: exit %d: %s", code, stderr)
	}
}

func TestSliceBadUsage(t *testing.T) {
	src := corpus.Path(t, "stl/cube20_scad.stl")
	for _, args := range [][]string{
		{"slice"},
		{"slice", src, "--infill", "lots"},
		{"slice", src, "--infill", "150%"},
		{"slice", src, "--infill-pattern", "honeycomb"},
		{"slice", src, "--layer-height", "0"},
		{"slice", src, "--scale", "-1"},
		{"slice", src, "--example"},
	} {
		code, _, stderr := run(t, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, code, stderr)
		}
	}
	code, _, stderr := run(t, "slice", filepath.Join(t.TempDir(), "missing.stl"))
	if code != 1 || !strings.Contains(stderr, "missing.stl") {
		t.Errorf("missing file: exit %d, stderr %q", code, stderr)
	}
	bad := filepath.Join(t.TempDir(), "bad.ini")
	os.WriteFile(bad, []byte("layer_height = thick\n"), 0o644)
	code, _, stderr = run(t, "slice", "--config", bad, "--print-config")
	if code != 1 || !strings.Contains(stderr, "bad.ini") || !strings.Contains(stderr, "line 1") {
		t.Errorf("bad config: exit %d, stderr %q", code, stderr)
	}
}

func TestSliceExample(t *testing.T) {
	out := filepath.Join(t.TempDir(), "example.gcode")
	code, stdout, stderr := run(t, "slice", "--example", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// the summary goes to stderr: stdout is for the file with -o -
	if !strings.Contains(stderr, "example.gcode") || !strings.Contains(stderr, "layers") || stdout != "" {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(bytes.TrimSpace(data), []byte("; usinette_config = end")) {
		t.Error("example.gcode does not end with the settings block")
	}
}

// TestSliceToStdout: -o - writes the G-code to stdout, byte for byte what
// -o FILE writes, and no file named "-".
func TestSliceToStdout(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := run(t, "slice", "--example", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "slice", "--example", "-o", "file.gcode", "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	file, err := os.ReadFile(filepath.Join(dir, "file.gcode"))
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(file) {
		t.Errorf("stdout (%d bytes) differs from the file (%d bytes)", len(stdout), len(file))
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
		t.Error("a file named - was written")
	}
}

// TestSliceSaysRepairs: an open mesh (the bunny) gets one stderr line
// naming the gaps closed and the largest, with the figures --json gives;
// nothing with --quiet, nothing for a closed mesh.
func TestSliceSaysRepairs(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := run(t, "slice", corpus.Path(t, "stl/stanford_bunny.stl"), "-o", filepath.Join(dir, "b.gcode"), "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Repairs struct {
			GapsClosed int     `json:"gaps_closed"`
			MaxGapMM   float64 `json:"max_gap_mm"`
		} `json:"repairs"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.Contains(l, "repaired") {
			lines = append(lines, l)
		}
	}
	t.Logf("%q", lines)
	want := fmt.Sprintf("%d gaps closed", got.Repairs.GapsClosed)
	if got.Repairs.GapsClosed == 0 || len(lines) != 1 || !strings.Contains(lines[0], want) ||
		!strings.Contains(lines[0], fmt.Sprintf("largest %.1f mm", got.Repairs.MaxGapMM)) || !strings.Contains(lines[0], "stanford_bunny.stl") {
		t.Errorf("stderr repair lines %q, want one naming the file and %q", lines, want)
	}
	code, _, stderr = run(t, "slice", corpus.Path(t, "stl/stanford_bunny.stl"), "-o", filepath.Join(dir, "b.gcode"), "--quiet")
	if code != 0 || stderr != "" {
		t.Errorf("--quiet: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = run(t, "slice", corpus.Path(t, "stl/cube20_scad.stl"), "-o", filepath.Join(dir, "c.gcode"))
	if code != 0 || strings.Contains(stderr, "repaired") {
		t.Errorf("closed cube: exit %d, stderr %q", code, stderr)
	}
}

// TestSliceUnsupportedConfigKey: a key that changes the print, set to a
// value usinette does not print, fails the run with the file, line, key and
// value, even with --quiet; at its neutral value it loads.
func TestSliceUnsupportedConfigKey(t *testing.T) {
	dir := t.TempDir()
	src := corpus.Path(t, "stl/cube20_scad.stl")
	ini := filepath.Join(dir, "config.ini")
	os.WriteFile(ini, []byte("perimeters = 3\nwipe_tower = 1\nfuzzy_skin = outside\ninfill_every_layers = 1\n"), 0o644)
	out := filepath.Join(dir, "out.gcode")
	for _, quiet := range []string{"--quiet", "--json"} {
		code, stdout, stderr := run(t, "slice", src, "--config", ini, quiet, "-o", out)
		if code != 1 || !strings.Contains(stderr, "config.ini: line 3: fuzzy_skin = outside is not supported (usinette prints none)") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", quiet, code, stdout, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: G-code written despite the unsupported key", quiet)
		}
	}
	os.WriteFile(ini, []byte("perimeters = 3\nwipe_tower = 1\nfuzzy_skin = none\ninfill_every_layers = 1\n"), 0o644)
	code, _, stderr := run(t, "slice", "--config", ini, "--print-config")
	if code != 0 || !strings.Contains(stderr, "1 settings that do not change the print") || strings.Contains(stderr, "fuzzy_skin") {
		t.Errorf("neutral values: exit %d, stderr %q", code, stderr)
	}
}
