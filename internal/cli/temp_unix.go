//go:build unix

package cli

import (
	"errors"
	"os"
	"syscall"
)

// running reports whether a process with this pid exists (kill -0; EPERM
// means it exists but belongs to someone else).
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// ownedRegular reports whether name is a regular file of this user.
func ownedRegular(name string) bool {
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}

// openNonblock opens for writing without waiting for a reader: a FIFO
// nobody reads fails with ENXIO instead of blocking.
func openNonblock(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY|syscall.O_NONBLOCK, 0)
}
