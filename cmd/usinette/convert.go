package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/usinette/usinette/dst"
	"github.com/usinette/usinette/internal/cli"
	"github.com/usinette/usinette/pes"
	"github.com/usinette/usinette/stitch"
)

// embroideryFile is a pattern read from disk with what its format says
// about it.
type embroideryFile struct {
	pattern *stitch.Pattern
	format  string // "pes", "dst", "json"
	name    string // design name (JSON name, PES v6 name, PEC or DST label)
	detail  map[string]any
}

// readEmbroidery reads a .pes, .pec, .dst or .json stitch file; errors name
// the file.
func readEmbroidery(path string) (*embroideryFile, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".pes", ".pec", ".dst", ".json":
	default:
		return nil, fmt.Errorf("%s: unknown embroidery format %q (want .pes, .dst or .json)", path, ext)
	}
	// the size is decided before reading: a sparse 3 GB .pes was read
	// whole before the decoder said it was too big
	limit := int64(stitch.MaxJSONSize)
	switch ext {
	case ".pes", ".pec":
		limit = pes.MaxFileSize
	case ".dst":
		limit = dst.MaxFileSize
	}
	fd, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	if fi, err := fd.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > limit {
		return nil, fmt.Errorf("%s: %d MiB, larger than the limit of %d MiB for a %s file", path, fi.Size()>>20, limit>>20, strings.ToUpper(ext[1:]))
	}
	data, err := io.ReadAll(io.LimitReader(fd, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than the limit of %d MiB for a %s file", path, limit>>20, strings.ToUpper(ext[1:]))
	}
	f := &embroideryFile{detail: map[string]any{}}
	switch ext {
	case ".pes", ".pec":
		p, info, err := pes.DecodeInfo(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		f.pattern, f.format = p, "pes"
		f.name = info.Name
		if f.name == "" {
			f.name = info.Label
		}
		f.detail["signature"] = info.Signature
		f.detail["label"] = info.Label
		f.detail["pec_palette"] = info.Palette
	case ".dst":
		p, h, err := dst.DecodeHeader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		f.pattern, f.format, f.name = p, "dst", strings.TrimSpace(h.Label)
		f.detail["label"] = strings.TrimSpace(h.Label)
	case ".json":
		p, meta, err := stitch.ReadJSONMeta(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		f.pattern, f.format, f.name = p, "json", meta.Name
	default:
		return nil, fmt.Errorf("%s: unknown embroidery format %q (want .pes, .dst or .json)", path, ext)
	}
	if f.name == "" {
		f.name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	return f, nil
}

// convertOptions are the flags of `usinette convert`, in one place as the other commands keep theirs.
type convertOptions struct {
	pesVersion int
	hoopName   string
	maxStitch  float64
	quiet      bool
}

func newConvertCmd() *cobra.Command {
	o := &convertOptions{}
	cmd := &cobra.Command{
		Use:   "convert IN OUT",
		Short: "Convert embroidery files between PES, DST and JSON",
		Long: `convert reads IN (.pes of any version, .dst or .json stitch list) and writes OUT
in the format its extension names (.pes, .dst or .json).

Stitches longer than --max-stitch are split into even stitches (not jumps,
which would leave the line unsewn); jumps longer than a record can hold are
split; a jump followed by stitches lands with a needle-down (PES and DST;
JSON keeps the records as read). PES is written as version 1 (what Ink/Stitch
writes) or 6 (exact thread colours and names). The design is written for the
870SE's 260 x 160 mm hoop unless --hoop says otherwise; a design larger than
the hoop is written anyway, with a warning.`,
		Example: `  usinette convert download.dst flower.pes
  usinette convert flower.pes flower.dst --max-stitch 7
  usinette convert design.json design.pes --pes-version 6 --hoop 130x180`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, out := args[0], args[1]
			if o.pesVersion != 1 && o.pesVersion != 6 {
				return usageError("--pes-version %d: want 1 or 6", o.pesVersion)
			}
			hoop, err := stitch.ParseHoop(o.hoopName)
			if err != nil {
				return usageError("--hoop: %w", err)
			}
			if o.maxStitch <= 0 {
				return usageError("--max-stitch %g: want a length in mm > 0", o.maxStitch)
			}
			switch strings.ToLower(filepath.Ext(out)) {
			case ".pes", ".dst", ".json":
			default:
				return usageError("%s: unknown output format %q (want .pes, .dst or .json)", out, filepath.Ext(out))
			}
			if err := checkOutput(out, in); err != nil {
				return err
			}
			f, err := readEmbroidery(in)
			if err != nil {
				return err
			}
			name := strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))
			var encode func(w io.Writer) error
			switch strings.ToLower(filepath.Ext(out)) {
			case ".pes":
				encode = func(w io.Writer) error {
					return pes.Encode(w, f.pattern, pes.EncodeOptions{Version: o.pesVersion, Hoop: hoop, Name: name, MaxStitch: o.maxStitch})
				}
			case ".dst":
				encode = func(w io.Writer) error {
					return dst.Encode(w, f.pattern, dst.EncodeOptions{Label: name, MaxStitch: o.maxStitch})
				}
			case ".json":
				encode = func(w io.Writer) error {
					// JSON is the neutral stitch list: written as read.
					return stitch.WriteJSON(w, f.pattern, stitch.JSONMeta{Name: name, Description: "converted from " + filepath.Base(in)})
				}
			}
			err = cli.WriteFile(cmd.OutOrStdout(), out, func(w io.Writer) error {
				if err := encode(w); err != nil {
					return fmt.Errorf("%s: %w", out, err)
				}
				return nil
			})
			if err != nil {
				return err
			}
			s := stitch.Measure(f.pattern)
			if !hoop.Fits(s.Width, s.Height) {
				fmt.Fprintf(cmd.ErrOrStderr(), "usinette: warning: %s is %.1f x %.1f mm, larger than the %s hoop (%g x %g mm)\n",
					in, s.Width, s.Height, hoop.Name, hoop.Width, hoop.Height)
			}
			if !o.quiet {
				fmt.Fprintf(cmd.ErrOrStderr(), "%s -> %s: %s, %s, %.1f x %.1f mm\n",
					in, out, cli.Count(s.Stitches, "stitch"), cli.Count(s.Colors, "colour"), s.Width, s.Height)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&o.pesVersion, "pes-version", 1, "PES version to write: 1 (Ink/Stitch's) or 6 (exact thread colours)")
	cmd.Flags().StringVar(&o.hoopName, "hoop", "870se", "hoop: 870se (260x160), 130x180, 100x100 or WxH in mm")
	cmd.Flags().Float64Var(&o.maxStitch, "max-stitch", stitch.DefaultMaxStitch, "longest stitch in mm; longer ones are split evenly")
	cmd.Flags().BoolVarP(&o.quiet, "quiet", "q", false, "print nothing but errors and warnings")
	return cmd
}
