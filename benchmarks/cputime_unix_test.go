//go:build unix

package benchmarks

import (
	"syscall"
	"time"
)

// cpuTime returns the processor time (user + system, all threads) the
// process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
