package slice

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// customStart and customEnd use every construct of the stock templates:
// [key], {expr} with arithmetic and min(), {if}/{elsif}/{else}, =~, and,
// not, indexed settings.
const (
	customStart = `;USTART\nM104 S[first_layer_temperature] ; t\nM140 S[first_layer_bed_temperature]\nM190 S[first_layer_bed_temperature]\nM109 S{first_layer_temperature[0]}\nG28 W\nG1 Z{layer_height*2+0.05} F720\n{if layer_height<0.075}M221 S100{else}M221 S95{endif}\n{if nozzle_diameter[0]==0.6}; big{elsif nozzle_diameter[0]==0.4}; normal nozzle{else}; other{endif}\n{if printer_model=~/.*MK3.*/ and not (temperature[0] > 300)}; mk3 family [printer_model]{endif}\nG1 X{min(60, bed_temperature[0])} Y-3 F1000\nG92 E0\nG1 X100 E{12.5/2} F1000\n;UEND`
	customEnd   = `;UENDSTART\n{if max_layer_z < max_print_height}G1 Z{z_offset+min(max_layer_z+1, max_print_height)} F720 ; up{endif}\nG1 X0 Y200 F3600\nG1 Z{max_layer_z+49} F720\nM104 S0\n;UENDEND`
)

func between(s, from, to string) string {
	i := strings.Index(s, from)
	j := strings.Index(s, to)
	if i < 0 || j < i {
		return ""
	}
	return s[i : j+len(to)]
}

// TestCustomGCodeAsPrusaSlicer: custom start and end templates expand to
// the same lines as PrusaSlicer 2.5 makes of them for the 20 mm cube.
func TestCustomGCodeAsPrusaSlicer(t *testing.T) {
	data, err := os.ReadFile(corpus.Path(t, "profiles/mk3s_pla.ini"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, l := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(l, "start_gcode = "):
			l = "start_gcode = " + customStart
		case strings.HasPrefix(l, "end_gcode = "):
			l = "end_gcode = " + customEnd
		}
		b.WriteString(l + "\n")
	}
	ini := filepath.Join(t.TempDir(), "custom.ini")
	os.WriteFile(ini, []byte(b.String()), 0o644)
	src := corpus.Path(t, "stl/cube20_scad.stl")
	pg, ok := corpus.PrusaSlicer(t, ini, src)
	if !ok {
		t.Skip("prusa-slicer not installed")
	}
	theirs, _ := os.ReadFile(pg)
	f, _ := os.Open(ini)
	cfg, _, err := ReadINI(f, Default())
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.StartGCode == "" || cfg.EndGCode == "" {
		t.Fatal("custom templates read as the stock ones")
	}
	var out bytes.Buffer
	if _, err := File(context.Background(), src, &out, cfg, RunOptions{Name: "cube"}); err != nil {
		t.Fatal(err)
	}
	for _, m := range [][2]string{{";USTART", ";UEND\n"}, {";UENDSTART", ";UENDEND"}} {
		got, want := between(out.String(), m[0], m[1]), between(string(theirs), m[0], m[1])
		if want == "" || got != want {
			t.Errorf("usinette:\n%s\nPrusaSlicer:\n%s", got, want)
		}
	}
	// a custom template goes through WriteINI and back
	var ini2 bytes.Buffer
	if err := WriteINI(&ini2, cfg); err != nil {
		t.Fatal(err)
	}
	back, _, err := ReadINI(&ini2, Default())
	if err != nil || back.StartGCode != cfg.StartGCode || back.EndGCode != cfg.EndGCode {
		t.Errorf("templates after WriteINI and ReadINI: %v\n%q\n%q", err, back.StartGCode, cfg.StartGCode)
	}
	// the stock profile's templates mean the built-in sequences
	f, _ = os.Open(corpus.Path(t, "profiles/mk3s_pla.ini"))
	stock, _, _ := ReadINI(f, Default())
	f.Close()
	if stock.StartGCode != "" || stock.EndGCode != "" {
		t.Error("the stock templates were not recognised")
	}
}

func TestTemplateErrors(t *testing.T) {
	vars := templateVars(&Config{}, nil)
	for _, tc := range []struct{ tpl, words string }{
		{"{if 1}a", "without {endif}"},
		{"{endif}", "without {if}"},
		{"{nonsense_key + 1}", `unknown variable "nonsense_key"`},
		{"{foo(1)}", "unknown function foo()"},
		{"{1/0}", "division by zero"},
		{"{layer_height =~ 3}", "regular expression"},
		{"{", "unclosed {"},
	} {
		_, err := expandTemplate("start_gcode", tc.tpl, vars)
		if !errors.Is(err, ErrTemplate) || !strings.Contains(err.Error(), tc.words) || !strings.Contains(err.Error(), "start_gcode") {
			t.Errorf("%q: %v, want %q", tc.tpl, err, tc.words)
		}
	}
	got, err := expandTemplate("x", `[not_a_key] "[x" {if 0}{if 1}no{else}no{endif}{elsif 1}yes{endif}{max(2, -3)*-1}`, vars)
	if err != nil || got != `[not_a_key] "[x" yes-2` {
		t.Errorf("%q, %v", got, err)
	}
}

// FuzzTemplate: expanding any template never panics, and a failure wraps
// ErrTemplate.
func FuzzTemplate(f *testing.F) {
	f.Add(strings.ReplaceAll(customStart, `\n`, "\n"))
	f.Add(strings.ReplaceAll(customEnd, `\n`, "\n"))
	f.Add(`{if a}{elsif "x"=~/[/}{else}{endif}[layer_height_0]{-(-1)%0}`)
	vars := templateVars(&Config{LayerHeight: 0.2, PrinterModel: "MK3S"}, map[string]tval{"max_layer_z": numVal(20)})
	f.Fuzz(func(t *testing.T, tpl string) {
		if _, err := expandTemplate("t", tpl, vars); err != nil && !errors.Is(err, ErrTemplate) {
			t.Fatalf("%q: %v", tpl, err)
		}
	})
}
