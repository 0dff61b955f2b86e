package cli_test

import (
	"os"

	"github.com/usinette/usinette/internal/cli"
)

func ExamplePrintJSON() {
	cli.PrintJSON(os.Stdout, map[string]any{"layers": 100, "print_time_s": 3600.5})
	// Output:
	// {
	//   "layers": 100,
	//   "print_time_s": 3600.5
	// }
}
