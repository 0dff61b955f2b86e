// Package corpus finds the shared real-world corpus (meshes, SVGs, G-code,
// cutter streams, PES files made by other tools) for tests and benchmarks.
//
// The corpus lives outside the repository, at ../shared/corpus from the
// module root, or wherever USINETTE_CORPUS points. Tests that need it call
// Dir or Path, which skip the test, naming the reason, when it is absent, so
// that `go test ./...` passes on a fresh clone without it. CI sets
// USINETTE_CORPUS_REQUIRED=1 (see .ci/run) so a missing corpus fails there
// instead of silently skipping.
//
// PrusaSlicer runs Debian's prusa-slicer on a corpus model, the oracle the
// slicer and the G-code estimator are held to, and caches its output.
package corpus
