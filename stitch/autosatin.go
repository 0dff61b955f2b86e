package stitch

import "github.com/usinette/usinette/vector"

// Auto-satin. Ink/Stitch sews every stroke as a running stitch unless the
// path is marked as a satin column (its parameters say how), whatever its
// width: in an Ink/Stitch document the width of a stroke means nothing.
// A plain SVG (one without any inkstitch:* parameter or command, which is
// what the stitch command is mostly given) has no such marks, and a stroke
// drawn 2 mm wide is meant to look 2 mm wide: there a stroke wider than
// Options.AutoSatin is sewn as a satin column of the stroke's width
// centred on the path (rails offset half the width to each side, Ink/Stitch's
// satin defaults, the stitches split past 7 mm so that a broad stroke is
// not sewn as long loose loops), and thinner strokes as running stitch.

// DefaultAutoSatin is the stroke width (mm) above which a plain SVG's
// stroke is sewn as a satin column.
const DefaultAutoSatin = 1.0

// autoSatinSplit is the longest satin stitch of an auto-satin stroke.
const autoSatinSplit = 7.0

// plainDocument says whether no shape carries an Ink/Stitch parameter or
// is an Ink/Stitch command.
func plainDocument(shapes []vector.Shape) bool {
	for i := range shapes {
		if IsCommand(&shapes[i]) || helperLine(&shapes[i]) != "" {
			return false
		}
		for k := range shapes[i].Attrs {
			if len(k) > 9 && k[:9] == "inkstitch" {
				return false
			}
		}
	}
	return true
}

// autoSatin sews each path as a satin column of the given width.
func autoSatin(paths [][]pt, width float64) [][]pt {
	sp := readSatin(attrs(nil), false)
	sp.maxStitch = autoSatinSplit
	var runs [][]pt
	for _, p := range paths {
		if len(p) > 3 && samePoint(p[0], p[len(p)-1]) {
			// a closed path starts and ends half way along its first
			// side, so that its first corner is mitred like the others
			m := p[0].Lerp(p[1], 0.5)
			q := append([]pt{m}, p[1:]...)
			p = append(q, m)
		}
		runs = append(runs, planSatinStroke(p, width, sp)...)
	}
	return runs
}
