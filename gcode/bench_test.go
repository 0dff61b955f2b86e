package gcode

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// synthGcode writes about size bytes of PrusaSlicer-like G-code: layers of
// round perimeters cut in short segments, zig-zag infill, retracted travels.
func synthGcode(size int) []byte {
	var b bytes.Buffer
	b.WriteString("M201 X1000 Y1000 Z200 E5000\nM203 X200 Y200 Z12 E120\nM204 P1250 R1250 T1250\nM205 X8.00 Y8.00 Z0.40 E4.50\nG90\nM83\n")
	for layer := 1; b.Len() < size; layer++ {
		z := 0.2 * float64(layer)
		fmt.Fprintf(&b, ";LAYER_CHANGE\n;Z:%.1f\n;HEIGHT:0.2\nG1 Z%.3f F720\n;TYPE:External perimeter\nG1 F1500\n", z, z)
		for i := 0; i <= 400; i++ {
			a := 2 * math.Pi * float64(i) / 400
			fmt.Fprintf(&b, "G1 X%.3f Y%.3f E.%05d\n", 125+20*math.Cos(a), 105+20*math.Sin(a), 1500+i%7)
		}
		b.WriteString("G1 E-.8 F2100\nG1 X110 Y90 F10800\nG1 E.8 F2100\n;TYPE:Internal infill\nG1 F4800\n")
		for i := 0; i < 60; i++ {
			y := 90 + 0.5*float64(i)
			fmt.Fprintf(&b, "G1 X140 Y%.3f E1.12345\nG1 X140 Y%.3f E.02\nG1 X110 Y%.3f E1.12345\n", y, y+0.25, y+0.5)
		}
		b.WriteString(";WIPE_START\nG1 X112 Y105 E-.4\n;WIPE_END\nG1 E-.4 F2100\n")
	}
	return b.Bytes()
}

func benchAnalyze(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	r := bytes.NewReader(data)
	cpu0 := cpuSeconds()
	for b.Loop() {
		r.Reset(data)
		if _, err := Analyze(context.Background(), r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		// Throughput per CPU second: what the code does, whatever else
		// the machine runs at the same time.
		b.ReportMetric(float64(len(data))*float64(b.N)/cpu/1e6, "MB/cpu-s")
	}
}

// BenchmarkAnalyzeSynthetic: parse + estimate a 16 MB generated file.
func BenchmarkAnalyzeSynthetic(b *testing.B) {
	benchAnalyze(b, synthGcode(16<<20))
}

// BenchmarkAnalyzeCorpus: parse + estimate the largest PrusaSlicer corpus
// file repeated to over 10 MB.
func BenchmarkAnalyzeCorpus(b *testing.B) {
	one, err := os.ReadFile(corpus.Path(b, "gcode/overhang_test_prusa.gcode"))
	if err != nil {
		b.Fatal(err)
	}
	benchAnalyze(b, bytes.Repeat(one, 10))
}

func BenchmarkScanner(b *testing.B) {
	data := synthGcode(16 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	r := bytes.NewReader(data)
	for b.Loop() {
		r.Reset(data)
		s := NewScanner(r)
		for s.Scan() {
		}
	}
}
