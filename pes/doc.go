// Package pes encodes and decodes Brother PES embroidery files, the format
// that Brother home machines such as the Innov-Is 870SE read from a USB
// stick. It is to stitch.Pattern what image/png is to image.Image.
//
// A PES file is a PE-Design part (header, thread list from v5, CEmbOne and
// CSewSeg blocks) followed by the PEC section that the machine actually
// sews: a label, colour indices into Brother's 64-thread palette, the stitch
// stream (7-bit or 12-bit relative moves in 0.1 mm, y down, with jump 0x10
// and trim 0x20 flags, FE B0 xx colour changes, FF end) and 48×38
// monochrome thumbnails. Encode writes version 1 (#PES0001, what Ink/Stitch
// writes) or 6 (#PES0060, exact RGB threads with names); Decode reads every
// version through the PEC section and takes the exact thread colours from
// the PES part when it has them.
//
// Encode's bytes are those of Ink/Stitch's writer (pystitch 1.0.1) for the
// same stitches — checked against corpus/pes/golden: PEC header, palette
// indices, stitch stream and thumbnails, and for v1 with the 130 × 180 hoop
// the whole file. usinette differs on purpose in four places: stitches
// longer than EncodeOptions.MaxStitch (12.1 mm by default) are split into
// even stitches, where Ink/Stitch keeps them; the hoop fields and the design
// position in the PES part follow EncodeOptions.Hoop (the 870SE's
// 260 × 160 mm field by default); a jump that no Trim precedes is flagged
// as a jump (0x10), not a trim; and consecutive jumps are written as one
// move when it holds them (a DST design jumps in 12.1 mm steps; each
// trim-flagged move would be one more cut).
//
// Decode reads the PEC stream as the machine sews it: a stitch record that
// moves after a jump or a colour change is a Jump there then a Stitch (the
// needle is up while the frame moves), and a colour change to the same
// thread followed by stitches is a Stop (after which the thread goes on).
//
// Palette indices are chosen as Ink/Stitch chooses them: each distinct
// colour takes the nearest unused palette colour by red-mean distance.
// Indices 62 and 64 are not excluded: Ink/Stitch picks 62 for orange
// #ffa500 in corpus/pes/golden/long_stitch_split, and so do we.
package pes
