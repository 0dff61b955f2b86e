//go:build unix

package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// stallingFIFO makes a FIFO whose reader takes the first n bytes and then
// stops reading (it keeps the FIFO open, as a paused machine keeps its
// device open). It returns the writer's end and what the reader got.
func stallingFIFO(t *testing.T, n int) (*os.File, func() []byte) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "cutter")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	got := make(chan []byte, 1)
	stop := make(chan struct{})
	go func() {
		r, err := os.Open(p)
		if err != nil {
			got <- nil
			return
		}
		defer r.Close()
		b := make([]byte, n)
		k, _ := io.ReadFull(r, b)
		got <- b[:k]
		<-stop // open, never read again
	}()
	w, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { close(stop); w.Close() })
	return w, func() []byte { return <-got }
}

// TestWriteTimeoutStalls: a FIFO whose reader reads 10 bytes then stops
// makes the write fail with ErrStalled, naming the bytes that went
// through, within the timeout plus a second — with the write deadline of a
// polled file and with the goroutine and timer used where deadlines are
// not supported.
func TestWriteTimeoutStalls(t *testing.T) {
	data := bytes.Repeat([]byte("M100,200\x03D300,400\x03"), 50_000) // 900 kB, far more than a pipe holds
	for _, watchdog := range []bool{false, true} {
		name := map[bool]string{false: "deadline", true: "watchdog"}[watchdog]
		t.Run(name, func(t *testing.T) {
			forceWatchdog = watchdog
			defer func() { forceWatchdog = false }()
			w, got := stallingFIFO(t, 10)
			const timeout = 500 * time.Millisecond
			start := time.Now()
			err := WriteTimeout(w, data, timeout)
			took := time.Since(start)
			t.Logf("%v after %v", err, took)
			if !errors.Is(err, ErrStalled) {
				t.Fatalf("err = %v, want ErrStalled", err)
			}
			if took > timeout+time.Second {
				t.Errorf("returned after %v, timeout %v", took, timeout)
			}
			if !strings.Contains(err.Error(), "device stopped taking data after ") || !strings.Contains(err.Error(), " of 900000 bytes") {
				t.Errorf("message %q", err)
			}
			if b := got(); !bytes.Equal(b, data[:10]) {
				t.Errorf("reader got %q", b)
			}
		})
	}
}

// TestWriteTimeoutSlowReader: a reader that takes everything, slowly (a
// pause longer than the timeout in total but shorter between chunks), is a
// working machine: everything arrives and no error.
func TestWriteTimeoutSlowReader(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 32<<10) // 512 KiB
	for _, watchdog := range []bool{false, true} {
		t.Run(map[bool]string{false: "deadline", true: "watchdog"}[watchdog], func(t *testing.T) {
			forceWatchdog = watchdog
			defer func() { forceWatchdog = false }()
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			got := make(chan []byte, 1)
			go func() {
				var all []byte
				b := make([]byte, 64<<10)
				for {
					time.Sleep(40 * time.Millisecond)
					n, err := r.Read(b)
					all = append(all, b[:n]...)
					if err != nil {
						got <- all
						return
					}
				}
			}()
			start := time.Now()
			err = WriteTimeout(w, data, 300*time.Millisecond)
			w.Close()
			if err != nil {
				t.Fatalf("%v after %v", err, time.Since(start))
			}
			if b := <-got; !bytes.Equal(b, data) {
				t.Errorf("reader got %d bytes of %d", len(b), len(data))
			}
			t.Logf("%d bytes in %v", len(data), time.Since(start))
		})
	}
}
