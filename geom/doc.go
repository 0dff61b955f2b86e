// Package geom is the integer geometry kernel of the toolpath code: points in
// micrometres as int64, paths as slices of points, exact predicates.
//
// Outer rings are counter-clockwise, holes clockwise, and the inside of a set
// of rings is decided by the non-zero rule. Deciding tests (orientation,
// side of a line) use exact integer arithmetic, never a float cross product.
package geom
