//go:build !linux

package main

import "testing"

// openPTY: without Linux's /dev/ptmx ioctls the stream goes to /dev/null
// and its bytes are not checked (nil).
func openPTY(t *testing.T) (string, func(end []byte) []byte) { return "/dev/null", nil }
