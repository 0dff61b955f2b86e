// Package vector reads SVG as Inkscape writes it into shapes in page
// millimetres (layers, ids, colours, visibility, clones), plans the cut of a
// vinyl or flex cutter (holes first, short travel, overcut, blade offset,
// mirroring, weeding, tiling), and writes GPGL for Silhouette cutters, HPGL
// for other cutters, and SVG/PNG previews of the plan.
//
// Coordinates are float64 millimetres with y down, as in SVG.
//
// Reading: Read walks the XML itself (encoding/xml) and resolves units
// (mm, cm, in, pt, pc, px at 96 per inch), the viewBox with
// preserveAspectRatio, nested transforms, <use> chains, the CSS cascade
// (presentation attributes, simple <style> selectors, the style attribute,
// inheritance) and Inkscape's visibility rules. Path data is parsed here
// (tdewolff/canvas' parser merges collinear back-and-forth segments that a
// knife must cut); canvas transforms and flattens elliptical arcs, Béziers
// are flattened with Wang's bound so no chord strays more than the
// tolerance.
//
// Cutting: PlanCut orders the subpaths so that a contour inside another is
// cut first, then shortens travel; WriteGPGL emits the Cameo 4 Pro stream
// (checked command for command against inkscape-silhouette), WriteHPGL the
// plot Inkscape's HPGL export makes (checked against its files).
package vector
