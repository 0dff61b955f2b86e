package stitch

import (
	"image/color"
	"math/rand/v2"
	"testing"
	"time"
)

// sortColorsReference is sortColors as first written: every later element
// looked at for every element, threads compared by threadFor. The faster
// sortColors must order every input the same way.
func sortColorsReference(elems []element) []element {
	boxes := make([]box, len(elems))
	for i, e := range elems {
		boxes[i] = emptyBox()
		for _, r := range e.runs {
			for _, q := range r {
				boxes[i].add(q)
			}
		}
	}
	used := make([]bool, len(elems))
	out := make([]element, 0, len(elems))
	for i := range elems {
		if used[i] {
			continue
		}
		used[i] = true
		out = append(out, elems[i])
		th := threadFor(elems[i].Color)
		var passed []int
		for j := i + 1; j < len(elems); j++ {
			if used[j] {
				continue
			}
			if threadFor(elems[j].Color) != th {
				passed = append(passed, j)
				continue
			}
			free := true
			for _, k := range passed {
				if boxes[k].overlaps(boxes[j]) {
					free = false
					break
				}
			}
			if !free {
				break
			}
			used[j] = true
			out = append(out, elems[j])
		}
	}
	return out
}

// randomElements makes n elements whose boxes are up to size mm wide in a
// 100 mm square, in colours drawn from colors (each its own colour when
// colors is negative).
func randomElements(rng *rand.Rand, n, colors int, size float64) []element {
	distinct := colors < 0
	if distinct {
		colors = n
	}
	palette := make([]color.RGBA, colors)
	for i := range palette {
		// distinct for i < 65,536; alpha differs between equal colours
		// below: threads ignore it
		palette[i] = color.RGBA{R: uint8(i * 37), G: uint8(i * 11), B: uint8(i >> 8), A: 255}
	}
	elems := make([]element, n)
	for i := range elems {
		x, y := rng.Float64()*100, rng.Float64()*100
		c := palette[rng.IntN(colors)]
		if distinct {
			c = palette[i]
		}
		c.A = uint8(128 + rng.IntN(128))
		elems[i] = element{ElementReport: ElementReport{Shape: i, Color: c},
			runs: [][]pt{{{X: x, Y: y}, {X: x + rng.Float64()*size, Y: y + rng.Float64()*size}}}}
	}
	return elems
}

// TestSortColorsSameAsReference: on random designs (few or many colours,
// shapes small and sparse or large and overlapping) sortColors gives the
// reference's order.
func TestSortColorsSameAsReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 400 {
		n := 1 + rng.IntN(60)
		colors := 1 + rng.IntN(8)
		switch trial % 4 {
		case 0:
			colors = n
		case 1:
			colors = -1
		}
		size := []float64{1, 10, 40}[trial%3]
		elems := randomElements(rng, n, colors, size)
		got, want := sortColors(elems), sortColorsReference(elems)
		for k := range want {
			if got[k].Shape != want[k].Shape {
				t.Fatalf("trial %d (%d elements, %d colours, size %g): position %d is shape %d, want %d",
					trial, n, colors, size, k, got[k].Shape, want[k].Shape)
			}
		}
	}
}

// TestSortColorsManyColors: 20,000 small shapes each in its own colour sort
// in well under a second (the reference takes minutes: quadratic).
func TestSortColorsManyColors(t *testing.T) {
	elems := randomElements(rand.New(rand.NewPCG(5, 6)), 20000, -1, 0.5)
	start := time.Now()
	out := sortColors(elems)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %v", took)
	}
	if len(out) != len(elems) {
		t.Fatalf("%d elements out of %d", len(out), len(elems))
	}
}
