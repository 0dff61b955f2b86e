// Command usinette turns a maker's file into what a fablab machine needs:
// STL into G-code for a 3D printer, SVG into cut paths for a vinyl cutter,
// vector art into stitches and PES files for an embroidery machine.
package main

import "os"

func main() {
	os.Exit(execute(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
