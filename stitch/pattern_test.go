package stitch

import "testing"

func TestCommandNamesRoundTrip(t *testing.T) {
	for c := Stitch; c <= End; c++ {
		got, err := ParseCommand(c.String())
		if err != nil || got != c {
			t.Errorf("ParseCommand(%q) = %v, %v", c.String(), got, err)
		}
	}
	if _, err := ParseCommand("SEW"); err == nil {
		t.Error("ParseCommand accepted an unknown name")
	}
}

func TestBoundsIgnoresRepeatedPositions(t *testing.T) {
	p := Pattern{Records: []Record{
		{X: 1, Y: 2, Cmd: Stitch},
		{X: 99, Y: 99, Cmd: Trim}, // would widen the box if counted
		{X: -3, Y: 4, Cmd: Jump},
		{X: 5, Y: -1, Cmd: Stitch},
	}}
	minX, minY, maxX, maxY := p.Bounds()
	if minX != -3 || minY != -1 || maxX != 5 || maxY != 4 {
		t.Fatalf("Bounds = %v %v %v %v", minX, minY, maxX, maxY)
	}
}
