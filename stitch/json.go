package stitch

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"
)

// ErrJSON is wrapped by every error that ReadJSON returns for a document that
// is not a valid stitch list.
var ErrJSON = errors.New("invalid stitch-list JSON")

// Limits of a stitch-list document, checked while reading so that a
// hostile file is refused before it is drawn, planned or encoded.
const (
	// MaxJSONSize bounds the bytes ReadJSON reads, and MaxJSONRecords the
	// records of a document: the biggest real designs have a few hundred
	// thousand stitches. Measured at 5 million records (195 MB): 43 s and
	// 1.4 GB to read, so the limits are set well below that.
	MaxJSONSize    = 128 << 20
	MaxJSONRecords = 2_000_000
	// MaxCoordMM bounds |x| and |y| in millimetres: no hoop is 10 m from
	// the origin, and coordinates like 1e308 overflowed every size
	// computation downstream (a 0 × 0 mm PES).
	MaxCoordMM = 10_000
)

// JSONMeta is the descriptive part of a stitch-list document.
type JSONMeta struct {
	Name        string
	Description string
}

// The document shape of the stitch-list format (corpus/pes/golden/*.json):
// threads with "#rrggbb" colours and nullable catalog_number/brand, and
// stitches as [x, y, "COMMAND"] triples in millimetres, y down.
type jsonThread struct {
	Color         string  `json:"color"`
	Description   string  `json:"description"`
	CatalogNumber *string `json:"catalog_number"`
	Brand         *string `json:"brand"`
}

type jsonDoc struct {
	Name        string            `json:"name,omitempty"`
	Description string            `json:"description,omitempty"`
	Units       string            `json:"units"`
	YAxis       string            `json:"y_axis,omitempty"`
	Threads     []jsonThread      `json:"threads"`
	Stitches    []json.RawMessage `json:"stitches"`
}

// ReadJSON reads a stitch-list JSON document (the format of
// corpus/pes/golden/NAME.json). Units must be "mm" when given.
func ReadJSON(r io.Reader) (*Pattern, error) {
	p, _, err := ReadJSONMeta(r)
	return p, err
}

// ReadJSONMeta is ReadJSON that also returns the name and description.
func ReadJSONMeta(r io.Reader) (*Pattern, JSONMeta, error) {
	var doc jsonDoc
	lr := &io.LimitedReader{R: r, N: MaxJSONSize + 1}
	dec := json.NewDecoder(lr)
	if err := dec.Decode(&doc); err != nil {
		switch {
		case lr.N <= 0:
			err = fmt.Errorf("larger than the limit of %d MiB", MaxJSONSize>>20)
		case err == io.EOF:
			err = errors.New("empty file")
		case err == io.ErrUnexpectedEOF:
			err = errors.New("ends in the middle of the document (truncated?)")
		}
		return nil, JSONMeta{}, fmt.Errorf("%w: %v", ErrJSON, err)
	}
	meta := JSONMeta{Name: doc.Name, Description: doc.Description}
	if doc.Units != "" && doc.Units != "mm" {
		return nil, meta, fmt.Errorf("%w: units %q, want \"mm\"", ErrJSON, doc.Units)
	}
	if len(doc.Stitches) > MaxJSONRecords {
		return nil, meta, fmt.Errorf("%w: %d stitches, more than the limit of %d", ErrJSON, len(doc.Stitches), MaxJSONRecords)
	}
	p := &Pattern{Records: make([]Record, 0, len(doc.Stitches))}
	for i, t := range doc.Threads {
		c, err := parseHexColor(t.Color)
		if err != nil {
			return nil, meta, fmt.Errorf("%w: thread %d: %v", ErrJSON, i, err)
		}
		th := Thread{Color: c, Description: t.Description}
		if t.CatalogNumber != nil {
			th.Catalog = *t.CatalogNumber
		}
		if t.Brand != nil {
			th.Brand = *t.Brand
		}
		p.Threads = append(p.Threads, th)
	}
	for i, raw := range doc.Stitches {
		var triple []any
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&triple); err != nil || len(triple) != 3 {
			return nil, meta, fmt.Errorf("%w: stitch %d: want [x, y, \"COMMAND\"], got %s", ErrJSON, i, raw)
		}
		var xy [2]float64
		for k := range 2 {
			n, ok := triple[k].(json.Number)
			if !ok {
				return nil, meta, fmt.Errorf("%w: stitch %d: coordinate %v is not a number", ErrJSON, i, triple[k])
			}
			v, err := n.Float64()
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, meta, fmt.Errorf("%w: stitch %d: bad coordinate %s", ErrJSON, i, n)
			}
			if math.Abs(v) > MaxCoordMM {
				return nil, meta, fmt.Errorf("%w: stitch %d: coordinate %s mm beyond the limit of ±%d mm", ErrJSON, i, n, MaxCoordMM)
			}
			xy[k] = v
		}
		name, ok := triple[2].(string)
		if !ok {
			return nil, meta, fmt.Errorf("%w: stitch %d: command %v is not a string", ErrJSON, i, triple[2])
		}
		cmd, err := ParseCommand(name)
		if err != nil {
			return nil, meta, fmt.Errorf("%w: stitch %d: %v", ErrJSON, i, err)
		}
		p.Records = append(p.Records, Record{X: xy[0], Y: xy[1], Cmd: cmd})
	}
	return p, meta, nil
}

// WriteJSON writes p as a stitch-list JSON document. Coordinates are written
// in the shortest form that reads back to the same float64, so
// ReadJSON(WriteJSON(p)) == p; the output is deterministic.
func WriteJSON(w io.Writer, p *Pattern, meta JSONMeta) error {
	var b strings.Builder
	b.WriteString("{\n")
	if meta.Name != "" {
		fmt.Fprintf(&b, " \"name\": %s,\n", quote(meta.Name))
	}
	if meta.Description != "" {
		fmt.Fprintf(&b, " \"description\": %s,\n", quote(meta.Description))
	}
	b.WriteString(" \"units\": \"mm\",\n")
	b.WriteString(" \"y_axis\": \"down\",\n")
	b.WriteString(" \"threads\": [")
	for i, t := range p.Threads {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n  {\n   \"color\": \"#%02x%02x%02x\",\n   \"description\": %s,\n   \"catalog_number\": %s,\n   \"brand\": %s\n  }",
			t.Color.R, t.Color.G, t.Color.B, quote(t.Description), nullable(t.Catalog), nullable(t.Brand))
	}
	if len(p.Threads) > 0 {
		b.WriteString("\n ")
	}
	b.WriteString("],\n \"stitches\": [")
	for i, r := range p.Records {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  [")
		b.WriteString(formatMM(r.X))
		b.WriteString(", ")
		b.WriteString(formatMM(r.Y))
		b.WriteString(", \"")
		b.WriteString(r.Cmd.String())
		b.WriteString("\"]")
	}
	if len(p.Records) > 0 {
		b.WriteString("\n ")
	}
	b.WriteString("]\n}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func formatMM(v float64) string {
	if v == 0 {
		return "0.0" // also turns -0 into 0
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func nullable(s string) string {
	if s == "" {
		return "null"
	}
	return quote(s)
}

func parseHexColor(s string) (color.RGBA, error) {
	if len(s) != 7 || s[0] != '#' {
		return color.RGBA{}, fmt.Errorf("colour %q is not #rrggbb", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.RGBA{}, fmt.Errorf("colour %q is not #rrggbb", s)
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, nil
}
