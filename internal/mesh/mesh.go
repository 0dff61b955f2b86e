// Package mesh is the triangle mesh that STL files load into and the slicer
// cuts: welded vertices in millimetres (float32 as STL stores them) and
// triangles as vertex indices, with the repairs that real files need.
package mesh

// Vec3 is a vertex position in millimetres.
type Vec3 struct{ X, Y, Z float32 }

// Mesh is an indexed triangle mesh. Triangles wind counter-clockwise seen
// from outside where the source file got it right; the slicer does not rely
// on it (it orients contours by the non-zero rule after chaining).
type Mesh struct {
	Vertices  []Vec3
	Triangles [][3]uint32
}
