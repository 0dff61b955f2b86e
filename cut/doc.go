// Package cut plans the cut of a vinyl or flex cutter from the shapes of an
// SVG document (package vector) and writes it in the cutter's language.
//
// Planning: NewPlan cuts what Inkscape shows — a filled shape round the
// outline its fill rule paints, closed whatever its Z — and orders the
// contours so that one inside another is cut first (the piece must not move
// before its holes are cut), then shortens travel (nearest neighbour over a
// spatial index, then Or-opt); closed contours get a lead-in and an
// overcut, a drag knife's offset can be compensated, flex is mirrored,
// weeding boxes and lines can be added. Weld, Contour and Scale prepare the
// shapes (outline of overlapping pieces, sticker contour, --scale/--fit).
//
// Placement: a plan is in media coordinates, the same for every format.
// The design stays where Inkscape shows it on the page (the page's corner
// on the media origin), or PlanOptions.AtOrigin moves its corner to the
// origin. It is checked against the media (Media.Size: 12×12 in mat,
// 12×24 in mat, the 600 mm roll) and refused with ErrTooLarge, its size and
// place, when it does not fit; nothing is clipped. Points within
// EdgeTolerance of an edge are clamped onto the media. Tile splits a large
// design into panels (at most MaxPanels).
//
// Formats: each output format is one file of this package and one type
// that implements Format — GPGL for Silhouette cutters (checked command for
// command against inkscape-silhouette's streams), HPGL for other cutters
// (the plot Inkscape's HPGL export makes, checked against its files), SVG
// for other software. Pictures of a plan are drawn by package preview.
//
// Coordinates are float64 millimetres with y down, as in SVG.
package cut
