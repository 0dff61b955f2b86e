package stitch

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/usinette/usinette/internal/corpus"
)

func TestJSONRoundTrip(t *testing.T) {
	p := &Pattern{
		Threads: []Thread{
			{Color: color.RGBA{255, 0, 0, 255}, Description: "Red", Brand: "Madeira", Catalog: "1147"},
			{Color: color.RGBA{0, 0, 128, 255}, Description: "Navy \"dark\""},
		},
		Records: []Record{
			{X: 0, Y: 0}, {X: -127.0115, Y: 80.1}, {X: 1e-3, Y: 0.30000000000000004, Cmd: Trim},
			{X: 3, Y: 4, Cmd: Jump}, {X: 3, Y: 4, Cmd: ColorChange}, {X: 3, Y: 4, Cmd: Stop}, {X: 3, Y: 4, Cmd: End},
		},
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, p, JSONMeta{Name: "rt", Description: "round trip"}); err != nil {
		t.Fatal(err)
	}
	q, meta, err := ReadJSONMeta(&b)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(p, q); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if meta.Name != "rt" || meta.Description != "round trip" {
		t.Errorf("meta %+v", meta)
	}
}

// TestJSONGoldenCorpus reads every stitch list of corpus/pes/golden and
// writes it back to an equal pattern.
func TestJSONGoldenCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpus.Dir(t), "pes", "golden", "*.json"))
	n := 0
	for _, f := range files {
		if strings.Contains(f, ".readback.") {
			continue
		}
		n++
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p, meta, err := ReadJSONMeta(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(p.Records) == 0 || len(p.Threads) == 0 || meta.Name == "" {
			t.Errorf("%s: %d records, %d threads, name %q", f, len(p.Records), len(p.Threads), meta.Name)
		}
		var b bytes.Buffer
		if err := WriteJSON(&b, p, meta); err != nil {
			t.Fatal(err)
		}
		q, err := ReadJSON(&b)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(p, q); d != "" {
			t.Errorf("%s: (-read +rewritten):\n%s", f, d)
		}
	}
	if n == 0 {
		t.Fatal("no golden stitch lists")
	}
}

func TestReadJSONErrors(t *testing.T) {
	for _, in := range []string{
		``, `[]`, `{"units": "inch", "stitches": []}`,
		`{"stitches": [[1, 2]]}`, `{"stitches": [["a", 2, "STITCH"]]}`,
		`{"stitches": [[1, 2, "SEW"]]}`, `{"stitches": [[1, 2, 3]]}`,
		`{"threads": [{"color": "red"}], "stitches": []}`,
		`{"threads": [{"color": "#12345g"}], "stitches": []}`,
	} {
		if _, err := ReadJSON(strings.NewReader(in)); !errors.Is(err, ErrJSON) {
			t.Errorf("%s: %v, want ErrJSON", in, err)
		}
	}
}

func FuzzReadJSON(f *testing.F) {
	f.Add(`{"units":"mm","threads":[{"color":"#ff0000","description":"Red","catalog_number":null,"brand":null}],"stitches":[[0,0,"STITCH"],[1.5,2,"END"]]}`)
	f.Add(`{"stitches":[[1e308,-1e308,"JUMP"]]}`)
	f.Fuzz(func(t *testing.T, s string) {
		p, meta, err := ReadJSONMeta(strings.NewReader(s))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := WriteJSON(&b, p, meta); err != nil {
			t.Fatal(err)
		}
		q, err := ReadJSON(&b)
		if err != nil {
			t.Fatalf("re-read: %v\n%s", err, b.String())
		}
		if !cmp.Equal(p, q) {
			t.Fatalf("round trip changed the pattern:\n%s", cmp.Diff(p, q))
		}
	})
}

func ExampleReadJSON() {
	doc := `{"name": "line", "units": "mm",
	 "threads": [{"color": "#000000", "description": "Black", "catalog_number": null, "brand": null}],
	 "stitches": [[0, 0, "STITCH"], [2.5, 0, "STITCH"], [2.5, 0, "END"]]}`
	p, err := ReadJSON(strings.NewReader(doc))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(p.Records), p.Records[1].X, p.Records[2].Cmd, p.Threads[0].Description)
	// Output: 3 2.5 END Black
}

// TestReadJSONLimits: absurd coordinates (1e308 made a 0 × 0 mm PES),
// non-finite ones and an oversized document are refused with ErrJSON.
func TestReadJSONLimits(t *testing.T) {
	doc := func(xy string) string {
		return `{"units":"mm","threads":[{"color":"#ff0000","description":"r","catalog_number":null,"brand":null}],` +
			`"stitches":[[0,0,"STITCH"],[` + xy + `,"STITCH"],[0,0,"END"]]}`
	}
	for _, xy := range []string{"1e308,-1e308", "-1e308,0", "1e9,0", "0,10000.5", "1e400,0", "NaN,0"} {
		_, err := ReadJSON(strings.NewReader(doc(xy)))
		if !errors.Is(err, ErrJSON) {
			t.Errorf("[%s]: err = %v, want ErrJSON", xy, err)
		}
	}
	if _, err := ReadJSON(strings.NewReader(doc("9999.5,-9999.5"))); err != nil {
		t.Errorf("within the limit: %v", err)
	}
	big := io.MultiReader(strings.NewReader(`{"units":"mm","stitches":[`), &repeatReader{b: []byte(`[0,0,"STITCH"],`), n: MaxJSONSize/15 + 2})
	if _, err := ReadJSON(big); !errors.Is(err, ErrJSON) || !strings.Contains(err.Error(), "limit") {
		t.Errorf("oversized document: err = %v", err)
	}
}

// repeatReader yields b n times without holding it n times.
type repeatReader struct {
	b   []byte
	n   int
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	total := 0
	for len(p) > 0 && r.n > 0 {
		c := copy(p, r.b[r.off:])
		p, total, r.off = p[c:], total+c, r.off+c
		if r.off == len(r.b) {
			r.off, r.n = 0, r.n-1
		}
	}
	if total == 0 {
		return 0, io.EOF
	}
	return total, nil
}
