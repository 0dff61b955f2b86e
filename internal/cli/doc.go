// Package cli holds the plumbing that every usinette command shares: writing
// output files atomically (temp file + rename, never a half-written file),
// progress on stderr only when it is a terminal, and JSON summaries.
//
// A user's file is never lost: CheckOutput refuses an output that is one of
// the inputs (os.SameFile, so links count) or a special file, WriteFile
// writes only regular files, OpenDevice opens only a character device and
// never truncates, Send gives up on a device that stops taking data instead
// of hanging, and temporary files (named with the pid) are removed on
// SIGINT, SIGTERM and SIGHUP (SignalContext) or by a later run once their
// process is gone (RemoveStale).
//
// It is internal: the product API is in the slice, gcode, vector, stitch and
// pes packages.
package cli
