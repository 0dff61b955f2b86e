// Package scanline fills a region with parallel lines: it intersects evenly
// spaced lines at a given angle with the region's rings and keeps the spans
// inside (even-odd, which for the disjoint rings a union returns is the same
// as non-zero). It is the slicer's infill generator: one sweep over the
// region's edges instead of a general clipper run, and exact enough (the
// only rounding is of the rotated coordinates, below a micrometre).
package scanline
