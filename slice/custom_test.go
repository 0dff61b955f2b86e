package slice

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/usinette/usinette/internal/corpus"
)

// TestStockTemplatesAsPrusaSlicerRendersThem: the MK3S profile's own
// start_gcode, start_filament_gcode and end_gcode (read from the corpus
// INI, PrusaSlicer's placeholders and all) render to the lines PrusaSlicer
// 2.5 wrote for a 20 mm cube with that profile (the rendered form in
// corpus/profiles/mk3s_start_end.gcode), blank lines aside.
func TestStockTemplatesAsPrusaSlicerRendersThem(t *testing.T) {
	f, err := os.Open(corpus.Path(t, "profiles/mk3s_pla.ini"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, _, err := ReadINI(f, Default())
	if err != nil {
		t.Fatal(err)
	}
	ref, err := os.ReadFile(corpus.Path(t, "profiles/mk3s_start_end.gcode"))
	if err != nil {
		t.Fatal(err)
	}
	// PrusaSlicer's rendering, between the markers of the rendered form
	section := func(from, to string) []string {
		s := string(ref)
		s = s[strings.Index(s, "===== RENDERED form"):]
		s = s[strings.Index(s, from):]
		s = s[:strings.Index(s, to)]
		var out []string
		for _, l := range strings.Split(s, "\n")[1:] {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "; ----------") {
				out = append(out, l)
			}
		}
		return out
	}
	// start_gcode, then G21, G90, M83 that PrusaSlicer writes of its own,
	// then start_filament_gcode; M107 follows
	start := section(";TYPE:Custom", "M107\n; ----------")
	end := section("; Filament-specific end gcode", "M73 P100")

	got, err := renderCustom(&c, c.StartGCode, "start_gcode", c.StartFilamentGCode, "start_filament_gcode", nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(start, got.lines); diff != "" {
		t.Errorf("start_gcode, start_filament_gcode (-PrusaSlicer +ours):\n%s", diff)
	}
	got, err = renderCustom(&c, c.EndGCode, "end_gcode", "", "", map[string]any{"max_layer_z": 20.0, "layer_z": 20.0})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(end, got.lines); diff != "" {
		t.Errorf("end_gcode (-PrusaSlicer +ours):\n%s", diff)
	}
}

func TestMacroLanguage(t *testing.T) {
	vars := func(name string) (any, bool) {
		v, ok := map[string]any{"a": 2.0, "b": 0.4, "name": "0.20mm QUALITY @MK3", "h": 0.05}[name]
		return v, ok
	}
	for _, tc := range []struct{ in, want string }{
		{"[a]", "2"},
		{"{a+1.5}", "3.5"},
		{"{min(a, 1)} {max(a,7)}", "1 7"},
		{"{if b==0.4}yes{else}no{endif}", "yes"},
		{"{if h<0.075}100{else}95{endif}", "100"},
		{"{if name=~/.*QUALITY.*/}Q{endif}{if name!~/.*SPEED.*/}S{endif}", "QS"},
		{"{if a>5}x{elsif a>1}y{else}z{endif}", "y"},
		{"{if a>5 or b<1 and not (a==3)}t{endif}", "t"},
		{"{if 0}{if 1}no{endif}{else}{if 1}in{endif}{endif}", "in"},
		{"M221 S{if h<0.075}100{else}95{endif} ; flow", "M221 S100 ; flow"},
		{"[b[0]] {b[initial_tool]}", "0.4 0.4"},
	} {
		got, err := expandMacro("t", tc.in, func(n string) (any, bool) {
			if n == "initial_tool" {
				return 0.0, true
			}
			return vars(n)
		})
		if err != nil || got != tc.want {
			t.Errorf("%q: got %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"[nope]", "{if a}x", "{endif}", "{sqrt(a)}", "{a +}", "{if name=~/x}y{endif}", "{else}"} {
		if got, err := expandMacro("start_gcode", bad, vars); err == nil || !strings.Contains(err.Error(), "start_gcode") {
			t.Errorf("%q: got %q, %v; want an error naming the template", bad, got, err)
		}
	}
}

// FuzzMacro: expanding any template never panics.
func FuzzMacro(f *testing.F) {
	f.Add(MK3SStartGCode)
	f.Add(MK3SEndGCode)
	f.Add("{if a<1 and (b=~/x[/]y/ or c)}[d]{elsif 1}{min(1,2)}{endif}")
	vars := (&Config{}).macroVars(nil)
	f.Fuzz(func(t *testing.T, src string) {
		expandMacro("fuzz", src, vars)
	})
}

// TestStartSequenceOnTheBed: the purge line the start template extrudes is
// checked against the bed: the MK3S's from X 0 to 100 does not fit an
// 80 mm wide bed, and the error says where it extrudes.
func TestStartSequenceOnTheBed(t *testing.T) {
	c := Default()
	c.BedWidth = 80
	_, err := newLayerWriter(c, GCodeOptions{})
	if !errors.Is(err, ErrBadConfig) || !strings.Contains(err.Error(), "start_gcode extrudes at X 0..100") {
		t.Fatalf("got %v", err)
	}
	if _, err := newLayerWriter(Default(), GCodeOptions{}); err != nil {
		t.Fatal(err)
	}
}
