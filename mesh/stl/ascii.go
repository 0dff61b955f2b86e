package stl

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"unsafe"

	"github.com/usinette/usinette/mesh"
)

// asciiParser walks an ASCII STL held in memory.
type asciiParser struct {
	data []byte
	pos  int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v'
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && isSpace(data[i]) {
		i++
	}
	return i
}

// matchWord reports the position after keyword kw (lower case) when data at i
// holds it, in any letter case, followed by white space or the end; else -1
// (0 is never a valid answer because kw is not empty).
func matchWord(data []byte, i int, kw string) int {
	if len(data)-i < len(kw) {
		return -1
	}
	for k := 0; k < len(kw); k++ {
		if data[i+k]|0x20 != kw[k] {
			return -1
		}
	}
	j := i + len(kw)
	if j < len(data) && !isSpace(data[j]) {
		return -1
	}
	return j
}

// line returns the 1-based line number of byte offset off.
func (p *asciiParser) line(off int) int {
	return bytes.Count(p.data[:min(off, len(p.data))], []byte{'\n'}) + 1
}

// word returns the white-space-delimited token at the current position, for
// error messages, shortened.
func (p *asciiParser) word() string {
	i := p.pos
	j := i
	for j < len(p.data) && !isSpace(p.data[j]) && j-i < 24 {
		j++
	}
	return strconv.Quote(string(p.data[i:j]))
}

// errAt builds an error for the current position: truncated at the end of
// the data, a syntax error otherwise.
func (p *asciiParser) errAt(tri int, want string) error {
	p.pos = skipSpace(p.data, p.pos)
	end := p.pos
	for end < len(p.data) && !isSpace(p.data[end]) {
		end++
	}
	if end >= len(p.data) {
		// Nothing left, or a last word cut short.
		return fmt.Errorf("%w at triangle %d: file ends where %s was expected (line %d)",
			ErrTruncated, tri, want, p.line(p.pos))
	}
	return fmt.Errorf("%w at line %d (triangle %d): expected %s, found %s",
		ErrSyntax, p.line(p.pos), tri, want, p.word())
}

// expect consumes keyword kw after white space.
func (p *asciiParser) expect(kw string) bool {
	p.pos = skipSpace(p.data, p.pos)
	j := matchWord(p.data, p.pos, kw)
	if j < 0 {
		return false
	}
	p.pos = j
	return true
}

// skipLine moves past the end of the current line.
func (p *asciiParser) skipLine() {
	if k := bytes.IndexByte(p.data[p.pos:], '\n'); k >= 0 {
		p.pos += k + 1
	} else {
		p.pos = len(p.data)
	}
}

func decodeASCII(data []byte) (*Soup, error) {
	p := &asciiParser{data: bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))}
	// Each facet has one "endloop"; counting them sizes the slice so that it
	// is allocated once (files with upper-case keywords grow by append).
	tris := make([][3]mesh.Vec3, 0, bytes.Count(p.data, []byte("endloop")))
	name := ""
	solids := 0
	for {
		p.pos = skipSpace(p.data, p.pos)
		if p.pos >= len(p.data) {
			break
		}
		if !p.expect("solid") {
			if solids == 0 {
				return nil, fmt.Errorf("%w: does not start with \"solid\"", ErrNotSTL)
			}
			return nil, fmt.Errorf("%w at line %d: expected solid or the end of the file, found %s",
				ErrSyntax, p.line(p.pos), p.word())
		}
		start := p.pos
		p.skipLine()
		if solids == 0 {
			name = string(bytes.TrimSpace(p.data[start:p.pos]))
		}
		solids++
		var err error
		tris, err = p.facets(tris)
		if err != nil {
			return nil, err
		}
	}
	if len(tris) == 0 {
		return nil, fmt.Errorf("%w: ASCII STL without facets", ErrEmpty)
	}
	return &Soup{Name: name, Format: ASCII, Triangles: tris}, nil
}

// facets parses facets up to and including "endsolid [name]". A file that
// ends cleanly after a facet without "endsolid" is accepted, as other readers
// do.
func (p *asciiParser) facets(tris [][3]mesh.Vec3) ([][3]mesh.Vec3, error) {
	for {
		p.pos = skipSpace(p.data, p.pos)
		if p.pos >= len(p.data) {
			return tris, nil
		}
		if j := matchWord(p.data, p.pos, "endsolid"); j > 0 {
			p.pos = j
			// The name after endsolid runs to the end of the line.
			p.skipLine()
			return tris, nil
		}
		tri := len(tris) + 1
		if !p.expect("facet") {
			return nil, p.errAt(tri, "facet or endsolid")
		}
		// "normal nx ny nz": the normal is not kept, but it must be there
		// and be numbers.
		if p.expect("normal") {
			for k := 0; k < 3; k++ {
				if _, ok := p.number(); !ok {
					return nil, p.errAt(tri, "a normal component")
				}
			}
		}
		if !p.expect("outer") {
			return nil, p.errAt(tri, "outer loop")
		}
		if !p.expect("loop") {
			return nil, p.errAt(tri, "loop")
		}
		var t [3]mesh.Vec3
		for v := 0; v < 3; v++ {
			if !p.expect("vertex") {
				return nil, p.errAt(tri, "vertex")
			}
			var c [3]float32
			for k := range c {
				f, ok := p.number()
				if !ok {
					return nil, p.errAt(tri, "a coordinate")
				}
				if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
					return nil, fmt.Errorf("%w in triangle %d (line %d)", ErrNonFinite, tri, p.line(p.pos))
				}
				c[k] = f
			}
			t[v] = mesh.Vec3{X: c[0], Y: c[1], Z: c[2]}
		}
		if !p.expect("endloop") {
			return nil, p.errAt(tri, "endloop")
		}
		if !p.expect("endfacet") {
			return nil, p.errAt(tri, "endfacet")
		}
		if len(tris) >= MaxTriangles {
			return nil, tooManyTriangles(uint64(len(tris)) + 1)
		}
		tris = append(tris, t)
	}
}

// pow10f32 holds the powers of ten that are exact in float32.
var pow10f32 = [...]float32{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10}

// number parses a decimal number after white space and returns it as the
// float32 nearest to its value (the result of strconv.ParseFloat(s, 32)).
func (p *asciiParser) number() (float32, bool) {
	data := p.data
	i := skipSpace(data, p.pos)
	start := i
	neg := false
	if i < len(data) && (data[i] == '-' || data[i] == '+') {
		neg = data[i] == '-'
		i++
	}
	var mant uint64
	digits := 0 // significant digits in mant
	exp := 0
	sawDigit := false
	for ; i < len(data); i++ {
		c := data[i] - '0'
		if c > 9 {
			break
		}
		sawDigit = true
		if mant == 0 && c == 0 {
			continue
		}
		if digits < 19 {
			mant = mant*10 + uint64(c)
			digits++
		} else {
			exp++
			if c != 0 {
				digits = 99 // inexact: let strconv decide
			}
		}
	}
	if i < len(data) && data[i] == '.' {
		i++
		for ; i < len(data); i++ {
			c := data[i] - '0'
			if c > 9 {
				break
			}
			sawDigit = true
			if mant == 0 && c == 0 {
				exp--
				continue
			}
			if digits < 19 {
				mant = mant*10 + uint64(c)
				digits++
				exp--
			} else if c != 0 {
				digits = 99
			}
		}
	}
	if !sawDigit {
		return p.slowNumber(start)
	}
	if i < len(data) && data[i]|0x20 == 'e' {
		i++
		eneg := false
		if i < len(data) && (data[i] == '-' || data[i] == '+') {
			eneg = data[i] == '-'
			i++
		}
		e := 0
		ed := false
		for ; i < len(data); i++ {
			c := data[i] - '0'
			if c > 9 {
				break
			}
			ed = true
			if e < 10000 {
				e = e*10 + int(c)
			}
		}
		if !ed {
			return p.slowNumber(start)
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i < len(data) && !isSpace(data[i]) {
		return p.slowNumber(start)
	}
	var f float32
	switch {
	case mant == 0:
		f = 0
	case mant < 1<<24 && exp >= 0 && exp < len(pow10f32):
		// Both operands are exact in float32, so one IEEE operation
		// rounds once, correctly.
		f = float32(mant) * pow10f32[exp]
	case mant < 1<<24 && exp < 0 && -exp < len(pow10f32):
		f = float32(mant) / pow10f32[-exp]
	default:
		return p.slowNumber(start)
	}
	if neg {
		f = -f
	}
	p.pos = i
	return f, true
}

// slowNumber parses the token at start with strconv (hexadecimal floats,
// long mantissas, large exponents, inf and nan).
func (p *asciiParser) slowNumber(start int) (float32, bool) {
	j := start
	for j < len(p.data) && !isSpace(p.data[j]) {
		j++
	}
	if j == start {
		return 0, false
	}
	tok := p.data[start:j]
	f, err := strconv.ParseFloat(unsafe.String(&tok[0], len(tok)), 32)
	if err != nil {
		var ne *strconv.NumError
		// Out of range gives ±Inf, which the caller reports as non-finite.
		if !(asNumError(err, &ne) && ne.Err == strconv.ErrRange) {
			return 0, false
		}
	}
	p.pos = j
	return float32(f), true
}

func asNumError(err error, ne **strconv.NumError) bool {
	e, ok := err.(*strconv.NumError)
	if ok {
		*ne = e
	}
	return ok
}
