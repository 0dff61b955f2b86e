package gcode

import (
	"bytes"
	"context"
	"math"
	"testing"
)

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"G1 X10 Y10 E1 F1200\n",
		"M83\n;LAYER_CHANGE\n;Z:0.2\nG1 X1 E1\nG2 X1 Y0 I-1 J0 E3\n",
		"G3 X10 Y0 R-5 E1\nG4 P100\nM204 S100 T50\nM205 X0 Y0 Z0 E0\n",
		"G91\nG1 Z-1e9\nN1 G1 X*12\n;LAYER:0\n;TYPE:FILL\nM221 S0\nM220 S0\n",
		"M203 X0 Y0\nM201 X0\nG1 X1 Y1 F0\nG92\nG28 X\nT1\n\x00\xff",
		"G2 X0 Y0 I0 J0\nG2 X5 Y5 R0.1\nG1 X1e308 Y-1e308\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := Analyze(context.Background(), bytes.NewReader(data), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if math.IsNaN(st.PrintTimeS) || st.PrintTimeS < 0 || math.IsNaN(st.FilamentMM) {
			t.Fatalf("time %v filament %v", st.PrintTimeS, st.FilamentMM)
		}
		if st.Lines != bytes.Count(data, []byte("\n"))+boolInt(len(data) > 0 && data[len(data)-1] != '\n') {
			t.Fatalf("%d lines", st.Lines)
		}
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
