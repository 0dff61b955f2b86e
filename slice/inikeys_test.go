package slice

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// prusaConfig returns the "key = value" lines of the config block at the
// end of a PrusaSlicer G-code file.
func prusaConfig(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	in := false
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case l == "; prusaslicer_config = begin":
			in = true
		case l == "; prusaslicer_config = end":
			in = false
		case in:
			b.WriteString(strings.TrimPrefix(l, "; "))
			b.WriteByte('\n')
		}
	}
	if b.Len() == 0 {
		t.Fatalf("%s: no prusaslicer_config block", path)
	}
	return b.String()
}

// TestINIKeysCorpusLoadsClean: PrusaSlicer's stock MK3S export and the
// configs in the footers of the corpus's PrusaSlicer G-code load with no
// error, every key known to the table or to Config.
func TestINIKeysCorpusLoadsClean(t *testing.T) {
	dir := corpus.Dir(t)
	ini, err := os.ReadFile(filepath.Join(dir, "profiles", "mk3s_pla.ini"))
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{"mk3s_pla.ini": string(ini)}
	gcodes, _ := filepath.Glob(filepath.Join(dir, "gcode", "*_prusa.gcode"))
	if len(gcodes) == 0 {
		t.Fatal("no PrusaSlicer G-code in the corpus")
	}
	for _, g := range gcodes {
		texts[filepath.Base(g)] = prusaConfig(t, g)
	}
	for name, text := range texts {
		_, res, err := ReadINI(strings.NewReader(text), Default())
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(res.Unrecognised) > 0 {
			t.Errorf("%s: keys neither Config nor the table knows: %v", name, res.Unrecognised)
		}
	}
}

// TestINIKeysCoverPrusaSlicer: every key of PrusaSlicer's own full config
// (prusa-slicer --load the stock profile --save: its defaults have
// fill_pattern = stars, which usinette refuses) is a setting or in the
// table.
func TestINIKeysCoverPrusaSlicer(t *testing.T) {
	bin, err := exec.LookPath("prusa-slicer")
	if err != nil {
		if os.Getenv("USINETTE_ORACLES_REQUIRED") == "1" {
			t.Fatal("prusa-slicer not installed")
		}
		t.Skip("prusa-slicer not installed")
	}
	out := filepath.Join(t.TempDir(), "full.ini")
	if msg, err := exec.Command(bin, "--load", corpus.Path(t, "profiles/mk3s_pla.ini"), "--save", out).CombinedOutput(); err != nil {
		t.Fatalf("prusa-slicer --save: %v\n%s", err, msg)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	_, res, err := ReadINI(strings.NewReader(string(b)), Default())
	if err != nil {
		t.Fatalf("PrusaSlicer's full config: %v", err)
	}
	if len(res.Unrecognised) > 0 {
		t.Errorf("keys of PrusaSlicer's config neither Config nor the table knows: %v", res.Unrecognised)
	}
}

// offValue is a value other than the neutral ones of k.
func offValue(k iniKey) string {
	special := map[string]string{
		"fuzzy_skin": "outside", "gcode_flavor": "reprap", "printer_technology": "SLA",
		"machine_limits_usage": "time_estimate_only", "slicing_mode": "even_odd",
		"top_fill_pattern": "concentric", "bottom_fill_pattern": "hilbertcurve",
		"draft_shield": "enabled", "brim_type": "inner_only", "support_material_style": "snug",
		"support_material_interface_pattern": "concentric", "ironing_type": "solid", "extrusion_axis": "A",
		"extruder_offset": "2x3", "post_process": "/usr/local/bin/fix.py", "between_objects_gcode": "G28",
		"gcode_substitutions": `"M106";"M107";;""`, "retract_lift_below": "50",
	}
	if v, ok := special[k.key]; ok {
		return v
	}
	n := k.neutral[0]
	pct := strings.HasSuffix(n, "%")
	f, err := strconv.ParseFloat(strings.TrimSuffix(n, "%"), 64)
	if err != nil {
		return "3" // "nil" overrides
	}
	v := strconv.FormatFloat(f+1, 'f', -1, 64)
	if f == 1 {
		v = "0" // a switch that is on
	}
	if pct {
		v += "%"
	}
	return v
}

// TestINIKeysUnsupportedValues: each key that changes the print, set in the
// stock profile to another value than usinette prints, fails the load with
// the line, key and value; with the key it acts through off, it does not.
func TestINIKeysUnsupportedValues(t *testing.T) {
	ini, err := os.ReadFile(corpus.Path(t, "profiles/mk3s_pla.ini"))
	if err != nil {
		t.Fatal(err)
	}
	stock := string(ini)
	lines := strings.Count(stock, "\n")
	var keys []string
	for key, k := range iniKeyTable {
		if _, setting := settingIndex[key]; setting || (k.neutral == nil && k.check == nil) {
			continue
		}
		keys = append(keys, key)
	}
	sort.Strings(keys)
	if len(keys) < 60 {
		t.Fatalf("only %d print-changing keys in the table", len(keys))
	}
	parentOn := map[string]string{"brim_width": "5", "support_material": "1"}
	for _, key := range keys {
		k := iniKeyTable[key]
		v := offValue(k)
		text := stock + key + " = " + v + "\n"
		if k.onlyIf != "" {
			on, ok := parentOn[k.onlyIf]
			if !ok {
				on = offValue(iniKeyTable[k.onlyIf])
			}
			// with the key it acts through at its neutral value, nothing
			if _, _, err := ReadINI(strings.NewReader(text), Default()); err != nil {
				t.Errorf("%s = %s while %s is off: %v", key, v, k.onlyIf, err)
			}
			text += k.onlyIf + " = " + on + "\n"
		}
		_, _, err := ReadINI(strings.NewReader(text), Default())
		want := fmt.Sprintf("line %d: %s = %s is not supported (usinette prints ", lines+1, key, v)
		if err == nil || !strings.Contains(err.Error(), want) || !errors.Is(err, ErrBadConfig) {
			t.Errorf("%s = %s: error %v, want one containing %q", key, v, err, want)
			continue
		}
		var ue *UnsupportedError
		if !errors.As(err, &ue) || ue.Key == "" {
			t.Errorf("%s: %v is no UnsupportedError", key, err)
		}
		// the neutral value itself loads
		if k.check == nil {
			if _, _, err := ReadINI(strings.NewReader(stock+key+" = "+k.neutral[0]+"\n"), Default()); err != nil {
				t.Errorf("%s = %s (neutral): %v", key, k.neutral[0], err)
			}
		}
	}
}

func TestINIKeysMessages(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"layer_height = 0.2\nfuzzy_skin = outside\n", "line 2: fuzzy_skin = outside is not supported (usinette prints none)"},
		{"fuzzy_skin = none\nfuzzy_skin_thickness = 0.5\n", ""},
		{"fuzzy_skin = inside\nfuzzy_skin_thickness = 0.5\n",
			"line 1: fuzzy_skin = inside is not supported (usinette prints none); line 2: fuzzy_skin_thickness = 0.5 is not supported (usinette prints 0.3)"},
		{"infill_every_layers = 1.0\nwipe_tower = 1\ngcode_flavor = marlin\nmachine_min_travel_rate = 0,0\n", ""},
		{"retract_lift_below = 209\nretract_lift_below = 0\n", ""},
		{"max_print_height = 250\nretract_lift_below = 209\n", "line 2: retract_lift_below = 209 is not supported (usinette prints a lift at every height)"},
		{"post_process = \"/usr/bin/x\"\n", `line 1: post_process = "/usr/bin/x" is not supported (usinette prints without it)`},
		{"filament_retract_length = nil\n", ""},
		{"filament_retract_length = 2\n", "line 1: filament_retract_length = 2 is not supported (usinette prints the printer's retraction)"},
	} {
		_, _, err := ReadINI(strings.NewReader(tc.in), Default())
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestINIKeysNoEffectOnPrusaSlicer: some keys the table says do not change
// the print, set to other values, leave PrusaSlicer's own G-code commands
// for the cube as they were (comments aside).
func TestINIKeysNoEffectOnPrusaSlicer(t *testing.T) {
	src := corpus.Path(t, "stl/cube20_scad.stl")
	iniPath := corpus.Path(t, "profiles/mk3s_pla.ini")
	stock, err := os.ReadFile(iniPath)
	if err != nil {
		t.Fatal(err)
	}
	commands := func(path string) []string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range strings.Split(string(b), "\n") {
			if c, _, _ := strings.Cut(l, ";"); strings.TrimSpace(c) != "" {
				out = append(out, strings.TrimSpace(c))
			}
		}
		return out
	}
	base, ok := corpus.PrusaSlicer(t, iniPath, src)
	if !ok {
		t.Skip("prusa-slicer not installed")
	}
	want := commands(base)
	for key, v := range map[string]string{
		"toolchange_gcode": "G28 ; not on a one-extruder printer", "wipe_tower": "0", "max_print_speed": "80",
	} {
		if k, ok := iniKeyTable[key]; !ok || k.neutral != nil {
			t.Fatalf("%s is not a no-effect key of the table", key)
		}
		text := string(stock)
		i := strings.Index(text, "\n"+key+" = ")
		j := strings.Index(text[i+1:], "\n")
		text = text[:i+1] + key + " = " + v + text[i+1+j:]
		ini := filepath.Join(t.TempDir(), key+".ini")
		os.WriteFile(ini, []byte(text), 0o644)
		ref, _ := corpus.PrusaSlicer(t, ini, src)
		got := commands(ref)
		if len(got) != len(want) {
			t.Errorf("%s = %s: PrusaSlicer wrote %d commands instead of %d", key, v, len(got), len(want))
			continue
		}
		for n := range got {
			if got[n] != want[n] {
				t.Errorf("%s = %s: PrusaSlicer's command %d is %q instead of %q", key, v, n, got[n], want[n])
				break
			}
		}
	}
}
