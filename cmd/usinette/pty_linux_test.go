//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPTY opens a pseudo-terminal and returns the path of its slave, a real
// character device that --send accepts, and a function that returns what
// was written to it.
func openPTY(t *testing.T) (string, func(end []byte) []byte) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no /dev/ptmx:", err)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Skip("TIOCGPTN:", e)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Skip("TIOCSPTLCK:", e)
	}
	name := fmt.Sprintf("/dev/pts/%d", n)
	// held open so that the master does not read EIO (hang-up) before the
	// command opens the device or after it closes it
	hold, err := os.OpenFile(name, os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skip(err)
	}
	var mu sync.Mutex
	var buf bytes.Buffer
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := m.Read(b)
			mu.Lock()
			buf.Write(b[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { hold.Close(); m.Close() })
	// what was written so far, once it ends with end (or after 5 s)
	return name, func(end []byte) []byte {
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
			mu.Lock()
			b := bytes.Clone(buf.Bytes())
			mu.Unlock()
			if bytes.HasSuffix(b, end) || time.Now().After(deadline) {
				return b
			}
		}
	}
}
