// Package dst encodes and decodes Tajima DST embroidery files, the lingua
// franca of embroidery machines, as stitch.Pattern.
//
// A DST file is a 512-byte text header (label, stitch count, colour
// changes, extents) followed by 3-byte records: a relative move of up to
// ±121 units (0.1 mm) per axis in balanced ternary, with jump, colour-change
// and end flags. DST is y-up: Encode negates y and Decode negates it back,
// so patterns stay y-down as everywhere in usinette. DST has no trim and no
// colours: a trim is written as three small jumps that return to the same
// place (what pyembroidery and Ink/Stitch write, and what Tajima-compatible
// machines cut on), and decoded threads are placeholders.
//
// Decode reads a file as a Tajima machine sews it: a run of three or more
// jumps after stitches is a trim, and a stitch record that moves after a
// jump or a colour change is a Jump there then a Stitch, since the needle is
// up while the frame moves (a reader that takes that move as a stitch sees
// a long stitch that is never sewn, and a writer that splits it adds
// needle-downs across the design).
package dst
