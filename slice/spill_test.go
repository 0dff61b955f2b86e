package slice

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestSpillSameBytes: with a spill file the G-code is byte for byte what
// the in-memory path writes, the stats agree, and a failing spill is an
// error rather than a short file.
func TestSpillSameBytes(t *testing.T) {
	layers := boxLayers(40, 125, 105, 20)
	want, wantSt := gcodeOf(t, layers, Default())

	f, err := os.CreateTemp(t.TempDir(), "spill")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b bytes.Buffer
	st, err := WriteGCode(context.Background(), &b, layers, Default(), GCodeOptions{Name: "box", Spill: f})
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != want {
		t.Fatalf("spilled G-code differs from the in-memory one (%d vs %d bytes)", b.Len(), len(want))
	}
	if st.Bytes != wantSt.Bytes || st.PrintSeconds != wantSt.PrintSeconds || st.FilamentMM != wantSt.FilamentMM {
		t.Errorf("stats %+v, want %+v", st, wantSt)
	}

	// a spill that cannot be written
	ro, err := os.Open(filepath.Join(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	_, err = WriteGCode(context.Background(), &b, layers, Default(), GCodeOptions{Spill: ro})
	var pe *os.PathError
	if err == nil || !errors.As(err, &pe) {
		t.Errorf("unwritable spill: err %v, want a path error", err)
	}
}
