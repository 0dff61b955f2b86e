package stitch

import (
	"context"
	"errors"
	"image/color"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/usinette/usinette/vector"
)

func stroke(id string, c vector.Paint, attrs map[string]string, pts ...pt) vector.Shape {
	if attrs == nil {
		attrs = map[string]string{}
	}
	return vector.Shape{ID: id, Stroke: c, StrokeWidth: 0.26, Attrs: attrs, Subpaths: []vector.Subpath{{Points: pts}}}
}

func cmds(p *Pattern) string {
	var b strings.Builder
	prev := Command(255)
	for _, r := range p.Records {
		if (r.Cmd == Stitch || r.Cmd == Jump) && prev == r.Cmd {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(r.Cmd.String())
		prev = r.Cmd
	}
	return b.String()
}

func TestPlanSequence(t *testing.T) {
	redP := vector.Paint{Set: true, Color: red}
	blueP := vector.Paint{Set: true, Color: blue}
	line := func(id string, c vector.Paint, y float64, attrs map[string]string) vector.Shape {
		return stroke(id, c, attrs, pt{X: 0, Y: y}, pt{X: 10, Y: y})
	}
	tests := []struct {
		name    string
		shapes  []vector.Shape
		cmds    string
		threads int
	}{
		{"one line", []vector.Shape{line("a", redP, 0, nil)}, "STITCH END", 1},
		{"near, same colour: travel", []vector.Shape{line("a", redP, 0, nil), stroke("b", redP, nil, pt{X: 10, Y: 2}, pt{X: 0, Y: 2})}, "STITCH END", 1},
		{"far, same colour: trim and jump", []vector.Shape{line("a", redP, 0, nil), line("b", redP, 20, nil)}, "STITCH TRIM JUMP STITCH END", 1},
		{"colour change", []vector.Shape{line("a", redP, 0, nil), line("b", blueP, 2, nil)}, "STITCH TRIM COLOR_CHANGE JUMP STITCH END", 2},
		{"same colour again after another: new block", []vector.Shape{line("a", redP, 0, nil), line("b", blueP, 20, nil), line("c", redP, 40, nil)},
			"STITCH TRIM COLOR_CHANGE JUMP STITCH TRIM COLOR_CHANGE JUMP STITCH END", 3},
		{"trim_after", []vector.Shape{line("a", redP, 0, map[string]string{"inkstitch:trim_after": "True"}), line("b", redP, 2, nil)}, "STITCH TRIM JUMP STITCH END", 1},
		{"stop_after", []vector.Shape{line("a", redP, 0, map[string]string{"inkstitch:stop_after": "true"}), line("b", redP, 2, nil)}, "STITCH TRIM STOP JUMP STITCH END", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pat, _, err := PlanShapes(context.Background(), tc.shapes, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.cmds, cmds(pat)); d != "" {
				t.Errorf("commands (-want +got):\n%s", d)
			}
			// Every stitch of every path is sewn.
			_, rep, _ := PlanShapes(context.Background(), tc.shapes, Options{})
			for _, sh := range tc.shapes {
				for _, q := range runningStitch(subpathPoints(sh.Subpaths[0]), 2.5, 0.2) {
					found := false
					for _, r := range pat.Records {
						if r.Cmd == Stitch && math.Abs(r.X-rep.OffsetX-q.X) < 1e-9 && math.Abs(r.Y-rep.OffsetY-q.Y) < 1e-9 {
							found = true
						}
					}
					if !found {
						t.Errorf("%s: point %v not sewn", sh.ID, q)
					}
				}
			}
			if len(pat.Threads) != tc.threads {
				t.Errorf("%d threads, want %d", len(pat.Threads), tc.threads)
			}
		})
	}
}

func TestPlanTies(t *testing.T) {
	redP := vector.Paint{Set: true, Color: red}
	for _, tc := range []struct {
		ties       string
		start, end bool
	}{{"0", true, true}, {"1", true, false}, {"2", false, true}, {"3", false, false}} {
		s := stroke("a", redP, map[string]string{"inkstitch:ties": tc.ties}, pt{X: 0, Y: 0}, pt{X: 10, Y: 0})
		pat, _, err := PlanShapes(context.Background(), []vector.Shape{s}, Options{NoCenter: true})
		if err != nil {
			t.Fatal(err)
		}
		var xs []float64
		for _, r := range pat.Records {
			if r.Cmd == Stitch {
				xs = append(xs, r.X)
			}
		}
		// 0 2.5 5 7.5 10, plus Ink/Stitch's half-stitch lock ("0.5 1 0.5 0"
		// of the first or last stitch) at each tied end.
		want := []float64{0}
		if tc.start {
			want = append(want, 1.25, 2.5, 1.25, 0)
		}
		want = append(want, 2.5, 5, 7.5, 10)
		if tc.end {
			want = append(want, 8.75, 7.5, 8.75, 10)
		}
		if d := cmp.Diff(want, xs, cmpApprox); d != "" {
			t.Errorf("ties=%s (-want +got):\n%s", tc.ties, d)
		}
	}
}

var cmpApprox = cmp.Comparer(func(a, b float64) bool { return math.Abs(a-b) < 1e-9 })

func TestPlanLimits(t *testing.T) {
	redP := vector.Paint{Set: true, Color: red}
	// Long running stitches are split below 12.1 mm; long jumps too.
	long := stroke("long", redP, map[string]string{"inkstitch:running_stitch_length_mm": "30"}, pt{X: 0, Y: 0}, pt{X: 100, Y: 0})
	far := stroke("far", redP, nil, pt{X: 0, Y: 100}, pt{X: 5, Y: 100})
	pat, rep, err := PlanShapes(context.Background(), []vector.Shape{long, far}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(pat.Records); i++ {
		a, b := pat.Records[i-1], pat.Records[i]
		if b.Cmd == Stitch || b.Cmd == Jump {
			if d := math.Hypot(b.X-a.X, b.Y-a.Y); d > DefaultMaxStitch+1e-9 {
				t.Errorf("record %d (%s) moves %.2f mm", i, b.Cmd, d)
			}
		}
	}
	// Centred on the hoop.
	minX, minY, maxX, maxY := pat.Bounds()
	if math.Abs(minX+maxX) > 1e-9 || math.Abs(minY+maxY) > 1e-9 {
		t.Errorf("not centred: %v %v %v %v", minX, minY, maxX, maxY)
	}
	if math.Abs(rep.Width-100) > 1e-6 || math.Abs(rep.Height-100) > 1e-6 {
		t.Errorf("size %v×%v", rep.Width, rep.Height)
	}
	// Too big for a 100×100 hoop? It is exactly 100×100: fits. 130 does not.
	if _, _, err := PlanShapes(context.Background(), []vector.Shape{long, far}, Options{HoopWidth: 100, HoopHeight: 100}); err != nil {
		t.Errorf("100×100 design in a 100×100 hoop: %v", err)
	}
	big := stroke("big", redP, nil, pt{X: 0, Y: 0}, pt{X: 270, Y: 0})
	_, _, err = PlanShapes(context.Background(), []vector.Shape{big}, Options{})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "270.0×0.0 mm") {
		t.Errorf("270 mm design: %v", err)
	}

	// Tiny stitches are dropped.
	tiny := stroke("tiny", redP, map[string]string{"inkstitch:ties": "3"}, pt{X: 0, Y: 0}, pt{X: 5, Y: 0}, pt{X: 5.05, Y: 0}, pt{X: 5.05, Y: 5})
	pat, _, err = PlanShapes(context.Background(), []vector.Shape{tiny}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(pat.Records); i++ {
		a, b := pat.Records[i-1], pat.Records[i]
		if b.Cmd == Stitch && a.Cmd == Stitch && math.Hypot(b.X-a.X, b.Y-a.Y) < DefaultMinStitch {
			t.Errorf("record %d: stitch of %.3f mm kept", i, math.Hypot(b.X-a.X, b.Y-a.Y))
		}
	}

	if _, _, err := PlanShapes(context.Background(), nil, Options{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("no shapes: %v", err)
	}
}

func TestPlanCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := PlanShapes(ctx, testShapes(), Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestPlanProgressAndDeterminism(t *testing.T) {
	var calls []int
	p1, _, err := PlanShapes(context.Background(), testShapes(), Options{Progress: func(d, n int) { calls = append(calls, d) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != len(testShapes()) {
		t.Errorf("progress called %d times", len(calls))
	}
	p2, _, _ := PlanShapes(context.Background(), testShapes(), Options{})
	if d := cmp.Diff(p1.Records, p2.Records); d != "" {
		t.Error("two plans of the same shapes differ")
	}
}

func TestPlanBackForthLock(t *testing.T) {
	s := stroke("a", vector.Paint{Set: true, Color: red}, map[string]string{"inkstitch:lock_start": "back_forth", "inkstitch:lock_end_scale_percent": "50"}, pt{X: 0, Y: 0}, pt{X: 10, Y: 0})
	pat, _, err := PlanShapes(context.Background(), []vector.Shape{s}, Options{NoCenter: true})
	if err != nil {
		t.Fatal(err)
	}
	var xs []float64
	for _, r := range pat.Records {
		if r.Cmd == Stitch {
			xs = append(xs, r.X)
		}
	}
	want := []float64{0, 0.7, 1.4, 0.7, 0, 2.5, 5, 7.5, 10, 9.375, 8.75, 9.375, 10}
	if d := cmp.Diff(want, xs, cmpApprox); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestPlanConcurrent(t *testing.T) {
	want, _, err := PlanShapes(context.Background(), testShapes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan string, 4)
	for i := 0; i < 4; i++ {
		go func() {
			got, _, err := PlanShapes(context.Background(), testShapes(), Options{})
			switch {
			case err != nil:
				errs <- err.Error()
			case !cmp.Equal(want.Records, got.Records):
				errs <- "concurrent plans differ"
			default:
				errs <- ""
			}
		}()
	}
	for i := 0; i < 4; i++ {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}

// TestPlanRefusesEarly: a fill far larger than the hoop is refused from
// its outline before it is filled (a 3,000 mm square took 1.7 GB and 10 s
// before "does not fit the hoop").
func TestPlanRefusesEarly(t *testing.T) {
	sq := []vector.Point{{X: 0, Y: 0}, {X: 3000, Y: 0}, {X: 3000, Y: 3000}, {X: 0, Y: 3000}}
	shapes := []vector.Shape{{Fill: vector.Paint{Set: true, Color: color.RGBA{R: 255, A: 255}}, Subpaths: []vector.Subpath{{Points: sq, Closed: true}}}}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, _, err := PlanShapes(context.Background(), shapes, Options{})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
	if a := after.TotalAlloc - before.TotalAlloc; a > 16<<20 {
		t.Errorf("allocated %d MB before refusing", a>>20)
	}
}

func TestPlanColourOrder(t *testing.T) {
	redP := vector.Paint{Set: true, Color: red}
	halfRed := vector.Paint{Set: true, Color: color.RGBA{R: red.R, G: red.G, B: red.B, A: 128}}
	blueP := vector.Paint{Set: true, Color: blue}
	line := func(id string, c vector.Paint, x, y float64) vector.Shape {
		return stroke(id, c, nil, pt{X: x, Y: y}, pt{X: x + 10, Y: y})
	}
	ids := func(rep Report) string {
		var s []string
		for _, e := range rep.Elements {
			s = append(s, e.ID)
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		name    string
		shapes  []vector.Shape
		opts    Options
		order   string
		cmds    string
		threads int
	}{
		{"same thread at another opacity: one block", []vector.Shape{line("a", redP, 0, 0), line("b", halfRed, 0, 20)}, Options{},
			"a b", "STITCH TRIM JUMP STITCH END", 1},
		{"document order by default", []vector.Shape{line("a", redP, 0, 0), line("b", blueP, 30, 0), line("c", redP, 60, 0)}, Options{},
			"a b c", "STITCH TRIM COLOR_CHANGE JUMP STITCH TRIM COLOR_CHANGE JUMP STITCH END", 3},
		{"sorted when nothing overlaps", []vector.Shape{line("a", redP, 0, 0), line("b", blueP, 30, 0), line("c", redP, 60, 0)}, Options{SortColors: true},
			"a c b", "STITCH TRIM JUMP STITCH TRIM COLOR_CHANGE JUMP STITCH END", 2},
		{"sort keeps stacking", []vector.Shape{line("a", redP, 0, 0), line("b", blueP, 60, 0), line("c", redP, 62, 0), line("d", redP, 0, 20)}, Options{SortColors: true},
			"a b c d", "STITCH TRIM COLOR_CHANGE JUMP STITCH TRIM COLOR_CHANGE JUMP STITCH TRIM JUMP STITCH END", 3},
		{"jump under --trim-at: no trim", []vector.Shape{line("a", redP, 0, 0), line("b", redP, 0, 20)}, Options{TrimAt: 25},
			"a b", "STITCH JUMP STITCH END", 1},
		{"jump over --trim-at: trim", []vector.Shape{line("a", redP, 0, 0), line("b", redP, 0, 20)}, Options{TrimAt: 15},
			"a b", "STITCH TRIM JUMP STITCH END", 1},
		{"never trim, but at a colour change", []vector.Shape{line("a", redP, 0, 0), line("b", redP, 0, 20), line("c", blueP, 0, 40)}, Options{TrimAt: -1},
			"a b c", "STITCH JUMP STITCH TRIM COLOR_CHANGE JUMP STITCH END", 2},
		{"trim_after obeyed under --trim-at", []vector.Shape{stroke("a", redP, map[string]string{"inkstitch:trim_after": "True"}, pt{X: 0, Y: 0}, pt{X: 10, Y: 0}), line("b", redP, 0, 20)}, Options{TrimAt: -1},
			"a b", "STITCH TRIM JUMP STITCH END", 1},
		{"stop_after obeyed under --trim-at", []vector.Shape{stroke("a", redP, map[string]string{"inkstitch:stop_after": "True"}, pt{X: 0, Y: 0}, pt{X: 10, Y: 0}), line("b", redP, 0, 20)}, Options{TrimAt: -1},
			"a b", "STITCH TRIM STOP JUMP STITCH END", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pat, rep, err := PlanShapes(context.Background(), tc.shapes, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(rep); got != tc.order {
				t.Errorf("order %q, want %q", got, tc.order)
			}
			if d := cmp.Diff(tc.cmds, cmds(pat)); d != "" {
				t.Errorf("commands (-want +got):\n%s", d)
			}
			if len(pat.Threads) != tc.threads {
				t.Errorf("%d threads, want %d", len(pat.Threads), tc.threads)
			}
		})
	}
}

func TestPlanRotate(t *testing.T) {
	// 77 × 175 mm: fits the 260 × 160 hoop only turned.
	tall := []vector.Shape{
		stroke("tall", vector.Paint{Set: true, Color: red}, nil, pt{X: 0, Y: 0}, pt{X: 0, Y: 175}, pt{X: 77, Y: 175}),
	}
	tests := []struct {
		name    string
		opts    Options
		err     bool
		rotated bool
		w, h    float64
	}{
		{"auto turns it", Options{}, false, true, 175, 77},
		{"0 refuses", Options{Rotate: RotateNone}, true, false, 0, 0},
		{"90 turns it", Options{Rotate: Rotate90}, false, true, 175, 77},
		{"auto keeps what fits upright", Options{HoopWidth: 130, HoopHeight: 180}, false, false, 77, 175},
		{"90 refuses what fits only upright", Options{HoopWidth: 130, HoopHeight: 180, Rotate: Rotate90}, true, false, 0, 0},
		{"scaled down fits upright", Options{Scale: 0.5}, false, false, 38.5, 87.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pat, rep, err := PlanShapes(context.Background(), tall, tc.opts)
			if tc.err {
				if !errors.Is(err, ErrTooLarge) {
					t.Fatalf("err %v, want ErrTooLarge", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rep.Rotated != tc.rotated {
				t.Errorf("rotated %v, want %v", rep.Rotated, tc.rotated)
			}
			minX, minY, maxX, maxY := pat.Bounds()
			if math.Abs(maxX-minX-tc.w) > 1e-6 || math.Abs(maxY-minY-tc.h) > 1e-6 {
				t.Errorf("size %.2f×%.2f, want %g×%g", maxX-minX, maxY-minY, tc.w, tc.h)
			}
			if rep.Width != maxX-minX || rep.Height != maxY-minY {
				t.Errorf("report %g×%g, pattern %g×%g", rep.Width, rep.Height, maxX-minX, maxY-minY)
			}
			if tc.rotated {
				// clockwise on the page: the path starts down its long
				// side, which now runs right to left (x decreasing)
				var s []Record
				for _, r := range pat.Records {
					if r.Cmd == Stitch {
						s = append(s, r)
					}
				}
				if !(s[1].X < s[0].X && math.Abs(s[1].Y-s[0].Y) < 1e-9) {
					t.Errorf("first stitch %v -> %v: want leftwards", s[0], s[1])
				}
			}
		})
	}
}

// A path without style fills black (SVG's initial value) and is the same
// thread as a black stroke: Ink/Stitch's Cooper font mixes both, and each
// switch was a colour change (5 on three glyphs).
func TestPlanImplicitBlackIsBlack(t *testing.T) {
	pat, _ := planSVG(t, `<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="100mm" viewBox="0 0 100 100">
<path id="a" d="M 10 10 L 30 10 L 30 30 L 10 30 Z"/>
<path id="b" d="M 40 10 L 60 10" style="fill:none;stroke:#000000"/>
<path id="c" d="M 70 10 L 90 10 L 90 30 L 70 30 Z"/></svg>`, Options{})
	if s := Measure(pat); s.ColorChanges != 0 || len(pat.Threads) != 1 {
		t.Errorf("%d colour changes, %d threads; want one black thread", s.ColorChanges, len(pat.Threads))
	}
}
