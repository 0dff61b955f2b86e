package gcode

import (
	"errors"
	"fmt"
	"io"
	"math"
)

// Decimal places the Writer uses: positions are written to the micrometre,
// extrusion to 10 nm of filament, feed rates to 0.001 mm/min.
const (
	PosDecimals  = 3
	EDecimals    = 5
	FeedDecimals = 3
)

// ErrWriterClosed is returned by a Writer used after an earlier write failed.
var ErrWriterClosed = errors.New("gcode: writer failed earlier")

const writerBufSize = 64 << 10

// Writer writes G-code lines to an io.Writer through its own buffer. It keeps
// the last position and feed rate it wrote and leaves out axes and feed rates
// that did not change, as slicers do; numbers are written with a fixed number
// of decimals (trailing zeros and a leading zero dropped: "E.04612").
//
// Positions passed in millimetres are rounded to the micrometre before they
// are compared, so an axis is written only when its printed value changes.
// The first error from the underlying writer sticks: later calls do nothing
// and Flush returns it. A Writer is not safe for concurrent use.
type Writer struct {
	w   io.Writer
	buf []byte
	n   int64
	err error

	// Last written position in micrometres, feed in 0.001 mm/min.
	x, y, z int64
	f       int64
	known   uint8 // bit set of axes whose value is known: 1 X, 2 Y, 4 Z, 8 F
	zoff    int64 // added to every Z written, µm (SetZOffset)
}

const (
	knowX = 1 << iota
	knowY
	knowZ
	knowF
)

// NewWriter returns a Writer writing to w. The position starts unknown, so the
// first move writes every axis it names.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w, buf: make([]byte, 0, writerBufSize)}
}

// NewAppender returns a Writer that appends to dst and never flushes: the
// lines it writes are in Bytes. It lets a caller encode parts of a file in
// parallel and write them out in order.
func NewAppender(dst []byte) *Writer {
	return &Writer{buf: dst[:0]}
}

// Bytes returns the bytes not yet flushed: for an appender, everything
// written. The slice is valid until the next write.
func (w *Writer) Bytes() []byte { return w.buf }

// Written returns the number of bytes produced so far, flushed or not.
func (w *Writer) Written() int64 { return w.n + int64(len(w.buf)) }

// Err returns the first error the underlying writer returned, if any.
func (w *Writer) Err() error { return w.err }

// Flush writes the buffered bytes to the underlying writer.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	if w.w != nil && len(w.buf) > 0 {
		n, err := w.w.Write(w.buf)
		w.n += int64(n)
		if err == nil && n < len(w.buf) {
			err = io.ErrShortWrite
		}
		w.buf = w.buf[:0]
		if err != nil {
			w.err = err
			return err
		}
	}
	return nil
}

// end terminates the current line and flushes when the buffer is nearly full.
func (w *Writer) end() {
	w.buf = append(w.buf, '\n')
	if w.w != nil && len(w.buf) > writerBufSize-256 {
		w.Flush()
	}
}

// Forget marks the position and feed rate as unknown (after homing or a raw
// line that moved the head): the next move writes every axis it names.
func (w *Writer) Forget() { w.known = 0 }

// SetZOffset makes every Z the writer writes from now on mm higher than
// the position it is given (a printer's z_offset); positions and Position
// stay without it.
func (w *Writer) SetZOffset(mm float64) { w.zoff = Micro(mm) }

// SetPosition tells the Writer where the head is (mm) without writing
// anything, as after a G92 or a move written as a raw line.
func (w *Writer) SetPosition(x, y, z float64) {
	w.x, w.y, w.z = Micro(x), Micro(y), Micro(z)
	w.known |= knowX | knowY | knowZ
}

// SetPositionUM is SetPosition in micrometres.
func (w *Writer) SetPositionUM(x, y, z int64) {
	w.x, w.y, w.z = x, y, z
	w.known |= knowX | knowY | knowZ
}

// Position returns the last written position in millimetres.
func (w *Writer) Position() (x, y, z float64) {
	return float64(w.x) / 1000, float64(w.y) / 1000, float64(w.z) / 1000
}

// Micro rounds millimetres to integer micrometres, half away from zero.
func Micro(mm float64) int64 { return int64(math.Round(mm * 1000)) }

// G1 writes a linear move. x, y, z are millimetres and are written only when
// they differ (to the micrometre) from the last written value; NaN leaves an
// axis out. e is the relative extrusion in mm of filament, written when it is
// not zero (to 5 decimals); feed is in mm/min and is written when it differs
// from the last one; 0 or NaN leaves it out. A move that changes nothing
// writes nothing.
func (w *Writer) G1(x, y, z, e, feed float64) {
	w.move(nanMicro(x), nanMicro(y), nanMicro(z), e, feed)
}

// MoveUM writes a G1 to x, y (micrometres) at the current height, with
// relative extrusion e (0 for a travel) and feed in mm/min (0: unchanged).
func (w *Writer) MoveUM(x, y int64, e, feed float64) {
	w.move(x, y, noAxis, e, feed)
}

// MoveZ writes a G1 Z move in millimetres at feed mm/min.
func (w *Writer) MoveZ(z, feed float64) {
	w.move(noAxis, noAxis, Micro(z), 0, feed)
}

// Extrude writes a G1 that only moves the extruder (retract when e < 0,
// deretract when e > 0).
func (w *Writer) Extrude(e, feed float64) {
	w.move(noAxis, noAxis, noAxis, e, feed)
}

// Feed writes "G1 F..." when feed differs from the current feed rate, as
// slicers do before a run of moves at one speed.
func (w *Writer) Feed(feed float64) {
	w.move(noAxis, noAxis, noAxis, 0, feed)
}

const noAxis = math.MinInt64

func nanMicro(v float64) int64 {
	if math.IsNaN(v) {
		return noAxis
	}
	return Micro(v)
}

func (w *Writer) move(x, y, z int64, e, feed float64) {
	if w.err != nil {
		return
	}
	start := len(w.buf)
	w.buf = append(w.buf, "G1"...)
	hdr := len(w.buf)
	if x != noAxis && (w.known&knowX == 0 || x != w.x) {
		w.buf = append(w.buf, " X"...)
		w.buf = appendFixed(w.buf, x, 3)
		w.x = x
		w.known |= knowX
	}
	if y != noAxis && (w.known&knowY == 0 || y != w.y) {
		w.buf = append(w.buf, " Y"...)
		w.buf = appendFixed(w.buf, y, 3)
		w.y = y
		w.known |= knowY
	}
	if z != noAxis && (w.known&knowZ == 0 || z != w.z) {
		w.buf = append(w.buf, " Z"...)
		w.buf = appendFixed(w.buf, z+w.zoff, 3)
		w.z = z
		w.known |= knowZ
	}
	if e != 0 && !math.IsNaN(e) {
		ei := int64(math.Round(e * 1e5))
		if ei != 0 {
			w.buf = append(w.buf, " E"...)
			w.buf = appendFixed(w.buf, ei, 5)
		}
	}
	if feed > 0 {
		fi := int64(math.Round(feed * 1000))
		if w.known&knowF == 0 || fi != w.f {
			w.buf = append(w.buf, " F"...)
			w.buf = appendFixed(w.buf, fi, 3)
			w.f = fi
			w.known |= knowF
		}
	}
	if len(w.buf) == hdr {
		w.buf = w.buf[:start] // nothing moved
		return
	}
	w.end()
}

// Line writes s followed by a newline, as is.
func (w *Writer) Line(s string) {
	if w.err != nil {
		return
	}
	w.buf = append(w.buf, s...)
	w.end()
}

// Linef writes a formatted line. It uses fmt, so it is meant for the few
// commands outside the hot path (temperatures, limits, custom blocks).
func (w *Writer) Linef(format string, args ...any) {
	if w.err != nil {
		return
	}
	w.buf = fmt.Appendf(w.buf, format, args...)
	w.end()
}

// Comment writes ";" followed by text.
func (w *Writer) Comment(text string) {
	if w.err != nil {
		return
	}
	w.buf = append(w.buf, ';')
	w.buf = append(w.buf, text...)
	w.end()
}

// Command writes a command word followed by letter-value pairs, the values
// rounded to decimals places with trailing zeros dropped: Command("M104",
// 0, 'S', 215) writes "M104 S215".
func (w *Writer) Command(code string, decimals int, pairs ...any) {
	if w.err != nil {
		return
	}
	w.buf = append(w.buf, code...)
	for i := 0; i+1 < len(pairs); i += 2 {
		w.buf = append(w.buf, ' ')
		switch l := pairs[i].(type) {
		case byte:
			w.buf = append(w.buf, l)
		case rune:
			w.buf = append(w.buf, byte(l))
		case string:
			w.buf = append(w.buf, l...)
		}
		var v float64
		switch n := pairs[i+1].(type) {
		case float64:
			v = n
		case int:
			v = float64(n)
		case int64:
			v = float64(n)
		}
		w.buf = AppendFloat(w.buf, v, decimals)
	}
	w.end()
}

var pow10 = [...]int64{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000}

// AppendFloat appends v rounded to decimals places (0..9) with trailing zeros
// and a leading zero dropped ("0.5" is ".5", "-0.80" is "-.8", 0 is "0").
func AppendFloat(dst []byte, v float64, decimals int) []byte {
	if decimals < 0 {
		decimals = 0
	}
	if decimals >= len(pow10) {
		decimals = len(pow10) - 1
	}
	return appendFixed(dst, int64(math.Round(v*float64(pow10[decimals]))), decimals)
}

// appendFixed appends the fixed-point value v/10^decimals.
func appendFixed(dst []byte, v int64, decimals int) []byte {
	if v == 0 {
		return append(dst, '0')
	}
	if v < 0 {
		dst = append(dst, '-')
		v = -v
	}
	p := pow10[decimals]
	ip, fp := v/p, v%p
	if ip != 0 {
		dst = appendUint(dst, uint64(ip))
	}
	if fp != 0 {
		// Drop trailing zeros of the fraction.
		d := decimals
		for fp%10 == 0 {
			fp /= 10
			d--
		}
		dst = append(dst, '.')
		var tmp [20]byte
		i := len(tmp)
		for k := 0; k < d; k++ {
			i--
			tmp[i] = byte('0' + fp%10)
			fp /= 10
		}
		dst = append(dst, tmp[i:]...)
	}
	return dst
}

func appendUint(dst []byte, u uint64) []byte {
	var tmp [20]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	return append(dst, tmp[i:]...)
}
