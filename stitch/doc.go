// Package stitch turns vector art into embroidery: running, bean, satin and
// fill stitches, ties, trims and colour blocks, the way Ink/Stitch users
// expect; and it defines Pattern, the neutral stitch model that the pes
// package encodes and decodes.
//
// Positions are float64 millimetres, x right and y down as in SVG.
//
// # Planning
//
// Plan takes the shapes of a vector.Document in document order. A filled
// shape becomes a tatami fill: underlay rows at +90° and three times the row
// spacing, then rows 0.25 mm apart of 3 mm stitches on a grid anchored at the
// page origin, staggered over 4 rows. Rows are cut into sections that are
// sewn back and forth; sections are joined by travel along a graph of the
// outline and the rows (gonum's graph package: Dijkstra shortest paths), so
// that a connected shape is sewn in one run without a jump, travel running
// along the outline or under rows not yet sewn. A stroke becomes a running
// stitch of 2.5 mm that hits every corner and stays within 0.2 mm of curves;
// an inkstitch:satin_column path (two rails, optional rungs) a satin column
// as Ink/Stitch builds it: rails told from rungs by their crossings, rails
// that are closed loops opened at one place and run the same way, the
// rails matched in proportion between rungs (or the sharp corners they
// share), 0.4 mm zigzag spacing measured on the outside of curves, optional
// center walk, contour and zigzag underlays, pull compensation (one value
// or one per side) and short-stitch inset on tight curves. inkstitch:* attributes override every default
// (corpus/pes/inkstitch_params.tsv lists them).
//
// inkstitch:fill_method picks the fill's top layer: contour_fill sews rings
// that follow the outline inward one row spacing apart, inner rings first
// and joined without a jump (contour_strategy 1 and 2, single and double
// spiral, for shapes whose rings nest in one chain); guided_fill sews
// copies of the guide line, a path of the fill's group marked with
// Ink/Stitch's guide-line marker, which is not sewn. In a plain SVG (no
// inkstitch:* parameter or command anywhere) a stroke wider than
// Options.AutoSatin (1 mm) is sewn as a satin column of its width.
// Report.Notes has one line per kind of thing not sewn as drawn, naming the
// elements: other fill methods (meander, tartan, ...), satin and stroke
// methods, gradients (sewn in their first stop's colour), translucency
// (sewn opaque), and what the SVG reader approximated; clip paths and
// masks are applied by the reader, as for cutting.
//
// Consecutive elements of one thread share a colour block (Options.SortColors
// gathers a thread's elements where that changes no stacking); a move of more
// than 3 mm between elements is tied off, trimmed (past Options.TrimAt) and
// jumped, a shorter one sewn; stitches under 0.1 mm are dropped and none is
// longer than 12.1 mm.
//
// Ink/Stitch's visual commands are obeyed and never sewn: the symbols it
// draws (<use xlink:href="#inkstitch_trim"> and the like), their connectors
// (paths with inkscape:connection-start/end), trim, stop, ignore_object,
// ignore_layer, starting_point (fill_start) and ending_point (fill_end), on
// an object or on a group (its members; trim and stop after the last);
// Report.Notes names the commands that are not supported.
//
// The design is centred on the hoop (the origin), turned 90° when it fits
// only that way (Options.Rotate, Report.Rotated), and refused with
// ErrTooLarge when it does not fit.
package stitch
