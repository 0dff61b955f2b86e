package vector

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// pxPerUnit is how many CSS pixels (SVG user units of a document without a
// viewBox) make one of each absolute unit; 96 px per inch as CSS and
// Inkscape define it.
var pxPerUnit = map[string]float64{
	"":   1,
	"px": 1,
	"mm": 96 / 25.4,
	"cm": 96 / 2.54,
	"in": 96,
	"pt": 96.0 / 72,
	"pc": 16,
	"q":  96 / 25.4 / 4,
}

// splitLength splits "12.5mm" into 12.5 and "mm".
func splitLength(s string) (float64, string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, "", fmt.Errorf("%w: empty length", ErrSyntax)
	}
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case "nan", "inf", "infinity":
		return 0, "", fmt.Errorf("%w: %q", ErrNaN, s)
	}
	i := len(s)
	for i > 0 {
		c := s[i-1]
		if (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '%' {
			// 'e'/'E' belongs to the number only when followed by a digit,
			// which cannot happen at the end; stop at the first non-letter.
			i--
			continue
		}
		break
	}
	num, unit := strings.TrimSpace(s[:i]), strings.ToLower(s[i:])
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, "", fmt.Errorf("%w: bad number %q", ErrSyntax, s)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, "", fmt.Errorf("%w: %q", ErrNaN, s)
	}
	return v, unit, nil
}

// parseLengthPx parses a length into CSS pixels (user units). Percentages
// are resolved against ref (in px); em and ex against a 16 px font.
func parseLengthPx(s string, ref float64) (float64, error) {
	v, unit, err := splitLength(s)
	if err != nil {
		return 0, err
	}
	switch unit {
	case "%":
		return v / 100 * ref, nil
	case "em":
		return v * 16, nil
	case "ex":
		return v * 8, nil
	}
	f, ok := pxPerUnit[unit]
	if !ok {
		return 0, fmt.Errorf("%w %q in %q", ErrUnit, unit, s)
	}
	return v * f, nil
}

// parseNumbers parses a comma/whitespace separated list of numbers.
func parseNumbers(s string) ([]float64, error) {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
	})
	out := make([]float64, 0, len(f))
	for _, x := range f {
		v, err := strconv.ParseFloat(x, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: bad number %q", ErrSyntax, x)
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%w: %q", ErrNaN, x)
		}
		out = append(out, v)
	}
	return out, nil
}

// svgMatrix turns SVG's matrix(a,b,c,d,e,f) into a Matrix.
func svgMatrix(a, b, c, d, e, f float64) Matrix {
	return Matrix{{a, c, e}, {b, d, f}}
}

// parseTransform parses an SVG transform list (matrix, translate, scale,
// rotate with optional centre, skewX, skewY), applied left to right.
func parseTransform(s string) (Matrix, error) {
	m := Identity()
	rest := strings.TrimSpace(s)
	for rest != "" {
		rest = strings.TrimLeft(rest, " \t\r\n,")
		if rest == "" {
			break
		}
		open := strings.IndexByte(rest, '(')
		if open < 0 {
			return m, fmt.Errorf("%w: bad transform %q", ErrSyntax, s)
		}
		name := strings.TrimSpace(rest[:open])
		close := strings.IndexByte(rest[open:], ')')
		if close < 0 {
			return m, fmt.Errorf("%w: unclosed transform %q", ErrSyntax, s)
		}
		args, err := parseNumbers(rest[open+1 : open+close])
		if err != nil {
			return m, fmt.Errorf("transform %q: %w", s, err)
		}
		rest = rest[open+close+1:]
		bad := func() error {
			return fmt.Errorf("%w: %s with %d arguments in %q", ErrSyntax, name, len(args), s)
		}
		var t Matrix
		switch name {
		case "matrix":
			if len(args) != 6 {
				return m, bad()
			}
			t = svgMatrix(args[0], args[1], args[2], args[3], args[4], args[5])
		case "translate":
			switch len(args) {
			case 1:
				t = Identity().Translate(args[0], 0)
			case 2:
				t = Identity().Translate(args[0], args[1])
			default:
				return m, bad()
			}
		case "scale":
			switch len(args) {
			case 1:
				t = Identity().Scale(args[0], args[0])
			case 2:
				t = Identity().Scale(args[0], args[1])
			default:
				return m, bad()
			}
		case "rotate":
			// canvas rotates counter-clockwise in a y-up frame, which is
			// the same matrix as SVG's clockwise rotation in a y-down frame.
			switch len(args) {
			case 1:
				t = Identity().Rotate(args[0])
			case 3:
				t = Identity().RotateAbout(args[0], args[1], args[2])
			default:
				return m, bad()
			}
		case "skewX":
			if len(args) != 1 {
				return m, bad()
			}
			t = Identity().Shear(math.Tan(args[0]*math.Pi/180), 0)
		case "skewY":
			if len(args) != 1 {
				return m, bad()
			}
			t = Identity().Shear(0, math.Tan(args[0]*math.Pi/180))
		default:
			return m, fmt.Errorf("%w: unknown transform %q in %q", ErrSyntax, name, s)
		}
		m = m.Mul(t)
	}
	return m, nil
}

// descrim is the geometric mean of a matrix's axis scales, sqrt|det|: what a
// stroke width is multiplied by under a non-uniform transform.
func descrim(m Matrix) float64 {
	return math.Sqrt(math.Abs(m.Det()))
}
