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
// Overlaps (knock-out): the edges of a shape hidden under an opaque fill or
// stroke painted above it (vector.Shape.FillOpaque, within its translucent
// groups), or lying on a lower fill of its own colour, show no edge in
// Inkscape's picture and are not cut; a gradient fill is cut only where it
// shows along its outline (vector.Shape.FillEdgeShown). Where translucent
// paint is involved, the colours either side of a cut line are composited
// as Inkscape paints them (vector.Shape.FillAlpha, StrokeAlpha) and a
// stretch whose sides differ by no more than 20/255 in any premultiplied
// channel is not cut: a faint fill over one of a close colour. Each shape is
// clipped (internal/clip) against the shapes near it only, found in a grid
// of their boxes: 100,000 labels plan in seconds. PlanOptions.Layered cuts
// every shape whole instead (layered vinyl, the HPGL Inkscape exports).
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
// Print and cut (RegMarks, GPGL.RegMarks, WritePrintPage): the page is
// printed with Silhouette's Cameo registration marks — a 5 mm filled square
// whose corner is Inset (10 mm) from the page's top-left corner, and two
// L's of 20 mm arms and 0.5 mm lines whose corner points are Inset from the
// top-right and bottom-left page corners — and the GPGL stream tells the
// Cameo to find them before cutting: TB50,0 TB99 TB52,2 (mark type Cameo)
// TB51,400 (arm 20 mm) TB53,10 (line 0.5 mm) TB55,1 and TB123,h,w,t,l (search
// automatically; h, w the distances between the marks, t, l where the search
// starts, Inset−10 mm), in 1/20 mm, as inkscape-silhouette sends them (its
// stream is compared byte for byte). The cut is then relative to the
// square's corner and must stay between the marks, off their corner zones.
// WritePrintPage wraps the SVG unchanged in a page with the marks; the
// marks and the shapes in that page, measured by Inkscape, agree with the
// stream to 0.1 mm (regmarks_test.go).
//
// Coordinates are float64 millimetres with y down, as in SVG.
package cut
