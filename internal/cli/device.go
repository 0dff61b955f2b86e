package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// OpenDevice opens a printer or cutter device file (the usblp driver's
// /dev/usb/lpN) for writing a job to it. It never creates or truncates
// anything: the path must exist and be a character device, so a mistyped
// path, an unplugged cutter or the input file itself is refused instead of
// being overwritten. A FIFO or a device with no reader is refused at once
// rather than blocking forever: the first open is non-blocking.
func OpenDevice(dev string) (*os.File, error) {
	fi, err := os.Stat(dev)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("send: %s does not exist: is the machine plugged in and switched on? (ls /dev/usb/)", dev)
	}
	if err != nil {
		return nil, fmt.Errorf("send: %w", err)
	}
	if err := isCharDevice(dev, fi); err != nil {
		return nil, err
	}
	probe, err := openNonblock(dev)
	if errors.Is(err, syscall.ENXIO) {
		return nil, fmt.Errorf("send: %s: no device or reader behind it: is the machine switched on?", dev)
	}
	if err != nil {
		return nil, fmt.Errorf("send: %s: cannot open: %w", dev, errors.Unwrap(err))
	}
	pfi, err := probe.Stat()
	probe.Close()
	if err != nil {
		return nil, fmt.Errorf("send: %w", err)
	}
	if err := isCharDevice(dev, pfi); err != nil {
		return nil, err
	}
	// opened again in blocking mode: a cutter busy cutting must make the
	// writer wait, not fail with EAGAIN
	f, err := os.OpenFile(dev, os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("send: %w", err)
	}
	if ffi, err := f.Stat(); err != nil || !os.SameFile(ffi, pfi) {
		f.Close()
		return nil, fmt.Errorf("send: %s changed while it was opened", dev)
	}
	return f, nil
}

func isCharDevice(dev string, fi fs.FileInfo) error {
	m := fi.Mode()
	if m&fs.ModeCharDevice != 0 {
		return nil
	}
	what := kind(m)
	if m.IsRegular() {
		what = "a regular file"
	} else if m.IsDir() {
		what = "a directory"
	}
	return fmt.Errorf("send: %s is %s, not a device: refusing to write to it (use -o to write a file)", dev, what)
}
