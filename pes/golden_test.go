package pes

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/stitch"
)

// goldenNames lists the stitch lists of corpus/pes/golden that have
// Ink/Stitch PES files beside them.
func goldenNames(t *testing.T) (dir string, names []string) {
	t.Helper()
	dir = filepath.Join(corpus.Dir(t), "pes", "golden")
	m, err := filepath.Glob(filepath.Join(dir, "*.inkstitch.v1.pes"))
	if err != nil || len(m) == 0 {
		t.Fatalf("no golden PES files in %s", dir)
	}
	for _, f := range m {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".inkstitch.v1.pes"))
	}
	return dir, names
}

func readGoldenJSON(t *testing.T, path string) (*stitch.Pattern, stitch.JSONMeta) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, meta, err := stitch.ReadJSONMeta(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return p, meta
}

// pecLayout returns the PEC offset and the range of the stitch stream
// (PEC+0x210 up to the thumbnails) of a PES file.
func pecLayout(t *testing.T, b []byte) (pec, start, end int) {
	t.Helper()
	pec = int(binary.LittleEndian.Uint32(b[8:12]))
	off := int(b[pec+0x202]) | int(b[pec+0x203])<<8 | int(b[pec+0x204])<<16
	return pec, pec + 0x210, pec + 0x200 + off
}

// diffRanges describes where two byte strings differ, as offset ranges.
func diffRanges(a, b []byte) string {
	var parts []string
	n := max(len(a), len(b))
	for i := 0; i < n; {
		if i < len(a) && i < len(b) && a[i] == b[i] {
			i++
			continue
		}
		j := i
		for j < n && !(j < len(a) && j < len(b) && a[j] == b[j]) {
			j++
		}
		parts = append(parts, fmt.Sprintf("[%#x,%#x)", i, j))
		if len(parts) > 8 {
			parts = append(parts, "...")
			break
		}
		i = j
	}
	if len(parts) == 0 {
		return "identical"
	}
	return strings.Join(parts, " ")
}

// TestGoldenPECStitches checks our PEC stitch stream, colour table and
// thumbnails against Ink/Stitch's (pystitch 1.0.1) files for the same stitch
// lists, with Ink/Stitch's settings: no stitch-length limit, the 130 × 180
// hoop.
func TestGoldenPECStitches(t *testing.T) {
	dir, names := goldenNames(t)
	for _, name := range names {
		p, meta := readGoldenJSON(t, filepath.Join(dir, name+".json"))
		for _, v := range []int{1, 6} {
			t.Run(fmt.Sprintf("%s/v%d", name, v), func(t *testing.T) {
				want, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("%s.inkstitch.v%d.pes", name, v)))
				if err != nil {
					t.Fatal(err)
				}
				var got bytes.Buffer
				opts := EncodeOptions{Version: v, Name: meta.Name, MaxStitch: -1, Hoop: stitch.Hoop130x180()}
				if err := Encode(&got, p, opts); err != nil {
					t.Fatal(err)
				}
				g := got.Bytes()
				gp, gs, ge := pecLayout(t, g)
				wp, ws, we := pecLayout(t, want)
				if !bytes.Equal(g[gs:ge], want[ws:we]) {
					t.Errorf("PEC stitch bytes differ at %s\n got %x\nwant %x", diffRanges(g[gs:ge], want[ws:we]), g[gs:ge], want[ws:we])
				}
				if !bytes.Equal(g[gp:gs], want[wp:ws]) {
					t.Errorf("PEC header differs at %s", diffRanges(g[gp:gs], want[wp:ws]))
				}
				nthumb := (int(want[wp+0x30]) + 2) * thumbBytes
				if ge+nthumb > len(g) || !bytes.Equal(g[ge:ge+nthumb], want[we:we+nthumb]) {
					t.Errorf("thumbnails differ at %s", diffRanges(g[ge:min(len(g), ge+nthumb)], want[we:we+nthumb]))
				}
				if !bytes.Equal(g[ge+nthumb:], want[we+nthumb:]) {
					t.Errorf("after thumbnails differ at %s", diffRanges(g[ge+nthumb:], want[we+nthumb:]))
				}
				// The PES part: v1 is byte-identical; v6 differs only in
				// the hoop fields, where Ink/Stitch writes a 100 x 100 hoop
				// and page section (and 130 x 180 in the hoop indicator and
				// design position) while we write the hoop we were given.
				if v == 1 {
					if !bytes.Equal(g, want) {
						t.Errorf("v1 file differs at %s", diffRanges(g, want))
					}
				} else {
					fields := 12 + 4 + 1 + len(meta.Name) + 4 // optimizeHoopChange ... 18 int16
					for i := range min(gp, wp) {
						if g[i] != want[i] && (i < fields || i >= fields+36) {
							t.Errorf("v6 PES part differs outside the hoop fields at %#x: %s", i, diffRanges(g[:gp], want[:wp]))
							break
						}
					}
				}
				t.Logf("PES part (0..PEC): %s", diffRanges(g[:gp], want[:wp]))
			})
		}
	}
}

// TestGoldenDefaults encodes the golden stitch lists with usinette's
// defaults (870SE 260 x 160 hoop, stitches split at 12.1 mm). The PEC
// stitch stream stays Ink/Stitch's wherever no stitch is longer than
// 12.1 mm; the PES part differs only in the design position (CEmbOne
// translation, centred in the 260 x 160 hoop) and, in v6, the hoop fields.
func TestGoldenDefaults(t *testing.T) {
	dir, names := goldenNames(t)
	longStitches := map[string]bool{"encoding_edges": true, "long_stitch_split": true}
	for _, name := range names {
		p, meta := readGoldenJSON(t, filepath.Join(dir, name+".json"))
		want, err := os.ReadFile(filepath.Join(dir, name+".inkstitch.v1.pes"))
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := Encode(&got, p, EncodeOptions{Name: meta.Name}); err != nil {
			t.Fatal(err)
		}
		g := got.Bytes()
		_, gs, ge := pecLayout(t, g)
		_, ws, we := pecLayout(t, want)
		same := bytes.Equal(g[gs:ge], want[ws:we])
		if same == longStitches[name] {
			t.Errorf("%s: PEC stitches equal to Ink/Stitch's: %v, want %v", name, same, !longStitches[name])
		}
		t.Logf("%s: PEC stitches %s; whole file %s", name, diffRanges(g[gs:ge], want[ws:we]), diffRanges(g, want))
	}
}
