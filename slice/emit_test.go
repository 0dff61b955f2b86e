package slice

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/corpus"
)

// square returns a closed CCW square loop centred on (cx, cy) mm.
func square(cx, cy, half float64) geom.Path {
	x0, y0 := geom.FromMM(cx-half), geom.FromMM(cy-half)
	x1, y1 := geom.FromMM(cx+half), geom.FromMM(cy+half)
	return geom.Path{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}

// boxLayers builds n layers of a hand-made box of side `side` mm centred on
// (cx, cy): skirt on the first layer, two perimeters (external last) and
// zig-zag infill lines, as the slicer would hand them over.
func boxLayers(n int, cx, cy, side float64) []Layer {
	var layers []Layer
	for i := range n {
		h := 0.2
		z := 0.2 + float64(i)*h
		w := 0.45
		if i == 0 {
			w = 0.42
		}
		var paths []Extrusion
		if i == 0 {
			paths = append(paths, Extrusion{Role: Skirt, Width: w, Points: square(cx, cy, side/2+2+w), Closed: true})
		}
		half := side / 2
		paths = append(paths,
			Extrusion{Role: Perimeter, Width: w, Points: square(cx, cy, half-1.5*w), Closed: true},
			Extrusion{Role: ExternalPerimeter, Width: w, Points: square(cx, cy, half-w/2), Closed: true})
		role := InternalInfill
		if i < 3 || i >= n-3 {
			role = SolidInfill
		}
		var pts geom.Path
		in := half - 2*w
		for k, y := 0, -in; y <= in; k, y = k+1, y+2 {
			a := geom.Point{X: geom.FromMM(cx - in), Y: geom.FromMM(cy + y)}
			b := geom.Point{X: geom.FromMM(cx + in), Y: geom.FromMM(cy + y)}
			if k%2 == 1 {
				a, b = b, a
			}
			pts = append(pts, a, b)
		}
		paths = append(paths, Extrusion{Role: role, Width: w, Points: pts})
		layers = append(layers, Layer{Index: i, Z: z, Height: h, Paths: paths})
	}
	return layers
}

func gcodeOf(t testing.TB, layers []Layer, cfg Config) (string, GCodeStats) {
	t.Helper()
	var b bytes.Buffer
	st, err := WriteGCode(context.Background(), &b, layers, cfg, GCodeOptions{Name: "box"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Bytes != int64(b.Len()) {
		t.Errorf("stats say %d bytes, wrote %d", st.Bytes, b.Len())
	}
	return b.String(), st
}

func TestEPerMMMatchesPrusaSlicer(t *testing.T) {
	c := Default()
	// PrusaSlicer's first-layer skirt: a 20 mm line of 0.42 x 0.2 mm
	// extrudes E.62709 (corpus/gcode/cube20_scad_prusa.gcode).
	if got := 20 * c.EPerMM(0.42, 0.2); math.Abs(got-0.62709) > 5e-6 {
		t.Errorf("20 mm at 0.42x0.2: E%.5f, want E.62709", got)
	}
	c.ExtrusionMult = 0.9
	if got := 20 * c.EPerMM(0.42, 0.2); math.Abs(got-0.9*0.62709) > 5e-6 {
		t.Errorf("with multiplier 0.9: E%.5f", got)
	}
}

// TestHeaderLimitsMatchPrusaSlicer compares our machine-limit lines with the
// ones PrusaSlicer wrote for the same profile.
func TestHeaderLimitsMatchPrusaSlicer(t *testing.T) {
	ref, err := os.ReadFile(corpus.Path(t, "gcode/cube20_scad_prusa.gcode"))
	if err != nil {
		t.Fatal(err)
	}
	pick := func(s string) []string {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			for _, p := range []string{"M201 ", "M203 ", "M204 P", "M205 "} {
				if strings.HasPrefix(l, p) {
					out = append(out, l)
				}
			}
		}
		return out
	}
	got, _ := gcodeOf(t, boxLayers(3, 125, 105, 20), Default())
	if diff := cmp.Diff(pick(string(ref)), pick(got)); diff != "" {
		t.Errorf("machine limits (-PrusaSlicer +ours):\n%s", diff)
	}
}

func TestStartAndLayerComments(t *testing.T) {
	got, st := gcodeOf(t, boxLayers(8, 125, 105, 20), Default())
	lines := strings.Split(got, "\n")
	first := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "G") || strings.HasPrefix(l, "M8") {
			first = i
			break
		}
	}
	if first < 0 || !strings.HasPrefix(lines[first], `M862.3 P "MK3S"`) {
		t.Fatalf("first command is %q, want the printer model check", lines[first])
	}
	for _, want := range []string{"M862.1 P0.4", "M115 U3.11.0", "M907 E430", "G28 W", "G80", "M83", "M104 S215",
		"M140 S60", "M190 S60", "M109 S215", "G1 Y-3 F1000", "M221 S95", "M900 K0.05",
		";LAYER_CHANGE", ";Z:1.6", ";HEIGHT:0.2", ";TYPE:External perimeter", ";TYPE:Skirt/Brim",
		";WIDTH:0.42", "M204 S800", "M106 S84.15", "M106 S170.85", "M106 S255", "M84", "M104 S0", "M140 S0",
		"M73 P100 R0", "; estimated printing time (normal mode) = "} {
		if !strings.Contains(got, "\n"+want) {
			t.Errorf("output lacks a line starting %q", want)
		}
	}
	if n := strings.Count(got, ";LAYER_CHANGE\n"); n != 8 {
		t.Errorf("%d layer changes, want 8", n)
	}
	// The fan stays off through the first layer.
	l1 := got[strings.Index(got, ";LAYER_CHANGE"):strings.Index(got, ";Z:0.4")]
	if strings.Contains(l1, "M106") {
		t.Error("fan turned on during the first layer")
	}
	if st.Layers != 8 || st.FilamentMM <= 0 || st.PrintSeconds <= 0 {
		t.Errorf("stats %+v", st)
	}
	// Footer figures agree with the stats.
	if !strings.Contains(got, "; filament used [mm] = "+strconv.FormatFloat(st.FilamentMM, 'f', 2, 64)) {
		t.Error("footer filament differs from stats")
	}
}

// moves parses the G1 lines of text (a minimal reader for unit tests; the
// corpus tests use the gcode package's parser).
type move struct {
	x, y, z, e, f float64
	line          string
}

func parseMoves(t testing.TB, text string) []move {
	var out []move
	var cur move
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		l := sc.Text()
		if !strings.HasPrefix(l, "G1 ") {
			continue
		}
		cur.e = 0
		for _, f := range strings.Fields(strings.SplitN(l, ";", 2)[0])[1:] {
			v, err := strconv.ParseFloat(f[1:], 64)
			if err != nil {
				t.Fatalf("%q: %v", l, err)
			}
			switch f[0] {
			case 'X':
				cur.x = v
			case 'Y':
				cur.y = v
			case 'Z':
				cur.z = v
			case 'E':
				cur.e = v
			case 'F':
				cur.f = v
			}
		}
		cur.line = l
		out = append(out, cur)
	}
	return out
}

func TestRetractOnlyWhenLeavingIsland(t *testing.T) {
	cfg := Default()
	cfg.Wipe = false // retractions in place: one move each (TestWipe checks wipes)
	cfg.OnlyRetractInside = true
	// Two boxes side by side: the travel between them leaves the island;
	// travels inside a box (perimeter to infill) do not.
	a := boxLayers(2, 100, 105, 20)
	b := boxLayers(2, 150, 105, 20)
	l := a[1]
	l.Paths = append(append([]Extrusion{}, a[1].Paths...), b[1].Paths...)
	layers := []Layer{a[0], l}
	got, _ := gcodeOf(t, layers, cfg)
	body := got[strings.Index(got, ";Z:0.4"):]
	body = body[:strings.Index(body, ";TYPE:Custom")]
	ms := parseMoves(t, body)
	retracts := 0
	for i, m := range ms {
		if m.e < 0 {
			retracts++
			if math.Abs(m.e+0.8) > 1e-9 || m.f != 2100 {
				t.Errorf("retraction %q, want E-.8 F2100", m.line)
			}
			if i+1 >= len(ms) || math.Abs(ms[i+1].z-0.8) > 1e-9 {
				t.Errorf("retraction not followed by a lift to .8: %q", ms[i+1].line)
			}
		}
	}
	// One at the layer change, one to jump to the second box.
	if retracts != 2 {
		t.Errorf("%d retractions on the layer, want 2 (layer change, between islands):\n%s", retracts, body)
	}
	// Extrusion sums to the expected filament: E net of retractions equals
	// the sum of the positive extrusions minus retract/deretract pairs.
	var sum float64
	for _, m := range ms {
		sum += m.e
	}
	if math.Abs(sum) < 1 {
		t.Errorf("layer extrudes %.3f mm", sum)
	}
}

func TestSpeedsPerRole(t *testing.T) {
	cfg := Default()
	cfg.SlowdownBelowLayerTm = 0 // full speeds
	got, _ := gcodeOf(t, boxLayers(10, 125, 105, 60), cfg)
	ms := parseMoves(t, got)
	// The feed in force after each ;TYPE: comment, per layer kind.
	want := map[string]float64{"External perimeter": 1500, "Perimeter": 2700, "Internal infill": 4800, "Solid infill": 4800}
	seen := map[string]float64{}
	typ := ""
	sc := bufio.NewScanner(strings.NewReader(got[strings.Index(got, ";Z:0.6"):]))
	var f float64
	for sc.Scan() {
		l := sc.Text()
		if s, ok := strings.CutPrefix(l, ";TYPE:"); ok {
			typ = s
		}
		if strings.HasPrefix(l, "G1 ") && strings.Contains(l, " E") && !strings.Contains(l, " X") {
			continue
		}
		if i := strings.Index(l, " F"); i >= 0 && strings.HasPrefix(l, "G1") {
			f, _ = strconv.ParseFloat(strings.Fields(l[i+2:])[0], 64)
		}
		if strings.HasPrefix(l, "G1 X") && strings.Contains(l, " E") && typ != "" {
			if _, ok := seen[typ]; !ok {
				seen[typ] = f
			}
		}
	}
	for k, v := range want {
		if seen[k] != v {
			t.Errorf("%s printed at F%v, want F%v", k, seen[k], v)
		}
	}
	// First layer at 20 mm/s, travel at 180 mm/s.
	first := true
	for _, m := range ms {
		if m.z > 0.25 {
			break
		}
		if m.e > 0 && m.x != 0 && m.f > 1200 && m.f != 2100 && !first {
			t.Errorf("first-layer extrusion at F%v: %q", m.f, m.line)
		}
		if m.e > 0 {
			first = false
		}
	}
	if !strings.Contains(got, " F10800\n") {
		t.Error("no travel at F10800")
	}
}

func TestSlowdownSmallLayers(t *testing.T) {
	cfg := Default()
	// A 5 mm box: each layer takes a couple of seconds at full speed, so
	// it is slowed to last 15 s, no move below 15 mm/s.
	layers := boxLayers(10, 125, 105, 5)
	em := &emitter{cfg: &cfg}
	out := em.emitLayer(&layers[5], geom.Point{X: 125000, Y: 105000}, 1.0, nil, nil, nil)
	if math.IsInf(out.slowdown, 1) {
		t.Fatalf("no slowdown on a %.1f s layer", out.nominal)
	}
	for _, m := range parseMoves(t, string(out.body)) {
		if m.e > 0 && m.x != 0 && m.f < cfg.MinPrintSpeed*60-1e-9 {
			t.Errorf("extrusion below min_print_speed: %q", m.line)
		}
	}
	cfg.SlowdownBelowLayerTm = 0
	em2 := &emitter{cfg: &cfg}
	fast := em2.emitLayer(&layers[5], geom.Point{X: 125000, Y: 105000}, 1.0, nil, nil, nil)
	if !(out.seconds > fast.seconds*1.5) {
		t.Errorf("slowed layer %.1f s, unslowed %.1f s", out.seconds, fast.seconds)
	}
}

func TestFanPercent(t *testing.T) {
	c := Default()
	got := []float64{}
	for i := range 6 {
		got = append(got, c.fanPercent(i, 60))
	}
	if diff := cmp.Diff([]float64{0, 33, 67, 100, 100, 100}, got); diff != "" {
		t.Errorf("fan ramp (-want +got):\n%s", diff)
	}
}

func TestWriteGCodeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := WriteGCode(ctx, io.Discard, boxLayers(20, 125, 105, 20), Default(), GCodeOptions{})
	if err == nil {
		t.Fatal("cancelled context: no error")
	}
	if _, err := WriteGCode(context.Background(), io.Discard, nil, Default(), GCodeOptions{}); err != ErrNoLayers {
		t.Errorf("no layers: %v", err)
	}
}

func TestDeterministicOutput(t *testing.T) {
	a, _ := gcodeOf(t, boxLayers(30, 125, 105, 30), Default())
	b, _ := gcodeOf(t, boxLayers(30, 125, 105, 30), Default())
	if a != b {
		t.Error("two runs differ")
	}
}

func BenchmarkWriteGCode(b *testing.B) {
	layers := boxLayers(200, 125, 105, 60)
	cfg := Default()
	b.ReportAllocs()
	var n int64
	for b.Loop() {
		st, err := WriteGCode(context.Background(), io.Discard, layers, cfg, GCodeOptions{})
		if err != nil {
			b.Fatal(err)
		}
		n = st.Bytes
	}
	b.SetBytes(n)
}

// uShape is a U-shaped island outline (CCW), arms up, 30 mm wide, 30 mm
// tall, arms 10 mm wide, placed at (x0, y0) mm.
func uShape(x0, y0 float64) geom.Path {
	pts := [][2]float64{{0, 0}, {30, 0}, {30, 30}, {20, 30}, {20, 10}, {10, 10}, {10, 30}, {0, 30}}
	var p geom.Path
	for _, q := range pts {
		p = append(p, geom.Point{X: geom.FromMM(x0 + q[0]), Y: geom.FromMM(y0 + q[1])})
	}
	return p
}

func TestTravelRoundsConcaveOutline(t *testing.T) {
	isl := newIslands([]Extrusion{{Role: ExternalPerimeter, Closed: true, Points: uShape(100, 100)}})
	a := geom.Point{X: 105000, Y: 125000} // left arm
	b := geom.Point{X: 125000, Y: 125000} // right arm
	if isl.staysInside(a, b) {
		t.Fatal("straight line between the arms counted as inside")
	}
	way, ok := isl.detour(a, b, 3)
	if !ok {
		t.Fatal("no detour between the arms of a U")
	}
	// Every leg of the detour stays inside or on the outline: check the
	// legs' midpoints are not in the gap between the arms.
	prev := a
	for _, q := range way {
		m := geom.Point{X: (prev.X + q.X) / 2, Y: (prev.Y + q.Y) / 2}
		if m.X > 110000 && m.X < 120000 && m.Y > 110000 {
			t.Errorf("leg %v-%v goes through the gap", prev, q)
		}
		prev = q
	}
	if way[len(way)-1] != b {
		t.Errorf("detour ends at %v, want %v", way[len(way)-1], b)
	}
	// Between two separate islands there is no way round.
	two := newIslands([]Extrusion{
		{Role: ExternalPerimeter, Closed: true, Points: square(100, 100, 5)},
		{Role: ExternalPerimeter, Closed: true, Points: square(120, 100, 5)},
	})
	if _, ok := two.detour(geom.Point{X: 100000, Y: 100000}, geom.Point{X: 120000, Y: 100000}, 3); ok {
		t.Error("detour found between two islands")
	}
	// Round a hole: outer square CCW and a CW hole in the middle.
	hole := square(100, 100, 3)
	for i, j := 0, len(hole)-1; i < j; i, j = i+1, j-1 {
		hole[i], hole[j] = hole[j], hole[i]
	}
	holed := newIslands([]Extrusion{
		{Role: ExternalPerimeter, Closed: true, Points: square(100, 100, 10)},
		{Role: ExternalPerimeter, Closed: true, Points: hole},
	})
	a, b = geom.Point{X: 92000, Y: 100500}, geom.Point{X: 108000, Y: 100500}
	way, ok = holed.detour(a, b, 3)
	if !ok {
		t.Fatal("no way round the hole")
	}
	for _, q := range way {
		if q.X > 97000 && q.X < 103000 && q.Y > 97000 && q.Y < 103000 {
			t.Errorf("detour point %v inside the hole", q)
		}
	}
}

// TestRetractEveryLongTravel: with only_retract_when_crossing_perimeters
// off (the MK3S profile, PrusaSlicer's default) a travel longer than
// retract_before_travel is retracted even inside the island (here among
// them the 8 mm jump over a hole between two infill lines), a shorter one
// is not; with it on, none inside the island is (the jump goes round the
// hole).
func TestRetractEveryLongTravel(t *testing.T) {
	hole := square(125, 105, 3)
	slices.Reverse(hole)
	line := func(x0, x1, y float64) Extrusion {
		return Extrusion{Role: InternalInfill, Width: 0.45, Points: geom.Path{
			{X: geom.FromMM(x0), Y: geom.FromMM(y)}, {X: geom.FromMM(x1), Y: geom.FromMM(y)}}}
	}
	l := Layer{Index: 1, Z: 0.4, Height: 0.2, Paths: []Extrusion{
		{Role: ExternalPerimeter, Width: 0.45, Closed: true, Points: square(125, 105, 10)},
		{Role: ExternalPerimeter, Width: 0.45, Closed: true, Points: hole},
		line(116, 121, 105.5), line(129, 134, 105.5), // 8 mm jump over the hole
		line(134, 130, 106.4), // 0.9 mm step: never retracted
	}}
	for _, tc := range []struct {
		only bool
		want int
	}{{false, 4}, {true, 1}} {
		cfg := Default()
		cfg.Wipe = false
		cfg.OnlyRetractInside = tc.only
		em := &emitter{cfg: &cfg}
		out := em.emitLayer(&l, l.Paths[0].Points[0], 0.2, nil, nil, nil)
		body := string(out.body)
		// the layer change's retraction and, without the option, those of
		// the three travels over 1 mm: outer loop to hole, hole to the
		// first line, the jump
		if n := strings.Count(body, "E-.8"); n != tc.want {
			t.Errorf("only_retract_when_crossing_perimeters=%v: %d retractions, want %d:\n%s", tc.only, n, tc.want, body)
		}
	}
}

func TestNoRetractionRoundingAHole(t *testing.T) {
	cfg := Default()
	cfg.Wipe = false
	cfg.OnlyRetractInside = true
	hole := square(125, 105, 3)
	for i, j := 0, len(hole)-1; i < j; i, j = i+1, j-1 {
		hole[i], hole[j] = hole[j], hole[i]
	}
	line := func(x0, x1 float64) Extrusion {
		return Extrusion{Role: InternalInfill, Width: 0.45, Points: geom.Path{
			{X: geom.FromMM(x0), Y: geom.FromMM(105.5)}, {X: geom.FromMM(x1), Y: geom.FromMM(105.5)}}}
	}
	l := Layer{Index: 1, Z: 0.4, Height: 0.2, Paths: []Extrusion{
		{Role: ExternalPerimeter, Width: 0.45, Closed: true, Points: square(125, 105, 10)},
		{Role: ExternalPerimeter, Width: 0.45, Closed: true, Points: hole},
		line(116, 121), line(129, 134),
	}}
	em := &emitter{cfg: &cfg}
	out := em.emitLayer(&l, l.Paths[0].Points[0], 0.2, nil, nil, nil)
	body := string(out.body)
	// One retraction for the layer change, none for the jump over the hole.
	if n := strings.Count(body, "E-.8"); n != 1 {
		t.Errorf("%d retractions, want 1 (layer change only):\n%s", n, body)
	}
}

func TestTemperatureChangeAfterFirstLayer(t *testing.T) {
	cfg := Default()
	cfg.FirstLayerTemperature, cfg.Temperature = 220, 210
	cfg.FirstLayerBedTemp, cfg.BedTemperature = 65, 60
	got, _ := gcodeOf(t, boxLayers(4, 125, 105, 20), cfg)
	for _, want := range []string{"M104 S220 ", "M109 S220 ", "M140 S65 ", "M190 S65 "} {
		if !strings.Contains(got, "\n"+want) {
			t.Errorf("start lacks %q", want)
		}
	}
	l2 := got[strings.Index(got, ";Z:0.4"):strings.Index(got, ";Z:0.6")]
	if !strings.Contains(l2, "\nM104 S210\n") || !strings.Contains(l2, "\nM140 S60\n") {
		t.Errorf("second layer does not switch to 210/60 °C:\n%.300s", l2)
	}
}

func TestVolumetricSpeedCap(t *testing.T) {
	cfg := Default()
	cfg.SlowdownBelowLayerTm = 0
	cfg.MaxVolumetricSpeed = 2 // mm³/s: 0.45 x 0.2 lines at most ~24.6 mm/s
	got, _ := gcodeOf(t, boxLayers(6, 125, 105, 60), cfg)
	limit := 2 / LineArea(0.45, 0.2) * 60
	for _, m := range parseMoves(t, got[strings.Index(got, ";Z:0.4"):]) {
		if m.e > 0 && (m.x != 0 || m.y != 0) && m.f > limit+0.01 && m.f != 2100 {
			t.Fatalf("extrusion at F%v above the volumetric cap F%.1f: %q", m.f, limit, m.line)
		}
	}
}

// TestWipe: with wipe on (the MK3S profile), a retraction after a line
// moves back along it at 80 % of the travel speed while retracting 95 % of
// the retraction, over retract_length / retract_speed of time at that speed
// (3.29 mm for the MK3S), then retracts the last 5 % in place, as
// PrusaSlicer's G-code does; the net extrusion is unchanged.
func TestWipe(t *testing.T) {
	cfg := Default()
	a := boxLayers(2, 100, 105, 20)
	b := boxLayers(2, 150, 105, 20)
	l := a[1]
	l.Paths = append(append([]Extrusion{}, a[1].Paths...), b[1].Paths...)
	got, _ := gcodeOf(t, []Layer{a[0], l}, cfg)
	body := got[strings.Index(got, ";Z:0.4"):]
	body = body[:strings.Index(body, ";TYPE:Custom")]
	// the body starts with the layer change's wipe, from where the first
	// layer's last line ended
	end, _ := layerEnd(&a[0])
	ms := parseMoves(t, fmt.Sprintf("G1 X%g Y%g\n", geom.ToMM(end.X), geom.ToMM(end.Y))+body)
	wantDist := cfg.RetractLength / cfg.RetractSpeed * 0.8 * cfg.TravelSpeed
	wipes := 0
	for i := 0; i < len(ms); i++ {
		if ms[i].e >= 0 {
			continue
		}
		// one retraction: the wipe moves, then the rest in place
		retracted, moved := 0.0, 0.0
		j := i
		for ; j < len(ms) && ms[j].e < 0; j++ {
			retracted -= ms[j].e
			moved += math.Hypot(ms[j].x-ms[j-1].x, ms[j].y-ms[j-1].y)
		}
		if math.Abs(retracted-cfg.RetractLength) > 1e-4 {
			t.Errorf("retracted %.5f mm, want %.2f", retracted, cfg.RetractLength)
		}
		if moved > 0 {
			wipes++
			if ms[i].f != 0.8*cfg.TravelSpeed*60 {
				t.Errorf("wipe at F%g, want F%g", ms[i].f, 0.8*cfg.TravelSpeed*60)
			}
			if math.Abs(moved-wantDist) > 0.01 {
				t.Errorf("wiped %.3f mm, want %.3f", moved, wantDist)
			}
			if last := ms[j-1]; math.Abs(last.e+0.05*cfg.RetractLength) > 1e-4 || last.x != ms[j-2].x || last.y != ms[j-2].y {
				t.Errorf("wipe not ended by the last 5 %% in place: %q", last.line)
			}
		}
		i = j
	}
	if wipes != 2 {
		t.Errorf("%d wipes, want 2 (layer change, between the boxes):\n%s", wipes, body)
	}
}

// TestBridgeFan: bridge infill runs the fan at bridge_fan_speed, then the
// layer's speed again; on the first layer (fan off) nothing changes, and a
// layer ending on a bridge puts the layer's speed back before the next.
func TestBridgeFan(t *testing.T) {
	cfg := Default()
	cfg.BridgeFanSpeed = 50
	layers := boxLayers(8, 100, 105, 20)
	for _, i := range []int{0, 5} {
		// the infill of layers 0 and 5 becomes a bridge, then a last
		// perimeter follows on layer 5 only
		l := &layers[i]
		l.Paths[len(l.Paths)-1].Role = BridgeInfill
	}
	layers[5].Paths = append(layers[5].Paths, Extrusion{Role: Perimeter, Width: 0.45, Points: square(100, 105, 3), Closed: true})
	layers[6].Paths[len(layers[6].Paths)-1].Role = BridgeInfill // the last path of layer 6
	got, _ := gcodeOf(t, layers, cfg)
	at := func(s string) string {
		i := strings.Index(got, s)
		if i < 0 {
			t.Fatalf("no %q", s)
		}
		return got[i:]
	}
	l0 := at(";Z:0.2\n")
	l0 = l0[:strings.Index(l0, ";LAYER_CHANGE")]
	if strings.Contains(l0, "M106") {
		t.Error("fan turned on for the first layer's bridge")
	}
	l5 := at(";Z:1.2\n")
	l5 = l5[:strings.Index(l5, ";LAYER_CHANGE")]
	br := strings.Index(l5, ";TYPE:Bridge infill\nM106 S127.5\n")
	back := strings.Index(l5, ";TYPE:Perimeter\nM106 S255\n")
	if br < 0 || back < br {
		t.Errorf("layer 5: want the bridge at M106 S127.5 then M106 S255 for the perimeter:\n%s", l5)
	}
	l6 := at(";Z:1.4\n")
	l6 = l6[:strings.Index(l6, ";LAYER_CHANGE")]
	if i := strings.LastIndex(l6, "M106 S255"); i < strings.Index(l6, "M106 S127.5") {
		t.Errorf("layer 6 ends on a bridge without the layer's fan back:\n%s", l6[len(l6)-200:])
	}
}
