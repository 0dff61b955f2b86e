package gcode

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
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
		"G1 X1" + strings.Repeat("0", 306) + " E1\nG91\nG1 X999999\nG1 X999999\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := Analyze(context.Background(), bytes.NewReader(data), Options{})
		if errors.Is(err, ErrRange) {
			return // a coordinate beyond a kilometre: refused, named by line
		}
		if err != nil {
			t.Fatal(err)
		}
		if math.IsNaN(st.PrintTimeS) || math.IsInf(st.PrintTimeS, 0) || st.PrintTimeS < 0 || math.IsNaN(st.FilamentMM) || math.IsInf(st.FilamentMM, 0) {
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

// FuzzParseLine: whatever the line, parsing never panics, and a parsed
// command written back with String parses to the same command.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"G1 X10.5 Y-3 E.04612 F1800", "M862.3 P \"MK3S\" ; check", "N12 G28 W*33",
		";TYPE:Perimeter", "G1X1Y2E3", "M204 S1000 T800", "T0", "G1 X- Y.", "\xff\x00G1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var a, b Command
		ParseLine(line, &a)
		s := a.String()
		ParseLine([]byte(s), &b)
		if a.Letter != b.Letter || a.Number != b.Number || a.Sub != b.Sub || a.mask != b.mask || a.vals != b.vals {
			t.Fatalf("%q -> %q -> %q", line, s, b.String())
		}
	})
}
