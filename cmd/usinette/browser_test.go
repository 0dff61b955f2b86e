package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/usinette/usinette/internal/web"
)

// findChromium is Debian's chromium (what .ci/run installs) or another
// Chrome on PATH; the test skips without one unless
// USINETTE_BROWSER_REQUIRED=1 (CI), where it fails.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("USINETTE_BROWSER_REQUIRED") == "1" {
		t.Fatal("no chromium on PATH and USINETTE_BROWSER_REQUIRED=1 (apt-get install chromium)")
	}
	t.Skip("no chromium on PATH (apt-get install chromium); the page's browser test is skipped")
	return ""
}

// TestBrowserPage drives the page in headless Chromium as a workshop
// would: an SVG is stitched (the simulation runs to its end, the PES
// downloaded is the CLI's), then cut, then an STL is sliced; a screenshot
// of each machine's view is kept in the test's folder.
func TestBrowserPage(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	exe := findChromium(t)
	files := serveInputs(t)
	ts, _, _ := startServe(t, web.Limits{})
	dir := t.TempDir()
	files["bad.svg"] = []byte("this is not a drawing\n")
	for _, n := range []string{"badge.svg", "example.stl", "badge.pes", "bad.svg"} {
		if err := os.WriteFile(filepath.Join(dir, n), files[n], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	downloads := filepath.Join(dir, "downloads")
	if err := os.Mkdir(downloads, 0o755); err != nil {
		t.Fatal(err)
	}

	// The flags this machine's Chromium needs: no sandbox as root, no
	// GPU, and none of the background connections a closed network
	// refuses.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1400, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelT()
	wait := func(sel string) chromedp.Action[chromedp.Void] { return chromedp.WaitReady(chromedp.CSS(sel)) }

	// Start the browser, let it download into our folder, and follow
	// its downloads.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	events := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: &events,
	}); err != nil {
		t.Fatal(err)
	}
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)

	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		wait("#file"),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{filepath.Join(dir, "badge.svg")}),
		wait(`body[data-machine="embroidery"][data-simulation="done"]`),
		wait("#dl-dst"),
	)
	if err != nil {
		t.Fatalf("embroidery: %v", err)
	}
	checkCanvas(t, ctx, "embroidery", "#f7f4ee")
	sewn := text(t, ctx, "#progress-text")
	if n := strings.Fields(sewn); len(n) < 3 || n[0] != n[2] || n[0] == "0" {
		t.Errorf("simulation over at %q", sewn)
	}
	t.Logf("embroidery: %s; blocks: %s", sewn, strings.Join(strings.Fields(text(t, ctx, "#blocks")), " "))
	screenshot(t, ctx, dir, "embroidery")

	// Download the PES as a person would, and compare it with the CLI's.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#dl-pes"))); err != nil {
		t.Fatal(err)
	}
	guid := ""
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("the PES download did not complete: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			guid = ev.GUID
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the PES download was cancelled")
		}
	}
	got, err := os.ReadFile(filepath.Join(downloads, guid))
	if err != nil {
		t.Fatal(err)
	}
	cliDir := t.TempDir()
	os.WriteFile(filepath.Join(cliDir, "badge.svg"), files["badge.svg"], 0o644)
	if code, _, stderr := runCLIIn(t, cliDir, "stitch", "badge.svg", "-o", "badge.pes", "--hoop", "260x160", "--pes-version", "1", "-q"); code != 0 {
		t.Fatal(stderr)
	}
	want, err := os.ReadFile(filepath.Join(cliDir, "badge.pes"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("downloaded PES (%d bytes) differs from the CLI's (%d bytes)", len(got), len(want))
	} else {
		t.Logf("downloaded PES: %d bytes, the CLI's", len(got))
	}

	// The same SVG on the cutter.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`input[name=machine][value=cutter]`)),
		wait(`body[data-machine="cutter"][data-simulation="done"]`),
		wait("#dl-hpgl"),
	)
	if err != nil {
		t.Fatalf("cutter: %v", err)
	}
	checkCanvas(t, ctx, "cutter", "#eef0f4")
	screenshot(t, ctx, dir, "cutter")

	// An STL on the printer, a middle layer shown.
	err = chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{filepath.Join(dir, "example.stl")}),
		wait(`body[data-machine="printer"][data-simulation="done"]`),
		wait("#dl-gcode"),
	)
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const s = document.getElementById("layer");
			s.value = String(Math.round(Number(s.max) / 3)); s.dispatchEvent(new Event("input")); return s.value; })()`))
	}
	if err != nil {
		t.Fatalf("printer: %v", err)
	}
	checkCanvas(t, ctx, "printer", "#2b303b")
	t.Logf("printer: layer %s", text(t, ctx, "#layer-text"))
	// The figures shown are slice's own, as `usinette slice --json` prints them.
	os.WriteFile(filepath.Join(cliDir, "example.stl"), files["example.stl"], 0o644)
	code, stdout, stderr := runCLIIn(t, cliDir, "slice", "example.stl", "-o", "example.gcode", "--json")
	if code != 0 {
		t.Fatal(stderr)
	}
	var sum struct {
		Layers     int     `json:"layers"`
		FilamentMM float64 `json:"filament_mm"`
		FilamentG  float64 `json:"filament_g"`
	}
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	stats := text(t, ctx, "#stats")
	for _, want := range []string{fmt.Sprintf("layers\n%d", sum.Layers), fmt.Sprintf("%.2f m · %.1f g", sum.FilamentMM/1000, sum.FilamentG)} {
		if !strings.Contains(stats, want) {
			t.Errorf("printer figures %q lack %q", stats, want)
		}
	}
	screenshot(t, ctx, dir, "printer")

	// A PES file goes to the embroidery machine and is sewn as it is.
	err = chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{filepath.Join(dir, "badge.pes")}),
		wait(`body[data-machine="embroidery"][data-simulation="done"]`),
		wait("#dl-dst"),
	)
	if err != nil {
		t.Fatalf("PES file: %v", err)
	}
	if got := text(t, ctx, "#progress-text"); got != sewn {
		t.Errorf("the PES downloaded, dropped back: %q; the SVG was %q", got, sewn)
	}

	// A bad file: the page shows the CLI's words.
	err = chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{filepath.Join(dir, "bad.svg")}),
		wait(`body[data-state="error"]`),
	)
	if err != nil {
		t.Fatalf("bad file: %v", err)
	}
	os.WriteFile(filepath.Join(cliDir, "bad.svg"), files["bad.svg"], 0o644)
	_, _, stderr = runCLIIn(t, cliDir, "stitch", "bad.svg", "-o", "bad.pes", "-q")
	if got, want := text(t, ctx, "#error"), strings.TrimSpace(strings.TrimPrefix(stderr, "usinette: ")); got != want {
		t.Errorf("page says %q, the CLI %q", got, want)
	}
}

// checkCanvas fails when the drawing is (nearly) only background: at
// least 1 % of the canvas's pixels must differ from bg.
func checkCanvas(t *testing.T, ctx context.Context, what, bg string) {
	t.Helper()
	js := `(() => { const c = document.getElementById("canvas"); const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		const bg = [parseInt("` + bg[1:3] + `", 16), parseInt("` + bg[3:5] + `", 16), parseInt("` + bg[5:7] + `", 16)];
		let n = 0; for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i]-bg[0]) + Math.abs(d[i+1]-bg[1]) + Math.abs(d[i+2]-bg[2]) > 24) n++;
		return n / (d.length / 4); })()`
	frac, err := chromedp.Run(ctx, chromedp.Evaluate[float64](js))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %.1f %% of the canvas drawn", what, 100*frac)
	if frac < 0.01 {
		t.Errorf("%s: only %.2f %% of the canvas differs from the background", what, 100*frac)
	}
}

// screenshot writes the page's viewport as NAME.png in dir (or in
// $USINETTE_SCREENSHOTS when set, to look at them) and checks its size.
func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if d := os.Getenv("USINETTE_SCREENSHOTS"); d != "" {
		dir = d
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < 600 || len(buf) < 20000 {
		t.Errorf("%s: %dx%d, %d bytes: too small for the page", path, b.Dx(), b.Dy(), len(buf))
	}
	t.Logf("%s: %d bytes", path, len(buf))
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("%s: %v", sel, err)
	}
	return s
}
