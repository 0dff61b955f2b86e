//go:build unix

package main

import (
	"bytes"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/usinette/usinette/internal/corpus"
)

// TestNeverOverwritesInput runs every command that writes a file with an
// output that is its input under another spelling (relative, absolute,
// symlink, hard link) or a special file, and checks the command refuses
// with exit 2 before doing anything and that every input is byte for byte
// what it was.
func TestNeverOverwritesInput(t *testing.T) {
	dir := t.TempDir()
	cp := func(rel, name string) string {
		b, err := os.ReadFile(corpus.Path(t, rel))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stlIn := cp("stl/cube20_scad.stl", "m.stl")
	svgIn := cp("svg/own_sticker.svg", "s.svg")
	pesIn := cp("pes/golden/encoding_edges.inkstitch.v1.pes", "a.pes")
	gcIn := cp("gcode/cube20_scad_prusa.gcode", "g.gcode")
	gcPNG := cp("gcode/cube20_scad_prusa.gcode", "g.png") // G-code named like a picture
	ini := filepath.Join(dir, "my.ini")
	os.WriteFile(ini, []byte("fill_density = 20%\n"), 0o644)
	link := func(target, name string) string {
		p := filepath.Join(dir, name)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	hard := func(target, name string) string {
		p := filepath.Join(dir, name)
		if err := os.Link(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	os.WriteFile(filepath.Join(dir, "z.pes"), []byte("old"), 0o644)
	fifo := filepath.Join(dir, "fifo.gcode")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []string{stlIn, svgIn, pesIn, gcIn, gcPNG, ini}
	sums := map[string][32]byte{}
	for _, p := range inputs {
		b, _ := os.ReadFile(p)
		sums[p] = sha256.Sum256(b)
	}
	t.Chdir(dir)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"slice same", []string{"slice", "./m.stl", "-o", "m.stl"}, "refusing to overwrite"},
		{"slice absolute", []string{"slice", "m.stl", "-o", stlIn}, "refusing to overwrite"},
		{"slice symlink", []string{"slice", "m.stl", "-o", link("m.stl", "out.gcode")}, "refusing to overwrite"},
		{"slice hard link", []string{"slice", "m.stl", "-o", hard(stlIn, "hard.gcode")}, "refusing to overwrite"},
		{"slice config", []string{"slice", "m.stl", "--config", ini, "-o", "my.ini"}, "refusing to overwrite"},
		{"slice device", []string{"slice", "m.stl", "-o", "/dev/null"}, "not a regular file"},
		{"slice fifo", []string{"slice", "m.stl", "-o", fifo}, "not a regular file"},
		{"cut same", []string{"cut", "s.svg", "-o", "s.svg"}, "refusing to overwrite"},
		{"cut symlink", []string{"cut", "s.svg", "-o", link(svgIn, "cut.svg")}, "refusing to overwrite"},
		{"stitch preview", []string{"stitch", "s.svg", "-o", "x.pes", "--preview", "s.svg"}, "refusing to overwrite"},
		{"stitch output", []string{"stitch", "s.svg", "-o", link("s.svg", "y.pes")}, "refusing to overwrite"},
		{"stitch preview is output", []string{"stitch", "s.svg", "-o", "z.pes", "--preview", link("z.pes", "z.png")}, "refusing to overwrite"},
		{"gcode preview", []string{"gcode", "preview", "g.png", "-o", gcPNG}, "refusing to overwrite"},
		{"gcode preview link", []string{"gcode", "preview", "g.gcode", "-o", link("g.gcode", "g2.png")}, "refusing to overwrite"},
		{"convert same", []string{"convert", "a.pes", "a.pes"}, "refusing to overwrite"},
		{"convert hard", []string{"convert", "a.pes", hard(pesIn, "b.pes")}, "refusing to overwrite"},
		{"preview link", []string{"preview", "a.pes", "-o", link("a.pes", "a2.png")}, "refusing to overwrite"},
		{"cut send regular", []string{"cut", "s.svg", "--send", "s.svg"}, "regular file"},
		{"cut send fifo", []string{"cut", "s.svg", "--send", fifo}, "a FIFO, not a device"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			code, stdout, stderr := run(t, tc.args...)
			if code == 0 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want a refusal saying %q (stdout %q)", code, stderr, tc.want, stdout)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	for _, p := range inputs {
		b, _ := os.ReadFile(p)
		if sha256.Sum256(b) != sums[p] {
			t.Errorf("%s was changed", p)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced")
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") || strings.HasPrefix(e.Name(), ".usinette-") || e.Name() == "x.pes" {
			t.Errorf("%s left behind", e.Name())
		}
	}
	// --send to a character device works and truncates nothing.
	if code, _, stderr := run(t, "cut", "s.svg", "--send", "/dev/null"); code != 0 {
		t.Errorf("--send /dev/null: exit %d: %s", code, stderr)
	}
}

// TestMain lets the test binary act as usinette (USINETTE_AS_MAIN=1), so
// that signal tests run the real main in a child process without a build.
func TestMain(m *testing.M) {
	if os.Getenv("USINETTE_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// TestSignalsCleanUp starts a slice in a child process, waits for its
// temporary files, and sends SIGINT, SIGTERM, SIGHUP: each run must exit
// with 128+signal and leave no temporary file and no output. After a
// kill -9 (which cannot be caught) the next run removes what the dead
// process left.
func TestSignalsCleanUp(t *testing.T) {
	if testing.Short() {
		t.Skip("slices in child processes")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	src := corpus.Path(t, "stl/stanford_bunny.stl")
	dir := t.TempDir()
	start := func() (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(exe, "slice", src, "-q", "--scale", "2.5", "-o", filepath.Join(dir, "out.gcode"))
		cmd.Env = append(os.Environ(), "USINETTE_AS_MAIN=1", "TMPDIR="+dir)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// wait until both the spill file and the output's temp file exist
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			if len(temps(dir)) >= 2 {
				return cmd, &stderr
			}
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("no temporary files appeared: %s", stderr.String())
		return nil, nil
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		cmd, stderr := start()
		cmd.Process.Signal(sig)
		t0 := time.Now()
		err := cmd.Wait()
		code := cmd.ProcessState.ExitCode()
		if code != 128+int(sig) {
			t.Errorf("%v: exit %d (%v), want %d; stderr %q", sig, code, err, 128+int(sig), stderr)
		}
		if d := time.Since(t0); d > 5*time.Second {
			t.Errorf("%v: took %v to stop", sig, d)
		}
		if left := temps(dir); len(left) > 0 {
			t.Errorf("%v: left %v", sig, left)
		}
		if _, err := os.Stat(filepath.Join(dir, "out.gcode")); err == nil {
			t.Errorf("%v: output written", sig)
		}
	}
	cmd, _ := start()
	cmd.Process.Kill()
	cmd.Wait()
	if len(temps(dir)) == 0 {
		t.Fatal("kill -9 left nothing: the test proves nothing")
	}
	if code, _, stderr := run(t, "slice", "--example", "-q", "-o", filepath.Join(dir, "out.gcode")); code != 0 {
		t.Fatalf("next run: exit %d: %s", code, stderr)
	}
	if left := temps(dir); len(left) > 0 {
		t.Errorf("the next run did not remove the dead run's files: %v", left)
	}
}

func temps(dir string) []string {
	var out []string
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") || strings.HasPrefix(e.Name(), ".usinette-layers-") {
			out = append(out, e.Name())
		}
	}
	return out
}
