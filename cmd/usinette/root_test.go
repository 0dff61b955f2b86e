package main

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnknownCommandExitsNonZero(t *testing.T) {
	var out, errb bytes.Buffer
	code := execute([]string{"frobnicate"}, strings.NewReader(""), &out, &errb)
	if code == 0 {
		t.Fatalf("exit 0 for an unknown command; stderr %q", errb.String())
	}
	if !strings.Contains(errb.String(), "frobnicate") {
		t.Fatalf("stderr does not name the command: %q", errb.String())
	}
}

func TestVersionFlag(t *testing.T) {
	var out, errb bytes.Buffer
	if code := execute([]string{"--version"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "usinette") {
		t.Fatalf("version output %q", out.String())
	}
}

// TestVersionNamesTheCommit builds the command as `go build` does in a
// checkout (with VCS stamping on, whatever GOFLAGS says) and checks that
// --version names the commit the checkout is at.
func TestVersionNamesTheCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout (or no git): %v", err)
	}
	bin := filepath.Join(t.TempDir(), "usinette")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "no VCS revision stamped") {
		// the go command stamps nothing in a linked worktree (its .git is
		// a file): only a clone can show the stamp
		dir, _ := exec.Command("git", "rev-parse", "--git-dir").Output()
		common, _ := exec.Command("git", "rev-parse", "--git-common-dir").Output()
		if string(dir) != string(common) {
			t.Skipf("a linked git worktree: the go command stamps no revision here (%s)", strings.TrimSpace(string(out)))
		}
	}
	if rev := strings.TrimSpace(string(head))[:12]; !strings.Contains(string(out), rev) {
		t.Errorf("--version says %q, want the commit %s", out, rev)
	}
}
