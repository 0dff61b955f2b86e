package slice

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// eventBlocks returns, for each colour change or pause block in G-code, the
// ;Z: of the layer it is in and its lines (from the ;COLOR_CHANGE or
// ;PAUSE_PRINT comment to M600's prime or M601).
func eventBlocks(t *testing.T, r io.Reader) []string {
	t.Helper()
	var out []string
	sc := bufio.NewScanner(r)
	z := ""
	var cur []string
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, ";Z:"):
			z = l[3:]
		case strings.HasPrefix(l, ";COLOR_CHANGE") || l == ";PAUSE_PRINT":
			cur = []string{"z " + z, l}
		case cur != nil:
			cur = append(cur, l)
			if l == "M601" || strings.HasPrefix(l, "G1 E0.4") {
				out = append(out, strings.Join(cur, "\n"))
				cur = nil
			}
		}
	}
	return out
}

// TestEventsAsPrusaSlicer: a colour change at 5 mm and a pause at 10.2 mm
// with a message come out in the same layers and with the same lines as
// PrusaSlicer 2.5 writes them for the 20 mm cube, given the changes the way
// its GUI stores them (Metadata/Prusa_Slicer_custom_gcode_per_print_z.xml
// in a 3MF of its own).
func TestEventsAsPrusaSlicer(t *testing.T) {
	src := corpus.Path(t, "stl/cube20_scad.stl")
	plain, ok := corpus.PrusaExport(t, ".3mf", []string{"--export-3mf"}, src)
	if !ok {
		t.Skip("prusa-slicer not installed")
	}
	// the 3MF with the changes added
	zr, err := zip.OpenReader(plain)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(f.Name)
		io.Copy(w, r)
		r.Close()
	}
	zr.Close()
	w, _ := zw.Create("Metadata/Prusa_Slicer_custom_gcode_per_print_z.xml")
	io.WriteString(w, `<?xml version="1.0" encoding="utf-8"?>
<custom_gcodes_per_print_z>
<code print_z="5" type="0" extruder="1" color="#FF0000" extra="" gcode="M600"/>
<code print_z="10.2" type="1" extruder="1" color="" extra="Insert magnet" gcode="M601"/>
<mode value="SingleExtruder"/>
</custom_gcodes_per_print_z>
`)
	zw.Close()
	with := filepath.Join(t.TempDir(), "cube_changes.3mf")
	os.WriteFile(with, buf.Bytes(), 0o644)
	ini := corpus.Path(t, "profiles/mk3s_pla.ini")
	pg, _ := corpus.PrusaExport(t, ".gcode", []string{"--export-gcode", "--load", ini}, with)
	f, err := os.Open(pg)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := eventBlocks(t, f)
	if len(want) != 2 {
		t.Fatalf("PrusaSlicer's G-code has %d blocks: %q", len(want), want)
	}

	evs := []LayerEvent{{Z: 10.2, Pause: true, Message: "Insert magnet"}, {Z: 5, Color: "#FF0000"}}
	var a, b bytes.Buffer
	s0, err := File(context.Background(), src, &a, Default(), RunOptions{Name: "cube"})
	if err != nil {
		t.Fatal(err)
	}
	s1, err := File(context.Background(), src, &b, Default(), RunOptions{Name: "cube", Events: evs})
	if err != nil {
		t.Fatal(err)
	}
	got := eventBlocks(t, bytes.NewReader(b.Bytes()))
	t.Logf("blocks:\n%s", strings.Join(got, "\n--\n"))
	if strings.Join(got, "\n--\n") != strings.Join(want, "\n--\n") {
		t.Errorf("blocks:\n%s\nPrusaSlicer's:\n%s", strings.Join(got, "\n--\n"), strings.Join(want, "\n--\n"))
	}
	if d := s1.FilamentMM - s0.FilamentMM; d < 0.399 || d > 0.401 {
		t.Errorf("the change adds %.3f mm of filament, want the 0.4 mm prime", d)
	}
	if _, err := File(context.Background(), src, io.Discard, Default(), RunOptions{Events: []LayerEvent{{Z: 25}}}); err == nil {
		t.Error("a colour change above the model was accepted")
	}
}
