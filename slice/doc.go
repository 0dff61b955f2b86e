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
//     dropped, and a part too narrow for any loop gets one centre line as
//     wide as the part, up to two nozzles (Result.Thin); a core left between
//     the innermost loops that infill cannot fill gets a gap-fill line. The
//     first layer is first shrunk by the elephant-foot compensation, except
//     where that would leave less than one loop's width. Loop stretches
//     farther than half a nozzle from the layer below are overhang
//     perimeters (bridge speed and fan).
//  3. Shells: a point of the infill area is a top surface when the next
//     layer does not cover it, a bridge when the layer below does not (top
//     and bottom surfaces reach 3 mm into the infill area around them, as
//     PrusaSlicer's do). Without EnsureVerticalShell it is solid when the
//     TopSolidLayers layers above or the BottomSolidLayers layers below do
//     not all cover it. With it (the default), by PrusaSlicer's rule, it is
//     solid when one of the TopSolidLayers−1 layers above (BottomSolidLayers−1
//     below) has a top (bottom) surface within a solid spacing of it, or has
//     no infill area there, keeping only the solid parts at least a solid
//     spacing wide: a slope that moves less than that over the shell gets
//     none. Solid infill over the layer below's sparse infill is an
//     internal bridge (bridge speed, flow and fan).
//  4. Infill: scanlines at ±45° for solid areas, the configured pattern
//     (gyroid, grid, rectilinear) for sparse ones, linked into zig-zags;
//     islands are ordered by nearest start, perimeters inner to outer with
//     the external loop last and its seam aligned towards the back.
//  5. Supports (Config.Support, off by default as in the MK3S profile),
//     computed from the contours of stage 1 before the others: see
//     support.go. Their lines go first in each layer, after the skirt, as
//     ;TYPE:Support material and Support material interface.
//
// Off by default as in the MK3S profile, each in its own file: a raft
// (Config.RaftLayers, raft.go: support-material layers under the model,
// which is lifted onto them), the brim's sides and gap (BrimType,
// BrimSeparation, skirt.go), vase mode (SpiralVase, vase.go: solid bottom,
// then one loop per layer with Z rising along it) and ironing (Ironing,
// ironing.go, ;TYPE:Ironing), each compared with PrusaSlicer 2.5's output in
// its tests.
//
// File reads STL, 3MF and OBJ (told apart by content, see mesh.ReadFile).
// Plate arranges several objects and copies on one bed for Run.
//
// # Settings
//
// Config.Validate is the one definition of a valid config: ReadINI (naming
// the line), the command line (naming the flag), Slice and Run all call it,
// and refuse a non-finite or out-of-range number with a *ConfigError that
// names the PrusaSlicer key and wraps ErrBadConfig. Run also refuses a model
// whose brim or skirt would leave the bed, before slicing (mesh.ErrTooLarge).
//
// ReadINI knows every key of PrusaSlicer 2.5's FFF config (inikeys.go): a
// key Config does not read is either without effect on the print
// (interface, print host, the wipe tower of a one-extruder printer: listed
// in INIResult.Unknown) or changes it, and then is accepted only at the
// value usinette prints (fuzzy_skin = none, infill_every_layers = 1...);
// any other value is an *UnsupportedError naming the line, key and value.
//
// Custom G-code is data in the Config, in PrusaSlicer's placeholder
// language (macro.go): start and end, before_layer_gcode and layer_gcode
// around each layer change's Z move, color_change_gcode and
// pause_print_gcode at a LayerEvent.
package slice
