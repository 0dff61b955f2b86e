package slice

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
)

// zShifts pairs two G-codes line by line (they must have as many lines) and
// returns how the Z of each differing line moved and the Z moves that did
// not change; any other difference is an error. Comments ("; ...", the
// date, the settings) and M73 progress lines are left out.
func zShifts(t *testing.T, a, b string) (shifts []float64, unchanged []string) {
	t.Helper()
	// M73 progress lines move with the time the longer Z moves take
	noM73 := func(s string) []string {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.HasPrefix(l, "M73 ") {
				out = append(out, l)
			}
		}
		return out
	}
	la, lb := noM73(a), noM73(b)
	if len(la) != len(lb) {
		t.Fatalf("%d lines and %d", len(la), len(lb))
	}
	zOf := func(l string) (float64, string, bool) {
		f := strings.Fields(l)
		rest := []string{}
		z, ok := 0.0, false
		for _, w := range f {
			if strings.HasPrefix(w, "Z") && f[0] == "G1" {
				v, err := strconv.ParseFloat(w[1:], 64)
				if err == nil {
					z, ok = v, true
					continue
				}
			}
			rest = append(rest, w)
		}
		return z, strings.Join(rest, " "), ok
	}
	for i := 1; i < len(la); i++ {
		if strings.HasPrefix(la[i], "; ") {
			continue
		}
		za, ra, oka := zOf(la[i])
		zb, rb, okb := zOf(lb[i])
		switch {
		case la[i] == lb[i]:
			if oka {
				unchanged = append(unchanged, la[i])
			}
		case oka && okb && ra == rb:
			shifts = append(shifts, zb-za)
		default:
			t.Errorf("line %d: %q became %q", i+1, la[i], lb[i])
			shifts = append(shifts, math.NaN())
		}
	}
	return shifts, unchanged
}

// TestZOffsetAsPrusaSlicer: z_offset = 0.15 raises every Z move of the
// print, the end's lifts included, by 0.15 mm and changes nothing else, as
// PrusaSlicer 2.5 does; in both the purge line's Z stays.
func TestZOffsetAsPrusaSlicer(t *testing.T) {
	src := corpus.Path(t, "stl/cube20_scad.stl")
	dir := t.TempDir()
	data, err := os.ReadFile(corpus.Path(t, "profiles/mk3s_pla.ini"))
	if err != nil {
		t.Fatal(err)
	}
	ini := filepath.Join(dir, "zoffset.ini")
	os.WriteFile(ini, bytes.Replace(data, []byte("\nz_offset = 0\n"), []byte("\nz_offset = 0.15\n"), 1), 0o644)
	p0, ok := corpus.PrusaSlicer(t, corpus.Path(t, "profiles/mk3s_pla.ini"), src)
	if !ok {
		t.Skip("prusa-slicer not installed")
	}
	p1, _ := corpus.PrusaSlicer(t, ini, src)
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	f, err := os.Open(ini)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _, err := ReadINI(f, Default())
	f.Close()
	if err != nil || cfg.ZOffset != 0.15 {
		t.Fatalf("z_offset read as %g: %v", cfg.ZOffset, err)
	}
	// the stock profile as read (its per-layer custom G-code included),
	// without the offset
	cfg0, _, err := ReadINI(bytes.NewReader(data), Default())
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if _, err := File(context.Background(), src, &a, cfg0, RunOptions{Name: "cube"}); err != nil {
		t.Fatal(err)
	}
	if _, err := File(context.Background(), src, &b, cfg, RunOptions{Name: "cube"}); err != nil {
		t.Fatal(err)
	}
	for _, pair := range []struct {
		who  string
		a, b string
	}{{"PrusaSlicer", read(p0), read(p1)}, {"usinette", a.String(), b.String()}} {
		shifts, unchanged := zShifts(t, pair.a, pair.b)
		for _, d := range shifts {
			if math.Abs(d-0.15) > 1e-9 {
				t.Errorf("%s: a Z moved by %g", pair.who, d)
				break
			}
		}
		t.Logf("%s: %d Z moves raised by 0.15, unchanged: %q", pair.who, len(shifts), unchanged)
		if len(shifts) < 100 || len(unchanged) != 1 || strings.Replace(unchanged[0], "Z0.", "Z.", 1) != "G1 Z.2 F720" {
			t.Errorf("%s: %d Z moves raised; unchanged %q (want the purge line's only)", pair.who, len(shifts), unchanged)
		}
	}
}
