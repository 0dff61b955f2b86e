package pes

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/stitch"
)

type readback struct {
	Threads []struct {
		Color         string  `json:"color"`
		Description   string  `json:"description"`
		CatalogNumber *string `json:"catalog_number"`
		Brand         *string `json:"brand"`
	} `json:"threads"`
	Stitches [][3]any `json:"stitches"`
}

// TestGoldenReadback decodes Ink/Stitch's PES files and compares with what
// Ink/Stitch's reader (pystitch) reads from them: every record, in 0.1 mm,
// and the threads (palette threads for v1, exact RGB and names for v6).
func TestGoldenReadback(t *testing.T) {
	dir := filepath.Join(corpus.Dir(t), "pes", "golden")
	files, _ := filepath.Glob(filepath.Join(dir, "*.pes"))
	if len(files) == 0 {
		t.Fatal("no golden PES files")
	}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".pes")
		t.Run(base, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, base+".readback.json"))
			if err != nil {
				t.Skip("no readback")
			}
			var rb readback
			if err := json.Unmarshal(raw, &rb); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			// pystitch reads the stitch that ends a run of jumps as a
			// stitch from the last jump; we read the move as a jump (the
			// needle is up while the frame moves) then a stitch there.
			var want, got []string
			for i, s := range rb.Stitches {
				if i > 0 && s[2] == "STITCH" && rb.Stitches[i-1][2] == "JUMP" &&
					(s[0] != rb.Stitches[i-1][0] || s[1] != rb.Stitches[i-1][1]) {
					want = append(want, fmt.Sprintf("%v %v JUMP", s[0], s[1]))
				}
				want = append(want, fmt.Sprintf("%v %v %v", s[0], s[1], s[2]))
			}
			for _, r := range p.Records {
				got = append(got, fmt.Sprintf("%d %d %s", int(math.Round(r.X*10)), int(math.Round(r.Y*10)), r.Cmd))
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("records (-pystitch +ours):\n%s", d)
			}
			var wt, gt []string
			for _, th := range rb.Threads {
				cat, brand := "", ""
				if th.CatalogNumber != nil {
					cat = *th.CatalogNumber
				}
				if th.Brand != nil {
					brand = *th.Brand
				}
				wt = append(wt, fmt.Sprintf("%s %s %s %s", th.Color, th.Description, cat, brand))
			}
			for _, th := range p.Threads {
				gt = append(gt, fmt.Sprintf("#%02x%02x%02x %s %s %s", th.Color.R, th.Color.G, th.Color.B, th.Description, th.Catalog, th.Brand))
			}
			if d := cmp.Diff(wt, gt); d != "" {
				t.Errorf("threads (-pystitch +ours):\n%s", d)
			}
		})
	}
}

// analysisRow is one line of corpus/pes/samples/ANALYSIS.tsv.
type analysisRow map[string]string

func readAnalysis(t *testing.T) (dir string, rows []analysisRow) {
	t.Helper()
	dir = filepath.Join(corpus.Dir(t), "pes", "samples")
	f, err := os.Open(filepath.Join(dir, "ANALYSIS.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var head []string
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if head == nil {
			head = cols
			continue
		}
		row := analysisRow{}
		for i, c := range cols {
			if i < len(head) {
				row[head[i]] = c
			}
		}
		rows = append(rows, row)
	}
	return dir, rows
}

func (r analysisRow) int(t *testing.T, k string) int {
	v, err := strconv.Atoi(r[k])
	if err != nil {
		t.Fatalf("ANALYSIS.tsv %s: %s=%q", r["file"], k, r[k])
	}
	return v
}

// TestSamplesAnalysis decodes every PES of corpus/pes/samples (PE-Design
// v1–v6, Embroidermodder, PEmbroider) and checks the counts that
// ANALYSIS.tsv gives for it (an independent PEC decoder and pystitch).
func TestSamplesAnalysis(t *testing.T) {
	dir, rows := readAnalysis(t)
	for _, row := range rows {
		t.Run(row["file"], func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, row["file"]))
			if err != nil {
				t.Fatal(err)
			}
			p, info, err := DecodeInfo(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if info.Signature != row["signature"] || info.PECOffset != row.int(t, "pec_offset") {
				t.Errorf("signature %s at %d, want %s at %s", info.Signature, info.PECOffset, row["signature"], row["pec_offset"])
			}
			if info.Label != strings.TrimSpace(row["label"]) {
				t.Errorf("label %q, want %q", info.Label, row["label"])
			}
			var c struct{ stitch, jump, trim, cc, end int }
			for i, r := range p.Records {
				switch r.Cmd {
				case stitch.Stitch:
					c.stitch++
				case stitch.Jump:
					if i == 0 || p.Records[i-1].Cmd != stitch.Trim {
						c.jump++
					}
				case stitch.Trim:
					c.trim++
				case stitch.ColorChange:
					c.cc++
				case stitch.End:
					c.end++
				}
			}
			// Decode reads a stitch record that moves after a jump or a
			// colour change as a Jump there then a Stitch (pystitch reads
			// one stitch): those jumps are the records beyond pystitch's.
			moves := 0
			if row.int(t, "n_colours") > 0 {
				moves = len(p.Records) - row.int(t, "pystitch_records")
			}
			if moves < 0 {
				t.Errorf("%d records, fewer than the %d pystitch reads", len(p.Records), row.int(t, "pystitch_records"))
			}
			want := struct{ stitch, jump, trim, cc, end int }{
				row.int(t, "stitch"), row.int(t, "flag_0x10_jump") + moves,
				row.int(t, "flag_0x20_trim") + row.int(t, "flag_both"), row.int(t, "colour_changes"), 0,
			}
			if row.int(t, "records") > 0 {
				want.end = 1
			}
			if c != want {
				t.Errorf("stitch/jump/trim/colour-change/end counts %+v, want %+v", c, want)
			}
			if n := row.int(t, "n_colours"); len(p.Threads) != n {
				t.Errorf("%d threads, want %d", len(p.Threads), n)
			}
			if row.int(t, "n_colours") == 0 {
				return // pystitch reads thumbnail bytes of empty designs as stitches
			}
			var minX, minY, maxX, maxY float64
			for i, r := range p.Records {
				if i == 0 {
					minX, minY, maxX, maxY = r.X, r.Y, r.X, r.Y
				}
				minX, minY = math.Min(minX, r.X), math.Min(minY, r.Y)
				maxX, maxY = math.Max(maxX, r.X), math.Max(maxY, r.Y)
			}
			gotB := fmt.Sprintf("%.1f,%.1f..%.1f,%.1f", minX, minY, maxX, maxY)
			if gotB != row["pystitch_bounds_mm"] {
				t.Errorf("bounds %s, pystitch %s", gotB, row["pystitch_bounds_mm"])
			}
			s := stitch.Measure(p)
			if got := fmt.Sprintf("%.1f", s.LongestStitch); got != row["max_stitch_mm"] {
				t.Logf("longest stitch %s mm, ANALYSIS %s", got, row["max_stitch_mm"])
			}
		})
	}
}

// TestSampleThreadsFromPES: files with a PES thread list (v5 and later)
// keep its colours and names; each colour block gets the listed thread of
// its PEC palette index.
func TestSampleThreadsFromPES(t *testing.T) {
	dir := filepath.Join(corpus.Dir(t), "pes", "samples")
	tests := []struct {
		file     string
		fromPES  bool
		catalogs string
		colors   string
	}{
		{"libpes/complex-v6.pes", true, "900 086 900 086 900 086 900 509 205 509 205 900",
			"#000000 #f64a8a #000000 #f64a8a #000000 #f64a8a #000000 #66ba49 #ffff00 #66ba49 #ffff00 #000000"},
		{"libpes/complex-v1.pes", false, "20 25 20 25 20 25 20 37 13 37 13 20",
			"#000000 #f64a8a #000000 #f64a8a #000000 #f64a8a #000000 #66ba49 #ffff00 #66ba49 #ffff00 #000000"},
		{"embroidermodder/Star.pes", true, "800 001", "#ed171f #f0f0f0"},
		{"embroidermodder/shamrockin.pes", false, "14", "#70bc1f"}, // #PES0111: no thread list read
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join(dir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		p, info, err := DecodeInfo(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		var cats, cols []string
		for _, th := range p.Threads {
			cats = append(cats, th.Catalog)
			cols = append(cols, fmt.Sprintf("#%02x%02x%02x", th.Color.R, th.Color.G, th.Color.B))
		}
		if info.ThreadsFromPES != tt.fromPES || strings.Join(cats, " ") != tt.catalogs || strings.Join(cols, " ") != tt.colors {
			t.Errorf("%s: from PES %v, catalogs %v, colours %v", tt.file, info.ThreadsFromPES, cats, cols)
		}
	}
}
