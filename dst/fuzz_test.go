package dst

import (
	"bytes"
	"image/color"
	"os"
	"path/filepath"
	"testing"

	"github.com/usinette/usinette/stitch"
)

// FuzzDecode: Decode never panics; what it decodes encodes and decodes
// again with the same colour changes and needle-downs.
func FuzzDecode(f *testing.F) {
	p := &stitch.Pattern{Records: []stitch.Record{
		{X: 0, Y: 0}, {X: 30, Y: 5}, {X: 30, Y: 5, Cmd: stitch.Trim},
		{X: 30, Y: 5, Cmd: stitch.ColorChange}, {X: -20, Y: 40, Cmd: stitch.Jump},
		{X: -20, Y: 41}, {X: -20, Y: 41, Cmd: stitch.End},
	}}
	var b bytes.Buffer
	if err := Encode(&b, p, EncodeOptions{}); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte("LA:x"))
	for _, name := range []string{"Bean.dst", "rectangle.dst"} {
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
		if err := Encode(&out, p, EncodeOptions{MaxStitch: -1}); err != nil {
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

func benchPattern(n int) *stitch.Pattern {
	p := &stitch.Pattern{Threads: []stitch.Thread{{Color: color.RGBA{200, 0, 0, 255}}}}
	for i := range n {
		row := i / 33
		x := float64(i%33) * 3
		if row%2 == 1 {
			x = 99 - x
		}
		p.Records = append(p.Records, stitch.Record{X: x, Y: float64(row%250) * 0.4})
	}
	return p
}

var sink int

// BenchmarkEncode100k writes a 100,000-stitch pattern as DST.
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

// BenchmarkDecode100k reads it back.
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
		sink += len(p.Records)
	}
}
