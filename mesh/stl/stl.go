package stl

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/usinette/usinette/mesh"
)

// Sentinel errors; every error Decode returns wraps one of them.
var (
	// ErrNotSTL: the bytes are neither a binary STL (size 84+50n) nor an
	// ASCII STL (starting with "solid").
	ErrNotSTL = errors.New("not an STL file")
	// ErrTruncated: the file ends before the triangles it announces.
	ErrTruncated = errors.New("truncated")
	// ErrNonFinite: a coordinate is NaN or infinite.
	ErrNonFinite = errors.New("non-finite coordinate")
	// ErrEmpty: a well-formed file with no triangles.
	ErrEmpty = errors.New("no triangles")
	// ErrSyntax: an ASCII file that does not follow the STL grammar.
	ErrSyntax = errors.New("syntax error")
	// ErrTooLarge: the file or its triangle count is beyond MaxFileSize or
	// MaxTriangles.
	ErrTooLarge = errors.New("too large")
)

// Limits, decided from the header and the size before anything is
// allocated: a binary header claiming 4e9 triangles in a sparse file used
// to ask for a 144 GB slice and end in a fatal out-of-memory error.
const (
	// MaxTriangles bounds the triangles of a model: 10 million is a 500 MB
	// binary STL. A typical 1M-triangle model slices in about 100 MB, but
	// degenerate ones cost more (1M copies of one facet peaked at 620 MB),
	// so the limit keeps hostile files within a few GB; the largest models
	// worth printing are a few million triangles.
	MaxTriangles = 10_000_000
	// MaxFileSize bounds the bytes read: a binary STL of MaxTriangles.
	MaxFileSize = headerSize + recordSize*MaxTriangles
)

func tooManyTriangles(n uint64) error {
	return fmt.Errorf("%w: %d triangles, more than the limit of %d", ErrTooLarge, n, MaxTriangles)
}

func tooBig(size int64) error {
	return fmt.Errorf("%w: %d MiB, more than the limit of %d MiB (%d triangles)", ErrTooLarge, size>>20, MaxFileSize>>20, MaxTriangles)
}

// Format is the encoding of an STL file.
type Format int

const (
	Binary Format = iota + 1
	ASCII
)

func (f Format) String() string {
	switch f {
	case Binary:
		return "binary"
	case ASCII:
		return "ascii"
	}
	return "unknown"
}

// Soup is the content of an STL file: triangles as the file lists them, each
// three corners in millimetres (float32, as STL stores them), not yet welded.
type Soup struct {
	// Name is the ASCII solid name, or the binary header with trailing
	// NULs and spaces removed when it is printable text.
	Name   string
	Format Format
	// Triangles in file order; the corners in file order (counter-clockwise
	// seen from outside when the writer followed the convention).
	Triangles [][3]mesh.Vec3
}

// ReadFile reads and decodes the STL file at path. Errors start with the path.
func ReadFile(path string) (*Soup, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// knownSize returns how many bytes r still holds, when r can say so.
func knownSize(r io.Reader) (int64, bool) {
	switch v := r.(type) {
	case interface{ Stat() (os.FileInfo, error) }:
		st, err := v.Stat()
		if err != nil || !st.Mode().IsRegular() {
			return 0, false
		}
		if sk, ok := r.(io.Seeker); ok {
			if pos, err := sk.Seek(0, io.SeekCurrent); err == nil {
				return st.Size() - pos, true
			}
		}
		return 0, false
	case interface{ Len() int }: // *bytes.Reader, *strings.Reader, *bytes.Buffer
		return int64(v.Len()), true
	}
	return 0, false
}

// Decode reads a binary or ASCII STL from r.
//
// When r can tell its size (a regular file, a bytes.Reader) and the size is
// exactly what a binary header announces, the triangles are decoded as they
// are read, a few hundred kilobytes at a time, so the file's bytes and its
// triangles are never in memory together: for a 1M-triangle model that is
// 50 MB less at the peak. Other input is read whole and given to DecodeBytes.
func Decode(r io.Reader) (*Soup, error) {
	size, sized := knownSize(r)
	var head [headerSize]byte
	got := 0
	if sized && size >= headerSize {
		n, err := io.ReadFull(r, head[:])
		if err != nil {
			return nil, err
		}
		got = n
		count := binary.LittleEndian.Uint32(head[80:84])
		if uint64(size) == headerSize+recordSize*uint64(count) {
			if count > MaxTriangles {
				return nil, tooManyTriangles(uint64(count))
			}
			return readBinary(r, head[:], int(count))
		}
	}
	if sized && size > MaxFileSize {
		return nil, tooBig(size)
	}
	var data []byte
	var err error
	if sized {
		data = make([]byte, size)
		copy(data, head[:got])
		_, err = io.ReadFull(r, data[got:])
	} else {
		data, err = io.ReadAll(io.LimitReader(r, MaxFileSize+1))
		if err == nil && len(data) > MaxFileSize {
			return nil, tooBig(int64(len(data)))
		}
	}
	if err != nil {
		return nil, err
	}
	return DecodeBytes(data)
}

// readBinary decodes the n records that follow head in r.
func readBinary(r io.Reader, head []byte, n int) (*Soup, error) {
	if n == 0 {
		return nil, fmt.Errorf("%w: binary STL with a triangle count of 0", ErrEmpty)
	}
	tris := make([][3]mesh.Vec3, n)
	buf := make([]byte, recordSize*min(n, 8192))
	for done := 0; done < n; {
		k := min(n-done, len(buf)/recordSize)
		if m, err := io.ReadFull(r, buf[:k*recordSize]); err != nil {
			return nil, fmt.Errorf("%w at triangle %d of %d (the file shrank while read)",
				ErrTruncated, done+m/recordSize+1, n)
		}
		if err := decodeRecords(buf[:k*recordSize], tris[done:done+k], done); err != nil {
			return nil, err
		}
		done += k
	}
	return &Soup{Name: headerName(head[:80]), Format: Binary, Triangles: tris}, nil
}

// ReadMesh reads the STL file at path and builds the welded, repaired mesh
// with mesh.FromTriangles. Errors start with the path.
func ReadMesh(path string, opts mesh.Options) (*mesh.Mesh, mesh.Repairs, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, mesh.Repairs{}, err
	}
	defer f.Close()
	m, rep, err := DecodeMesh(f, opts)
	if err != nil {
		return nil, rep, fmt.Errorf("%s: %w", path, err)
	}
	return m, rep, nil
}

// DecodeMesh reads an STL from r (as Decode) and builds the welded, repaired
// mesh with mesh.FromTriangles.
func DecodeMesh(r io.Reader, opts mesh.Options) (*mesh.Mesh, mesh.Repairs, error) {
	s, err := Decode(r)
	if err != nil {
		return nil, mesh.Repairs{}, err
	}
	tris := s.Triangles
	s = nil // only the triangles are needed: FromTriangles lets them go after welding
	return mesh.FromTriangles(tris, opts)
}

const (
	headerSize = 84
	recordSize = 50
)

// DecodeBytes parses a binary or ASCII STL held in data. It does not keep data.
func DecodeBytes(data []byte) (*Soup, error) {
	if len(data) >= headerSize {
		n := binary.LittleEndian.Uint32(data[80:84])
		if uint64(len(data)) == headerSize+recordSize*uint64(n) {
			if n > MaxTriangles {
				return nil, tooManyTriangles(uint64(n))
			}
			return decodeBinary(data, int(n))
		}
	}
	if startsWithSolid(data) {
		s, err := decodeASCII(data)
		if err == nil || !looksBinary(data) {
			return s, err
		}
		// A binary file whose header starts with "solid" and whose size
		// is wrong: report it as binary.
	}
	if len(data) < headerSize {
		if len(data) == 0 {
			return nil, fmt.Errorf("%w: empty file", ErrNotSTL)
		}
		return nil, fmt.Errorf("%w: %d bytes, too short for a binary STL and not starting with \"solid\"", ErrNotSTL, len(data))
	}
	n := uint64(binary.LittleEndian.Uint32(data[80:84]))
	want := headerSize + recordSize*n
	complete := (uint64(len(data)) - headerSize) / recordSize
	if want > uint64(len(data)) && plausibleRecords(data, int(complete)) {
		return nil, fmt.Errorf("%w at triangle %d (of %d): file has %d bytes, a binary STL of %d triangles has %d",
			ErrTruncated, complete+1, n, len(data), n, want)
	}
	if want < uint64(len(data)) && n > 0 && plausibleRecords(data, int(n)) {
		return nil, fmt.Errorf("%w: binary header announces %d triangles (%d bytes) but the file has %d bytes",
			ErrNotSTL, n, want, len(data))
	}
	return nil, fmt.Errorf("%w: neither a binary STL (size 84+50×count) nor ASCII (\"solid\" ...)", ErrNotSTL)
}

// startsWithSolid reports whether data begins, after white space and an
// optional UTF-8 byte order mark, with the keyword "solid".
func startsWithSolid(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	i := skipSpace(data, 0)
	return matchWord(data, i, "solid") > 0
}

// looksBinary reports whether the first bytes hold a NUL or other control
// bytes that no ASCII STL contains.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 512)]
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			return true
		}
	}
	return false
}

// plausibleRecords reports whether the first (up to 8) of the complete binary
// records present, or the whole floats of a partial first record, hold finite
// coordinates of sensible size: what tells a cut-off STL from other bytes.
func plausibleRecords(data []byte, complete int) bool {
	body := data[headerSize:]
	nfloats := 12 * min(complete, 8)
	if complete == 0 {
		nfloats = min(len(body)/4, 12)
		if nfloats == 0 {
			return true // only a header: nothing contradicts an STL
		}
	}
	for r := 0; r*12 < nfloats; r++ {
		rec := body[r*recordSize:]
		for k := 0; k < 12 && r*12+k < nfloats; k++ {
			f := math.Float32frombits(binary.LittleEndian.Uint32(rec[4*k:]))
			a := math.Abs(float64(f))
			if math.IsNaN(a) || a > 1e6 || (a != 0 && a < 1e-6) {
				return false
			}
		}
	}
	return true
}

func decodeBinary(data []byte, n int) (*Soup, error) {
	if n == 0 {
		return nil, fmt.Errorf("%w: binary STL with a triangle count of 0", ErrEmpty)
	}
	tris := make([][3]mesh.Vec3, n)
	if err := decodeRecords(data[headerSize:headerSize+recordSize*n], tris, 0); err != nil {
		return nil, err
	}
	return &Soup{Name: headerName(data[:80]), Format: Binary, Triangles: tris}, nil
}

// decodeRecords fills tris from the binary records in body (as many as
// tris holds); first is the index of the first one in the file, for errors.
func decodeRecords(body []byte, tris [][3]mesh.Vec3, first int) error {
	for i := range tris {
		rec := body[i*recordSize : i*recordSize+recordSize : i*recordSize+recordSize]
		a := binary.LittleEndian.Uint32(rec[12:])
		b := binary.LittleEndian.Uint32(rec[16:])
		c := binary.LittleEndian.Uint32(rec[20:])
		d := binary.LittleEndian.Uint32(rec[24:])
		e := binary.LittleEndian.Uint32(rec[28:])
		f := binary.LittleEndian.Uint32(rec[32:])
		g := binary.LittleEndian.Uint32(rec[36:])
		h := binary.LittleEndian.Uint32(rec[40:])
		k := binary.LittleEndian.Uint32(rec[44:])
		// A float32 is NaN or Inf exactly when its exponent bits are all ones.
		const exp = 0x7f800000
		if a&exp == exp || b&exp == exp || c&exp == exp || d&exp == exp || e&exp == exp ||
			f&exp == exp || g&exp == exp || h&exp == exp || k&exp == exp {
			return fmt.Errorf("%w in triangle %d", ErrNonFinite, first+i+1)
		}
		t := &tris[i]
		t[0] = mesh.Vec3{X: math.Float32frombits(a), Y: math.Float32frombits(b), Z: math.Float32frombits(c)}
		t[1] = mesh.Vec3{X: math.Float32frombits(d), Y: math.Float32frombits(e), Z: math.Float32frombits(f)}
		t[2] = mesh.Vec3{X: math.Float32frombits(g), Y: math.Float32frombits(h), Z: math.Float32frombits(k)}
	}
	return nil
}

// headerName returns the binary header as text when it is printable.
func headerName(h []byte) string {
	h = bytes.TrimRight(h, "\x00 ")
	for _, c := range h {
		if c < 0x20 || c > 0x7e {
			return ""
		}
	}
	return string(h)
}
