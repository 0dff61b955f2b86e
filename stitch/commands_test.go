package stitch

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/usinette/usinette/vector"
)

func planSVG(t *testing.T, src string, opts Options) (*Pattern, Report) {
	t.Helper()
	doc, err := vector.Read(strings.NewReader(src), vector.ReadOptions{Name: "test.svg"})
	if err != nil {
		t.Fatal(err)
	}
	pat, rep, err := Plan(context.Background(), doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	return pat, rep
}

// recordsOf returns the records of the element with the given id.
func recordsOf(pat *Pattern, rep Report, id string) []Record {
	for _, e := range rep.Elements {
		if e.ID == id {
			return pat.Records[e.First:e.End]
		}
	}
	return nil
}

// Chicken Scratch, an Ink/Stitch font (testdata/README.md): the glyphs
// "i", "&" and "?" carry 6 trim commands (scissors symbols tied to their
// objects by connectors). Before commands were read the symbols were sewn
// as pictures: 24 colour changes and 35 trims for a one-thread design.
func TestCommandsInkStitchFont(t *testing.T) {
	doc, err := vector.ReadFile("testdata/chicken_scratch_i_amp_q.svg", vector.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// what the file asks, read here with the SVG reader alone
	want := map[string]bool{}
	symbols := 0
	for _, s := range doc.Shapes {
		if strings.HasPrefix(s.Attrs["xlink:href"], "#inkstitch_trim") {
			symbols++
		}
		if v := s.Attrs["inkscape:connection-end"]; v != "" {
			want[strings.TrimPrefix(v, "#")] = true
		}
	}
	if len(want) != 6 || symbols == 0 {
		t.Fatalf("test file: %d trim targets, %d symbol shapes", len(want), symbols)
	}
	pat, rep, err := Plan(context.Background(), doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pat.Threads) != 1 {
		t.Errorf("%d threads, want 1 (all glyphs are black)", len(pat.Threads))
	}
	for _, e := range rep.Elements {
		if strings.HasPrefix(e.ID, "command_") {
			t.Errorf("command %s sewn", e.ID)
		}
	}
	if rep.Commands["trim"] != 6 {
		t.Errorf("commands %v, want 6 trims", rep.Commands)
	}
	for id := range want {
		r := recordsOf(pat, rep, id)
		if len(r) == 0 {
			t.Errorf("%s: not sewn", id)
			continue
		}
		if r[len(r)-1].Cmd != Trim {
			t.Errorf("%s: ends with %v, want a trim", id, r[len(r)-1].Cmd)
		}
	}
	st := Measure(pat)
	if st.ColorChanges != 0 || st.Trims < 6 {
		t.Errorf("%d colour changes, %d trims", st.ColorChanges, st.Trims)
	}
}

const commandDefs = `<defs>
<symbol id="inkstitch_trim"><path d="M -2 -2 L 2 -2 L 2 2 L -2 2 Z" style="fill:#fafafa;stroke:#003399"/></symbol>
<symbol id="inkstitch_stop"><path d="M -2 -2 L 2 -2 L 2 2 L -2 2 Z" style="fill:#fafafa;stroke:#003399"/></symbol>
<symbol id="inkstitch_ignore_object"><path d="M -2 -2 L 2 -2 L 2 2 L -2 2 Z" style="fill:#fafafa;stroke:#003399"/></symbol>
<symbol id="inkstitch_ignore_layer"><path d="M -2 -2 L 2 -2 L 2 2 L -2 2 Z" style="fill:#fafafa;stroke:#003399"/></symbol>
<symbol id="inkstitch_starting_point"><path d="M -2 -2 L 2 -2 L 2 2 L -2 2 Z" style="fill:#fafafa;stroke:#003399"/></symbol>
<symbol id="inkstitch_ending_point"><path d="M -2 -2 L 2 -2 L 2 2 L -2 2 Z" style="fill:#fafafa;stroke:#003399"/></symbol>
<symbol id="inkstitch_fill_start"><path d="M -2 -2 L 2 -2 L 2 2 L -2 2 Z" style="fill:#fafafa;stroke:#003399"/></symbol>
<symbol id="inkstitch_satin_start"><path d="M -2 -2 L 2 -2 L 2 2 L -2 2 Z" style="fill:#fafafa;stroke:#003399"/></symbol>
<symbol id="inkstitch_ripple_target"><path d="M -2 -2 L 2 -2 L 2 2 L -2 2 Z" style="fill:#fafafa;stroke:#003399"/></symbol>
</defs>`

func svgDoc(body string) string {
	return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="100mm" height="100mm" viewBox="0 0 100 100">` +
		commandDefs + body + `</svg>`
}

func connector(id, from, to string) string {
	return `<path id="` + id + `" d="M 50 50 L 60 60" style="fill:none;stroke:#000000;stroke-opacity:0.5"
 inkscape:connection-start="#` + from + `" inkscape:connection-end="#` + to + `"/>`
}

func TestCommands(t *testing.T) {
	line := func(id string, y int) string {
		return `<path id="` + id + `" d="M 10 ` + itoa(y) + ` L 30 ` + itoa(y) + `" style="fill:none;stroke:#ff0000"/>`
	}
	// back from where a line ends: reached by a sewn travel, no trim
	back := func(id string, y int) string {
		return `<path id="` + id + `" d="M 30 ` + itoa(y) + ` L 10 ` + itoa(y) + `" style="fill:none;stroke:#ff0000"/>`
	}
	use := func(id, cmd string) string {
		return `<use id="` + id + `" xlink:href="#inkstitch_` + cmd + `" x="80" y="80"/>`
	}
	tests := []struct {
		name     string
		body     string
		cmds     string
		elements string
		commands map[string]int
		notes    int
	}{
		{"trim", line("a", 10) + back("b", 12) + `<g>` + connector("c1", "u1", "a") + use("u1", "trim") + `</g>`,
			"STITCH TRIM JUMP STITCH END", "a b", map[string]int{"trim": 1}, 0},
		{"trim, connector drawn the other way", line("a", 10) + back("b", 12) + connector("c1", "a", "u1") + use("u1", "trim"),
			"STITCH TRIM JUMP STITCH END", "a b", map[string]int{"trim": 1}, 0},
		{"stop", line("a", 10) + back("b", 12) + connector("c1", "u1", "a") + use("u1", "stop"),
			"STITCH TRIM STOP JUMP STITCH END", "a b", map[string]int{"stop": 1}, 0},
		{"ignore object", line("a", 10) + back("b", 12) + connector("c1", "u1", "b") + use("u1", "ignore_object"),
			"STITCH END", "a", map[string]int{"ignore_object": 1}, 0},
		{"ignore layer", `<g inkscape:groupmode="layer" inkscape:label="L1">` + line("a", 10) + `</g>` +
			`<g inkscape:groupmode="layer" inkscape:label="L2">` + line("b", 12) + use("u1", "ignore_layer") +
			`<g inkscape:groupmode="layer" inkscape:label="sub">` + line("c", 14) + `</g></g>`,
			"STITCH END", "a", map[string]int{"ignore_layer": 1}, 0},
		{"unsupported: noted, not sewn", line("a", 10) + connector("c1", "u1", "a") + use("u1", "ripple_target"),
			"STITCH END", "a", map[string]int{}, 1},
		{"auto-route marker: for Ink/Stitch's tool, not sewn, no note", line("a", 10) + connector("c1", "u1", "a") + use("u1", "satin_start"),
			"STITCH END", "a", map[string]int{"autoroute_start": 1}, 0},
		{"ending_point: obeyed, not sewn", line("a", 10) + connector("c1", "u1", "a") + use("u1", "ending_point"),
			"STITCH END", "a", map[string]int{"ending_point": 1}, 0},
		{"a plain Inkscape connector is not sewn either", line("a", 10) + back("b", 12) + connector("c1", "a", "b"),
			"STITCH END", "a b", map[string]int{}, 0},
		{"no command: travel", line("a", 10) + back("b", 12), "STITCH END", "a b", map[string]int{}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pat, rep := planSVG(t, svgDoc(tc.body), Options{})
			if got := cmds(pat); got != tc.cmds {
				t.Errorf("commands %q, want %q", got, tc.cmds)
			}
			var ids []string
			for _, e := range rep.Elements {
				ids = append(ids, e.ID)
			}
			if got := strings.Join(ids, " "); got != tc.elements {
				t.Errorf("elements %q, want %q", got, tc.elements)
			}
			if len(rep.Commands) != len(tc.commands) {
				t.Errorf("obeyed %v, want %v", rep.Commands, tc.commands)
			}
			for k, v := range tc.commands {
				if rep.Commands[k] != v {
					t.Errorf("obeyed %v, want %v", rep.Commands, tc.commands)
				}
			}
			if len(rep.Notes) != tc.notes {
				t.Errorf("notes %q, want %d", rep.Notes, tc.notes)
			}
			// nothing sewn near the symbols at (80, 80) page mm
			for _, r := range pat.Records {
				x, y := r.X-rep.OffsetX, r.Y-rep.OffsetY
				if r.Cmd == Stitch && x > 70 && y > 70 {
					t.Errorf("stitch at %.1f,%.1f: a symbol sewn", x, y)
				}
			}
		})
	}
}

// fill_start: the fill begins at its corner nearest the connector's end on
// the object.
func TestCommandFillStart(t *testing.T) {
	sq := `<path id="sq" d="M 10 10 L 50 10 L 50 50 L 10 50 Z" style="fill:#00ff00;stroke:none"/>`
	for i, corner := range [][2]float64{{10, 10}, {50, 50}, {10, 50}} {
		// the name since Ink/Stitch's SVG version 3, and the one before
		name := []string{"starting_point", "fill_start", "starting_point"}[i]
		conn := `<path id="c1" d="M 90 90 L ` + ftoa(corner[0]) + ` ` + ftoa(corner[1]) + `" style="fill:none;stroke:#000"
 inkscape:connection-start="#u1" inkscape:connection-end="#sq"/>`
		pat, rep := planSVG(t, svgDoc(sq+conn+`<use id="u1" xlink:href="#inkstitch_`+name+`" x="90" y="90"/>`), Options{})
		if rep.Commands["starting_point"] != 1 {
			t.Fatalf("commands %v", rep.Commands)
		}
		x, y := pat.Records[0].X-rep.OffsetX, pat.Records[0].Y-rep.OffsetY
		if d := math.Hypot(x-corner[0], y-corner[1]); d > 3 {
			t.Errorf("fill_start at %v: first stitch at %.1f,%.1f (%.1f mm away)", corner, x, y, d)
		}
	}
}

func itoa(i int) string { return ftoa(float64(i)) }

func ftoa(f float64) string { return strings.TrimRight(strings.TrimRight(strconvF(f), "0"), ".") }

func strconvF(f float64) string { return fmt.Sprintf("%f", f) }

func TestIsCommand(t *testing.T) {
	for _, tc := range []struct {
		attrs map[string]string
		want  bool
	}{
		{map[string]string{"xlink:href": "#inkstitch_trim"}, true},
		{map[string]string{"href": "#inkstitch_ending_point"}, true},
		{map[string]string{"inkscape:connection-end": "#a"}, true},
		{map[string]string{"xlink:href": "#clone"}, false},
		{map[string]string{"inkstitch:trim_after": "True"}, false},
	} {
		s := vector.Shape{Attrs: tc.attrs}
		if got := IsCommand(&s); got != tc.want {
			t.Errorf("%v: %v, want %v", tc.attrs, got, tc.want)
		}
	}
}
