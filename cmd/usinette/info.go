package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/usinette/usinette/gcode"
	"github.com/usinette/usinette/internal/cli"
	"github.com/usinette/usinette/stitch"
)

type infoThread struct {
	Color       string `json:"color"`
	Description string `json:"description"`
	Brand       string `json:"brand,omitempty"`
	Catalog     string `json:"catalog_number,omitempty"`
}

// boundsMM is the "bounds_mm" object of every --json output: gcode.Box,
// so that scripts read one shape everywhere; flat work (cutting,
// embroidery) has min_z = max_z = 0.
type boundsMM = gcode.Box

// flatBounds rounds a 2-D box to 0.001 mm.
func flatBounds(minX, minY, maxX, maxY float64) boundsMM {
	return boundsMM{MinX: round(minX, 3), MinY: round(minY, 3), MaxX: round(maxX, 3), MaxY: round(maxY, 3)}
}

type infoReport struct {
	File   string `json:"file"`
	Format string `json:"format"`
	Name   string `json:"name"`
	stitch.Stats
	Bounds     boundsMM     `json:"bounds_mm"`
	Threads    []infoThread `json:"threads"`
	Hoop       string       `json:"hoop"`
	HoopWidth  float64      `json:"hoop_width_mm"`
	HoopHeight float64      `json:"hoop_height_mm"`
	FitsHoop   bool         `json:"fits_hoop"`
	// FitsTurned: it fits only once turned 90° (FitsHoop is then true).
	FitsTurned   bool           `json:"fits_turned"`
	SewSpeed     float64        `json:"sew_speed_spm"`
	SewingTime   float64        `json:"sewing_time_s"`
	LongStitches int            `json:"stitches_over_max"`
	MaxStitch    float64        `json:"max_stitch_mm"`
	Detail       map[string]any `json:"format_detail,omitempty"`
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}

// infoOptions are the flags of `usinette info`, in one place as the other commands keep theirs.
type infoOptions struct {
	asJSON    bool
	hoopName  string
	spm       float64
	maxStitch float64
}

func newInfoCmd() *cobra.Command {
	o := &infoOptions{}
	cmd := &cobra.Command{
		Use:   "info FILE",
		Short: "Figures of an embroidery file (.pes, .dst, .json)",
		Long: `info prints the size, stitch, jump, trim and colour counts, threads, bounds and
longest stitch of an embroidery file, whether it fits the hoop (the 870SE's
260 x 160 mm field by default) and an estimated sewing time. --json prints
every figure as one JSON object (stitches, jumps, trims, color_changes,
colors, width_mm, height_mm, longest_stitch_mm, bounds_mm, threads, ...).

FILE is .pes (any version), .pec, .dst or .json (usinette's stitch list).`,
		Example: `  usinette info flower.pes
  usinette info --json download.dst
  usinette info --hoop 100x100 badge.pes`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			hoop, err := stitch.ParseHoop(o.hoopName)
			if err != nil {
				return usageError("--hoop: %w", err)
			}
			f, err := readEmbroidery(args[0])
			if err != nil {
				return err
			}
			p := f.pattern
			s := stitch.Measure(p)
			rep := infoReport{
				File: args[0], Format: f.format, Name: f.name, Stats: s,
				Bounds: flatBounds(s.MinX, s.MinY, s.MaxX, s.MaxY),
				Hoop:   hoop.Name, HoopWidth: hoop.Width, HoopHeight: hoop.Height,
				FitsHoop:   hoop.Fits(s.Width, s.Height) || hoop.FitsTurned(s.Width, s.Height),
				FitsTurned: !hoop.Fits(s.Width, s.Height) && hoop.FitsTurned(s.Width, s.Height),
				SewSpeed:   o.spm,
				MaxStitch:  o.maxStitch,
				Detail:     f.detail,
			}
			rep.Width, rep.Height = round(s.Width, 2), round(s.Height, 2)
			rep.LongestStitch = round(s.LongestStitch, 2)
			rep.ThreadLength = round(s.ThreadLength, 1)
			rep.JumpLength = round(s.JumpLength, 1)
			rep.SewingTime = round(s.SewingTime(o.spm).Seconds(), 0)
			var px, py float64
			have := false
			for _, r := range p.Records {
				if r.Cmd == stitch.Stitch && have && math.Hypot(r.X-px, r.Y-py) > o.maxStitch+1e-9 {
					rep.LongStitches++
				}
				if r.Cmd == stitch.Stitch || r.Cmd == stitch.Jump {
					px, py, have = r.X, r.Y, true
				}
			}
			for _, t := range p.Threads {
				rep.Threads = append(rep.Threads, infoThread{
					Color:       fmt.Sprintf("#%02x%02x%02x", t.Color.R, t.Color.G, t.Color.B),
					Description: t.Description, Brand: t.Brand, Catalog: t.Catalog,
				})
			}
			if rep.Threads == nil {
				rep.Threads = []infoThread{}
			}
			out := cmd.OutOrStdout()
			if o.asJSON {
				return cli.PrintJSON(out, rep)
			}
			fmt.Fprintf(out, "%s (%s", args[0], strings.ToUpper(f.format))
			if sig, ok := f.detail["signature"]; ok {
				fmt.Fprintf(out, " %s", sig)
			}
			fmt.Fprintf(out, ") %q\n", f.name)
			fmt.Fprintf(out, "size        %.1f x %.1f mm\n", s.Width, s.Height)
			fmt.Fprintf(out, "bounds      x %.1f .. %.1f, y %.1f .. %.1f mm\n", s.MinX, s.MaxX, s.MinY, s.MaxY)
			fmt.Fprintf(out, "stitches    %d\njumps       %d\ntrims       %d\ncolours     %d (%d colour changes)\n",
				s.Stitches, s.Jumps, s.Trims, s.Colors, s.ColorChanges)
			fmt.Fprintf(out, "longest     %.1f mm", s.LongestStitch)
			if rep.LongStitches > 0 {
				fmt.Fprintf(out, " (%d stitches over %.1f mm: convert splits them)", rep.LongStitches, o.maxStitch)
			}
			fmt.Fprintln(out)
			fmt.Fprintf(out, "thread      %.2f m (top thread, stitches only)\n", s.ThreadLength/1000)
			fits := "fits"
			if !rep.FitsHoop {
				fits = "DOES NOT FIT"
			}
			turned := ""
			if rep.FitsTurned {
				turned = " once turned 90°"
			}
			fmt.Fprintf(out, "hoop        %s the %s field (%g x %g mm)%s\n", fits, hoop.Name, hoop.Width, hoop.Height, turned)
			d := s.SewingTime(o.spm).Round(1e9) // to the second, as stitch prints it
			fmt.Fprintf(out, "sewing time about %s at %g stitches/min\n", d, o.spm)
			for i, t := range rep.Threads {
				fmt.Fprintf(out, "thread %-4d %s %s", i+1, t.Color, t.Description)
				if t.Brand != "" || t.Catalog != "" {
					fmt.Fprintf(out, " (%s)", strings.TrimSpace(t.Brand+" "+t.Catalog))
				}
				fmt.Fprintln(out)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&o.asJSON, "json", false, "print all figures as one JSON object")
	cmd.Flags().StringVar(&o.hoopName, "hoop", "870se", "hoop to check against: 870se (260x160), 130x180, 100x100 or WxH in mm")
	cmd.Flags().Float64Var(&o.spm, "spm", stitch.DefaultSewSpeed, "sewing speed in stitches per minute for the time estimate")
	cmd.Flags().Float64Var(&o.maxStitch, "max-stitch", stitch.DefaultMaxStitch, "stitch length in mm above which stitches are counted as too long")
	return cmd
}
