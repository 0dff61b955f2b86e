package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func newTestServer(t *testing.T, l Limits, eps ...Endpoint) (*Server, *httptest.Server, *syncBuffer) {
	t.Helper()
	var log syncBuffer
	s, err := New(l, t.TempDir(), &log)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range eps {
		s.Handle(e)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		ts.Close()
		if err := s.Close(5 * time.Second); err != nil {
			t.Error(err)
		}
		if _, err := os.Stat(s.TempRoot()); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("temporary folder %s left behind (%v)", s.TempRoot(), err)
		}
	})
	return s, ts, &log
}

type syncBuffer struct {
	mu sync.Mutex
	bytes.Buffer
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Buffer.String()
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Buffer.Write(p)
}

func errorOf(t *testing.T, res *http.Response) string {
	t.Helper()
	var e struct{ Error string }
	if err := json.NewDecoder(res.Body).Decode(&e); err != nil {
		t.Fatalf("error answer is not JSON: %v", err)
	}
	return e.Error
}

// echo answers the upload's name, size and settings.
var echo = Endpoint{Path: "/api/echo", Job: func(ctx context.Context, up *Upload) (*Result, error) {
	data, err := os.ReadFile(up.Path)
	if err != nil {
		return nil, err
	}
	if filepath.Dir(up.Path) != filepath.Join(up.Dir, "in") {
		return nil, errors.New("upload outside the request folder")
	}
	out := filepath.Join(up.Dir, "out.txt")
	text := up.Name + " " + string(data) + " " + up.Settings.Encode()
	if err := os.WriteFile(out, []byte(text), 0o600); err != nil {
		return nil, err
	}
	return &Result{Path: out, ContentType: "text/plain", Filename: "out.txt"}, nil
}}

func TestUploadRawAndMultipart(t *testing.T) {
	_, ts, _ := newTestServer(t, Limits{}, echo)
	res, err := http.Post(ts.URL+"/api/echo?name=../../a%20b.svg&hoop=100x100", "application/octet-stream", strings.NewReader("DATA"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(b) != "a_b.svg DATA hoop=100x100" {
		t.Fatalf("raw: %d %q", res.StatusCode, b)
	}
	if cd := res.Header.Get("Content-Disposition"); cd != `attachment; filename=out.txt` {
		t.Errorf("Content-Disposition %q", cd)
	}

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("material", "vinyl")
	fw, _ := mw.CreateFormFile("file", `C:\Users\x\sticker.svg`)
	fw.Write([]byte("SVG"))
	mw.Close()
	res, err = http.Post(ts.URL+"/api/echo", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(b) != "sticker.svg SVG material=vinyl" {
		t.Fatalf("multipart: %d %q", res.StatusCode, b)
	}
}

func TestUploadTooLarge(t *testing.T) {
	_, ts, _ := newTestServer(t, Limits{MaxUpload: 1 << 20}, echo)
	big := bytes.Repeat([]byte("x"), 1<<20+1)
	res, err := http.Post(ts.URL+"/api/echo?name=big.stl", "application/octet-stream", bytes.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", res.StatusCode)
	}
	if msg := errorOf(t, res); !strings.Contains(msg, "larger than 1 MB") {
		t.Errorf("message %q", msg)
	}
	// exactly the limit passes
	res, err = http.Post(ts.URL+"/api/echo?name=ok.stl", "application/octet-stream", bytes.NewReader(big[:1<<20]))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("upload at the limit: status %d", res.StatusCode)
	}
}

// TestCancelledWhenClientLeaves: the job's context ends when the client
// goes, its slot is freed and its folder removed.
func TestCancelledWhenClientLeaves(t *testing.T) {
	started := make(chan string, 1)
	cancelled := make(chan struct{})
	block := Endpoint{Path: "/api/block", Job: func(ctx context.Context, up *Upload) (*Result, error) {
		started <- up.Dir
		<-ctx.Done()
		close(cancelled)
		return nil, ctx.Err()
	}}
	s, ts, log := newTestServer(t, Limits{Jobs: 1}, block, echo)
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/api/block?name=a.svg", strings.NewReader("x"))
	go func() {
		dir := <-started
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("request folder missing while the job runs: %v", err)
		}
		cancel()
	}()
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("request should fail once cancelled")
	}
	select {
	case <-cancelled:
	case <-time.After(5 * time.Second):
		t.Fatal("job not cancelled 5 s after the client left")
	}
	// The only slot is free again: the next request runs.
	res, err := http.Post(ts.URL+"/api/echo?name=b.svg", "", strings.NewReader("y"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("after cancel: %d", res.StatusCode)
	}
	waitEmpty(t, s.TempRoot())
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(log.String(), "/api/block 499"); {
		if time.Now().After(deadline) {
			t.Fatalf("log does not show the client gone:\n%s", log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestTimeout: work past the limit answers 503 in time, even from a job
// that ignores its context.
func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	stubborn := Endpoint{Path: "/api/stubborn", Job: func(ctx context.Context, up *Upload) (*Result, error) {
		<-release
		return &Result{Body: []byte("late")}, nil
	}}
	s, ts, _ := newTestServer(t, Limits{Timeout: 200 * time.Millisecond, Jobs: 1}, stubborn)
	start := time.Now()
	res, err := http.Post(ts.URL+"/api/stubborn?name=a.stl", "", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("status %d, want 503", res.StatusCode)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("answered after %s", d)
	}
	if msg := errorOf(t, res); !strings.Contains(msg, "--timeout") {
		t.Errorf("message %q", msg)
	}
	// The stubborn job still holds its slot and folder until it ends.
	entries, _ := os.ReadDir(s.TempRoot())
	if len(entries) != 1 {
		t.Errorf("%d request folders while the job runs, want 1", len(entries))
	}
	close(release)
	waitEmpty(t, s.TempRoot())
}

// TestJobsLimited: no more jobs run at once than Jobs.
func TestJobsLimited(t *testing.T) {
	var running, peak atomic.Int32
	slow := Endpoint{Path: "/api/slow", Job: func(ctx context.Context, up *Upload) (*Result, error) {
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
		running.Add(-1)
		return &Result{Body: []byte("ok")}, nil
	}}
	_, ts, _ := newTestServer(t, Limits{Jobs: 2}, slow)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := http.Post(ts.URL+"/api/slow?name=a.svg", "", strings.NewReader("x"))
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			if res.StatusCode != 200 {
				t.Errorf("status %d", res.StatusCode)
			}
		}()
	}
	wg.Wait()
	if p := peak.Load(); p != 2 {
		t.Errorf("peak %d jobs at once, want 2", p)
	}
}

func TestErrorsAsJSON(t *testing.T) {
	fail := Endpoint{Path: "/api/fail", Job: func(ctx context.Context, up *Upload) (*Result, error) {
		return nil, Errorf(http.StatusBadRequest, "%s: not an STL file", up.Name)
	}}
	_, ts, _ := newTestServer(t, Limits{}, fail)
	for _, c := range []struct {
		method, path, origin string
		status               int
		msg                  string
	}{
		{"POST", "/api/fail?name=x.stl", "", 400, "x.stl: not an STL file"},
		{"GET", "/api/fail", "", 405, "/api/fail: send the file with POST"},
		{"POST", "/api/nothing", "", 404, "/api/nothing: no such endpoint"},
		{"POST", "/api/fail?name=x.stl", "http://elsewhere.example", 403, "request from another site"},
	} {
		req, _ := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader("x"))
		if c.origin != "" {
			req.Header.Set("Origin", c.origin)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != c.status || res.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s %s: %d %s", c.method, c.path, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if msg := errorOf(t, res); !strings.HasPrefix(msg, c.msg) {
			t.Errorf("%s %s: %q, want %q", c.method, c.path, msg, c.msg)
		}
		res.Body.Close()
	}
	// The page itself, from the binary.
	res, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !bytes.Contains(b, []byte(`<script src="app.js">`)) || !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("page: %d, CSP %q", res.StatusCode, res.Header.Get("Content-Security-Policy"))
	}
	for _, a := range []string{"/app.js", "/style.css"} {
		res, err := http.Get(ts.URL + a)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("%s: %d", a, res.StatusCode)
		}
	}
}

func TestLoopbackHosts(t *testing.T) {
	_, ts, _ := newTestServer(t, Limits{LoopbackHosts: true}, echo)
	for host, want := range map[string]int{
		"": 200, "localhost:8080": 200, "[::1]:8080": 200, "127.0.0.1": 200,
		"evil.example:8080": 403, "192.168.1.10:8080": 403,
	} {
		req, _ := http.NewRequest("POST", ts.URL+"/api/echo?name=a.svg", strings.NewReader("x"))
		if host != "" {
			req.Host = host
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("Host %q: %d, want %d", host, res.StatusCode, want)
		}
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"flower.svg":                      "flower.svg",
		"../../etc/passwd":                "passwd",
		`C:\Users\me\logo v2.svg`:         "logo_v2.svg",
		"..":                              "upload",
		".bashrc":                         "bashrc",
		"":                                "upload",
		"été.stl":                         "_t_.stl",
		"/":                               "upload",
		strings.Repeat("a", 300) + ".pes": strings.Repeat("a", 96) + ".pes",
	} {
		if got := SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func waitEmpty(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d request folders left in %s", len(entries), dir)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// FuzzSafeName: whatever the client sends as a file name, the name used on
// disk is one plain file name of safe characters.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"flower.svg", "../../etc/passwd", `C:\a\b.pes`, "..", ".", "", "a/", "\x00.stl", "été"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		s := SafeName(name)
		if s == "" || len(s) > 100 || s[0] == '.' || s == "." || s == ".." {
			t.Fatalf("SafeName(%q) = %q", name, s)
		}
		for _, c := range s {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
				t.Fatalf("SafeName(%q) = %q has %q", name, s, c)
			}
		}
		if filepath.Base(s) != s {
			t.Fatalf("SafeName(%q) = %q is not a base name", name, s)
		}
	})
}

func TestASCIIJSON(t *testing.T) {
	in := `{"name":"été 😀","n":1}`
	got := asciiJSON(in)
	if got != `{"name":"\u00e9t\u00e9 \ud83d\ude00","n":1}` {
		t.Fatalf("asciiJSON = %s", got)
	}
	var a, b map[string]any
	if err := json.Unmarshal([]byte(in), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(got), &b); err != nil {
		t.Fatal(err)
	}
	if a["name"] != b["name"] {
		t.Errorf("%q read back as %q", a["name"], b["name"])
	}
}
