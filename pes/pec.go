package pes

import (
	"math"

	"github.com/usinette/usinette/stitch"
)

// Thumbnail geometry of the PEC section: 48 × 38 pixels, one bit each,
// least significant bit leftmost, 6 bytes a row.
const (
	thumbWidth  = 48
	thumbHeight = 38
	thumbStride = thumbWidth / 8
	thumbBytes  = thumbStride * thumbHeight
)

// PEC flags of a 12-bit move.
const (
	flagJump = 0x10
	flagTrim = 0x20
)

// pecSection builds the whole PEC section: header, stitch stream,
// thumbnails.
func (d *design) pecSection(label string) []byte {
	b := &buf{b: make([]byte, 0, 0x210+3*len(d.recs)+(len(d.threads)+1)*thumbBytes)}
	b.str("LA:")
	b.str(label)
	for range 16 - len(label) {
		b.u8(' ')
	}
	b.u8(0x0D)
	for range 12 {
		b.u8(' ')
	}
	b.raw(0xFF, 0x00, thumbStride, thumbHeight)
	for range 12 {
		b.u8(' ')
	}
	b.raw(d.colourList()...)
	for len(b.b) < 0x200 {
		b.u8(' ')
	}
	stitches := d.pecStitches()
	b.raw(0, 0)
	off := 0x10 + len(stitches) // thumbnail offset from PEC+0x200
	b.raw(byte(off), byte(off>>8), byte(off>>16))
	b.raw(0x31, 0xFF, 0xF0)
	b.i16(d.maxX - d.minX)
	b.i16(d.maxY - d.minY)
	b.i16(0x1E0)
	b.i16(0x1B0)
	b.raw(stitches...)
	b.raw(d.thumbnails()...)
	return b.b
}

// pecStitches encodes the stitch stream. It starts with the 4 bytes Brother
// machines expect at PEC+0x210: a 12-bit jump from the top-left corner of
// the design to its origin, where the records begin.
//
// Stitches use the 7-bit form for moves in -63..62 and the 12-bit form
// otherwise, each axis on its own. Jumps are 12-bit on both axes, flagged
// 0x20 (trim, then move) when a Trim came since the last stitch, 0x10
// (move, keep the thread) otherwise and for the very first record, as
// PE-Design writes after a colour change. (Ink/Stitch flags every jump but
// the first 0x20; its patterns always trim before jumping, so the bytes are
// the same.) Colour changes alternate FE B0 02 and FE B0 01.
func (d *design) pecStitches() []byte {
	out := make([]byte, 0, 4+3*len(d.recs))
	out = appendLong(out, -d.minX, flagJump)
	out = appendLong(out, -d.minY, flagJump)
	x, y := 0, 0
	first := true    // no record written yet: a jump here is a plain jump
	trimmed := false // a Trim since the last stitch: jumps cut the thread
	colourTwo := true
	for _, r := range d.recs {
		dx, dy := r.x-x, r.y-y
		switch r.cmd {
		case stitch.Stitch:
			out = appendShortOrLong(out, dx)
			out = appendShortOrLong(out, dy)
			trimmed = false
		case stitch.Jump:
			flag := flagJump
			if trimmed && !first {
				flag = flagTrim
			}
			out = appendLong(out, dx, flag)
			out = appendLong(out, dy, flag)
		case stitch.Trim:
			trimmed = true
			continue
		case stitch.ColorChange, stitch.Stop:
			if colourTwo {
				out = append(out, 0xFE, 0xB0, 0x02)
			} else {
				out = append(out, 0xFE, 0xB0, 0x01)
			}
			colourTwo = !colourTwo
			continue
		case stitch.End:
			return append(out, 0xFF)
		}
		x, y = r.x, r.y
		first = false
	}
	return append(out, 0xFF)
}

// appendShortOrLong writes a stitch coordinate in the 7-bit form when it is
// in -63..62 (as Ink/Stitch does), else in the 12-bit form.
func appendShortOrLong(out []byte, v int) []byte {
	if v >= -63 && v <= 62 {
		return append(out, byte(v)&0x7F)
	}
	return appendLong(out, v, 0)
}

func appendLong(out []byte, v, flag int) []byte {
	u := 0x8000 | flag<<8 | v&0x0FFF
	return append(out, byte(u>>8), byte(u))
}

// thumbnails draws the design thumbnail and one per colour block: a frame
// and a dot per stitch record, scaled to fit (the whole-design picture with
// a 4-pixel margin, the per-colour ones with 5, both over the whole design's
// extent, as Ink/Stitch draws them).
func (d *design) thumbnails() []byte {
	n := len(d.threads)
	out := make([]byte, (n+1)*thumbBytes)
	for i := 0; i <= n; i++ {
		drawFrame(out[i*thumbBytes : (i+1)*thumbBytes])
	}
	if !d.hasMoves {
		return out
	}
	all := newThumbScale(d, 4)
	per := newThumbScale(d, 5)
	block := 0
	for _, r := range d.recs {
		switch r.cmd {
		case stitch.ColorChange, stitch.Stop:
			block++
			continue
		case stitch.Stitch:
		default:
			continue
		}
		all.plot(out[:thumbBytes], r.x, r.y)
		if block < n {
			per.plot(out[(block+1)*thumbBytes:(block+2)*thumbBytes], r.x, r.y)
		}
	}
	return out
}

type thumbScale struct{ scale, tx, ty float64 }

func newThumbScale(d *design, margin float64) thumbScale {
	w := float64(d.maxX - d.minX)
	h := float64(d.maxY - d.minY)
	if w == 0 {
		w = 1
	}
	if h == 0 {
		h = 1
	}
	s := math.Min((thumbWidth-margin)/w, (thumbHeight-margin)/h)
	cx := float64(d.minX+d.maxX) / 2
	cy := float64(d.minY+d.maxY) / 2
	return thumbScale{scale: s, tx: -cx*s + thumbWidth/2, ty: -cy*s + thumbHeight/2}
}

func (t thumbScale) plot(g []byte, x, y int) {
	px := int(math.Floor(float64(x)*t.scale + t.tx))
	py := int(math.Floor(float64(y)*t.scale + t.ty))
	setPixel(g, px, py)
}

func setPixel(g []byte, x, y int) {
	if x < 0 || y < 0 || x >= thumbWidth || y >= thumbHeight {
		return
	}
	g[y*thumbStride+x/8] |= 1 << (x % 8)
}

// drawFrame draws the rounded rectangle that frames every PEC thumbnail.
func drawFrame(g []byte) {
	for x := 4; x <= 43; x++ {
		setPixel(g, x, 1)
		setPixel(g, x, 36)
	}
	for y := 4; y <= 33; y++ {
		setPixel(g, 1, y)
		setPixel(g, 46, y)
	}
	for _, c := range [][2]int{{3, 2}, {2, 3}} {
		setPixel(g, c[0], c[1])
		setPixel(g, thumbWidth-1-c[0], c[1])
		setPixel(g, c[0], thumbHeight-1-c[1])
		setPixel(g, thumbWidth-1-c[0], thumbHeight-1-c[1])
	}
}
