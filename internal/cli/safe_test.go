//go:build unix

package cli

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// TestCheckOutputSameFile: every spelling of the input is refused as the
// output — relative, absolute, through a symlink, a hard link.
func TestCheckOutputSameFile(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "m.stl")
	if err := os.WriteFile(in, []byte("solid"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.stl")
	hard := filepath.Join(dir, "hard.stl")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(in, hard); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, out := range []string{"m.stl", "./m.stl", in, filepath.Join(dir, "sub", "..", "m.stl"), link, hard} {
		if out == filepath.Join(dir, "sub", "..", "m.stl") {
			os.Mkdir(filepath.Join(dir, "sub"), 0o755)
		}
		err := CheckOutput(out, "other.ini", in)
		if err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
			t.Errorf("CheckOutput(%q) = %v, want a refusal", out, err)
		}
	}
	for _, out := range []string{"m.gcode", Stdout, ""} {
		if err := CheckOutput(out, in); err != nil {
			t.Errorf("CheckOutput(%q) = %v, want nil", out, err)
		}
	}
	if b, _ := os.ReadFile(in); string(b) != "solid" {
		t.Fatalf("input changed: %q", b)
	}
}

// TestWriteFileOnlyRegular: a device node or FIFO as the output is refused
// and left as it was; a symlink is followed and kept.
func TestWriteFileOnlyRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"/dev/null", fifo, dir} {
		err := WriteFile(io.Discard, out, writeString("x"))
		if err == nil || !strings.Contains(err.Error(), out) {
			t.Errorf("WriteFile(%s) = %v, want a refusal naming it", out, err)
		}
		if err := CheckOutput(out); err == nil {
			t.Errorf("CheckOutput(%s) = nil, want a refusal", out)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
	target := filepath.Join(dir, "real.gcode")
	os.WriteFile(target, []byte("old"), 0o644)
	link := filepath.Join(dir, "link.gcode")
	os.Symlink("real.gcode", link)
	if err := WriteFile(io.Discard, link, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced by a file")
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Errorf("target = %q, want new", b)
	}
	dangling := filepath.Join(dir, "dangling.gcode")
	os.Symlink("nowhere/x", dangling)
	if err := WriteFile(io.Discard, dangling, writeString("new")); err == nil {
		t.Errorf("a dangling symlink was written through")
	}
	assertNoTemps(t, dir)
}

func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temp file left behind: %s", e.Name())
		}
	}
}

// TestOpenDevice: only a character device is opened; a regular file (the
// input, say) is refused and not truncated; a FIFO with no reader is
// refused at once instead of blocking forever.
func TestOpenDevice(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "design.svg")
	os.WriteFile(reg, []byte("<svg/>"), 0o644)
	if f, err := OpenDevice(reg); err == nil {
		f.Close()
		t.Fatal("a regular file was opened as a device")
	} else if !strings.Contains(err.Error(), "regular file") {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(reg); string(b) != "<svg/>" {
		t.Fatalf("regular file truncated: %q", b)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := OpenDevice(fifo)
		if f != nil {
			f.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Error("a FIFO was opened as a device")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("OpenDevice blocked on a FIFO with no reader")
	}
	if _, err := OpenDevice(filepath.Join(dir, "lp9")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing device: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "lp9")); err == nil {
		t.Error("a missing device was created")
	}
	f, err := OpenDevice("/dev/null")
	if err != nil {
		t.Fatalf("/dev/null: %v", err)
	}
	if _, err := f.Write([]byte("FN0\x03")); err != nil {
		t.Error(err)
	}
	f.Close()
}

// TestRemoveStale: a temp file whose pid is gone is removed by the next
// run; one whose pid runs is kept, and so are other people's names.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	dead := deadPID(t)
	stale := filepath.Join(dir, ".out.gcode.tmp-"+strconv.Itoa(dead)+"-123")
	live := filepath.Join(dir, ".out.gcode.tmp-"+strconv.Itoa(os.Getppid())+"-456")
	other := filepath.Join(dir, ".out.gcode.tmp-notapid")
	for _, n := range []string{stale, live, other} {
		os.WriteFile(n, []byte("x"), 0o644)
	}
	if err := WriteFile(io.Discard, filepath.Join(dir, "out.gcode"), writeString("G28\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("stale temp file of a dead pid kept")
	}
	for _, n := range []string{live, other} {
		if _, err := os.Stat(n); err != nil {
			t.Errorf("%s removed: %v", n, err)
		}
	}
	// CreateTemp names with the pid and registers; RemoveTemps clears.
	f, err := CreateTemp(dir, ".usinette-layers-")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(filepath.Base(f.Name()), ".usinette-layers-"+strconv.Itoa(os.Getpid())+"-") {
		t.Errorf("temp name %s lacks the pid", f.Name())
	}
	f.Close()
	RemoveTemps()
	if _, err := os.Stat(f.Name()); err == nil {
		t.Error("RemoveTemps left a registered file")
	}
}

// deadPID returns the pid of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	p, err := os.StartProcess("/bin/true", []string{"true"}, &os.ProcAttr{})
	if err != nil {
		t.Skip("no /bin/true:", err)
	}
	p.Wait()
	return p.Pid
}
