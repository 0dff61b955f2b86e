//go:build unix

package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain: with CLI_TEST_STUCK=DIR the test binary plays a command that
// ignores its context: it makes a temporary file in DIR and blocks.
func TestMain(m *testing.M) {
	if dir := os.Getenv("CLI_TEST_STUCK"); dir != "" {
		Grace = 200 * time.Millisecond
		ctx, _ := SignalContext(context.Background())
		_ = ctx // a command that never looks at it
		f, err := CreateTemp(dir, ".stuck.tmp-")
		if err != nil {
			os.Exit(3)
		}
		f.WriteString("half")
		os.WriteFile(filepath.Join(dir, "ready"), nil, 0o644)
		select {}
	}
	os.Exit(m.Run())
}

// TestSignalRemovesTempsOfAStuckCommand: a command that does not stop
// when its context is cancelled still has its temporary files removed,
// and the process exits 128+signal, Grace after the signal.
func TestSignalRemovesTempsOfAStuckCommand(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT} {
		dir := t.TempDir()
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), "CLI_TEST_STUCK="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			if _, err := os.Stat(filepath.Join(dir, "ready")); err == nil {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatal("child never ready")
			}
		}
		cmd.Process.Signal(sig)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v: the stuck command did not exit", sig)
		}
		if code := cmd.ProcessState.ExitCode(); code != 128+int(sig) {
			t.Errorf("%v: exit %d, want %d", sig, code, 128+int(sig))
		}
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Errorf("%v: %s left behind", sig, e.Name())
			}
		}
	}
}
