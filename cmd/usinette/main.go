// Command usinette turns a maker's file into what a fablab machine needs:
// STL into G-code for a 3D printer, SVG into cut paths for a vinyl cutter,
// vector art into stitches and PES files for an embroidery machine.
package main

import (
	"context"
	"os"

	"github.com/usinette/usinette/internal/cli"
)

func main() {
	// SIGINT, SIGTERM and SIGHUP cancel the command's context: commands
	// stop and remove their temporary files; one still running after a
	// grace period has them removed for it (cli.SignalContext).
	ctx, stop := cli.SignalContext(context.Background())
	code := executeContext(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if s := stop(); s != nil && code != 0 {
		code = cli.ExitCode(s)
	}
	os.Exit(code)
}
