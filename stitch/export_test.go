package stitch

// Test helpers shared with the external test package (stitch_test), which
// may import pes (pes imports stitch).
var (
	TestShapes     = testShapes
	Square100Holes = square100Holes
)
