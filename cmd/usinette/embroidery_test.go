package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/pes"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = execute(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestConvertInfoPreview(t *testing.T) {
	src := corpus.Path(t, "pes/golden/two_color_trim_jump.json")
	dir := t.TempDir()
	pesOut := filepath.Join(dir, "two.pes")
	if code, _, errs := run(t, "convert", src, pesOut, "--pes-version", "6", "-q"); code != 0 {
		t.Fatalf("convert to pes: exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(pesOut)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("#PES0060")) {
		t.Errorf("signature %q", data[:8])
	}
	_, info, err := pes.DecodeInfo(bytes.NewReader(data))
	if err != nil || info.Name != "two" || info.Label != "two" {
		t.Errorf("decode: %v, %+v", err, info)
	}
	dstOut := filepath.Join(dir, "two.dst")
	if code, _, errs := run(t, "convert", pesOut, dstOut, "--max-stitch", "7"); code != 0 {
		t.Fatalf("convert to dst: exit %d: %s", code, errs)
	}
	code, out, errs := run(t, "info", "--json", dstOut)
	if code != 0 {
		t.Fatalf("info: exit %d: %s", code, errs)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("info --json: %v\n%s", err, out)
	}
	for _, k := range []string{"stitches", "jumps", "trims", "color_changes", "colors", "width_mm", "height_mm",
		"longest_stitch_mm", "thread_length_mm", "bounds_mm", "fits_hoop", "sewing_time_s", "threads"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("info --json lacks %q", k)
		}
	}
	if rep["color_changes"] != 1.0 || rep["colors"] != 2.0 || rep["width_mm"] != 40.0 || rep["height_mm"] != 20.0 || rep["fits_hoop"] != true {
		t.Errorf("figures %v", rep)
	}
	if l := rep["longest_stitch_mm"].(float64); l > 7 {
		t.Errorf("longest stitch %.2f after --max-stitch 7", l)
	}
	code, out, _ = run(t, "info", pesOut, "--hoop", "100x100")
	if code != 0 || !strings.Contains(out, "40.0 x 20.0 mm") || !strings.Contains(out, "fits the 100x100") {
		t.Errorf("info text: %s", out)
	}
	jsonOut := filepath.Join(dir, "back.json")
	if code, _, errs := run(t, "convert", dstOut, jsonOut, "-q"); code != 0 {
		t.Fatalf("convert to json: exit %d: %s", code, errs)
	}
	pngOut := filepath.Join(dir, "two.png")
	if code, _, errs := run(t, "preview", pesOut, "-o", pngOut); code != 0 {
		t.Fatalf("preview: exit %d: %s", code, errs)
	}
	img := readPNG(t, pngOut)
	if b := img.Bounds(); b.Dx() != 460 || b.Dy() != 260 {
		t.Errorf("preview size %v", b)
	}
	if code, _, errs := run(t, "preview", pesOut, "-o", filepath.Join(dir, "two.svg")); code != 0 {
		t.Fatalf("preview svg: exit %d: %s", code, errs)
	}
}

func TestEmbroideryErrors(t *testing.T) {
	dir := t.TempDir()
	trunc := filepath.Join(dir, "cut.pes")
	full, err := os.ReadFile(corpus.Path(t, "pes/golden/square10_running.inkstitch.v1.pes"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(trunc, full[:0x2c0], 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.dst")
	if err := os.WriteFile(bad, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"info", trunc}, 1, "cut.pes: pes: corrupt"},
		{[]string{"info", bad}, 1, "bad.dst: dst: not a DST file"},
		{[]string{"info", filepath.Join(dir, "missing.pes")}, 1, "missing.pes"},
		{[]string{"convert", trunc, filepath.Join(dir, "o.dst")}, 1, "cut.pes"},
		{[]string{"convert", bad, filepath.Join(dir, "o.xyz")}, 2, "o.xyz"},
		{[]string{"convert", bad, filepath.Join(dir, "o.pes"), "--pes-version", "3"}, 2, "--pes-version"},
		{[]string{"convert", bad, filepath.Join(dir, "o.pes"), "--hoop", "huge"}, 2, "--hoop"},
		{[]string{"preview", bad}, 2, "-o"},
		{[]string{"info", filepath.Join(dir, "x.svg")}, 1, "unknown embroidery format"},
	}
	for _, tt := range tests {
		code, _, errs := run(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errs, tt.code, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "o.dst")); !os.IsNotExist(err) {
		t.Errorf("a failed convert left an output file: %v", err)
	}
}
