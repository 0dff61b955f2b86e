package gcode

import (
	"context"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func analyzeString(t *testing.T, src string, opts Options) *Stats {
	t.Helper()
	st, err := Analyze(context.Background(), strings.NewReader(src), opts)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestModesAndFilament(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		filament float64
		retracts int
		bounds   Box
	}{
		{"relative E", "M83\nG1 X10 E1 F1200\nG1 X20 E1\nG1 E-0.8\nG1 E0.8\nG1 X30 E2\n", 4, 1, Box{MaxX: 30}},
		{"absolute E with G92", "M82\nG1 X10 E1 F1200\nG1 X20 E2\nG92 E0\nG1 X30 E3\n", 5, 0, Box{MaxX: 30}},
		{"G91 makes everything relative", "G91\nG1 X10 Y5 E1 F1200\nG1 X10 Y5 E1\n", 2, 0, Box{MaxX: 20, MaxY: 10}},
		{"G92 shifts XYZ", "G92 X100 Y100\nG1 X110 Y100 E1 F1200\n", 1, 0, Box{MaxX: 10}},
		{"inches", "G20\nM83\nG1 X1 E0.1 F60\n", 2.54, 0, Box{MaxX: 25.4}},
		{"travel is not extrusion", "M83\nG0 X50 Y50 F6000\nG1 X60 E1\n", 1, 0, Box{MinX: 50, MinY: 50, MaxX: 60, MaxY: 50}},
	}
	for _, tc := range tests {
		st := analyzeString(t, tc.src, Options{})
		if math.Abs(st.FilamentMM-tc.filament) > 1e-9 {
			t.Errorf("%s: filament %v, want %v", tc.name, st.FilamentMM, tc.filament)
		}
		if st.Retractions != tc.retracts {
			t.Errorf("%s: retractions %d, want %d", tc.name, st.Retractions, tc.retracts)
		}
		if diff := cmp.Diff(tc.bounds, st.Bounds, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Errorf("%s: bounds (-want +got):\n%s", tc.name, diff)
		}
	}
}

func TestFilamentWeight(t *testing.T) {
	// 1000 mm of 1.75 mm filament = 2.405 cm³ = 2.982 g of PLA.
	st := analyzeString(t, "M83\nG1 X100 E1000 F1200\n", Options{})
	if math.Abs(st.FilamentCM3-2.4053) > 1e-4 || math.Abs(st.FilamentG-2.9826) > 1e-3 {
		t.Errorf("volume %v cm³, weight %v g", st.FilamentCM3, st.FilamentG)
	}
	st = analyzeString(t, "M83\nG1 X100 E1000 F1200\n", Options{FilamentDiameter: 2.85, FilamentDensity: 1.04})
	if want := math.Pi * 2.85 * 2.85 / 4 * 1.04; math.Abs(st.FilamentG-want) > 1e-3 {
		t.Errorf("weight %v g, want %v", st.FilamentG, want)
	}
}

func TestLayers(t *testing.T) {
	prusa := `G1 Z0.2 F720
G1 X60 E9 F1000 ; purge
;LAYER_CHANGE
;Z:0.2
;HEIGHT:0.2
;TYPE:Perimeter
G1 X10 Y10 E1 F1200
;LAYER_CHANGE
;Z:0.4
;HEIGHT:0.2
G1 Z0.4
G1 X20 Y10 E1
;LAYER_CHANGE
;Z:0.6
;HEIGHT:0.2
G1 Z0.6
G1 X20 Y20 E1
`
	cura := `;LAYER_COUNT:2
;LAYER:0
G0 Z0.3 F600
;TYPE:WALL-OUTER
G1 X10 Y10 E1 F1200
;LAYER:1
G0 Z0.5
;TYPE:FILL
G1 X20 Y10 E2
`
	noMarks := `G1 Z0.2 F600
G1 X10 E1 F1200
G1 Z0.6
G0 X0 Y5
G1 Z0.4
G1 X10 Y5 E2
G1 Z0.8 ; lift, no extrusion
G1 Z0.6
G1 X10 Y10 E3
`
	tests := []struct {
		name    string
		src     string
		z       []float64
		heights []float64
	}{
		{"PrusaSlicer", prusa, []float64{0.2, 0.4, 0.6}, []float64{0.2}},
		{"Cura", cura, []float64{0.3, 0.5}, []float64{0.2, 0.3}},
		{"no marks", noMarks, []float64{0.2, 0.4, 0.6}, []float64{0.2}},
	}
	for _, tc := range tests {
		st := analyzeString(t, tc.src, Options{})
		var z []float64
		var total float64
		for _, l := range st.PerLayer {
			z = append(z, l.Z)
			total += l.TimeS
		}
		if diff := cmp.Diff(tc.z, z, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Errorf("%s: layer Z (-want +got):\n%s", tc.name, diff)
		}
		if diff := cmp.Diff(tc.heights, st.LayerHeights, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Errorf("%s: heights (-want +got):\n%s", tc.name, diff)
		}
		if st.Layers != len(tc.z) {
			t.Errorf("%s: %d layers", tc.name, st.Layers)
		}
		if math.Abs(total-st.PrintTimeS) > 0.01 {
			t.Errorf("%s: layer times sum to %v, total %v", tc.name, total, st.PrintTimeS)
		}
	}
}

func TestTimeByType(t *testing.T) {
	src := "M83\n;TYPE:Perimeter\nG1 X100 E5 F3000\n;TYPE:Infill\nG1 X0 E5 F6000\nG1 X100 E5\n"
	st := analyzeString(t, src, Options{})
	per, inf := st.TimeByType["Perimeter"], st.TimeByType["Infill"]
	if per <= 2 || inf <= 2 || math.Abs(per+inf-st.PrintTimeS) > 0.002 {
		t.Errorf("by type %v, total %v", st.TimeByType, st.PrintTimeS)
	}
}

func TestMachineLimitsFromFile(t *testing.T) {
	// A long X travel at 300 mm/s is capped by M203 X.
	base := "G1 X200 F18000\n"
	fast := analyzeString(t, "M203 X300\n"+base, Options{})
	slow := analyzeString(t, "M203 X100\n"+base, Options{})
	def := analyzeString(t, base, Options{})
	if !(fast.PrintTimeS < def.PrintTimeS && def.PrintTimeS < slow.PrintTimeS) {
		t.Errorf("times fast %v default %v slow %v", fast.PrintTimeS, def.PrintTimeS, slow.PrintTimeS)
	}
	if slow.MaxTravelSpeed != 100 || def.MaxTravelSpeed != 200 {
		t.Errorf("max travel %v / %v", slow.MaxTravelSpeed, def.MaxTravelSpeed)
	}
	// M204 changes mid-file: a lower acceleration slows the same moves.
	moves := strings.Repeat("G1 X0 F12000\nG1 X20\n", 50)
	hi := analyzeString(t, "M204 S1000\n"+moves, Options{})
	lo := analyzeString(t, "M204 S200\n"+moves, Options{})
	if lo.PrintTimeS <= hi.PrintTimeS*1.5 {
		t.Errorf("M204 S200 %v s vs S1000 %v s", lo.PrintTimeS, hi.PrintTimeS)
	}
	// M220 speed factor halves the feed rate.
	half := analyzeString(t, "M220 S50\nM204 S100000\nM201 X100000\nM205 X1000\nG1 X200 F6000\n", Options{})
	if math.Abs(half.PrintTimeS-4) > 0.01 {
		t.Errorf("M220 S50: %v s, want 4", half.PrintTimeS)
	}
}

func TestArcs(t *testing.T) {
	// A full circle of radius 10 (I/J form) and two half circles (R form)
	// extrude E proportional to their length and cover the right box.
	st := analyzeString(t, "M83\nG1 X10 Y0 F600\nG2 X10 Y0 I-10 J0 E6.2832 F1200\n", Options{})
	want := Box{MinX: -10, MinY: -10, MaxX: 10, MaxY: 10}
	if diff := cmp.Diff(want, st.Bounds, cmpopts.EquateApprox(0, 0.02)); diff != "" {
		t.Errorf("G2 bounds (-want +got):\n%s", diff)
	}
	// 62.8 mm at 20 mm/s: a bit over 3.14 s of cruise plus the first move.
	if st.PrintTimeS < 3.14 || st.PrintTimeS > 4.5 {
		t.Errorf("arc time %v", st.PrintTimeS)
	}
	r := analyzeString(t, "M83\nG1 X10 Y0 F600\nG3 X-10 Y0 R10 E1 F1200\n", Options{})
	if r.Bounds.MaxY < 9.9 || r.Bounds.MinY < -0.01 {
		t.Errorf("G3 R bounds %+v: counter-clockwise from +X passes +Y", r.Bounds)
	}
}

func TestDwellAndUnknown(t *testing.T) {
	st := analyzeString(t, "G4 P1500\nG4 S2\nM999\nM999\nG99\nM862.3 P \"MK3S\"\n", Options{})
	if st.PrintTimeS != 3.5 || st.DwellS != 3.5 {
		t.Errorf("dwell %v / %v, want 3.5", st.PrintTimeS, st.DwellS)
	}
	want := map[string]int{"M999": 2, "G99": 1}
	if diff := cmp.Diff(want, st.Unknown); diff != "" || st.UnknownCommands != 3 {
		t.Errorf("unknown (-want +got):\n%s", diff)
	}
}

func TestReported(t *testing.T) {
	src := "; generated by PrusaSlicer 2.5.0 on 2026-11-22 at 12:23:17 UTC\n" +
		"; filament used [mm] = 1248.51\n; estimated printing time (normal mode) = 1h 2m 3s\n"
	st := analyzeString(t, src, Options{})
	want := Reported{PrintTimeS: 3723, FilamentMM: 1248.51}
	if diff := cmp.Diff(want, st.Reported); diff != "" || st.Generator != "PrusaSlicer 2.5.0" {
		t.Errorf("reported (-want +got):\n%s generator %q", diff, st.Generator)
	}
	cura := analyzeString(t, ";TIME:6666\n;Filament used: 1.5m\n;TIME_ELAPSED:10.5\n;TIME_ELAPSED:20.25\n", Options{})
	if cura.Reported != (Reported{PrintTimeS: 20.25, FilamentMM: 1500}) {
		t.Errorf("cura reported %+v", cura.Reported)
	}
}

func TestEstimatorElapsedAndCancel(t *testing.T) {
	e := NewEstimator(Options{})
	for range 1000 {
		e.ExecLine([]byte("G1 X10 F6000"))
		e.ExecLine([]byte("G1 X0"))
	}
	before := e.Elapsed()
	st := e.Finish()
	if before <= 0 || st.PrintTimeS < before || e.Finish() != st {
		t.Errorf("elapsed %v then %v", before, st.PrintTimeS)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Analyze(ctx, strings.NewReader(strings.Repeat("G1 X1\n", 10)), Options{}); err == nil {
		t.Error("cancelled context: no error")
	}
}

// Writing the text through Write in odd chunks gives the same figures as
// Analyze reading it.
func TestEstimatorWrite(t *testing.T) {
	src := "M83\n;LAYER_CHANGE\n;Z:0.2\n;TYPE:Perimeter\n" + strings.Repeat("G1 X10 Y5 E.5 F1800\nG1 X0 Y0 E.5\n", 300) + "G1 E-.8 F2100"
	want := analyzeString(t, src, Options{})
	e := NewEstimator(Options{})
	for p := src; len(p) > 0; {
		n := min(len(p), 7)
		if k, err := e.Write([]byte(p[:n])); k != n || err != nil {
			t.Fatal(k, err)
		}
		p = p[n:]
	}
	got := e.Finish()
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(Stats{})); diff != "" {
		t.Errorf("Write vs Analyze (-want +got):\n%s", diff)
	}
}

// A spiral (vase) file without layer marks rises a little at every move:
// its layers stay a sane number.
func TestSpiralWithoutMarks(t *testing.T) {
	var b strings.Builder
	b.WriteString("M83\nG1 Z0.2 F720\n")
	z := 0.2
	for i := range 20000 {
		z += 0.2 / 400
		a := 2 * math.Pi * float64(i) / 400
		fmt.Fprintf(&b, "G1 X%.3f Y%.3f Z%.4f E.01 F1800\n", 100+20*math.Cos(a), 100+20*math.Sin(a), z)
	}
	st := analyzeString(t, b.String(), Options{})
	// 10 mm of rise in steps of at least 0.025 mm.
	if st.Layers < 300 || st.Layers > 401 {
		t.Errorf("%d layers for a 10 mm spiral", st.Layers)
	}
}

// repeatReader yields a G-code layer over and over: a big file that is never
// in memory.
type repeatReader struct {
	chunk []byte
	off   int
	left  int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && r.left > 0 {
		k := copy(p[n:], r.chunk[r.off:])
		k = int(min(int64(k), r.left))
		n += k
		r.left -= int64(k)
		r.off = (r.off + k) % len(r.chunk)
	}
	return n, nil
}

// Reading 64 MB allocates a fixed amount, not in proportion to the input.
func TestBoundedMemory(t *testing.T) {
	layer := []byte(strings.Repeat("G1 X120.5 Y80.25 E.04612 F1800\nG1 X80.5 Y120.25 E.04612\n;TYPE:Perimeter\n", 100) +
		"G1 Z0.2\n;LAYER_CHANGE\n;Z:0.2\nM204 S800\n")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	st, err := Analyze(context.Background(), &repeatReader{chunk: layer, left: 64 << 20}, Options{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("64 MB, %d lines, %d layers: %d KB allocated", st.Lines, st.Layers, alloc>>10)
	// The layer tables grow with the layers (about 130 bytes each, times
	// the slack of append's doubling); the rest is fixed.
	if limit := uint64(2<<20 + 512*st.Layers); alloc > limit {
		t.Errorf("%d bytes allocated for 64 MB of G-code, want under %d", alloc, limit)
	}
}
