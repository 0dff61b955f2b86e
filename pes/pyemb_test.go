package pes

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/usinette/usinette/dst"
	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/stitch"
)

// pyembroideryScript is the reader that runs the vendored pyembroidery
// (testdata/pyembroidery, MIT): an independent decoder of PES and DST.
const pyembroideryScript = "testdata/pyembroidery/read_pattern.py"

// pyRead is pyembroidery's reading of a file: records in millimetres (y
// down, as pyembroidery and usinette keep them) and thread colours.
type pyRead struct {
	Records []stitch.Record
	Threads []string
}

// pyCache keeps pyembroidery's readings of the files that do not change
// during the tests (python takes a while to start).
var pyCache = map[string]pyRead{}

// pyembroideryRead decodes files with pyembroidery, in one run. It skips
// the test when python3 is absent, unless USINETTE_ORACLES_REQUIRED=1 (CI).
func pyembroideryRead(t *testing.T, files ...string) map[string]pyRead {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("USINETTE_ORACLES_REQUIRED") == "1" {
			t.Fatalf("python3 required for the pyembroidery cross-check: %v", err)
		}
		t.Skipf("python3 not found (%v): the pyembroidery cross-check needs it", err)
	}
	reads := make(map[string]pyRead, len(files))
	var todo []string
	for _, f := range files {
		if r, ok := pyCache[f]; ok {
			reads[f] = r
		} else {
			todo = append(todo, f)
		}
	}
	if len(todo) == 0 {
		return reads
	}
	cmd := exec.Command(py, append([]string{pyembroideryScript}, todo...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1") // no __pycache__ in testdata
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pyembroidery: %v\n%s", err, stderr.String())
	}
	var raw map[string]struct {
		Stitches [][3]any `json:"stitches"`
		Threads  []string `json:"threads"`
	}
	if err := json.Unmarshal(out, &raw); err != nil {
		t.Fatalf("pyembroidery output: %v", err)
	}
	for path, pr := range raw {
		r := pyRead{Threads: pr.Threads}
		for i, s := range pr.Stitches {
			x, okx := s[0].(float64)
			y, oky := s[1].(float64)
			name, okc := s[2].(string)
			c, err := stitch.ParseCommand(name)
			if !okx || !oky || !okc || err != nil {
				t.Fatalf("pyembroidery record %d of %s: %v", i, path, s)
			}
			r.Records = append(r.Records, stitch.Record{X: x / 10, Y: y / 10, Cmd: c})
		}
		reads[path] = r
		if !strings.HasPrefix(path, os.TempDir()) {
			pyCache[path] = r
		}
	}
	for _, f := range files {
		if _, ok := reads[f]; !ok {
			t.Fatalf("pyembroidery did not read %s", f)
		}
	}
	return reads
}

// fromPEC drops the move that pyembroidery reads from the 4 bytes that
// start every PEC stitch stream (corner to origin) and places the records
// where Decode does: at the origin the stream starts from.
func (r pyRead) fromPEC(t *testing.T) []stitch.Record {
	t.Helper()
	if len(r.Records) == 0 || r.Records[0].Cmd != stitch.Jump {
		return r.Records
	}
	dx, dy := r.Records[0].X, r.Records[0].Y
	out := make([]stitch.Record, 0, len(r.Records)-1)
	for _, rec := range r.Records[1:] {
		out = append(out, stitch.Record{X: rec.X - dx, Y: rec.Y - dy, Cmd: rec.Cmd})
	}
	return out
}

// machineTokens describes records as a machine sews them, so that two
// readings can be compared: each needle-down with its position in 0.1 mm,
// trims (one per run of trims, none before the first needle-down), colour
// changes, stops, the end, and with jumps, each run of jumps as one move to
// where it ends. A stitch record that ends a run of jumps or follows a
// colour change moves the frame with the needle up and ends the run (after
// a stop the thread goes on); runs that come back to where they started are
// left out (pyembroidery drops them).
//
// Without jumps the tokens are what the thread does: where the needle goes
// down and where it is cut. That is what can be compared with
// pyembroidery's DST reading, which drops a run of jumps that comes back to
// its start before a stitch record that moves (we read that move as a jump:
// the needle is up) and reads a stitch that moves after a trim as a stitch.
func machineTokens(recs []stitch.Record, jumps bool) []string {
	var out []string
	var px, py, jx, jy int
	jumping := false
	flush := func() {
		if jumping && jumps && (jx != px || jy != py) {
			out = append(out, fmt.Sprintf("J %d %d", jx, jy))
		}
		if jumping {
			px, py = jx, jy
		}
		jumping = false
	}
	needleUp, sewn := false, false
	for _, r := range recs {
		x, y := int(math.Round(r.X*10)), int(math.Round(r.Y*10))
		switch r.Cmd {
		case stitch.Jump:
			jumping, jx, jy = true, x, y
			continue
		case stitch.Stitch:
			if needleUp && (x != px || y != py) && !jumping {
				jumping, jx, jy = true, x, y
			}
			if jumping {
				jx, jy = x, y
			}
		}
		flush()
		switch r.Cmd {
		case stitch.Stitch:
			out = append(out, fmt.Sprintf("S %d %d", x, y))
			sewn = true
		case stitch.Trim:
			// Nothing to cut before the first needle-down.
			if sewn && out[len(out)-1] != "T" {
				out = append(out, "T")
			}
		default:
			out = append(out, r.Cmd.String())
		}
		needleUp = r.Cmd == stitch.ColorChange // a stop keeps the thread
		px, py = x, y
	}
	flush()
	// A trim right after a colour change or a stop cuts between the same
	// two needle-downs as one right before it (our PES writer flags the
	// jump after a colour change as a trim when a trim came before it, as
	// Ink/Stitch does): write it before.
	for i := 1; i < len(out); i++ {
		if out[i] == "T" && (out[i-1] == stitch.ColorChange.String() || out[i-1] == stitch.Stop.String()) {
			out[i-1], out[i] = out[i], out[i-1]
			if i >= 2 && out[i-2] == "T" {
				out = append(out[:i-1], out[i:]...)
			}
		}
	}
	return out
}

// jumpRuns counts the runs of jumps (a jump after anything else).
func jumpRuns(recs []stitch.Record) int {
	n := 0
	for i, r := range recs {
		if r.Cmd == stitch.Jump && (i == 0 || recs[i-1].Cmd != stitch.Jump) {
			n++
		}
	}
	return n
}

// figures are what the cross-check compares between two readings.
type figures struct {
	NeedleDowns  int     // Stitch records
	LongestSewn  float64 // longest distance between two consecutive Stitch records, mm
	ColorChanges int
	Stops        int
	Trims        int
	Jumps        int
}

func measureFigures(recs []stitch.Record) figures {
	var f figures
	for i, r := range recs {
		switch r.Cmd {
		case stitch.Stitch:
			f.NeedleDowns++
			if i > 0 && recs[i-1].Cmd == stitch.Stitch {
				f.LongestSewn = math.Max(f.LongestSewn, math.Hypot(r.X-recs[i-1].X, r.Y-recs[i-1].Y))
			}
		case stitch.ColorChange:
			f.ColorChanges++
		case stitch.Stop:
			f.Stops++
		case stitch.Trim:
			f.Trims++
		case stitch.Jump:
			f.Jumps++
		}
	}
	return f
}

// pesFiles are the third-party PES files of the cross-check: the ones in
// testdata/thirdparty and those of the shared corpus (when present).
func pesFiles(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("testdata/thirdparty/*.pes")
	if len(files) == 0 {
		t.Fatal("no PES files in testdata/thirdparty")
	}
	if dir, err := corpus.Find(); err == nil {
		m, _ := filepath.Glob(filepath.Join(dir, "pes", "samples", "*", "*.pes"))
		files = append(files, m...)
	} else {
		t.Logf("shared corpus absent (%v): only testdata/thirdparty", err)
	}
	return files
}

func shortName(path string) string {
	return filepath.Base(filepath.Dir(path)) + "/" + filepath.Base(path)
}

// pyThreadsDiffer lists the files whose threads pyembroidery reads
// otherwise than we do, and why (checked by hand). For them the colours are
// not compared and a stop counts as a colour change.
var pyThreadsDiffer = map[string]string{
	"libpes/complex-v6.pes": "pyembroidery gives the PES thread list to the colour blocks in list order; " +
		"the blocks' PEC palette indices pick them (complex-v1.pes, the same design in v1, has our colours)",
	"pembroider/pes_v6_trunc.pes": "its PES header has no thread list (the PEC section starts at 0x8b); " +
		"pyembroidery reads one from the PEC bytes after it and makes stops of repeated garbage colours",
}

// stopsAsChanges returns records with every Stop made a ColorChange.
func stopsAsChanges(recs []stitch.Record) []stitch.Record {
	out := append([]stitch.Record(nil), recs...)
	for i := range out {
		if out[i].Cmd == stitch.Stop {
			out[i].Cmd = stitch.ColorChange
		}
	}
	return out
}

// TestPyembroideryReadsAsWe decodes third-party PES files with Decode and
// with pyembroidery: the same needle-downs at the same places (0.1 mm), the
// same jumps, trims, colour changes and stops in the same order, the same
// thread colours.
func TestPyembroideryReadsAsWe(t *testing.T) {
	files := pesFiles(t)
	reads := pyembroideryRead(t, files...)
	for _, f := range files {
		t.Run(shortName(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			py := reads[f]
			if len(p.Records) == 0 {
				return // empty design: pyembroidery reads thumbnail bytes as stitches
			}
			theirs, ours := py.fromPEC(t), p.Records
			why, differ := pyThreadsDiffer[shortName(f)]
			if differ {
				t.Logf("threads not compared: %s", why)
				theirs, ours = stopsAsChanges(theirs), stopsAsChanges(ours)
			}
			want, got := machineTokens(theirs, true), machineTokens(ours, true)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("records (-pyembroidery +ours):\n%s", d)
			}
			var threads []string
			for _, th := range p.Threads {
				threads = append(threads, fmt.Sprintf("#%02x%02x%02x", th.Color.R, th.Color.G, th.Color.B))
			}
			if !differ && !strings.EqualFold(strings.Join(threads, " "), strings.Join(py.Threads, " ")) {
				t.Errorf("threads %v, pyembroidery %v", threads, py.Threads)
			}
			t.Logf("ours: %+v longest (info) %.2f; pyembroidery: %+v",
				measureFigures(p.Records), stitch.Measure(p).LongestStitch, measureFigures(py.fromPEC(t)))
		})
	}
}

// dstFiles are the third-party DST files of the cross-check: those of
// dst/testdata/thirdparty, and the shared corpus's when present (PE-Design
// era samples, PEmbroider, and DSTs pyembroidery wrote).
func dstFiles(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("../dst/testdata/thirdparty/*.dst")
	if len(files) == 0 {
		t.Fatal("no DST files in ../dst/testdata/thirdparty")
	}
	if dir, err := corpus.Find(); err == nil {
		m, _ := filepath.Glob(filepath.Join(dir, "pes", "samples", "*", "*.dst"))
		g, _ := filepath.Glob(filepath.Join(dir, "pes", "golden", "*.dst"))
		files = append(append(files, m...), g...)
	} else {
		t.Logf("shared corpus absent (%v): only ../dst/testdata/thirdparty", err)
	}
	return files
}

func decodeDSTFile(t *testing.T, path string) *stitch.Pattern {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := dst.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return p
}

// TestPyembroideryReadsDSTAsWe decodes third-party DST files with
// dst.Decode and with pyembroidery: the same needle-downs at the same
// places, the same jumps, trims and colour changes in the same order. The
// figures (ours, and what `info` calls the longest stitch) are logged.
func TestPyembroideryReadsDSTAsWe(t *testing.T) {
	files := dstFiles(t)
	reads := pyembroideryRead(t, files...)
	for _, f := range files {
		t.Run(shortName(f), func(t *testing.T) {
			p := decodeDSTFile(t, f)
			py := reads[f]
			if d := cmp.Diff(machineTokens(py.Records, false), machineTokens(p.Records, false)); d != "" {
				t.Errorf("needle-downs and trims (-pyembroidery +ours):\n%s", d)
			}
			// Every run of jumps pyembroidery keeps is one of ours.
			if a, b := jumpRuns(py.Records), jumpRuns(p.Records); b < a {
				t.Errorf("%d runs of jumps, pyembroidery reads %d", b, a)
			}
			ours, theirs := measureFigures(p.Records), measureFigures(py.Records)
			if info := stitch.Measure(p).LongestStitch; info > theirs.LongestSewn+1e-9 {
				t.Errorf("longest stitch %.2f mm, pyembroidery sews at most %.2f", info, theirs.LongestSewn)
			}
			t.Logf("ours: %+v longest (info) %.2f; pyembroidery: %+v", ours, stitch.Measure(p).LongestStitch, theirs)
		})
	}
}

// writeTemp writes data to name in a test's temporary folder.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDSTToPESAsPyembroideryReads converts third-party DST files to PES as
// `usinette convert` does (Decode, then Encode with the default options)
// and reads the PES back with pyembroidery: no sewn stitch longer than the
// longest pyembroidery reads from the DST, the DST's needle-downs at the
// same places and no other ones but the points that split a DST stitch
// longer than stitch.DefaultMaxStitch (12.1 mm: a DST stitch can be up to
// 17.1 mm long), the same trims and colour changes.
func TestDSTToPESAsPyembroideryReads(t *testing.T) {
	files := dstFiles(t)
	reads := pyembroideryRead(t, files...)
	var pesFiles []string
	made := map[string]string{}
	for i, f := range files {
		var b bytes.Buffer
		if err := Encode(&b, decodeDSTFile(t, f), EncodeOptions{}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out := writeTemp(t, fmt.Sprintf("%d.pes", i), b.Bytes())
		made[f] = out
		pesFiles = append(pesFiles, out)
	}
	pesReads := pyembroideryRead(t, pesFiles...)
	for _, f := range files {
		t.Run(shortName(f), func(t *testing.T) {
			src, conv := reads[f].Records, pesReads[made[f]].fromPEC(t)
			a, b := measureFigures(src), measureFigures(conv)
			if b.LongestSewn > a.LongestSewn+1e-9 {
				t.Errorf("PES sews a %.2f mm stitch; the DST's longest is %.2f mm", b.LongestSewn, a.LongestSewn)
			}
			split, err := splitPoints(machineTokens(src, false), machineTokens(conv, false), stitch.DefaultMaxStitch)
			if err != nil {
				t.Errorf("DST and PES, both read by pyembroidery: %v", err)
			}
			if b.NeedleDowns != a.NeedleDowns+split {
				t.Errorf("PES has %d needle-downs, the DST %d and %d split points", b.NeedleDowns, a.NeedleDowns, split)
			}
			t.Logf("DST: %+v; PES: %+v; %d needle-downs split DST stitches over %.1f mm", a, b, split, stitch.DefaultMaxStitch)
		})
	}
}

// splitPoints checks that got holds the tokens of want, in order, and
// besides them only needle-downs that split a stitch of want longer than
// maxStitch (within 0.1 mm of it). It returns how many.
func splitPoints(want, got []string, maxStitch float64) (int, error) {
	pos := func(tok string) (x, y float64, ok bool) {
		var ix, iy int
		if _, err := fmt.Sscanf(tok, "S %d %d", &ix, &iy); err != nil {
			return 0, 0, false
		}
		return float64(ix) / 10, float64(iy) / 10, true
	}
	split, i := 0, 0
	var ax, ay float64
	haveA := false
	for j, tok := range got {
		if i < len(want) && want[i] == tok {
			ax, ay, haveA = pos(tok)
			i++
			continue
		}
		px, py, okP := pos(tok)
		bx, by, okB := 0.0, 0.0, false
		if i < len(want) {
			bx, by, okB = pos(want[i])
		}
		if !okP || !okB || !haveA || math.Hypot(bx-ax, by-ay) <= maxStitch+1e-9 || segmentDistance(px, py, ax, ay, bx, by) > 0.1+1e-9 {
			return split, fmt.Errorf("token %d %q where the DST has %q (token %d)", j, tok, strings.Join(want[i:min(i+1, len(want))], ""), i)
		}
		split++
	}
	if i < len(want) {
		return split, fmt.Errorf("the PES ends where the DST has %d more tokens, from %q", len(want)-i, want[i])
	}
	return split, nil
}

// segmentDistance is the distance from (px, py) to the segment a-b.
func segmentDistance(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	u := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		u = max(0, min(1, ((px-ax)*dx+(py-ay)*dy)/l2))
	}
	return math.Hypot(px-ax-u*dx, py-ay-u*dy)
}

// longestMove is the largest move along one axis between two consecutive
// needle-downs.
func longestMove(recs []stitch.Record) float64 {
	m := 0.0
	for i := 1; i < len(recs); i++ {
		if recs[i].Cmd == stitch.Stitch && recs[i-1].Cmd == stitch.Stitch {
			m = max(m, math.Abs(recs[i].X-recs[i-1].X), math.Abs(recs[i].Y-recs[i-1].Y))
		}
	}
	return m
}

// threadColours lists the colours of threads as pyembroidery prints them.
func threadColours(threads []stitch.Thread) string {
	var s []string
	for _, th := range threads {
		s = append(s, fmt.Sprintf("#%02x%02x%02x", th.Color.R, th.Color.G, th.Color.B))
	}
	return strings.Join(s, " ")
}

// TestReencodingsAsPyembroideryReads re-encodes the third-party files with
// our writers (PES v1 and v6, DST; stitches kept as they are) and reads
// them with pyembroidery: the needle-downs, trims, colour changes and stops
// it reads are those it reads from the original, and those Decode reads
// from our file.
func TestReencodingsAsPyembroideryReads(t *testing.T) {
	type job struct {
		src, out string
		format   string
		ours     *stitch.Pattern // our reading of out
		differ   bool            // pyembroidery misreads the source's threads
	}
	var jobs []job
	srcs := append(pesFiles(t), dstFiles(t)...)
	dir := t.TempDir()
	for i, f := range srcs {
		var p *stitch.Pattern
		if strings.EqualFold(filepath.Ext(f), ".dst") {
			p = decodeDSTFile(t, f)
		} else {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if p, err = Decode(bytes.NewReader(data)); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
		}
		if len(p.Records) == 0 {
			continue
		}
		_, differ := pyThreadsDiffer[shortName(f)]
		for _, format := range []string{"v1.pes", "v6.pes", "dst"} {
			var b bytes.Buffer
			var err error
			if format == "dst" {
				err = dst.Encode(&b, p, dst.EncodeOptions{MaxStitch: -1})
			} else {
				err = Encode(&b, p, EncodeOptions{Version: int(format[1] - '0'), MaxStitch: -1})
			}
			if err != nil {
				t.Fatalf("%s to %s: %v", f, format, err)
			}
			out := filepath.Join(dir, fmt.Sprintf("%d.%s", i, format))
			if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			var q *stitch.Pattern
			if format == "dst" {
				q, err = dst.Decode(bytes.NewReader(b.Bytes()))
			} else {
				q, err = Decode(bytes.NewReader(b.Bytes()))
			}
			if err != nil {
				t.Fatalf("our %s of %s: %v", format, f, err)
			}
			jobs = append(jobs, job{f, out, format, q, differ})
		}
	}
	all := srcs
	for _, j := range jobs {
		all = append(all, j.out)
	}
	reads := pyembroideryRead(t, all...)
	for _, j := range jobs {
		t.Run(shortName(j.src)+"/"+j.format, func(t *testing.T) {
			isPES := func(f string) bool { return !strings.EqualFold(filepath.Ext(f), ".dst") }
			recs := func(f string) []stitch.Record {
				if isPES(f) {
					return reads[f].fromPEC(t)
				}
				return reads[f].Records
			}
			orig, mine := recs(j.src), recs(j.out)
			if !isPES(j.out) && longestMove(orig) > dst.MaxMove {
				t.Skipf("a stitch moves %.1f mm along an axis: DST holds %.1f, Encode splits it", longestMove(orig), dst.MaxMove)
			}
			if j.differ || !isPES(j.out) { // DST has no stop: it is written as a colour change
				orig, mine = stopsAsChanges(orig), stopsAsChanges(mine)
			}
			want, got := machineTokens(orig, false), machineTokens(mine, false)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("pyembroidery reads (-source +ours):\n%s", d)
			}
			a, b := measureFigures(orig), measureFigures(mine)
			if b.NeedleDowns != a.NeedleDowns || b.LongestSewn > a.LongestSewn+1e-9 {
				t.Errorf("pyembroidery reads %d needle-downs, longest %.2f mm; from the source %d, %.2f mm",
					b.NeedleDowns, b.LongestSewn, a.NeedleDowns, a.LongestSewn)
			}
			// Our reading of our file is pyembroidery's.
			if d := cmp.Diff(machineTokens(mine, isPES(j.out)), machineTokens(j.ours.Records, isPES(j.out))); d != "" {
				t.Errorf("our file read (-pyembroidery +ours):\n%s", d)
			}
			if isPES(j.out) && !strings.EqualFold(threadColours(j.ours.Threads), strings.Join(reads[j.out].Threads, " ")) {
				t.Errorf("threads %s, pyembroidery %v", threadColours(j.ours.Threads), reads[j.out].Threads)
			}
		})
	}
}

// TestStopAsPyembroideryReads: a Stop written to PES is a colour change to
// the same thread; pyembroidery and Decode read it back as a stop, and the
// colour change after it as a colour change.
func TestStopAsPyembroideryReads(t *testing.T) {
	red := stitch.Thread{Color: color.RGBA{237, 23, 31, 255}, Description: "Red"}
	blue := stitch.Thread{Color: color.RGBA{10, 85, 163, 255}, Description: "Blue"}
	p := &stitch.Pattern{Threads: []stitch.Thread{red, blue}, Records: []stitch.Record{
		{X: 0, Y: 0}, {X: 2, Y: 0}, {X: 4, Y: 0},
		{X: 4, Y: 0, Cmd: stitch.Stop},
		{X: 6, Y: 0}, {X: 8, Y: 0},
		{X: 8, Y: 0, Cmd: stitch.Trim}, {X: 8, Y: 5, Cmd: stitch.Jump},
		{X: 8, Y: 5, Cmd: stitch.ColorChange},
		{X: 8, Y: 5}, {X: 10, Y: 5},
		{X: 10, Y: 5, Cmd: stitch.End},
	}}
	var files []string
	dir := t.TempDir()
	for _, v := range []int{1, 6} {
		var b bytes.Buffer
		if err := Encode(&b, p, EncodeOptions{Version: v}); err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, fmt.Sprintf("stop.v%d.pes", v))
		if err := os.WriteFile(f, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	reads := pyembroideryRead(t, files...)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		q, err := Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		want := machineTokens(reads[f].fromPEC(t), true)
		if d := cmp.Diff(want, machineTokens(q.Records, true)); d != "" {
			t.Errorf("%s (-pyembroidery +ours):\n%s", filepath.Base(f), d)
		}
		if fig := measureFigures(q.Records); fig.Stops != 1 || fig.ColorChanges != 1 {
			t.Errorf("%s: %d stops, %d colour changes; want 1, 1", filepath.Base(f), fig.Stops, fig.ColorChanges)
		}
		if got := threadColours(q.Threads); got != "#ed171f #0a55a3" && !strings.HasPrefix(filepath.Base(f), "stop.v1") {
			t.Errorf("%s: threads %s", filepath.Base(f), got)
		}
		if len(q.Threads) != 2 || len(reads[f].Threads) != 2 {
			t.Errorf("%s: %d threads, pyembroidery %d; want 2", filepath.Base(f), len(q.Threads), len(reads[f].Threads))
		}
	}
}

// TestSplitPoints: the check of TestDSTToPESAsPyembroideryReads accepts
// needle-downs on a stitch longer than the limit and nothing else.
func TestSplitPoints(t *testing.T) {
	want := []string{"S 0 0", "S 150 0", "T", "S 150 50", "S 160 50", "END"}
	for _, tt := range []struct {
		got   []string
		split int
		ok    bool
	}{
		{want, 0, true},
		{[]string{"S 0 0", "S 75 0", "S 150 0", "T", "S 150 50", "S 160 50", "END"}, 1, true},
		{[]string{"S 0 0", "S 75 2", "S 150 0", "T", "S 150 50", "S 160 50", "END"}, 0, false},   // 0.2 mm off the stitch
		{[]string{"S 0 0", "S 150 0", "T", "S 150 50", "S 155 50", "S 160 50", "END"}, 0, false}, // a 1 mm stitch split
		{[]string{"S 0 0", "S 150 0", "S 150 50", "S 160 50", "END"}, 0, false},                  // trim lost
		{[]string{"S 0 0", "S 150 0", "T", "S 150 50"}, 0, false},                                // cut short
	} {
		n, err := splitPoints(want, tt.got, 12.1)
		if (err == nil) != tt.ok || (tt.ok && n != tt.split) {
			t.Errorf("%v: %d split points, error %v", tt.got, n, err)
		}
	}
}
