package cli

import (
	"errors"
	"fmt"
	"os"
	"time"
)

// DefaultSendTimeout is how long Send waits for a device that takes no data
// before giving up. A cutter or printer drains its buffer as it works, so a
// busy machine takes the next bytes within seconds; half a minute without
// any is a machine that is paused, out of media, jammed, or a reader that
// went away.
const DefaultSendTimeout = 30 * time.Second

// sendChunk is the size of each write: small enough for a cutter's buffer,
// and the unit of progress the timeout is measured against.
const sendChunk = 4096

// Send writes data to the device file dev (opened with OpenDevice: a
// character device, never created or truncated) and closes it. It fails
// with a message naming the device and the bytes sent when the device takes
// no data for timeout (0 waits forever): the job would otherwise hang with
// no word to the user.
func Send(dev string, data []byte, timeout time.Duration) error {
	f, err := OpenDevice(dev)
	if err != nil {
		return err
	}
	if err := WriteTimeout(f, data, timeout); err != nil {
		f.Close()
		return fmt.Errorf("send: %s: %w", dev, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("send: %s: %w", dev, err)
	}
	return nil
}

// ErrStalled is wrapped by WriteTimeout's error when the file took no data
// for the whole timeout.
var ErrStalled = errors.New("device stopped taking data")

// WriteTimeout writes data to f in chunks and fails with ErrStalled when
// no chunk goes through within timeout (0: no limit). Files the runtime
// polls (FIFOs, terminals, the usblp printer device) get a write deadline
// per chunk, which interrupts the blocked write. Others (where
// SetWriteDeadline reports os.ErrNoDeadline) are written by a goroutine
// that a timer watches: on a stall the error is returned and the goroutine
// is left blocked in the kernel until the file is closed or the process
// exits — there is no way to interrupt a blocking write of a file the
// poller does not know.
func WriteTimeout(f *os.File, data []byte, timeout time.Duration) error {
	if timeout <= 0 {
		return writeChunks(f, data, nil)
	}
	if err := f.SetWriteDeadline(time.Time{}); err == nil && !forceWatchdog {
		defer f.SetWriteDeadline(time.Time{})
		return writeDeadline(f, data, timeout)
	}
	return writeWatched(f, data, timeout)
}

// forceWatchdog makes WriteTimeout use the goroutine and timer even for a
// file with deadlines, so that tests reach that path with a FIFO.
var forceWatchdog = false

func writeDeadline(f *os.File, data []byte, timeout time.Duration) error {
	for off := 0; off < len(data); {
		end := min(off+sendChunk, len(data))
		if err := f.SetWriteDeadline(time.Now().Add(timeout)); err != nil {
			return err
		}
		n, err := f.Write(data[off:end])
		off += n
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return stalled(off, len(data), timeout)
		}
		if err != nil {
			return fmt.Errorf("at byte %d: %w", off, err)
		}
	}
	return nil
}

// writeChunks writes data chunk by chunk, reporting progress (the number
// of bytes written) on the channel when there is one.
func writeChunks(f *os.File, data []byte, progress chan int) error {
	for off := 0; off < len(data); {
		end := min(off+sendChunk, len(data))
		n, err := f.Write(data[off:end])
		off += n
		if progress != nil {
			select { // the watcher only needs the latest count
			case progress <- off:
			default:
				select {
				case <-progress:
				default:
				}
				progress <- off
			}
		}
		if err != nil {
			return fmt.Errorf("at byte %d: %w", off, err)
		}
	}
	return nil
}

func writeWatched(f *os.File, data []byte, timeout time.Duration) error {
	progress := make(chan int, 1)
	done := make(chan error, 1)
	go func() { done <- writeChunks(f, data, progress) }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	sent := 0
	for {
		select {
		case err := <-done:
			return err
		case sent = <-progress:
			timer.Reset(timeout)
		case <-timer.C:
			select {
			case sent = <-progress: // went through just now
				timer.Reset(timeout)
				continue
			case err := <-done:
				return err
			default:
			}
			return stalled(sent, len(data), timeout)
		}
	}
}

func stalled(sent, total int, timeout time.Duration) error {
	return fmt.Errorf("%w after %d of %d bytes: nothing went through for %v (is the machine paused, out of media, or switched off? --send-timeout sets the wait)",
		ErrStalled, sent, total, timeout)
}
