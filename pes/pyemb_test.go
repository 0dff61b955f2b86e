package pes

import (
	"bytes"
	"encoding/json"
	"fmt"
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
// the test when python3 is absent (CI has it).
func pyembroideryRead(t *testing.T, files ...string) map[string]pyRead {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
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
// trims (one per run of trims), colour changes, stops, the end, and with
// jumps, each run of jumps as one move to where it ends (a stitch record
// that ends a run of jumps or follows a colour change moves the frame with
// the needle up, and ends the run), runs that come back to where they
// started left out (pyembroidery drops them).
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
	needleUp := false
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
		case stitch.Trim:
			if len(out) == 0 || out[len(out)-1] != "T" {
				out = append(out, "T")
			}
		default:
			out = append(out, r.Cmd.String())
		}
		needleUp = r.Cmd == stitch.ColorChange || r.Cmd == stitch.Stop
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

// stopsAsChanges returns tokens with STOP written COLOR_CHANGE.
func stopsAsChanges(tokens []string) []string {
	out := make([]string, len(tokens))
	for i, s := range tokens {
		if s == stitch.Stop.String() {
			s = stitch.ColorChange.String()
		}
		out[i] = s
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
			want := machineTokens(py.fromPEC(t), true)
			got := machineTokens(p.Records, true)
			why, differ := pyThreadsDiffer[shortName(f)]
			if differ {
				t.Logf("threads not compared: %s", why)
				want, got = stopsAsChanges(want), stopsAsChanges(got)
			}
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
			ours, theirs := measureFigures(p.Records), measureFigures(py.fromPEC(t))
			t.Logf("ours: %+v longest (info) %.2f; pyembroidery: %+v", ours, stitch.Measure(p).LongestStitch, theirs)
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
// longest pyembroidery reads from the DST, the same needle-downs at the same
// places (no extra ones), the same trims and colour changes.
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
			if b.NeedleDowns != a.NeedleDowns {
				t.Errorf("PES has %d needle-downs, the DST %d", b.NeedleDowns, a.NeedleDowns)
			}
			if d := cmp.Diff(machineTokens(src, false), machineTokens(conv, false)); d != "" {
				t.Errorf("records (-DST +PES, both read by pyembroidery):\n%s", d)
			}
			t.Logf("DST: %+v; PES: %+v", a, b)
		})
	}
}
