// Package clip is the polygon clipping and offsetting the slicer needs —
// union, difference, intersection, inward/outward offsets with round, miter
// or square joins, and clipping open polylines to a region — over geom's
// int64 micrometre paths.
//
// The work is done by an Engine. The package functions use Sweep, the
// package's own: a scanbeam sweep that cuts the plane into trapezoids
// between event heights, keeps those the fill rule and operation say are
// inside, and links their sides into rings. It works in flat slices reused
// between calls, where github.com/ctessum/go.clipper (the Clipper engine,
// still here as the reference the tests compare against) allocates one
// heap object per input edge: on a sliced bunny that allocation set how
// often the garbage collector ran and was most of the slicer's time.
// Results are polygons with holes: outer rings counter-clockwise, holes
// clockwise, no collinear vertices. Open polylines (infill) are clipped by
// InsideLines: each segment is tested against the ring edges of a grid
// over the region, exactly, in integers.
//
// Very large unions may be done in spatial chunks (UnionChunked): groups of
// rings that cannot touch are swept separately.
package clip
