package vector

import (
	"math"
	"sort"
	"strings"
)

// FadedEdge is the opacity at or below which a gradient fill's outline
// shows no edge: a glow or a shadow fading to transparent (Inkscape's
// examples draw them so) is smooth all the way to nothing. 1/32 is below
// what an eye or Inkscape's anti-aliased picture tells from the paper.
const FadedEdge = 1.0 / 32

// gradStop is one colour stop: its offset and its opacity (stop-opacity
// times the alpha of stop-color).
type gradStop struct{ off, alpha float64 }

// gradient is a linear or radial gradient with its href chain resolved.
type gradient struct {
	radial bool
	bbox   bool   // gradientUnits objectBoundingBox (the default)
	spread string // pad, reflect, repeat
	m      Matrix // gradientTransform
	x1, y1 float64
	x2, y2 float64
	cx, cy float64
	r      float64
	fx, fy float64
	stops  []gradStop
}

// resolveGradient reads gradient id, each attribute from the first
// element of its xlink:href chain that has it, the stops from the first
// that has stops; false for what is no gradient.
func (rd *reader) resolveGradient(id string) (*gradient, bool) {
	var chain []*node
	for range 16 {
		g := rd.ids[id]
		if g == nil || (g.name != "linearGradient" && g.name != "radialGradient") {
			break
		}
		chain = append(chain, g)
		id = strings.TrimPrefix(strings.TrimSpace(g.href()), "#")
		if id == "" {
			break
		}
	}
	if len(chain) == 0 {
		return nil, false
	}
	get := func(name string) (string, bool) {
		for _, n := range chain {
			if v, ok := n.attr(name); ok {
				return strings.TrimSpace(v), true
			}
		}
		return "", false
	}
	g := &gradient{radial: chain[0].name == "radialGradient", bbox: true, spread: "pad", m: Identity()}
	if v, ok := get("gradientUnits"); ok && v == "userSpaceOnUse" {
		g.bbox = false
	}
	if v, ok := get("spreadMethod"); ok {
		g.spread = v
	}
	if v, ok := get("gradientTransform"); ok {
		if m, err := parseTransform(v); err == nil {
			g.m = m
		}
	}
	num := func(name string, def float64, ref float64) float64 {
		v, ok := get(name)
		if !ok {
			return def
		}
		if strings.HasSuffix(v, "%") {
			f, err := parseLengthPx(v, 1)
			if err != nil {
				return def
			}
			if g.bbox {
				return f
			}
			return f * ref
		}
		f, err := parseLengthPx(v, ref)
		if err != nil {
			return def
		}
		return f
	}
	w, h := 1.0, 1.0
	if !g.bbox {
		w, h = rd.vpW, rd.vpH
	}
	diag := math.Sqrt((w*w + h*h) / 2)
	if g.radial {
		g.cx, g.cy, g.r = num("cx", 0.5*w, w), num("cy", 0.5*h, h), num("r", 0.5*diag, diag)
		g.fx, g.fy = num("fx", g.cx, w), num("fy", g.cy, h)
	} else {
		g.x1, g.y1, g.x2, g.y2 = num("x1", 0, w), num("y1", 0, h), num("x2", w, w), num("y2", 0, h)
	}
	for _, n := range chain {
		for _, c := range n.children {
			if c.name != "stop" {
				continue
			}
			sc, so := rd.stopPaint(c)
			a := parseOpacity(so)
			if strings.TrimSpace(sc) != "" {
				a *= colorAlpha(sc)
			}
			off := 0.0
			if v, ok := c.attr("offset"); ok {
				off = parseOpacity(v) // a number or a percentage, in [0, 1]
			}
			if k := len(g.stops); k > 0 {
				off = math.Max(off, g.stops[k-1].off) // offsets never go back
			}
			g.stops = append(g.stops, gradStop{off, a})
		}
		if len(g.stops) > 0 {
			break
		}
	}
	return g, len(g.stops) > 0
}

// alphaAt is the gradient's opacity at parameter t.
func (g *gradient) alphaAt(t float64) float64 {
	switch g.spread {
	case "repeat":
		t -= math.Floor(t)
	case "reflect":
		t = math.Mod(math.Abs(t), 2)
		if t > 1 {
			t = 2 - t
		}
	}
	s := g.stops
	if t <= s[0].off {
		return s[0].alpha
	}
	if t >= s[len(s)-1].off {
		return s[len(s)-1].alpha
	}
	k := sort.Search(len(s), func(i int) bool { return s[i].off >= t })
	a, b := s[k-1], s[k]
	if b.off <= a.off {
		return b.alpha
	}
	return a.alpha + (t-a.off)/(b.off-a.off)*(b.alpha-a.alpha)
}

// param is the gradient parameter of the point q in gradient space.
func (g *gradient) param(q Point) float64 {
	if !g.radial {
		dx, dy := g.x2-g.x1, g.y2-g.y1
		l2 := dx*dx + dy*dy
		if l2 == 0 {
			return 1 // SVG: the last stop's colour
		}
		return ((q.X-g.x1)*dx + (q.Y-g.y1)*dy) / l2
	}
	if g.r <= 0 {
		return 1
	}
	// the circle through q among those centred on f + t(c − f) with
	// radius t·r: |d − t·e|² = t²r², d = q − f, e = c − f
	dx, dy := q.X-g.fx, q.Y-g.fy
	ex, ey := g.cx-g.fx, g.cy-g.fy
	a := ex*ex + ey*ey - g.r*g.r
	b := -2 * (dx*ex + dy*ey)
	c := dx*dx + dy*dy
	if a > -1e-12*g.r*g.r { // focus on or outside the circle: the centre's distance
		return math.Hypot(q.X-g.cx, q.Y-g.cy) / g.r
	}
	disc := b*b - 4*a*c
	return (-b - math.Sqrt(math.Max(disc, 0))) / (2 * a)
}

// fadedEdge finds where the gradient fill url(#id) of a shape drawn with
// the transform m (user space to page) fades out along the shape's
// outline subs (closed, page mm): where its opacity times opacity (the
// product of fill-opacity and the group opacities) is at most FadedEdge.
// hidden: nowhere does the outline show; otherwise shown holds the parts
// that show, nil when all of it does.
func (rd *reader) fadedEdge(id string, m Matrix, subs []Subpath, opacity float64) (hidden bool, shown []Subpath) {
	g, ok := rd.resolveGradient(id)
	if !ok {
		return false, nil
	}
	inv, ok := m.inverse()
	if !ok {
		return false, nil
	}
	// gradient space -> user space
	gm := g.m
	if g.bbox {
		lo := Point{X: math.Inf(1), Y: math.Inf(1)}
		hi := Point{X: math.Inf(-1), Y: math.Inf(-1)}
		for _, sp := range subs {
			for _, p := range sp.Points {
				u := inv.Apply(p)
				lo.X, lo.Y = math.Min(lo.X, u.X), math.Min(lo.Y, u.Y)
				hi.X, hi.Y = math.Max(hi.X, u.X), math.Max(hi.Y, u.Y)
			}
		}
		if !(hi.X > lo.X && hi.Y > lo.Y) {
			return false, nil
		}
		gm = Identity().Translate(lo.X, lo.Y).Scale(hi.X-lo.X, hi.Y-lo.Y).Mul(g.m)
	}
	ginv, ok := m.Mul(gm).inverse()
	if !ok {
		return false, nil
	}
	shows := func(p Point) bool { return opacity*g.alphaAt(g.param(ginv.Apply(p))) > FadedEdge }
	any, all := false, true
	var pieces []Subpath
	for _, sp := range subs {
		n := len(sp.Points)
		if n < 2 {
			continue
		}
		// samples round the ring every quarter millimetre at most, each
		// with whether the outline shows there
		var pts []Point
		var vis []bool
		for i := 0; i < n; i++ {
			a, b := sp.Points[i], sp.Points[(i+1)%n]
			steps := min(64, 1+int(a.Dist(b)/0.25))
			for k := 0; k < steps; k++ {
				t := float64(k) / float64(steps)
				p := Point{X: a.X + t*(b.X-a.X), Y: a.Y + t*(b.Y-a.Y)}
				pts, vis = append(pts, p), append(vis, shows(p))
			}
		}
		k0 := -1 // start the walk at a hidden sample, so runs do not wrap
		for k, v := range vis {
			if v {
				any = true
			} else {
				all = false
				if k0 < 0 {
					k0 = k
				}
			}
		}
		if k0 < 0 {
			pieces = append(pieces, Subpath{Points: sp.Points, Closed: true})
			continue
		}
		var cur []Point
		m := len(pts)
		for j := 0; j <= m; j++ {
			k := (k0 + j) % m
			if vis[k] {
				if len(cur) == 0 { // from the hidden sample before
					cur = append(cur, pts[(k+m-1)%m])
				}
				cur = append(cur, pts[k])
				continue
			}
			if len(cur) > 0 {
				cur = append(cur, pts[k]) // to the hidden sample after
				pieces = append(pieces, Subpath{Points: cur})
				cur = nil
			}
		}
	}
	switch {
	case !any:
		return true, nil
	case all:
		return false, nil
	}
	return false, pieces
}
