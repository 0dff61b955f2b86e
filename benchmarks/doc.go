// Package benchmarks measures usinette's pipelines on models the project
// generates (a 638,400-triangle sphere, a 1,000,000-triangle torus knot, thin
// walls, a grid of 100 small cylinders) and on the shared corpus (3DBenchy,
// the Stanford bunny, OpenSCAD's ASCII sphere; skipped when the corpus is
// absent):
//
//	BenchmarkReadSTL   STL bytes -> triangle soup (stl.DecodeBytes), MB/s
//	BenchmarkWeld      soup -> welded, repaired mesh (mesh.FromTriangles)
//	BenchmarkSlice     placed mesh -> layers (slice.Slice), with the time of
//	                   each stage: contours, perimeters, classification
//	                   (solid/sparse), infill
//	BenchmarkGCode     layers -> G-code (slice.WriteGCode), MB/s
//	BenchmarkPipeline  STL bytes -> G-code, the whole job, with triangles/s
//	                   and layers/s
//
// The BenchmarkScale* benchmarks (scaling_test.go) run one job each at 1×,
// 2×, 5× and 10× the largest input of its kind in the corpus, generated in
// the benchmark: weld and repair of a degenerate mesh, slicing, cut
// planning, embroidery fill and satin on many shapes, PES and DST encode
// and decode. Besides ns/op they report the input size n and the processor
// time per op (cpu-ns/op); the script scaling prints the exponent of the
// growth between sizes (1 is linear, 2 quadratic), and README.md states
// the figures and the complexity of each.
//
// Run them with
//
//	go test -run '^$' -bench . -count 6 ./benchmarks | tee new.txt
//	benchstat old.txt new.txt
//
// (CI runs `-benchtime=1x` so that they never rot). The script compare in
// this folder times the built CLI against PrusaSlicer and CuraEngine on the
// same models; README.md has the figures measured on the project machine.
//
// The package itself only lists the generated models (Generated), which
// the benchmarks and the genstl command share.
package benchmarks
