package gcode

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func ExampleWriter() {
	w := NewWriter(os.Stdout)
	w.Comment("TYPE:External perimeter")
	w.G1(112.639, 93.583, math.NaN(), 0, 10800)
	w.MoveZ(0.2, 720)
	w.Extrude(0.8, 2100)
	w.Feed(1200)
	w.G1(113.705, 92.569, math.NaN(), 0.04612, 0)
	w.G1(115, 92.569, math.NaN(), 0.041860004, 0) // Y unchanged: left out
	w.Extrude(-0.8, 2100)
	w.Command("M106", 2, 'S', 84.15)
	w.Flush()
	// Output:
	// ;TYPE:External perimeter
	// G1 X112.639 Y93.583 F10800
	// G1 Z.2 F720
	// G1 E.8 F2100
	// G1 F1200
	// G1 X113.705 Y92.569 E.04612
	// G1 X115 E.04186
	// G1 E-.8 F2100
	// M106 S84.15
}

func TestAppendFloat(t *testing.T) {
	tests := []struct {
		v    float64
		d    int
		want string
	}{
		{0, 3, "0"},
		{-0.0, 3, "0"},
		{0.0004, 3, "0"},
		{0.0005, 3, ".001"},
		{-0.0004, 3, "0"},
		{1, 3, "1"},
		{-1, 3, "-1"},
		{0.8, 5, ".8"},
		{-0.8, 5, "-.8"},
		{112.639, 3, "112.639"},
		{112.6390001, 3, "112.639"},
		{10800, 3, "10800"},
		{0.04612, 5, ".04612"},
		{1.000001, 5, "1"},
		{123456.789, 3, "123456.789"},
		{0.1 + 0.2, 3, ".3"},
		{2.5, 0, "3"},
		{-2.5, 0, "-3"},
		{8, 2, "8"},
		{3.14159265, 9, "3.14159265"},
	}
	for _, tt := range tests {
		got := string(AppendFloat(nil, tt.v, tt.d))
		if got != tt.want {
			t.Errorf("AppendFloat(%v, %d) = %q, want %q", tt.v, tt.d, got, tt.want)
		}
	}
}

// TestAppendFloatMatchesStrconv checks the hand-rolled formatting against
// strconv on many values: same number once parsed back.
func TestAppendFloatMatchesStrconv(t *testing.T) {
	for i := -200000; i <= 200000; i += 7 {
		v := float64(i) * 0.0013
		for _, d := range []int{3, 5} {
			got, err := strconv.ParseFloat(string(AppendFloat(nil, v, d)), 64)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := strconv.ParseFloat(strconv.FormatFloat(math.Round(v*math.Pow10(d))/math.Pow10(d), 'f', d, 64), 64)
			if got != want {
				t.Fatalf("AppendFloat(%v, %d) reads back %v, want %v", v, d, got, want)
			}
		}
	}
}

func TestWriterSkipsUnchanged(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	w.MoveUM(10000, 20000, 0, 10800)
	w.MoveUM(10000, 20000, 0, 10800) // nothing changes: no line
	w.MoveUM(10000, 25000, 0.5, 1200)
	w.SetPosition(1, 2, 3)
	w.G1(1, 2.0004, 3, 0, 0) // rounds to the same micrometre: no line
	w.G1(1, 2, 3.2, 0, 0)
	w.Forget()
	w.G1(1, 2, math.NaN(), 0, 1200)
	w.Line("M84")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "G1 X10 Y20 F10800\nG1 Y25 E.5 F1200\nG1 Z3.2\nG1 X1 Y2 F1200\nM84\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
	if w.Written() != int64(len(want)) {
		t.Errorf("Written = %d, want %d", w.Written(), len(want))
	}
}

type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	f.n++
	return 0, errors.New("disk full")
}

func TestWriterStickyError(t *testing.T) {
	fw := &failWriter{}
	w := NewWriter(fw)
	for i := 0; i < 100000; i++ {
		w.MoveUM(int64(i), int64(i), 0.01, 1200)
	}
	if err := w.Flush(); err == nil || err.Error() != "disk full" {
		t.Fatalf("Flush = %v, want disk full", err)
	}
	if fw.n != 1 {
		t.Errorf("underlying Write called %d times after failing, want 1", fw.n)
	}
}

func BenchmarkWriter(b *testing.B) {
	w := NewWriter(io.Discard)
	b.ReportAllocs()
	var bytes0 int64
	for b.Loop() {
		for i := int64(0); i < 10000; i++ {
			w.MoveUM(100000+i*37%50000, 90000+i*53%40000, 0.0313+float64(i%7)*1e-4, 4800)
		}
	}
	bytes0 = w.Written()
	b.SetBytes(bytes0 / int64(b.N))
}
