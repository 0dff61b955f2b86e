package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Stdout is the output name that means standard output, as in `-o -`.
const Stdout = "-"

// WriteFile creates path through a temporary file in the same directory and
// renames it into place only when write returns nil, so a failed or
// cancelled run never leaves a half-written output behind. The path "-"
// (Stdout) writes to stdout instead. The writer handed to write is buffered.
//
// Only regular files are written: an existing device node, FIFO, socket
// or directory at path is refused (the rename would replace the node). A
// symlink is followed, so the file it points to is replaced and the link
// kept. The temporary file is named .NAME.tmp-<pid>-<random> and is
// removed on a caught signal (SignalContext) or by a later run once that
// pid is gone (RemoveStale). Callers check the output against their
// inputs with CheckOutput before doing the work.
func WriteFile(stdout io.Writer, path string, write func(w io.Writer) error) (err error) {
	if path == Stdout {
		bw := bufio.NewWriterSize(stdout, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	shown := path
	path = resolve(path)
	dir := filepath.Dir(path)
	if err := checkWritable(shown, dir); err != nil {
		return err
	}
	if err := checkSpecial(shown); err != nil {
		return err
	}
	tmp, err := CreateTemp(dir, "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", shown, errors.Unwrap(err))
	}
	defer func() {
		if err != nil {
			RemoveTemp(tmp)
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("%s: %w", shown, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("%s: %w", shown, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", shown, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", shown, err)
	}
	Forget(tmp.Name())
	return nil
}

// checkWritable explains, in the user's terms, why path cannot be written:
// without it the error would name the hidden temporary file.
func checkWritable(path, dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: cannot write: directory %s does not exist", path, dir)
	case err != nil:
		return fmt.Errorf("%s: cannot write: %w", path, err)
	case !fi.IsDir():
		return fmt.Errorf("%s: cannot write: %s is not a directory", path, dir)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s: cannot write: it is a directory", path)
	}
	return nil
}
