package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/usinette/usinette/internal/cli"
	"github.com/usinette/usinette/preview"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// versionString is what --version prints: the module version the binary
// was built from (a tag for `go install module@v1.2.3`, a pseudo-version
// holding the commit for `go build` in a checkout) and the VCS revision,
// time and Go version the go command stamped into it. `go run` and
// GOFLAGS=-buildvcs=false stamp no revision; the version says so.
func versionString() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (no build information)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, at, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value[:min(12, len(s.Value))]
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	switch {
	case rev == "":
		v += " (no VCS revision stamped: go run, or -buildvcs=false)"
	case !strings.Contains(v, rev):
		v += " " + rev + dirty
	}
	if at != "" {
		v += " " + at
	}
	return v + " " + bi.GoVersion
}

// newRootCmd builds the whole command tree. Each subcommand lives in its own
// file and is added here, so the tree is visible in one place.
func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "usinette",
		Short: "Turn a maker's file into what a fablab machine needs",
		Long: `usinette converts files for the machines of a fablab:

  slice    STL mesh -> G-code for a Prusa i3 MK3S (PLA)
  gcode    read any G-code: print time, filament, preview
  cut      Inkscape SVG -> GPGL/HPGL for a Silhouette Cameo 4 Pro
  stitch   vector art -> PES/DST for a Brother Innov-Is 870SE
  convert  embroidery files between PES, DST and JSON
  info     figures of an embroidery file
  preview  picture of an embroidery file`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
		// Without Args and RunE cobra would print help and exit 0 for a
		// mistyped command; a script must see the mistake.
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	root.AddCommand(
		// Subcommands are registered here, one constructor per file.
		newSliceCmd(),
		newGcodeCmd(),
		newCutCmd(),
		newConvertCmd(), newInfoCmd(), newPreviewCmd(),
		newStitchCmd(),
		newServeCmd(),
	)
	return root
}

// exitError carries a specific exit code out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// execute runs the command tree with the given arguments and streams and
// returns the process exit code: 0 on success, 1 on error, 2 on bad usage.
func execute(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return executeContext(context.Background(), args, stdin, stdout, stderr)
}

// executeContext is execute with a context the commands see as
// cmd.Context() (main's is cancelled by a signal).
func executeContext(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "usinette:", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

// usageError is the one way a command says the command line is wrong (a
// flag out of range, a missing -o, an unknown format): exit code 2, the
// message formatted as fmt.Errorf does (%w keeps a cause for errors.Is).
func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// pictureFormat is the picture format an output file name asks for, or a
// usage error naming the file: no command writes PNG bytes into x.svg.
func pictureFormat(name string) (preview.Format, error) {
	if name == cli.Stdout {
		return preview.PNG, nil
	}
	f, err := preview.FormatOf(name)
	if err != nil {
		return f, usageError("%w", err)
	}
	return f, nil
}

// checkOutput refuses an output that is one of the inputs or not a regular
// file, as a usage error (exit 2), before any work is done.
func checkOutput(out string, inputs ...string) error {
	if err := cli.CheckOutput(out, inputs...); err != nil {
		return usageError("%w", err)
	}
	return nil
}
