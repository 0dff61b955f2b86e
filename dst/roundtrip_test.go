package dst_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/dst"
	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/pes"
	"github.com/usinette/usinette/stitch"
)

type pt struct{ x, y int }

func grid(r stitch.Record) pt {
	return pt{int(math.Round(r.X * 10)), int(math.Round(r.Y * 10))}
}

// onSegment reports whether p lies within 0.1 mm of the segment a-b.
func onSegment(p, a, b pt) bool {
	dx, dy := float64(b.x-a.x), float64(b.y-a.y)
	px, py := float64(p.x-a.x), float64(p.y-a.y)
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, (px*dx+py*dy)/l2))
	}
	return math.Hypot(px-t*dx, py-t*dy) <= 1.0
}

// TestSamplesPESDSTPES converts every sample PES to DST and back to PES and
// checks that every needle position is kept to 0.1 mm, in order. The only
// new positions are the points where long stitches were split (on the
// original stitch) and needle-downs at jump landings.
func TestSamplesPESDSTPES(t *testing.T) {
	dir := filepath.Join(corpus.Dir(t), "pes", "samples")
	var files []string
	for _, pat := range []string{"*/*.pes", "*/*.PES"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no sample PES files")
	}
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p0, err := pes.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			var d bytes.Buffer
			if err := dst.Encode(&d, p0, dst.EncodeOptions{Label: strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))}); err != nil {
				t.Fatal(err)
			}
			p1, err := dst.Decode(bytes.NewReader(d.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			var e bytes.Buffer
			if err := pes.Encode(&e, p1, pes.EncodeOptions{}); err != nil {
				t.Fatal(err)
			}
			p2, err := pes.Decode(bytes.NewReader(e.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			s0, s2 := stitch.Measure(p0), stitch.Measure(p2)
			if s0.ColorChanges != s2.ColorChanges {
				t.Errorf("colour changes %d -> %d", s0.ColorChanges, s2.ColorChanges)
			}
			if s2.LongestStitch > stitch.DefaultMaxStitch+0.05 {
				t.Errorf("longest stitch after conversion %.2f mm", s2.LongestStitch)
			}
			var orig []pt
			landings := map[pt]bool{}
			for _, r := range p0.Records {
				switch r.Cmd {
				case stitch.Stitch:
					if q := grid(r); len(orig) == 0 || orig[len(orig)-1] != q {
						orig = append(orig, q)
					}
				case stitch.Jump:
					landings[grid(r)] = true
				}
			}
			k, extra := 0, 0
			for _, r := range p2.Records {
				if r.Cmd != stitch.Stitch {
					continue
				}
				q := grid(r)
				switch {
				case k < len(orig) && q == orig[k]:
					k++
				case k > 0 && q == orig[k-1]:
				case k > 0 && k < len(orig) && onSegment(q, orig[k-1], orig[k]):
					extra++
				case landings[q]:
					extra++
				default:
					t.Fatalf("stitch at %v is not an original position (next original %d/%d at %v)", q, k, len(orig), orig[min(k, len(orig)-1)])
				}
			}
			if k != len(orig) {
				t.Fatalf("only %d of %d original needle positions found in order", k, len(orig))
			}
			t.Logf("%d positions kept, %d added (long stitches split, needle-downs); %d -> %d bytes DST -> %d bytes PES", len(orig), extra, len(data), d.Len(), e.Len())
		})
	}
}
