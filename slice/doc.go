// Package slice turns a triangle mesh into printable layers: it places the
// model on the bed, cuts it at mid-layer into polygons with holes, and plans
// perimeters, solid and sparse infill, skirt and brim for each layer; then it
// writes G-code for a Marlin/Prusa printer through the gcode package.
//
// Geometry is int64 micrometres (internal/geom). Slicing takes a
// context.Context, uses every core, and keeps no global state.
package slice
