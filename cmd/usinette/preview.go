package main

import (
	"fmt"
	"github.com/usinette/usinette/preview"
	"io"

	"github.com/spf13/cobra"

	"github.com/usinette/usinette/internal/cli"
)

// previewOptions are the flags of `usinette preview`, in one place as the other commands keep theirs.
type previewOptions struct {
	output      string
	dpmm        float64
	threadWidth float64
	noJumps     bool
}

func newPreviewCmd() *cobra.Command {
	o := &previewOptions{}
	cmd := &cobra.Command{
		Use:   "preview FILE -o OUT.png|OUT.svg",
		Short: "Picture of an embroidery file in its thread colours",
		Long: `preview draws the stitches of a .pes, .dst or .json file in their thread
colours (0.4 mm wide threads by default), with jumps as thin dashed lines, to
a PNG (10 pixels per mm by default) or SVG file. FILE is .pes, .pec, .dst
or .json.`,
		Example: `  usinette preview flower.pes -o flower.png
  usinette preview download.dst -o download.svg --no-jumps`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.output == "" {
				return usageError("-o OUT.png or OUT.svg is required")
			}
			if o.dpmm <= 0 || o.threadWidth <= 0 {
				return usageError("--dpmm and --thread-width must be > 0")
			}
			if err := checkOutput(o.output, args[0]); err != nil {
				return err
			}
			f, err := readEmbroidery(args[0])
			if err != nil {
				return err
			}
			format, err := pictureFormat(o.output)
			if err != nil {
				return err
			}
			opts := preview.StitchOptions{Format: format, DPMM: o.dpmm, ThreadWidth: o.threadWidth, HideJumps: o.noJumps}
			return cli.WriteFile(cmd.OutOrStdout(), o.output, func(w io.Writer) error {
				if err := preview.Stitch(cmd.Context(), w, f.pattern, opts); err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				return nil
			})
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "picture to write (.png or .svg)")
	cmd.Flags().Float64Var(&o.dpmm, "dpmm", 10, "PNG resolution in pixels per millimetre")
	cmd.Flags().Float64Var(&o.threadWidth, "thread-width", 0.4, "drawn thread width in mm")
	cmd.Flags().BoolVar(&o.noJumps, "no-jumps", false, "do not draw jumps")
	return cmd
}
