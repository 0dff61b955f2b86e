package vector

import (
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/image/colornames"
)

// styleProps are the CSS properties the reader cascades.
var styleProps = []string{
	"fill", "stroke", "stroke-width", "fill-rule", "display", "visibility",
	"opacity", "color", "fill-opacity", "stroke-opacity",
	"stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
	"clip-path", "mask", "clip-rule", "marker-start",
}

// inherited reports whether a property inherits from the parent (display and
// opacity do not: they act on the whole subtree instead).
func inherited(p string) bool {
	switch p {
	case "display", "opacity", "clip-path", "mask":
		return false
	}
	return true
}

func isStyleProp(p string) bool {
	for _, q := range styleProps {
		if p == q {
			return true
		}
	}
	return false
}

// parseDecls parses "a:b; c:d" into pairs, lower-casing names.
func parseDecls(s string, f func(name, value string)) {
	for _, d := range strings.Split(s, ";") {
		i := strings.IndexByte(d, ':')
		if i < 0 {
			continue
		}
		name := strings.ToLower(strings.TrimSpace(d[:i]))
		val := strings.TrimSpace(d[i+1:])
		val = strings.TrimSpace(strings.TrimSuffix(val, "!important"))
		if name != "" {
			f(name, val)
		}
	}
}

// cssRule is one simple selector of a <style> sheet with its declarations.
type cssRule struct {
	tag, id   string
	classes   []string
	universal bool
	spec      int // specificity: 100 per id, 10 per class, 1 per type
	order     int
	decls     [][2]string
}

// sheet is the parsed content of every <style> element.
type sheet struct{ rules []cssRule }

// parseSheet adds the rules of a CSS text. Only simple selectors (type,
// .class, #id, their compounds, *) are kept, which is what Inkscape writes;
// rules with combinators or pseudo-classes are ignored.
func (sh *sheet) parse(css string) {
	// strip comments
	for {
		i := strings.Index(css, "/*")
		if i < 0 {
			break
		}
		j := strings.Index(css[i+2:], "*/")
		if j < 0 {
			css = css[:i]
			break
		}
		css = css[:i] + css[i+2+j+2:]
	}
	for {
		open := strings.IndexByte(css, '{')
		if open < 0 {
			return
		}
		close := strings.IndexByte(css[open:], '}')
		if close < 0 {
			return
		}
		sel := strings.TrimSpace(css[:open])
		body := css[open+1 : open+close]
		css = css[open+close+1:]
		if strings.HasPrefix(sel, "@") {
			// @media and friends: skip a nested block if any.
			if strings.Contains(body, "{") {
				if k := strings.IndexByte(css, '}'); k >= 0 {
					css = css[k+1:]
				}
			}
			continue
		}
		var decls [][2]string
		parseDecls(body, func(n, v string) { decls = append(decls, [2]string{n, v}) })
		for _, s := range strings.Split(sel, ",") {
			r, ok := parseSelector(strings.TrimSpace(s))
			if !ok {
				continue
			}
			r.order = len(sh.rules)
			r.decls = decls
			sh.rules = append(sh.rules, r)
		}
	}
}

func parseSelector(s string) (cssRule, bool) {
	var r cssRule
	if s == "" || strings.ContainsAny(s, " >+~:[") {
		return r, false
	}
	if s == "*" {
		r.universal = true
		return r, true
	}
	i := 0
	for i < len(s) && s[i] != '.' && s[i] != '#' {
		i++
	}
	r.tag = s[:i]
	if r.tag != "" {
		r.spec++
	}
	for i < len(s) {
		kind := s[i]
		j := i + 1
		for j < len(s) && s[j] != '.' && s[j] != '#' {
			j++
		}
		name := s[i+1 : j]
		if name == "" {
			return r, false
		}
		if kind == '.' {
			r.classes = append(r.classes, name)
			r.spec += 10
		} else {
			if r.id != "" {
				return r, false
			}
			r.id = name
			r.spec += 100
		}
		i = j
	}
	return r, true
}

func (r *cssRule) matches(tag, id string, classes []string) bool {
	if r.universal {
		return true
	}
	if r.tag != "" && r.tag != tag {
		return false
	}
	if r.id != "" && r.id != id {
		return false
	}
	for _, c := range r.classes {
		found := false
		for _, k := range classes {
			if k == c {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// declared returns an element's own declarations in cascade order:
// presentation attributes, then matching sheet rules by specificity and
// order, then the style attribute.
func (sh *sheet) declared(n *node) map[string]string {
	out := map[string]string{}
	for _, p := range styleProps {
		if v, ok := n.attr(p); ok {
			out[p] = strings.TrimSpace(v)
		}
	}
	if sh != nil && len(sh.rules) > 0 {
		id, _ := n.attr("id")
		cls, _ := n.attr("class")
		classes := strings.Fields(cls)
		var hit []*cssRule
		for i := range sh.rules {
			if sh.rules[i].matches(n.name, id, classes) {
				hit = append(hit, &sh.rules[i])
			}
		}
		sort.SliceStable(hit, func(a, b int) bool {
			if hit[a].spec != hit[b].spec {
				return hit[a].spec < hit[b].spec
			}
			return hit[a].order < hit[b].order
		})
		for _, r := range hit {
			for _, d := range r.decls {
				if isStyleProp(d[0]) {
					out[d[0]] = d[1]
				}
			}
		}
	}
	if st, ok := n.attr("style"); ok {
		parseDecls(st, func(name, v string) {
			if isStyleProp(name) {
				out[name] = v
			}
		})
	}
	return out
}

// computed is the cascaded style of an element: inherited properties carry
// over from the parent unless the element declares them.
type computed map[string]string

func (parent computed) child(decl map[string]string) computed {
	c := computed{}
	for k, v := range parent {
		if inherited(k) {
			c[k] = v
		}
	}
	for k, v := range decl {
		if v == "inherit" {
			if pv, ok := parent[k]; ok {
				c[k] = pv
			} else {
				delete(c, k)
			}
			continue
		}
		c[k] = v
	}
	return c
}

// parseColor parses a CSS colour: #rgb, #rrggbb (with optional alpha
// digits), rgb()/rgba() with numbers or percentages, or a CSS name.
func parseColor(s string) (color.RGBA, bool) {
	s = strings.TrimSpace(strings.ToLower(s))
	if strings.HasPrefix(s, "#") {
		h := s[1:]
		switch len(h) {
		case 3, 4:
			var c [3]uint8
			for i := 0; i < 3; i++ {
				v, err := strconv.ParseUint(h[i:i+1], 16, 8)
				if err != nil {
					return color.RGBA{}, false
				}
				c[i] = uint8(v * 17)
			}
			return color.RGBA{c[0], c[1], c[2], 255}, true
		case 6, 8:
			var c [3]uint8
			for i := 0; i < 3; i++ {
				v, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
				if err != nil {
					return color.RGBA{}, false
				}
				c[i] = uint8(v)
			}
			return color.RGBA{c[0], c[1], c[2], 255}, true
		}
		return color.RGBA{}, false
	}
	if strings.HasPrefix(s, "rgb(") || strings.HasPrefix(s, "rgba(") {
		i := strings.IndexByte(s, '(')
		j := strings.LastIndexByte(s, ')')
		if j < i {
			return color.RGBA{}, false
		}
		parts := strings.FieldsFunc(s[i+1:j], func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
		if len(parts) < 3 {
			return color.RGBA{}, false
		}
		var c [3]uint8
		for k := 0; k < 3; k++ {
			p := parts[k]
			pct := strings.HasSuffix(p, "%")
			v, err := strconv.ParseFloat(strings.TrimSuffix(p, "%"), 64)
			if err != nil || math.IsNaN(v) {
				return color.RGBA{}, false
			}
			if pct {
				v = v * 255 / 100
			}
			c[k] = uint8(math.Max(0, math.Min(255, math.Round(v))))
		}
		return color.RGBA{c[0], c[1], c[2], 255}, true
	}
	if c, ok := colornames.Map[s]; ok {
		c.A = 255
		return c, true
	}
	return color.RGBA{}, false
}

// colorAlpha is the alpha of a CSS colour (#rgba, #rrggbbaa, rgba(),
// rgb(r g b / a), transparent), 1 for a colour without alpha and 0 for
// what is not a colour.
func colorAlpha(s string) float64 {
	s = strings.TrimSpace(strings.ToLower(s))
	if _, ok := parseColor(s); !ok {
		return 0
	}
	if strings.HasPrefix(s, "#") {
		h := s[1:]
		switch len(h) {
		case 4:
			v, err := strconv.ParseUint(h[3:], 16, 8)
			if err != nil {
				return 0
			}
			return float64(v) / 15
		case 8:
			v, err := strconv.ParseUint(h[6:], 16, 8)
			if err != nil {
				return 0
			}
			return float64(v) / 255
		}
		return 1
	}
	if strings.HasPrefix(s, "rgb") {
		i := strings.IndexByte(s, '(')
		j := strings.LastIndexByte(s, ')')
		parts := strings.FieldsFunc(s[i+1:j], func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
		if len(parts) >= 4 {
			return parseOpacity(parts[3])
		}
	}
	return 1
}

// parseOpacity parses an opacity (number or percentage), 1 when absent or bad.
func parseOpacity(s string) float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 1
	}
	pct := strings.HasSuffix(s, "%")
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil || math.IsNaN(v) {
		return 1
	}
	if pct {
		v /= 100
	}
	return math.Max(0, math.Min(1, v))
}
