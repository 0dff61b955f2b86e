package slice

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/usinette/usinette/gcode"
)

// ErrTemplate is wrapped by the errors of custom G-code templates.
var ErrTemplate = errors.New("custom G-code")

// The custom G-code templates of a PrusaSlicer profile (start_gcode,
// end_gcode) use its placeholder language. Supported here:
//
//   - [key] and [key_N]: a setting's value (the N-th of a list; usinette has
//     one extruder, so every list has one value);
//   - {expr}: an expression's value; numbers print as PrusaSlicer prints
//     them (no trailing zeros);
//   - {if expr}…{elsif expr}…{else}…{endif}, nestable;
//   - in expressions: numbers, "strings", settings (key or key[N]), the
//     variables max_layer_z, layer_z, layer_num, total_layer_count,
//     initial_tool, initial_extruder, and the profile names
//     print_settings_id, filament_settings_id, printer_settings_id,
//     printer_notes (empty: usinette keeps no preset names); + - * / %,
//     unary -, comparisons == != < > <= >=, =~ and !~ with /regex/, and, or,
//     not (also && || !), parentheses, min(a, b), max(a, b), int(x),
//     round(x), abs(x).
//
// Anything else (an unknown setting, another function) is an error naming
// the template and what is not understood, never silently dropped.

// tval is a template value: a number or a string.
type tval struct {
	num   float64
	str   string
	isNum bool
}

func numVal(f float64) tval { return tval{num: f, isNum: true} }
func boolVal(b bool) tval {
	if b {
		return numVal(1)
	}
	return numVal(0)
}

func (v tval) String() string {
	if v.isNum {
		// 9 decimals: sums of layer heights print as 21, not 20.99999999999996
		return strconv.FormatFloat(math.Round(v.num*1e9)/1e9, 'f', -1, 64)
	}
	return v.str
}

func (v tval) truth() bool {
	if v.isNum {
		return v.num != 0
	}
	return v.str != ""
}

// templateVars are the variables a template sees: every setting by its
// PrusaSlicer key, plus the run's own.
func templateVars(c *Config, extra map[string]tval) map[string]tval {
	vars := map[string]tval{}
	for _, kv := range ConfigPairs(*c) {
		v := strings.Trim(kv[1], `"`)
		if f, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64); err == nil && !strings.HasSuffix(v, "%") {
			vars[kv[0]] = numVal(f)
		} else {
			vars[kv[0]] = tval{str: v}
		}
	}
	for _, k := range []string{"print_settings_id", "filament_settings_id", "printer_settings_id", "printer_notes"} {
		vars[k] = tval{}
	}
	vars["initial_tool"], vars["initial_extruder"] = numVal(0), numVal(0)
	for k, v := range extra {
		vars[k] = v
	}
	return vars
}

// expandTemplate evaluates a template; name is for errors ("start_gcode").
func expandTemplate(name, tpl string, vars map[string]tval) (string, error) {
	var out strings.Builder
	// the state of each open {if}: whether its branch is being written and
	// whether one of its branches was taken
	type cond struct{ on, taken, parent bool }
	var stack []cond
	active := func() bool { return len(stack) == 0 || stack[len(stack)-1].on }
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrTemplate, name, fmt.Sprintf(format, args...))
	}
	for i := 0; i < len(tpl); {
		c := tpl[i]
		switch {
		case c == '[':
			j := strings.IndexByte(tpl[i:], ']')
			key := ""
			if j > 0 {
				key = tpl[i+1 : i+j]
			}
			v, ok := legacyVar(key, vars)
			if !ok {
				// not a placeholder ("[" in a comment, M862.3 P "[x"): as is
				if active() {
					out.WriteByte(c)
				}
				i++
				continue
			}
			if active() {
				out.WriteString(v.String())
			}
			i += j + 1
		case c == '{':
			j := matchBrace(tpl, i)
			if j < 0 {
				return "", fail("unclosed { at offset %d", i)
			}
			body := strings.TrimSpace(tpl[i+1 : j])
			i = j + 1
			word, rest, _ := strings.Cut(body, " ")
			switch word {
			case "if", "elsif":
				var on bool
				if active() || word == "elsif" {
					v, err := evalExpr(rest, vars)
					if err != nil {
						return "", fail("{%s}: %v", body, err)
					}
					on = v.truth()
				}
				if word == "if" {
					parent := active()
					stack = append(stack, cond{on: parent && on, taken: parent && on, parent: parent})
				} else {
					if len(stack) == 0 {
						return "", fail("{elsif} without {if}")
					}
					top := &stack[len(stack)-1]
					top.on = top.parent && !top.taken && on
					top.taken = top.taken || top.on
				}
			case "else":
				if len(stack) == 0 {
					return "", fail("{else} without {if}")
				}
				top := &stack[len(stack)-1]
				top.on = top.parent && !top.taken
				top.taken = true
			case "endif":
				if len(stack) == 0 {
					return "", fail("{endif} without {if}")
				}
				stack = stack[:len(stack)-1]
			default:
				if active() {
					v, err := evalExpr(body, vars)
					if err != nil {
						return "", fail("{%s}: %v", body, err)
					}
					out.WriteString(v.String())
				}
			}
		default:
			if active() {
				out.WriteByte(c)
			}
			i++
		}
	}
	if len(stack) > 0 {
		return "", fail("{if} without {endif}")
	}
	return out.String(), nil
}

// legacyVar reads [key] or [key_N].
func legacyVar(key string, vars map[string]tval) (tval, bool) {
	if v, ok := vars[key]; ok {
		return v, true
	}
	if i := strings.LastIndexByte(key, '_'); i > 0 {
		if _, err := strconv.Atoi(key[i+1:]); err == nil {
			v, ok := vars[key[:i]]
			return v, ok
		}
	}
	return tval{}, false
}

// matchBrace returns the index of the } closing the { at i, skipping
// strings and regexes inside.
func matchBrace(s string, i int) int {
	depth := 0
	for k := i; k < len(s); k++ {
		switch s[k] {
		case '"':
			e := strings.IndexByte(s[k+1:], '"')
			if e < 0 {
				return -1
			}
			k += e + 1
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// expression parser: recursive descent over the text

type exprParser struct {
	s    string
	pos  int
	vars map[string]tval
}

func evalExpr(s string, vars map[string]tval) (tval, error) {
	p := &exprParser{s: s, vars: vars}
	v, err := p.or()
	if err != nil {
		return tval{}, err
	}
	p.ws()
	if p.pos < len(p.s) {
		return tval{}, fmt.Errorf("unexpected %q", p.s[p.pos:])
	}
	return v, nil
}

func (p *exprParser) ws() {
	for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t' || p.s[p.pos] == '\n') {
		p.pos++
	}
}

// eat consumes tok (a keyword must not run into an identifier).
func (p *exprParser) eat(tok string) bool {
	p.ws()
	if !strings.HasPrefix(p.s[p.pos:], tok) {
		return false
	}
	end := p.pos + len(tok)
	if isIdent(tok[len(tok)-1]) && end < len(p.s) && isIdent(p.s[end]) {
		return false
	}
	p.pos = end
	return true
}

func isIdent(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *exprParser) or() (tval, error) {
	a, err := p.and()
	for err == nil && (p.eat("or") || p.eat("||")) {
		var b tval
		if b, err = p.and(); err == nil {
			a = boolVal(a.truth() || b.truth())
		}
	}
	return a, err
}

func (p *exprParser) and() (tval, error) {
	a, err := p.not()
	for err == nil && (p.eat("and") || p.eat("&&")) {
		var b tval
		if b, err = p.not(); err == nil {
			a = boolVal(a.truth() && b.truth())
		}
	}
	return a, err
}

func (p *exprParser) not() (tval, error) {
	if p.eat("not") || (!strings.HasPrefix(p.s[p.pos:], "!=") && p.eat("!")) {
		v, err := p.not()
		return boolVal(!v.truth()), err
	}
	return p.cmp()
}

func (p *exprParser) cmp() (tval, error) {
	a, err := p.sum()
	if err != nil {
		return a, err
	}
	for _, op := range []string{"=~", "!~", "==", "!=", "<=", ">=", "<", ">"} {
		if !p.eat(op) {
			continue
		}
		if op == "=~" || op == "!~" {
			p.ws()
			if p.pos >= len(p.s) || p.s[p.pos] != '/' {
				return a, errors.New("a regular expression /.../ must follow " + op)
			}
			e := strings.IndexByte(p.s[p.pos+1:], '/')
			if e < 0 {
				return a, errors.New("unclosed /regex/")
			}
			re, err := regexp.Compile("^(?:" + p.s[p.pos+1:p.pos+1+e] + ")$")
			if err != nil {
				return a, err
			}
			p.pos += e + 2
			m := re.MatchString(a.String())
			return boolVal(m == (op == "=~")), nil
		}
		b, err := p.sum()
		if err != nil {
			return a, err
		}
		var c int
		if a.isNum && b.isNum {
			switch {
			case a.num < b.num:
				c = -1
			case a.num > b.num:
				c = 1
			}
		} else {
			c = strings.Compare(a.String(), b.String())
		}
		switch op {
		case "==":
			return boolVal(c == 0), nil
		case "!=":
			return boolVal(c != 0), nil
		case "<":
			return boolVal(c < 0), nil
		case ">":
			return boolVal(c > 0), nil
		case "<=":
			return boolVal(c <= 0), nil
		default:
			return boolVal(c >= 0), nil
		}
	}
	return a, nil
}

func (p *exprParser) sum() (tval, error) {
	a, err := p.product()
	for err == nil {
		var op byte
		switch {
		case p.eat("+"):
			op = '+'
		case p.eat("-"):
			op = '-'
		default:
			return a, nil
		}
		var b tval
		if b, err = p.product(); err != nil {
			break
		}
		if op == '+' && (!a.isNum || !b.isNum) {
			a = tval{str: a.String() + b.String()}
			continue
		}
		if !a.isNum || !b.isNum {
			return a, fmt.Errorf("%q - %q: not numbers", a, b)
		}
		if op == '+' {
			a = numVal(a.num + b.num)
		} else {
			a = numVal(a.num - b.num)
		}
	}
	return a, err
}

func (p *exprParser) product() (tval, error) {
	a, err := p.unary()
	for err == nil {
		var op byte
		switch {
		case p.eat("*"):
			op = '*'
		case p.eat("/"):
			op = '/'
		case p.eat("%"):
			op = '%'
		default:
			return a, nil
		}
		var b tval
		if b, err = p.unary(); err != nil {
			break
		}
		if !a.isNum || !b.isNum {
			return a, fmt.Errorf("%q %c %q: not numbers", a, op, b)
		}
		switch op {
		case '*':
			a = numVal(a.num * b.num)
		case '/':
			if b.num == 0 {
				return a, errors.New("division by zero")
			}
			a = numVal(a.num / b.num)
		default:
			if b.num == 0 {
				return a, errors.New("modulo by zero")
			}
			a = numVal(math.Mod(a.num, b.num))
		}
	}
	return a, err
}

func (p *exprParser) unary() (tval, error) {
	if p.eat("-") {
		v, err := p.unary()
		if err == nil && !v.isNum {
			err = fmt.Errorf("-%q: not a number", v)
		}
		return numVal(-v.num), err
	}
	return p.primary()
}

func (p *exprParser) primary() (tval, error) {
	p.ws()
	if p.pos >= len(p.s) {
		return tval{}, errors.New("expression ends too early")
	}
	c := p.s[p.pos]
	switch {
	case c == '(':
		p.pos++
		v, err := p.or()
		if err == nil && !p.eat(")") {
			err = errors.New("missing )")
		}
		return v, err
	case c == '"':
		e := strings.IndexByte(p.s[p.pos+1:], '"')
		if e < 0 {
			return tval{}, errors.New("unclosed string")
		}
		v := tval{str: p.s[p.pos+1 : p.pos+1+e]}
		p.pos += e + 2
		return v, nil
	case c >= '0' && c <= '9' || c == '.':
		k := p.pos
		for k < len(p.s) && (p.s[k] >= '0' && p.s[k] <= '9' || p.s[k] == '.' || p.s[k] == 'e' || p.s[k] == 'E') {
			k++
		}
		f, err := strconv.ParseFloat(p.s[p.pos:k], 64)
		if err != nil {
			return tval{}, fmt.Errorf("bad number %q", p.s[p.pos:k])
		}
		p.pos = k
		return numVal(f), nil
	case isIdent(c):
		k := p.pos
		for k < len(p.s) && isIdent(p.s[k]) {
			k++
		}
		name := p.s[p.pos:k]
		p.pos = k
		if p.eat("(") {
			return p.call(name)
		}
		v, ok := p.vars[name]
		if !ok {
			return tval{}, fmt.Errorf("unknown variable %q", name)
		}
		if p.eat("[") {
			// one extruder: every index reads the one value
			if _, err := p.or(); err != nil {
				return tval{}, err
			}
			if !p.eat("]") {
				return tval{}, errors.New("missing ]")
			}
		}
		return v, nil
	}
	return tval{}, fmt.Errorf("unexpected %q", p.s[p.pos:])
}

func (p *exprParser) call(name string) (tval, error) {
	var args []tval
	for !p.eat(")") {
		if len(args) > 0 && !p.eat(",") {
			return tval{}, fmt.Errorf("%s(: missing , or )", name)
		}
		v, err := p.or()
		if err != nil {
			return tval{}, err
		}
		if !v.isNum {
			return tval{}, fmt.Errorf("%s(%q): not a number", name, v)
		}
		args = append(args, v)
	}
	want := map[string]int{"min": 2, "max": 2, "int": 1, "round": 1, "abs": 1}
	n, ok := want[name]
	if !ok {
		return tval{}, fmt.Errorf("unknown function %s()", name)
	}
	if len(args) != n {
		return tval{}, fmt.Errorf("%s() takes %d arguments, got %d", name, n, len(args))
	}
	switch name {
	case "min":
		return numVal(math.Min(args[0].num, args[1].num)), nil
	case "max":
		return numVal(math.Max(args[0].num, args[1].num)), nil
	case "int":
		return numVal(math.Trunc(args[0].num)), nil
	case "round":
		return numVal(math.Round(args[0].num)), nil
	}
	return numVal(math.Abs(args[0].num)), nil
}

// expandCustom expands the custom start and end templates (empty when the
// built-in sequences are used).
func expandCustom(c *Config, layers []Layer) (start, end string, err error) {
	if c.StartGCode == "" && c.EndGCode == "" {
		return "", "", nil
	}
	// layer tops are sums of heights: round off what the sums add
	top := math.Round(layers[len(layers)-1].Z*1e6) / 1e6
	vars := templateVars(c, map[string]tval{
		"max_layer_z":       numVal(top),
		"layer_z":           numVal(math.Round(layers[0].Z*1e6) / 1e6),
		"layer_num":         numVal(0),
		"total_layer_count": numVal(float64(len(layers))),
	})
	if c.StartGCode != "" {
		if start, err = expandTemplate("start_gcode", c.StartGCode, vars); err != nil {
			return "", "", err
		}
	}
	if c.EndGCode != "" {
		vars["layer_z"], vars["layer_num"] = numVal(top), numVal(float64(len(layers)-1))
		if end, err = expandTemplate("end_gcode", c.EndGCode, vars); err != nil {
			return "", "", err
		}
	}
	return start, end, nil
}

// writeCustomStart writes an expanded start template and then, as
// PrusaSlicer does after it, the modes the layers rely on. Where the
// template leaves the head is not known: the first layer's moves name every
// axis.
func writeCustomStart(w *gcode.Writer, text string) {
	w.Line(";TYPE:Custom")
	writeText(w, text)
	w.Line("G21 ; set units to millimeters")
	w.Line("G90 ; use absolute coordinates")
	w.Line("M83 ; use relative distances for extrusion")
	w.Line("M107")
	w.Forget()
}

// writeCustomEnd retracts and writes an expanded end template.
func writeCustomEnd(w *gcode.Writer, c *Config, text string) {
	w.Line(";TYPE:Custom")
	if c.RetractLength > 0 {
		w.Extrude(-c.RetractLength, c.RetractSpeed*60)
	}
	writeText(w, text)
}

// writeText writes template output line by line (a last empty line
// dropped).
func writeText(w *gcode.Writer, text string) {
	text = strings.TrimSuffix(text, "\n")
	for _, l := range strings.Split(text, "\n") {
		w.Line(l)
	}
}
