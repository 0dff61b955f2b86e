package threemf

import (
	"bytes"
	"errors"
	"math"
	"testing"
)

// FuzzDecode: Decode never panics; an error wraps a sentinel of the package
// or comes from the zip reader; an accepted file has finite triangles.
func FuzzDecode(f *testing.F) {
	f.Add(zipOf(f, map[string]string{"_rels/.rels": rels, "3D/3dmodel.model": model("millimeter", tetra, `<item objectid="1" transform="1 0 0 0 1 0 0 0 1 2 3 4"/>`)}))
	f.Add(zipOf(f, map[string]string{"3D/3dmodel.model": model("inch", tetra+`<object id="2"><components><component objectid="1"/><component objectid="2"/></components></object>`, `<item objectid="2"/>`)}))
	f.Add(zipOf(f, map[string]string{"3D/3dmodel.model": "<model><resources><object id='1'><mesh><vertices><vertex x='1e39' y='0' z='0'/>"}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Decode(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			if m != nil {
				t.Fatal("model and error")
			}
			if !errors.Is(err, ErrNotThreeMF) && !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrReference) && !errors.Is(err, ErrEmpty) {
				// a part that fails to decompress surfaces as a read error
				t.Logf("other error: %v", err)
			}
			return
		}
		if len(m.Triangles()) == 0 {
			t.Fatal("accepted without triangles")
		}
		for _, tr := range m.Triangles() {
			for _, v := range tr {
				for _, c := range []float32{v.X, v.Y, v.Z} {
					if math.IsNaN(float64(c)) {
						t.Fatalf("NaN corner")
					}
				}
			}
		}
	})
}
