package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// TestBadInput runs every command on what users really hand it by mistake —
// a missing file, an empty one, the wrong format, a file cut short by a
// failed download, an output directory that is not there — and checks what a
// script relies on: a non-zero exit code, one error line naming the file and
// what is wrong, no panic, no output file, nothing left in the temp dir.
func TestBadInput(t *testing.T) {
	in := t.TempDir()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)

	put := func(name string, data []byte) string {
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	read := func(rel string) []byte {
		b, err := os.ReadFile(corpus.Path(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewRGBA(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	stl := read("stl/cube20_scad.stl")
	pesData := read("pes/golden/encoding_edges.inkstitch.v1.pes")
	dstData := read("pes/golden/encoding_edges.pyemb.dst")
	svgData := read("svg/own_sticker.svg")
	jsonData := read("pes/golden/encoding_edges.json")
	gcodeOK := corpus.Path(t, "gcode/cube20_scad_prusa.gcode")
	svgOK := corpus.Path(t, "svg/own_sticker.svg")
	pesOK := corpus.Path(t, "pes/golden/encoding_edges.inkstitch.v1.pes")

	missing := filepath.Join(in, "missing")
	type tc struct {
		name string
		args []string
		want []string // substrings of stderr (besides "usinette:")
		code int      // 0: any non-zero
	}
	var tests []tc
	add := func(name string, want []string, args ...string) {
		tests = append(tests, tc{name: name, args: args, want: want})
	}
	// out returns an output path in a fresh directory checked empty at the end.
	outDirs := []string{}
	out := func(name string) string {
		d := t.TempDir()
		outDirs = append(outDirs, d)
		return filepath.Join(d, name)
	}
	nodir := filepath.Join(in, "nodir", "x")

	// gcode info / preview
	empty := put("empty.gcode", nil)
	stlAsGcode := put("cube.gcode", stl)
	pngAsGcode := put("pic.gcode", pic.Bytes())
	add("gcode info missing", []string{"missing.gcode", "no such file"}, "gcode", "info", missing+".gcode")
	add("gcode info empty", []string{"empty.gcode", "not a G-code file", "empty"}, "gcode", "info", empty)
	add("gcode info stl", []string{"cube.gcode", "not a G-code file"}, "gcode", "info", stlAsGcode)
	add("gcode info png", []string{"pic.gcode", "not a G-code file"}, "gcode", "info", pngAsGcode)
	add("gcode info --json stl", []string{"cube.gcode", "not a G-code file"}, "gcode", "info", "--json", stlAsGcode)
	add("gcode preview missing", []string{"missing.gcode", "no such file"}, "gcode", "preview", missing+".gcode", "-o", out("a.png"))
	add("gcode preview empty", []string{"empty.gcode", "not a G-code file"}, "gcode", "preview", empty, "-o", out("a.png"))
	add("gcode preview stl", []string{"cube.gcode", "not a G-code file"}, "gcode", "preview", stlAsGcode, "-o", out("a.png"))
	add("gcode preview no layer", []string{"cube20_scad_prusa.gcode", "layer 9999 of 100"}, "gcode", "preview", gcodeOK, "--layer", "9999", "-o", out("a.png"))
	add("gcode preview no dir", []string{nodir + ".png", "does not exist"}, "gcode", "preview", gcodeOK, "-o", nodir+".png")

	// cut
	add("cut missing", []string{"missing.svg", "no such file"}, "cut", missing+".svg", "-o", out("a.gpgl"))
	add("cut empty", []string{"empty.svg", "syntax error"}, "cut", put("empty.svg", nil), "-o", out("a.gpgl"))
	add("cut png", []string{"pic.png", "syntax error"}, "cut", put("pic.png", pic.Bytes()), "-o", out("a.png"))
	add("cut stl", []string{"cube.stl", "syntax error"}, "cut", put("cube.stl", stl), "-o", out("a.gpgl"))
	for _, n := range []int{1, 50, 3000, len(svgData) - 8} {
		name := "cut" + strconv.Itoa(n) + ".svg"
		add("cut truncated "+strconv.Itoa(n), []string{name, "unexpected EOF"}, "cut", put(name, svgData[:n]), "-o", out("a.gpgl"))
	}
	add("cut no dir", []string{nodir + ".gpgl", "does not exist"}, "cut", svgOK, "-o", nodir+".gpgl")
	add("cut png no dir", []string{nodir + ".png", "does not exist"}, "cut", svgOK, "-o", nodir+".png")
	add("cut output is a file", []string{"cube.stl", "not a directory"}, "cut", svgOK, "-o", filepath.Join(in, "cube.stl", "a.gpgl"))

	// info, convert, preview (embroidery)
	add("info missing", []string{"missing.pes", "no such file"}, "info", missing+".pes")
	add("info empty pes", []string{"empty.pes", "not a PES file"}, "info", put("empty.pes", nil))
	add("info empty dst", []string{"empty.dst", "not a DST file"}, "info", put("empty.dst", nil))
	add("info empty json", []string{"empty.json", "empty file"}, "info", put("empty.json", nil))
	add("info stl", []string{"cube.stl", "unknown embroidery format"}, "info", filepath.Join(in, "cube.stl"))
	add("info stl as pes", []string{"stl.pes", "not a PES file"}, "info", put("stl.pes", stl))
	add("info png as dst", []string{"png.dst", "not a DST file"}, "info", put("png.dst", pic.Bytes()))
	// PEC stitches start at 0x2cc in this file: cuts in the header, before
	// the PEC section, inside the stitch stream and in the design thumbnail.
	for _, n := range []int{10, 100, 600, 720, 740, 750, 800} {
		name := "cut" + strconv.Itoa(n) + ".pes"
		add("info truncated pes "+strconv.Itoa(n), []string{name, "corrupt or truncated"}, "info", put(name, pesData[:n]))
	}
	for _, n := range []int{10, 300, 512, 515, 600, len(dstData) - 3} {
		name := "cut" + strconv.Itoa(n) + ".dst"
		add("info truncated dst "+strconv.Itoa(n), []string{name, "corrupt or truncated"}, "info", put(name, dstData[:n]))
	}
	for _, n := range []int{1, 100, len(jsonData) - 5} {
		name := "cut" + strconv.Itoa(n) + ".json"
		add("info truncated json "+strconv.Itoa(n), []string{name, "invalid stitch-list JSON"}, "info", put(name, jsonData[:n]))
	}
	add("info --json truncated", []string{"cut740.pes", "corrupt or truncated"}, "info", "--json", filepath.Join(in, "cut740.pes"))
	add("convert missing", []string{"missing.pes", "no such file"}, "convert", missing+".pes", out("a.dst"))
	add("convert truncated", []string{"cut750.pes", "corrupt or truncated"}, "convert", filepath.Join(in, "cut750.pes"), out("a.dst"))
	add("convert no dir", []string{nodir + ".dst", "does not exist"}, "convert", pesOK, nodir+".dst")
	dirOut := filepath.Join(t.TempDir(), "adir.dst")
	if err := os.Mkdir(dirOut, 0o755); err != nil {
		t.Fatal(err)
	}
	add("convert to a directory", []string{"adir.dst", "is a directory"}, "convert", pesOK, dirOut)
	add("preview missing", []string{"missing.dst", "no such file"}, "preview", missing+".dst", "-o", out("a.png"))
	add("preview truncated", []string{"cut600.dst", "corrupt or truncated"}, "preview", filepath.Join(in, "cut600.dst"), "-o", out("a.png"))
	add("preview no dir", []string{nodir + ".png", "does not exist"}, "preview", pesOK, "-o", nodir+".png")
	add("preview svg no dir", []string{nodir + ".svg", "does not exist"}, "preview", pesOK, "-o", nodir+".svg")

	// Usage mistakes exit 2.
	usage := []tc{
		{"cut unknown output", []string{"cut", svgOK, "-o", out("a.txt")}, []string{"a.txt", "unknown output format"}, 2},
		{"convert unknown output", []string{"convert", pesOK, out("a.txt")}, []string{"a.txt", "unknown output format"}, 2},
		{"preview unknown output", []string{"preview", pesOK, "-o", out("a.bmp")}, []string{"a.bmp", "unknown picture format"}, 2},
		{"gcode preview no -o", []string{"gcode", "preview", gcodeOK}, []string{"-o"}, 2},
		{"preview no -o", []string{"preview", pesOK}, []string{"-o"}, 2},
	}
	tests = append(tests, usage...)

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tt.args...)
			if code == 0 || tt.code != 0 && code != tt.code {
				t.Errorf("exit %d, want non-zero (%d); stdout %q", code, tt.code, stdout)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
				t.Fatalf("panic: %s", stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.HasPrefix(stderr, "usinette: ") {
				t.Errorf("stderr is not one error line: %q", stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not say %q", stderr, w)
				}
			}
			if strings.Contains(stderr, ".tmp-") {
				t.Errorf("stderr names the temporary file: %q", stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
		})
	}
	for _, d := range append(outDirs, tmp, filepath.Dir(nodir)) {
		if ents, _ := os.ReadDir(d); len(ents) != 0 {
			t.Errorf("%s: %d files left, first %s", d, len(ents), ents[0].Name())
		}
	}
	// Nothing but the inputs in the input directory.
	ents, _ := os.ReadDir(in)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") || strings.Contains(e.Name(), "tmp") {
			t.Errorf("%s left in the input directory", e.Name())
		}
	}
}
