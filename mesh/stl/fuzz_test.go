package stl

import (
	"bytes"
	"io"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzDecode: DecodeBytes never panics, and what it accepts has triangles with
// finite corners; binary files of the right size decode to their count.
// Decode from a reader, sized (streamed) or not (read whole), gives the same
// soup or an error wrapping the same sentinel.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid a\n"))
	f.Add([]byte("solid a\nfacet normal 0 0 1 outer loop vertex 1e-3 -2.5E+2 .5 vertex 1 0 0 vertex 0 1 0 endloop endfacet endsolid"))
	f.Add([]byte("solid\nendsolid\n"))
	f.Add([]byte("solid x\nfacet normal nan 0 0\nouter loop\nvertex inf 0 0\n"))
	bin := make([]byte, 84+50)
	bin[80] = 1
	bin[84+12] = 0x80
	bin[84+12+3] = 0x3f
	f.Add(bin)
	f.Add(bin[:100])
	f.Add([]byte("not an stl"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeBytes(data)
		for _, r := range []io.Reader{bytes.NewReader(data), io.MultiReader(bytes.NewReader(data))} {
			s2, err2 := Decode(r)
			if (err == nil) != (err2 == nil) {
				t.Fatalf("DecodeBytes: %v; Decode: %v", err, err2)
			}
			if err == nil {
				if diff := cmp.Diff(s, s2); diff != "" {
					t.Fatalf("Decode differs from DecodeBytes:\n%s", diff)
				}
			}
		}
		if err != nil {
			if s != nil {
				t.Fatal("soup and error")
			}
			return
		}
		if len(s.Triangles) == 0 {
			t.Fatal("accepted without triangles")
		}
		for i, tr := range s.Triangles {
			for _, v := range tr {
				for _, c := range []float32{v.X, v.Y, v.Z} {
					if math.IsNaN(float64(c)) || math.IsInf(float64(c), 0) {
						t.Fatalf("triangle %d has %v", i, c)
					}
				}
			}
		}
		if s.Format == Binary && len(data) != 84+50*len(s.Triangles) {
			t.Fatalf("binary %d triangles from %d bytes", len(s.Triangles), len(data))
		}
	})
}
