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
