//go:build !unix

package cli

import "os"

// Without kill -0 a stale file cannot be told from a running one's: keep
// them all.
func running(pid int) bool { return true }

func ownedRegular(name string) bool { return false }

func openNonblock(name string) (*os.File, error) { return os.OpenFile(name, os.O_WRONLY, 0) }
