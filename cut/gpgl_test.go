package cut

import (
	"bytes"
	"context"
	"github.com/usinette/usinette/vector"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/usinette/usinette/internal/corpus"
)

// TestGPGLMatchesInkscapeSilhouette compares our stream for
// corpus/cutter/gpgl/square.svg with the streams inkscape-silhouette 1.29
// sends for it (Cameo 4 Pro), command for command. The plan options that
// inkscape-silhouette applied are read off its streams: it starts each
// closed path 0.5 mm back on the closing edge and ends 0.5 mm past the
// start, except in multipass mode where the passes follow each other bare.
func TestGPGLMatchesInkscapeSilhouette(t *testing.T) {
	single := PlanOptions{LeadIn: 0.5, Overcut: 0.5}
	knife := GPGL{Tool: 1, Speed: 10, Force: 10, FirmwareOffset: true}
	with := func(f func(*GPGL)) GPGL { o := knife; f(&o); return o }
	tests := []struct {
		file string
		plan PlanOptions
		gpgl GPGL
	}{
		{"square_cameo4pro_default.cmd", single, with(func(o *GPGL) { o.Media = MediaMat12 })},
		{"sq_c4pro_mat24.cmd", single, with(func(o *GPGL) { o.Media = MediaMat24x24 })}, // TG9: the 24×24 in mat
		{"sq_c4pro_nomat_vinyl.cmd", single, with(func(o *GPGL) { o.Speed = 5 })},
		{"sq_c4pro_autoblade.cmd", single, with(func(o *GPGL) { o.Speed, o.Force, o.AutoBlade, o.Depth = 5, 12, true, 3 })},
		{"sq_c4pro_tool2.cmd", single, with(func(o *GPGL) { o.Tool, o.Speed, o.Force = 2, 5, 12 })},
		{"sq_c4pro_pen.cmd", single, with(func(o *GPGL) { o.Tool, o.Pen = 2, true })},
		{"sq_c4pro_sharpen.cmd", single, with(func(o *GPGL) { o.Sharpen = true })},
		{"sq_c4pro_multipass.cmd", PlanOptions{Passes: 2}, knife},
		{"sq_c4pro_offset.cmd", single, with(func(o *GPGL) { o.OffsetX, o.OffsetY, o.EndFeed = 5, 7, 10 })},
		{"sq_c4pro_endstart.cmd", single, with(func(o *GPGL) { o.ReturnToStart = true })},
		// sq_c4pro_queries.cmd interleaves status queries (ESC ENQ) that
		// need the device's answers; sq_cameo2/3 are other models.
	}
	doc, err := vector.ReadFile(corpus.Path(t, "cutter/gpgl/square.svg"), vector.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			want, err := os.ReadFile(corpus.Path(t, "cutter/gpgl/"+tc.file))
			if err != nil {
				t.Fatal(err)
			}
			plan, err := NewPlan(context.Background(), doc.Shapes, tc.plan)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := tc.gpgl.Write(&got, plan); err != nil {
				t.Fatal(err)
			}
			split := func(b []byte) []string { return strings.Split(string(b), "\x03") }
			if diff := cmp.Diff(split(want), split(got.Bytes())); diff != "" {
				t.Errorf("commands (-inkscape-silhouette +ours):\n%s", diff)
			}
		})
	}
}

// TestMatCodes: each mat is announced with inkscape-silhouette's media code
// and cutting area (1/20 mm, feed direction first): the 12×12 in mat TG1,
// the 12×24 in TG2, the Cameo 4 Pro's 24×24 in TG9.
func TestMatCodes(t *testing.T) {
	plan := &Plan{Cuts: []Cut{{Points: []vector.Point{{X: 10, Y: 10}, {X: 20, Y: 10}}}}, Min: vector.Point{X: 10, Y: 10}, Max: vector.Point{X: 20, Y: 10}}
	for _, tc := range []struct {
		name, code, area string
	}{{"mat12", "TG1", "Z6096,6096"}, {"mat24", "TG2", "Z12192,6096"}, {"24x24", "TG9", "Z12192,12192"}} {
		m, err := ParseMedia(tc.name)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := (GPGL{Media: m, FirmwareOffset: true}).Write(&b, plan); err != nil {
			t.Fatal(err)
		}
		s := b.String()
		if !strings.Contains(s, "\x03"+tc.code+"\x03") && !strings.Contains(s, "\x04"+tc.code+"\x03") || !strings.Contains(s, tc.area+"\x03") {
			t.Errorf("%s: stream %q lacks %s and %s", tc.name, s[:min(len(s), 80)], tc.code, tc.area)
		}
	}
}
