package threemf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// A model part is mostly tens of thousands of <vertex x y z/> and <triangle
// v1 v2 v3/> elements. encoding/xml allocates a token and its attributes for
// each (3DBenchy's 3MF: 4 million allocations, 1.4 s); this scanner reads
// the bytes in place and checks what the decoder needs: tags that open and
// close in order, attributes quoted, comments, processing instructions,
// CDATA and a DOCTYPE skipped. Text between elements is not looked at.

// xattr is one attribute: prefix (before a colon, may be empty), local
// name and the value with the five predefined entities and character
// references decoded.
type xattr struct {
	space, local string
	value        []byte
}

type xtag struct {
	end, selfClose bool
	space, local   string
	attrs          []xattr
}

type scanner struct {
	data  []byte
	pos   int
	stack []string // open elements, qualified names
	names map[string]string
	tag   xtag
}

var errEOF = errors.New("end of part")

func newScanner(data []byte) *scanner {
	return &scanner{data: data, names: map[string]string{}}
}

// line returns the 1-based line of the scanner's position.
func (s *scanner) line() int { return 1 + bytes.Count(s.data[:min(s.pos, len(s.data))], []byte{'\n'}) }

// intern returns a string for b without allocating for names seen before.
func (s *scanner) intern(b []byte) string {
	if v, ok := s.names[string(b)]; ok {
		return v
	}
	v := string(b)
	s.names[v] = v
	return v
}

func isNameByte(c byte) bool {
	return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '/' && c != '>' && c != '=' && c != '<' && c != '"' && c != '\''
}

func isWS(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// next scans to the next start or end tag; it returns errEOF at the end
// of the data (an error if elements are still open).
func (s *scanner) next() (*xtag, error) {
	d := s.data
	for {
		i := bytes.IndexByte(d[s.pos:], '<')
		if i < 0 {
			s.pos = len(d)
			if len(s.stack) > 0 {
				return nil, fmt.Errorf("the XML ends inside <%s>", s.stack[len(s.stack)-1])
			}
			return nil, errEOF
		}
		s.pos += i
		rest := d[s.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			if err := s.skipPast("-->"); err != nil {
				return nil, err
			}
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			if err := s.skipPast("?>"); err != nil {
				return nil, err
			}
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			if err := s.skipPast("]]>"); err != nil {
				return nil, err
			}
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			if err := s.skipPast(">"); err != nil {
				return nil, err
			}
			continue
		}
		return s.scanTag()
	}
}

func (s *scanner) skipPast(end string) error {
	i := bytes.Index(s.data[s.pos:], []byte(end))
	if i < 0 {
		return fmt.Errorf("unterminated %q", s.data[s.pos:min(len(s.data), s.pos+4)])
	}
	s.pos += i + len(end)
	return nil
}

func (s *scanner) scanTag() (*xtag, error) {
	d := s.data
	p := s.pos + 1
	t := &s.tag
	t.end, t.selfClose, t.attrs = false, false, t.attrs[:0]
	if p < len(d) && d[p] == '/' {
		t.end = true
		p++
	}
	q := p
	for q < len(d) && isNameByte(d[q]) {
		q++
	}
	if q == p {
		return nil, errors.New("a tag without a name")
	}
	qname := s.intern(d[p:q])
	t.space, t.local = split(qname)
	p = q
	for {
		for p < len(d) && isWS(d[p]) {
			p++
		}
		if p >= len(d) {
			return nil, fmt.Errorf("unterminated tag <%s", qname)
		}
		if d[p] == '>' {
			p++
			break
		}
		if d[p] == '/' && p+1 < len(d) && d[p+1] == '>' && !t.end {
			t.selfClose = true
			p += 2
			break
		}
		if t.end {
			return nil, fmt.Errorf("unexpected %q in </%s>", d[p], qname)
		}
		q = p
		for q < len(d) && isNameByte(d[q]) {
			q++
		}
		if q == p {
			return nil, fmt.Errorf("unexpected %q in <%s>", d[p], qname)
		}
		aname := s.intern(d[p:q])
		p = q
		for p < len(d) && isWS(d[p]) {
			p++
		}
		if p >= len(d) || d[p] != '=' {
			return nil, fmt.Errorf("attribute %s of <%s> has no value", aname, qname)
		}
		p++
		for p < len(d) && isWS(d[p]) {
			p++
		}
		if p >= len(d) || d[p] != '"' && d[p] != '\'' {
			return nil, fmt.Errorf("attribute %s of <%s> is not quoted", aname, qname)
		}
		quote := d[p]
		p++
		end := bytes.IndexByte(d[p:], quote)
		if end < 0 {
			return nil, fmt.Errorf("attribute %s of <%s> is not closed", aname, qname)
		}
		v := d[p : p+end]
		if bytes.IndexByte(v, '<') >= 0 {
			return nil, fmt.Errorf("'<' in attribute %s of <%s>", aname, qname)
		}
		if bytes.IndexByte(v, '&') >= 0 {
			var err error
			if v, err = unescape(v); err != nil {
				return nil, fmt.Errorf("attribute %s of <%s>: %v", aname, qname, err)
			}
		}
		p += end + 1
		sp, lo := split(aname)
		t.attrs = append(t.attrs, xattr{space: sp, local: lo, value: v})
	}
	s.pos = p
	switch {
	case t.end:
		if len(s.stack) == 0 || s.stack[len(s.stack)-1] != qname {
			return nil, fmt.Errorf("</%s> closes nothing open", qname)
		}
		s.stack = s.stack[:len(s.stack)-1]
	case !t.selfClose:
		s.stack = append(s.stack, qname)
	}
	return t, nil
}

func split(qname string) (space, local string) {
	if i := strings.IndexByte(qname, ':'); i >= 0 {
		return qname[:i], qname[i+1:]
	}
	return "", qname
}

// unescape decodes the predefined entities and character references.
func unescape(v []byte) ([]byte, error) {
	out := make([]byte, 0, len(v))
	for len(v) > 0 {
		i := bytes.IndexByte(v, '&')
		if i < 0 {
			return append(out, v...), nil
		}
		out = append(out, v[:i]...)
		v = v[i:]
		j := bytes.IndexByte(v, ';')
		if j < 0 {
			return nil, errors.New("'&' without ';'")
		}
		ent := string(v[1:j])
		switch ent {
		case "amp":
			out = append(out, '&')
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			var r rune
			var err error
			switch {
			case strings.HasPrefix(ent, "#x"):
				_, err = fmt.Sscanf(ent[2:], "%x", &r)
			case strings.HasPrefix(ent, "#"):
				_, err = fmt.Sscanf(ent[1:], "%d", &r)
			default:
				err = fmt.Errorf("unknown entity &%s;", ent)
			}
			if err != nil || r <= 0 || r > 0x10FFFF {
				return nil, fmt.Errorf("bad reference &%s;", ent)
			}
			out = append(out, string(r)...)
		}
		v = v[j+1:]
	}
	return out, nil
}

// get returns the value of the unprefixed attribute name (nil if absent).
func (t *xtag) get(name string) []byte {
	for i := range t.attrs {
		if t.attrs[i].local == name && t.attrs[i].space == "" {
			return t.attrs[i].value
		}
	}
	return nil
}
