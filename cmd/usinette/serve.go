package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/usinette/usinette/gcode"
	"github.com/usinette/usinette/internal/web"
)

const serveLong = `serve starts a web page for workshops: drop a file (STL/3MF/OBJ, SVG, PES,
DST, G-code), pick the machine, watch the stitches, the cut order or the layers,
change the common settings and take the machine's file home. The page, its
scripts and styles are inside the binary; it needs no internet.

It listens on 127.0.0.1:8080 (this computer only); --addr 0.0.0.0:8080 lets
the phones on the fablab's network in. Uploads are limited (--max-upload, 413
beyond), each request's work to --timeout and cancelled when the client goes
away, and --jobs run at once (one per core). Files live in a temporary
folder removed when their request ends.

The page uses a small JSON HTTP API, usable with curl. Each endpoint takes
the file as the request body (?name=FILE names it) or as the form field
"file" (curl -F file=@design.svg), runs the same code as the CLI command it
is named after with the settings given as parameters named like its flags,
and answers the same bytes the command writes (or, with json=true, the same
JSON as its --json). A file from slice, cut or stitch comes with that run's
--json figures in the header Usinette-Summary (one line); what the command
says on stderr (text not converted to paths...) comes in the header
Usinette-Warnings, a JSON array. Errors are {"error": "..."} with the CLI's
words, 400 for a bad file or setting, 413 for a too large upload, 503 past
--timeout.

  POST /api/slice          STL/3MF/OBJ -> G-code; output=gcode; infill,
                           infill-pattern, perimeters, layer-height, brim, scale,
                           rotate, rotate-x, rotate-y, lay-flat, support,
                           support-buildplate-only, copies,
                           color-change-at, pause-at, pause-message; json
  POST /api/gcode/info     G-code -> "gcode info --json"; silent, layers,
                           filament-diameter, filament-density
  POST /api/gcode/preview  G-code -> PNG/SVG; output=png|svg, layer, travel, width
  POST /api/gcode/moves    G-code -> extrusion paths per layer as JSON (the page's
                           layer view; no CLI equivalent)
  POST /api/cut            SVG -> output=gpgl|hpgl|svg|png; material, flex, mirror,
                           media, speed, force, depth, overcut, passes, weed-box,
                           weed-lines, weld, contour, skip-text, scale, fit,
                           tool, pen, layer, color, ...; json
  POST /api/stitch         SVG -> output=pes|dst; hoop, pes-version, spm,
                           no-pull-compensation; json
  POST /api/convert        PES/DST/JSON -> output=pes|dst|json; pes-version,
                           hoop, max-stitch
  POST /api/info           PES/DST/JSON -> "info --json"; hoop, spm, max-stitch
  POST /api/preview        PES/DST/JSON -> output=png|svg; dpmm, thread-width, no-jumps
  GET  /api/               this list as JSON, with the limits in force`

const serveExample = `  usinette serve
  usinette serve --addr 0.0.0.0:8080 --timeout 10m
  curl -F file=@badge.svg 'http://127.0.0.1:8080/api/stitch?output=pes&hoop=130x180' -o badge.pes
  curl --data-binary @badge.svg 'http://127.0.0.1:8080/api/stitch?name=badge.svg&json=true'`

func newServeCmd() *cobra.Command {
	var (
		addr      string
		maxUpload int64
		timeout   time.Duration
		jobs      int
	)
	cmd := &cobra.Command{
		Use:     "serve",
		Short:   "Workshop web page: drop a file, watch it, take the machine file home",
		Long:    serveLong,
		Example: serveExample,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if maxUpload <= 0 || timeout <= 0 || jobs < 0 {
				return usageError("--max-upload and --timeout must be > 0, --jobs >= 0")
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			defer ln.Close()
			host, _, _ := net.SplitHostPort(ln.Addr().String())
			loopback := net.ParseIP(host).IsLoopback()
			srv, err := newServer(web.Limits{MaxUpload: maxUpload << 20, Timeout: timeout, Jobs: jobs, LoopbackHosts: loopback}, "", cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer srv.Close(10 * time.Second)
			stderr := cmd.ErrOrStderr()
			fmt.Fprintf(stderr, "usinette: serving the workshop page on http://%s/ (Ctrl-C to stop)\n", ln.Addr())
			if !loopback {
				fmt.Fprintf(stderr, "usinette: %s is reachable from other machines on the network\n", ln.Addr())
				if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
					// Say the addresses the phones in the room can type.
					_, port, _ := net.SplitHostPort(ln.Addr().String())
					addrs, _ := net.InterfaceAddrs()
					for _, a := range addrs {
						if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() {
							fmt.Fprintf(stderr, "usinette:   http://%s/\n", net.JoinHostPort(n.IP.String(), port))
						}
					}
				}
			}
			hs := &http.Server{
				Handler:           srv,
				ReadHeaderTimeout: 10 * time.Second,
				ReadTimeout:       timeout,
				WriteTimeout:      timeout + time.Minute,
				IdleTimeout:       2 * time.Minute,
			}
			// SIGTERM too (systemd, kill): the temporary folder goes either way.
			ctx, stop := signal.NotifyContext(cmdContext(cmd), os.Interrupt, syscall.SIGTERM)
			defer stop()
			errc := make(chan error, 1)
			go func() { errc <- hs.Serve(ln) }()
			select {
			case err := <-errc:
				return fmt.Errorf("serve: %w", err)
			case <-ctx.Done():
			}
			fmt.Fprintln(stderr, "usinette: stopping")
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			return hs.Shutdown(sctx)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (0.0.0.0:8080 shares the page on the network)")
	fl.Int64Var(&maxUpload, "max-upload", web.DefaultMaxUpload>>20, "largest upload in MB")
	fl.DurationVar(&timeout, "timeout", web.DefaultTimeout, "longest work for one request")
	fl.IntVar(&jobs, "jobs", 0, "jobs run at once (default: one per core)")
	return cmd
}

// apiCommand is an endpoint that runs one of the CLI's commands on the
// upload, in process, with the same code, flags and words.
type apiCommand struct {
	path, doc, input string
	// args are the command's arguments for the input and output files
	// (out is "" for a command that writes no file).
	args func(in, out string) []string
	// outputs are the extensions ?output= may ask for, the default first;
	// none: the command answers the JSON it prints.
	outputs []string
	// settings are the flags a client may set (never one that names a
	// file or a device).
	settings []string
	// jsonFlag: json=true adds --json and answers what it prints.
	jsonFlag bool
	// alone: one run at a time (slicing tunes the process-wide garbage
	// collector for its run, and uses every core anyway).
	alone bool
}

var apiCommands = []apiCommand{
	{path: "/api/slice", doc: "STL/3MF/OBJ -> G-code for the Prusa i3 MK3S (usinette slice)", input: ".stl .3mf .obj",
		args:    func(in, out string) []string { return []string{"slice", in, "-o", out, "-q"} },
		outputs: []string{"gcode"},
		settings: []string{"infill", "infill-pattern", "perimeters", "layer-height", "brim", "scale", "rotate",
			"rotate-x", "rotate-y", "lay-flat", "support", "support-buildplate-only", "copies", "color-change-at", "pause-at", "pause-message"},
		jsonFlag: true, alone: true},
	{path: "/api/gcode/info", doc: "G-code -> its figures (usinette gcode info --json)", input: ".gcode",
		args:     func(in, _ string) []string { return []string{"gcode", "info", "--json", "-q", in} },
		settings: []string{"silent", "layers", "filament-diameter", "filament-density"}},
	{path: "/api/gcode/preview", doc: "G-code -> picture from above (usinette gcode preview)", input: ".gcode",
		args:     func(in, out string) []string { return []string{"gcode", "preview", in, "-o", out} },
		outputs:  []string{"png", "svg"},
		settings: []string{"layer", "travel", "width", "line-width"}},
	{path: "/api/cut", doc: "SVG -> cutter file for the Cameo 4 Pro (usinette cut)", input: ".svg",
		args:    func(in, out string) []string { return []string{"cut", in, "-o", out, "-q"} },
		outputs: []string{"gpgl", "hpgl", "svg", "png", "cmd", "plt"},
		settings: []string{"layer", "color", "tolerance", "overcut", "lead-in", "blade-offset", "passes", "mirror",
			"flex", "weed-box", "weed-lines", "tool", "speed", "force", "depth", "material", "mat", "media", "pen", "dpmm",
			"at-origin", "roll-length", "skip-text", "weld", "contour", "scale", "fit"},
		jsonFlag: true},
	{path: "/api/stitch", doc: "SVG -> embroidery for the Brother 870SE (usinette stitch)", input: ".svg",
		args:     func(in, out string) []string { return []string{"stitch", in, "-o", out, "-q"} },
		outputs:  []string{"pes", "dst"},
		settings: []string{"hoop", "pes-version", "spm", "no-pull-compensation"},
		jsonFlag: true},
	{path: "/api/convert", doc: "PES/DST/JSON -> PES/DST/JSON (usinette convert)", input: ".pes .dst .json",
		args:     func(in, out string) []string { return []string{"convert", in, out, "-q"} },
		outputs:  []string{"pes", "dst", "json"},
		settings: []string{"pes-version", "hoop", "max-stitch"}},
	{path: "/api/info", doc: "PES/DST/JSON -> its figures (usinette info --json)", input: ".pes .dst .json",
		args:     func(in, _ string) []string { return []string{"info", "--json", in} },
		settings: []string{"hoop", "spm", "max-stitch"}},
	{path: "/api/preview", doc: "PES/DST/JSON -> picture (usinette preview)", input: ".pes .dst .json",
		args:     func(in, out string) []string { return []string{"preview", in, "-o", out} },
		outputs:  []string{"png", "svg"},
		settings: []string{"dpmm", "thread-width", "no-jumps"}},
}

// newServer is the page and the API: the CLI's commands as endpoints, and
// the layer paths the page draws.
func newServer(l web.Limits, tmp string, log interface{ Write([]byte) (int, error) }) (*web.Server, error) {
	s, err := web.New(l, tmp, log)
	if err != nil {
		return nil, err
	}
	alone := make(chan struct{}, 1)
	for _, c := range apiCommands {
		c := c
		settings := c.settings
		if c.jsonFlag {
			settings = append(slices.Clone(settings), "json")
		}
		if len(c.outputs) > 0 {
			settings = append(slices.Clone(settings), "output")
		}
		s.Handle(web.Endpoint{Path: c.path, Doc: c.doc, Input: c.input, Settings: settings,
			Job: func(ctx context.Context, up *web.Upload) (*web.Result, error) {
				if c.alone {
					select {
					case alone <- struct{}{}:
						defer func() { <-alone }()
					case <-ctx.Done():
						return nil, ctx.Err()
					}
				}
				return runAPICommand(ctx, c, up)
			}})
	}
	s.Handle(web.Endpoint{Path: "/api/gcode/moves", Doc: "G-code -> extrusion paths per layer, JSON (the page's layer view)",
		Input: ".gcode",
		Job: func(ctx context.Context, up *web.Upload) (*web.Result, error) {
			for k := range up.Settings {
				return nil, web.Errorf(http.StatusBadRequest, "/api/gcode/moves: unknown setting %q (it takes none)", k)
			}
			var buf bytes.Buffer
			if err := web.WriteMoves(ctx, &buf, up.Path, gcode.Options{}); err != nil {
				return nil, web.Errorf(http.StatusBadRequest, "%s: %v", up.Name, err)
			}
			return &web.Result{Body: buf.Bytes(), ContentType: "application/json"}, nil
		}})
	return s, nil
}

var contentTypes = map[string]string{
	"gcode": "text/x-gcode; charset=utf-8", "png": "image/png", "svg": "image/svg+xml",
	"json": "application/json", "hpgl": "application/vnd.hp-hpgl", "plt": "application/vnd.hp-hpgl",
}

// runAPICommand runs the command c on the upload: the settings become
// --flag=value arguments (only those c allows), the output goes to the
// request's folder, and the paths of that folder are taken out of what the
// command says, which then reads as the CLI run on the client's file.
func runAPICommand(ctx context.Context, c apiCommand, up *web.Upload) (*web.Result, error) {
	ext := ""
	if len(c.outputs) > 0 {
		ext = c.outputs[0]
	}
	asJSON := len(c.outputs) == 0
	var flags []string
	for _, k := range sortedKeys(up.Settings) {
		vs := up.Settings[k]
		switch {
		case k == "output" && len(c.outputs) > 0:
			ext = strings.ToLower(strings.TrimPrefix(vs[len(vs)-1], "."))
			if !slices.Contains(c.outputs, ext) {
				return nil, web.Errorf(http.StatusBadRequest, "output %q: want %s", vs[len(vs)-1], strings.Join(c.outputs, ", "))
			}
		case k == "json" && c.jsonFlag:
			on := vs[len(vs)-1]
			asJSON = on == "" || on == "1" || on == "true"
		case slices.Contains(c.settings, k):
			for _, v := range vs {
				flags = append(flags, "--"+k+"="+v)
			}
		default:
			return nil, web.Errorf(http.StatusBadRequest, "%s: unknown setting %q (known: %s)", c.path, k, strings.Join(c.settings, ", "))
		}
	}
	out := ""
	if ext != "" {
		if err := os.Mkdir(filepath.Join(up.Dir, "out"), 0o700); err != nil {
			return nil, err
		}
		stem := strings.TrimSuffix(up.Name, filepath.Ext(up.Name))
		out = filepath.Join(up.Dir, "out", stem+"."+ext)
	}
	args := append(c.args(up.Path, out), flags...)
	if c.jsonFlag {
		// --json changes only what is printed, never the file: the
		// figures of this very run go with the file (Usinette-Summary).
		args = append(args, "--json")
	}
	root := newRootCmd()
	var stdout, stderr bytes.Buffer
	root.SetArgs(args)
	root.SetIn(strings.NewReader(""))
	root.SetOut(&stdout)
	root.SetErr(&stderr)
	clean := strings.NewReplacer(up.Dir+"/in/", "", up.Dir+"/out/", "", up.Dir+"/", "", up.Dir, "")
	if err := root.ExecuteContext(ctx); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &web.Error{Status: http.StatusBadRequest, Msg: clean.Replace(err.Error())}
	}
	var warnings []string
	for _, l := range strings.Split(clean.Replace(stderr.String()), "\n") {
		if l = strings.TrimSpace(strings.TrimPrefix(l, "usinette: ")); l != "" {
			warnings = append(warnings, l)
		}
	}
	if asJSON {
		return &web.Result{Body: []byte(clean.Replace(stdout.String())), ContentType: "application/json", Warnings: warnings}, nil
	}
	ct := contentTypes[ext]
	if ct == "" {
		ct = "application/octet-stream"
	}
	res := &web.Result{Path: out, ContentType: ct, Filename: filepath.Base(out), Warnings: warnings}
	if c.jsonFlag {
		res.Summary = []byte(clean.Replace(stdout.String()))
	}
	return res, nil
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
