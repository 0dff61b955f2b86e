package web

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/usinette/usinette/gcode"
)

// WriteMoves writes the extruding moves of the G-code file at path as the
// JSON the page draws its layer view from:
//
//	{"layers": [{"z": 0.2, "paths": [[feature, x0, y0, x1, y1, ...], ...]}, ...],
//	 "features": ["External perimeter", ...], "colors": ["#ff7d38", ...],
//	 "bounds_mm": {...}}
//
// Layers are numbered as gcode.Analyze numbers them (index 0 is layer 1),
// feature is an index into features and colors (gcode.FeatureColor, the
// colours of `usinette gcode preview`), coordinates are mm rounded to
// 0.01 mm; consecutive moves of one feature that join become one path.
// The file is read twice (Analyze, then Walk), as preview.GCode does.
func WriteMoves(ctx context.Context, w io.Writer, path string, opts gcode.Options) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := gcode.Analyze(ctx, f, opts)
	if err != nil {
		return err
	}
	if err := gcode.NotGcode(st); err != nil {
		return err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	features := map[string]int{}
	var names []string
	var buf []byte
	layer := 0 // layers written so far
	open := false
	var last [3]float64
	lastFeature := -1
	num := func(v float64) {
		buf = strconv.AppendFloat(buf[:0], float64(int64(v*100+copysign(0.5, v)))/100, 'f', -1, 64)
		bw.Write(buf)
	}
	closePath := func() {
		if open {
			bw.WriteString("]")
			open = false
		}
	}
	bw.WriteString(`{"layers": [`)
	startLayer := func(n int) {
		// Layers without extrusion still get an entry, so that index i
		// is layer i+1 whatever the file.
		for layer < n {
			closePath()
			if layer > 0 {
				bw.WriteString("]},\n")
			} else {
				bw.WriteString("\n")
			}
			z := 0.0
			if layer < len(st.PerLayer) {
				z = st.PerLayer[layer].Z
			}
			fmt.Fprintf(bw, `{"z": %s, "paths": [`, strconv.FormatFloat(z, 'f', -1, 64))
			layer++
			lastFeature = -1
		}
	}
	err = gcode.Walk(ctx, f, opts, st, func(m gcode.Move) {
		if !m.Extrude {
			return
		}
		startLayer(m.Layer)
		fi, ok := features[m.Feature]
		if !ok {
			fi = len(names)
			features[m.Feature] = fi
			names = append(names, m.Feature)
		}
		if !open || fi != lastFeature || m.From != last {
			closePath()
			if lastFeature >= 0 {
				bw.WriteString(",")
			}
			bw.WriteString("[")
			bw.WriteString(strconv.Itoa(fi))
			bw.WriteString(",")
			num(m.From[0])
			bw.WriteString(",")
			num(m.From[1])
			open = true
			lastFeature = fi
		}
		bw.WriteString(",")
		num(m.To[0])
		bw.WriteString(",")
		num(m.To[1])
		last = m.To
	})
	if err != nil {
		return err
	}
	startLayer(st.Layers)
	closePath()
	if layer > 0 {
		bw.WriteString("]}")
	}
	bw.WriteString("\n],\n\"features\": [")
	for i, n := range names {
		if i > 0 {
			bw.WriteString(", ")
		}
		q, _ := json.Marshal(n)
		bw.Write(q)
	}
	bw.WriteString("],\n\"colors\": [")
	for i, n := range names {
		if i > 0 {
			bw.WriteString(", ")
		}
		c := gcode.FeatureColor(n)
		fmt.Fprintf(bw, `"#%02x%02x%02x"`, c.R, c.G, c.B)
	}
	b := st.Bounds
	fmt.Fprintf(bw, "],\n\"bounds_mm\": {\"min_x\": %g, \"min_y\": %g, \"max_x\": %g, \"max_y\": %g}}\n", b.MinX, b.MinY, b.MaxX, b.MaxY)
	return bw.Flush()
}

func copysign(v, sign float64) float64 {
	if sign < 0 {
		return -v
	}
	return v
}
