package preview

import (
	"bytes"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/usinette/usinette/cut"
	"github.com/usinette/usinette/vector"
)

// TestPagePrintMarks: the printable page drawn as PNG puts the Cameo marks
// where the cut's registration (cut.RegMarks) says, to 0.1 mm: the square's
// edges, the top-right L's mitred outer corner (a round join would leave it
// white) and its arms' ends; PDF is written; other extensions are refused
// with the list.
func TestPagePrintMarks(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "cut", "testdata", "regmarks", "sticker.svg"))
	if err != nil {
		t.Fatal(err)
	}
	doc0, err := vector.Read(bytes.NewReader(src), vector.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	marks := cut.RegMarks{PageWidth: doc0.Width, PageHeight: doc0.Height}
	var page bytes.Buffer
	if err := cut.WritePrintPage(&page, src, marks); err != nil {
		t.Fatal(err)
	}
	doc, err := vector.Read(bytes.NewReader(page.Bytes()), vector.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	const dpmm = 25.0
	var out bytes.Buffer
	if err := Page(&out, "page.png", doc, dpmm); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&out)
	if err != nil {
		t.Fatal(err)
	}
	dark := func(x, y float64) bool { // page mm
		r, g, b, _ := img.At(int(x*dpmm), int(y*dpmm)).RGBA()
		return r+g+b < 3*0x4000
	}
	ox, oy := marks.Origin()
	w, h := marks.Span()
	const e = 0.1 // mm
	sq := cut.RegMarkSquare
	half := cut.RegMarkWidth / 2
	for _, c := range []struct {
		what string
		x, y float64
		want bool
	}{
		{"square inside its top-left corner", ox + e, oy + e, true},
		{"square inside its bottom-right corner", ox + sq - e, oy + sq - e, true},
		{"left of the square", ox - e, oy + sq/2, false},
		{"above the square", ox + sq/2, oy - e, false},
		{"right of the square", ox + sq + e, oy + sq/2, false},
		{"below the square", ox + sq/2, oy + sq + e, false},
		{"top-right L's mitred outer corner", ox + w + half - e/2, oy - half + e/2, true},
		{"past the L's corner", ox + w + half + e, oy - half - e, false},
		{"top-right L's horizontal arm end", ox + w - cut.RegMarkLength + e, oy, true},
		{"before the arm's butt end", ox + w - cut.RegMarkLength - e, oy, false},
		{"bottom-left L's corner", ox - half + e, oy + h + half - e, true},
		{"bottom-left L's vertical arm end", ox, oy + h - cut.RegMarkLength + e, true},
	} {
		if got := dark(c.x, c.y); got != c.want {
			t.Errorf("%s (%.2f, %.2f mm): dark %v, want %v", c.what, c.x, c.y, got, c.want)
		}
	}
	out.Reset()
	if err := Page(&out, "page.PDF", doc, dpmm); err != nil || !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) {
		t.Errorf("PDF: %v, starts %q", err, out.Bytes()[:min(8, out.Len())])
	}
	if err := Page(&out, "page.jpg", doc, dpmm); !errors.Is(err, ErrFormat) {
		t.Errorf(".jpg: %v, want ErrFormat", err)
	}
}
