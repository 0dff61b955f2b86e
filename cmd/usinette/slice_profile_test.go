package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// TestSliceRaftBrimVaseIroningFlags: the flags set the PrusaSlicer keys
// (as --print-config shows them), bad values are usage errors naming the
// flag, and each slices the corpus cube.
func TestSliceRaftBrimVaseIroningFlags(t *testing.T) {
	code, stdout, stderr := run(t, "slice", "--raft", "3", "--brim-type", "inner_only", "--ironing", "--print-config")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"raft_layers = 3\n", "brim_type = inner_only\n", "ironing = 1\n", "spiral_vase = 0\n", "brim_separation = 0.1\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--print-config lacks %q", want)
		}
	}
	_, stdout, _ = run(t, "slice", "--vase", "--print-config")
	if !strings.Contains(stdout, "spiral_vase = 1\n") {
		t.Error("--vase does not set spiral_vase")
	}
	src := corpus.Path(t, "stl/cube20_scad.stl")
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{"--brim-type", "sideways"}, "--brim-type"},
		{[]string{"--raft", "-1"}, "--raft"},
		{[]string{"--raft", "2", "--vase"}, "--vase"},
	} {
		code, _, stderr := run(t, append([]string{"slice", src}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.flag) {
			t.Errorf("%v: exit %d, want 2 naming %s (stderr %q)", tc.args, code, tc.flag, stderr)
		}
	}
	dir := t.TempDir()
	for _, flags := range [][]string{{"--raft", "2"}, {"--brim", "3", "--brim-type", "outer_and_inner"}, {"--vase"}, {"--ironing"}} {
		out := filepath.Join(dir, strings.Join(flags, "")+".gcode")
		code, _, stderr := run(t, append([]string{"slice", src, "-q", "-o", out}, flags...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", flags, code, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"--raft": ";TYPE:Support material interface", "--brim": ";TYPE:Skirt/Brim", "--vase": ";TYPE:External perimeter", "--ironing": ";TYPE:Ironing"}[flags[0]]
		if !strings.Contains(string(data), want) {
			t.Errorf("%v: no %s in the G-code", flags, want)
		}
	}
}
