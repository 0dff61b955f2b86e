// Package cut plans the cut of a vinyl or flex cutter from the shapes of an
// SVG document (package vector) and writes it in the cutter's language.
//
// Planning: NewPlan orders the subpaths so that a contour inside another is
// cut first (the piece must not move before its holes are cut), then
// shortens travel; closed contours get a lead-in and an overcut, a drag
// knife's offset can be compensated, flex is mirrored, weeding boxes and
// lines can be added. Designs larger than the media are refused with
// ErrTooLarge; Tile splits them into panels.
//
// Formats: each output format is one file of this package and one type
// that implements Format — GPGL for Silhouette cutters (checked command for
// command against inkscape-silhouette's streams), HPGL for other cutters
// (the plot Inkscape's HPGL export makes, checked against its files), SVG
// for other software. Pictures of a plan are drawn by package preview.
//
// Coordinates are float64 millimetres with y down, as in SVG.
package cut
