package obj

import (
	"bytes"
	"errors"
	"math"
	"testing"
)

// FuzzDecode: Decode never panics; errors wrap a sentinel; accepted files
// have finite triangles, at least one per face statement's worth.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n"))
	f.Add([]byte("v 0 0 0\nv 2 0 0\nv 2 1 0\nv 1 1 0\nv 1 2 0\nv 0 2 0\nf 3/1 4/2/3 5//1 -1 1 2\n"))
	f.Add([]byte("v 0 0 0 \\\n 1\nf 1 1 1 1 1\n"))
	f.Add([]byte("f -1 -2 -3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tris, err := Decode(bytes.NewReader(data))
		if err != nil {
			if tris != nil {
				t.Fatal("triangles and error")
			}
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrIndex) && !errors.Is(err, ErrEmpty) {
				t.Fatalf("error without sentinel: %v", err)
			}
			return
		}
		if len(tris) == 0 {
			t.Fatal("no triangles without error")
		}
		for _, tr := range tris {
			for _, v := range tr {
				if math.IsNaN(float64(v.X)) || math.IsInf(float64(v.Y), 0) || math.IsNaN(float64(v.Z)) {
					t.Fatal("non-finite corner")
				}
			}
		}
	})
}
