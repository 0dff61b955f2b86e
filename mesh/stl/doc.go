// Package stl reads STL triangle meshes, binary and ASCII, fast.
//
// Decode parses a whole file held in memory ([]byte from os.ReadFile or
// io.ReadAll) into a Soup: the triangles as they are in the file, three
// float32 corners each, facet normals dropped (the slicer recomputes what it
// needs from the winding). The triangles land in one slice allocated up front;
// there is no per-triangle allocation. ReadFile does the same for a path and
// prefixes errors with it, as in
//
//	model.stl: truncated at triangle 1204 (of 5000)
//
// # Binary or ASCII
//
// A binary STL is an 80-byte header, a little-endian uint32 triangle count n
// and n records of 50 bytes, so its size is exactly 84+50n. Some binary
// writers start the header with "solid", which is also how ASCII files start,
// so the size test decides first: a file whose size is 84+50n for the count it
// carries is binary, whatever its header says. Otherwise a file that starts
// with "solid" (after optional white space) is parsed as ASCII. Anything else
// is either a truncated binary file (the count promises more records than
// there are bytes and the records present look like coordinates) or not an STL.
//
// # ASCII numbers
//
// ASCII coordinates are converted with a hand-written parser that gives the
// same float32 as strconv.ParseFloat(s, 32): numbers with at most 7
// significant digits and a small decimal exponent (everything OpenSCAD,
// FreeCAD and Blender write) take an exact fast path; anything else falls
// back to strconv.
//
// # Errors
//
// Errors wrap one of the exported sentinels, so callers can test them with
// errors.Is: ErrNotSTL, ErrTruncated, ErrNonFinite, ErrEmpty, ErrSyntax,
// ErrTooLarge. Triangles in messages are numbered from 1, lines too.
//
// # Limits
//
// A model has at most MaxTriangles (10 million) triangles and a file at
// most MaxFileSize bytes (a binary STL of that many). Both are decided
// from the header and the file's size before anything is allocated, so a
// header claiming 4e9 triangles in a sparse file is refused at once, e.g.
//
//	huge.stl: too large: 4000000000 triangles, more than the limit of 10000000
//
// Turning the soup into an indexed mesh (welding, repairs) is the job of
// package mesh: see mesh.FromTriangles, or ReadMesh here which does both.
package stl
