// Package meshgen makes closed triangle meshes for tests, examples and
// benchmarks: a UV sphere, a torus, boxes, a block with a cylindrical hole,
// thin walls, a grid of small cylinders (many islands), a finely tessellated
// torus knot (about a million triangles), and Example, the model that
// `usinette slice --example` slices.
//
// Every mesh is closed (each edge is shared by exactly two triangles, with
// vertices shared by index) and wound counter-clockwise seen from outside, so
// its Volume is positive. Meshes made of several bodies keep them as separate
// shells; bodies may touch (Example's upper block stands on its base) but
// never share an edge. Coordinates are millimetres; each function documents
// where its mesh lies.
//
// The generators take sizes and segment counts and panic on nonsense values
// (programmer error); they keep no state and are safe for concurrent use.
package meshgen
