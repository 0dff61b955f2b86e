package slice

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Custom G-code (start_gcode, end_gcode, start_filament_gcode,
// end_filament_gcode, before_layer_gcode, layer_gcode, color_change_gcode,
// pause_print_gcode) is data in the Config, written in the part of
// PrusaSlicer's placeholder language that printer profiles use:
//
//   - [name] and {name}: the value of a setting or of a variable the
//     slicer provides (max_layer_z, layer_z, first_layer_height...); an
//     index as in nozzle_diameter[0] or filament_settings_id[initial_tool]
//     is accepted and ignored (one extruder);
//   - {expression}: numbers, "strings", + - * /, comparisons (< > <= >= ==
//     != <>), regular-expression matches (=~ /re/ and !~ /re/), and, or,
//     not, parentheses, min(a, b) and max(a, b);
//   - {if expr}...{elsif expr}...{else}...{endif}, nested, within a line or
//     over several.
//
// Anything else (a name nobody defines, a function the language has and
// this one lacks) is an error naming the template and the text, so a
// profile is never printed with a line silently dropped.

// macroVars resolves a name to a value: float64 or string.
type macroVars func(name string) (any, bool)

// expandMacro renders the template src; what names the template in errors.
func expandMacro(what, src string, vars macroVars) (string, error) {
	var out strings.Builder
	// one entry per open {if}: whether its branch is taken now, whether
	// one was taken already, and whether the text around it is emitted
	type cond struct{ on, done, outer bool }
	var stack []cond
	emitting := func() bool { return len(stack) == 0 || (stack[len(stack)-1].on && stack[len(stack)-1].outer) }
	for i := 0; i < len(src); {
		c := src[i]
		if c != '[' && c != '{' {
			j := i + 1
			for j < len(src) && src[j] != '[' && src[j] != '{' {
				j++
			}
			if emitting() {
				out.WriteString(src[i:j])
			}
			i = j
			continue
		}
		closer := byte(']')
		if c == '{' {
			closer = '}'
		}
		end := matchingClose(src, i, c, closer)
		if end < 0 {
			return "", fmt.Errorf("%s: %q opened at byte %d is not closed", what, string(c), i)
		}
		body := strings.TrimSpace(src[i+1 : end])
		i = end + 1
		if c == '[' {
			if !emitting() {
				continue
			}
			v, ok := lookupVar(vars, body)
			if !ok {
				return "", fmt.Errorf("%s: unknown placeholder [%s]", what, body)
			}
			out.WriteString(formatMacroValue(v))
			continue
		}
		word, rest, _ := strings.Cut(body, " ")
		switch word {
		case "if", "elsif":
			if word == "elsif" && len(stack) == 0 {
				return "", fmt.Errorf("%s: {elsif} without {if}", what)
			}
			var top cond
			if word == "if" {
				top = cond{outer: emitting()}
			} else {
				top = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
			truth := false
			if top.outer && !top.done {
				v, err := evalMacro(rest, vars)
				if err != nil {
					return "", fmt.Errorf("%s: {%s}: %w", what, body, err)
				}
				truth = isTrue(v)
			}
			top.on = truth && !top.done
			top.done = top.done || truth
			stack = append(stack, top)
		case "else":
			if len(stack) == 0 {
				return "", fmt.Errorf("%s: {else} without {if}", what)
			}
			top := &stack[len(stack)-1]
			top.on = !top.done
			top.done = true
		case "endif":
			if len(stack) == 0 {
				return "", fmt.Errorf("%s: {endif} without {if}", what)
			}
			stack = stack[:len(stack)-1]
		default:
			if !emitting() {
				continue
			}
			v, err := evalMacro(body, vars)
			if err != nil {
				return "", fmt.Errorf("%s: {%s}: %w", what, body, err)
			}
			out.WriteString(formatMacroValue(v))
		}
	}
	if len(stack) > 0 {
		return "", fmt.Errorf("%s: {if} without {endif}", what)
	}
	return out.String(), nil
}

// matchingClose finds the closer of the bracket opened at src[i], skipping
// nested pairs and quoted strings and /regex/ literals inside braces.
func matchingClose(src string, i int, open, closer byte) int {
	depth := 0
	for j := i; j < len(src); j++ {
		switch src[j] {
		case '"':
			if k := strings.IndexByte(src[j+1:], '"'); k >= 0 {
				j += k + 1
			}
		case open:
			depth++
		case closer:
			if depth--; depth == 0 {
				return j
			}
		case '~':
			// =~ /re/ or !~ /re/: skip the literal, which may hold brackets
			rest := strings.TrimLeft(src[j+1:], " ")
			if strings.HasPrefix(rest, "/") {
				start := len(src) - len(rest) + 1
				if k := strings.IndexByte(src[start:], '/'); k >= 0 {
					j = start + k
				}
			}
		}
	}
	return -1
}

// lookupVar resolves a name with an optional [index], which is ignored.
func lookupVar(vars macroVars, name string) (any, bool) {
	if k := strings.IndexByte(name, '['); k > 0 && strings.HasSuffix(name, "]") {
		name = name[:k]
	}
	return vars(strings.TrimSpace(name))
}

// formatMacroValue writes numbers as PrusaSlicer renders them (0.4, 21:
// no trailing zeros, at most six decimals), strings as they are.
func formatMacroValue(v any) string {
	switch x := v.(type) {
	case float64:
		x = math.Round(x*1e6) / 1e6
		if x == 0 {
			x = 0 // no "-0"
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}

func isTrue(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case float64:
		return x != 0
	case string:
		return x != ""
	}
	return false
}

// macroParser evaluates one expression by recursive descent.
type macroParser struct {
	src  string
	pos  int
	vars macroVars
}

func evalMacro(src string, vars macroVars) (any, error) {
	p := &macroParser{src: src, vars: vars}
	v, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.skip(); p.pos < len(p.src) {
		return nil, fmt.Errorf("unexpected %q", p.src[p.pos:])
	}
	return v, nil
}

func (p *macroParser) skip() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
}

// accept consumes tok (a word must not run on into a name) if it is next.
func (p *macroParser) accept(tok string) bool {
	p.skip()
	if !strings.HasPrefix(p.src[p.pos:], tok) {
		return false
	}
	end := p.pos + len(tok)
	if isWordByte(tok[len(tok)-1]) && end < len(p.src) && isWordByte(p.src[end]) {
		return false
	}
	p.pos = end
	return true
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *macroParser) or() (any, error) {
	v, err := p.and()
	for err == nil && (p.accept("or") || p.accept("||")) {
		var w any
		if w, err = p.and(); err == nil {
			v = isTrue(v) || isTrue(w)
		}
	}
	return v, err
}

func (p *macroParser) and() (any, error) {
	v, err := p.not()
	for err == nil && (p.accept("and") || p.accept("&&")) {
		var w any
		if w, err = p.not(); err == nil {
			v = isTrue(v) && isTrue(w)
		}
	}
	return v, err
}

func (p *macroParser) not() (any, error) {
	if p.accept("not") || (p.peek("!") && !p.peek("!=") && !p.peek("!~") && p.accept("!")) {
		v, err := p.not()
		return !isTrue(v), err
	}
	return p.compare()
}

func (p *macroParser) peek(tok string) bool {
	p.skip()
	return strings.HasPrefix(p.src[p.pos:], tok)
}

func (p *macroParser) compare() (any, error) {
	a, err := p.sum()
	if err != nil {
		return nil, err
	}
	for _, op := range []string{"=~", "!~", "==", "!=", "<>", "<=", ">=", "<", ">"} {
		if !p.accept(op) {
			continue
		}
		if op == "=~" || op == "!~" {
			re, err := p.regex()
			if err != nil {
				return nil, err
			}
			m := re.MatchString(formatMacroValue(a))
			return m == (op == "=~"), nil
		}
		b, err := p.sum()
		if err != nil {
			return nil, err
		}
		return compareValues(a, b, op)
	}
	return a, nil
}

func (p *macroParser) regex() (*regexp.Regexp, error) {
	p.skip()
	if p.pos >= len(p.src) || p.src[p.pos] != '/' {
		return nil, fmt.Errorf("a /regular expression/ must follow =~ or !~")
	}
	k := strings.IndexByte(p.src[p.pos+1:], '/')
	if k < 0 {
		return nil, fmt.Errorf("unclosed regular expression")
	}
	re, err := regexp.Compile("^(?:" + p.src[p.pos+1:p.pos+1+k] + ")$")
	p.pos += k + 2
	return re, err
}

func compareValues(a, b any, op string) (any, error) {
	x, xn := a.(float64)
	y, yn := b.(float64)
	var c int
	switch {
	case xn && yn:
		// profiles compare settings such as 0.4 with literals: equal
		// within float noise
		switch {
		case math.Abs(x-y) < 1e-9:
			c = 0
		case x < y:
			c = -1
		default:
			c = 1
		}
	default:
		c = strings.Compare(formatMacroValue(a), formatMacroValue(b))
	}
	switch op {
	case "==":
		return c == 0, nil
	case "!=", "<>":
		return c != 0, nil
	case "<":
		return c < 0, nil
	case ">":
		return c > 0, nil
	case "<=":
		return c <= 0, nil
	}
	return c >= 0, nil
}

func (p *macroParser) sum() (any, error) {
	v, err := p.product()
	for err == nil {
		var op byte
		switch {
		case p.accept("+"):
			op = '+'
		case p.accept("-"):
			op = '-'
		default:
			return v, nil
		}
		var w any
		if w, err = p.product(); err != nil {
			break
		}
		x, xn := v.(float64)
		y, yn := w.(float64)
		switch {
		case xn && yn && op == '+':
			v = x + y
		case xn && yn:
			v = x - y
		case op == '+':
			v = formatMacroValue(v) + formatMacroValue(w)
		default:
			err = fmt.Errorf("cannot subtract %q", formatMacroValue(w))
		}
	}
	return nil, err
}

func (p *macroParser) product() (any, error) {
	v, err := p.unary()
	for err == nil {
		var op byte
		switch {
		case p.accept("*"):
			op = '*'
		case p.accept("/"):
			op = '/'
		default:
			return v, nil
		}
		var w any
		if w, err = p.unary(); err != nil {
			break
		}
		x, xn := v.(float64)
		y, yn := w.(float64)
		if !xn || !yn {
			return nil, fmt.Errorf("arithmetic on text")
		}
		if op == '*' {
			v = x * y
		} else {
			v = x / y
		}
	}
	return nil, err
}

func (p *macroParser) unary() (any, error) {
	if p.accept("-") {
		v, err := p.unary()
		if x, ok := v.(float64); ok && err == nil {
			return -x, nil
		}
		return nil, fmt.Errorf("minus before text")
	}
	return p.primary()
}

func (p *macroParser) primary() (any, error) {
	p.skip()
	if p.pos >= len(p.src) {
		return nil, fmt.Errorf("an expression ends too early")
	}
	c := p.src[p.pos]
	switch {
	case c == '(':
		p.pos++
		v, err := p.or()
		if err == nil && !p.accept(")") {
			err = fmt.Errorf("missing )")
		}
		return v, err
	case c == '"':
		k := strings.IndexByte(p.src[p.pos+1:], '"')
		if k < 0 {
			return nil, fmt.Errorf("unclosed string")
		}
		s := p.src[p.pos+1 : p.pos+1+k]
		p.pos += k + 2
		return s, nil
	case c >= '0' && c <= '9' || c == '.':
		start := p.pos
		for p.pos < len(p.src) && (isWordByte(p.src[p.pos]) || p.src[p.pos] == '.') {
			p.pos++
		}
		f, err := strconv.ParseFloat(p.src[start:p.pos], 64)
		if err != nil {
			return nil, fmt.Errorf("bad number %q", p.src[start:p.pos])
		}
		return f, nil
	case isWordByte(c):
		start := p.pos
		for p.pos < len(p.src) && isWordByte(p.src[p.pos]) {
			p.pos++
		}
		name := p.src[start:p.pos]
		if p.accept("(") {
			return p.call(name)
		}
		if p.accept("[") { // an extruder index: evaluated for errors, ignored
			if _, err := p.or(); err != nil {
				return nil, err
			}
			if !p.accept("]") {
				return nil, fmt.Errorf("missing ]")
			}
		}
		switch name {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		v, ok := p.vars(name)
		if !ok {
			return nil, fmt.Errorf("unknown variable %s", name)
		}
		return v, nil
	}
	return nil, fmt.Errorf("unexpected %q", p.src[p.pos:])
}

func (p *macroParser) call(name string) (any, error) {
	var args []float64
	for !p.accept(")") {
		if len(args) > 0 && !p.accept(",") {
			return nil, fmt.Errorf("%s(: missing , or )", name)
		}
		v, err := p.or()
		if err != nil {
			return nil, err
		}
		x, ok := v.(float64)
		if !ok {
			return nil, fmt.Errorf("%s of text", name)
		}
		args = append(args, x)
	}
	switch {
	case name == "min" && len(args) == 2:
		return math.Min(args[0], args[1]), nil
	case name == "max" && len(args) == 2:
		return math.Max(args[0], args[1]), nil
	}
	return nil, fmt.Errorf("function %s with %d arguments is not supported (min, max)", name, len(args))
}
