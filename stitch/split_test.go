package stitch

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func recs(rs ...any) []Record {
	var out []Record
	for i := 0; i < len(rs); i += 3 {
		out = append(out, Record{X: rs[i].(float64), Y: rs[i+1].(float64), Cmd: rs[i+2].(Command)})
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   []Record
		opts SplitOptions
		want []Record
	}{
		{
			name: "30 mm stitch in three even stitches at the default 12.1 mm",
			in:   recs(0.0, 0.0, Stitch, 30.0, 0.0, Stitch),
			want: recs(0.0, 0.0, Stitch, 10.0, 0.0, Stitch, 20.0, 0.0, Stitch, 30.0, 0.0, Stitch),
		},
		{
			name: "diagonal 25 mm (20, 15) in three at 12.1 mm, on the 0.1 mm grid",
			in:   recs(0.0, 0.0, Stitch, 20.0, 15.0, Stitch),
			opts: SplitOptions{Grid: 0.1},
			want: recs(0.0, 0.0, Stitch, 6.7, 5.0, Stitch, 13.3, 10.0, Stitch, 20.0, 15.0, Stitch),
		},
		{
			name: "12.1 mm exactly is kept",
			in:   recs(0.0, 0.0, Stitch, 12.1, 0.0, Stitch),
			opts: SplitOptions{Grid: 0.1},
			want: recs(0.0, 0.0, Stitch, 12.1, 0.0, Stitch),
		},
		{
			name: "no limit keeps long stitches, format limit still splits",
			in:   recs(0.0, 0.0, Stitch, 30.0, 0.0, Stitch, 30.0, 300.0, Stitch),
			opts: SplitOptions{MaxStitch: -1, MaxMove: 204.7, Grid: 0.1},
			want: recs(0.0, 0.0, Stitch, 30.0, 0.0, Stitch, 30.0, 150.0, Stitch, 30.0, 300.0, Stitch),
		},
		{
			name: "long jump split per axis, needle-down at the landing",
			in:   recs(0.0, 0.0, Stitch, 0.0, 0.0, Trim, 30.0, 0.0, Jump, 31.0, 0.0, Stitch),
			opts: SplitOptions{MaxMove: 12.1, Grid: 0.1},
			want: recs(0.0, 0.0, Stitch, 0.0, 0.0, Trim, 10.0, 0.0, Jump, 20.0, 0.0, Jump, 30.0, 0.0, Jump,
				30.0, 0.0, Stitch, 31.0, 0.0, Stitch),
		},
		{
			name: "needle-down can be turned off",
			in:   recs(0.0, 0.0, Stitch, 5.0, 0.0, Jump, 6.0, 0.0, Stitch),
			opts: SplitOptions{NoNeedleDown: true},
			want: recs(0.0, 0.0, Stitch, 5.0, 0.0, Jump, 6.0, 0.0, Stitch),
		},
		{
			name: "a stitch after a trim is reached by a jump",
			in:   recs(0.0, 0.0, Stitch, 0.0, 0.0, Trim, 5.0, 0.0, Stitch, 6.0, 0.0, Stitch),
			want: recs(0.0, 0.0, Stitch, 0.0, 0.0, Trim, 5.0, 0.0, Jump, 5.0, 0.0, Stitch, 6.0, 0.0, Stitch),
		},
		{
			name: "start at origin: jump to the first stitch",
			in:   recs(-130.0, -80.0, Stitch, -127.0, -80.0, Stitch),
			opts: SplitOptions{StartAtOrigin: true, MaxMove: 204.7, Grid: 0.1},
			want: recs(-130.0, -80.0, Jump, -130.0, -80.0, Stitch, -127.0, -80.0, Stitch),
		},
		{
			name: "colour change and end stay where the needle is; records after End dropped",
			in:   recs(0.0, 0.0, Stitch, 1.0, 1.0, Stitch, 9.0, 9.0, ColorChange, 2.0, 1.0, Stitch, 2.0, 1.0, End, 5.0, 5.0, Stitch),
			want: recs(0.0, 0.0, Stitch, 1.0, 1.0, Stitch, 1.0, 1.0, ColorChange, 2.0, 1.0, Stitch, 2.0, 1.0, End),
		},
		{
			name: "grid rounds halves to even (as Ink/Stitch's Python does)",
			in:   recs(0.25, 0.35, Stitch, -127.0115, 0.0, Stitch),
			opts: SplitOptions{Grid: 0.1, MaxStitch: -1},
			want: recs(0.2, 0.4, Stitch, -127.0, 0.0, Stitch),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(&Pattern{Records: tt.in}, tt.opts)
			if d := cmp.Diff(tt.want, got.Records, cmpopts.EquateApprox(0, 1e-9)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestSplitLimitsHold(t *testing.T) {
	// Random-ish long moves: every piece respects the limits after rounding.
	p := &Pattern{}
	x, y := 0.0, 0.0
	for i := range 500 {
		x += float64((i*7919)%613-306) / 3.7
		y += float64((i*104729)%499-250) / 2.9
		cmd := Stitch
		if i%7 == 0 {
			cmd = Jump
		}
		p.Records = append(p.Records, Record{X: x, Y: y, Cmd: cmd})
	}
	q := Split(p, SplitOptions{MaxMove: 12.1, Grid: 0.1})
	var px, py float64
	for i, r := range q.Records {
		if i > 0 {
			dx, dy := r.X-px, r.Y-py
			if dx > 12.1+1e-9 || dx < -12.1-1e-9 || dy > 12.1+1e-9 || dy < -12.1-1e-9 {
				t.Fatalf("record %d moves (%.2f, %.2f)", i, dx, dy)
			}
			if r.Cmd == Stitch && dx*dx+dy*dy > 12.1*12.1+1e-6 {
				t.Fatalf("stitch %d is %.3f mm", i, dx*dx+dy*dy)
			}
		}
		px, py = r.X, r.Y
	}
}

func ExampleSplit() {
	p := &Pattern{Records: []Record{{X: 0, Y: 0}, {X: 30, Y: 0}}}
	q := Split(p, SplitOptions{}) // default: 12.1 mm stitches
	for _, r := range q.Records {
		fmt.Println(r.X, r.Y, r.Cmd)
	}
	// Output:
	// 0 0 STITCH
	// 10 0 STITCH
	// 20 0 STITCH
	// 30 0 STITCH
}
