package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
)

// Defaults of Limits.
const (
	DefaultMaxUpload = 50 << 20
	DefaultTimeout   = 5 * time.Minute
)

// Limits bound what one request may cost.
type Limits struct {
	// MaxUpload is the largest upload in bytes; larger ones get 413.
	// 0 means DefaultMaxUpload (50 MB).
	MaxUpload int64
	// Timeout bounds one request's work; 0 means DefaultTimeout. The
	// work is cancelled sooner when the client goes away.
	Timeout time.Duration
	// Jobs is the number of jobs run at once, the others wait their
	// turn; 0 means one per core.
	Jobs int
	// LoopbackHosts accepts only requests addressed to localhost,
	// 127.0.0.1 or [::1] (any port): for a server listening on loopback,
	// a web page whose name was pointed at 127.0.0.1 (DNS rebinding)
	// cannot use it.
	LoopbackHosts bool
}

// Upload is the file a client sent, saved in the request's own temporary
// folder, with the settings that came with it.
type Upload struct {
	// Name is the client's file name reduced to a safe base name
	// (letters, digits, '-', '_', '.'; see SafeName): no folder of the
	// client's ever reaches the disk.
	Name string
	// Path is where the file is: Dir/in/Name.
	Path string
	// Dir is the request's temporary folder, removed when the request is
	// over. Jobs write their outputs in it and nowhere else.
	Dir string
	// Settings are the query parameters and the form fields other than
	// the file (name excepted).
	Settings url.Values
}

// Result is what a job answers: the file at Path (inside the request's
// folder) or Body, with its content type and, for a download, its name.
type Result struct {
	Path        string
	Body        []byte
	ContentType string
	Filename    string
	// Warnings are what the work said on the side (text not converted
	// to paths, shapes skipped): sent as the header Usinette-Warnings,
	// a JSON array of strings (non-ASCII characters as '?').
	Warnings []string
	// Summary, when not nil, is a JSON object describing the file sent
	// (the --json of the command that made it): sent compact in the
	// header Usinette-Summary, non-ASCII characters escaped.
	Summary []byte
}

// Error is an error a job reports to the client with an HTTP status.
type Error struct {
	Status int
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// Errorf makes an *Error.
func Errorf(status int, format string, a ...any) *Error {
	return &Error{Status: status, Msg: fmt.Sprintf(format, a...)}
}

// Job does the work of one API endpoint. It must honour ctx where it can;
// where it cannot, the client still gets its answer (an error) on time and
// the job's slot stays taken until it ends.
type Job func(ctx context.Context, up *Upload) (*Result, error)

// Endpoint describes one POST endpoint under /api/.
type Endpoint struct {
	Path     string   `json:"path"`     // "/api/stitch"
	Doc      string   `json:"doc"`      // one line: what it does, what it answers
	Input    string   `json:"input"`    // the files it takes, e.g. ".svg"
	Settings []string `json:"settings"` // the settings it accepts (the CLI's flag names)
	Job      Job      `json:"-"`
}

// Server serves the page and the API.
type Server struct {
	limits    Limits
	slots     chan struct{}
	root      string // parent of every request's folder
	mux       *http.ServeMux
	endpoints []Endpoint
	log       io.Writer
	wg        sync.WaitGroup // running jobs, abandoned ones included
}

// New makes a server whose request folders live in a new temporary folder
// under tmp ("" for os.TempDir()); Close removes it. log receives one line
// per API request (nil: none).
func New(l Limits, tmp string, log io.Writer) (*Server, error) {
	if l.MaxUpload <= 0 {
		l.MaxUpload = DefaultMaxUpload
	}
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.Jobs <= 0 {
		l.Jobs = runtime.NumCPU()
	}
	root, err := os.MkdirTemp(tmp, "usinette-serve-")
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = io.Discard
	}
	s := &Server{limits: l, slots: make(chan struct{}, l.Jobs), root: root, mux: http.NewServeMux(), log: log}
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		return nil, err
	}
	s.mux.Handle("GET /", http.FileServerFS(sub))
	s.mux.HandleFunc("GET /api/{$}", s.index)
	notFound := func(w http.ResponseWriter, r *http.Request) {
		writeError(w, Errorf(http.StatusNotFound, "%s: no such endpoint (GET /api/ lists them)", r.URL.Path))
	}
	s.mux.HandleFunc("GET /api/", notFound)
	s.mux.HandleFunc("POST /api/", notFound)
	return s, nil
}

// Limits are the limits in force (defaults filled in).
func (s *Server) Limits() Limits { return s.limits }

// Handle adds a POST endpoint.
func (s *Server) Handle(e Endpoint) {
	s.endpoints = append(s.endpoints, e)
	s.mux.HandleFunc("POST "+e.Path, func(w http.ResponseWriter, r *http.Request) { s.serveJob(w, r, e) })
	s.mux.HandleFunc("GET "+e.Path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "POST")
		writeError(w, Errorf(http.StatusMethodNotAllowed, "%s: send the file with POST", e.Path))
	})
}

// Close waits for the running jobs (at most wait) and removes the
// temporary folder.
func (s *Server) Close(wait time.Duration) error {
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(wait):
	}
	return os.RemoveAll(s.root)
}

// TempRoot is the folder under which every request's folder is made.
func (s *Server) TempRoot() string { return s.root }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// Everything the page needs is served from here: no other origin
	// is allowed to run code, frame the page or be fetched.
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if s.limits.LoopbackHosts && !loopbackHost(r.Host) {
		writeError(w, Errorf(http.StatusForbidden, "host %q refused: this server answers on localhost only (usinette serve --addr)", r.Host))
		return
	}
	if o := r.Header.Get("Origin"); o != "" && r.Method != http.MethodGet {
		// A page of another site open in the same browser must not make
		// this machine slice for it (a cross-site POST needs no CORS
		// permission to be sent).
		if u, err := url.Parse(o); err != nil || u.Host != r.Host {
			writeError(w, Errorf(http.StatusForbidden, "request from another site (%s) refused", o))
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	eps := append([]Endpoint(nil), s.endpoints...)
	sort.Slice(eps, func(i, j int) bool { return eps[i].Path < eps[j].Path })
	writeJSON(w, http.StatusOK, map[string]any{
		"endpoints":        eps,
		"max_upload_bytes": s.limits.MaxUpload,
		"timeout_s":        s.limits.Timeout.Seconds(),
		"jobs":             s.limits.Jobs,
	})
}

// statusWriter remembers the status for the log line.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// StatusClientGone is logged when the client left before the answer
// (nginx's 499); nobody receives it.
const StatusClientGone = 499

func (s *Server) serveJob(rw http.ResponseWriter, r *http.Request, e Endpoint) {
	start := time.Now()
	w := &statusWriter{ResponseWriter: rw}
	var note string
	defer func() {
		status := w.status
		if r.Context().Err() != nil && status == 0 {
			status = StatusClientGone
		}
		fmt.Fprintf(s.log, "%s %s %d %s%s\n", r.Method, r.URL.Path, status, time.Since(start).Round(time.Millisecond), note)
	}()

	ctx, cancel := context.WithTimeout(r.Context(), s.limits.Timeout)
	defer cancel()

	dir, err := os.MkdirTemp(s.root, "req-")
	if err != nil {
		writeError(w, err)
		return
	}
	// The folder goes when both the job and the answer are done; cleanup
	// runs once either way.
	var cleanup sync.Once
	release := func() { cleanup.Do(func() { os.RemoveAll(dir) }) }

	up, err := s.receive(w, r, dir)
	if err != nil {
		release()
		if r.Context().Err() == nil {
			writeError(w, err)
		}
		return
	}
	note = " " + up.Name

	// Wait for a slot: jobs beyond the cores would only share them and
	// all finish later.
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		release()
		s.ctxError(w, r)
		return
	}
	type outcome struct {
		res *Result
		err error
	}
	done := make(chan outcome, 1)
	answered := make(chan struct{})
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		var o outcome
		func() {
			defer func() {
				if p := recover(); p != nil {
					o.err = fmt.Errorf("%s: internal error: %v", up.Name, p)
				}
			}()
			o.res, o.err = e.Job(ctx, up)
		}()
		<-s.slots
		done <- o
		<-answered // the handler may still be sending the output file
		release()
	}()
	defer close(answered)

	select {
	case o := <-done:
		if o.err != nil {
			if ctx.Err() != nil {
				s.ctxError(w, r)
				return
			}
			writeError(w, o.err)
			return
		}
		writeResult(w, o.res, dir)
	case <-ctx.Done():
		s.ctxError(w, r)
	}
}

// ctxError answers a request whose context ended: 503 when the time ran
// out, nothing when the client left.
func (s *Server) ctxError(w http.ResponseWriter, r *http.Request) {
	if r.Context().Err() != nil {
		return
	}
	writeError(w, Errorf(http.StatusServiceUnavailable,
		"the work took longer than this server allows (%s; usinette serve --timeout)", s.limits.Timeout))
}

// receive saves the upload in dir/in. The body is either multipart form
// data (one part named "file", other fields are settings) or the file
// itself, named by ?name=.
func (s *Server) receive(w http.ResponseWriter, r *http.Request, dir string) (*Upload, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.limits.MaxUpload)
	in := filepath.Join(dir, "in")
	if err := os.Mkdir(in, 0o700); err != nil {
		return nil, err
	}
	up := &Upload{Dir: dir, Settings: url.Values{}}
	for k, v := range r.URL.Query() {
		if k != "name" {
			up.Settings[k] = v
		}
	}
	save := func(name string, body io.Reader) error {
		up.Name = SafeName(name)
		up.Path = filepath.Join(in, up.Name)
		f, err := os.OpenFile(up.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		_, err = io.Copy(f, body)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return s.uploadError(err)
	}
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		if err := save(r.URL.Query().Get("name"), r.Body); err != nil {
			return nil, err
		}
		return up, nil
	}
	if params["boundary"] == "" {
		return nil, Errorf(http.StatusBadRequest, "multipart upload without a boundary")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, Errorf(http.StatusBadRequest, "bad upload: %v", err)
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, s.uploadError(err)
		}
		if p.FormName() == "file" {
			if up.Path != "" {
				return nil, Errorf(http.StatusBadRequest, "send one file per request")
			}
			if err := save(p.FileName(), p); err != nil {
				return nil, err
			}
			continue
		}
		v, err := io.ReadAll(io.LimitReader(p, 4096))
		if err != nil {
			return nil, s.uploadError(err)
		}
		up.Settings.Add(p.FormName(), string(v))
	}
	if up.Path == "" {
		return nil, Errorf(http.StatusBadRequest, `no file in the upload (send it as the form field "file")`)
	}
	return up, nil
}

func (s *Server) uploadError(err error) error {
	if err == nil {
		return nil
	}
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return Errorf(http.StatusRequestEntityTooLarge, "upload larger than %d MB (usinette serve --max-upload)", s.limits.MaxUpload>>20)
	}
	return Errorf(http.StatusBadRequest, "upload interrupted: %v", err)
}

// asciiJSON escapes the non-ASCII characters of a JSON text as \uXXXX
// (they can only be inside strings), so that it fits in a header.
func asciiJSON(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, "\\u%04x\\u%04x", r1, r2)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

// loopbackHost reports whether the Host header names this machine.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// SafeName reduces a client's file name to a base name made of letters,
// digits, '-', '_' and '.': the folders are dropped (either slash), other
// characters become '_', leading dots go (no hidden file, no ".."), and
// it is at most 100 bytes with its extension kept. An empty result is
// "upload".
func SafeName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	var b strings.Builder
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			b.WriteRune(c)
		default:
			b.WriteByte('_')
		}
	}
	s := strings.TrimLeft(b.String(), ".")
	if len(s) > 100 {
		ext := path.Ext(s)
		if len(ext) > 10 {
			ext = ""
		}
		s = s[:100-len(ext)] + ext
	}
	if strings.Trim(s, "_.") == "" {
		return "upload"
	}
	return s
}

func writeResult(w http.ResponseWriter, res *Result, dir string) {
	h := w.Header()
	ct := res.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	if res.Filename != "" {
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": res.Filename}))
	}
	if len(res.Warnings) > 0 {
		ascii := make([]string, len(res.Warnings))
		for i, w := range res.Warnings {
			ascii[i] = strings.Map(func(r rune) rune {
				if r < 0x20 || r > 0x7e {
					return '?'
				}
				return r
			}, w)
		}
		b, _ := json.Marshal(ascii)
		h.Set("Usinette-Warnings", string(b))
	}
	if len(res.Summary) > 0 {
		var b bytes.Buffer
		if err := json.Compact(&b, res.Summary); err == nil {
			h.Set("Usinette-Summary", asciiJSON(b.String()))
		}
	}
	if res.Path == "" {
		w.Write(res.Body)
		return
	}
	// The job's file must be inside the request's folder.
	rel, err := filepath.Rel(dir, res.Path)
	if err != nil || strings.HasPrefix(rel, "..") {
		writeError(w, fmt.Errorf("internal error: output outside the request's folder"))
		return
	}
	f, err := os.Open(res.Path)
	if err != nil {
		writeError(w, err)
		return
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		h.Set("Content-Length", fmt.Sprint(st.Size()))
	}
	io.Copy(w, f)
}

// writeError answers {"error": message} with the error's status (500 for
// an error that is not an *Error).
func writeError(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	var e *Error
	if errors.As(err, &e) {
		status = e.Status
	}
	w.Header().Del("Content-Disposition")
	writeJSON(w, status, map[string]string{"error": err.Error()})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
