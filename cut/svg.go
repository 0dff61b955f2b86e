package cut

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// SVG writes the plan as an SVG document of Width×Height mm (0: the plan's
// frame, Plan.Width × Plan.Height, grown to hold every cut): one path per
// cut, in cut order, ids cut-1, cut-2... (what Silhouette Studio, LightBurn
// or another cutter's software imports). Coordinates are the plan's.
type SVG struct {
	Width, Height float64
}

// Write writes the plan as SVG.
func (o SVG) Write(out io.Writer, plan *Plan) error {
	w, h := o.Width, o.Height
	if w <= 0 {
		w = math.Max(plan.Width, plan.Max.X)
	}
	if h <= 0 {
		h = math.Max(plan.Height, plan.Max.Y)
	}
	bw := bufio.NewWriter(out)
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="0 0 %s %s">
`, f(w), f(h), f(w), f(h))
	for i, c := range plan.Cuts {
		fmt.Fprintf(bw, `<path id="cut-%d" data-shape=%q style="fill:none;stroke:#ff0000;stroke-width:0.1" d="`, i+1, xmlEscape(c.ShapeID))
		for k, p := range c.Points {
			if k == 0 {
				bw.WriteString("M")
			} else {
				bw.WriteString(" L")
			}
			fmt.Fprintf(bw, "%s,%s", f(math.Round(p.X*1e4)/1e4), f(math.Round(p.Y*1e4)/1e4))
		}
		bw.WriteString("\"/>\n")
	}
	bw.WriteString("</svg>\n")
	return bw.Flush()
}

func xmlEscape(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	return r.Replace(s)
}
