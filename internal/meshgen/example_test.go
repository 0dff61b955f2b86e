package meshgen_test

import (
	"fmt"

	"github.com/usinette/usinette/internal/meshgen"
)

func Example() {
	m := meshgen.Example()
	lo, hi := m.Bounds()
	rep := m.Check()
	fmt.Println(len(m.Triangles), "triangles,", rep.Shells, "shells, closed:", rep.Closed())
	fmt.Println("bounds", lo, hi)
	fmt.Printf("volume %.0f mm³\n", m.Volume())

	s := meshgen.Sphere(25, 800)
	fmt.Println("sphere:", len(s.Triangles), "triangles")
	// Output:
	// 556 triangles, 2 shells, closed: true
	// bounds {0 0 0} {24 24 22}
	// volume 8138 mm³
	// sphere: 638400 triangles
}
