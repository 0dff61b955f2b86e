package main

import (
	"encoding/json"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/usinette/usinette/internal/corpus"
)

// TestJSONOutputs checks the --json contract of DESIGN.md "Machine-readable
// output" on every command that reports figures: exactly one JSON object on
// stdout, snake_case keys, the shared names present, and bounds_mm of one
// shape everywhere.
func TestJSONOutputs(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		keys []string
	}{
		{"gcode info", []string{"gcode", "info", "--json", corpus.Path(t, "gcode/cube20_scad_prusa.gcode")},
			[]string{"file", "layers", "print_time_s", "filament_mm", "filament_g", "bounds_mm"}},
		{"cut", []string{"cut", "--json", corpus.Path(t, "svg/own_sticker.svg"), "-o", filepath.Join(dir, "s.gpgl")},
			[]string{"file", "paths", "cut_length_mm", "travel_mm", "bounds_mm"}},
		{"info", []string{"info", "--json", corpus.Path(t, "pes/golden/two_color_trim_jump.inkstitch.v6.pes")},
			[]string{"file", "stitches", "jumps", "trims", "color_changes", "colors", "width_mm", "height_mm",
				"longest_stitch_mm", "bounds_mm"}},
	}
	// Keys that hold names from the file, not field names.
	dataMaps := map[string]bool{"time_by_type_s": true, "unknown_by_command": true}
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	var check func(t *testing.T, path string, v any)
	check = func(t *testing.T, path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if !snake.MatchString(k) {
					t.Errorf("%s.%s: key not snake_case", path, k)
				}
				if !dataMaps[k] {
					check(t, path+"."+k, x)
				}
			}
		case []any:
			for _, x := range v {
				check(t, path+"[]", x)
			}
		}
	}
	var boundsKeys [][]string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			dec := json.NewDecoder(strings.NewReader(stdout))
			var obj map[string]any
			if err := dec.Decode(&obj); err != nil {
				t.Fatalf("stdout is not a JSON object: %v\n%s", err, stdout)
			}
			if _, err := dec.Token(); err != io.EOF {
				t.Errorf("more than one JSON value on stdout")
			}
			check(t, "", obj)
			for _, k := range tt.keys {
				if _, ok := obj[k]; !ok {
					t.Errorf("no %q", k)
				}
			}
			boundsKeys = append(boundsKeys, orderedKeys(t, stdout, "bounds_mm"))
		})
	}
	want := []string{"min_x", "min_y", "min_z", "max_x", "max_y", "max_z"}
	for i, k := range boundsKeys {
		if d := cmp.Diff(want, k); d != "" {
			t.Errorf("%s: bounds_mm keys (-want +got):\n%s", tests[i].name, d)
		}
	}
}

// orderedKeys returns the keys of the object under key at the top level of
// doc, in document order.
func orderedKeys(t *testing.T, doc, key string) []string {
	t.Helper()
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(doc), &top); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(string(top[key])))
	var keys []string
	if _, err := dec.Token(); err != nil { // {
		t.Fatal(err)
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}
