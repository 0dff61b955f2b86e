package gcode

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"unsafe"
)

// MaxLineLength is the longest line the Scanner parses in full. Longer lines
// (embedded thumbnails or configs never are, but a corrupted file may be one
// endless line) are cut: the rest of the line is read and dropped, so memory
// stays bounded whatever the input.
const MaxLineLength = 256 << 10

// Command is one parsed G-code line: an optional command word (G1, M204,
// M862.3, T0), its parameters and the comment after ';'. Parameters are
// single letters A–Z with a number; string parameters (M862.3 P "MK3S", M117
// text) are skipped.
//
// A Command returned by Scanner.Command is valid until the next call to Scan:
// Comment points into the scanner's buffer.
type Command struct {
	// Letter is 'G', 'M' or 'T', or 0 for a line without command (blank or
	// comment only).
	Letter byte
	// Number is the command number: 1 for G1, 204 for M204, 0 for T0.
	Number int
	// Sub is the number after a dot (3 for M862.3), -1 when absent.
	Sub int
	// Comment is the text after the first ';', without that ';' and without
	// trailing white space and carriage return. nil when the line has no
	// comment.
	Comment []byte

	mask uint32
	vals [26]float64
}

// Has reports whether the parameter letter (upper case, 'A'–'Z') is present.
func (c *Command) Has(letter byte) bool {
	i := letter - 'A'
	return i < 26 && c.mask&(1<<i) != 0
}

// Get returns the value of parameter letter and whether it is present.
func (c *Command) Get(letter byte) (float64, bool) {
	i := letter - 'A'
	if i >= 26 || c.mask&(1<<i) == 0 {
		return 0, false
	}
	return c.vals[i], true
}

// Set sets parameter letter to v (for building commands in code and tests).
func (c *Command) Set(letter byte, v float64) {
	i := letter - 'A'
	if i < 26 {
		c.mask |= 1 << i
		c.vals[i] = v
	}
}

// Is reports whether the command is letter+number, e.g. c.Is('G', 1).
func (c *Command) Is(letter byte, number int) bool {
	return c.Letter == letter && c.Number == number
}

// Reset clears the command to an empty line.
func (c *Command) Reset() {
	c.Letter, c.Number, c.Sub, c.Comment, c.mask = 0, 0, -1, nil, 0
}

// String formats the command back as G-code (parameters in alphabetical
// order, comment dropped); for messages and tests, not for speed.
func (c *Command) String() string {
	if c.Letter == 0 {
		return ""
	}
	b := []byte{c.Letter}
	b = strconv.AppendInt(b, int64(c.Number), 10)
	if c.Sub >= 0 {
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(c.Sub), 10)
	}
	for i := range 26 {
		if c.mask&(1<<i) != 0 {
			b = append(b, ' ', byte('A'+i))
			b = strconv.AppendFloat(b, c.vals[i], 'f', -1, 64)
		}
	}
	return string(b)
}

// ParseLine parses one line of G-code (with or without its line ending) into
// c, replacing what c held. Malformed words are skipped: G-code from the wild
// has text parameters, checksums and line numbers, and a printer ignores what
// it does not understand. c.Comment aliases line.
func ParseLine(line []byte, c *Command) {
	c.Reset()
	n := len(line)
	for n > 0 && (line[n-1] == '\n' || line[n-1] == '\r' || line[n-1] == ' ' || line[n-1] == '\t') {
		n--
	}
	line = line[:n]
	i := 0
	skipSpace := func() {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	skipSpace()
	// Optional line number "N123".
	if i < len(line) && (line[i] == 'N' || line[i] == 'n') && i+1 < len(line) && isDigit(line[i+1]) {
		i++
		for i < len(line) && isDigit(line[i]) {
			i++
		}
		skipSpace()
	}
	if i < len(line) {
		switch l := upper(line[i]); l {
		case 'G', 'M', 'T':
			j := i + 1
			num, k := 0, j
			for k < len(line) && isDigit(line[k]) && k-j < 9 {
				num = num*10 + int(line[k]-'0')
				k++
			}
			if k > j {
				c.Letter, c.Number = l, num
				i = k
				if i+1 < len(line) && line[i] == '.' && isDigit(line[i+1]) {
					i++
					sub := 0
					for i < len(line) && isDigit(line[i]) && sub < 1e8 {
						sub = sub*10 + int(line[i]-'0')
						i++
					}
					c.Sub = sub
				}
			}
		}
	}
	for i < len(line) {
		ch := line[i]
		switch {
		case ch == ';':
			c.Comment = line[i+1:]
			return
		case ch == '*': // checksum: the rest is not G-code
			return
		case ch == '"': // quoted string parameter
			i++
			for i < len(line) && line[i] != '"' {
				i++
			}
			i++
		case ch == '(': // RS-274 comment
			for i < len(line) && line[i] != ')' {
				i++
			}
			i++
		default:
			l := upper(ch)
			if l >= 'A' && l <= 'Z' && c.Letter != 0 {
				j := i + 1
				for j < len(line) && (line[j] == ' ' || line[j] == '\t') && j+1 < len(line) && isNumStart(line[j+1]) {
					j++
				}
				k := j
				for k < len(line) && isNumChar(line[k]) {
					k++
				}
				if k > j {
					if v, ok := parseNumber(line[j:k]); ok {
						c.vals[l-'A'] = v
						c.mask |= 1 << (l - 'A')
					}
					i = k
					continue
				}
				// A bare letter (G28 X, M84 E): present with value 0.
				if k == j && (j == len(line) || !isLetter(line[j])) {
					c.vals[l-'A'] = 0
					c.mask |= 1 << (l - 'A')
					i = j
					continue
				}
			}
			i++
		}
	}
}

func isDigit(b byte) bool    { return b >= '0' && b <= '9' }
func isLetter(b byte) bool   { b = upper(b); return b >= 'A' && b <= 'Z' }
func isNumStart(b byte) bool { return isDigit(b) || b == '-' || b == '+' || b == '.' }

// isNumChar: no exponents in G-code numbers ("Y20E1" is Y20 and E1).
func isNumChar(b byte) bool {
	return isDigit(b) || b == '-' || b == '+' || b == '.'
}
func upper(b byte) byte {
	if b >= 'a' && b <= 'z' {
		return b - 32
	}
	return b
}

// exactPow10 holds the powers of ten that float64 represents exactly.
var exactPow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseNumber parses a decimal number as G-code writes them ("-12.5",
// ".04612", "3."), correctly rounded: plain decimals with at most 15
// significant digits take the exact fast path (mantissa and power of ten
// both exact in float64), anything else goes to strconv.
func parseNumber(b []byte) (float64, bool) {
	i, neg := 0, false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	var mant uint64
	digits, frac, seenDot, any := 0, 0, false, false
	for ; i < len(b); i++ {
		ch := b[i]
		if isDigit(ch) {
			any = true
			if mant == 0 && ch == '0' {
				if seenDot {
					frac++
				}
				continue
			}
			if digits >= 15 {
				return slowNumber(b)
			}
			mant = mant*10 + uint64(ch-'0')
			digits++
			if seenDot {
				frac++
			}
			continue
		}
		if ch == '.' && !seenDot {
			seenDot = true
			continue
		}
		return slowNumber(b)
	}
	if !any {
		return 0, false
	}
	if frac >= len(exactPow10) {
		return slowNumber(b)
	}
	v := float64(mant) / exactPow10[frac]
	if neg {
		v = -v
	}
	return v, true
}

func slowNumber(b []byte) (float64, bool) {
	v, err := strconv.ParseFloat(unsafe.String(unsafe.SliceData(b), len(b)), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// Scanner reads G-code line by line from an io.Reader in bounded memory and
// parses each line into a Command without allocating. Use it like
// bufio.Scanner:
//
//	s := gcode.NewScanner(r)
//	for s.Scan() {
//		c := s.Command()
//		...
//	}
//	if err := s.Err(); err != nil { ... }
type Scanner struct {
	r         *bufio.Reader
	cmd       Command
	line      int
	bytes     int64
	longLines int
	err       error
	done      bool
}

// NewScanner returns a Scanner reading r through a MaxLineLength buffer.
func NewScanner(r io.Reader) *Scanner {
	s := &Scanner{r: bufio.NewReaderSize(r, MaxLineLength)}
	s.cmd.Reset()
	return s
}

// Scan reads and parses the next line. It returns false at the end of the
// input or on a read error (see Err).
func (s *Scanner) Scan() bool {
	if s.done {
		return false
	}
	line, err := s.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		// Over-long line: parse the first part, drop the rest.
		s.longLines++
		s.bytes += int64(len(line))
		ParseLine(line, &s.cmd)
		s.cmd.Comment = nil // may be cut anywhere; do not trust it
		for err == bufio.ErrBufferFull {
			var rest []byte
			rest, err = s.r.ReadSlice('\n')
			s.bytes += int64(len(rest))
		}
		s.line++
		if err != nil && err != io.EOF {
			s.err = fmt.Errorf("gcode: line %d: %w", s.line, err)
			s.done = true
		} else if err == io.EOF {
			s.done = true
		}
		return true
	}
	if len(line) == 0 && err != nil {
		if err != io.EOF {
			s.err = fmt.Errorf("gcode: after line %d: %w", s.line, err)
		}
		s.done = true
		return false
	}
	s.line++
	s.bytes += int64(len(line))
	ParseLine(line, &s.cmd)
	if err != nil {
		if err != io.EOF {
			s.err = fmt.Errorf("gcode: line %d: %w", s.line, err)
		}
		s.done = true
	}
	return true
}

// Command returns the line parsed by the last Scan. The pointer stays the
// same for the Scanner's life; its contents change at each Scan.
func (s *Scanner) Command() *Command { return &s.cmd }

// Line returns the 1-based number of the line parsed by the last Scan.
func (s *Scanner) Line() int { return s.line }

// Bytes returns how many bytes of input have been consumed.
func (s *Scanner) Bytes() int64 { return s.bytes }

// LongLines returns how many lines longer than the read buffer were cut.
func (s *Scanner) LongLines() int { return s.longLines }

// Err returns the first read error, nil at a clean end of input.
func (s *Scanner) Err() error { return s.err }
