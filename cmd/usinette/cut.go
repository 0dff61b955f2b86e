package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/usinette/usinette/cut"
	"github.com/usinette/usinette/internal/cli"
	"github.com/usinette/usinette/preview"
	"github.com/usinette/usinette/vector"
)

type cutFlags struct {
	out         string
	layers      []string
	color       string
	tolerance   float64
	overcut     float64
	leadIn      float64
	bladeOffset float64
	passes      int
	mirror      bool
	flex        bool
	weedBox     float64
	weedLines   bool
	tile        bool
	tileOverlap float64
	atOrigin    bool
	rollLength  float64
	weld        bool
	layered     bool
	skipText    bool
	contour     float64
	scale       float64
	fit         string
	tool        int
	speed       int
	force       int
	depth       int
	material    string
	mat         bool
	media       string
	pen         bool
	send        string
	sendTimeout time.Duration
	dpmm        float64
	jsonOut     bool
	quiet       bool
	regmarks    bool
	regInset    float64
	print       string
}

func newCutCmd() *cobra.Command {
	f := &cutFlags{}
	cmd := &cobra.Command{
		Use:   "cut design.svg -o design.gpgl",
		Short: "Inkscape SVG -> GPGL/HPGL for a Silhouette Cameo 4 Pro (vinyl, flex)",
		Long: `cut reads an Inkscape SVG, plans the cut (holes before the outline around them,
short travel down the roll, overcut) and writes it for the cutter.

The output format follows the -o extension: .gpgl or .cmd (Silhouette GPGL),
.hpgl or .plt (HPGL, 40 steps/mm), .svg (the planned cuts, one path per cut in
order) or .png (preview with the cut order numbered). --send DEVICE writes the
GPGL stream to the cutter's device file (e.g. /dev/usb/lp0); a cutter that
takes no data for --send-timeout (30 s) is given up with an error.

Material presets (speed / force / AutoBlade depth, starting points — test first):
  vinyl 5/10/1, flex 8/6/2 (mirrored), paper 5/7/2, cardstock 5/20/4.
Without --material: speed 10, force 10, no AutoBlade depth command.

Overlapping shapes: the cut follows what Inkscape shows. The edges of a shape
hidden under an opaque fill or stroke painted above it are not cut (knock-out),
nor those lying on a lower fill of the same colour, nor the rim of a gradient
that fades out, so one sheet of vinyl comes out as the picture looks. --layered cuts every
shape whole instead, for layered vinyl (each colour its own sheet, laid over
the one below with overlap); --weld cuts the union of each colour.

Defaults: every visible shape, curves flattened to 0.02 mm, 1 mm overcut on
closed paths, one pass, tool holder 1, roll feed, blade offset compensated by
the cutter's firmware (FC18).

Placement: every output puts the design where Inkscape shows it on the page,
the page's top-left corner on the media origin; --at-origin moves the
design's corner there instead. The design is checked against the media
(--media roll: 600 mm × --roll-length, mat12: 304.8 × 304.8 mm, mat24:
304.8 × 609.6 mm, mat24x24: 609.6 × 609.6 mm) and refused with its size and place if it does not fit,
unless --tile splits it; nothing is clipped. One summary line goes to stderr
after the cut (--quiet: none).

Print and cut (--regmarks): the page is printed with Silhouette's Cameo
registration marks (a 5 mm square at the top left and two 20 mm L's of
0.5 mm lines at the top right and bottom left, --regmark-inset mm in from
the page corners); --print PAGE.svg writes that page (the SVG as it is,
plus the marks) for the printer; PAGE.png (300 dpi unless --dpmm) or
PAGE.pdf draws that page in flat colours (a gradient in its first colour,
translucent paint opaque, with a warning: print the .svg for those). The GPGL file then has the Cameo search
the marks before cutting, and the cut is placed relative to them. The
design must lie between the marks, off their corner zones; load the
printed sheet on the mat with the square at the top left.`,
		Example: `  usinette cut sticker.svg -o sticker.gpgl --material vinyl
  usinette cut tshirt.svg --flex --send /dev/usb/lp0
  usinette cut sign.svg --layer Letters --weed-box 5 -o sign.gpgl
  usinette cut sign.svg -o sign.png          # check the cut order first
  usinette cut logo.svg -o logo.hpgl --json  # other cutters; figures on stdout
  usinette cut sticker.svg --contour 2 --mat --print page.svg -o sticker.gpgl  # print and cut`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runCut(cmd, args[0], f) },
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.out, "output", "o", "", "output file (.gpgl .cmd .hpgl .plt .svg .png)")
	fl.StringArrayVar(&f.layers, "layer", nil, "cut only this layer (repeatable)")
	fl.StringVar(&f.color, "color", "", "cut only shapes of this fill or stroke colour (#RRGGBB)")
	fl.Float64Var(&f.tolerance, "tolerance", vector.DefaultTolerance, "curve flattening tolerance in mm")
	fl.Float64Var(&f.overcut, "overcut", 1, "overcut of closed paths in mm (0 disables)")
	fl.Float64Var(&f.leadIn, "lead-in", 0, "start closed paths this many mm early on their closing edge")
	fl.Float64Var(&f.bladeOffset, "blade-offset", 0, "compensate the blade offset in software (mm); the firmware is then told 0")
	fl.IntVar(&f.passes, "passes", 1, "cut every path N times")
	fl.BoolVar(&f.mirror, "mirror", false, "mirror the design about its vertical axis")
	fl.BoolVar(&f.flex, "flex", false, "heat-transfer flex: mirror and use the flex preset")
	fl.Float64Var(&f.weedBox, "weed-box", 0, "add a weeding rectangle this many mm around the design")
	fl.BoolVar(&f.weedLines, "weed-lines", false, "add lines that split the waste between shapes")
	fl.BoolVar(&f.tile, "tile", false, "split a design larger than the roll into panels (NAME-1.ext, NAME-2.ext...)")
	fl.Float64Var(&f.tileOverlap, "tile-overlap", 10, "overlap between panels in mm")
	fl.BoolVar(&f.atOrigin, "at-origin", false, "move the design's top-left corner to the media origin (default: where it is on the page)")
	fl.Float64Var(&f.rollLength, "roll-length", cut.RollLength, "length of roll available in mm (--media roll)")
	fl.BoolVar(&f.skipText, "skip-text", false, "cut a design whose text is not converted to paths, without the text")
	fl.BoolVar(&f.weld, "weld", false, "cut the outline of overlapping filled shapes, not each piece")
	fl.BoolVar(&f.layered, "layered", false, "layered vinyl: cut every shape whole, also where opaque shapes above hide it (default: only what Inkscape shows)")
	fl.Float64Var(&f.contour, "contour", 0, "cut only a sticker contour this many mm around the design")
	fl.Float64Var(&f.scale, "scale", 1, "scale the design about its top-left corner")
	fl.StringVar(&f.fit, "fit", "", "scale the design to fit WxH mm (e.g. 100x50), about its top-left corner")
	fl.IntVar(&f.tool, "tool", 1, "tool holder 1 or 2")
	fl.IntVar(&f.speed, "speed", 0, "speed 1-30 (default from --material, else 10)")
	fl.IntVar(&f.force, "force", 0, "force 1-33 (default from --material, else 10)")
	fl.IntVar(&f.depth, "depth", 0, "AutoBlade depth 0-10 (default from --material, else no depth command)")
	fl.StringVar(&f.material, "material", "", "media preset: vinyl, flex, paper, cardstock")
	fl.BoolVar(&f.mat, "mat", false, "cut on the 12x12 in mat instead of the roll")
	fl.StringVar(&f.media, "media", "", "roll, mat12, mat24 (12x24 in) or mat24x24 (overrides --mat)")
	fl.BoolVar(&f.pen, "pen", false, "draw with a pen instead of cutting")
	fl.StringVar(&f.send, "send", "", "write the GPGL stream to this device file")
	fl.DurationVar(&f.sendTimeout, "send-timeout", cli.DefaultSendTimeout, "give up when the --send device takes no data for this long (0 waits forever)")
	fl.Float64Var(&f.dpmm, "dpmm", 8, "PNG preview resolution in pixels per mm")
	fl.BoolVar(&f.jsonOut, "json", false, "print a JSON summary on stdout")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress bar and no summary line")
	fl.BoolVar(&f.regmarks, "regmarks", false, "print and cut: the cutter searches Cameo registration marks printed on the page")
	fl.Float64Var(&f.regInset, "regmark-inset", cut.RegMarkInset, "distance of the registration marks from the page corners in mm")
	fl.StringVar(&f.print, "print", "", "write the printable page with registration marks (.svg, .png at 300 dpi or --dpmm, .pdf; implies --regmarks)")
	return cmd
}

func runCut(cmd *cobra.Command, in string, f *cutFlags) error {
	if f.out == "" && f.send == "" && f.print == "" {
		return usageError("cut: give -o FILE, --send DEVICE or --print PAGE.svg")
	}
	if f.sendTimeout < 0 {
		return usageError("cut: --send-timeout %v: want a duration >= 0 (0 waits forever)", f.sendTimeout)
	}
	format := ""
	if f.out != "" {
		switch strings.ToLower(filepath.Ext(f.out)) {
		case ".gpgl", ".cmd":
			format = "gpgl"
		case ".hpgl", ".plt":
			format = "hpgl"
		case ".svg":
			format = "svg"
		case ".png":
			format = "png"
		default:
			return usageError("cut: %s: unknown output format (use .gpgl .cmd .hpgl .plt .svg .png)", f.out)
		}
	}
	// Cutter settings.
	g := cut.GPGL{Tool: f.tool, Speed: 10, Force: 10, Pen: f.pen}
	mirror := f.mirror
	material := f.material
	if f.flex {
		mirror = true
		if material == "" {
			material = "flex"
		}
	}
	if material != "" {
		m, err := cut.LookupMaterial(material)
		if err != nil {
			return usageError("%w", err)
		}
		g.Speed, g.Force, g.Depth, g.AutoBlade = m.Speed, m.Force, m.Depth, true
		mirror = mirror || m.Mirror
	}
	if f.speed != 0 {
		g.Speed = f.speed
	}
	if f.force != 0 {
		g.Force = f.force
	}
	if cmd.Flags().Changed("depth") {
		g.Depth, g.AutoBlade = f.depth, true
	}
	if f.pen {
		g.AutoBlade = false
	}
	if f.mat {
		g.Media = cut.MediaMat12
	}
	if f.media != "" {
		m, err := cut.ParseMedia(f.media)
		if err != nil {
			return usageError("%w", err)
		}
		g.Media = m
	}
	if err := g.Validate(); err != nil {
		return usageError("%w", err)
	}
	if f.bladeOffset < 0 || f.overcut < 0 || f.leadIn < 0 || f.weedBox < 0 || f.passes < 1 || f.passes > 10 {
		return usageError("cut: --blade-offset, --overcut, --lead-in, --weed-box must be >= 0 and --passes 1-10")
	}
	if !(f.rollLength > 0 && f.rollLength <= 100000) || !(f.bladeOffset <= 10 && f.overcut <= 1000 && f.leadIn <= 1000 && f.weedBox <= 1000) {
		return usageError("cut: --roll-length must be 0-100000 mm, --blade-offset at most 10, --overcut, --lead-in and --weed-box at most 1000")
	}
	if f.print != "" || cmd.Flags().Changed("regmark-inset") {
		f.regmarks = true
	}
	if f.regmarks {
		// The printed page is the SVG as it is: the cut must be the same
		// drawing at the same place, for the Cameo to find it by the marks.
		switch {
		case f.print != "" && !slices.Contains(append([]string{".svg"}, preview.PageFormats...), strings.ToLower(filepath.Ext(f.print))):
			return usageError("cut: --print %s: the printable page is written as .svg, %s", f.print, strings.Join(preview.PageFormats, " or "))
		case f.print != "" && f.print == f.out:
			return usageError("cut: --print and -o name the same file %s", f.print)
		case !(f.regInset > 0):
			return usageError("cut: --regmark-inset %g: give the marks' distance from the page corners in mm (> 0)", f.regInset)
		case format == "hpgl":
			return usageError("cut: --regmarks: HPGL has no registration mark search; write .gpgl")
		case f.atOrigin || f.tile || mirror || f.scale != 1 || f.fit != "":
			return usageError("cut: --regmarks: the cut must keep the printed page's place and size (no --at-origin, --tile, --mirror/--flex, --scale or --fit)")
		}
		if err := checkOutput(f.print, in); err != nil {
			return err
		}
	}
	// Software compensation and the firmware's FC18 never together.
	g.FirmwareOffset = f.bladeOffset == 0 && !f.pen

	sel := vector.Selection{Layers: f.layers}
	if f.color != "" {
		c, err := vector.ParseColor(f.color)
		if err != nil {
			return usageError("%w", err)
		}
		sel.Color = &c
	}
	if err := checkOutput(f.out, in); err != nil {
		return err
	}
	doc, err := vector.ReadFile(in, vector.ReadOptions{Tolerance: f.tolerance, Name: filepath.Base(in)})
	if err != nil {
		return err
	}
	for _, w := range doc.Warnings {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: warning: %s\n", filepath.Base(in), w)
	}
	// Text the reader cannot cut: refused, naming it, unless the user
	// chose the layers or colour to cut (the text may lie elsewhere) or
	// said to go on without it.
	if len(doc.Unconverted) > 0 && !f.skipText && len(f.layers) == 0 && f.color == "" {
		return fmt.Errorf("%s: text %s is not converted to paths (Path > Object to Path in Inkscape); convert it, or --skip-text to cut without it",
			filepath.Base(in), strings.Join(doc.Unconverted, ", "))
	}
	for _, id := range doc.Unconverted {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: warning: text %q is not converted to paths (Path > Object to Path) and is not cut\n", filepath.Base(in), id)
	}
	shapes, err := vector.Select(doc, sel)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(in), err)
	}
	if f.scale != 1 || f.fit != "" {
		factor := f.scale
		lo, hi := cut.Bounds(shapes)
		if f.fit != "" {
			var fw, fh float64
			if _, err := fmt.Sscanf(strings.ToLower(f.fit), "%gx%g", &fw, &fh); err != nil || !(fw > 0 && fh > 0) {
				return usageError("%w", fmt.Errorf("cut: --fit %q: give WxH in mm, e.g. 100x50", f.fit))
			}
			factor *= min(fw/(hi.X-lo.X), fh/(hi.Y-lo.Y))
		}
		if shapes, err = cut.Scale(shapes, factor, lo); err != nil {
			return usageError("%w", err)
		}
	}
	if f.weld {
		shapes = cut.Weld(shapes)
	}
	if cmd.Flags().Changed("contour") {
		if shapes, err = cut.Contour(shapes, f.contour); err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(in), err)
		}
	}
	if f.regmarks {
		g.RegMarks = &cut.RegMarks{PageWidth: doc.Width, PageHeight: doc.Height, Inset: f.regInset}
		if err := g.RegMarks.Validate(); err != nil {
			return usageError("%s: %w", filepath.Base(in), err)
		}
	}
	prog := cli.NewProgress(cmd.ErrOrStderr(), "planning", f.quiet)
	popts := cut.PlanOptions{
		Overcut: f.overcut, LeadIn: f.leadIn, BladeOffset: f.bladeOffset, Passes: f.passes,
		Mirror: mirror, WeedBox: f.weedBox, WeedLines: f.weedLines, Progress: prog.Update,
		Media: g.Media, RollLength: f.rollLength, AtOrigin: f.atOrigin, PageWidth: doc.Width, PageHeight: doc.Height,
		Layered: f.layered,
	}
	var plans []*cut.Plan
	if f.tile {
		plans, err = cut.Tile(cmdContext(cmd), shapes, popts, f.tileOverlap)
	} else {
		var p *cut.Plan
		p, err = cut.NewPlan(cmdContext(cmd), shapes, popts)
		plans = []*cut.Plan{p}
	}
	prog.Done()
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(in), err)
	}
	if g.RegMarks != nil {
		// Refuse a design off the marks before anything is written.
		if err := g.Write(io.Discard, plans[0]); err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(in), err)
		}
		if f.print != "" {
			src, err := os.ReadFile(in)
			if err != nil {
				return err
			}
			err = cli.WriteFile(cmd.OutOrStdout(), f.print, func(wr io.Writer) error {
				if strings.EqualFold(filepath.Ext(f.print), ".svg") {
					return cut.WritePrintPage(wr, src, *g.RegMarks)
				}
				// PNG, PDF: the same page read back and drawn
				var page bytes.Buffer
				if err := cut.WritePrintPage(&page, src, *g.RegMarks); err != nil {
					return err
				}
				pdoc, err := vector.Read(&page, vector.ReadOptions{Tolerance: f.tolerance})
				if err != nil {
					return err
				}
				if ids := preview.Approximate(pdoc); len(ids) > 0 && !f.quiet {
					fmt.Fprintf(cmd.ErrOrStderr(), "%s: warning: %d shapes drawn in flat opaque colour (gradient, translucency, mask; first: %q); print the .svg page for exact colours\n",
						filepath.Base(f.print), len(ids), ids[0])
				}
				dpmm := 300 / 25.4 // a printer's 300 dpi
				if cmd.Flags().Changed("dpmm") {
					dpmm = f.dpmm
				}
				return preview.Page(wr, f.print, pdoc, dpmm)
			})
			if err != nil {
				return fmt.Errorf("%s: %w", filepath.Base(in), err)
			}
		}
	}
	for i, plan := range plans {
		out := f.out
		if len(plans) > 1 && out != "" {
			ext := filepath.Ext(out)
			out = fmt.Sprintf("%s-%d%s", strings.TrimSuffix(out, ext), i+1, ext)
		}
		// Every format draws the plan's own placement and frame.
		w, h := max(plan.Width, plan.Max.X), max(plan.Height, plan.Max.Y)
		if err := checkOutput(out, in); err != nil { // a panel's name may be the input's
			return err
		}
		if out != "" {
			err := cli.WriteFile(cmd.OutOrStdout(), out, func(wr io.Writer) error {
				switch format {
				case "gpgl":
					return g.Write(wr, plan)
				case "hpgl":
					return cut.HPGL{}.Write(wr, plan)
				case "svg":
					return cut.SVG{Width: w, Height: h}.Write(wr, plan)
				default:
					return preview.Cut(cmdContext(cmd), wr, plan, preview.CutOptions{Width: w, Height: h, DPMM: f.dpmm})
				}
			})
			if err != nil {
				return err
			}
		}
		if f.send != "" {
			var buf bytes.Buffer
			if err := g.Write(&buf, plan); err != nil {
				return err
			}
			if err := sendToDevice(f.send, buf.Bytes(), f.sendTimeout); err != nil {
				return err
			}
		}
	}
	if !f.quiet {
		// One line a script can ignore and a person reads: what was cut.
		paths, length := 0, 0.0
		lo, hi := plans[0].Min, plans[0].Max
		for _, p := range plans {
			paths += len(p.Cuts)
			length += p.CutLength()
			lo.X, lo.Y = min(lo.X, p.Min.X), min(lo.Y, p.Min.Y)
			hi.X, hi.Y = max(hi.X, p.Max.X), max(hi.Y, p.Max.Y)
		}
		panels := ""
		if len(plans) > 1 {
			panels = fmt.Sprintf(" in %d panels", len(plans))
		}
		noun := "paths"
		if paths == 1 {
			noun = "path"
		}
		marks := ""
		if rm := g.RegMarks; rm != nil {
			ox, oy := rm.Origin()
			sw, sh := rm.Span()
			marks = fmt.Sprintf(", registration marks from x %.1f y %.1f, %.1f × %.1f mm apart", ox, oy, sw, sh)
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: %d %s, %.0f mm cut, %.1f × %.1f mm at x %.1f y %.1f%s, on %s%s\n",
			filepath.Base(in), paths, noun, length, hi.X-lo.X, hi.Y-lo.Y, lo.X, lo.Y, panels, g.Media.Describe(f.rollLength), marks)
	}
	if f.jsonOut {
		type summary struct {
			File        string   `json:"file"`
			Paths       int      `json:"paths"`
			CutLengthMM float64  `json:"cut_length_mm"`
			TravelMM    float64  `json:"travel_mm"`
			BoundsMM    boundsMM `json:"bounds_mm"`
			Panels      int      `json:"panels"`
			Unconverted []string `json:"unconverted_text,omitempty"`
		}
		s := summary{File: in, Panels: len(plans), Unconverted: doc.Unconverted}
		var lo, hi vector.Point
		if len(plans) > 0 {
			lo, hi = plans[0].Min, plans[0].Max
		}
		for _, p := range plans {
			s.Paths += len(p.Cuts)
			s.CutLengthMM += p.CutLength()
			s.TravelMM += p.Travel()
			lo.X, lo.Y = min(lo.X, p.Min.X), min(lo.Y, p.Min.Y)
			hi.X, hi.Y = max(hi.X, p.Max.X), max(hi.Y, p.Max.Y)
		}
		s.CutLengthMM, s.TravelMM = round(s.CutLengthMM, 3), round(s.TravelMM, 3)
		s.BoundsMM = flatBounds(lo.X, lo.Y, hi.X, hi.Y)
		return cli.PrintJSON(cmd.OutOrStdout(), s)
	}
	return nil
}

// sendToDevice writes the stream to a device file (the usblp driver's
// /dev/usb/lpN) in chunks small enough for the cutter's buffer. The device
// must exist and be a character device: creating it would turn a mistyped
// path or an unplugged cutter into a regular file and a silent "success",
// and truncating a regular file given by mistake would lose it. A device
// that stops taking data (a paused cutter, a reader gone) fails after
// timeout instead of holding the command forever.
func sendToDevice(dev string, data []byte, timeout time.Duration) error {
	return cli.Send(dev, data, timeout)
}
