package slice

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh"
	_ "github.com/usinette/usinette/mesh/obj"
	"github.com/usinette/usinette/mesh/stl"
)

// prism writes, as an STL in dir, the prism of a polygon drawn in the XZ
// plane (x, z pairs, counter-clockwise) extruded depth mm along Y: the T and
// the overhang the support tests print. The polygon's faces are cut into
// triangles by the OBJ reader.
func prism(t *testing.T, dir, name string, xz [][2]float64, depth float64) string {
	t.Helper()
	var b strings.Builder
	n := len(xz)
	for _, y := range []float64{0, depth} {
		for _, p := range xz {
			fmt.Fprintf(&b, "v %g %g %g\n", p[0], y, p[1])
		}
	}
	// the profile at y = 0 faces -Y: counter-clockwise in XZ seen from -Y
	b.WriteString("f")
	for k := range n {
		fmt.Fprintf(&b, " %d", k+1)
	}
	b.WriteString("\nf")
	for k := n - 1; k >= 0; k-- {
		fmt.Fprintf(&b, " %d", n+k+1)
	}
	b.WriteString("\n")
	for k := range n {
		a, c := k+1, (k+1)%n+1
		fmt.Fprintf(&b, "f %d %d %d %d\n", a, n+a, n+c, c)
	}
	objPath := filepath.Join(dir, name+".obj")
	if err := os.WriteFile(objPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	m, rep, _, err := mesh.ReadFile(objPath, mesh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Closed() || m.Volume() <= 0 {
		t.Fatalf("%s: not a closed solid: %+v, volume %g", name, rep, m.Volume())
	}
	p := filepath.Join(dir, name+".stl")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := stl.Write(f, m, name); err != nil {
		t.Fatal(err)
	}
	return p
}

// supportModels are the generated overhangs: a T with 20 mm arms (a 10 mm
// stem 20 mm high, a 50 × 5 mm bar on top) and a wedge whose side leans
// 70° from the vertical.
func supportModels(t *testing.T, dir string) map[string]string {
	t.Helper()
	lean := 10 * math.Tan(70*math.Pi/180)
	return map[string]string{
		"T":          prism(t, dir, "T", [][2]float64{{20, 0}, {30, 0}, {30, 20}, {50, 20}, {50, 25}, {0, 25}, {0, 20}, {20, 20}}, 10),
		"overhang70": prism(t, dir, "overhang70", [][2]float64{{0, 0}, {10, 0}, {10 + lean, 10}, {0, 10}}, 20),
	}
}

const (
	roleSupport   = "Support material"
	roleInterface = "Support material interface"
)

func isSupport(role string) bool { return role == roleSupport || role == roleInterface }

// unsupportedArea measures, on a 0.1 mm grid, the area of model extrusion
// (lines as wide as the G-code's ;WIDTH says the widest are: 0.45 mm) that
// lies over nothing printed on the two layers below, summed over the layers
// above the first. Two layers, because supports stop one contact distance
// (0.2 mm, one layer) below what they hold, in PrusaSlicer as here.
func unsupportedArea(g *gprint) float64 {
	const res = 0.1
	const width = 0.45
	grids := [3]*grid{gridAround(g, res), gridAround(g, res), gridAround(g, res)}
	cur := gridAround(g, res)
	total := 0.0
	k := 0
	// grids[0] is the layer below, grids[1] the one below that
	for layer := range g.layers {
		cur.clear()
		from := k
		for ; k < len(g.segs) && g.segs[k].layer == layer; k++ {
		}
		count := 0
		for _, s := range g.segs[from:k] {
			if s.role == "Skirt/Brim" || isSupport(s.role) {
				continue
			}
			if layer > 0 {
				cur.line(s.x0, s.y0, s.x1, s.y1, width, func(i int) {
					if !cur.bits[i] && !grids[0].bits[i] && !grids[1].bits[i] {
						count++
					}
				})
			}
		}
		total += float64(count) * res * res
		// what this layer printed, everything, is what holds the next ones
		next := grids[2]
		next.clear()
		for _, s := range g.segs[from:k] {
			next.line(s.x0, s.y0, s.x1, s.y1, width, nil)
		}
		grids[0], grids[1], grids[2] = next, grids[0], grids[1]
	}
	return total
}

func supportINI(t *testing.T, dir string, on bool) string {
	data, err := os.ReadFile(corpus.Path(t, "profiles/mk3s_pla.ini"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if on {
		s = strings.Replace(s, "\nsupport_material = 0\n", "\nsupport_material = 1\n", 1)
	}
	p := filepath.Join(dir, fmt.Sprintf("support%v.ini", on))
	os.WriteFile(p, []byte(s), 0o644)
	return p
}

// TestSupportsAgainstPrusaSlicer slices the generated overhangs with and
// without supports, here and with PrusaSlicer 2.5 (the MK3S profile with
// support_material = 1), and measures both G-codes with the reader above.
func TestSupportsAgainstPrusaSlicer(t *testing.T) {
	dir := t.TempDir()
	iniOn, iniOff := supportINI(t, dir, true), supportINI(t, dir, false)
	for name, src := range supportModels(t, dir) {
		t.Run(name, func(t *testing.T) {
			var ours *gprint
			measure := func(on bool) (unsup, supportE float64, types map[string]bool) {
				cfg := Default()
				cfg.Support = on
				var buf bytes.Buffer
				if _, err := File(context.Background(), src, &buf, cfg, RunOptions{Name: name}); err != nil {
					t.Fatal(err)
				}
				g := readGCode(t, &buf)
				types = map[string]bool{}
				for _, s := range g.segs {
					types[s.role] = true
				}
				if on {
					ours = g
				}
				return unsupportedArea(g), g.filament(isSupport), types
			}
			usOff, seOff, tOff := measure(false)
			usOn, seOn, tOn := measure(true)
			if seOff != 0 || tOff[roleSupport] || tOff[roleInterface] {
				t.Errorf("support printed without --support: %.1f mm", seOff)
			}
			if !tOn[roleSupport] || !tOn[roleInterface] {
				t.Errorf("with supports, types %v", tOn)
			}
			p, ok := corpus.PrusaExport(t, ".gcode", []string{"--export-gcode", "--load", iniOn}, src)
			if !ok {
				t.Skip("prusa-slicer not installed")
			}
			q, _ := corpus.PrusaExport(t, ".gcode", []string{"--export-gcode", "--load", iniOff}, src)
			read := func(p string) *gprint {
				f, err := os.Open(p)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				return readGCode(t, f)
			}
			pg, pq := read(p), read(q)
			pUs, pSe := unsupportedArea(pg), pg.filament(isSupport)
			qUs := unsupportedArea(pq)
			t.Logf("unsupported model extrusion: usinette %.1f mm² without supports, %.1f with; PrusaSlicer %.1f without, %.1f with",
				usOff, usOn, qUs, pUs)
			iface := func(r string) bool { return r == roleInterface }
			t.Logf("support filament: usinette %.1f mm (interface %.1f), PrusaSlicer %.1f mm (interface %.1f)",
				seOn, ours.filament(iface), pSe, pg.filament(iface))
			if usOn > 1.5*pUs+1 {
				t.Errorf("unsupported area %.1f mm² with supports, PrusaSlicer's %.1f", usOn, pUs)
			}
			if seOn > 1.5*pSe {
				t.Errorf("support filament %.1f mm, PrusaSlicer's %.1f", seOn, pSe)
			}
			// the speeds before any slowdown for layer time: 50 and 40 mm/s
			// (on the T every layer is short enough to be slowed down,
			// PrusaSlicer's longer support layers are not)
			for _, r := range []string{roleSupport, roleInterface} {
				a, b := ours.maxFeed(r), pg.maxFeed(r)
				t.Logf("%s: fastest F%g, PrusaSlicer's F%g", r, a, b)
				if a != b && name != "T" || a > b {
					t.Errorf("%s at F%g, PrusaSlicer's at F%g", r, a, b)
				}
			}
			// and they hold at least 3/4 of what PrusaSlicer's hold
			if usOff-usOn < 0.75*(qUs-pUs) {
				t.Errorf("supports hold %.1f mm² of extrusion, PrusaSlicer's %.1f", usOff-usOn, qUs-pUs)
			}
		})
	}
}

// TestSupportBuildplateOnly: a ledge at z 15 mm reaching over a lower step
// of the model (x 10–30 mm of the profile, 5 mm high) and past it (x 30–45,
// over the bed): with buildplate_only no support is printed above the step,
// without it some is.
func TestSupportBuildplateOnly(t *testing.T) {
	dir := t.TempDir()
	src := prism(t, dir, "ledge", [][2]float64{{0, 0}, {30, 0}, {30, 5}, {10, 5}, {10, 15}, {45, 15}, {45, 20}, {0, 20}}, 15)
	onStep := func(bedOnly bool) (standing, supportE float64) {
		cfg := Default()
		cfg.Support, cfg.SupportBuildplateOnly = true, bedOnly
		var buf bytes.Buffer
		sum, err := File(context.Background(), src, &buf, cfg, RunOptions{Name: "ledge"})
		if err != nil {
			t.Fatal(err)
		}
		g := readGCode(t, &buf)
		stepEnd := sum.BoundsMM.MinX + 30 - 1 // a millimetre inside the step's edge
		for _, s := range g.segs {
			if isSupport(s.role) && s.z > 5.2 && min(s.x0, s.x1) < stepEnd {
				standing += math.Hypot(s.x1-s.x0, s.y1-s.y0)
			}
		}
		return standing, g.filament(isSupport)
	}
	bedL, bedE := onStep(true)
	allL, allE := onStep(false)
	t.Logf("support lines above the step: %.1f mm (of %.1f mm of filament) buildplate only, %.1f mm (of %.1f mm) everywhere", bedL, bedE, allL, allE)
	if bedL > 0 || bedE == 0 {
		t.Errorf("buildplate only: %.1f mm of support line above the step, %.1f mm of filament", bedL, bedE)
	}
	if allL < 100 || allE <= bedE {
		t.Errorf("support everywhere: only %.1f mm of line above the step, %.1f mm of filament", allL, allE)
	}
}
