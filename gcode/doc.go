// Package gcode is G-code as data: a streaming parser for Marlin/Prusa
// G-code, a time estimator that models the printer firmware's motion planner,
// statistics (layers, time per layer and per feature type, filament, bounds,
// speeds, temperatures) and Walk, which replays the moves for pictures
// (package preview draws them; this package links no renderer). The
// low-level Writer that the slicer emits G-code with lives here too.
//
// Analyze is the one-call entry point:
//
//	st, err := gcode.Analyze(ctx, f, gcode.Options{})
//	fmt.Println(st.Layers, st.PrintTimeS, st.FilamentMM, st.FilamentG)
//
// Underneath, Scanner parses lines into Commands without allocating, and
// Estimator executes them: positions, modes, flow and speed overrides,
// machine limits (M201/M203/M204/M205) and the planner, which times every
// move with a trapezoid velocity profile, the classic jerk junction rule of
// Marlin 1.x / Prusa firmware and a look-ahead over a bounded window of
// moves. The default machine is the Prusa i3 MK3S (MK3SLimits).
//
// The estimate agrees with PrusaSlicer's own "; estimated printing time
// (normal mode)" to within 0.5 % on the corpus: both model the same
// firmware. PrusaSlicer 2.5 plans its forward pass before its backward pass,
// which lets a few junctions run faster than the blocks before them can
// reach; this package plans backward then forward as the firmware does, and
// comes out up to 0.5 % longer on files with many short segments. What
// neither models: homing and mesh bed levelling (G28, G80), heating waits
// (M109, M190) and the firmware's slowdown when its queue runs dry
// (minimum segment time, which acts only then).
//
// Estimator also implements io.Writer, so a G-code writer can tee its output
// into one and get the time of every layer (Stats.PerLayer) for M73 progress
// lines and its footer. A program that generates the moves itself can skip
// the text: Planner is the same planner model fed with moves directly (the
// slicer times its layers with it), and FormatDuration writes the time as
// footers do.
package gcode
