//go:build !unix

package gcode

func cpuSeconds() float64 { return 0 }
