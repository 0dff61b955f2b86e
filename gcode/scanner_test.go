package gcode

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type parsed struct {
	Letter  string
	Number  int
	Sub     int
	Params  map[string]float64
	Comment string
	HasCmt  bool
}

func toParsed(c *Command) parsed {
	p := parsed{Number: c.Number, Sub: c.Sub, Params: map[string]float64{}}
	if c.Letter != 0 {
		p.Letter = string(c.Letter)
	}
	for l := byte('A'); l <= 'Z'; l++ {
		if v, ok := c.Get(l); ok {
			p.Params[string(l)] = v
		}
	}
	if c.Comment != nil {
		p.Comment, p.HasCmt = string(c.Comment), true
	}
	return p
}

func TestParseLine(t *testing.T) {
	tests := []struct {
		line string
		want parsed
	}{
		{"G1 X10.5 Y-3 E.04612 F1800\n", parsed{Letter: "G", Number: 1, Sub: -1, Params: map[string]float64{"X": 10.5, "Y": -3, "E": 0.04612, "F": 1800}}},
		{"G1 X1.2 ; move\r\n", parsed{Letter: "G", Number: 1, Sub: -1, Params: map[string]float64{"X": 1.2}, Comment: " move", HasCmt: true}},
		{";TYPE:External perimeter", parsed{Sub: -1, Params: map[string]float64{}, Comment: "TYPE:External perimeter", HasCmt: true}},
		{"", parsed{Sub: -1, Params: map[string]float64{}}},
		{"   \t  ", parsed{Sub: -1, Params: map[string]float64{}}},
		{`M862.3 P "MK3S" ; printer model check`, parsed{Letter: "M", Number: 862, Sub: 3, Params: map[string]float64{"P": 0}, Comment: " printer model check", HasCmt: true}},
		{"N123 G1 X5*71", parsed{Letter: "G", Number: 1, Sub: -1, Params: map[string]float64{"X": 5}}},
		{"g1 x2 y3", parsed{Letter: "G", Number: 1, Sub: -1, Params: map[string]float64{"X": 2, "Y": 3}}},
		{"G28 W", parsed{Letter: "G", Number: 28, Sub: -1, Params: map[string]float64{"W": 0}}},
		{"G1X10Y20E1", parsed{Letter: "G", Number: 1, Sub: -1, Params: map[string]float64{"X": 10, "Y": 20, "E": 1}}},
		{"T1", parsed{Letter: "T", Number: 1, Sub: -1, Params: map[string]float64{}}},
		{"M204 S1000", parsed{Letter: "M", Number: 204, Sub: -1, Params: map[string]float64{"S": 1000}}},
		{"G1 X1e2", parsed{Letter: "G", Number: 1, Sub: -1, Params: map[string]float64{"X": 1, "E": 2}}},
		{"G1 X- Y3", parsed{Letter: "G", Number: 1, Sub: -1, Params: map[string]float64{"Y": 3}}},
		{"G1 (comment) X3", parsed{Letter: "G", Number: 1, Sub: -1, Params: map[string]float64{"X": 3}}},
		{"G0 F10800 X123.303 Y106.435", parsed{Letter: "G", Number: 0, Sub: -1, Params: map[string]float64{"F": 10800, "X": 123.303, "Y": 106.435}}},
		{"G1 F8640;_WIPE", parsed{Letter: "G", Number: 1, Sub: -1, Params: map[string]float64{"F": 8640}, Comment: "_WIPE", HasCmt: true}},
		{"hello", parsed{Sub: -1, Params: map[string]float64{}}},
	}
	for _, tc := range tests {
		var c Command
		ParseLine([]byte(tc.line), &c)
		if diff := cmp.Diff(tc.want, toParsed(&c)); diff != "" {
			t.Errorf("ParseLine(%q) (-want +got):\n%s", tc.line, diff)
		}
	}
}

func TestParseNumberMatchesStrconv(t *testing.T) {
	cases := []string{"0", "1", "-1", ".5", "-.04612", "123.456", "0.00001", "99999.99999",
		"3.", "+2.5", "123456789012345", "1234567890123456789", "0.1", "0.7", "1e5", "-2.5E-3",
		"200.000", "0000.1000", "1.7976931348623157e308"}
	for _, s := range cases {
		got, ok := parseNumber([]byte(s))
		want, err := strconv.ParseFloat(s, 64)
		if !ok || err != nil || got != want {
			t.Errorf("parseNumber(%q) = %v, %v; strconv %v, %v", s, got, ok, want, err)
		}
	}
	for _, s := range []string{"", "-", ".", "1.2.3", "abc", "1e999"} {
		if v, ok := parseNumber([]byte(s)); ok {
			t.Errorf("parseNumber(%q) = %v, want failure", s, v)
		}
	}
}

func TestScannerLines(t *testing.T) {
	long := strings.Repeat("x", MaxLineLength+100)
	in := "G1 X1\r\n;c\n\nG1 Y2 ;" + long + "\nG1 Z3"
	s := NewScanner(strings.NewReader(in))
	var got []string
	for s.Scan() {
		got = append(got, s.Command().String())
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{"G1 X1", "", "", "G1 Y2", "G1 Z3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	if s.LongLines() != 1 || s.Line() != 5 || s.Bytes() != int64(len(in)) {
		t.Errorf("long=%d line=%d bytes=%d", s.LongLines(), s.Line(), s.Bytes())
	}
}

func TestScannerNoAllocs(t *testing.T) {
	var buf bytes.Buffer
	for range 1000 {
		buf.WriteString("G1 X123.456 Y78.9 E.04612 F1800\n;TYPE:Perimeter\n")
	}
	data := buf.Bytes()
	r := bytes.NewReader(data)
	s := NewScanner(r)
	allocs := testing.AllocsPerRun(5, func() {
		r.Reset(data)
		s.r.Reset(r)
		s.done = false
		for s.Scan() {
		}
	})
	if allocs > 0 {
		t.Errorf("%v allocations per run of 2000 lines, want 0", allocs)
	}
}
