// Package stitch turns vector art into embroidery: running, bean, satin and
// fill stitches, ties, trims and colour blocks, the way Ink/Stitch users
// expect; and it defines Pattern, the neutral stitch model that the pes
// package encodes and decodes.
//
// Positions are float64 millimetres, x right and y down as in SVG.
package stitch
