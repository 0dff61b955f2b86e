package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/usinette/usinette/gcode"
	"github.com/usinette/usinette/internal/meshgen"
	"github.com/usinette/usinette/internal/web"
	"github.com/usinette/usinette/mesh/stl"
)

// startServe runs the API as `usinette serve` does, on a test listener.
func startServe(t *testing.T, l web.Limits) (*httptest.Server, *web.Server, *lockedBuffer) {
	t.Helper()
	log := &lockedBuffer{}
	s, err := newServer(l, t.TempDir(), log)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		ts.Close()
		s.Close(30 * time.Second)
	})
	return ts, s, log
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// post sends data as the file name to the endpoint with the settings in
// query and returns the status and the body.
func post(t *testing.T, ctx context.Context, base, path, name string, data []byte, query string) (int, []byte, http.Header) {
	t.Helper()
	q, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	q.Set("name", name)
	req, err := http.NewRequestWithContext(ctx, "POST", base+path+"?"+q.Encode(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, b, res.Header
}

// runCLIIn runs the CLI in dir (relative file names, as a user types them)
// and returns its exit code, stdout and stderr.
func runCLIIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code := execute(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// cubeOBJ is a 20 mm cube with an overhanging 10 mm ledge on one side
// (so that supports have something to hold), as Wavefront OBJ.
const cubeOBJ = `# cube with a ledge
v 0 0 0
v 20 0 0
v 20 20 0
v 0 20 0
v 0 0 20
v 20 0 20
v 20 20 20
v 0 20 20
v 20 0 10
v 30 0 10
v 30 20 10
v 20 20 10
v 20 0 20
v 30 0 20
v 30 20 20
v 20 20 20
f 1 3 2
f 1 4 3
f 5 6 7
f 5 7 8
f 1 2 6
f 1 6 5
f 2 3 7
f 2 7 6
f 3 4 8
f 3 8 7
f 4 1 5
f 4 5 8
f 9 11 10
f 9 12 11
f 13 14 15
f 13 15 16
f 9 10 14
f 9 14 13
f 10 11 15
f 10 15 14
f 11 12 16
f 11 16 15
f 12 9 13
f 12 13 16
`

// serveInputs makes the test's inputs with the CLI: badge.svg, badge.pes,
// example.stl and example.gcode, in a folder of their own.
func serveInputs(t *testing.T) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	var stlBuf bytes.Buffer
	if err := stl.Write(&stlBuf, meshgen.Example(), "example"); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"badge.svg": []byte(badgeSVG), "example.stl": stlBuf.Bytes(), "cube.obj": []byte(cubeOBJ)}
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"stitch", "badge.svg", "-o", "badge.pes", "-q"},
		{"slice", "example.stl", "-o", "example.gcode", "-q"},
	} {
		if code, _, stderr := runCLIIn(t, dir, args...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	for _, n := range []string{"badge.pes", "example.gcode"} {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		files[n] = b
	}
	return files
}

// TestServeSameAsCLI: every endpoint answers the bytes (or the JSON) the
// CLI writes for the same file and settings.
func TestServeSameAsCLI(t *testing.T) {
	files := serveInputs(t)
	ts, s, _ := startServe(t, web.Limits{})
	for _, c := range []struct {
		path, in, query string
		cli             []string // arguments; the output file or "" for stdout
		out             string
	}{
		{"/api/stitch", "badge.svg", "output=pes&hoop=130x180", []string{"stitch", "badge.svg", "-o", "badge.pes", "--hoop=130x180", "-q"}, "badge.pes"},
		{"/api/stitch", "badge.svg", "output=dst", []string{"stitch", "badge.svg", "-o", "badge.dst", "-q"}, "badge.dst"},
		{"/api/stitch", "badge.svg", "output=pes&pes-version=6&json=true", []string{"stitch", "badge.svg", "-o", "badge.pes", "--pes-version=6", "-q", "--json"}, ""},
		{"/api/cut", "badge.svg", "output=gpgl&material=vinyl", []string{"cut", "badge.svg", "-o", "badge.gpgl", "--material=vinyl", "-q"}, "badge.gpgl"},
		{"/api/cut", "badge.svg", "output=hpgl&overcut=2", []string{"cut", "badge.svg", "-o", "badge.hpgl", "--overcut=2", "-q"}, "badge.hpgl"},
		{"/api/cut", "badge.svg", "output=svg", []string{"cut", "badge.svg", "-o", "badge_cut.svg", "-q"}, "badge_cut.svg"},
		{"/api/cut", "badge.svg", "output=svg&flex=true&json=1", []string{"cut", "badge.svg", "-o", "badge_cut.svg", "--flex", "-q", "--json"}, ""},
		{"/api/slice", "example.stl", "infill=20&brim=3&infill-pattern=grid", []string{"slice", "example.stl", "-o", "example.gcode", "--brim=3", "--infill=20", "--infill-pattern=grid", "-q"}, "example.gcode"},
		{"/api/slice", "example.stl", "json=true", []string{"slice", "example.stl", "-o", "example.gcode", "-q", "--json"}, ""},
		{"/api/slice", "cube.obj", "support=true&copies=2", []string{"slice", "cube.obj", "-o", "cube.gcode", "--support", "--copies=2", "-q"}, "cube.gcode"},
		{"/api/gcode/info", "example.gcode", "layers=true", []string{"gcode", "info", "--json", "-q", "--layers", "example.gcode"}, ""},
		{"/api/gcode/preview", "example.gcode", "layer=3&width=300", []string{"gcode", "preview", "example.gcode", "-o", "example.png", "--layer=3", "--width=300"}, "example.png"},
		{"/api/convert", "badge.pes", "output=dst", []string{"convert", "badge.pes", "badge.dst", "-q"}, "badge.dst"},
		{"/api/convert", "badge.pes", "output=json", []string{"convert", "badge.pes", "badge.json", "-q"}, "badge.json"},
		{"/api/info", "badge.pes", "hoop=100x100", []string{"info", "--json", "badge.pes", "--hoop=100x100"}, ""},
		{"/api/preview", "badge.pes", "output=png&dpmm=4", []string{"preview", "badge.pes", "-o", "badge.png", "--dpmm=4"}, "badge.png"},
	} {
		name := c.path + "?" + c.query
		status, got, h := post(t, context.Background(), ts.URL, c.path, c.in, files[c.in], c.query)
		if status != 200 {
			t.Errorf("%s: %d %s", name, status, got)
			continue
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, c.in), files[c.in], 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCLIIn(t, dir, c.cli...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.cli, code, stderr)
		}
		want := []byte(stdout)
		if c.out != "" {
			var err error
			if want, err = os.ReadFile(filepath.Join(dir, c.out)); err != nil {
				t.Fatal(err)
			}
			stemOut := strings.TrimSuffix(c.in, filepath.Ext(c.in)) + filepath.Ext(c.out)
			if cd := h.Get("Content-Disposition"); cd != "attachment; filename="+stemOut {
				t.Errorf("%s: Content-Disposition %q, want filename %s", name, cd, stemOut)
			}
		} else if ct := h.Get("Content-Type"); ct != "application/json" {
			t.Errorf("%s: Content-Type %q", name, ct)
		}
		if len(want) == 0 {
			t.Fatalf("%v wrote nothing", c.cli)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes differ from the CLI's %d (%v)\nserver: %.300s\ncli:    %.300s", name, len(got), len(want), c.cli, got, want)
		}
	}
	waitNoRequests(t, s)
}

// TestServeBadFile: a bad file is a 400 whose message is the CLI's.
func TestServeBadFile(t *testing.T) {
	ts, s, _ := startServe(t, web.Limits{})
	garbage := []byte("this is not a design\n")
	for _, c := range []struct {
		path, in string
		cli      []string
	}{
		{"/api/stitch", "bad.svg", []string{"stitch", "bad.svg", "-o", "bad.pes", "-q"}},
		{"/api/cut", "bad.svg", []string{"cut", "bad.svg", "-o", "bad.gpgl", "-q"}},
		{"/api/slice", "bad.stl", []string{"slice", "bad.stl", "-o", "bad.gcode", "-q"}},
		{"/api/gcode/info", "bad.gcode", []string{"gcode", "info", "--json", "-q", "bad.gcode"}},
		{"/api/convert", "bad.pes", []string{"convert", "bad.pes", "bad.dst", "-q"}},
		{"/api/info", "bad.dst", []string{"info", "--json", "bad.dst"}},
		{"/api/preview", "bad.txt", []string{"preview", "bad.txt", "-o", "bad.png"}},
	} {
		status, body, _ := post(t, context.Background(), ts.URL, c.path, c.in, garbage, "")
		var e struct{ Error string }
		if err := json.Unmarshal(body, &e); err != nil || status != 400 {
			t.Errorf("%s: %d %s", c.path, status, body)
			continue
		}
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, c.in), garbage, 0o644)
		code, _, stderr := runCLIIn(t, dir, c.cli...)
		if code == 0 {
			t.Fatalf("%v accepted garbage", c.cli)
		}
		if want := strings.TrimSuffix(strings.TrimPrefix(stderr, "usinette: "), "\n"); e.Error != want {
			t.Errorf("%s: error %q, the CLI says %q", c.path, e.Error, want)
		}
	}
	// Settings are checked with the CLI's words too.
	for _, c := range []struct {
		path, in, query string
		cli             []string
	}{
		{"/api/stitch", "a.svg", "hoop=1x1x1", []string{"stitch", "a.svg", "-o", "a.pes", "--hoop=1x1x1", "-q"}},
		{"/api/slice", "a.stl", "infill=200", []string{"slice", "a.stl", "-o", "a.gcode", "--infill=200", "-q"}},
	} {
		status, body, _ := post(t, context.Background(), ts.URL, c.path, c.in, []byte(badgeSVG), c.query)
		var e struct{ Error string }
		json.Unmarshal(body, &e)
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, c.in), []byte(badgeSVG), 0o644)
		code, _, stderr := runCLIIn(t, dir, c.cli...)
		want := strings.TrimSuffix(strings.TrimPrefix(stderr, "usinette: "), "\n")
		if code == 0 || status != 400 || e.Error != want {
			t.Errorf("%s?%s: %d %q, the CLI (exit %d) says %q", c.path, c.query, status, e.Error, code, want)
		}
	}
	// Only the endpoint's own settings are taken: none that names a file
	// or a device.
	for _, c := range []struct{ path, in, query, want string }{
		{"/api/stitch", "a.svg", "output=../../x.pes", `output "../../x.pes": want pes, dst`},
		{"/api/cut", "a.svg", "send=/dev/usb/lp0", `/api/cut: unknown setting "send"`},
		{"/api/slice", "a.stl", "config=/etc/passwd", `/api/slice: unknown setting "config"`},
	} {
		status, body, _ := post(t, context.Background(), ts.URL, c.path, c.in, []byte(badgeSVG), c.query)
		var e struct{ Error string }
		json.Unmarshal(body, &e)
		if status != 400 || !strings.Contains(e.Error, c.want) {
			t.Errorf("%s?%s: %d %s, want 400 with %q", c.path, c.query, status, body, c.want)
		}
	}
	waitNoRequests(t, s)
}

func TestServeTooLarge(t *testing.T) {
	ts, _, _ := startServe(t, web.Limits{MaxUpload: 1 << 20})
	big := make([]byte, 1<<20+84)
	status, body, _ := post(t, context.Background(), ts.URL, "/api/slice", "big.stl", big, "")
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), `"error": "upload larger than 1 MB`) {
		t.Fatalf("%d %s", status, body)
	}
}

// TestServeCancel: slicing stops when the client goes away: the request's
// folder is gone long before slicing the model would have ended. (At
// 0.05 mm layers this knot took 5.2 s of CPU to slice with the CLI; at
// 0.02 mm it has 2.5 times the layers. Cancelled, it was cleaned 0.3 s
// after the client left.)
func TestServeCancel(t *testing.T) {
	if testing.Short() {
		t.Skip("slices a 160k-triangle model")
	}
	var buf bytes.Buffer
	if err := stl.Write(&buf, meshgen.TorusKnot(2, 3, 6, 2000, 40), "knot"); err != nil {
		t.Fatal(err)
	}
	ts, s, log := startServe(t, web.Limits{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		q := url.Values{"name": {"knot.stl"}, "layer-height": {"0.02"}}
		req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/api/slice?"+q.Encode(), bytes.NewReader(buf.Bytes()))
		if res, err := http.DefaultClient.Do(req); err == nil {
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			t.Errorf("request not cancelled: %d %.200s", res.StatusCode, b)
		}
	}()
	// Wait for slicing to start (its output folder exists), then leave.
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		outs, _ := filepath.Glob(filepath.Join(s.TempRoot(), "req-*", "out"))
		if len(outs) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("slicing did not start")
		}
	}
	time.Sleep(200 * time.Millisecond)
	cancel()
	<-done
	left := time.Now()
	waitNoRequests(t, s)
	if d := time.Since(left); d > 2*time.Second*slowdown {
		t.Errorf("the job ran %s after the client left", d)
	}
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(log.String(), "POST /api/slice 499"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("log: %s", log.String())
		}
	}
	t.Logf("cleaned %s after the client left", time.Since(left).Round(time.Millisecond))
}

// TestServeMoves: the layer paths the page draws are the file's layers, at
// the heights its ;Z: comments give, in the feature colours of gcode
// preview, and inside the moves' bounds.
func TestServeMoves(t *testing.T) {
	files := serveInputs(t)
	ts, _, _ := startServe(t, web.Limits{})
	status, body, _ := post(t, context.Background(), ts.URL, "/api/gcode/moves", "example.gcode", files["example.gcode"], "")
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	var m struct {
		Layers []struct {
			Z     float64
			Paths [][]float64
		}
		Features []string
		Colors   []string
	}
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("%v\n%.500s", err, body)
	}
	// The file's own marks, read as text.
	var zs []float64
	sc := bufio.NewScanner(bytes.NewReader(files["example.gcode"]))
	for sc.Scan() {
		if z, ok := strings.CutPrefix(sc.Text(), ";Z:"); ok {
			v, err := strconv.ParseFloat(z, 64)
			if err != nil {
				t.Fatal(err)
			}
			zs = append(zs, v)
		}
	}
	if len(zs) == 0 || len(m.Layers) != len(zs) {
		t.Fatalf("%d layers, the file has %d ;Z: marks", len(m.Layers), len(zs))
	}
	st, err := gcode.Analyze(context.Background(), bytes.NewReader(files["example.gcode"]), gcode.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := st.MoveBounds
	for i, l := range m.Layers {
		if math.Abs(l.Z-zs[i]) > 1e-9 {
			t.Errorf("layer %d at z %g, the file says %g", i+1, l.Z, zs[i])
		}
		if len(l.Paths) == 0 {
			t.Errorf("layer %d has no path", i+1)
		}
		for _, p := range l.Paths {
			if len(p) < 5 || len(p)%2 != 1 || int(p[0]) >= len(m.Features) {
				t.Fatalf("layer %d: bad path %v", i+1, p)
			}
			for k := 1; k+1 < len(p); k += 2 {
				if p[k] < b.MinX-0.01 || p[k] > b.MaxX+0.01 || p[k+1] < b.MinY-0.01 || p[k+1] > b.MaxY+0.01 {
					t.Fatalf("layer %d: point %g,%g outside the moves' bounds %+v", i+1, p[k], p[k+1], b)
				}
			}
		}
	}
	for i, f := range m.Features {
		c := gcode.FeatureColor(f)
		if want := fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B); m.Colors[i] != want {
			t.Errorf("%s drawn %s, gcode preview draws it %s", f, m.Colors[i], want)
		}
	}
	if !strings.Contains(strings.Join(m.Features, ","), "External perimeter") {
		t.Errorf("features %v", m.Features)
	}
}

func waitNoRequests(t *testing.T, s *web.Server) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		entries, err := os.ReadDir(s.TempRoot())
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d request folders left", len(entries))
		}
	}
}

// TestServeCommand: `usinette serve` says its address on stderr, serves the
// page and the API there, refuses other host names on loopback, and stops
// cleanly when its context ends.
func TestServeCommand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &lockedBuffer{}
	root := newRootCmd()
	root.SetArgs([]string{"serve", "--addr", "127.0.0.1:0", "--max-upload", "1"})
	root.SetOut(io.Discard)
	root.SetErr(stderr)
	errc := make(chan error, 1)
	go func() { errc <- root.ExecuteContext(ctx) }()
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == ""; time.Sleep(10 * time.Millisecond) {
		if _, rest, ok := strings.Cut(stderr.String(), "on http://"); ok {
			base = "http://" + strings.Fields(rest)[0]
			base = strings.TrimSuffix(base, "/")
		}
		if time.Now().After(deadline) {
			t.Fatalf("no address on stderr: %q", stderr.String())
		}
	}
	res, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Contains(page, []byte("usinette")) {
		t.Fatalf("page: %d", res.StatusCode)
	}
	status, body, _ := post(t, context.Background(), base, "/api/stitch", "big.svg", make([]byte, 1<<20+1), "")
	if status != http.StatusRequestEntityTooLarge {
		t.Errorf("--max-upload 1: %d %s", status, body)
	}
	req, _ := http.NewRequest("GET", base+"/", nil)
	req.Host = "rebound.example"
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusForbidden {
		t.Errorf("foreign Host header: %v %v", res.StatusCode, err)
	}
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("serve ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestServeWarnings: what the CLI says on stderr beside a good result
// comes in the Usinette-Warnings header, in the same words.
func TestServeWarnings(t *testing.T) {
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="40mm" viewBox="0 0 60 40">
<rect id="r" x="5" y="5" width="20" height="20" style="fill:#ff0000"/>
<text id="title" x="30" y="20">Hello</text></svg>`)
	ts, _, _ := startServe(t, web.Limits{})
	status, _, h := post(t, context.Background(), ts.URL, "/api/stitch", "text.svg", svg, "output=pes")
	if status != 200 {
		t.Fatal(status)
	}
	var got []string
	if err := json.Unmarshal([]byte(h.Get("Usinette-Warnings")), &got); err != nil {
		t.Fatalf("Usinette-Warnings %q: %v", h.Get("Usinette-Warnings"), err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "text.svg"), svg, 0o644)
	code, _, stderr := runCLIIn(t, dir, "stitch", "text.svg", "-o", "text.pes", "-q")
	if code != 0 {
		t.Fatal(stderr)
	}
	if want := strings.TrimSpace(strings.TrimPrefix(stderr, "usinette: ")); len(got) != 1 || got[0] != want {
		t.Errorf("warnings %q, the CLI says %q", got, want)
	}
}

// TestServeSummary: a file from slice, cut or stitch comes with the --json
// of the same run, as the CLI prints it (compacted into one header line).
func TestServeSummary(t *testing.T) {
	files := serveInputs(t)
	ts, _, _ := startServe(t, web.Limits{})
	for _, c := range []struct {
		path, in, query string
		cli             []string
	}{
		{"/api/slice", "example.stl", "infill=25", []string{"slice", "example.stl", "-o", "example.gcode", "--infill=25", "--json"}},
		{"/api/cut", "badge.svg", "output=hpgl", []string{"cut", "badge.svg", "-o", "badge.hpgl", "--json"}},
		{"/api/stitch", "badge.svg", "output=dst", []string{"stitch", "badge.svg", "-o", "badge.dst", "--json"}},
	} {
		status, _, h := post(t, context.Background(), ts.URL, c.path, c.in, files[c.in], c.query)
		if status != 200 {
			t.Fatalf("%s: %d", c.path, status)
		}
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, c.in), files[c.in], 0o644)
		code, stdout, stderr := runCLIIn(t, dir, c.cli...)
		if code != 0 {
			t.Fatal(stderr)
		}
		var want bytes.Buffer
		if err := json.Compact(&want, []byte(stdout)); err != nil {
			t.Fatal(err)
		}
		if got := h.Get("Usinette-Summary"); got != want.String() {
			t.Errorf("%s: Usinette-Summary\n%s\nthe CLI's --json\n%s", c.path, got, want.String())
		}
	}
}
