// Command genstl writes the project's generated benchmark models as binary
// STL files, for the peer comparison (benchmarks/compare) and for trying them
// in other slicers:
//
//	go run ./benchmarks/genstl -o DIR [model | file.stl ...]
//
// Models are those of benchmarks.Generated: million (1,000,000-triangle
// torus knot), sphere640k, thinwalls, islands, example. An argument ending in
// .stl is an existing file: it is read, repaired and written to DIR under its
// own name. Every mesh is placed as `usinette slice` places it (centred on the
// 250 × 210 mm bed, lowest point at z = 0), so that slicers that take
// coordinates as they are (CuraEngine) print it where the others do. Without
// arguments all generated models are written.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/usinette/usinette/benchmarks"
	"github.com/usinette/usinette/internal/cli"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
)

func main() {
	out := flag.String("o", ".", "output folder")
	flag.Parse()
	if err := run(*out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "genstl:", err)
		os.Exit(1)
	}
}

func run(out string, names []string) error {
	models := map[string]func() *mesh.Mesh{}
	var all []string
	for _, m := range benchmarks.Generated() {
		models[m.Name] = m.Make
		all = append(all, m.Name)
	}
	if len(names) == 0 {
		names = all
	}
	for _, name := range names {
		var m *mesh.Mesh
		base := name
		if strings.HasSuffix(strings.ToLower(name), ".stl") {
			var err error
			if m, _, err = stl.ReadMesh(name, mesh.Options{}); err != nil {
				return err
			}
			base = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
		} else {
			gen, ok := models[name]
			if !ok {
				return fmt.Errorf("unknown model %q (models: %s)", name, strings.Join(all, ", "))
			}
			m = gen()
		}
		m.Place(250, 210)
		path := filepath.Join(out, base+".stl")
		err := cli.WriteFile(os.Stdout, path, func(w io.Writer) error { return stl.Write(w, m, "usinette "+base) })
		if err != nil {
			return err
		}
		fmt.Printf("%s: %d triangles\n", path, len(m.Triangles))
	}
	return nil
}
