// Package outline draws thick lines as filled polygons for the previews of
// G-code, cut plans and stitches: a rectangle per segment and a disc per
// joint, all counter-clockwise so that under the non-zero rule overlaps
// add up instead of cancelling.
//
// Why not canvas's stroker: on dense self-crossing polylines (gap fill, tiny
// zigzags, satin stitches) its Stroke settles the outline with a
// Bentley–Ottmann sweep that took minutes on a 60k-move G-code, wrote debug
// files to the temp dir and then panicked. Filled pieces need no settling.
package outline
