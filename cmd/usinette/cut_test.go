package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/vector"
)

func TestCutCommand(t *testing.T) {
	sticker := corpus.Path(t, "svg/own_sticker.svg")
	dir := t.TempDir()
	pty, ptyData := openPTY(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
		check  func(t *testing.T, stdout string)
	}{
		{"gpgl json", []string{"cut", sticker, "-o", filepath.Join(dir, "s.gpgl"), "--json"}, 0, "", func(t *testing.T, out string) {
			var s struct {
				Paths       int     `json:"paths"`
				CutLengthMM float64 `json:"cut_length_mm"`
				TravelMM    float64 `json:"travel_mm"`
				BoundsMM    struct {
					MinX float64 `json:"min_x"`
					MaxX float64 `json:"max_x"`
				} `json:"bounds_mm"`
			}
			if err := json.Unmarshal([]byte(out), &s); err != nil {
				t.Fatal(err, out)
			}
			if s.Paths != 16 || s.CutLengthMM < 800 || s.TravelMM <= 0 || s.BoundsMM.MaxX != 117 {
				t.Errorf("summary %+v", s)
			}
			b, err := os.ReadFile(filepath.Join(dir, "s.gpgl"))
			if err != nil || !bytes.HasPrefix(b, []byte("\x1b\x04TG0\x03")) || !bytes.Contains(b, []byte("FC18,1,1\x03")) {
				t.Errorf("GPGL stream head %q", b[:min(40, len(b))])
			}
		}},
		{"flex", []string{"cut", sticker, "-o", filepath.Join(dir, "f.gpgl"), "--flex"}, 0, "", func(t *testing.T, _ string) {
			b, _ := os.ReadFile(filepath.Join(dir, "f.gpgl"))
			if !bytes.Contains(b, []byte("!8,1\x03")) || !bytes.Contains(b, []byte("TF2,1\x03")) {
				t.Errorf("flex preset not in stream")
			}
		}},
		{"software blade offset never with FC18", []string{"cut", sticker, "-o", filepath.Join(dir, "b.gpgl"), "--blade-offset", "0.9"}, 0, "", func(t *testing.T, _ string) {
			b, _ := os.ReadFile(filepath.Join(dir, "b.gpgl"))
			if bytes.Contains(b, []byte("FC18")) {
				t.Error("FC18 sent although the plan compensates")
			}
		}},
		{"hpgl", []string{"cut", sticker, "-o", filepath.Join(dir, "s.hpgl")}, 0, "", func(t *testing.T, _ string) {
			b, _ := os.ReadFile(filepath.Join(dir, "s.hpgl"))
			if !bytes.HasPrefix(b, []byte("IN;PU;SP1;PU")) {
				t.Errorf("HPGL head %q", b[:20])
			}
		}},
		{"svg", []string{"cut", sticker, "-o", filepath.Join(dir, "s.svg"), "--layer", "Cut"}, 0, "", func(t *testing.T, _ string) {
			doc, err := vector.ReadFile(filepath.Join(dir, "s.svg"), vector.ReadOptions{})
			if err != nil || len(doc.Shapes) != 15 {
				t.Errorf("planned SVG: %v, %d paths", err, len(doc.Shapes))
			}
		}},
		{"png", []string{"cut", sticker, "-o", filepath.Join(dir, "s.png")}, 0, "", nil},
		// a pseudo-terminal stands in for the cutter: --send takes
		// character devices only
		{"send", []string{"cut", sticker, "--send", pty}, 0, "", func(t *testing.T, _ string) {
			if ptyData == nil {
				return
			}
			if b := ptyData([]byte("SO0\x03")); !bytes.HasSuffix(b, []byte("SO0\x03")) {
				t.Error("device file does not hold the stream")
			}
		}},
		{"send to a missing device", []string{"cut", sticker, "--send", filepath.Join(dir, "lp9")}, 1, "lp9 does not exist: is the machine plugged in", func(t *testing.T, _ string) {
			if _, err := os.Stat(filepath.Join(dir, "lp9")); err == nil {
				t.Error("--send created a regular file for a missing device")
			}
		}},
		{"empty selection", []string{"cut", sticker, "-o", filepath.Join(dir, "x.gpgl"), "--layer", "Nope"}, 1,
			`own_sticker.svg: nothing to cut (7 shapes, none on layer "Nope")`, nil},
		{"bad extension", []string{"cut", sticker, "-o", filepath.Join(dir, "x.pdf")}, 2, "unknown output format", nil},
		{"bad speed", []string{"cut", sticker, "-o", filepath.Join(dir, "x.gpgl"), "--speed", "31"}, 2, "speed 31", nil},
		{"missing file", []string{"cut", filepath.Join(dir, "none.svg"), "-o", filepath.Join(dir, "x.gpgl")}, 1, "none.svg", nil},
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
				tc.check(t, stdout.String())
			}
		})
	}
}

// mustCreate creates an empty file at path (a stand-in for a device node)
// and returns path.
func mustCreate(t *testing.T, path string) string {
	t.Helper()
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
