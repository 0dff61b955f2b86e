package cli

import (
	"encoding/json"
	"io"
)

// PrintJSON writes v as one indented JSON object followed by a newline, the
// form every --json flag of usinette prints on stdout.
func PrintJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
