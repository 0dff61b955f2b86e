package stitch

import (
	"math"
	"strings"
)

// satinRailParams are the satin parameters about the rails and their two
// sides, read by readSatinRails.
type satinRailParams struct {
	// reverseRails is reverse_rails: "automatic" (or ""), "none", "first",
	// "second" or "both". The older reverse_one_rail=true means "second".
	reverseRails string
	swapRails    bool // swap_satin_rails
	// pullSides and pullPercentSides are pull_compensation_mm and
	// pull_compensation_percent for the first and the second rail (Ink/Stitch
	// takes two values for an asymmetric column, one for both sides).
	pullSides, pullPercentSides [2]float64
	// shortInsets are short_stitch_inset's fractions (one or more values:
	// the insets of successive crowded points).
	shortInsets []float64
}

// readSatinRails reads the rail parameters; noPull drops pull compensation.
func readSatinRails(a attrs, noPull bool) satinRailParams {
	var p satinRailParams
	p.reverseRails = "automatic"
	if v, ok := a.raw("reverse_rails"); ok {
		p.reverseRails = strings.ToLower(v)
	} else if a.bool("reverse_one_rail", false) {
		p.reverseRails = "second"
	}
	p.swapRails = a.bool("swap_satin_rails", false)
	two := func(v []float64) [2]float64 {
		switch len(v) {
		case 0:
			return [2]float64{}
		case 1:
			return [2]float64{v[0], v[0]}
		}
		return [2]float64{v[0], v[1]}
	}
	if !noPull {
		p.pullSides = two(a.floats("pull_compensation_mm"))
		p.pullPercentSides = two(a.floats("pull_compensation_percent"))
	}
	for _, v := range a.floats("short_stitch_inset") {
		p.shortInsets = append(p.shortInsets, math.Min(math.Max(v/100, 0), 0.5))
	}
	if !a.has("short_stitch_inset") {
		p.shortInsets = []float64{defaultShortInset / 100}
	}
	return p
}
