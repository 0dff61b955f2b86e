//go:build unix

package gcode

import "syscall"

// cpuSeconds returns the CPU time (user + system) the process has used, to
// report throughput per CPU second beside wall-clock MB/s on a shared
// machine.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
