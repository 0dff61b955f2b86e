// Package vector reads SVG as Inkscape writes it into shapes in page
// millimetres (layers, ids, colours, visibility, clones), plans the cut of a
// vinyl or flex cutter (holes first, short travel, overcut, blade offset,
// mirroring, weeding), and writes GPGL for Silhouette cutters, HPGL for other
// cutters, and SVG/PNG previews of the plan.
//
// Coordinates are float64 millimetres with y down, as in SVG.
package vector
