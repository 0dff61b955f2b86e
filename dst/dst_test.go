package dst

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/stitch"
)

func TestTernaryRoundTrip(t *testing.T) {
	for dx := -maxUnits; dx <= maxUnits; dx++ {
		for _, dy := range []int{-121, -61, -1, 0, 1, 40, 41, 121} {
			r := appendRecord(nil, dx, dy, 0x03)
			gx, gy := decodeRecord(r)
			if gx != dx || gy != dy {
				t.Fatalf("(%d, %d) -> % x -> (%d, %d)", dx, dy, r, gx, gy)
			}
		}
	}
}

func TestRecordBytes(t *testing.T) {
	// Known records of pyembroidery's DST output for the golden files.
	tests := []struct {
		dx, dy int
		flags  byte
		want   []byte
	}{
		{20, 0, 0x03, []byte{0x0a, 0x05, 0x03}},     // 2 mm right
		{25, 0, 0x03, []byte{0x01, 0x06, 0x03}},     // 2.5 mm right
		{100, 0, 0x83, []byte{0x09, 0x04, 0x87}},    // 10 mm jump
		{-100, -50, 0x83, []byte{0x86, 0xa8, 0x9b}}, // 10 mm left, 5 mm down
		{2, -2, 0x83, []byte{0x82, 0x41, 0x83}},     // first jump of a trim
		{0, 0, 0x03, []byte{0, 0, 0x03}},
	}
	for _, tt := range tests {
		got := appendRecord(nil, tt.dx, tt.dy, tt.flags)
		if !bytes.Equal(got, tt.want) {
			t.Errorf("(%d, %d, %#x): % x, want % x", tt.dx, tt.dy, tt.flags, got, tt.want)
		}
	}
}

// TestGoldenPyembroidery compares our DST with pyembroidery's for the
// golden stitch lists. Stitch records must be equal where the pattern has
// no stitch longer than 12.1 mm; pyembroidery turns longer stitches into
// jumps, we split them into stitches (a jump would leave the line unsewn).
func TestGoldenPyembroidery(t *testing.T) {
	dir := filepath.Join(corpus.Dir(t), "pes", "golden")
	files, _ := filepath.Glob(filepath.Join(dir, "*.pyemb.dst"))
	if len(files) == 0 {
		t.Fatal("no golden DST")
	}
	// Byte-identical records. In full_hoop the machine gets from the
	// origin to the first stitch 152 mm away in 10 jumps and a stitch
	// record that carries the 11th piece, in pyembroidery's file and ours.
	sameBytes := map[string]bool{"square10_running": true, "two_color_trim_jump": true, "full_hoop_260x160": true}
	sameRecords := map[string]bool{"square10_running": true, "two_color_trim_jump": true, "full_hoop_260x160": true}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".pyemb.dst")
		t.Run(name, func(t *testing.T) {
			jf, err := os.Open(filepath.Join(dir, name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			defer jf.Close()
			p, meta, err := stitch.ReadJSONMeta(jf)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := Encode(&got, p, EncodeOptions{Label: meta.Name, MaxStitch: -1}); err != nil {
				t.Fatal(err)
			}
			g := got.Bytes()
			if sameBytes[name] {
				if !bytes.Equal(g[headerSize:], want[headerSize:]) {
					t.Errorf("records differ:\n got % x\nwant % x", g[headerSize:], want[headerSize:])
				}
			}
			_, gh, err := DecodeHeader(bytes.NewReader(g))
			if err != nil {
				t.Fatal(err)
			}
			_, wh, err := DecodeHeader(bytes.NewReader(want))
			if err != nil {
				t.Fatal(err)
			}
			// pyembroidery labels the y-down extents +Y (max) and -Y
			// (min); DST's y is up, so ours are swapped. Its ST counts a
			// trim once although it writes 3 records.
			wh.PlusY, wh.MinusY = wh.MinusY, wh.PlusY
			if gh.PlusX != wh.PlusX || gh.MinusX != wh.MinusX || gh.PlusY != wh.PlusY || gh.MinusY != wh.MinusY ||
				gh.ColorChanges != wh.ColorChanges || gh.EndX != wh.EndX || gh.EndY != wh.EndY {
				t.Errorf("header %+v, pyembroidery %+v", gh, wh)
			}
			// Both decode to the same needle positions.
			gp, err := Decode(bytes.NewReader(g))
			if err != nil {
				t.Fatal(err)
			}
			wp, err := Decode(bytes.NewReader(want))
			if err != nil {
				t.Fatal(err)
			}
			if sameRecords[name] {
				if d := cmp.Diff(skipLeadingJumps(wp.Records), skipLeadingJumps(gp.Records)); d != "" {
					t.Errorf("decoded records differ (-pyemb +ours):\n%s", d)
				}
			}
		})
	}
}

// TestSamplesDecode decodes the DST files of corpus/pes/samples and checks
// them against their own header (colour changes, end position, extents) and
// against the stitch count that ANALYSIS.tsv gives for the PES file of the
// same design where one exists.
func TestSamplesDecode(t *testing.T) {
	dir := filepath.Join(corpus.Dir(t), "pes", "samples")
	tests := []struct {
		file     string
		stitches int // from the sibling PES in ANALYSIS.tsv, or -1
	}{
		{"embroidermodder/Embroidermodder.dst", 3407},
		{"embroidermodder/Star.dst", 2550},
		{"embroidermodder/shamrockin.dst", 1472 + 1}, // the DST starts with one more needle-down at the origin
		{"pembroider/Hello_PEmbroider.dst", -1},      // written at another commit than the PES
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			p, h, err := DecodeHeader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			s := stitch.Measure(p)
			if s.ColorChanges != h.ColorChanges {
				t.Errorf("%d colour changes, header CO %d", s.ColorChanges, h.ColorChanges)
			}
			if tt.stitches >= 0 && s.Stitches != tt.stitches {
				t.Errorf("%d stitches, want %d", s.Stitches, tt.stitches)
			}
			last := p.Records[len(p.Records)-1]
			if got := fmt.Sprintf("%d,%d", int(last.X*10+0.5*sgn(last.X)), -int(last.Y*10+0.5*sgn(last.Y))); got != fmt.Sprintf("%d,%d", h.EndX, h.EndY) {
				t.Logf("end %s, header AX,AY %d,%d", got, h.EndX, h.EndY)
			}
			t.Logf("%s: %d stitches, %d jumps, %d trims, %d colour changes, %.1f x %.1f mm; header ST %d CO %d",
				tt.file, s.Stitches, s.Jumps, s.Trims, s.ColorChanges, s.Width, s.Height, h.Stitches, h.ColorChanges)
		})
	}
}

func sgn(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

func TestDecodeErrors(t *testing.T) {
	good := new(bytes.Buffer)
	p := &stitch.Pattern{Records: []stitch.Record{{X: 0, Y: 0, Cmd: stitch.Stitch}, {X: 5, Y: 0, Cmd: stitch.Stitch}, {X: 5, Y: 0, Cmd: stitch.End}}}
	if err := Encode(good, p, EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	g := good.Bytes()
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrFormat},
		{"not dst", []byte("#PES0001........"), ErrFormat},
		{"short header", g[:100], ErrCorrupt},
		{"cut record", append(append([]byte{}, g[:headerSize+3]...), 0x01), ErrCorrupt},
		// Cut on a record boundary: fewer records than the header's ST count.
		{"cut after a record", g[:headerSize+3], ErrCorrupt},
		{"header only", g[:headerSize], ErrCorrupt},
	}
	for _, tt := range tests {
		_, err := Decode(bytes.NewReader(tt.data))
		if err == nil || !errorsIs(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }

func skipLeadingJumps(r []stitch.Record) []stitch.Record {
	for len(r) > 0 && r[0].Cmd == stitch.Jump {
		r = r[1:]
	}
	return r
}
