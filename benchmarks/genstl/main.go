// Command genstl writes the project's generated models as binary STL files,
// for the peer comparison (benchmarks/compare) and for trying them in other
// slicers:
//
//	go run ./benchmarks/genstl -o DIR [model ...]
//
// Models: million (1,000,000-triangle torus knot), sphere640k, thinwalls,
// islands, example. Without arguments it writes all of them.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/usinette/usinette/benchmarks"
	"github.com/usinette/usinette/internal/cli"
	"github.com/usinette/usinette/internal/mesh"
	"github.com/usinette/usinette/internal/stl"
)

func main() {
	out := flag.String("o", ".", "output folder")
	flag.Parse()
	models := map[string]func() *mesh.Mesh{}
	var all []string
	for _, m := range benchmarks.Generated() {
		models[m.Name] = m.Make
		all = append(all, m.Name)
	}
	names := flag.Args()
	if len(names) == 0 {
		names = all
	}
	for _, name := range names {
		gen, ok := models[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "genstl: unknown model %q\n", name)
			os.Exit(2)
		}
		m := gen()
		// Slicers expect the part on the bed: lowest point at z = 0.
		m.Place(250, 210)
		path := filepath.Join(*out, name+".stl")
		err := cli.WriteFile(path, func(w io.Writer) error { return stl.Write(w, m, "usinette "+name) })
		if err != nil {
			fmt.Fprintln(os.Stderr, "genstl:", err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d triangles\n", path, len(m.Triangles))
	}
}
