package pes

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"github.com/usinette/usinette/stitch"
)

// ErrVersion is returned by Encode for a PES version it does not write.
var ErrVersion = errors.New("pes: unsupported PES version (want 1 or 6)")

// ErrTooLarge is returned by Encode for a design wider or taller than the
// 3276.7 mm that the PES and PEC size fields hold.
var ErrTooLarge = errors.New("pes: design too large for the PES size fields")

// MaxMove is the largest move along one axis that a PEC record holds, in
// millimetres (12-bit signed, 0.1 mm units).
const MaxMove = 204.7

// EncodeOptions are the choices of Encode. The zero value writes PES v1 for
// the 870SE's 260 × 160 mm field with stitches up to 12.1 mm.
type EncodeOptions struct {
	// Version is 1 (the default, #PES0001, what Ink/Stitch writes) or 6
	// (#PES0060, which keeps each thread's exact RGB and name).
	Version int
	// Hoop is the field the design is placed in (PES header hoop fields and
	// design position). The zero Hoop means stitch.Hoop870SE().
	Hoop stitch.Hoop
	// Name is the design name: the PES v6 name and, reduced to its first 8
	// letters and digits, the PEC label the machine shows. Default
	// "usinette".
	Name string
	// MaxStitch is the longest stitch in millimetres; longer stitches are
	// split into even stitches. 0 means stitch.DefaultMaxStitch (12.1); a
	// negative value keeps stitches as they are (split only beyond the
	// 204.7 mm a PEC move holds), which is what Ink/Stitch does.
	MaxStitch float64
	// NoNeedleDown writes jumps followed by stitches as they are, without
	// the needle-down stitch at the landing (see stitch.SplitOptions).
	NoNeedleDown bool
}

// pecRecord is one record on the 0.1 mm grid.
type pecRecord struct {
	x, y int
	cmd  stitch.Command
}

// design is a pattern prepared for PES/PEC: on the 0.1 mm grid, split to
// fit, one thread per colour block.
type design struct {
	recs                   []pecRecord
	threads                []stitch.Thread // one per colour block
	palette                []int           // PEC index per block
	minX, minY, maxX, maxY int
	hasMoves               bool
}

func prepare(p *stitch.Pattern, opts EncodeOptions) *design {
	src := p
	// The PEC stream starts at the top-left corner and its first record
	// jumps to the design origin; keep that within one 12-bit move by
	// centring designs that lie far from the origin.
	if minX, minY, maxX, maxY := p.Bounds(); minX < -MaxMove || minY < -MaxMove || minX > MaxMove || minY > MaxMove {
		cx := math.Round((minX+maxX)/2*10) / 10
		cy := math.Round((minY+maxY)/2*10) / 10
		src = &stitch.Pattern{Records: append([]stitch.Record(nil), p.Records...), Threads: p.Threads}
		src.Translate(-cx, -cy)
	}
	q := stitch.Split(src, stitch.SplitOptions{
		MaxStitch:     opts.MaxStitch,
		MaxMove:       MaxMove,
		Grid:          0.1,
		StartAtOrigin: true,
		NoNeedleDown:  opts.NoNeedleDown,
	})
	d := &design{recs: make([]pecRecord, 0, len(q.Records)+1)}
	// Runs of jumps become as few PEC moves as hold them. A design read
	// from DST jumps in steps of at most 12.1 mm, and every jump after a
	// trim is written with the trim flag (as Ink/Stitch writes it), which
	// machines and readers take as one more cut each.
	const maxUnits = int(MaxMove * 10)
	var fromX, fromY, x, y int // where the last jump written starts; the position
	for _, r := range q.Records {
		pr := pecRecord{x: int(math.RoundToEven(r.X * 10)), y: int(math.RoundToEven(r.Y * 10)), cmd: r.Cmd}
		if pr.cmd == stitch.Jump {
			n := len(d.recs)
			if n > 0 && d.recs[n-1].cmd == stitch.Jump && abs(pr.x-fromX) <= maxUnits && abs(pr.y-fromY) <= maxUnits {
				d.recs[n-1] = pr
				x, y = pr.x, pr.y
				continue
			}
			fromX, fromY = x, y
		}
		if pr.cmd == stitch.Stitch || pr.cmd == stitch.Jump {
			x, y = pr.x, pr.y
		}
		d.recs = append(d.recs, pr)
	}
	for _, pr := range d.recs {
		if pr.cmd == stitch.Stitch || pr.cmd == stitch.Jump {
			if !d.hasMoves {
				d.minX, d.maxX, d.minY, d.maxY = pr.x, pr.x, pr.y, pr.y
				d.hasMoves = true
			}
			d.minX, d.maxX = min(d.minX, pr.x), max(d.maxX, pr.x)
			d.minY, d.maxY = min(d.minY, pr.y), max(d.maxY, pr.y)
		}
	}
	if n := len(d.recs); n == 0 || d.recs[n-1].cmd != stitch.End {
		var x, y int
		if n > 0 {
			x, y = d.recs[n-1].x, d.recs[n-1].y
		}
		d.recs = append(d.recs, pecRecord{x: x, y: y, cmd: stitch.End})
	}
	if !d.hasMoves {
		return d // no colour blocks in an empty design
	}
	// One thread per block: the n-th colour change takes Threads[n+1]; a
	// Stop keeps the thread. Missing threads repeat the last (black when
	// there are none).
	ti := 0
	thread := func(i int) stitch.Thread {
		if i < len(p.Threads) {
			return p.Threads[i]
		}
		if len(p.Threads) > 0 {
			return p.Threads[len(p.Threads)-1]
		}
		return stitch.Thread{Color: color.RGBA{A: 0xff}, Description: "Black"}
	}
	d.threads = append(d.threads, thread(0))
	for _, r := range d.recs {
		switch r.cmd {
		case stitch.ColorChange:
			ti++
			d.threads = append(d.threads, thread(ti))
		case stitch.Stop:
			d.threads = append(d.threads, thread(ti))
		}
	}
	d.palette = PaletteIndices(d.threads)
	return d
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// Encode writes p to w as a PES file.
func Encode(w io.Writer, p *stitch.Pattern, opts EncodeOptions) error {
	if opts.Version == 0 {
		opts.Version = 1
	}
	if opts.Version != 1 && opts.Version != 6 {
		return fmt.Errorf("%w: %d", ErrVersion, opts.Version)
	}
	if opts.Hoop.Width <= 0 || opts.Hoop.Height <= 0 {
		opts.Hoop = stitch.Hoop870SE()
	}
	if opts.Name == "" {
		opts.Name = "usinette"
	}
	d := prepare(p, opts)
	if d.maxX-d.minX > math.MaxInt16 || d.maxY-d.minY > math.MaxInt16 {
		return fmt.Errorf("%w: %.1f x %.1f mm", ErrTooLarge, float64(d.maxX-d.minX)/10, float64(d.maxY-d.minY)/10)
	}
	pec := d.pecSection(Label(opts.Name))
	var head []byte
	if opts.Version == 6 {
		head = d.pesHeaderV6(opts)
	} else {
		head = d.pesHeaderV1(opts)
	}
	binary.LittleEndian.PutUint32(head[8:12], uint32(len(head)))
	if _, err := w.Write(head); err != nil {
		return err
	}
	if _, err := w.Write(pec); err != nil {
		return err
	}
	if opts.Version == 6 {
		if _, err := w.Write(d.pecAddendum()); err != nil {
			return err
		}
	}
	return nil
}

// Label returns the 8-character PEC label for a design name: its ASCII
// letters, digits and spaces, in order, at most 8 (as Ink/Stitch makes
// "twocolor" of "two_color_trim_jump").
func Label(name string) string {
	var b strings.Builder
	for _, r := range name {
		if b.Len() == 8 {
			break
		}
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == ' ') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

type buf struct{ b []byte }

func (b *buf) u8(v int)      { b.b = append(b.b, byte(v)) }
func (b *buf) raw(s ...byte) { b.b = append(b.b, s...) }
func (b *buf) str(s string)  { b.b = append(b.b, s...) }
func (b *buf) i16(v int)     { b.b = binary.LittleEndian.AppendUint16(b.b, uint16(int16(v))) }
func (b *buf) u16(v int)     { b.b = binary.LittleEndian.AppendUint16(b.b, uint16(v)) }
func (b *buf) i32(v int)     { b.b = binary.LittleEndian.AppendUint32(b.b, uint32(int32(v))) }
func (b *buf) f32(v float64) {
	b.b = binary.LittleEndian.AppendUint32(b.b, math.Float32bits(float32(v)))
}
func (b *buf) string8(s string) {
	if len(s) > 255 {
		s = s[:255]
	}
	b.u8(len(s))
	b.str(s)
}
func (b *buf) string16(s string) {
	b.u16(len(s))
	b.str(s)
}

// segment is one CSewSeg section: a stitch run or a jump.
type segment struct {
	jump  bool
	block int
	pts   [][2]int
}

// segments groups the records into CSewSeg sections: each run of stitches
// is one section with every position, each run of jumps one section from
// the position before it to where it lands. A colour change starts a new
// section.
func (d *design) segments() []segment {
	var segs []segment
	// All points share one backing array: a stitch run keeps appending to
	// the tail, a jump takes two slots.
	pool := make([][2]int, 0, len(d.recs)+8)
	startSeg := func(s segment) {
		pool = pool[len(pool):]
		segs = append(segs, s)
	}
	block := 0
	newSeg := true
	var px, py int
	for _, r := range d.recs {
		switch r.cmd {
		case stitch.Stitch:
			if newSeg || segs[len(segs)-1].jump {
				startSeg(segment{block: block})
				newSeg = false
			}
			s := &segs[len(segs)-1]
			pool = append(pool, [2]int{r.x, r.y})
			s.pts = pool
			px, py = r.x, r.y
		case stitch.Jump:
			if newSeg || !segs[len(segs)-1].jump {
				startSeg(segment{jump: true, block: block})
				pool = append(pool, [2]int{px, py}, [2]int{r.x, r.y})
				segs[len(segs)-1].pts = pool
				newSeg = false
			} else {
				s := &segs[len(segs)-1]
				s.pts[1] = [2]int{r.x, r.y}
			}
			px, py = r.x, r.y
		case stitch.ColorChange, stitch.Stop:
			block++
			newSeg = true
		}
	}
	return segs
}

// The position of the design on PE-Design's page, generalising Ink/Stitch's
// placement (centred in a 130 × 180 hoop whose corner is at 350, 100) to the
// chosen hoop.
func (d *design) affine(h stitch.Hoop) (tx, ty float64) {
	w, hh := float64(d.maxX-d.minX), float64(d.maxY-d.minY)
	tx = 350 + h.Width*10/2 - w/2
	ty = 100 + h.Height*10/2 + hh/2
	return tx, ty
}

// blocks writes the CEmbOne/CSewSeg objects; colour is the colour code of a
// block in the CSewSeg sections (PEC index in v1, thread index in v6).
func (d *design) blocks(b *buf, h stitch.Hoop, version int) {
	segs := d.segments()
	if len(segs) == 0 {
		b.i16(0)
		b.raw(0, 0, 0, 0)
		return
	}
	colour := func(block int) int {
		if version == 6 {
			return block
		}
		return d.palette[block]
	}
	b.i16(1) // one block object
	b.raw(0xff, 0xff, 0, 0)
	b.string16("CEmbOne")
	for range 8 {
		b.i16(0)
	}
	tx, ty := d.affine(h)
	for _, v := range []float64{1, 0, 0, 1, tx, ty} {
		b.f32(v)
	}
	b.i16(1)
	b.i16(0)
	b.i16(0)
	b.i16(d.maxX - d.minX)
	b.i16(d.maxY - d.minY)
	b.raw(0, 0, 0, 0, 0, 0, 0, 0)
	b.i16(len(segs))
	b.raw(0xff, 0xff, 0, 0)
	b.string16("CSewSeg")
	type logEntry struct{ seg, colour int }
	var log []logEntry
	lastBlock := -1
	for i, s := range segs {
		if i > 0 {
			b.u16(0x8003)
		}
		if s.block != lastBlock {
			log = append(log, logEntry{i, colour(s.block)})
			lastBlock = s.block
		}
		if s.jump {
			b.i16(1)
		} else {
			b.i16(0)
		}
		b.i16(colour(s.block))
		b.i16(len(s.pts))
		for _, pt := range s.pts {
			b.i16(pt[0] - d.minX)
			b.i16(pt[1] - d.maxY)
		}
	}
	b.i16(len(log))
	for _, e := range log {
		b.i16(e.seg)
		b.i16(e.colour)
	}
	b.raw(0, 0, 0, 0)
	if version == 6 {
		b.i32(0)
		b.i32(0)
		for i := range log {
			b.i32(i)
			b.i32(0)
		}
	}
}

func (d *design) headerBuf() *buf {
	return &buf{b: make([]byte, 0, 512+4*len(d.recs)+64*len(d.threads))}
}

func (d *design) pesHeaderV1(opts EncodeOptions) []byte {
	b := d.headerBuf()
	b.str("#PES0001")
	b.i32(0) // PEC offset, patched by Encode
	if !d.hasMoves {
		b.i16(0)
		b.i16(0)
		d.blocks(b, opts.Hoop, 1)
		return b.b
	}
	b.i16(1) // scale to fit
	if opts.Hoop.Width <= 100 && opts.Hoop.Height <= 100 {
		b.i16(0) // 100 × 100 hoop
	} else {
		b.i16(1) // 130 × 180 or larger
	}
	d.blocks(b, opts.Hoop, 1)
	return b.b
}

func (d *design) pesHeaderV6(opts EncodeOptions) []byte {
	b := d.headerBuf()
	b.str("#PES0060")
	b.i32(0) // PEC offset, patched by Encode
	b.i16(1) // hoop size indicator
	b.str("02")
	b.string8(opts.Name)
	for range 4 { // category, author, keywords, comments
		b.string8("")
	}
	hw, hh := int(math.Round(opts.Hoop.Width)), int(math.Round(opts.Hoop.Height))
	for _, v := range []int{
		0,      // optimize hoop change
		0,      // design page is custom
		hw, hh, // hoop width, height (mm)
		0,                          // use existing design area
		max(200, hw), max(200, hh), // design page width, height (mm)
		hw, hh, // design page section width, height
		100,   // (unknown, 100 in every file seen)
		7, 19, // page background, foreground colour
		1, 1, 0, 100, // show grid, axes, snap to grid, grid interval
		1, // (unknown, 1)
		0, // optimise entry/exit points
	} {
		b.i16(v)
	}
	b.string8("") // from-image file name
	for _, v := range []float64{1, 0, 0, 1, 0, 0} {
		b.f32(v)
	}
	b.i16(0) // programmable fill patterns
	b.i16(0) // motif patterns
	b.i16(0) // feather patterns
	b.i16(len(d.threads))
	for _, t := range d.threads {
		b.string8(t.Catalog)
		b.raw(t.Color.R, t.Color.G, t.Color.B)
		b.u8(0)
		b.i32(0xA)
		b.string8(t.Description)
		b.string8(t.Brand)
		b.string8("") // thread chart
	}
	d.blocks(b, opts.Hoop, 6)
	return b.b
}

// pecAddendum is what PES v6 writers put after the PEC section: the colour
// list again, padded to 128 bytes, 0x90 bytes per thread and the threads'
// RGB.
func (d *design) pecAddendum() []byte {
	b := &buf{}
	b.raw(d.colourList()...)
	for len(b.b) < 128 {
		b.u8(0x20)
	}
	for range d.threads {
		b.raw(make([]byte, 0x90)...)
	}
	for _, t := range d.threads {
		b.raw(t.Color.B, t.Color.G, t.Color.R) // 24-bit little endian 0xRRGGBB
	}
	b.i16(0)
	return b.b
}

// colourList is the PEC colour table: count-1 (0xFF when empty) and one
// palette index per block.
func (d *design) colourList() []byte {
	out := []byte{byte(len(d.palette) - 1)}
	for _, k := range d.palette {
		out = append(out, byte(k))
	}
	return out
}
