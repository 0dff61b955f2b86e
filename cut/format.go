package cut

import "io"

// Format is a file format for a planned cut: a cutter's language (GPGL,
// HPGL) or a document another program imports (SVG). Each format is one
// file of this package, a type whose value carries its settings; a new
// cutter is a new type with this method. Pictures of a plan are drawn by
// package preview.
type Format interface {
	// Write writes the plan in the format.
	Write(w io.Writer, p *Plan) error
}

var (
	_ Format = GPGL{}
	_ Format = HPGL{}
	_ Format = SVG{}
)
