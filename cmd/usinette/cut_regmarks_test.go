package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCutRegmarks: --print writes the page with the marks and the GPGL
// file searches them; a job the marks cannot serve is refused before any
// file is written. (The geometry itself is checked against Inkscape and
// inkscape-silhouette in package cut.)
func TestCutRegmarks(t *testing.T) {
	sticker := filepath.Join("..", "..", "cut", "testdata", "regmarks", "sticker.svg")
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
		check  func(t *testing.T)
	}{
		{"print and cut", []string{"cut", sticker, "--mat", "--print", p("page.svg"), "-o", p("s.gpgl")}, 0,
			"registration marks from x 10.0 y 10.0, 160.0 × 220.0 mm apart", func(t *testing.T) {
				b, _ := os.ReadFile(p("s.gpgl"))
				if !bytes.Contains(b, []byte("\x03TB99\x03TB52,2\x03TB51,400\x03TB53,10\x03TB55,1\x03TB123,4400,3200,0,0\x03M")) {
					t.Errorf("no mark search before the cut in %q", b[:min(len(b), 200)])
				}
				page, _ := os.ReadFile(p("page.svg"))
				for _, id := range []string{`id="regmark-tl"`, `id="regmark-tr"`, `id="regmark-bl"`, `id="badge"`, `width="180mm" height="240mm"`} {
					if !bytes.Contains(page, []byte(id)) {
						t.Errorf("page lacks %s", id)
					}
				}
			}},
		{"inset", []string{"cut", sticker, "--mat", "--regmark-inset", "12", "-o", p("i.gpgl")}, 0, "", func(t *testing.T) {
			b, _ := os.ReadFile(p("i.gpgl"))
			if !bytes.Contains(b, []byte("TB123,4320,3120,40,40\x03")) {
				t.Errorf("search for marks 12 mm in missing")
			}
		}},
		{"page only", []string{"cut", sticker, "--mat", "--print", p("only.svg")}, 0, "", func(t *testing.T) {
			if _, err := os.Stat(p("only.svg")); err != nil {
				t.Error(err)
			}
		}},
		{"design off the marks", []string{"cut", sticker, "--mat", "--regmark-inset", "40", "--print", p("no.svg"), "-o", p("no.gpgl")}, 1,
			`cut "label" reaches x 35.4, y 175.0 mm, outside the registration marks`, func(t *testing.T) {
				for _, f := range []string{"no.svg", "no.gpgl"} {
					if _, err := os.Stat(p(f)); err == nil {
						t.Errorf("%s written for a refused job", f)
					}
				}
			}},
		{"png page", []string{"cut", sticker, "--mat", "--print", p("page.png"), "--dpmm", "4"}, 0, "", func(t *testing.T) {
			b, _ := os.ReadFile(p("page.png"))
			if !bytes.HasPrefix(b, []byte("\x89PNG")) {
				t.Errorf("page.png is no PNG: %q", b[:min(len(b), 8)])
			}
		}},
		{"pdf page", []string{"cut", sticker, "--mat", "--print", p("page.pdf")}, 0, "", func(t *testing.T) {
			b, _ := os.ReadFile(p("page.pdf"))
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("page.pdf is no PDF: %q", b[:min(len(b), 8)])
			}
		}},
		{"jpg page", []string{"cut", sticker, "--print", p("page.jpg")}, 2, "written as .svg, .png or .pdf", nil},
		{"hpgl", []string{"cut", sticker, "--regmarks", "-o", p("x.hpgl")}, 2, "HPGL has no registration mark search", nil},
		{"at origin", []string{"cut", sticker, "--regmarks", "--at-origin", "-o", p("x.gpgl")}, 2, "keep the printed page's place", nil},
		{"scaled", []string{"cut", sticker, "--regmarks", "--scale", "2", "-o", p("x.gpgl")}, 2, "keep the printed page's place", nil},
		{"zero inset", []string{"cut", sticker, "--regmark-inset", "0", "-o", p("x.gpgl")}, 2, "--regmark-inset 0", nil},
		{"same file", []string{"cut", sticker, "--print", p("x.svg"), "-o", p("x.svg")}, 2, "same file", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := execute(tc.args, strings.NewReader(""), &stdout, &stderr)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tc.stderr)
			}
			if tc.check != nil {
				tc.check(t)
			}
		})
	}
}
