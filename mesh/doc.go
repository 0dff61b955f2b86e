// Package mesh is the triangle mesh that STL files load into and the slicer
// cuts: welded vertices in millimetres (float32 as STL stores them) and
// triangles as vertex indices, with the repairs that real files need.
//
// FromTriangles turns a triangle soup (what package stl decodes) into a Mesh:
//
//   - welding: corners with identical coordinates become one vertex (an
//     open-addressing hash table on the coordinate bits, -0 and +0 equal);
//     Options.WeldTolerance also merges corners closer than a tolerance,
//     through a hash grid;
//   - zero-area facets are dropped: collapsed ones (two corners on one
//     vertex) simply, collinear ones ("caps", three distinct corners on a
//     line) by splitting the facet across their long edge so that no
//     T-junction is left;
//   - each edge-connected shell is made consistently wound (the minority of
//     facets whose winding disagrees with their neighbours is reversed);
//   - open boundary edges (used by one facet) and non-manifold edges (used by
//     three or more) are counted.
//
// Everything found is reported in a Repairs value, whose JSON form is the
// `repairs` object of `usinette slice --json`.
//
// Methods place a mesh for printing: Bounds, Size, Scale, RotateX, RotateY,
// RotateZ, Translate, LayFlat (the largest face the model can stand on
// turned down: facets grouped by normal within 1° and by plane, the largest
// whose plane touches the convex hull, when it has 1 % of the surface), Place (centre on the bed, lowest
// point at z = 0) and Fit (an error giving the model's size and the bed's
// when it does not fit). Volume,
// Area and Check measure without changing anything.
//
// Arrange puts several meshes side by side on a bed (shelf packing, a gap
// between objects, the group centred) and Merge joins them into one mesh for
// the slicer; UnitHint spots a model drawn in centimetres, inches or metres.
//
// Files: ReadFile and Decode read any registered format, told apart by
// content (Detect) before the extension. The readers register themselves
// when imported, like image formats: mesh/stl, mesh/threemf (3MF), mesh/obj.
//
// The methods that change a mesh change it in place; a Mesh is not safe for
// concurrent modification, but concurrent reads are fine.
package mesh
