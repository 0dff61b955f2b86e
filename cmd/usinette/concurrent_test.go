package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/usinette/usinette/cut"
	"github.com/usinette/usinette/dst"
	"github.com/usinette/usinette/gcode"
	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
	"github.com/usinette/usinette/pes"
	"github.com/usinette/usinette/preview"
	"github.com/usinette/usinette/slice"
	"github.com/usinette/usinette/stitch"
	"github.com/usinette/usinette/vector"
)

// TestLibrariesConcurrent runs what a Go service would run side by side —
// G-code analysis and preview, SVG reading, cut planning and GPGL/PNG
// output, STL decoding and slicing, stitch planning, PES and DST encoding
// and decoding, embroidery preview — from 8 goroutines, and checks each
// result equals the one computed alone. Under `go test -race` it shows the
// packages share no mutable state.
func TestLibrariesConcurrent(t *testing.T) {
	gcodeData := readCorpus(t, "gcode/xyz_calibration_cube_prusa.gcode")
	svgData := readCorpus(t, "svg/own_sticker.svg")
	pesData := readCorpus(t, "pes/golden/two_color_trim_jump.inkstitch.v6.pes")
	dstData := readCorpus(t, "pes/golden/full_hoop_260x160.pyemb.dst")
	stlData := readCorpus(t, "stl/cube20_scad.stl")
	ctx := context.Background()

	jobs := map[string]func() ([]byte, error){
		"gcode.Analyze": func() ([]byte, error) {
			st, err := gcode.Analyze(ctx, bytes.NewReader(gcodeData), gcode.Options{})
			if err != nil {
				return nil, err
			}
			return fmt.Appendf(nil, "%d %.6f %.6f %+v", st.Layers, st.PrintTimeS, st.FilamentMM, st.Bounds), nil
		},
		"preview.GCode": func() ([]byte, error) {
			var b bytes.Buffer
			err := preview.GCode(ctx, &b, bytes.NewReader(gcodeData), preview.GCodeOptions{Width: 200, Layer: 3, Travel: true})
			return b.Bytes(), err
		},
		"vector.Read+cut.NewPlan+GPGL+preview.Cut": func() ([]byte, error) {
			doc, err := vector.Read(bytes.NewReader(svgData), vector.ReadOptions{})
			if err != nil {
				return nil, err
			}
			plan, err := cut.NewPlan(ctx, doc.Shapes, cut.PlanOptions{Overcut: 1, WeedBox: 3})
			if err != nil {
				return nil, err
			}
			var b bytes.Buffer
			if err := (cut.GPGL{Tool: 1, Speed: 5, Force: 10}).Write(&b, plan); err != nil {
				return nil, err
			}
			err = preview.Cut(ctx, &b, plan, preview.CutOptions{Width: doc.Width, Height: doc.Height, DPMM: 2})
			return b.Bytes(), err
		},
		"pes.Decode+Encode": func() ([]byte, error) {
			p, err := pes.Decode(bytes.NewReader(pesData))
			if err != nil {
				return nil, err
			}
			var b bytes.Buffer
			err = pes.Encode(&b, p, pes.EncodeOptions{Version: 6})
			return b.Bytes(), err
		},
		"dst.Decode+Encode+pes.Encode": func() ([]byte, error) {
			p, err := dst.Decode(bytes.NewReader(dstData))
			if err != nil {
				return nil, err
			}
			var b bytes.Buffer
			if err := dst.Encode(&b, p, dst.EncodeOptions{}); err != nil {
				return nil, err
			}
			err = pes.Encode(&b, p, pes.EncodeOptions{})
			return b.Bytes(), err
		},
		"stl.DecodeMesh+slice.Run": func() ([]byte, error) {
			m, rep, err := stl.DecodeMesh(bytes.NewReader(stlData), mesh.Options{})
			if err != nil {
				return nil, err
			}
			var b bytes.Buffer
			_, err = slice.Run(ctx, m, rep, &b, slice.Default(), slice.RunOptions{Name: "cube", Workers: 2})
			return b.Bytes(), err
		},
		"vector.Read+stitch.Plan+pes.Encode": func() ([]byte, error) {
			doc, err := vector.Read(bytes.NewReader(svgData), vector.ReadOptions{})
			if err != nil {
				return nil, err
			}
			p, _, err := stitch.Plan(ctx, doc, stitch.Options{})
			if err != nil {
				return nil, err
			}
			var b bytes.Buffer
			err = pes.Encode(&b, p, pes.EncodeOptions{Version: 6})
			return b.Bytes(), err
		},
		"preview.Stitch": func() ([]byte, error) {
			p, err := pes.Decode(bytes.NewReader(pesData))
			if err != nil {
				return nil, err
			}
			var b bytes.Buffer
			err = preview.Stitch(ctx, &b, p, preview.StitchOptions{DPMM: 4})
			return b.Bytes(), err
		},
	}
	want := map[string][]byte{}
	for name, job := range jobs {
		out, err := job()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want[name] = out
	}
	// 8 goroutines, each running every job, starting at a different one
	names := make([]string, 0, len(jobs))
	for name := range jobs {
		names = append(names, name)
	}
	const workers = 8
	var wg sync.WaitGroup
	errs := make(chan error, workers*len(jobs))
	for g := range workers {
		wg.Go(func() {
			for k := range names {
				name := names[(g+k)%len(names)]
				out, err := jobs[name]()
				switch {
				case err != nil:
					errs <- fmt.Errorf("%s: %w", name, err)
				case !bytes.Equal(out, want[name]):
					errs <- fmt.Errorf("%s: concurrent result differs from the one computed alone", name)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func readCorpus(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(corpus.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
