package slice

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// Helpers of the raft, brim, vase and ironing tests: the stock MK3S
// profile with some keys changed, read by ReadINI here and loaded by
// PrusaSlicer, so both slicers get the same settings from the same file.

// profileINI writes the corpus MK3S profile with the given keys replaced.
func profileINI(t *testing.T, dir, name string, set map[string]string) string {
	t.Helper()
	data, err := os.ReadFile(corpus.Path(t, "profiles/mk3s_pla.ini"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	seen := map[string]bool{}
	for i, l := range lines {
		k, _, ok := strings.Cut(l, " = ")
		if v, want := set[k]; ok && want {
			lines[i] = k + " = " + v
			seen[k] = true
		}
	}
	for k := range set {
		if !seen[k] {
			t.Fatalf("%s: no key %s in the profile", name, k)
		}
	}
	p := filepath.Join(dir, name+".ini")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// sliceINI slices src here with the settings of ini and reads the G-code
// back.
func sliceINI(t *testing.T, ini, src string) (*gprint, []byte) {
	t.Helper()
	f, err := os.Open(ini)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, _, err := ReadINI(f, Default())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := File(context.Background(), src, &buf, cfg, RunOptions{Name: filepath.Base(src)}); err != nil {
		t.Fatal(err)
	}
	return readGCode(t, bytes.NewReader(buf.Bytes())), buf.Bytes()
}

// slicePrusa slices src with PrusaSlicer and the settings of ini; ok is
// false when prusa-slicer is not installed.
func slicePrusa(t *testing.T, ini, src string) (*gprint, []byte, bool) {
	t.Helper()
	p, ok := corpus.PrusaExport(t, ".gcode", []string{"--export-gcode", "--load", ini}, src)
	if !ok {
		return nil, nil, false
	}
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return readGCode(t, bytes.NewReader(data)), data, true
}

// coverage is the area in mm² of the cells within width/2 of the
// extrusions of layer that keep accepts (a 0.05 mm grid).
func coverage(g *gprint, layer int, width float64, keep func(s gseg) bool) float64 {
	gr := gridAround(g, 0.05)
	n := 0
	for _, s := range g.segs {
		if s.layer == layer && keep(s) {
			gr.line(s.x0, s.y0, s.x1, s.y1, width, nil)
		}
	}
	for _, b := range gr.bits {
		if b {
			n++
		}
	}
	return float64(n) * gr.res * gr.res
}

// frame writes, as an OBJ in dir, a square frame: outer side a, a centred
// square hole of side b, height h, its corner at the origin.
func frame(t *testing.T, dir string, a, b, h float64) string {
	t.Helper()
	var sb strings.Builder
	o, i0, i1 := 0.0, (a-b)/2, (a+b)/2
	sq := [][4][2]float64{{{o, o}, {a, o}, {a, a}, {o, a}}, {{i0, i0}, {i1, i0}, {i1, i1}, {i0, i1}}}
	// vertices: 1-4 outer bottom, 5-8 inner bottom, 9-12 outer top, 13-16 inner top
	for _, z := range []float64{0, h} {
		for _, s := range sq {
			for _, p := range s {
				fmt.Fprintf(&sb, "v %g %g %g\n", p[0], p[1], z)
			}
		}
	}
	for k := range 4 {
		n := (k+1)%4 + 1
		c := k + 1
		// top ring faces up, bottom ring down
		fmt.Fprintf(&sb, "f %d %d %d %d\n", 8+c, 8+n, 12+n, 12+c)
		fmt.Fprintf(&sb, "f %d %d %d %d\n", c, 4+c, 4+n, n)
		// outer walls face out, inner walls face the hole
		fmt.Fprintf(&sb, "f %d %d %d %d\n", c, n, 8+n, 8+c)
		fmt.Fprintf(&sb, "f %d %d %d %d\n", 4+c, 12+c, 12+n, 4+n)
	}
	p := filepath.Join(dir, "frame.obj")
	if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestValidateRaftBrimVaseIroning: the new keys' ranges and enumerations
// are refused by name, by Validate and by the INI reader.
func TestValidateRaftBrimVaseIroning(t *testing.T) {
	for _, tc := range []struct {
		key string
		set func(c *Config)
	}{
		{"raft_layers", func(c *Config) { c.RaftLayers = -1 }},
		{"raft_layers", func(c *Config) { c.RaftLayers = 1000 }},
		{"raft_expansion", func(c *Config) { c.RaftExpansion = -1 }},
		{"raft_first_layer_density", func(c *Config) { c.RaftFirstLayerDensity = 0 }},
		{"brim_type", func(c *Config) { c.BrimType = "sideways" }},
		{"brim_separation", func(c *Config) { c.BrimSeparation = -0.1 }},
		{"ironing_type", func(c *Config) { c.IroningType = "all" }},
		{"ironing_spacing", func(c *Config) { c.IroningSpacing = 0 }},
		{"ironing_speed", func(c *Config) { c.IroningSpeed = 0 }},
		{"spiral_vase", func(c *Config) { c.SpiralVase, c.RaftLayers = true, 2 }},
	} {
		c := Default()
		tc.set(&c)
		if err := c.Validate(); configKey(err) != tc.key {
			t.Errorf("%s: Validate = %v", tc.key, err)
		}
	}
	for _, line := range []string{"brim_type = sideways", "ironing_type = all", "raft_layers = -2", "spiral_vase = 2"} {
		if _, _, err := ReadINI(strings.NewReader(line+"\n"), Default()); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%q: err %v", line, err)
		}
	}
	// and what the stock profile says reads as the defaults
	c, _, err := ReadINI(strings.NewReader("raft_first_layer_density = 90%\nironing_flowrate = 15%\nbrim_type = outer_only\nfirst_layer_speed_over_raft = 30\n"), Default())
	if err != nil || c.RaftFirstLayerDensity != 0.9 || c.IroningFlowrate != 0.15 || c.FirstLayerSpeedOverRaft != 30 {
		t.Errorf("%v: %+v", err, c)
	}
}
