package gcode

import (
	"fmt"
	"math"
)

// FormatDuration writes seconds as PrusaSlicer writes times in its G-code
// footer ("; estimated printing time (normal mode) = 1h 2m 3s"): days,
// hours, minutes, seconds rounded to the second, leading zero units left out
// ("1d 2h 3m 4s", "28m 57s", "9s").
func FormatDuration(seconds float64) string {
	s := int64(math.Round(seconds))
	d, h, m := s/86400, s%86400/3600, s%3600/60
	s %= 60
	switch {
	case d > 0:
		return fmt.Sprintf("%dd %dh %dm %ds", d, h, m, s)
	case h > 0:
		return fmt.Sprintf("%dh %dm %ds", h, m, s)
	case m > 0:
		return fmt.Sprintf("%dm %ds", m, s)
	}
	return fmt.Sprintf("%ds", s)
}
