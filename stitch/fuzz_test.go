package stitch

import (
	"context"
	"math"
	"testing"

	"github.com/usinette/usinette/vector"
)

// FuzzPlanFill plans arbitrary polygons with arbitrary parameters: no
// panic, every record finite, no stitch or jump above the limit.
func FuzzPlanFill(f *testing.F) {
	f.Add([]byte{0, 0, 100, 0, 100, 100, 0, 100}, "0", "0.25", "3")
	f.Add([]byte{0, 0, 200, 10, 5, 200, 100, 3, 50, 50, 10, 190}, "45", "0.4", "2")
	f.Add([]byte{10, 10, 10, 10, 10, 10}, "-30", "abc", "")
	f.Add([]byte{0, 0, 255, 255, 0, 255, 255, 0, 128, 1}, "90", "1", "12")
	f.Fuzz(func(t *testing.T, data []byte, angle, spacing, length string) {
		if len(data) > 400 {
			return
		}
		var sp vector.Subpath
		sp.Closed = true
		for i := 0; i+1 < len(data); i += 2 {
			sp.Points = append(sp.Points, pt{X: float64(data[i]) / 2, Y: float64(data[i+1]) / 2})
		}
		s := filled("fuzz", red, vector.NonZero, sp)
		s.Stroke = vector.Paint{Set: true, Color: blue}
		s.Attrs["inkstitch:angle"] = angle
		s.Attrs["inkstitch:row_spacing_mm"] = spacing
		s.Attrs["inkstitch:max_stitch_length_mm"] = length
		s.Attrs["inkstitch:running_stitch_length_mm"] = length
		pat, _, err := PlanShapes(context.Background(), []vector.Shape{s}, Options{})
		if err != nil {
			return
		}
		checkRecords(t, pat)
	})
}

// FuzzPlanSatin sews arbitrary rails.
func FuzzPlanSatin(f *testing.F) {
	f.Add([]byte{0, 0, 100, 0, 0, 10, 100, 10}, uint8(2), "0.4", "True")
	f.Add([]byte{0, 0, 100, 0, 100, 50, 0, 10, 90, 10, 90, 50}, uint8(3), "0.1", "False")
	f.Fuzz(func(t *testing.T, data []byte, split uint8, spacing, underlay string) {
		if len(data) > 200 {
			return
		}
		var pts []pt
		for i := 0; i+1 < len(data); i += 2 {
			pts = append(pts, pt{X: float64(data[i]) / 2, Y: float64(data[i+1]) / 2})
		}
		k := int(split)
		if k < 1 || k >= len(pts) {
			return
		}
		s := satinShape(map[string]string{"inkstitch:zigzag_spacing_mm": spacing, "inkstitch:zigzag_underlay": underlay,
			"inkstitch:contour_underlay": underlay, "inkstitch:center_walk_underlay": underlay}, pts[:k], pts[k:])
		pat, _, err := PlanShapes(context.Background(), []vector.Shape{s}, Options{})
		if err != nil {
			return
		}
		checkRecords(t, pat)
	})
}

func checkRecords(t *testing.T, pat *Pattern) {
	t.Helper()
	for i, r := range pat.Records {
		if math.IsNaN(r.X) || math.IsNaN(r.Y) || math.IsInf(r.X, 0) || math.IsInf(r.Y, 0) {
			t.Fatalf("record %d not finite: %v", i, r)
		}
		if i > 0 && (r.Cmd == Stitch || r.Cmd == Jump) {
			p := pat.Records[i-1]
			if d := math.Hypot(r.X-p.X, r.Y-p.Y); d > DefaultMaxStitch+1e-9 {
				t.Fatalf("record %d moves %.3f mm", i, d)
			}
		}
	}
	if len(pat.Records) == 0 || pat.Records[len(pat.Records)-1].Cmd != End {
		t.Fatal("pattern does not end with END")
	}
}

func FuzzAttrs(f *testing.F) {
	f.Add("0.25")
	f.Add("1 2 3")
	f.Add("True")
	f.Add("NaN")
	f.Add("-1e309")
	f.Fuzz(func(t *testing.T, v string) {
		a := attrs{}
		for _, k := range []string{"angle", "row_spacing_mm", "max_stitch_length_mm", "staggers", "fill_underlay", "fill_underlay_angle",
			"ties", "repeats", "bean_stitch_repeats", "zigzag_spacing_mm", "running_stitch_length_mm", "center_walk_underlay_repeats"} {
			a["inkstitch:"+k] = v
		}
		fp := readFill(a, false)
		if !(fp.rowSpacing >= 0.05) || !(fp.maxStitch >= 0.3) || !(fp.underlaySpacing >= 0.05) {
			t.Fatalf("fill params out of range: %+v", fp)
		}
		rp := readRun(a)
		if rp.repeats < 1 || rp.repeats > 100 || !(rp.length >= 0.3) {
			t.Fatalf("run params out of range: %+v", rp)
		}
		sp := readSatin(a, false)
		if !(sp.zigzagSpacing >= 0.05) {
			t.Fatalf("satin params out of range: %+v", sp)
		}
		_ = readCommon(a)
	})
}

// FuzzCommands plans shapes whose ids, symbol references and connector
// ends are arbitrary: a command may name itself, a missing object, another
// command or a connector; no panic, and no command symbol or connector is
// ever sewn.
func FuzzCommands(f *testing.F) {
	f.Add("a", "#inkstitch_trim", "#u", "#a", "u", []byte{1, 2, 3})
	f.Add("a", "#inkstitch_ignore_layer", "", "", "u", []byte{0})
	f.Add("u", "#inkstitch_starting_point", "#a", "#u", "u", []byte{4, 4})
	f.Add("a", "#inkstitch_", "#u", "#u", "a", []byte{})
	f.Fuzz(func(t *testing.T, id, href, from, to, useID string, layers []byte) {
		if len(layers) > 8 {
			return
		}
		var ls []string
		for _, b := range layers {
			ls = append(ls, string(rune('a'+b%4)))
		}
		line := func(id string, y float64, attrs map[string]string) vector.Shape {
			return stroke(id, vector.Paint{Set: true, Color: red}, attrs, pt{X: 0, Y: y}, pt{X: 10, Y: y})
		}
		sym := line(useID, 30, map[string]string{"xlink:href": href})
		sym.Layers = ls
		conn := line("conn", 40, map[string]string{"inkscape:connection-start": from, "inkscape:connection-end": to})
		shapes := []vector.Shape{line(id, 0, nil), conn, sym, line("b", 20, nil)}
		shapes[0].Layers = ls[:len(ls)/2]
		pat, rep, err := PlanShapes(context.Background(), shapes, Options{})
		if err != nil {
			return
		}
		checkRecords(t, pat)
		for _, e := range rep.Elements {
			if e.Shape == 1 || (e.Shape == 2 && commandName(&shapes[2]) != "") {
				t.Errorf("shape %d (%s) sewn", e.Shape, e.ID)
			}
		}
	})
}
