// Package clip is the polygon clipping and offsetting the slicer needs —
// union, difference, intersection, inward/outward offsets with round or miter
// joins, and clipping open polylines to a region — over geom's int64
// micrometre paths.
//
// The work is done by an Engine; the package functions use the default one,
// which wraps github.com/ctessum/go.clipper (Clipper 1, integer, exact). The
// interface lets another engine replace it without touching callers. Results
// are polygons with holes: outer rings counter-clockwise, holes clockwise.
//
// Very large unions are done in spatial chunks (UnionChunked) because a single
// Vatti sweep over many thousands of rings is slow in the wrapped library.
package clip
