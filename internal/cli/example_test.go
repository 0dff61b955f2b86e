package cli_test

import (
	"fmt"
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

func ExampleCount() {
	fmt.Println(cli.Count(1, "colour"), cli.Count(3, "colour"), cli.Count(0, "trim"), cli.Count(2, "patch"))
	// Output: 1 colour 3 colours 0 trims 2 patches
}
