// Package vector reads SVG as Inkscape writes it into shapes in page
// millimetres: layers, ids, colours, visibility, clones. It is the document
// model that cutting (package cut) and embroidery (package stitch) start
// from.
//
// Coordinates are float64 millimetres with y down, as in SVG.
//
// Read walks the XML itself (encoding/xml) and resolves units (mm, cm, in,
// pt, pc, px at 96 per inch), the viewBox with preserveAspectRatio, nested
// transforms (Matrix), <use> chains, the CSS cascade (presentation
// attributes, simple <style> selectors, the style attribute, inheritance)
// and Inkscape's visibility rules (nothing is read that Inkscape does not
// draw: fill and stroke none or transparent, zero opacity, hidden layers).
// clip-path and mask are applied with the project's clipper (a mask as a
// clip by its light shapes), <symbol> viewBoxes sized by their <use>, and
// .svgz read. Growth is bounded: MaxUses, MaxUseDepth, MaxPathSegments,
// MaxPoints, MaxSVGZ (ErrLimit). Path data is parsed here, keeping
// collinear back-and-forth segments that a knife must cut. Béziers are
// flattened with Wang's bound and elliptical arcs by uniform angle steps
// bounded through the transform's largest stretch, so no chord strays more
// than the tolerance from the curve. Select keeps the shapes of chosen
// layers or colours.
//
// The package draws nothing and links no renderer.
package vector
