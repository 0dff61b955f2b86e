package benchmarks_test

import (
	"fmt"

	"github.com/usinette/usinette/benchmarks"
)

func ExampleGenerated() {
	for _, m := range benchmarks.Generated() {
		if m.Name == "million" {
			continue // takes a moment to build
		}
		fmt.Println(m.Name, len(m.Make().Triangles))
	}
	// Output:
	// sphere640k 638400
	// thinwalls 120
	// islands 12800
	// example 556
}
