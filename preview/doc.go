// Package preview draws pictures of what the other packages produce: the
// toolpaths of a G-code file (GCode), a planned cut (Cut) and an embroidery
// pattern (Stitch), as PNG or SVG. It is the only package of the module that
// uses a renderer (tdewolff/canvas), so codecs and models stay light: a
// service that decodes a DST file or estimates a print does not link it.
//
// Every picture has the same shape of call: a context, the writer, the
// thing to draw, and an options struct whose zero value is a sensible PNG.
// The three share one renderer: thick lines in millimetres, batched by
// colour and width, drawn as filled outlines on a PNG (canvas's stroker is
// slow on dense self-crossing paths and can panic) or written as stroked
// paths to an SVG, as they come, so memory does not grow with the input.
// A line whose colour is too close to the background in lightness (white
// thread on white fabric) gets a grey edge.
package preview
