package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// CheckOutput refuses, before any work is done, an output that would
// destroy a user's file: one that is the same file as an input (compared
// with os.SameFile, so "./m.stl", "/abs/m.stl", a symlink or a hard link
// to it all count), or an existing path that is not a regular file (a
// device node, FIFO, socket or directory, which the temp-and-rename write
// would replace). Stdout ("-") and empty names are always fine; inputs
// that cannot be stat'ed (stdin, missing files) cannot be overwritten and
// are skipped.
func CheckOutput(out string, inputs ...string) error {
	if out == "" || out == Stdout {
		return nil
	}
	if err := checkSpecial(out); err != nil {
		return err
	}
	ofi, err := os.Stat(out) // follows links: the file that would be replaced
	if err != nil {
		return nil // nothing there yet: nothing to lose
	}
	for _, in := range inputs {
		if in == "" || in == Stdout {
			continue
		}
		ifi, err := os.Stat(in)
		if err != nil {
			continue
		}
		if os.SameFile(ofi, ifi) {
			return fmt.Errorf("%s: output is the input file %s: refusing to overwrite it", out, in)
		}
	}
	return nil
}

// checkSpecial refuses an existing output that is not a regular file or a
// symlink to one: renaming a temporary file over /dev/sda or a FIFO would
// replace the node, not write to it.
func checkSpecial(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if lfi, lerr := os.Lstat(path); lerr == nil && lfi.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s: cannot write: it is a symlink to a missing file", path)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, errors.Unwrap(err))
	}
	switch m := fi.Mode(); {
	case m.IsDir():
		return fmt.Errorf("%s: cannot write: it is a directory", path)
	case !m.IsRegular():
		return fmt.Errorf("%s: cannot write: it is not a regular file (%s); usinette writes only regular files", path, kind(m))
	}
	return nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

// resolve returns the path the output really is: the target of a symlink
// (so that writing "-o link.gcode" updates the file the link points to and
// keeps the link, instead of replacing the link with a file).
func resolve(path string) string {
	if fi, err := os.Lstat(path); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return path
	}
	if r, err := filepath.EvalSymlinks(path); err == nil {
		return r
	}
	return path
}
