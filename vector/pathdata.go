package vector

import (
	"fmt"
	"math"
	"strconv"
)

// seg is one absolute path command in user units.
type seg struct {
	op        byte     // 'M', 'L', 'Q', 'C', 'A' or 'Z'
	p         [3]Point // M/L/A: p[0] end; Q: p[0] control, p[1] end; C: p[0], p[1] controls, p[2] end
	rx, ry    float64  // arc radii
	rot       float64  // arc x-axis rotation in degrees
	large, sw bool     // arc flags
}

func (s *seg) end() Point {
	switch s.op {
	case 'Q':
		return s.p[1]
	case 'C':
		return s.p[2]
	}
	return s.p[0]
}

// pathParser scans SVG path data.
type pathParser struct {
	s string
	i int
}

func (pp *pathParser) skipSep() {
	for pp.i < len(pp.s) {
		switch pp.s[pp.i] {
		case ' ', '\t', '\n', '\r', '\f', ',':
			pp.i++
		default:
			return
		}
	}
}

func (pp *pathParser) errf(format string, a ...any) error {
	return fmt.Errorf("%w: path data at offset %d: %s", ErrSyntax, pp.i, fmt.Sprintf(format, a...))
}

// number reads one number (compact forms like "-.5.5" and "1e-3" included).
func (pp *pathParser) number() (float64, error) {
	pp.skipSep()
	start := pp.i
	s := pp.s
	i := pp.i
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return 0, pp.errf("number expected")
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	v, err := strconv.ParseFloat(s[start:i], 64)
	if err != nil || math.IsInf(v, 0) {
		pp.i = start
		return 0, fmt.Errorf("%w: path data at offset %d: number %q", ErrNaN, start, s[start:i])
	}
	pp.i = i
	return v, nil
}

// flag reads an arc flag, which may be written without separator ("a1 1 0 10 5 5").
func (pp *pathParser) flag() (bool, error) {
	pp.skipSep()
	if pp.i < len(pp.s) && (pp.s[pp.i] == '0' || pp.s[pp.i] == '1') {
		pp.i++
		return pp.s[pp.i-1] == '1', nil
	}
	return false, pp.errf("arc flag expected")
}

// atNumber reports whether a number follows (an implicit repeat).
func (pp *pathParser) atNumber() bool {
	pp.skipSep()
	if pp.i >= len(pp.s) {
		return false
	}
	c := pp.s[pp.i]
	return c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9')
}

// parsePath parses SVG path data into absolute segments: relative forms,
// H/V, smooth S/T and implicit repeats resolved. Data that stops at an error
// returns the error; empty data is an empty path.
func parsePath(d string) ([]seg, error) {
	pp := &pathParser{s: d}
	var out []seg
	var cur, start, lastCtrl Point
	var prevOp byte
	var cmd byte
	// nums reads len(v) numbers into v.
	nums := func(v []float64) error {
		for k := range v {
			x, err := pp.number()
			if err != nil {
				return err
			}
			v[k] = x
		}
		return nil
	}
	for {
		pp.skipSep()
		if pp.i >= len(pp.s) {
			break
		}
		if len(out) >= MaxPathSegments {
			return nil, fmt.Errorf("%w: path data of more than %d segments", ErrLimit, MaxPathSegments)
		}
		c := pp.s[pp.i]
		if (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') {
			cmd = c
			pp.i++
		} else if cmd == 0 {
			return nil, pp.errf("path must start with a command, found %q", c)
		} else if cmd == 'z' || cmd == 'Z' {
			return nil, pp.errf("number after closepath")
		}
		rel := cmd >= 'a'
		up := cmd &^ 0x20
		base := Point{}
		if rel {
			base = cur
		}
		if up != 'M' && out == nil && up != 'Z' {
			return nil, pp.errf("path must start with moveto")
		}
		switch up {
		case 'Z':
			out = append(out, seg{op: 'Z', p: [3]Point{start}})
			cur = start
			prevOp = 'Z'
			continue
		case 'M', 'L', 'T':
			var xy [2]float64
			if err := nums(xy[:]); err != nil {
				return nil, err
			}
			p := Point{base.X + xy[0], base.Y + xy[1]}
			switch up {
			case 'M':
				out = append(out, seg{op: 'M', p: [3]Point{p}})
				start = p
				// further pairs are implicit linetos
				if rel {
					cmd = 'l'
				} else {
					cmd = 'L'
				}
				prevOp = 'M'
			case 'L':
				out = append(out, seg{op: 'L', p: [3]Point{p}})
				prevOp = 'L'
			case 'T':
				ctrl := cur
				if prevOp == 'Q' {
					ctrl = Point{2*cur.X - lastCtrl.X, 2*cur.Y - lastCtrl.Y}
				}
				out = append(out, seg{op: 'Q', p: [3]Point{ctrl, p}})
				lastCtrl = ctrl
				prevOp = 'Q'
			}
			cur = p
		case 'H', 'V':
			v, err := pp.number()
			if err != nil {
				return nil, err
			}
			p := cur
			if up == 'H' {
				p.X = v
				if rel {
					p.X = cur.X + v
				}
			} else {
				p.Y = v
				if rel {
					p.Y = cur.Y + v
				}
			}
			out = append(out, seg{op: 'L', p: [3]Point{p}})
			cur = p
			prevOp = 'L'
		case 'C', 'S', 'Q':
			cnt := 6
			if up != 'C' {
				cnt = 4
			}
			var v [6]float64
			if err := nums(v[:cnt]); err != nil {
				return nil, err
			}
			switch up {
			case 'C':
				c1 := Point{base.X + v[0], base.Y + v[1]}
				c2 := Point{base.X + v[2], base.Y + v[3]}
				e := Point{base.X + v[4], base.Y + v[5]}
				out = append(out, seg{op: 'C', p: [3]Point{c1, c2, e}})
				lastCtrl, cur, prevOp = c2, e, 'C'
			case 'S':
				c1 := cur
				if prevOp == 'C' {
					c1 = Point{2*cur.X - lastCtrl.X, 2*cur.Y - lastCtrl.Y}
				}
				c2 := Point{base.X + v[0], base.Y + v[1]}
				e := Point{base.X + v[2], base.Y + v[3]}
				out = append(out, seg{op: 'C', p: [3]Point{c1, c2, e}})
				lastCtrl, cur, prevOp = c2, e, 'C'
			case 'Q':
				c1 := Point{base.X + v[0], base.Y + v[1]}
				e := Point{base.X + v[2], base.Y + v[3]}
				out = append(out, seg{op: 'Q', p: [3]Point{c1, e}})
				lastCtrl, cur, prevOp = c1, e, 'Q'
			}
		case 'A':
			// rx ry rotation large-arc sweep x y
			var r [3]float64
			var xy [2]float64
			if err := nums(r[:]); err != nil {
				return nil, err
			}
			large, err := pp.flag()
			if err != nil {
				return nil, err
			}
			sweep, err := pp.flag()
			if err != nil {
				return nil, err
			}
			if err := nums(xy[:]); err != nil {
				return nil, err
			}
			e := Point{base.X + xy[0], base.Y + xy[1]}
			out = append(out, seg{op: 'A', p: [3]Point{e}, rx: r[0], ry: r[1], rot: r[2], large: large, sw: sweep})
			cur, prevOp = e, 'A'
		default:
			return nil, pp.errf("unknown command %q", cmd)
		}
	}
	return out, nil
}

// flattenSegs applies m (user units -> page mm) to the segments and turns
// them into polylines within tol millimetres of the curves. Lines and
// Bézier control points are transformed exactly; arcs are flattened by
// flattenArc (out-of-range radii scaled up as SVG requires; zero-radius
// arcs are lines).
func flattenSegs(segs []seg, m Matrix, tol float64) ([]Subpath, error) {
	var out []Subpath
	var cur []Point
	add := func(p Point) {
		if len(cur) == 0 || cur[len(cur)-1] != p {
			cur = append(cur, p)
		}
	}
	flush := func(closed bool) {
		if closed && len(cur) > 1 && cur[len(cur)-1] == cur[0] {
			cur = cur[:len(cur)-1]
		}
		if len(cur) >= 2 {
			out = append(out, Subpath{Points: cur, Closed: closed})
		}
		cur = nil
	}
	tr := m.Apply
	var last, start Point // user units
	for i := range segs {
		s := &segs[i]
		switch s.op {
		case 'M':
			flush(false)
			last, start = s.p[0], s.p[0]
			cur = []Point{tr(last)}
			continue
		case 'Z':
			if cur != nil {
				add(tr(start))
				flush(true)
			}
			last = start
			continue
		}
		if cur == nil { // drawing after Z starts at the subpath's start
			cur = []Point{tr(last)}
		}
		switch s.op {
		case 'L':
			add(tr(s.p[0]))
		case 'Q':
			flattenBezier(add, []Point{tr(last), tr(s.p[0]), tr(s.p[1])}, tol)
			add(tr(s.p[1]))
		case 'C':
			flattenBezier(add, []Point{tr(last), tr(s.p[0]), tr(s.p[1]), tr(s.p[2])}, tol)
			add(tr(s.p[2]))
		case 'A':
			e := s.p[0]
			if e == last {
				break // SVG omits an arc that ends where it starts
			}
			if s.rx == 0 || s.ry == 0 {
				add(tr(e))
				break
			}
			flattenArc(add, last, s.rx, s.ry, s.rot, s.large, s.sw, e, m, tol)
			add(tr(e))
		}
		last = s.end()
	}
	flush(false)
	for _, sp := range out {
		for _, p := range sp.Points {
			if math.IsNaN(p.X) || math.IsNaN(p.Y) || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) {
				return nil, fmt.Errorf("%w: coordinate after transform", ErrNaN)
			}
		}
	}
	return out, nil
}

// flattenBezier adds the points of a quadratic or cubic Bézier (control
// points c, c[0] already added, the end point left to the caller) at uniform
// parameter steps. The step count is Wang's bound n = sqrt(d(d-1)/8 · M/tol),
// M the largest second difference of the control points, which keeps every
// chord within tol of the curve, also for degenerate loops whose ends
// coincide.
func flattenBezier(add func(Point), c []Point, tol float64) {
	deg := float64(len(c) - 1)
	m := 0.0
	for i := 0; i+2 < len(c); i++ {
		dx := c[i].X - 2*c[i+1].X + c[i+2].X
		dy := c[i].Y - 2*c[i+1].Y + c[i+2].Y
		m = math.Max(m, math.Hypot(dx, dy))
	}
	n := math.Ceil(math.Sqrt(deg * (deg - 1) / 8 * m / tol))
	if !(n >= 1) {
		n = 1
	}
	if n > 10000 {
		n = 10000
	}
	for k := 1; k < int(n); k++ {
		t := float64(k) / n
		u := 1 - t
		var p Point
		if len(c) == 3 {
			p = Point{u*u*c[0].X + 2*u*t*c[1].X + t*t*c[2].X, u*u*c[0].Y + 2*u*t*c[1].Y + t*t*c[2].Y}
		} else {
			a, b, cc, dd := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
			p = Point{a*c[0].X + b*c[1].X + cc*c[2].X + dd*c[3].X, a*c[0].Y + b*c[1].Y + cc*c[2].Y + dd*c[3].Y}
		}
		add(p)
	}
}
