package vector

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestUseBomb: each level uses the previous one ten times (10^7 rectangles
// at level 7); the reader refuses it early with ErrLimit instead of taking
// minutes and a gigabyte.
func TestUseBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<defs><rect id="l0" width="1" height="1"/>`)
	for l := 1; l <= 7; l++ {
		fmt.Fprintf(&b, `<g id="l%d">`, l)
		for k := 0; k < 10; k++ {
			fmt.Fprintf(&b, `<use xlink:href="#l%d" x="%d"/>`, l-1, k)
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</defs><use xlink:href="#l7"/>`)
	start := time.Now()
	_, err := Read(strings.NewReader(svgDoc(``, b.String())), ReadOptions{Name: "bomb.svg"})
	if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "bomb.svg") {
		t.Fatalf("error %v, want ErrLimit naming the file", err)
	}
	if d := time.Since(start); d > 30*time.Second { // 1.5 s of CPU on a shared 2-core machine
		t.Errorf("refused after %v", d)
	}
	t.Logf("%v in %v", err, time.Since(start))
}

// TestSVGZ: a gzipped document reads as the plain one.
func TestSVGZ(t *testing.T) {
	plain := svgDoc(`width="10mm" height="10mm" viewBox="0 0 10 10"`, `<rect id="r" width="4" height="3"/>`)
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write([]byte(plain))
	w.Close()
	doc, err := Read(&z, ReadOptions{})
	if err != nil || len(doc.Shapes) != 1 || doc.Shapes[0].ID != "r" {
		t.Fatalf("svgz: %v %+v", err, doc)
	}
	if _, err := Read(bytes.NewReader([]byte{0x1f, 0x8b, 1, 2, 3}), ReadOptions{Name: "bad.svgz"}); !errors.Is(err, ErrSyntax) {
		t.Errorf("broken gzip: %v", err)
	}
}

// TestPathLimits: a path of 2 million segments and a document flattening to
// more than MaxPoints are refused with ErrLimit, quickly.
func TestPathLimits(t *testing.T) {
	start := time.Now()
	d := "M0,0" + strings.Repeat(" l1,0", 2000000)
	_, err := Read(strings.NewReader(svgDoc(``, `<path d="`+d+`"/>`)), ReadOptions{Name: "long.svg"})
	if !errors.Is(err, ErrLimit) {
		t.Errorf("2M segments: %v", err)
	}
	// 1,100 circles of 10,000 chords each (radius 1 km at 0.02 mm)
	circles := strings.Repeat(`<circle r="1000000" cx="0" cy="0"/>`, 1100)
	_, err = Read(strings.NewReader(svgDoc(`width="10mm" height="10mm" viewBox="0 0 10 10"`, circles)), ReadOptions{Name: "big.svg"})
	if !errors.Is(err, ErrLimit) {
		t.Errorf("11M points: %v", err)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("refused after %v", d)
	}
	t.Logf("both refused in %v", time.Since(start))
}
