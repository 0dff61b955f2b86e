package stitch

import (
	"context"
	"testing"

	"github.com/usinette/usinette/vector"
)

// square100Holes is a filled 100×100 mm square with three round holes.
func square100Holes() []vector.Shape {
	return []vector.Shape{filled("square-holes", red, vector.NonZero, rectPath(0, 0, 100, 100),
		circlePath(25, 30, 12, 90, true), circlePath(70, 35, 15, 90, true), circlePath(50, 75, 14, 90, true))}
}

func BenchmarkPlanSquareHoles(b *testing.B) {
	shapes := square100Holes()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := PlanShapes(context.Background(), shapes, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRunningStitch(b *testing.B) {
	c := circlePath(0, 0, 50, 3600, false)
	p := subpathPoints(c)
	b.ReportAllocs()
	for b.Loop() {
		runningStitch(p, 2.5, 0.2)
	}
}
