//go:build unix

package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh/stl"
)

// TestHostileInputs runs the real command (this test binary as main, see
// TestMain) in a child process on inputs built to exhaust it — sparse
// files whose headers claim billions of records, degenerate meshes,
// absurd numbers — and checks each run ends within 60 s and 2 GB of
// resident memory with a clean one-line error naming the file (or a
// correct output where one exists), no panic, no output or temporary file
// left behind. Seconds and peak RSS are logged for each input.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes on large generated inputs")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	in := t.TempDir()
	path := func(name string) string { return filepath.Join(in, name) }
	write := func(name string, data []byte) string {
		if err := os.WriteFile(path(name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path(name)
	}
	// sparse writes head then extends the file to size without storing it.
	sparse := func(name string, head []byte, size int64) string {
		p := write(name, head)
		if err := os.Truncate(p, size); err != nil {
			t.Skip("no sparse files:", err)
		}
		return p
	}
	stlHead := func(count uint32) []byte {
		h := make([]byte, 84)
		binary.LittleEndian.PutUint32(h[80:], count)
		return h
	}
	identical := func(name string, n int) string {
		var b bytes.Buffer
		b.Write(stlHead(uint32(n)))
		rec := make([]byte, 50)
		for i, f := range []float32{0, 0, 1, 0, 0, 0, 10, 0, 0, 0, 10, 5} {
			binary.LittleEndian.PutUint32(rec[4*i:], math.Float32bits(f))
		}
		for range n {
			b.Write(rec)
		}
		return write(name, b.Bytes())
	}
	jsonDoc := func(name, xy string) string {
		return write(name, []byte(`{"units":"mm","threads":[{"color":"#ff0000","description":"r","catalog_number":null,"brand":null}],`+
			`"stitches":[[0,0,"STITCH"],[`+xy+`,"STITCH"],[0,0,"END"]]}`))
	}
	ini := func(name, text string) string { return write(name, []byte(text)) }
	cube, err := os.ReadFile(corpus.Path(t, "stl/cube20_scad.stl"))
	if err != nil {
		t.Fatal(err)
	}
	cubeSTL := write("cube.stl", cube)

	type tc struct {
		name string
		args []string // "OUT" is replaced by a fresh output path
		ok   bool     // a correct output is expected, not an error
		want string   // in stderr
	}
	cases := []tc{
		{"stl header claims 4e9 triangles (sparse 200 GB)", []string{"slice", sparse("claim4e9.stl", stlHead(4e9), 84+50*4e9), "-o", "OUT.gcode"}, false, fmt.Sprintf("limit of %d", stl.MaxTriangles)},
		{"stl sparse 3 GB, size not 84+50n", []string{"slice", sparse("huge.stl", stlHead(12), 3<<30), "-o", "OUT.gcode"}, false, "limit of"},
		{"stl 1e5 identical facets", []string{"slice", identical("same1e5.stl", 100_000), "-q", "-o", "OUT.gcode"}, true, ""},
		{"pes sparse 3 GB", []string{"info", sparse("huge.pes", []byte("#PES0001"), 3<<30)}, false, "larger than the limit of 64 MiB"},
		{"dst sparse 3 GB", []string{"convert", sparse("huge.dst", []byte("LA:x"), 3<<30), "OUT.pes"}, false, "larger than the limit of 64 MiB"},
		{"json 1e9 mm wide, preview", []string{"preview", jsonDoc("wide.json", "1e9,0"), "-o", "OUT.png"}, false, "beyond the limit"},
		{"json ±1e308, convert", []string{"convert", jsonDoc("e308.json", "1e308,-1e308"), "OUT.pes"}, false, "beyond the limit"},
		{"gcode G1 X1 and 306 zeros", []string{"gcode", "preview", write("zeros.gcode", []byte("G1 X1"+strings.Repeat("0", 306)+"\n")), "-o", "OUT.png"}, false, "zeros.gcode"},
		// a coordinate no machine reaches is a broken file, not a picture
		// or a time: refused with its line (G-code numbers have no
		// exponent, so 1e300 is written out in digits)
		{"gcode preview G1 X1e300 in digits", []string{"gcode", "preview", write("far.gcode", []byte("G28\nG1 X10 Y10 E1\nG1 X1"+strings.Repeat("0", 300)+" E1\n")), "-o", "OUT.png"}, false, "far.gcode: gcode: line 3: G1 X1e+300 mm: coordinate out of range"},
		{"gcode info relative moves to 2 km", []string{"gcode", "info", write("walk.gcode", []byte("G91\nG1 X999999 E1\nG1 X999999 E1\nG1 X999999 E1\n")), "--json"}, false, "walk.gcode: gcode: line 3: G1 moves X to 1.999998e+06 mm"},
		{"slice --scale inf", []string{"slice", cubeSTL, "--scale", "inf", "-o", "OUT.gcode"}, false, "--scale"},
		{"slice --brim nan", []string{"slice", cubeSTL, "--brim", "nan", "-o", "OUT.gcode"}, false, "brim_width = NaN"},
		{"slice --brim 100 (off the bed)", []string{"slice", cubeSTL, "--brim", "100", "-o", "OUT.gcode"}, false, "the bed is 250 × 210 mm"},
		{"ini skirt_distance = 1e9", []string{"slice", cubeSTL, "--config", ini("skirt.ini", "skirt_distance = 1e9\n"), "-o", "OUT.gcode"}, false, "skirt_distance"},
		{"ini nozzle_diameter = -0.4", []string{"slice", cubeSTL, "--config", ini("nozzle.ini", "nozzle_diameter = -0.4\n"), "-o", "OUT.gcode"}, false, "nozzle_diameter"},
		{"ini extrusion_multiplier = 1e300", []string{"slice", cubeSTL, "--config", ini("mult.ini", "extrusion_multiplier = 1e300\n"), "-o", "OUT.gcode"}, false, "extrusion_multiplier"},
		{"stitch a circle of radius 1e12", []string{"stitch", write("circle.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="100mm" viewBox="0 0 100 100"><circle cx="50" cy="50" r="1e12" fill="#f00"/></svg>`)), "-o", "OUT.pes"}, false, "does not fit the hoop"},
		{"stitch a 3,000 mm square", []string{"stitch", write("square.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="3000mm" height="3000mm" viewBox="0 0 3000 3000"><rect width="3000" height="3000" fill="#f00"/></svg>`)), "-o", "OUT.pes"}, false, "does not fit the hoop"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			outDir := t.TempDir()
			args := make([]string, len(c.args))
			var outs []string
			for i, a := range c.args {
				if strings.HasPrefix(a, "OUT.") {
					a = filepath.Join(outDir, "out"+strings.TrimPrefix(a, "OUT"))
					outs = append(outs, a)
				}
				args[i] = a
			}
			cmd := exec.Command(exe, args...)
			cmd.Env = append(os.Environ(), "USINETTE_AS_MAIN=1", "TMPDIR="+outDir)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			timer := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
			cmd.Wait()
			timer.Stop()
			secs := time.Since(start).Seconds()
			var rssMB float64
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				rssMB = float64(ru.Maxrss) / 1024 // kB on Linux
			}
			code := cmd.ProcessState.ExitCode()
			t.Logf("%s: exit %d, %.2f s, max RSS %.0f MB: %s", c.name, code, secs, rssMB, strings.TrimSpace(stderr.String()))
			if secs >= 60 {
				t.Fatalf("did not end within 60 s")
			}
			if rssMB > 2048 {
				t.Errorf("max RSS %.0f MB, over 2 GB", rssMB)
			}
			errs := stderr.String()
			if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine ") || strings.Contains(errs, "fatal error") {
				t.Fatalf("crashed: %s", errs)
			}
			if c.ok {
				if code != 0 {
					t.Fatalf("exit %d: %s", code, errs)
				}
				for _, o := range outs {
					if fi, err := os.Stat(o); err != nil || fi.Size() == 0 {
						t.Errorf("%s not written: %v", o, err)
					}
				}
				return
			}
			if code == 0 {
				t.Fatalf("exit 0, want an error; stdout %q", stdout.String())
			}
			if !strings.HasPrefix(errs, "usinette: ") || strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, c.want) {
				t.Errorf("stderr %q: want one line saying %q", errs, c.want)
			}
			if ents, _ := os.ReadDir(outDir); len(ents) != 0 {
				t.Errorf("left behind: %s", ents[0].Name())
			}
		})
	}
	if ents, _ := os.ReadDir(in); true {
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), ".") {
				t.Errorf("%s left in the input directory", e.Name())
			}
		}
	}
}
