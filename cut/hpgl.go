package cut

import (
	"bufio"
	"fmt"
	"github.com/usinette/usinette/vector"
	"io"
	"math"
)

// HPGL is the plotter language of other cutters, with its settings.
type HPGL struct {
	// StepsPerMM is the plotter resolution; 0 means 40 (1016 dpi).
	StepsPerMM float64
}

// Write writes the plan as HPGL the way Inkscape's HPGL export does:
// IN;PU;SP1; then PU to each cut's start and PD through its points, y up,
// and SP0;PU0,0;IN; at the end. The placement is the plan's: y is flipped
// in the plan's frame (Plan.Height), so a plan kept on the page gives
// Inkscape's export without alignment, and a plan moved to the origin
// (PlanOptions.AtOrigin) its default export aligned to the corner.
func (o HPGL) Write(w io.Writer, plan *Plan) error {
	s := o.StepsPerMM
	if s == 0 {
		s = 40
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("IN;PU;SP1;")
	conv := func(p vector.Point) (int64, int64) {
		return int64(math.Round(p.X * s)), int64(math.Round((plan.Height - p.Y) * s))
	}
	for _, c := range plan.Cuts {
		if len(c.Points) < 2 {
			continue
		}
		x, y := conv(c.Points[0])
		fmt.Fprintf(bw, "PU%d,%d;PD", x, y)
		for i, p := range c.Points[1:] {
			x, y := conv(p)
			if i > 0 {
				bw.WriteByte(',')
			}
			fmt.Fprintf(bw, "%d,%d", x, y)
		}
		bw.WriteByte(';')
	}
	bw.WriteString("SP0;PU0,0;IN; ")
	return bw.Flush()
}
