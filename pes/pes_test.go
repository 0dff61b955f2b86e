package pes

import (
	"bytes"
	"errors"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/stitch"
)

func square() *stitch.Pattern {
	return &stitch.Pattern{
		Threads: []stitch.Thread{{Color: color.RGBA{0, 0, 0, 255}, Description: "Black"}},
		Records: []stitch.Record{
			{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 10}, {X: 0, Y: 10}, {X: 0, Y: 0},
			{X: 0, Y: 0, Cmd: stitch.End},
		},
	}
}

// TestLongStitchSplitLikeInkStitch: with a 12.7 mm limit our splitting of
// long stitches into even stitches gives exactly the stitch bytes of
// Ink/Stitch's "max127sew" file (pystitch with max_stitch 127 and
// long-stitch contingency "sew to").
func TestLongStitchSplitLikeInkStitch(t *testing.T) {
	dir := filepath.Join(corpus.Dir(t), "pes", "golden")
	p, meta := readGoldenJSON(t, filepath.Join(dir, "long_stitch_split.json"))
	want, err := os.ReadFile(filepath.Join(dir, "long_stitch_split.inkstitch.max127sew.v1.pes"))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := Encode(&got, p, EncodeOptions{Name: meta.Name, MaxStitch: 12.7, Hoop: stitch.Hoop130x180()}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("differs from Ink/Stitch's max127sew file at %s", diffRanges(got.Bytes(), want))
	}
	// The default 12.1 mm limit splits the same stitches in more pieces.
	got.Reset()
	if err := Encode(&got, p, EncodeOptions{Name: meta.Name}); err != nil {
		t.Fatal(err)
	}
	q, err := Decode(&got)
	if err != nil {
		t.Fatal(err)
	}
	if s := stitch.Measure(q); s.LongestStitch > 12.1+1e-9 || s.Jumps != 0 {
		t.Errorf("default limit: longest %.2f mm, %d jumps", s.LongestStitch, s.Jumps)
	}
}

func TestPaletteIndices(t *testing.T) {
	rgb := func(r, g, b uint8) stitch.Thread { return stitch.Thread{Color: color.RGBA{r, g, b, 255}} }
	tests := []struct {
		name    string
		threads []stitch.Thread
		want    []int
	}{
		// Ink/Stitch's choices in corpus/pes/golden.
		{"red blue", []stitch.Thread{rgb(255, 0, 0), rgb(0, 0, 255)}, []int{5, 21}},
		{"navy yellow", []stitch.Thread{rgb(0, 0, 128), rgb(255, 255, 0)}, []int{1, 13}},
		{"purple", []stitch.Thread{rgb(128, 0, 128)}, []int{22}},
		// Orange #ffa500 takes index 62 (Ink/Stitch does too: 62 and 64
		// are not avoided by its matcher).
		{"orange", []stitch.Thread{rgb(255, 165, 0)}, []int{62}},
		{"exact palette", []stitch.Thread{rgb(0, 0, 0)}, []int{20}},
		// The same colour twice shares an index; a near one takes the
		// next nearest unused index.
		{"repeat", []stitch.Thread{rgb(0, 0, 0), rgb(255, 0, 0), rgb(0, 0, 0)}, []int{20, 5, 20}},
		{"near", []stitch.Thread{rgb(237, 23, 31), rgb(236, 23, 31)}, []int{5, 28}},
	}
	for _, tt := range tests {
		if got := PaletteIndices(tt.threads); !cmp.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLabel(t *testing.T) {
	for in, want := range map[string]string{
		"two_color_trim_jump": "twocolor",
		"full_hoop_260x160":   "fullhoop",
		"ab":                  "ab",
		"été 2026!":           "t 2026",
		"":                    "",
	} {
		if got := Label(in); got != want {
			t.Errorf("Label(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	p := square()
	p.Records = append(p.Records[:5:5],
		stitch.Record{X: 0, Y: 0, Cmd: stitch.Trim},
		stitch.Record{X: 50, Y: 20, Cmd: stitch.Jump},
		stitch.Record{X: 50, Y: 20},
		stitch.Record{X: 80, Y: 20}, // 30 mm: split into 3
		stitch.Record{X: 80, Y: 20, Cmd: stitch.ColorChange},
		stitch.Record{X: 81, Y: 21},
		stitch.Record{X: 81, Y: 21, Cmd: stitch.End},
	)
	p.Threads = append(p.Threads, stitch.Thread{Color: color.RGBA{250, 10, 10, 255}, Description: "Red", Brand: "Madeira", Catalog: "1147"})
	for _, v := range []int{1, 6} {
		var b bytes.Buffer
		if err := Encode(&b, p, EncodeOptions{Version: v, Name: "round trip"}); err != nil {
			t.Fatal(err)
		}
		q, info, err := DecodeInfo(&b)
		if err != nil {
			t.Fatal(err)
		}
		want := []stitch.Record{
			{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 10}, {X: 0, Y: 10}, {X: 0, Y: 0},
			{X: 0, Y: 0, Cmd: stitch.Trim}, {X: 50, Y: 20, Cmd: stitch.Jump},
			{X: 50, Y: 20}, {X: 60, Y: 20}, {X: 70, Y: 20}, {X: 80, Y: 20},
			// The needle is up from the colour change to the next
			// stitch: its move reads as a jump.
			{X: 80, Y: 20, Cmd: stitch.ColorChange}, {X: 81, Y: 21, Cmd: stitch.Jump}, {X: 81, Y: 21},
			{X: 81, Y: 21, Cmd: stitch.End},
		}
		if d := cmp.Diff(want, q.Records, cmpopts.EquateApprox(0, 1e-9)); d != "" {
			t.Errorf("v%d records (-want +got):\n%s", v, d)
		}
		if info.Label != "round tr" {
			t.Errorf("label %q", info.Label)
		}
		if v == 6 {
			if d := cmp.Diff(p.Threads, q.Threads); d != "" {
				t.Errorf("v6 threads (-want +got):\n%s", d)
			}
		} else if q.Threads[1].Description != "Red" || q.Threads[0].Description != "Black" {
			t.Errorf("v1 threads %+v", q.Threads)
		}
	}
}

func TestEncodeFarFromOrigin(t *testing.T) {
	// A design 250 mm away from the origin: the start jump cannot hold the
	// offset, so the design is centred; the stitches are kept relative to
	// each other.
	p := square()
	p.Translate(250, -300)
	var b bytes.Buffer
	if err := Encode(&b, p, EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	q, err := Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	s := stitch.Measure(q)
	if math.Abs(s.Width-10) > 1e-9 || math.Abs(s.Height-10) > 1e-9 || s.Stitches != 5 {
		t.Errorf("got %+v", s)
	}
}

func TestEncodeEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := Encode(&b, &stitch.Pattern{}, EncodeOptions{Version: 6}); err != nil {
		t.Fatal(err)
	}
	q, err := Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	if n := stitch.Measure(q).Stitches; n != 0 {
		t.Errorf("%d stitches", n)
	}
	if err := Encode(&b, square(), EncodeOptions{Version: 5}); !errors.Is(err, ErrVersion) {
		t.Errorf("version 5: %v", err)
	}
	huge := square()
	huge.Records[2].X = 4000
	if err := Encode(&b, huge, EncodeOptions{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("4 m wide: %v", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	var good bytes.Buffer
	if err := Encode(&good, square(), EncodeOptions{}); err != nil {
		t.Fatal(err)
	}
	g := good.Bytes()
	pec := int(g[8]) | int(g[9])<<8
	end := pec + 0x210 + 4 + 9 // start bytes, 4 stitches... cut inside the stream
	setOffset := func(off uint32) []byte {
		b := append([]byte(nil), g...)
		b[8], b[9], b[10], b[11] = byte(off), byte(off>>8), byte(off>>16), byte(off>>24)
		return b
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrFormat},
		{"short", []byte("#PES"), ErrFormat},
		{"bad signature", append([]byte("GIF89a.."), g[8:]...), ErrFormat},
		{"bad version digits", append([]byte("#PESx001"), g[8:]...), ErrFormat},
		{"no PEC offset", g[:10], ErrCorrupt},
		{"PEC offset past end", setOffset(1 << 30), ErrCorrupt},
		{"PEC offset near end", setOffset(uint32(len(g) - 20)), ErrCorrupt},
		{"PEC offset wrong", setOffset(20), ErrCorrupt},
		{"truncated stitches", g[:end], ErrCorrupt},
		{"truncated in move", g[:pec+0x210+4+8+1], ErrCorrupt},
		// Stitches whole, the design thumbnail cut (1 colour: 2 thumbnails).
		{"truncated in thumbnail", g[:len(g)-2*thumbBytes+100], ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(bytes.NewReader(tt.data))
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

// FuzzDecode: Decode never panics, and what it decodes encodes and decodes
// again with the same colour changes and needle-downs.
func FuzzDecode(f *testing.F) {
	var b bytes.Buffer
	for _, v := range []int{1, 6} {
		b.Reset()
		if err := Encode(&b, square(), EncodeOptions{Version: v}); err != nil {
			f.Fatal(err)
		}
		f.Add(append([]byte(nil), b.Bytes()...))
	}
	f.Add([]byte("#PES0001\x0c\x00\x00\x00"))
	f.Add([]byte("#PEC0001LA:"))
	for _, name := range []string{"Bean.pes", "Flower.pes"} {
		if data, err := os.ReadFile(filepath.Join("testdata", "thirdparty", name)); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(bytes.NewReader(data))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := Encode(&out, p, EncodeOptions{MaxStitch: -1}); errors.Is(err, ErrTooLarge) {
			return
		} else if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		q, err := Decode(&out)
		if err != nil {
			t.Fatalf("decode of re-encoded: %v", err)
		}
		if a, b := stitch.Measure(p).ColorChanges, stitch.Measure(q).ColorChanges; a != b {
			t.Fatalf("colour changes %d -> %d", a, b)
		}
		// Decode reads moves that end jumps as jumps: re-encoding adds
		// no needle-down.
		if a, b := stitch.Measure(p).Stitches, stitch.Measure(q).Stitches; a != b {
			t.Fatalf("needle-downs %d -> %d", a, b)
		}
	})
}

var benchSink int

func benchPattern(n int) *stitch.Pattern {
	p := &stitch.Pattern{Threads: []stitch.Thread{{Color: color.RGBA{200, 0, 0, 255}}, {Color: color.RGBA{0, 0, 200, 255}}}}
	p.Records = make([]stitch.Record, 0, n+2)
	for i := range n {
		// A fill-like zigzag: 0.4 mm rows of 3 mm stitches over 100 mm.
		row := i / 33
		x := float64(i%33) * 3
		if row%2 == 1 {
			x = 99 - x
		}
		p.Records = append(p.Records, stitch.Record{X: x, Y: float64(row%250) * 0.4})
		if i == n/2 {
			p.Records = append(p.Records, stitch.Record{X: x, Y: float64(row%250) * 0.4, Cmd: stitch.ColorChange})
		}
	}
	p.Records = append(p.Records, stitch.Record{Cmd: stitch.End, X: p.Records[len(p.Records)-1].X, Y: p.Records[len(p.Records)-1].Y})
	return p
}

// BenchmarkEncode100k encodes a 100,000-stitch pattern as PES v1; MB/s is
// of the PES written.
func BenchmarkEncode100k(b *testing.B) {
	p := benchPattern(100_000)
	var out bytes.Buffer
	if err := Encode(&out, p, EncodeOptions{}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(out.Len()))
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := Encode(&out, p, EncodeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecode100k decodes the same file; MB/s is of the PES read.
func BenchmarkDecode100k(b *testing.B) {
	var out bytes.Buffer
	if err := Encode(&out, benchPattern(100_000), EncodeOptions{}); err != nil {
		b.Fatal(err)
	}
	data := out.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := Decode(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		benchSink += len(p.Records)
	}
}

// TestStopRoundTrip: a Stop is written as a colour change to the same
// thread and read back as a Stop, without a thread of its own; a colour
// change to the same thread with nothing sewn after it stays a colour
// change.
func TestStopRoundTrip(t *testing.T) {
	red := stitch.Thread{Color: color.RGBA{237, 23, 31, 255}, Description: "Red"}
	p := &stitch.Pattern{Threads: []stitch.Thread{red, red}, Records: []stitch.Record{
		{X: 0, Y: 0}, {X: 2, Y: 0},
		{X: 2, Y: 0, Cmd: stitch.Stop},
		{X: 4, Y: 0}, {X: 6, Y: 0},
		{X: 6, Y: 0, Cmd: stitch.ColorChange},
		{X: 6, Y: 0, Cmd: stitch.End},
	}}
	for _, v := range []int{1, 6} {
		var b bytes.Buffer
		if err := Encode(&b, p, EncodeOptions{Version: v}); err != nil {
			t.Fatal(err)
		}
		q, info, err := DecodeInfo(&b)
		if err != nil {
			t.Fatal(err)
		}
		var cmds []string
		for _, r := range q.Records {
			if r.Cmd != stitch.Stitch {
				cmds = append(cmds, r.Cmd.String())
			}
		}
		if got := strings.Join(cmds, " "); got != "STOP COLOR_CHANGE END" || len(q.Threads) != 2 || len(info.Palette) != 3 {
			t.Errorf("v%d: commands %s, %d threads, palette %v; want STOP COLOR_CHANGE END, 2 threads, 3 blocks", v, got, len(q.Threads), info.Palette)
		}
	}
}
