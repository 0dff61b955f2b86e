package corpus

import (
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// PrusaSlicer returns the path of the G-code Debian's prusa-slicer makes of
// the model stl with the profile ini. PrusaSlicer takes seconds per model,
// so the output is kept in the user's cache directory, keyed by the bytes of
// both files. ok is false when prusa-slicer is not installed (the caller
// decides whether to skip or go on without the comparison); that is a
// failure when USINETTE_ORACLES_REQUIRED=1, as in CI.
func PrusaSlicer(tb testing.TB, ini, stl string) (path string, ok bool) {
	tb.Helper()
	bin, ok := prusaBin(tb)
	if !ok {
		return "", false
	}
	h := sha256.New()
	for _, f := range []string{ini, stl} {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		h.Write(b)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	out := filepath.Join(cache, "usinette-oracle", fmt.Sprintf("%x.gcode", h.Sum(nil)[:12]))
	if _, err := os.Stat(out); err == nil {
		return out, true
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		tb.Fatal(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "run-*.gcode")
	if err != nil {
		tb.Fatal(err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	cmd := exec.Command(bin, "--export-gcode", "--load", ini, stl, "-o", tmp.Name())
	if msg, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("prusa-slicer %s: %v\n%s", filepath.Base(stl), err, msg)
	}
	// a rename: concurrent tests never see half a file
	if err := os.Rename(tmp.Name(), out); err != nil {
		tb.Fatal(err)
	}
	return out, true
}

// PrusaExport runs prusa-slicer with args (e.g. "--export-3mf", "--merge")
// on the input files and returns the path of what it wrote, a file ending in
// ext, cached like PrusaSlicer's G-code (keyed by the arguments and the
// inputs' bytes). ok is false when prusa-slicer is not installed.
func PrusaExport(tb testing.TB, ext string, args []string, inputs ...string) (path string, ok bool) {
	tb.Helper()
	bin, ok := prusaBin(tb)
	if !ok {
		return "", false
	}
	h := sha256.New()
	for _, a := range args {
		fmt.Fprintf(h, "%q ", a)
	}
	for _, f := range inputs {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		fmt.Fprintf(h, "%d:", len(b))
		h.Write(b)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	out := filepath.Join(cache, "usinette-oracle", fmt.Sprintf("%x%s", h.Sum(nil)[:12], ext))
	if _, err := os.Stat(out); err == nil {
		return out, true
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		tb.Fatal(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "run-*"+ext)
	if err != nil {
		tb.Fatal(err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	cmd := exec.Command(bin, append(append(append([]string{}, args...), inputs...), "-o", tmp.Name())...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("prusa-slicer %v: %v\n%s", args, err, msg)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		tb.Fatal(err)
	}
	return out, true
}

// prusaBin finds prusa-slicer: ok is false when it is not installed, which
// fails the test when USINETTE_ORACLES_REQUIRED=1, as in CI.
func prusaBin(tb testing.TB) (string, bool) {
	tb.Helper()
	bin, err := exec.LookPath("prusa-slicer")
	if err != nil {
		if os.Getenv("USINETTE_ORACLES_REQUIRED") == "1" {
			tb.Fatal("prusa-slicer not installed and USINETTE_ORACLES_REQUIRED=1")
		}
		return "", false
	}
	return bin, true
}
