package slice

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/usinette/usinette/internal/corpus"
)

// layerMarks returns, per ;LAYER_CHANGE, the lines of the custom G-code
// (those starting with one of marks) and "Z" where the layer's first move
// to a new height is, in file order.
func layerMarks(text string, marks ...string) [][]string {
	var out [][]string
	inLayer, seenZ := false, false
	for _, l := range strings.Split(text, "\n") {
		switch {
		case l == ";LAYER_CHANGE":
			out = append(out, nil)
			inLayer, seenZ = true, false
		case !inLayer:
		case strings.HasPrefix(l, "G1 Z") && !seenZ:
			seenZ = true
			out[len(out)-1] = append(out[len(out)-1], "Z")
		default:
			for _, m := range marks {
				if strings.HasPrefix(l, m) {
					out[len(out)-1] = append(out[len(out)-1], l)
				}
			}
		}
	}
	return out
}

// TestLayerGCodeAsPrusaSlicer: before_layer_gcode and layer_gcode with
// placeholders ([layer_num], [layer_z], {layer_z*2}, {if}; max_layer_z only
// before: PrusaSlicer 2.5 refuses it in layer_gcode) are rendered at
// every layer and written where PrusaSlicer 2.5 writes them for the same
// config — before the layer change's Z move and after it — line for line.
func TestLayerGCodeAsPrusaSlicer(t *testing.T) {
	src := corpus.Path(t, "stl/cube20_scad.stl")
	stock, err := os.ReadFile(corpus.Path(t, "profiles/mk3s_pla.ini"))
	if err != nil {
		t.Fatal(err)
	}
	custom := string(stock)
	for k, v := range map[string]string{
		"before_layer_gcode": `;BEFORE [layer_num] [layer_z] {layer_z*2}\nG92 E0.0\n{if layer_num == 3}M117 BEFORE third{endif}\n`,
		"layer_gcode":        `;AFTER [layer_num] {layer_z}\n{if layer_z > 5.1 and layer_z < 5.5}M117 AFTER past 5 mm{else};AFTER low or high{endif}`,
	} {
		i := strings.Index(custom, "\n"+k+" = ")
		j := strings.Index(custom[i+1:], "\n")
		custom = custom[:i+1] + k + " = " + v + custom[i+1+j:]
	}
	ini := filepath.Join(t.TempDir(), "layer_gcode.ini")
	if err := os.WriteFile(ini, []byte(custom), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := ReadINI(strings.NewReader(custom), Default())
	if err != nil {
		t.Fatal(err)
	}
	var ours bytes.Buffer
	if _, err := File(context.Background(), src, &ours, cfg, RunOptions{Name: "cube"}); err != nil {
		t.Fatal(err)
	}
	marks := []string{";BEFORE", ";AFTER", "M117 "}
	got := layerMarks(ours.String(), marks...)
	if len(got) != 100 {
		t.Fatalf("%d layers", len(got))
	}
	// a few layers spelt out, independent of the oracle
	want0 := []string{";BEFORE 0 0.2 0.4", "Z", ";AFTER 0 0.2", ";AFTER low or high"}
	if diff := cmp.Diff(want0, got[0]); diff != "" {
		t.Errorf("first layer (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{";BEFORE 3 0.8 1.6", "M117 BEFORE third", "Z", ";AFTER 3 0.8", ";AFTER low or high"}, got[3]); diff != "" {
		t.Errorf("fourth layer (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{";BEFORE 25 5.2 10.4", "Z", ";AFTER 25 5.2", "M117 AFTER past 5 mm"}, got[25]); diff != "" {
		t.Errorf("layer at 5.2 mm (-want +got):\n%s", diff)
	}

	// (the comparison avoids a layer_z equal to the threshold: PrusaSlicer's
	// print_z of the layer at 5 mm is a sum of layer heights, a hair above
	// 5, and {if layer_z > 5} is true there; usinette's is 5)
	ref, ok := corpus.PrusaSlicer(t, ini, src)
	if !ok {
		t.Skip("prusa-slicer not installed: compared with the spelt-out layers only")
	}
	b, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	want := layerMarks(string(b), marks...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("custom layer G-code differs from PrusaSlicer's (-prusa +ours):\n%s", diff)
	}
}

// TestEventTemplates: color_change_gcode and pause_print_gcode are the
// config's templates, rendered with the layer's variables; the filament
// the colour change's prime pushes is counted from what is written.
func TestEventTemplates(t *testing.T) {
	src := corpus.Path(t, "stl/cube20_scad.stl")
	run := func(cfg Config) (string, Summary) {
		t.Helper()
		var b bytes.Buffer
		sum, err := File(context.Background(), src, &b, cfg, RunOptions{Name: "cube",
			Events: []LayerEvent{{Z: 5}, {Z: 10.2, Pause: true, Message: "magnet"}}})
		if err != nil {
			t.Fatal(err)
		}
		return b.String(), sum
	}
	def, sum0 := run(Default())
	for _, want := range []string{";COLOR_CHANGE,T0,\nM600\nG1 E0.4 F1500 ; prime after color change\n", ";PAUSE_PRINT\nM117 magnet\nM601\n"} {
		if !strings.Contains(def, want) {
			t.Errorf("default events: no %q", want)
		}
	}
	cfg := Default()
	cfg.ColorChangeGCode = "M600 ; at [layer_z] for extruder [color_change_extruder]\nG1 E2 F1500"
	cfg.PausePrintGCode = "M601\nM300 S{layer_num*100} P50"
	got, sum1 := run(cfg)
	for _, want := range []string{";COLOR_CHANGE,T0,\nM600 ; at 5 for extruder 0\nG1 E2 F1500\n", ";PAUSE_PRINT\nM117 magnet\nM601\nM300 S5000 P50\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("custom events: no %q", want)
		}
	}
	if d := sum1.FilamentMM - sum0.FilamentMM; d < 1.6-1e-6 || d > 1.6+1e-6 {
		t.Errorf("a 2 mm prime instead of 0.4 added %g mm of filament, want 1.6", d)
	}
	cfg.PausePrintGCode = "M601 {nonsense}"
	var b bytes.Buffer
	if _, err := File(context.Background(), src, &b, cfg, RunOptions{Events: []LayerEvent{{Z: 3, Pause: true}}}); err == nil || !strings.Contains(err.Error(), "pause_print_gcode") {
		t.Errorf("bad pause template: %v", err)
	}
}

// TestStockLayerGCodeAsCorpus: with the stock profile as exported, the
// per-layer custom G-code (;BEFORE_LAYER_CHANGE, G92 E0.0, ;[layer_z]
// before the Z move, ;AFTER_LAYER_CHANGE, ;[layer_z] after it) is what
// PrusaSlicer wrote in the corpus's G-code of the same cube.
func TestStockLayerGCodeAsCorpus(t *testing.T) {
	src := corpus.Path(t, "stl/cube20_scad.stl")
	f, err := os.Open(corpus.Path(t, "profiles/mk3s_pla.ini"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, err := ReadINI(f, Default())
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	ref, err := os.ReadFile(corpus.Path(t, "gcode/cube20_scad_prusa.gcode"))
	if err != nil {
		t.Fatal(err)
	}
	var ours bytes.Buffer
	if _, err := File(context.Background(), src, &ours, cfg, RunOptions{Name: "cube"}); err != nil {
		t.Fatal(err)
	}
	// ";0.2": the rendered ;[layer_z] lines
	marks := []string{";BEFORE_LAYER_CHANGE", ";AFTER_LAYER_CHANGE", "G92 E0.0", ";0", ";1", ";2", ";3", ";4", ";5", ";6", ";7", ";8", ";9"}
	want, got := layerMarks(string(ref), marks...), layerMarks(ours.String(), marks...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stock per-layer G-code differs from PrusaSlicer's (-prusa +ours):\n%s", diff)
	}
	if len(got) != 100 || len(got[0]) != 6 {
		t.Errorf("%d layers, first %q", len(got), got[0])
	}
}

// TestEventsWherePrusaSlicerWritesThem: a colour change at 5 mm and a pause
// at 10.2 mm, given to PrusaSlicer 2.5 the way its GUI stores them (the
// custom G-code per print_z of a 3MF), come after the layer change's Z move
// and layer_gcode, line for line; usinette writes them there too.
func TestEventsWherePrusaSlicerWritesThem(t *testing.T) {
	src := corpus.Path(t, "stl/cube20_scad.stl")
	iniPath := corpus.Path(t, "profiles/mk3s_pla.ini")
	f, err := os.Open(iniPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, err := ReadINI(f, Default())
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var ours bytes.Buffer
	if _, err := File(context.Background(), src, &ours, cfg, RunOptions{Name: "cube", Events: []LayerEvent{
		{Z: 5, Color: "#FF0000"}, {Z: 10.2, Pause: true, Message: "Insert magnet"}}}); err != nil {
		t.Fatal(err)
	}
	marks := []string{";AFTER_LAYER_CHANGE", ";COLOR_CHANGE", "M600", "G1 E0.4 F1500", ";PAUSE_PRINT", "M117 ", "M601"}
	got := layerMarks(ours.String(), marks...)
	if diff := cmp.Diff([]string{"Z", ";AFTER_LAYER_CHANGE", ";COLOR_CHANGE,T0,#FF0000", "M600", "G1 E0.4 F1500 ; prime after color change"}, got[24]); diff != "" {
		t.Errorf("layer at 5 mm (-want +got):\n%s", diff)
	}

	plain, ok := corpus.PrusaExport(t, ".3mf", []string{"--export-3mf"}, src)
	if !ok {
		t.Skip("prusa-slicer not installed: checked against the spelt-out layer only")
	}
	withEvents := filepath.Join(t.TempDir(), "cube_events.3mf")
	addZipFile(t, plain, withEvents, "Metadata/Prusa_Slicer_custom_gcode_per_print_z.xml", `<?xml version="1.0" encoding="utf-8"?>
<custom_gcodes_per_print_z>
<code print_z="5" type="0" extruder="1" color="#FF0000" extra="" gcode="M600"/>
<code print_z="10.2" type="1" extruder="1" color="" extra="Insert magnet" gcode="M601"/>
<mode value="SingleExtruder"/>
</custom_gcodes_per_print_z>
`)
	ref, ok := corpus.PrusaSlicer(t, iniPath, withEvents)
	if !ok {
		t.Skip("prusa-slicer not installed")
	}
	b, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	want := layerMarks(string(b), marks...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events differ from PrusaSlicer's (-prusa +ours):\n%s", diff)
	}
}

// addZipFile copies the zip archive src to dst with one more file.
func addZipFile(t *testing.T, src, dst, name, content string) {
	t.Helper()
	r, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	w := zip.NewWriter(out)
	for _, f := range r.File {
		if err := w.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := w.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(content))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}
