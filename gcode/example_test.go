package gcode_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/usinette/usinette/gcode"
)

func ExampleAnalyze() {
	src := `M83
G1 Z0.2 F720
;LAYER_CHANGE
;Z:0.2
;TYPE:Perimeter
G1 X20 Y0 E1 F1800
G1 X20 Y20 E1
;LAYER_CHANGE
;Z:0.4
G1 Z0.4
G1 X0 Y20 E1
G1 E-0.8 F2100
`
	st, err := gcode.Analyze(context.Background(), strings.NewReader(src), gcode.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d layers, %.2f s, %.1f mm of filament, %d retraction\n", st.Layers, st.PrintTimeS, st.FilamentMM, st.Retractions)
	fmt.Printf("extrusion from (%g, %g) to (%g, %g), up to Z %g\n", st.Bounds.MinX, st.Bounds.MinY, st.Bounds.MaxX, st.Bounds.MaxY, st.Bounds.MaxZ)
	// Output:
	// 2 layers, 2.19 s, 2.2 mm of filament, 1 retraction
	// extrusion from (0, 0) to (20, 20), up to Z 0.4
}

func ExampleScanner() {
	s := gcode.NewScanner(strings.NewReader("G1 X10 E.5 F1800 ; move\n;TYPE:Infill\n"))
	for s.Scan() {
		c := s.Command()
		x, _ := c.Get('X')
		fmt.Printf("%d: %q x=%g comment=%q\n", s.Line(), c.String(), x, c.Comment)
	}
	// Output:
	// 1: "G1 E0.5 F1800 X10" x=10 comment=" move"
	// 2: "" x=0 comment="TYPE:Infill"
}

func ExampleEstimator() {
	// Feed lines as they are written and read the time of each layer.
	e := gcode.NewEstimator(gcode.Options{})
	for _, line := range []string{"M83", ";LAYER_CHANGE", ";Z:0.2", "G1 Z0.2 X50 E2 F1200", ";LAYER_CHANGE", ";Z:0.4", "G1 Z0.4 X0 E2"} {
		e.ExecLine([]byte(line))
	}
	st := e.Finish()
	for _, l := range st.PerLayer {
		fmt.Printf("layer %d at %.1f mm: starts %.2f s, lasts %.2f s\n", l.Index, l.Z, l.StartS, l.TimeS)
	}
	// Output:
	// layer 1 at 0.2 mm: starts 0.00 s, lasts 2.51 s
	// layer 2 at 0.4 mm: starts 2.51 s, lasts 2.51 s
}

func ExamplePlanner() {
	// Time moves as they are generated, without writing G-code text.
	p := gcode.NewPlanner(gcode.MK3SLimits())
	p.SetAccel(800, 0, 800)  // as M204 S800
	p.Move(0, 0, 0.2, 0, 12) // lift, mm and mm/s
	p.Move(50, 0, 0, 0, 180) // travel
	p.Move(0, 20, 0, 0.7, 40)
	p.Move(-20, 0, 0, 0.7, 40)
	fmt.Println(gcode.FormatDuration(p.Seconds()), fmt.Sprintf("%.3f s", p.Seconds()))
	// Output:
	// 2s 1.590 s
}

func ExampleFormatDuration() {
	fmt.Println(gcode.FormatDuration(1737.4), gcode.FormatDuration(90061))
	// Output:
	// 28m 57s 1d 1h 1m 1s
}
