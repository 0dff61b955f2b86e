package slice_test

import (
	"bufio"
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/internal/meshgen"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
	"github.com/usinette/usinette/slice"
)

// The print-quality checks of issue 13: each slices a model generated here
// with usinette and with PrusaSlicer 2.5 (same corpus profile) and measures
// the same quantity from both G-code files with the walker below, which
// knows nothing of how either slicer planned the moves.

// gmove is one G0/G1 move of a G-code file, in absolute coordinates.
type gmove struct {
	layer      int     // index of the ;LAYER_CHANGE block, -1 before the first
	typ        string  // the last ;TYPE: seen
	wipe       bool    // between ;WIPE_START and ;WIPE_END
	x0, y0, z0 float64 // start
	x1, y1, z1 float64 // end
	e          float64 // extruder move (relative, M83), mm of filament
	f          float64 // feedrate in force, mm/min
	width      float64 // the last ;WIDTH: seen, mm
	line       int     // 1-based line number
}

// xyLen is the move's length in the plane.
func (m *gmove) xyLen() float64 { return math.Hypot(m.x1-m.x0, m.y1-m.y0) }

// extrudes: the move lays plastic (a retraction's undoing moves no axis
// but E).
func (m *gmove) extrudes() bool { return m.e > 0 && (m.x1 != m.x0 || m.y1 != m.y0) }

// eSpeed is the extruder's speed during the move, mm/s: the feedrate is
// the speed of the whole XYZE move, shared by the axes in proportion.
func (m *gmove) eSpeed() float64 {
	d := math.Sqrt(sq(m.x1-m.x0) + sq(m.y1-m.y0) + sq(m.z1-m.z0) + sq(m.e))
	if d == 0 {
		return 0
	}
	return m.f / 60 * math.Abs(m.e) / d
}

func sq(v float64) float64 { return v * v }

// filamentArea is the section of 1.75 mm filament, mm².
var filamentArea = math.Pi * 1.75 * 1.75 / 4

// walkGCode calls fn for every G0/G1 move of a relative-extrusion file.
func walkGCode(t testing.TB, text []byte, fn func(m *gmove)) {
	t.Helper()
	var m gmove
	m.layer = -1
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		l := sc.Text()
		switch {
		case l == ";LAYER_CHANGE":
			m.layer++
			continue
		case strings.HasPrefix(l, ";TYPE:"):
			m.typ = l[6:]
			continue
		case strings.HasPrefix(l, ";WIDTH:"):
			if w, err := strconv.ParseFloat(l[7:], 64); err == nil {
				m.width = w
			}
			continue
		case l == ";WIPE_START":
			m.wipe = true
			continue
		case l == ";WIPE_END":
			m.wipe = false
			continue
		case strings.HasPrefix(l, "G1 ") || strings.HasPrefix(l, "G0 "):
		default:
			continue
		}
		m.x0, m.y0, m.z0 = m.x1, m.y1, m.z1
		m.e = 0
		if i := strings.IndexByte(l, ';'); i >= 0 {
			l = l[:i]
		}
		for _, f := range strings.Fields(l)[1:] {
			v, err := strconv.ParseFloat(f[1:], 64)
			if err != nil {
				t.Fatalf("line %d %q: %v", n, l, err)
			}
			switch f[0] {
			case 'X':
				m.x1 = v
			case 'Y':
				m.y1 = v
			case 'Z':
				m.z1 = v
			case 'E':
				m.e = v
			case 'F':
				m.f = v
			}
		}
		m.line = n
		fn(&m)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// bothSlicers writes m as an STL and returns usinette's and PrusaSlicer's
// G-code for it with the corpus profile (the embedded default is the same
// profile); theirs is nil when PrusaSlicer is not installed.
func bothSlicers(t *testing.T, name string, m *mesh.Mesh) (ours, theirs []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".stl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := stl.Write(f, m, name); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := slice.File(context.Background(), path, &buf, slice.Default(), slice.RunOptions{}); err != nil {
		t.Fatal(err)
	}
	ref, ok := corpus.PrusaSlicer(t, filepath.Join(corpus.Dir(t), "profiles", "mk3s_pla.ini"), path)
	if !ok {
		t.Log("prusa-slicer not installed: no comparison")
		return buf.Bytes(), nil
	}
	b, err := os.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), b
}

// boxesMesh is one mesh of axis-aligned boxes, each {x0, y0, z0, x1, y1, z1}.
func boxesMesh(boxes ...[6]float32) *mesh.Mesh {
	m := &mesh.Mesh{}
	for _, b := range boxes {
		base := uint32(len(m.Vertices))
		for k := 0; k < 8; k++ {
			x, y, z := b[0], b[1], b[2]
			if k&1 != 0 {
				x = b[3]
			}
			if k&2 != 0 {
				y = b[4]
			}
			if k&4 != 0 {
				z = b[5]
			}
			m.Vertices = append(m.Vertices, mesh.Vec3{X: x, Y: y, Z: z})
		}
		// outward-facing quads (vertex bits: x=1, y=2, z=4)
		for _, q := range [6][4]uint32{{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}} {
			m.Triangles = append(m.Triangles,
				[3]uint32{base + q[0], base + q[1], base + q[2]},
				[3]uint32{base + q[0], base + q[2], base + q[3]})
		}
	}
	return m
}

// TestElephantFootKeepsThinWalls: free-standing walls 0.5 and 0.9 mm thick
// keep their first layer under the profile's 0.2 mm elephant-foot
// compensation. PrusaSlicer never compensates a part below the width of a
// perimeter loop; the first-layer plastic of each wall must be at least
// 0.85 of PrusaSlicer's.
func TestElephantFootKeepsThinWalls(t *testing.T) {
	// the walls 10 mm apart along X, 20 mm long, 5 mm tall
	m := boxesMesh([6]float32{0, 0, 0, 0.5, 20, 5}, [6]float32{10, 0, 0, 10.9, 20, 5})
	ours, theirs := bothSlicers(t, "efc_walls", m)
	// first-layer volume per wall: the model is centred on the bed, so the
	// walls lie either side of x = 125 (the bed's centre)
	vol := func(text []byte) (thin, thick float64) {
		walkGCode(t, text, func(m *gmove) {
			if m.layer != 0 || !m.extrudes() || m.typ == "Skirt/Brim" {
				return
			}
			if (m.x0+m.x1)/2 < 125 {
				thin += m.e * filamentArea
			} else {
				thick += m.e * filamentArea
			}
		})
		return
	}
	o5, o9 := vol(ours)
	t.Logf("usinette first layer: 0.5 mm wall %.2f mm³, 0.9 mm wall %.2f mm³", o5, o9)
	// nominal volume: 20 mm × wall × 0.2 mm
	if o5 < 0.8*20*0.5*0.2 || o9 < 0.8*20*0.9*0.2 {
		t.Errorf("first layer %.2f / %.2f mm³, nominal %.2f / %.2f: want ≥ 0.8×", o5, o9, 20*0.5*0.2, 20*0.9*0.2)
	}
	if theirs == nil {
		return
	}
	p5, p9 := vol(theirs)
	t.Logf("PrusaSlicer first layer: 0.5 mm wall %.2f mm³, 0.9 mm wall %.2f mm³ (ours %.2f×, %.2f×)", p5, p9, o5/p5, o9/p9)
	if o5 < 0.85*p5 || o9 < 0.85*p9 {
		t.Errorf("first-layer volume %.2f / %.2f mm³, PrusaSlicer %.2f / %.2f: want ≥ 0.85×", o5, o9, p5, p9)
	}
}

// corpusBoth returns usinette's and PrusaSlicer's G-code for a corpus STL
// (PrusaSlicer's nil when it is not installed).
func corpusBoth(t *testing.T, name string) (ours, theirs []byte) {
	t.Helper()
	path := filepath.Join(corpus.Dir(t), "stl", name+".stl")
	var buf bytes.Buffer
	if _, err := slice.File(context.Background(), path, &buf, slice.Default(), slice.RunOptions{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), prusaGCode(t, path, name)
}

// TestExtruderWithinFeedrateLimit: no move of Benchy's G-code asks the
// extruder for more than its feedrate limit (machine_max_feedrate_e,
// 120 mm/s; the firmware would slow the whole move, and a wipe meant to
// retract while moving would stall on the spot). PrusaSlicer's file is
// measured the same way for reference.
func TestExtruderWithinFeedrateLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("Benchy: slow model")
	}
	limit := slice.Default().MaxFeedrate[3]
	count := func(text []byte) (n int, worst float64, at int) {
		walkGCode(t, text, func(m *gmove) {
			// E is written to 5 decimals: allow that much rounding
			if v := m.eSpeed(); v > limit*(1+1e-3) && math.Abs(m.e) > 2e-5 {
				n++
				if v > worst {
					worst, at = v, m.line
				}
			}
		})
		return
	}
	ours, theirs := corpusBoth(t, "3DBenchy")
	n, worst, at := count(ours)
	t.Logf("usinette: %d moves above %.0f mm/s of extruder (fastest %.0f mm/s, line %d)", n, limit, worst, at)
	if theirs != nil {
		pn, pw, _ := count(theirs)
		t.Logf("PrusaSlicer: %d moves above (fastest %.0f mm/s)", pn, pw)
	}
	if n > 0 {
		t.Errorf("%d moves ask the extruder for more than %.0f mm/s (fastest %.0f mm/s, line %d)", n, limit, worst, at)
	}
}

// topTravels counts the travels of a G-code file that cross a line of top
// solid infill printed earlier in the same layer with the filament not
// retracted (the nozzle drags or oozes over the finished surface), and
// their length in mm.
func topTravels(t *testing.T, text []byte) (n int, mm float64) {
	type seg struct{ x0, y0, x1, y1 int64 } // µm, as written (3 decimals)
	var tops []seg
	layer := -1
	retracted := 0.0
	o := func(ax, ay, bx, by, cx, cy int64) int64 {
		v := (bx-ax)*(cy-ay) - (by-ay)*(cx-ax)
		return min(max(v, -1), 1)
	}
	// the travel a crosses the line b, or passes through one of its
	// vertices; a travel from or to the line does not count
	cross := func(a, b seg) bool {
		return o(a.x0, a.y0, a.x1, a.y1, b.x0, b.y0)*o(a.x0, a.y0, a.x1, a.y1, b.x1, b.y1) <= 0 &&
			o(b.x0, b.y0, b.x1, b.y1, a.x0, a.y0)*o(b.x0, b.y0, b.x1, b.y1, a.x1, a.y1) < 0
	}
	um := func(v float64) int64 { return int64(math.Round(v * 1000)) }
	segOf := func(m *gmove) seg { return seg{um(m.x0), um(m.y0), um(m.x1), um(m.y1)} }
	walkGCode(t, text, func(m *gmove) {
		if m.layer != layer {
			layer, tops = m.layer, tops[:0]
		}
		moved := m.x1 != m.x0 || m.y1 != m.y0
		switch {
		case m.e < 0:
			retracted -= m.e
		case m.e > 0 && !moved:
			retracted = max(0, retracted-m.e)
		case m.e > 0:
			if m.typ == "Top solid infill" {
				tops = append(tops, segOf(m))
			}
		case moved && !m.wipe && retracted < 1e-3 && layer >= 0:
			tr := segOf(m)
			for _, s := range tops {
				if cross(tr, s) {
					n++
					mm += m.xyLen()
					break
				}
			}
		}
	})
	return n, mm
}

// TestTravelsOverTopSurfaceRetract: travels over finished top surface are
// retracted and lifted, so there are no more unretracted travels across
// top solid infill than in PrusaSlicer's G-code: on a plate with raised
// bars (as embossed text: top surface between separate parts of the
// layer above), on the corpus's xyz calibration cube (engraved letters)
// and on Benchy.
func TestTravelsOverTopSurfaceRetract(t *testing.T) {
	plate := [][6]float32{{0, 0, 0, 40, 24, 2}}
	for k := range 6 {
		x := float32(3 + 6*k)
		plate = append(plate, [6]float32{x, 4, 2, x + 1.5, 12, 3}, [6]float32{x + 1.5, 14, 2, x + 4, 20, 3})
	}
	models := []struct {
		name         string
		ours, theirs []byte
	}{{name: "raised_bars"}, {name: "xyz_calibration_cube"}}
	models[0].ours, models[0].theirs = bothSlicers(t, "raised_bars", boxesMesh(plate...))
	models[1].ours, models[1].theirs = corpusBoth(t, "xyz_calibration_cube")
	if !testing.Short() {
		models = append(models, struct {
			name         string
			ours, theirs []byte
		}{name: "3DBenchy"})
		models[2].ours, models[2].theirs = corpusBoth(t, "3DBenchy")
	}
	for _, md := range models {
		n, mm := topTravels(t, md.ours)
		t.Logf("%s: usinette %d travels (%.1f mm) over top surface unretracted", md.name, n, mm)
		if md.theirs == nil {
			continue
		}
		pn, pmm := topTravels(t, md.theirs)
		t.Logf("%s: PrusaSlicer %d travels (%.1f mm)", md.name, pn, pmm)
		if n > pn {
			t.Errorf("%s: %d unretracted travels over top surface, PrusaSlicer %d", md.name, n, pn)
		}
	}
}

// volumeByType sums the plastic (mm³) each ;TYPE: lays, and the length
// (mm) of its lines.
func volumeByType(t *testing.T, text []byte) (vol, length map[string]float64) {
	vol, length = map[string]float64{}, map[string]float64{}
	walkGCode(t, text, func(m *gmove) {
		if m.extrudes() {
			vol[m.typ] += m.e * filamentArea
			length[m.typ] += m.xyLen()
		}
	})
	return vol, length
}

// TestInternalBridges: the first solid layer over sparse infill is laid
// as a bridge (;TYPE:Bridge infill, at bridge speed), as PrusaSlicer does:
// on the corpus's 20 mm cube, whose only bridges are internal, and on
// Benchy, the bridge plastic is within 0.6–1.5× PrusaSlicer's.
func TestInternalBridges(t *testing.T) {
	names := []string{"cube20_scad"}
	if !testing.Short() {
		names = append(names, "3DBenchy")
	}
	for _, name := range names {
		ours, theirs := corpusBoth(t, name)
		ov, ol := volumeByType(t, ours)
		t.Logf("%s: usinette bridge infill %.1f mm³ (%.0f mm of line)", name, ov["Bridge infill"], ol["Bridge infill"])
		// every bridge line at bridge speed (25 mm/s), or slower
		bridgeF := slice.Default().BridgeSpeed * 60
		walkGCode(t, ours, func(m *gmove) {
			if m.extrudes() && m.typ == "Bridge infill" && m.f > bridgeF+1e-9 {
				t.Fatalf("line %d: bridge infill at F%.0f, bridge speed is F%.0f", m.line, m.f, bridgeF)
			}
		})
		if theirs == nil {
			continue
		}
		pv, pl := volumeByType(t, theirs)
		t.Logf("%s: PrusaSlicer bridge infill %.1f mm³ (%.0f mm of line)", name, pv["Bridge infill"], pl["Bridge infill"])
		if r := ov["Bridge infill"] / pv["Bridge infill"]; !(r >= 0.6 && r <= 1.5) {
			t.Errorf("%s: bridge infill %.1f mm³, PrusaSlicer %.1f (%.2f×)", name, ov["Bridge infill"], pv["Bridge infill"], r)
		}
	}
}

// TestOverhangPerimeters: perimeter stretches over air are printed as
// ;TYPE:Overhang perimeter at bridge speed, about as much of them as
// PrusaSlicer marks, on the corpus's overhang test, Benchy and the torus.
func TestOverhangPerimeters(t *testing.T) {
	names := []string{"overhang_test", "torus"}
	if !testing.Short() {
		names = append(names, "3DBenchy")
	}
	bridgeF := slice.Default().BridgeSpeed * 60
	for _, name := range names {
		ours, theirs := corpusBoth(t, name)
		_, ol := volumeByType(t, ours)
		t.Logf("%s: usinette %.0f mm of overhang perimeter", name, ol["Overhang perimeter"])
		walkGCode(t, ours, func(m *gmove) {
			if m.extrudes() && m.typ == "Overhang perimeter" && m.f > bridgeF+1e-9 {
				t.Fatalf("line %d: overhang perimeter at F%.0f, bridge speed is F%.0f", m.line, m.f, bridgeF)
			}
		})
		if theirs == nil {
			continue
		}
		_, pl := volumeByType(t, theirs)
		t.Logf("%s: PrusaSlicer %.0f mm", name, pl["Overhang perimeter"])
		if r := ol["Overhang perimeter"] / pl["Overhang perimeter"]; !(r >= 0.5 && r <= 2) {
			t.Errorf("%s: %.0f mm of overhang perimeter, PrusaSlicer %.0f (%.2f×)", name, ol["Overhang perimeter"], pl["Overhang perimeter"], r)
		}
	}
}

// tubesMesh is square tubes side by side along X: each outer mm wide,
// walls thick, h tall, the k-th from x = k·pitch, open at both ends
// (every layer is wall only).
func tubesMesh(outer, h, pitch float32, walls ...float32) *mesh.Mesh {
	m := &mesh.Mesh{}
	for k, t := range walls {
		x0 := float32(k) * pitch
		base := uint32(len(m.Vertices))
		sq := [2][4][2]float32{
			{{x0, 0}, {x0 + outer, 0}, {x0 + outer, outer}, {x0, outer}},
			{{x0 + t, t}, {x0 + outer - t, t}, {x0 + outer - t, outer - t}, {x0 + t, outer - t}},
		}
		// vertex (ring r, corner c, level z) at base + r*8 + z*4 + c
		for r := range 2 {
			for z := range 2 {
				for c := range 4 {
					m.Vertices = append(m.Vertices, mesh.Vec3{X: sq[r][c][0], Y: sq[r][c][1], Z: float32(z) * h})
				}
			}
		}
		v := func(r, z, c int) uint32 { return base + uint32(r*8+z*4+c%4) }
		quad := func(a, b, c, d uint32) {
			m.Triangles = append(m.Triangles, [3]uint32{a, b, c}, [3]uint32{a, c, d})
		}
		for c := range 4 {
			quad(v(0, 0, c), v(0, 0, c+1), v(0, 1, c+1), v(0, 1, c)) // outer wall, facing out
			quad(v(1, 0, c+1), v(1, 0, c), v(1, 1, c), v(1, 1, c+1)) // inner wall, facing in
			quad(v(0, 0, c+1), v(0, 0, c), v(1, 0, c), v(1, 0, c+1)) // bottom ring, facing down
			quad(v(0, 1, c), v(0, 1, c+1), v(1, 1, c+1), v(1, 1, c)) // top ring, facing up
		}
	}
	return m
}

// wallCoverage returns, for layer l of a tubes model (outer, pitch,
// walls as tubesMesh), the plastic each tube gets in that layer as a
// share of its wall section times the layer height.
func wallCoverage(t *testing.T, text []byte, l int, outer, pitch float64, walls []float64) []float64 {
	minX, maxX := math.Inf(1), math.Inf(-1)
	walkGCode(t, text, func(m *gmove) {
		if m.layer == l && m.extrudes() && m.typ != "Skirt/Brim" {
			minX, maxX = min(minX, m.x0, m.x1), max(maxX, m.x0, m.x1)
		}
	})
	span := float64(len(walls)-1)*pitch + outer
	shift := (minX+maxX)/2 - span/2 // model x = G-code x - shift
	vol := make([]float64, len(walls))
	walkGCode(t, text, func(m *gmove) {
		if m.layer == l && m.extrudes() && m.typ != "Skirt/Brim" {
			x := (m.x0+m.x1)/2 - shift
			k := min(max(int(math.Floor(x/pitch)), 0), len(walls)-1)
			vol[k] += m.e * filamentArea
		}
	})
	out := make([]float64, len(walls))
	for k, w := range walls {
		out[k] = vol[k] / ((outer*outer - (outer-2*w)*(outer-2*w)) * 0.2)
	}
	return out
}

// TestWallCoverage: walls between one and a few nozzle widths are filled
// at least as PrusaSlicer fills them (its Arachne perimeters vary their
// width): the plastic in a mid-height layer of square tubes with 0.6–2.5 mm
// walls, as a share of the wall section, is no more than 1.5 points below
// PrusaSlicer's, and does not overfill the section.
func TestWallCoverage(t *testing.T) {
	walls := []float64{0.6, 0.7, 1.8, 2.0, 2.2, 2.5}
	w32 := make([]float32, len(walls))
	for k, w := range walls {
		w32[k] = float32(w)
	}
	ours, theirs := bothSlicers(t, "tubes", tubesMesh(20, 5, 25, w32...))
	const layer = 12 // z 2.6
	oc := wallCoverage(t, ours, layer, 20, 25, walls)
	var pc []float64
	if theirs != nil {
		pc = wallCoverage(t, theirs, layer, 20, 25, walls)
	}
	for k, w := range walls {
		if pc == nil {
			t.Logf("%.1f mm wall: usinette %.1f %%", w, 100*oc[k])
			continue
		}
		t.Logf("%.1f mm wall: usinette %.1f %%, PrusaSlicer %.1f %%", w, 100*oc[k], 100*pc[k])
		// no more void than PrusaSlicer leaves (1.5 points), no more
		// plastic than the section holds (2 points for the lines' ends)
		if oc[k] < pc[k]-0.015 || oc[k] > 1.02 {
			t.Errorf("%.1f mm wall: %.1f %% of the section filled, PrusaSlicer %.1f %%", w, 100*oc[k], 100*pc[k])
		}
	}
}

// retractions counts a G-code file's retractions (a move with negative E
// after plastic was laid, in place or wiping) and its travels longer than
// minMM (runs of moves laying no plastic, layer changes included, measured
// start to end) made with the filament not retracted.
func retractions(t *testing.T, text []byte, minMM float64) (n, unretracted int) {
	laid := false
	retracted := 0.0
	var sx, sy float64
	in := false
	walkGCode(t, text, func(m *gmove) {
		moved := m.x1 != m.x0 || m.y1 != m.y0
		switch {
		case m.e < 0:
			if laid {
				n++
			}
			laid = false
			retracted -= m.e
		case m.e > 0 && !moved:
			retracted = max(0, retracted-m.e)
		case m.e > 0:
			laid = true
			in = false
		case moved && !m.wipe && m.layer >= 0:
			if !in {
				sx, sy, in = m.x0, m.y0, true
			}
			// the retraction comes before the travel's first move
			if retracted < 1e-3 && math.Hypot(m.x1-sx, m.y1-sy) > minMM+1e-3 {
				unretracted++
				in = false // once per travel
			}
		}
	})
	return n, unretracted
}

// TestRetractionsLikePrusaSlicer (issue 13, point 4): with the MK3S
// profile (only_retract_when_crossing_perimeters = 0) PrusaSlicer retracts
// every travel of retract_before_travel (1 mm) or more, inside the part or
// not; usinette leaves no more such travels unretracted than it does. The
// counts of retractions are logged for both: on Benchy usinette makes more
// travels over 1 mm (gap fill printed apart from the perimeters, which
// PrusaSlicer's Arachne makes variable-width perimeters), so more
// retractions.
func TestRetractionsLikePrusaSlicer(t *testing.T) {
	names := []string{"xyz_calibration_cube", "cube20_scad"}
	if !testing.Short() {
		names = append(names, "3DBenchy")
	}
	min := slice.Default().RetractBeforeTrav
	for _, name := range names {
		ours, theirs := corpusBoth(t, name)
		n, un := retractions(t, ours, min)
		t.Logf("%s: usinette %d retractions, %d travels over %.0f mm unretracted", name, n, un, min)
		if theirs == nil {
			continue
		}
		pn, pun := retractions(t, theirs, min)
		t.Logf("%s: PrusaSlicer %d retractions, %d unretracted (usinette/PrusaSlicer %.2f)", name, pn, pun, float64(n)/float64(pn))
		if un > pun {
			t.Errorf("%s: %d travels over %.0f mm unretracted, PrusaSlicer %d", name, un, min, pun)
		}
	}
}

// sparseOutside measures how much of a G-code file's sparse infill runs
// outside the sparse region: the area of each layer left by its
// perimeters, gap fill and solid (top, bridge) infill. Each layer's lines
// of those kinds are drawn on a 25 µm grid at their ;WIDTH:; a point of a
// sparse-infill line (every 50 µm along it) is outside when every cell
// within half its width is drawn — it lies deeper than half a line inside
// the perimeters or the solid shell, as a link laid over them does. It
// returns that length and the whole sparse infill's, mm.
func sparseOutside(t *testing.T, text []byte) (outside, total float64) {
	const cell = 0.025 // mm
	type seg struct {
		x0, y0, x1, y1, w float64
		line              int
	}
	var cover, sparse []seg
	covers := map[string]bool{"External perimeter": true, "Perimeter": true, "Overhang perimeter": true,
		"Gap fill": true, "Solid infill": true, "Top solid infill": true, "Bridge infill": true}
	flush := func() {
		if len(sparse) == 0 {
			cover = cover[:0]
			return
		}
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, s := range append(cover, sparse...) {
			x0, y0 = min(x0, s.x0-s.w, s.x1-s.w), min(y0, s.y0-s.w, s.y1-s.w)
			x1, y1 = max(x1, s.x0+s.w, s.x1+s.w), max(y1, s.y0+s.w, s.y1+s.w)
		}
		nx, ny := int((x1-x0)/cell)+2, int((y1-y0)/cell)+2
		grid := make([]bool, nx*ny)
		// dist2 from (px, py) to the segment s
		dist2 := func(s seg, px, py float64) float64 {
			dx, dy := s.x1-s.x0, s.y1-s.y0
			u := 0.0
			if l2 := dx*dx + dy*dy; l2 > 0 {
				u = max(0, min(1, ((px-s.x0)*dx+(py-s.y0)*dy)/l2))
			}
			ex, ey := px-s.x0-u*dx, py-s.y0-u*dy
			return ex*ex + ey*ey
		}
		for _, s := range cover {
			r := s.w / 2
			i0, i1 := int((min(s.x0, s.x1)-r-x0)/cell), int((max(s.x0, s.x1)+r-x0)/cell)+1
			j0, j1 := int((min(s.y0, s.y1)-r-y0)/cell), int((max(s.y0, s.y1)+r-y0)/cell)+1
			for j := max(j0, 0); j <= min(j1, ny-1); j++ {
				for i := max(i0, 0); i <= min(i1, nx-1); i++ {
					if dist2(s, x0+(float64(i)+0.5)*cell, y0+(float64(j)+0.5)*cell) <= r*r {
						grid[j*nx+i] = true
					}
				}
			}
		}
		for _, s := range sparse {
			l := math.Hypot(s.x1-s.x0, s.y1-s.y0)
			total += l
			steps := max(1, int(l/0.05))
			r := s.w / 2
			rc := int(r/cell) + 1
			for k := range steps {
				u := (float64(k) + 0.5) / float64(steps)
				px, py := s.x0+u*(s.x1-s.x0), s.y0+u*(s.y1-s.y0)
				ci, cj := int((px-x0)/cell), int((py-y0)/cell)
				free := false
				for j := cj - rc; j <= cj+rc && !free; j++ {
					for i := ci - rc; i <= ci+rc; i++ {
						if i < 0 || j < 0 || i >= nx || j >= ny {
							continue
						}
						cx, cy := x0+(float64(i)+0.5)*cell, y0+(float64(j)+0.5)*cell
						if (cx-px)*(cx-px)+(cy-py)*(cy-py) <= r*r && !grid[j*nx+i] {
							free = true
							break
						}
					}
				}
				if !free {
					outside += l / float64(steps)
					if os.Getenv("SQDEBUG") != "" && k == steps/2 {
						t.Logf("outside: line %d", s.line)
					}
				}
			}
		}
		cover, sparse = cover[:0], sparse[:0]
	}
	layer := -1
	walkGCode(t, text, func(m *gmove) {
		if m.layer != layer {
			flush()
			layer = m.layer
		}
		if !m.extrudes() || m.width <= 0 {
			return
		}
		s := seg{m.x0, m.y0, m.x1, m.y1, m.width, m.line}
		switch {
		case m.typ == "Internal infill":
			sparse = append(sparse, s)
		case covers[m.typ]:
			cover = append(cover, s)
		}
	})
	flush()
	return outside, total
}

// TestSparseInfillInsideSparseRegion (issue 13, point 5): sparse infill
// and its links stay in the area the perimeters and the solid infill
// leave: on the curved parts, whose gyroid links lay on the solid shell,
// and on Benchy, at most 0.5 % of the sparse infill's length lies deeper
// than half a line inside the perimeters or the solid infill, measured
// from the G-code (PrusaSlicer's measured the same way, logged).
func TestSparseInfillInsideSparseRegion(t *testing.T) {
	cases := []struct {
		name string
		get  func(t *testing.T) (ours, theirs []byte)
	}{
		{"sphere_fn200", func(t *testing.T) ([]byte, []byte) { return corpusBoth(t, "sphere_fn200") }},
		{"torus", func(t *testing.T) ([]byte, []byte) { return corpusBoth(t, "torus") }},
		{"cone", func(t *testing.T) ([]byte, []byte) {
			return bothSlicers(t, "cone", meshgen.Cone(15, 0, 30, 128))
		}},
	}
	if !testing.Short() {
		cases = append(cases, struct {
			name string
			get  func(t *testing.T) (ours, theirs []byte)
		}{"3DBenchy", func(t *testing.T) ([]byte, []byte) { return corpusBoth(t, "3DBenchy") }})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ours, theirs := tc.get(t)
			out, tot := sparseOutside(t, ours)
			t.Logf("usinette: %.0f of %.0f mm of sparse infill outside the sparse region (%.2f %%)", out, tot, 100*out/tot)
			if theirs != nil {
				pout, ptot := sparseOutside(t, theirs)
				t.Logf("PrusaSlicer: %.0f of %.0f mm (%.2f %%)", pout, ptot, 100*pout/ptot)
			}
			if out > 0.005*tot {
				t.Errorf("%.0f of %.0f mm of sparse infill (%.2f %%) lies outside the sparse region", out, tot, 100*out/tot)
			}
		})
	}
}
