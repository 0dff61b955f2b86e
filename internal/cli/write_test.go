package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileRenamesOnSuccess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.txt")
	err := WriteFile(io.Discard, path, func(w io.Writer) error {
		_, err := io.WriteString(w, "G28\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "G28\n" {
		t.Fatalf("read back %q, %v", got, err)
	}
}

func TestWriteFileLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFile(io.Discard, path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "old" {
		t.Fatalf("existing file changed to %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temp file left behind: %v", entries)
	}
}

func TestWriteFileNamesTheMissingDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "absent")
	path := filepath.Join(dir, "out.gcode")
	err := WriteFile(io.Discard, path, func(w io.Writer) error { return nil })
	if err == nil {
		t.Fatal("wrote into a missing directory")
	}
	want := path + ": cannot write: directory " + dir + " does not exist"
	if err.Error() != want {
		t.Fatalf("error %q, want %q", err, want)
	}
}

// TestWriteFileStdout: "-" writes to the given stdout, and no file named "-"
// appears.
func TestWriteFileStdout(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	var out bytes.Buffer
	if err := WriteFile(&out, Stdout, func(w io.Writer) error { _, err := io.WriteString(w, "G28\n"); return err }); err != nil {
		t.Fatal(err)
	}
	if out.String() != "G28\n" {
		t.Errorf("stdout got %q", out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
		t.Error("a file named - was written")
	}
}
