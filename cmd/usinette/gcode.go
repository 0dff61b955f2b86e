package main

import (
	"bytes"
	"fmt"
	"github.com/usinette/usinette/preview"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/usinette/usinette/gcode"
	"github.com/usinette/usinette/internal/cli"
)

func newGcodeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gcode",
		Short: "Read any G-code: print time, filament, preview",
		Long: `Read G-code from any slicer (PrusaSlicer, Cura, Slic3r, usinette) and tell how long
the print takes on the printer and how much filament it uses, or draw its toolpaths.

The time is estimated the way the printer's firmware plans the moves (acceleration,
jerk at corners, look-ahead), with the Prusa i3 MK3S limits unless the file sets its own.`,
		Example: `  usinette gcode info benchy.gcode
  usinette gcode preview benchy.gcode -o benchy.png`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newGcodeInfoCmd(), newGcodePreviewCmd())
	return cmd
}

type gcodeInfoFlags struct {
	json, layers, quiet bool
	silent              bool
	diameter, density   float64
}

func newGcodeInfoCmd() *cobra.Command {
	var f gcodeInfoFlags
	cmd := &cobra.Command{
		Use:   "info FILE.gcode (- for stdin)",
		Short: "Print time, filament, layers and other figures of a G-code file",
		Long: `info reads a G-code file (any slicer; - reads stdin) and prints the estimated print
time, the filament used (length, volume, weight), the layers, the bounds of the print,
speeds, temperatures and the time per feature type. When the slicer wrote its own
estimate in the file, info shows it beside ours.

The time follows the firmware's planner with the machine limits the file sets
(M201/M203/M204/M205), else the Prusa i3 MK3S ones; --silent uses the MK3S
stealth-mode limits. The weight assumes PLA (1.24 g/cm³) unless told otherwise.
--json prints every figure as one JSON object (print_time_s, filament_mm,
filament_g, layers, bounds_mm, ...).`,
		Example: `  usinette gcode info benchy.gcode
  usinette gcode info --json --layers benchy.gcode
  usinette gcode info --filament-density 1.27 petg_part.gcode
  cat part.gcode | usinette gcode info -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGcodeInfo(cmd, args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&f.json, "json", false, "print all figures as one JSON object")
	fl.BoolVar(&f.layers, "layers", false, "add one row (JSON: one entry) per layer")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress bar")
	fl.BoolVar(&f.silent, "silent", false, "estimate for a printer in silent (stealth) mode")
	fl.Float64Var(&f.diameter, "filament-diameter", 1.75, "filament diameter, mm")
	fl.Float64Var(&f.density, "filament-density", 1.24, "filament density, g/cm³ (PLA 1.24, PETG 1.27, ABS 1.04)")
	return cmd
}

// analyzeFile runs gcode.Analyze on the file at path ("-" reads stdin).
func analyzeFile(cmd *cobra.Command, path string, opts gcode.Options, quiet bool) (*gcode.Stats, error) {
	var in io.Reader = cmd.InOrStdin()
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil {
			opts.Size = fi.Size()
		}
		in = f
	}
	p := cli.NewProgress(cmd.ErrOrStderr(), "reading "+path, quiet)
	opts.Progress = p.Update
	st, err := gcode.Analyze(cmd.Context(), in, opts)
	p.Done()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := gcode.NotGcode(st); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return st, nil
}

func runGcodeInfo(cmd *cobra.Command, path string, f gcodeInfoFlags) error {
	if f.diameter <= 0 || f.density <= 0 {
		return usageError("--filament-diameter and --filament-density must be positive")
	}
	opts := gcode.Options{FilamentDiameter: f.diameter, FilamentDensity: f.density}
	if f.silent {
		l := gcode.MK3SSilentLimits()
		opts.Limits = &l
	}
	st, err := analyzeFile(cmd, path, opts, f.quiet)
	if err != nil {
		return err
	}
	if !f.layers {
		st.PerLayer = nil
	}
	out := cmd.OutOrStdout()
	if f.json {
		return cli.PrintJSON(out, struct {
			File string `json:"file"`
			*gcode.Stats
		}{path, st})
	}
	return printGcodeInfo(out, path, st, f.layers, f.silent)
}

func printGcodeInfo(out io.Writer, path string, st *gcode.Stats, layers, silent bool) error {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	row := func(k, format string, a ...any) { fmt.Fprintf(tw, "%s\t%s\n", k, fmt.Sprintf(format, a...)) }
	file := path
	if st.Generator != "" {
		file += " (" + st.Generator + ")"
	}
	row("file", "%s", file)
	heights := make([]string, len(st.LayerHeights))
	for i, h := range st.LayerHeights {
		heights[i] = fmt.Sprintf("%g", h)
	}
	if len(heights) > 0 {
		row("layers", "%d (heights %s mm)", st.Layers, strings.Join(heights, ", "))
	} else {
		row("layers", "%d", st.Layers)
	}
	t := fmt.Sprintf("%s (%.0f s)", gcode.FormatDuration(st.PrintTimeS), st.PrintTimeS)
	ref, mode := st.Reported.PrintTimeS, ""
	if silent {
		ref, mode = st.Reported.SilentPrintTimeS, " in silent mode"
	}
	if ref > 0 {
		t += fmt.Sprintf("; the slicer says %s (%+.1f %%)", gcode.FormatDuration(ref), 100*(st.PrintTimeS-ref)/ref)
	}
	row("print time"+mode, "%s", t)
	row("filament", "%.1f mm, %.2f cm³, %.2f g (%.2f mm, %.2f g/cm³)", st.FilamentMM, st.FilamentCM3, st.FilamentG,
		st.FilamentDiameterMM, st.FilamentDensityGCm3)
	fil := fmt.Sprintf("%.1f mm", st.PrintFilamentMM)
	if st.Reported.FilamentMM > 0 {
		fil += fmt.Sprintf("; the slicer says %.1f mm", st.Reported.FilamentMM)
	}
	row("  print only", "%s (no start G-code, purge line)", fil)
	b := st.Bounds
	row("print bounds", "X %.2f..%.2f  Y %.2f..%.2f  Z %.2f..%.2f mm", b.MinX, b.MaxX, b.MinY, b.MaxY, b.MinZ, b.MaxZ)
	b = st.MoveBounds
	row("move bounds", "X %.2f..%.2f  Y %.2f..%.2f  Z %.2f..%.2f mm", b.MinX, b.MaxX, b.MinY, b.MaxY, b.MinZ, b.MaxZ)
	row("max speeds", "print %.0f mm/s, travel %.0f mm/s, flow %.1f mm³/s", st.MaxPrintSpeed, st.MaxTravelSpeed, st.MaxVolumetricSpeed)
	row("temperatures", "nozzle %s °C, bed %s °C", joinFloats(st.NozzleTemps), joinFloats(st.BedTemps))
	row("retractions", "%d", st.Retractions)
	row("lines", "%d (%d moves, %d unknown commands)", st.Lines, st.Moves, st.UnknownCommands)
	types := make([]string, 0, len(st.TimeByType))
	for k := range st.TimeByType {
		types = append(types, k)
	}
	sort.Slice(types, func(i, j int) bool {
		a, b := st.TimeByType[types[i]], st.TimeByType[types[j]]
		return a > b || a == b && types[i] < types[j]
	})
	for i, k := range types {
		key := ""
		if i == 0 {
			key = "time by type"
		}
		pct := 0.0
		if st.PrintTimeS > 0 {
			pct = 100 * st.TimeByType[k] / st.PrintTimeS
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%4.1f %%\n", key, k, gcode.FormatDuration(st.TimeByType[k]), pct)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if layers && len(st.PerLayer) > 0 {
		fmt.Fprintln(out)
		tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "layer\tz mm\theight mm\tstart\ttime s\tfilament mm\t")
		for _, l := range st.PerLayer {
			fmt.Fprintf(tw, "%d\t%.3f\t%.3f\t%s\t%.1f\t%.2f\t\n", l.Index, l.Z, l.Height, gcode.FormatDuration(l.StartS), l.TimeS, l.FilamentMM)
		}
		return tw.Flush()
	}
	return nil
}

func joinFloats(v []float64) string {
	if len(v) == 0 {
		return "-"
	}
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprintf("%g", x)
	}
	return strings.Join(s, "/")
}

type gcodePreviewFlags struct {
	out       string
	layer     int
	travel    bool
	width     int
	lineWidth float64
}

func newGcodePreviewCmd() *cobra.Command {
	var f gcodePreviewFlags
	cmd := &cobra.Command{
		Use:   "preview FILE.gcode (- for stdin) -o OUT.png",
		Short: "Draw the toolpaths of a G-code file seen from above (PNG)",
		Long: `Draw the toolpaths of a G-code file seen from above, feature types in distinct colours
(perimeters yellow/orange, infill red, solid infill purple, skirt teal, support green...).
All layers are drawn, lower ones darker, unless --layer picks one (layers are numbered
from 1, as "gcode info --layers" lists them). The picture is framed on the print itself
(not the purge line), 1000 pixels wide by default.`,
		Example: `  usinette gcode preview benchy.gcode -o benchy.png
  usinette gcode preview benchy.gcode --layer 12 --travel -o layer12.png`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.out == "" {
				return usageError("missing -o OUT.png (or .svg)")
			}
			format, err := pictureFormat(f.out)
			if err != nil {
				return err
			}
			if f.layer < 0 || f.width < 0 || f.lineWidth < 0 {
				return usageError("--layer, --width and --line-width must not be negative")
			}
			if f.width > 20000 {
				return usageError("--width %d: at most 20000 pixels", f.width)
			}
			if err := checkOutput(f.out, args[0]); err != nil {
				return err
			}
			var in io.ReadSeeker
			if args[0] == "-" {
				// Preview reads twice (extent, then drawing): keep stdin.
				b, err := io.ReadAll(cmd.InOrStdin())
				if err != nil {
					return fmt.Errorf("stdin: %w", err)
				}
				in = bytes.NewReader(b)
			} else {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				defer f.Close()
				in = f
			}
			p := cli.NewProgress(cmd.ErrOrStderr(), "drawing "+args[0], true)
			defer p.Done()
			opts := preview.GCodeOptions{Format: format, Layer: f.layer, Travel: f.travel, Width: f.width, LineWidth: f.lineWidth}
			return cli.WriteFile(cmd.OutOrStdout(), f.out, func(w io.Writer) error {
				if err := preview.GCode(cmd.Context(), w, in, opts); err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				return nil
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.out, "output", "o", "", "picture to write (.png or .svg; - for stdout, PNG)")
	fl.IntVar(&f.layer, "layer", 0, "draw only this layer (1-based); 0 draws all")
	fl.BoolVar(&f.travel, "travel", false, "draw travel moves too")
	fl.IntVar(&f.width, "width", 1000, "picture width in pixels (at most 20000)")
	fl.Float64Var(&f.lineWidth, "line-width", 0.45, "extrusion width drawn, mm")
	return cmd
}
