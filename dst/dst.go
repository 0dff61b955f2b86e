package dst

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/usinette/usinette/stitch"
)

// MaxMove is the largest move along one axis that a DST record holds, in
// millimetres (±121 units of 0.1 mm).
const MaxMove = 12.1

const (
	headerSize = 512
	maxUnits   = 121
	// MaxFileSize bounds what Decode reads.
	MaxFileSize = 64 << 20
)

// Errors of Decode.
var (
	// ErrFormat: the data is not a DST file (no "LA:" header).
	ErrFormat = errors.New("dst: not a DST file")
	// ErrCorrupt: the file is shorter than its header or ends inside a
	// record.
	ErrCorrupt = errors.New("dst: corrupt or truncated file")
)

// Header holds the fields of the DST text header.
type Header struct {
	Label        string
	Stitches     int // ST: records as the writer counted them
	ColorChanges int // CO
	// Extents from the start point in 0.1 mm, DST axes (y up), as
	// positive numbers: +X, -X, +Y, -Y.
	PlusX, MinusX, PlusY, MinusY int
	// AX, AY: end position relative to the start, 0.1 mm, y up.
	EndX, EndY int
}

// EncodeOptions are the choices of Encode.
type EncodeOptions struct {
	// Label is the design name in the header (at most 16 characters are
	// kept). Default "usinette".
	Label string
	// MaxStitch is the longest stitch in millimetres, as in
	// pes.EncodeOptions: 0 means stitch.DefaultMaxStitch (12.1), negative
	// means only the 12.1 mm per axis that a DST record holds.
	MaxStitch float64
	// NoNeedleDown: see stitch.SplitOptions.
	NoNeedleDown bool
}

// Encode writes p as a DST file. Stitches longer than opts.MaxStitch are
// split into even stitches; jumps longer than a record holds into even
// jumps. A run of jumps that no Trim precedes ends in the stitch record at
// its landing, which carries the last move (what Decode reads back as a
// Jump and a Stitch there), so that a run of two does not become a run of
// three, on which Tajima machines cut.
func Encode(w io.Writer, p *stitch.Pattern, opts EncodeOptions) error {
	if opts.Label == "" {
		opts.Label = "usinette"
	}
	q := stitch.Split(p, stitch.SplitOptions{
		MaxStitch:     opts.MaxStitch,
		MaxMove:       MaxMove,
		Grid:          0.1,
		StartAtOrigin: true,
		NoNeedleDown:  opts.NoNeedleDown,
	})
	body := make([]byte, 0, 3*len(q.Records)+12)
	var x, y int // DST units, y up
	var h Header
	first := true
	extent := func() {
		if first {
			h.PlusX, h.MinusX, h.PlusY, h.MinusY = max(x, 0), max(-x, 0), max(y, 0), max(-y, 0)
			first = false
			return
		}
		h.PlusX, h.MinusX = max(h.PlusX, x), max(h.MinusX, -x)
		h.PlusY, h.MinusY = max(h.PlusY, y), max(h.MinusY, -y)
	}
	ended := false
	trimmed := false // a Trim since the last stitch
	for i, r := range q.Records {
		nx := int(math.RoundToEven(r.X * 10))
		ny := -int(math.RoundToEven(r.Y * 10))
		// A run of jumps that no trim precedes ends in the stitch
		// record that carries its last move, as machines read it: a
		// separate jump record there would make a run of three jumps,
		// on which Tajima machines cut, of a run of two.
		if r.Cmd == stitch.Jump && !trimmed && i+1 < len(q.Records) {
			if n := q.Records[i+1]; n.Cmd == stitch.Stitch &&
				int(math.RoundToEven(n.X*10)) == nx && -int(math.RoundToEven(n.Y*10)) == ny {
				continue
			}
		}
		switch r.Cmd {
		case stitch.Stitch, stitch.Jump:
			dx, dy := nx-x, ny-y
			if dx < -maxUnits || dx > maxUnits || dy < -maxUnits || dy > maxUnits {
				return fmt.Errorf("dst: internal error: move (%d, %d) not split", dx, dy)
			}
			flags := byte(0x03)
			if r.Cmd == stitch.Jump {
				flags = 0x83
			}
			body = appendRecord(body, dx, dy, flags)
			x, y = nx, ny
			extent()
			if r.Cmd == stitch.Stitch {
				trimmed = false
			}
		case stitch.Trim:
			trimmed = true
			body = appendRecord(body, 2, -2, 0x83)
			body = appendRecord(body, -4, 4, 0x83)
			body = appendRecord(body, 2, -2, 0x83)
		case stitch.ColorChange, stitch.Stop:
			body = append(body, 0, 0, 0xC3)
			h.ColorChanges++
		case stitch.End:
			ended = true
		}
		if ended {
			break
		}
	}
	body = append(body, 0, 0, 0xF3)
	h.Label = opts.Label
	h.Stitches = len(body) / 3
	h.EndX, h.EndY = x, y
	if _, err := w.Write(h.bytes()); err != nil {
		return err
	}
	_, err := w.Write(body)
	return err
}

func (h Header) bytes() []byte {
	label := h.Label
	if len(label) > 16 {
		label = label[:16]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "LA:%-16s\r", label)
	fmt.Fprintf(&b, "ST:%7d\r", h.Stitches)
	fmt.Fprintf(&b, "CO:%3d\r", h.ColorChanges)
	fmt.Fprintf(&b, "+X:%5d\r-X:%5d\r+Y:%5d\r-Y:%5d\r", h.PlusX, h.MinusX, h.PlusY, h.MinusY)
	sign := func(v int) (byte, int) {
		if v < 0 {
			return '-', -v
		}
		return '+', v
	}
	sx, ax := sign(h.EndX)
	sy, ay := sign(h.EndY)
	fmt.Fprintf(&b, "AX:%c%5d\rAY:%c%5d\r", sx, ax, sy, ay)
	b.WriteString("MX:+    0\rMY:+    0\rPD:******\r\x1a")
	out := []byte(b.String())
	for len(out) < headerSize {
		out = append(out, ' ')
	}
	return out[:headerSize]
}

// Bits of the balanced-ternary digits: for each weight, the byte (0..2)
// and the bit for +weight and for -weight, for x and for y.
type digit struct {
	weight        int
	byteIdx       int
	xPlus, xMinus byte
	yPlus, yMinus byte
}

var digits = [5]digit{
	{81, 2, 0x04, 0x08, 0x20, 0x10},
	{27, 1, 0x04, 0x08, 0x20, 0x10},
	{9, 0, 0x04, 0x08, 0x20, 0x10},
	{3, 1, 0x01, 0x02, 0x80, 0x40},
	{1, 0, 0x01, 0x02, 0x80, 0x40},
}

// appendRecord encodes one move (|dx|, |dy| <= 121) with the flag bits of
// the third byte.
func appendRecord(out []byte, dx, dy int, flags byte) []byte {
	var r [3]byte
	r[2] = flags
	for _, d := range digits {
		switch t := ternaryDigit(&dx, d.weight); t {
		case 1:
			r[d.byteIdx] |= d.xPlus
		case -1:
			r[d.byteIdx] |= d.xMinus
		}
		switch t := ternaryDigit(&dy, d.weight); t {
		case 1:
			r[d.byteIdx] |= d.yPlus
		case -1:
			r[d.byteIdx] |= d.yMinus
		}
	}
	return append(out, r[:]...)
}

// ternaryDigit takes the balanced-ternary digit of weight w out of *v
// (|*v| <= (3w-1)/2 + ... as for a 5-digit number).
func ternaryDigit(v *int, w int) int {
	half := (w - 1) / 2 // largest remainder the lower digits can hold
	switch {
	case *v > half:
		*v -= w
		return 1
	case *v < -half:
		*v += w
		return -1
	}
	return 0
}

func decodeRecord(r []byte) (dx, dy int) {
	for _, d := range digits {
		c := r[d.byteIdx]
		if c&d.xPlus != 0 {
			dx += d.weight
		}
		if c&d.xMinus != 0 {
			dx -= d.weight
		}
		if c&d.yPlus != 0 {
			dy += d.weight
		}
		if c&d.yMinus != 0 {
			dy -= d.weight
		}
	}
	return dx, dy
}

// raw is one decoded record: a move and its kind ('s' stitch, 'j' jump,
// 'c' colour change, 'e' end).
type raw struct {
	dx, dy int
	kind   byte
}

// Decode reads a DST file. Positions are millimetres, y down, from where
// the design starts. Three small jumps that come back to where they started
// (the usual way to ask for a trim) are read as one Trim; other runs of
// three or more jumps after stitches get a Trim before them, as Tajima
// machines cut there with their default setting. Nothing is cut before the
// first stitch or right after a colour change: there is no thread to cut.
//
// A stitch record moves the frame and then drops the needle. After a jump
// the needle was last down before the jump (after a colour change, with
// another thread), so no thread is laid along that move: the stitch that
// ends a run of jumps is read as a Jump to its position followed by a
// Stitch there, not as a long sewn stitch from the last jump (pyembroidery
// reads the move as part of the stitch; the needle-downs are the same).
// Colour blocks get placeholder threads.
func Decode(r io.Reader) (*stitch.Pattern, error) {
	p, _, err := DecodeHeader(r)
	return p, err
}

// DecodeHeader is Decode that also returns the header fields.
func DecodeHeader(r io.Reader) (*stitch.Pattern, Header, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, Header{}, err
	}
	if len(b) > MaxFileSize {
		return nil, Header{}, fmt.Errorf("%w: larger than %d bytes", ErrCorrupt, MaxFileSize)
	}
	if !bytes.HasPrefix(b, []byte("LA:")) {
		n := min(len(b), 8)
		return nil, Header{}, fmt.Errorf("%w: starts with %q, not \"LA:\"", ErrFormat, b[:n])
	}
	if len(b) < headerSize {
		return nil, Header{}, fmt.Errorf("%w: %d bytes, shorter than the 512-byte header", ErrCorrupt, len(b))
	}
	h := parseHeader(b[:headerSize])
	data := b[headerSize:]

	recs := make([]raw, 0, len(data)/3+1)
	ended := false
	for i := 0; i+3 <= len(data); i += 3 {
		dx, dy := decodeRecord(data[i : i+3])
		b2 := data[i+2]
		switch {
		case b2&0xF3 == 0xF3:
			recs = append(recs, raw{dx, dy, 'e'})
			ended = true
		case b2&0xC3 == 0xC3:
			recs = append(recs, raw{dx, dy, 'c'})
		case b2&0x80 != 0:
			recs = append(recs, raw{dx, dy, 'j'})
		default:
			recs = append(recs, raw{dx, dy, 's'})
		}
		if ended {
			break
		}
	}
	if !ended && len(data)%3 != 0 {
		return nil, h, fmt.Errorf("%w: data ends inside record %d (%d stray bytes) without an end record", ErrCorrupt, len(data)/3, len(data)%3)
	}
	// Some writers (PEmbroider) leave out the end record; a file that also
	// holds fewer records than its header's ST count was cut short.
	if !ended && len(recs) < h.Stitches {
		return nil, h, fmt.Errorf("%w: data ends after record %d of the %d its header counts, without an end record", ErrCorrupt, len(recs), h.Stitches)
	}

	p := &stitch.Pattern{Records: make([]stitch.Record, 0, len(recs)+len(recs)/16+8)}
	x, y := 0, 0
	mm := func(v int) float64 { return float64(v) / 10 }
	add := func(c stitch.Command) {
		p.Records = append(p.Records, stitch.Record{X: mm(x), Y: mm(-y), Cmd: c})
	}
	blocks := 1
	sewn := false      // a stitch since the last trim: a trim has thread to cut
	afterMove := false // the needle is up since the last stitch: a jump or a colour change came after it
	for i := 0; i < len(recs); i++ {
		rc := recs[i]
		switch rc.kind {
		case 's':
			x, y = x+rc.dx, y+rc.dy
			if afterMove && (rc.dx != 0 || rc.dy != 0) {
				add(stitch.Jump) // the frame moves with the needle up
			}
			add(stitch.Stitch)
			sewn = true
		case 'c':
			x, y = x+rc.dx, y+rc.dy
			add(stitch.ColorChange)
			blocks++
			sewn = false // a new thread: nothing to cut
		case 'e':
			x, y = x+rc.dx, y+rc.dy
			add(stitch.End)
		case 'j':
			j := i
			for j < len(recs) && recs[j].kind == 'j' {
				j++
			}
			run := recs[i:j]
			switch {
			case len(run) >= 3 && isTrimSignature(run[:3]):
				if sewn {
					add(stitch.Trim)
				}
				run = run[3:] // they come back to where they started
			case len(run) >= 3 && sewn:
				add(stitch.Trim)
			}
			sewn = false
			for _, jr := range run {
				x, y = x+jr.dx, y+jr.dy
				add(stitch.Jump)
			}
			i = j - 1
		}
		afterMove = rc.kind == 'j' || rc.kind == 'c'
	}
	if !ended {
		add(stitch.End)
	}
	for i := range blocks {
		p.Threads = append(p.Threads, placeholderThread(i))
	}
	return p, h, nil
}

// isTrimSignature reports whether three jumps are small (at most 0.5 mm
// per axis) and come back to where they started.
func isTrimSignature(r []raw) bool {
	sx, sy := 0, 0
	for _, j := range r {
		if j.dx < -5 || j.dx > 5 || j.dy < -5 || j.dy > 5 {
			return false
		}
		sx += j.dx
		sy += j.dy
	}
	return sx == 0 && sy == 0
}

// placeholderThread gives DST colour blocks distinct, well-contrasted
// colours (the file does not say which threads to use).
func placeholderThread(i int) stitch.Thread {
	cs := [...]color.RGBA{
		{0, 0, 0, 255}, {237, 23, 31, 255}, {10, 85, 163, 255}, {0, 135, 119, 255},
		{232, 169, 0, 255}, {145, 54, 151, 255}, {209, 92, 0, 255}, {135, 135, 135, 255},
	}
	return stitch.Thread{Color: cs[i%len(cs)], Description: "Colour " + strconv.Itoa(i+1)}
}

func parseHeader(b []byte) Header {
	var h Header
	for _, line := range strings.Split(string(b), "\r") {
		if len(line) < 3 {
			continue
		}
		key, val := line[:3], strings.TrimSpace(line[3:])
		num := func() int {
			v := strings.ReplaceAll(val, " ", "")
			n, _ := strconv.Atoi(strings.TrimPrefix(v, "+"))
			return n
		}
		switch key {
		case "LA:":
			h.Label = strings.TrimRight(line[3:], " ")
		case "ST:":
			h.Stitches = num()
		case "CO:":
			h.ColorChanges = num()
		case "+X:":
			h.PlusX = num()
		case "-X:":
			h.MinusX = num()
		case "+Y:":
			h.PlusY = num()
		case "-Y:":
			h.MinusY = num()
		case "AX:":
			h.EndX = num()
		case "AY:":
			h.EndY = num()
		}
	}
	return h
}
