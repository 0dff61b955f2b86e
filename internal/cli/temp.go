package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Temporary files (the hidden file an output is written to before the
// rename, the slicer's layer spill file) are named
// PREFIX<pid>-<random> and registered here while they exist, so that
//   - a caught signal (SIGINT, SIGTERM, SIGHUP) removes them before the
//     process exits (SignalContext), and
//   - a later run removes the ones a killed process (kill -9, power loss)
//     left behind: their pid is no longer running (RemoveStale).
var temps struct {
	sync.Mutex
	names map[string]bool
}

// CreateTemp creates a temporary file in dir named prefix<pid>-<random>,
// first removing the stale ones with that prefix, and registers it for
// removal on a signal. Remove it with RemoveTemp.
func CreateTemp(dir, prefix string) (*os.File, error) {
	RemoveStale(dir, prefix)
	f, err := os.CreateTemp(dir, prefix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return nil, err
	}
	temps.Lock()
	if temps.names == nil {
		temps.names = map[string]bool{}
	}
	temps.names[f.Name()] = true
	temps.Unlock()
	return f, nil
}

// RemoveTemp closes and removes a file made by CreateTemp.
func RemoveTemp(f *os.File) {
	f.Close()
	os.Remove(f.Name())
	Forget(f.Name())
}

// Forget unregisters a temporary file that was renamed into place.
func Forget(name string) {
	temps.Lock()
	delete(temps.names, name)
	temps.Unlock()
}

// RemoveTemps removes every registered temporary file (on a signal).
func RemoveTemps() {
	temps.Lock()
	defer temps.Unlock()
	for n := range temps.names {
		os.Remove(n)
		delete(temps.names, n)
	}
}

// RemoveStale removes the files dir/prefix<pid>-* that this user owns and
// whose pid is not a running process: what a killed run left behind. A
// file whose pid is running (another usinette at work, or a reused pid) is
// left alone.
func RemoveStale(dir, prefix string) {
	names, _ := filepath.Glob(filepath.Join(dir, globEscape(prefix)+"*"))
	for _, n := range names {
		rest := strings.TrimPrefix(filepath.Base(n), prefix)
		ps, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(ps)
		if !ok || err != nil || pid <= 0 || pid == os.Getpid() || running(pid) {
			continue
		}
		if !ownedRegular(n) {
			continue
		}
		os.Remove(n)
	}
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}

// Signals are the signals SignalContext catches.
var Signals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// Grace is how long SignalContext lets a cancelled command wind down before
// it removes the temporary files and exits itself.
var Grace = 2 * time.Second

// SignalContext returns a context cancelled by SIGINT, SIGTERM or SIGHUP.
// Commands that honour the context stop and remove their temporary files
// themselves; if the command is still running Grace later, or on a second
// signal, the registered temporary files are removed and the process exits
// with 128+signal. stop ends the watch and returns the signal received, if
// any.
func SignalContext(parent context.Context) (ctx context.Context, stop func() os.Signal) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, Signals...)
	var mu sync.Mutex
	var got os.Signal
	done := make(chan struct{})
	go func() {
		var timer <-chan time.Time
		for {
			select {
			case s := <-ch:
				mu.Lock()
				first := got == nil
				got = s
				mu.Unlock()
				cancel()
				if first {
					timer = time.After(Grace)
					continue
				}
				exitOn(s)
			case <-timer:
				mu.Lock()
				s := got
				mu.Unlock()
				exitOn(s)
			case <-done:
				return
			}
		}
	}()
	return ctx, func() os.Signal {
		signal.Stop(ch)
		close(done)
		cancel()
		mu.Lock()
		defer mu.Unlock()
		return got
	}
}

func exitOn(s os.Signal) {
	RemoveTemps()
	fmt.Fprintf(os.Stderr, "usinette: %v: stopped, nothing written\n", s)
	os.Exit(ExitCode(s))
}

// ExitCode is the shell's code for a process ended by s: 128 + its number.
func ExitCode(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 1
}
