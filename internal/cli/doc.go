// Package cli holds the plumbing that every usinette command shares: writing
// output files atomically (temp file + rename, never a half-written file),
// progress on stderr only when it is a terminal, and JSON summaries.
//
// It is internal: the product API is in the slice, gcode, vector, stitch and
// pes packages.
package cli
