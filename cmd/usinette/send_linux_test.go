//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// TestSendStalledDevice: `cut --send` to a cutter that takes the first
// bytes and then no more (a pseudo-terminal whose other end reads 16 bytes
// and stops, as a paused cutter's buffer stays full) fails with exit 1 and
// a message saying how much went through, within --send-timeout plus a
// second, instead of hanging.
func TestSendStalledDevice(t *testing.T) {
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no /dev/ptmx:", err)
	}
	defer m.Close()
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Skip("TIOCGPTN:", e)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Skip("TIOCSPTLCK:", e)
	}
	pty := fmt.Sprintf("/dev/pts/%d", n)
	hold, err := os.OpenFile(pty, os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer hold.Close()
	got := make(chan []byte, 1)
	go func() {
		b := make([]byte, 16)
		k, _ := m.Read(b) // then never again
		got <- b[:k]
	}()

	// 3,600 small squares: some 230 kB of GPGL, more than a terminal buffers
	var svg strings.Builder
	svg.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="300mm" height="300mm" viewBox="0 0 300 300">`)
	for i := range 60 {
		for j := range 60 {
			fmt.Fprintf(&svg, `<rect x="%d" y="%d" width="3" height="3" fill="#000"/>`, 5+4*i, 5+4*j)
		}
	}
	svg.WriteString(`</svg>`)
	in := filepath.Join(t.TempDir(), "many.svg")
	if err := os.WriteFile(in, []byte(svg.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	const timeout = 2 * time.Second
	var stdout, stderr bytes.Buffer
	start := time.Now()
	code := execute([]string{"cut", in, "-q", "--send", pty, "--send-timeout", timeout.String()}, strings.NewReader(""), &stdout, &stderr)
	took := time.Since(start)
	t.Logf("exit %d after %v: %s", code, took, strings.TrimSpace(stderr.String()))
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if took > timeout+time.Second {
		t.Errorf("returned after %v, want within %v", took, timeout+time.Second)
	}
	msg := stderr.String()
	if !strings.Contains(msg, "send: "+pty+": device stopped taking data after ") || strings.Count(strings.TrimSpace(msg), "\n") != 0 {
		t.Errorf("stderr %q", msg)
	}
	// what went through is the start of the stream -o writes
	ref := filepath.Join(t.TempDir(), "many.gpgl")
	if code := execute([]string{"cut", in, "-q", "-o", ref}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Fatalf("-o: exit %d", code)
	}
	stream, _ := os.ReadFile(ref)
	if b := <-got; len(b) == 0 || !bytes.HasPrefix(stream, b) {
		t.Errorf("the device got %q, the stream starts %q", b, stream[:min(16, len(stream))])
	}

	// a negative timeout is a usage error
	stderr.Reset()
	if code := execute([]string{"cut", in, "--send", pty, "--send-timeout", "-1s"}, strings.NewReader(""), &stdout, &stderr); code != 2 {
		t.Errorf("--send-timeout -1s: exit %d: %s", code, stderr.String())
	}
}
