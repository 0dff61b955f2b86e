// Package slice turns a triangle mesh into printable layers: it places the
// model on the bed, cuts it at mid-layer into polygons with holes, and plans
// perimeters, solid and sparse infill, skirt and brim for each layer; then it
// writes G-code for a Marlin/Prusa printer through the gcode package.
//
// Geometry is int64 micrometres (package geom). Slicing takes a
// context.Context, uses every core, and keeps no global state.
//
// Slice works in stages, each parallel over layers with results stored by
// layer index, so the output does not depend on scheduling:
//
//  1. Contours: facet adjacency is built once (welded vertex indices make
//     shared edges exact); each layer walks from facet to neighbouring facet
//     across the plane, so loops close without hashing points. Chains that
//     end at an open boundary are joined to the nearest free end and
//     reported (Result.Repairs). Rings are oriented by the winding of their
//     facets (majority vote, so flipped facets do no harm) and merged by a
//     non-zero union into polygons with holes (Result.Regions).
//  2. Perimeters: the external loop's centre lies ExternalPerimeterW/2
//     inside the outline, each further loop one PrusaSlicer spacing
//     w − h·(1 − π/4) further in; a loop that would overlap itself is
//     dropped, and a part too narrow for any loop gets one centre line no
//     wider than the part (Result.Thin). The first layer is first shrunk by
//     the elephant-foot compensation.
//  3. Shells: a point of the infill area is solid when the TopSolidLayers
//     layers above or the BottomSolidLayers layers below do not all cover it
//     (with EnsureVerticalShell, cover it beyond their perimeters' band), a
//     top surface when the next layer does not cover it, and a bridge when
//     the layer below does not.
//  4. Infill: scanlines at ±45° for solid areas, the configured pattern
//     (gyroid, grid, rectilinear) for sparse ones, linked into zig-zags;
//     islands are ordered by nearest start, perimeters inner to outer with
//     the external loop last and its seam aligned towards the back.
//
// # Settings
//
// Config.Validate is the one definition of a valid config: ReadINI (naming
// the line), the command line (naming the flag), Slice and Run all call it,
// and refuse a non-finite or out-of-range number with a *ConfigError that
// names the PrusaSlicer key and wraps ErrBadConfig. Run also refuses a model
// whose brim or skirt would leave the bed, before slicing (mesh.ErrTooBig).
package slice
