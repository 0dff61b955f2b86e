package main

import (
	"errors"
	"fmt"
	"github.com/usinette/usinette/preview"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/usinette/usinette/dst"
	"github.com/usinette/usinette/internal/cli"
	"github.com/usinette/usinette/pes"
	"github.com/usinette/usinette/stitch"
	"github.com/usinette/usinette/vector"
)

// stitchReport is what `usinette stitch --json` prints.
type stitchReport struct {
	Input         string   `json:"input"`
	Output        string   `json:"output"`
	Preview       string   `json:"preview,omitempty"`
	Stitches      int      `json:"stitches"`
	Jumps         int      `json:"jumps"`
	Trims         int      `json:"trims"`
	ColorChanges  int      `json:"color_changes"`
	Colors        int      `json:"colors"`
	Width         float64  `json:"width_mm"`
	Height        float64  `json:"height_mm"`
	LongestStitch float64  `json:"longest_stitch_mm"`
	Thread        float64  `json:"thread_mm"`
	SewingTime    float64  `json:"sewing_time_s"`
	Hoop          string   `json:"hoop"`
	Elements      int      `json:"elements"`
	Skipped       []string `json:"skipped"`
	// Commands counts the Ink/Stitch commands obeyed (trim, stop, ...).
	Commands map[string]int `json:"commands"`
	Notes    []string       `json:"notes"`
	Rotated  bool           `json:"rotated"`
}

// stitchOptions are the flags of `usinette stitch`, in one place as the other commands keep theirs.
type stitchOptions struct {
	output     string
	previewOut string
	pesVersion int
	hoopName   string
	spm        float64
	asJSON     bool
	quiet      bool
	noPull     bool
	trimAt     float64
	rotateArg  string
	scale      float64
	fitArg     string
	sortColors bool
	autoSatin  float64
}

func newStitchCmd() *cobra.Command {
	o := &stitchOptions{}
	cmd := &cobra.Command{
		Use:   "stitch FILE.svg -o OUT.pes|OUT.dst [--preview OUT.png|OUT.svg]",
		Short: "Vector art (Inkscape SVG) to embroidery for the Brother 870SE",
		Long: `stitch plans the embroidery of an Inkscape SVG the way Ink/Stitch does:
filled shapes become tatami fill with underlay, strokes running stitch,
inkstitch:satin_column paths satin columns; inkstitch:* parameters on the
elements override the defaults (fill_method contour_fill and guided_fill
included). In an SVG without Ink/Stitch parameters, strokes wider than
--auto-satin (1 mm) are sewn as satin columns of their width. What is not
sewn as drawn (other fill methods, gradients, transparency) is noted on
stderr. Shapes are sewn in document order (--sort-colors
gathers each thread where stacking allows), consecutive shapes of one thread in
one block, with lock stitches, trims on jumps past --trim-at (3 mm) and where
inkstitch:trim_after / stop_after ask, and no stitch over 12.1 mm.
Ink/Stitch's visual commands (trim, stop, ignore object/layer, fill starting
and ending point, on an object or a group) are obeyed and their symbols never sewn. The design is centred on the
hoop, turned 90° when it fits only that way (said on stderr; --rotate), and
refused when it does not fit; --scale and --fit WxH resize it.

The output format follows the extension: .pes (PES v1 as Ink/Stitch writes it,
--pes-version 6 for exact thread colours) or .dst. --preview draws the
stitches to a PNG or SVG.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := args[0]
			if o.output == "" {
				return usageError("-o OUT.pes or OUT.dst is required")
			}
			format := strings.ToLower(filepath.Ext(o.output))
			if format != ".pes" && format != ".dst" {
				return usageError("%s: unknown embroidery format %q (want .pes or .dst)", o.output, filepath.Ext(o.output))
			}
			if o.pesVersion != 1 && o.pesVersion != 6 {
				return usageError("--pes-version %d: want 1 or 6", o.pesVersion)
			}
			var pvFormat preview.Format
			if o.previewOut != "" {
				var err error
				if pvFormat, err = pictureFormat(o.previewOut); err != nil {
					return err
				}
			}
			if o.spm <= 0 {
				return usageError("--spm %g: want stitches per minute > 0", o.spm)
			}
			hoop, err := stitch.ParseHoop(o.hoopName)
			if err != nil {
				return usageError("--hoop: %w", err)
			}

			rotate, err := stitch.ParseRotation(o.rotateArg)
			if err != nil {
				return usageError("--rotate: %w", err)
			}
			if o.scale <= 0 || math.IsNaN(o.scale) || math.IsInf(o.scale, 0) || o.scale > 100 {
				return usageError("--scale %g: want a factor > 0 and <= 100", o.scale)
			}
			var fit stitch.Hoop
			if o.fitArg != "" {
				if o.scale != 1 {
					return usageError("--fit and --scale: choose one")
				}
				if fit, err = stitch.ParseHoop(o.fitArg); err != nil {
					return usageError("--fit: %w", err)
				}
			}

			if err := checkOutput(o.output, in); err != nil {
				return err
			}
			if err := checkOutput(o.previewOut, in, o.output); err != nil {
				return err
			}
			doc, err := vector.ReadFile(in, vector.ReadOptions{Name: in})
			if err != nil {
				return err
			}
			stderr := cmd.ErrOrStderr()
			for _, id := range doc.Unconverted {
				fmt.Fprintf(stderr, "usinette: %s: text %q is not a path and is not stitched (Inkscape: Path > Object to Path)\n", in, id)
			}
			if o.fitArg != "" {
				k, ok := fitScale(doc.Shapes, fit, rotate)
				if !ok {
					return fmt.Errorf("%s: --fit: the drawing has no size to scale", in)
				}
				o.scale = k
			}
			prog := cli.NewProgress(stderr, "stitch", o.quiet)
			plan := func() (*stitch.Pattern, stitch.Report, error) {
				return stitch.Plan(cmd.Context(), doc, stitch.Options{
					HoopWidth: hoop.Width, HoopHeight: hoop.Height,
					NoPullCompensation: o.noPull,
					TrimAt:             o.trimAt,
					SortColors:         o.sortColors,
					AutoSatin:          o.autoSatin,
					Rotate:             rotate,
					Scale:              o.scale,
					Progress:           prog.Update,
				})
			}
			pat, rep, err := plan()
			// stitches reach past the paths (satin pull compensation,
			// fill expansion): shrink by what overshoots, twice at most
			for try := 0; o.fitArg != "" && err == nil && try < 2; try++ {
				k := fitShrink(rep.Width, rep.Height, fit, rotate)
				if k >= 1 {
					break
				}
				o.scale *= k
				pat, rep, err = plan()
			}
			prog.Done()
			if o.fitArg != "" && err == nil && !o.quiet {
				fmt.Fprintf(stderr, "usinette: %s: scaled by %.4g to fit %g x %g mm\n", in, o.scale, fit.Width, fit.Height)
			}
			if err != nil {
				if errors.Is(err, stitch.ErrTooLarge) {
					return fmt.Errorf("%s: %w (choose a bigger --hoop: 260x160, 130x180, 100x100, or scale the drawing)", in, err)
				}
				return fmt.Errorf("%s: %w", in, err)
			}
			if rep.Rotated {
				// said even with -q: the file is not the drawing's way up
				fmt.Fprintf(stderr, "usinette: %s: turned 90° clockwise to fit the %s hoop (%.1f x %.1f mm; --rotate 0 to refuse instead)\n",
					in, hoop.Name, rep.Width, rep.Height)
			}
			if !o.quiet {
				for _, n := range rep.Notes {
					fmt.Fprintf(stderr, "usinette: %s: %s\n", in, n)
				}
				for _, s := range rep.Skipped {
					fmt.Fprintf(stderr, "usinette: %s: skipped %s\n", in, s)
				}
			}
			name := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
			err = cli.WriteFile(cmd.OutOrStdout(), o.output, func(w io.Writer) error {
				if format == ".dst" {
					return dst.Encode(w, pat, dst.EncodeOptions{Label: name})
				}
				return pes.Encode(w, pat, pes.EncodeOptions{Version: o.pesVersion, Hoop: hoop, Name: name})
			})
			if err != nil {
				return fmt.Errorf("%s: %w", o.output, err)
			}
			if o.previewOut != "" {
				ctx := cmd.Context()
				err := cli.WriteFile(cmd.OutOrStdout(), o.previewOut, func(w io.Writer) error {
					return preview.Stitch(ctx, w, pat, preview.StitchOptions{Format: pvFormat})
				})
				if err != nil {
					return fmt.Errorf("%s: %w", o.previewOut, err)
				}
			}

			s := stitch.Measure(pat)
			r := stitchReport{
				Input: in, Output: o.output, Preview: o.previewOut,
				Stitches: s.Stitches, Jumps: s.Jumps, Trims: s.Trims, ColorChanges: s.ColorChanges, Colors: s.Colors,
				Width: round2(s.Width), Height: round2(s.Height), LongestStitch: round2(s.LongestStitch),
				Thread: math.Round(s.ThreadLength*10) / 10, SewingTime: math.Round(s.SewingTime(o.spm).Seconds()),
				Hoop: hoop.Name, Elements: len(rep.Elements), Skipped: rep.Skipped,
				Commands: rep.Commands, Notes: rep.Notes, Rotated: rep.Rotated,
			}
			if r.Notes == nil {
				r.Notes = []string{}
			}
			if r.Skipped == nil {
				r.Skipped = []string{}
			}
			out := cmd.OutOrStdout()
			if o.asJSON {
				return cli.PrintJSON(out, r)
			}
			if !o.quiet {
				// on stderr, so that -o - leaves stdout to the file
				fmt.Fprintf(cmd.ErrOrStderr(), "%s: %s, %s, %s, %s, %.1f x %.1f mm, thread %.2f m, about %s at %g spm\n",
					o.output, cli.Count(s.Stitches, "stitch"), cli.Count(s.Colors, "colour"), cli.Count(s.Trims, "trim"),
					cli.Count(s.Jumps, "jump"), s.Width, s.Height, s.ThreadLength/1000,
					s.SewingTime(o.spm).Round(1e9), o.spm)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "embroidery file to write (.pes or .dst)")
	cmd.Flags().StringVar(&o.previewOut, "preview", "", "also draw the stitches to this picture (.png or .svg)")
	cmd.Flags().IntVar(&o.pesVersion, "pes-version", 1, "PES version: 1 (as Ink/Stitch writes) or 6 (exact thread colours)")
	cmd.Flags().StringVar(&o.hoopName, "hoop", "260x160", "hoop: 260x160 (870SE), 130x180, 100x100 or WxH in mm")
	cmd.Flags().Float64Var(&o.spm, "spm", stitch.DefaultSewSpeed, "sewing speed in stitches per minute for the time estimate")
	cmd.Flags().BoolVar(&o.asJSON, "json", false, "print the figures as one JSON object")
	cmd.Flags().BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar, no summary, no skipped-shape notes")
	cmd.Flags().Float64Var(&o.trimAt, "trim-at", stitch.DefaultJumpThreshold, "trim jumps longer than this many mm (shorter ones leave the thread across; negative: only at colour changes and where the SVG asks)")
	cmd.Flags().StringVar(&o.rotateArg, "rotate", "auto", "turn the design 90° clockwise: auto (only when it fits only that way), 0 (never) or 90 (always)")
	cmd.Flags().Float64Var(&o.scale, "scale", 1, "scale the drawing by this factor before stitching (stitch lengths and spacings stay in mm)")
	cmd.Flags().StringVar(&o.fitArg, "fit", "", "scale the drawing to fit WxH mm, stitches included (keeping its proportions; either way round under --rotate auto)")
	cmd.Flags().BoolVar(&o.sortColors, "sort-colors", false, "sew the shapes of one thread together where it changes no stacking (off: document order, as Ink/Stitch)")
	cmd.Flags().BoolVar(&o.noPull, "no-pull-compensation", false, "ignore every pull compensation parameter")
	cmd.Flags().Float64Var(&o.autoSatin, "auto-satin", stitch.DefaultAutoSatin, "in an SVG without Ink/Stitch parameters, sew strokes wider than this many mm as satin columns (negative: every stroke as running stitch, as Ink/Stitch)")
	return cmd
}

// fitScale is the factor that makes the shapes' outline box fit the
// field, turned if rot allows and that gives a larger design. Stroke
// widths are not counted: they scale too.
func fitScale(shapes []vector.Shape, field stitch.Hoop, rot stitch.Rotation) (float64, bool) {
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for i := range shapes {
		s := &shapes[i]
		if stitch.IsCommand(s) {
			continue // never sewn: not part of the design's size
		}
		for _, sp := range s.Subpaths {
			for _, q := range sp.Points {
				minX, minY = min(minX, q.X), min(minY, q.Y)
				maxX, maxY = max(maxX, q.X), max(maxY, q.Y)
			}
		}
	}
	w, h := maxX-minX, maxY-minY
	if !(w > 0 || h > 0) {
		return 0, false
	}
	// the smaller of the two axis ratios; a zero extent does not limit
	ratio := func(fw, fh float64) float64 {
		k := math.Inf(1)
		if w > 0 {
			k = fw / w
		}
		if h > 0 {
			k = min(k, fh/h)
		}
		return k
	}
	k := ratio(field.Width, field.Height)
	switch rot {
	case stitch.Rotate90:
		k = ratio(field.Height, field.Width)
	case stitch.RotateAuto:
		k = max(k, ratio(field.Height, field.Width))
	}
	// a hair under, so that the stitches' own rounding stays inside
	return k * 0.999, true
}

// fitShrink is the factor (< 1) that brings a planned design of w × h mm
// inside the --fit field, in the orientation rot allows that needs the
// least shrinking; 1 when it is inside already.
func fitShrink(w, h float64, field stitch.Hoop, rot stitch.Rotation) float64 {
	need := func(fw, fh float64) float64 {
		k := 1.0
		if w > 0 {
			k = min(k, fw/w)
		}
		if h > 0 {
			k = min(k, fh/h)
		}
		return k
	}
	// w × h is as sewn: already turned under --rotate 90
	k := need(field.Width, field.Height)
	if rot == stitch.RotateAuto {
		k = max(k, need(field.Height, field.Width))
	}
	if k >= 1 {
		return 1
	}
	return k * 0.999
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
