package pes

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image/color"
	"io"
	"strings"

	"github.com/usinette/usinette/stitch"
)

// Errors of Decode. They are wrapped with the offset and what was expected.
var (
	// ErrFormat: the data is not a PES (or PEC) file.
	ErrFormat = errors.New("pes: not a PES file")
	// ErrCorrupt: an offset or a count points past the end of the data, or
	// the stitch stream ends without its end marker.
	ErrCorrupt = errors.New("pes: corrupt or truncated file")
)

// MaxFileSize bounds what Decode reads; real PES files are well under 10 MB.
const MaxFileSize = 64 << 20

// Info is what Decode learns about a file besides its stitches.
type Info struct {
	Signature string // "#PES0001", "#PES0060", "#PEC0001", ...
	Version   int    // 1 for #PES0001, 6 for #PES0060, 11 for #PES0111; 0 for a bare PEC file
	PECOffset int    // where the PEC section starts
	Label     string // PEC label, trailing spaces removed
	Name      string // design name from the PES v5+ header, when present
	Palette   []int  // PEC palette index of each colour block
	// ThreadsFromPES says that the thread colours and names come from the
	// PES part (v5 and later) rather than the PEC palette.
	ThreadsFromPES bool
}

// Decode reads a PES file of any version (or a bare #PEC0001 file) through
// its PEC section. Positions are in millimetres, y down, with the origin
// where the stitch stream starts (after the 4 start bytes, as Ink/Stitch
// and pyembroidery read it). Threads come from the PES thread list when the
// file has one (v5–v7), otherwise from the PEC palette.
func Decode(r io.Reader) (*stitch.Pattern, error) {
	p, _, err := DecodeInfo(r)
	return p, err
}

// DecodeInfo is Decode that also returns the file's header information.
func DecodeInfo(r io.Reader) (*stitch.Pattern, Info, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, Info{}, err
	}
	if len(b) > MaxFileSize {
		return nil, Info{}, fmt.Errorf("%w: larger than %d bytes", ErrCorrupt, MaxFileSize)
	}
	return decodeBytes(b)
}

func decodeBytes(b []byte) (*stitch.Pattern, Info, error) {
	var info Info
	if len(b) < 8 {
		return nil, info, fmt.Errorf("%w: %d bytes, too short for a signature", ErrFormat, len(b))
	}
	info.Signature = string(b[:8])
	switch {
	case bytes.HasPrefix(b, []byte("#PEC")):
		info.PECOffset = 8
	case bytes.HasPrefix(b, []byte("#PES")):
		v := 0
		for _, c := range b[4:8] {
			if c < '0' || c > '9' {
				return nil, info, fmt.Errorf("%w: bad signature %q", ErrFormat, b[:8])
			}
			v = v*10 + int(c-'0')
		}
		info.Version = v // "0001" is version 1
		if v >= 10 {
			info.Version = v / 10 // "0020" is 2, "0060" 6, "0111" 11
		}
		if len(b) < 12 {
			return nil, info, fmt.Errorf("%w: file ends at %d, inside the PES header", ErrCorrupt, len(b))
		}
		info.PECOffset = int(binary.LittleEndian.Uint32(b[8:12]))
	default:
		return nil, info, fmt.Errorf("%w: bad signature %q", ErrFormat, printable(b[:8]))
	}
	pec := info.PECOffset
	if pec < 8 || pec > len(b) || len(b)-pec < 0x210 {
		return nil, info, fmt.Errorf("%w: PEC section offset %d past the end (file is %d bytes)", ErrCorrupt, pec, len(b))
	}
	if string(b[pec:pec+3]) != "LA:" {
		return nil, info, fmt.Errorf("%w: no PEC label (\"LA:\") at offset %d", ErrCorrupt, pec)
	}
	info.Label = strings.TrimRight(string(b[pec+3:pec+19]), " \x00")
	ncol := int(b[pec+0x30]) + 1
	if b[pec+0x30] == 0xFF {
		ncol = 0
	}
	for i := range ncol {
		info.Palette = append(info.Palette, int(b[pec+0x31+i]))
	}

	p := &stitch.Pattern{}
	if ncol == 0 && b[pec+0x20C] == 0xFF {
		return p, info, nil // an empty design, as PE-Design writes it
	}
	recs, blocks, err := decodePECStitches(b, pec+0x210)
	if err != nil {
		return nil, info, err
	}
	// The design thumbnail follows the stitches (its offset from PEC+0x200
	// is at PEC+0x202). Some writers leave out the per-colour thumbnails
	// (PEmbroider), none the design's: a file that ends before it was cut.
	thumb := pec + 0x200 + (int(b[pec+0x202]) | int(b[pec+0x203])<<8 | int(b[pec+0x204])<<16)
	if end := thumb + thumbBytes; end > len(b) {
		return nil, info, fmt.Errorf("%w: file ends at %d, inside the PEC thumbnail (%d..%d)", ErrCorrupt, len(b), thumb, end)
	}
	p.Records = recs

	var pesThreads []stitch.Thread
	if info.Signature[:4] == "#PES" {
		pesThreads, info.Name = pesThreadList(b[:pec], info.Version)
	}
	info.ThreadsFromPES = len(pesThreads) > 0
	p.Threads = blockThreads(info.Palette, blocks, pesThreads)
	p.Threads = readStops(p.Records, p.Threads)
	p.Records = jumpAfterChanges(p.Records)
	return p, info, nil
}

// readStops turns each colour change whose next block has the same thread
// and sews something into a Stop, and drops that thread from threads
// (returned). PEC has no stop code: a stop is a pause for the same colour
// again (what Encode writes for a Stop), as pyembroidery reads it too. A
// colour change with no stitch after it stays one.
func readStops(recs []stitch.Record, threads []stitch.Thread) []stitch.Thread {
	if len(threads) == 0 {
		return threads
	}
	out := append(make([]stitch.Thread, 0, len(threads)), threads[0])
	next := 1 // index in threads of the block after the next change
	for i := range recs {
		if recs[i].Cmd != stitch.ColorChange || next >= len(threads) {
			continue
		}
		if threads[next] == out[len(out)-1] && sewsBeforeChange(recs[i+1:]) {
			recs[i].Cmd = stitch.Stop
		} else {
			out = append(out, threads[next])
		}
		next++
	}
	return out
}

func printable(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		if c >= 0x20 && c < 0x7F {
			s.WriteByte(c)
		} else {
			fmt.Fprintf(&s, "\\x%02x", c)
		}
	}
	return s.String()
}

// decodePECStitches reads the stitch stream at off and returns the records
// and the number of colour blocks.
func decodePECStitches(b []byte, off int) ([]stitch.Record, int, error) {
	i := off
	// The 4 start bytes: a 12-bit jump from the top-left corner to the
	// origin. Readers start the design at the origin.
	if i+4 <= len(b) && b[i]&0xF0 == 0x90 && b[i+2]&0xF0 == 0x90 {
		i += 4
	}
	recs := make([]stitch.Record, 0, (len(b)-i)/2)
	blocks := 1
	x, y := 0, 0
	read := func() (v, flags int, err error) {
		if i >= len(b) {
			return 0, 0, fmt.Errorf("%w: stitch stream ends at offset %d without its end marker (0xFF)", ErrCorrupt, i)
		}
		c := int(b[i])
		if c&0x80 == 0 {
			i++
			if c&0x40 != 0 {
				c -= 0x80
			}
			return c, 0, nil
		}
		if i+1 >= len(b) {
			return 0, 0, fmt.Errorf("%w: stitch stream ends at offset %d inside a 12-bit move", ErrCorrupt, i)
		}
		v = (c&0x0F)<<8 | int(b[i+1])
		if v&0x800 != 0 {
			v -= 0x1000
		}
		i += 2
		return v, c & 0x70, nil
	}
	mm := func(v int) float64 { return float64(v) / 10 }
	for {
		if i >= len(b) {
			return nil, 0, fmt.Errorf("%w: stitch stream ends at offset %d without its end marker (0xFF)", ErrCorrupt, i)
		}
		switch b[i] {
		case 0xFF:
			recs = append(recs, stitch.Record{X: mm(x), Y: mm(y), Cmd: stitch.End})
			return recs, blocks, nil
		case 0xFE:
			if i+3 > len(b) {
				return nil, 0, fmt.Errorf("%w: colour change at offset %d cut short", ErrCorrupt, i)
			}
			i += 3
			blocks++
			recs = append(recs, stitch.Record{X: mm(x), Y: mm(y), Cmd: stitch.ColorChange})
			continue
		}
		dx, fx, err := read()
		if err != nil {
			return nil, 0, err
		}
		dy, fy, err := read()
		if err != nil {
			return nil, 0, err
		}
		flags := fx | fy
		if flags&flagTrim != 0 {
			recs = append(recs, stitch.Record{X: mm(x), Y: mm(y), Cmd: stitch.Trim})
		}
		x += dx
		y += dy
		cmd := stitch.Stitch
		if flags&(flagTrim|flagJump) != 0 {
			cmd = stitch.Jump
		} else if n := len(recs); n > 0 && recs[n-1].Cmd == stitch.Jump && (dx != 0 || dy != 0) {
			// The stitch that ends a run of jumps: the needle was last
			// down before the jumps, the frame moves with the needle
			// up, so no thread is laid along this move. A Jump there
			// then a Stitch, not a long sewn stitch. (After a colour
			// change too: see jumpAfterChanges.)
			recs = append(recs, stitch.Record{X: mm(x), Y: mm(y), Cmd: stitch.Jump})
		}
		recs = append(recs, stitch.Record{X: mm(x), Y: mm(y), Cmd: cmd})
	}
}

// sewsBeforeChange reports whether recs hold a Stitch before their first
// colour change or stop.
func sewsBeforeChange(recs []stitch.Record) bool {
	for _, r := range recs {
		switch r.Cmd {
		case stitch.Stitch:
			return true
		case stitch.ColorChange, stitch.Stop:
			return false
		}
	}
	return false
}

// jumpAfterChanges reads the move of a stitch that directly follows a
// colour change as a Jump there then the Stitch: the new thread starts at
// that needle-down, nothing is laid along the move. After a Stop the thread
// goes on, and so does the stitch.
func jumpAfterChanges(recs []stitch.Record) []stitch.Record {
	n := 0
	for i := 1; i < len(recs); i++ {
		if recs[i].Cmd == stitch.Stitch && recs[i-1].Cmd == stitch.ColorChange && (recs[i].X != recs[i-1].X || recs[i].Y != recs[i-1].Y) {
			n++
		}
	}
	if n == 0 {
		return recs
	}
	out := make([]stitch.Record, 0, len(recs)+n)
	for i, r := range recs {
		if i > 0 && r.Cmd == stitch.Stitch && recs[i-1].Cmd == stitch.ColorChange && (r.X != recs[i-1].X || r.Y != recs[i-1].Y) {
			out = append(out, stitch.Record{X: r.X, Y: r.Y, Cmd: stitch.Jump})
		}
		out = append(out, r)
	}
	return out
}

// blockThreads gives each colour block its thread: the PES thread whose
// palette index (chosen as Encode chooses it) is the block's PEC index, or
// the PES thread at the same position when the list has one per block, or
// the PEC palette thread.
func blockThreads(palette []int, blocks int, pesThreads []stitch.Thread) []stitch.Thread {
	var pesIdx []int
	if len(pesThreads) > 0 {
		pesIdx = PaletteIndices(pesThreads)
	}
	out := make([]stitch.Thread, 0, blocks)
	for i := range blocks {
		k := 0
		switch {
		case i < len(palette):
			k = palette[i]
		case len(palette) > 0:
			k = palette[len(palette)-1]
		}
		found := false
		for j, idx := range pesIdx {
			if idx == k {
				out = append(out, pesThreads[j])
				found = true
				break
			}
		}
		if found {
			continue
		}
		if len(pesThreads) == len(palette) && i < len(pesThreads) {
			out = append(out, pesThreads[i])
			continue
		}
		out = append(out, PaletteThread(k))
	}
	return out
}

// pesThreadList reads the thread list of a PES v5–v7 header, and the design
// name. It returns nil when the version has none or the header does not
// parse (the PEC palette is used then).
func pesThreadList(b []byte, version int) (threads []stitch.Thread, name string) {
	var fields int
	switch version {
	case 5:
		fields = 24
	case 6, 7:
		fields = 36
	default:
		return nil, ""
	}
	r := &reader{b: b, off: 12}
	r.skip(4) // hoop indicator, sub-version
	name = r.string8()
	for range 4 { // category, author, keywords, comments
		r.string8()
	}
	r.skip(fields)
	r.string8() // image file name
	r.skip(24)  // image affine transform
	if r.u16() != 0 || r.u16() != 0 || r.u16() != 0 {
		return nil, name // programmable fills, motifs, feathers come first
	}
	n := r.u16()
	for range n {
		var t stitch.Thread
		t.Catalog = r.string8()
		rgb := r.bytes(3)
		r.skip(5)
		t.Description = r.string8()
		t.Brand = r.string8()
		r.string8() // thread chart
		if r.err {
			return nil, name
		}
		t.Color = color.RGBA{R: rgb[0], G: rgb[1], B: rgb[2], A: 0xff}
		threads = append(threads, t)
	}
	if r.err {
		return nil, ""
	}
	return threads, name
}

// reader is a bounds-checked little-endian cursor; reading past the end
// sets err and returns zeros.
type reader struct {
	b   []byte
	off int
	err bool
}

func (r *reader) bytes(n int) []byte {
	if r.err || n < 0 || r.off+n > len(r.b) {
		r.err = true
		return make([]byte, max(n, 0))
	}
	s := r.b[r.off : r.off+n]
	r.off += n
	return s
}

func (r *reader) skip(n int) { r.bytes(n) }

func (r *reader) u16() int {
	return int(binary.LittleEndian.Uint16(r.bytes(2)))
}

func (r *reader) string8() string {
	n := r.bytes(1)[0]
	return string(r.bytes(int(n)))
}
