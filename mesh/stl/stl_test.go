package stl

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	hstl "github.com/hschendel/stl"

	"github.com/usinette/usinette/internal/corpus"
	"github.com/usinette/usinette/mesh"
)

// corpusSTLs returns the corpus STL files, skipping when there are none.
func corpusSTLs(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(corpus.Dir(tb), "stl", "*.stl"))
	if err != nil || len(files) == 0 {
		tb.Skip("no STL in the corpus")
	}
	return files
}

// hsolid builds an hschendel solid from corner triangles (normals zero).
func hsolid(tris [][3]mesh.Vec3, ascii bool) *hstl.Solid {
	s := &hstl.Solid{Name: "fixture", IsAscii: ascii}
	for _, t := range tris {
		var ht hstl.Triangle
		for k := 0; k < 3; k++ {
			ht.Vertices[k] = hstl.Vec3{t[k].X, t[k].Y, t[k].Z}
		}
		s.Triangles = append(s.Triangles, ht)
	}
	return s
}

func encode(t testing.TB, s *hstl.Solid) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.WriteAll(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tetra is a closed tetrahedron, outward counter-clockwise.
var tetra = [][3]mesh.Vec3{
	{v3(0, 0, 0), v3(0, 10, 0), v3(10, 0, 0)},
	{v3(0, 0, 0), v3(10, 0, 0), v3(0, 0, 10)},
	{v3(0, 0, 0), v3(0, 0, 10), v3(0, 10, 0)},
	{v3(10, 0, 0), v3(0, 10, 0), v3(0, 0, 10)},
}

func v3(x, y, z float32) mesh.Vec3 { return mesh.Vec3{X: x, Y: y, Z: z} }

// TestCorpusMatchesHschendel decodes every corpus STL with Decode and with
// github.com/hschendel/stl and requires bit-identical corners.
func TestCorpusMatchesHschendel(t *testing.T) {
	for _, f := range corpusSTLs(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			got, err := ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := hstl.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if got.Format == ASCII != want.IsAscii {
				t.Errorf("format %v, hschendel says ascii=%v", got.Format, want.IsAscii)
			}
			if len(got.Triangles) != len(want.Triangles) {
				t.Fatalf("%d triangles, hschendel reads %d", len(got.Triangles), len(want.Triangles))
			}
			for i, tr := range want.Triangles {
				for k := 0; k < 3; k++ {
					w := tr.Vertices[k]
					g := got.Triangles[i][k]
					if math.Float32bits(g.X) != math.Float32bits(w[0]) ||
						math.Float32bits(g.Y) != math.Float32bits(w[1]) ||
						math.Float32bits(g.Z) != math.Float32bits(w[2]) {
						t.Fatalf("triangle %d corner %d: %v, hschendel %v", i+1, k, g, w)
					}
				}
			}
		})
	}
}

// TestCorpusFacts checks the repairs of the corpus meshes against the facts
// corpus/README.md states (measured with other tools).
func TestCorpusFacts(t *testing.T) {
	dir := corpus.Dir(t)
	tests := []struct {
		file      string
		facets    int
		collapsed int
		boundary  int
	}{
		{"3DBenchy.stl", 225154, 8, 0},
		{"stanford_bunny.stl", 69451, 0, 223},
		{"xyz_calibration_cube.stl", 128, 0, 0},
		{"torus.stl", 18432, 0, 0},
		{"sphere_fn200.stl", 39996, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			m, rep, err := ReadMesh(filepath.Join(dir, "stl", tc.file), mesh.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Facets != tc.facets || rep.CollapsedFacets != tc.collapsed || rep.BoundaryEdges != tc.boundary || rep.NonManifoldEdges != 0 {
				t.Errorf("repairs %+v; want facets %d, collapsed %d, boundary edges %d, no non-manifold edge",
					rep, tc.facets, tc.collapsed, tc.boundary)
			}
			if after := m.Check(); after.BoundaryEdges != tc.boundary || after.DegenerateFacets != 0 || after.FlippedFacets != 0 {
				t.Errorf("after repair: %+v", after)
			}
		})
	}
}

func TestRoundTripGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tris := make([][3]mesh.Vec3, 500)
	for i := range tris {
		for k := 0; k < 3; k++ {
			tris[i][k] = mesh.Vec3{
				X: float32(r.NormFloat64() * 100), Y: float32(r.Float64()*1e-3 - 5e-4), Z: float32(r.ExpFloat64() * 1e4),
			}
		}
	}
	for _, ascii := range []bool{false, true} {
		data := encode(t, hsolid(tris, ascii))
		got, err := DecodeBytes(data)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tris, got.Triangles); diff != "" {
			t.Errorf("ascii=%v: (-want +got)\n%s", ascii, diff)
		}
	}
}

// TestNumbers compares the ASCII number parser with strconv.ParseFloat(s,
// 32) on hand-picked and random spellings.
func TestNumbers(t *testing.T) {
	cases := []string{
		"0", "-0", "+0", "0.0", ".5", "5.", "-.5e1", "1", "-1", "+1.5", "00012.500", "0.1", "0.3", "1e-7",
		"1E+3", "1.5e-45", "1e-46", "16777216", "16777217", "16777218", "123456789", "9999999999",
		"3.4028235e38", "1.17549435e-38", "0.000000000000000000000001", "1234567890123456789012345",
		"0.12345678901234567890123", "6.39242", "-25.9315", "1.69964", "8.5e-01", "0x1p-2",
		"4.7683716e-07", "33554431", "2.5e10", "7e10", "1e11", "123456.7e-10",
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		f := math.Float64frombits(r.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e30 {
			continue
		}
		for _, fm := range []string{"%g", "%e", "%.6f", "%.9g", "%.17g", "%.3e"} {
			cases = append(cases, fmt.Sprintf(fm, f))
		}
		x := float64(r.IntN(2000000)-1000000) / math.Pow(10, float64(r.IntN(8)))
		cases = append(cases, strconv.FormatFloat(x, 'f', -1, 64), fmt.Sprintf("%.6g", x), fmt.Sprintf("%e", x))
	}
	for _, s := range cases {
		want, werr := strconv.ParseFloat(s, 32)
		p := &asciiParser{data: []byte(" " + s + "\n")}
		got, ok := p.number()
		if werr != nil && !errors.Is(werr, strconv.ErrRange) {
			if ok {
				t.Errorf("%q: parsed %v, strconv fails: %v", s, got, werr)
			}
			continue
		}
		if !ok || math.Float32bits(got) != math.Float32bits(float32(want)) {
			t.Errorf("%q: got %v (%v), strconv %v", s, got, ok, float32(want))
		}
	}
}

func TestDetectSolidHeaderBinary(t *testing.T) {
	data := encode(t, hsolid(tetra, false))
	copy(data, "solid but binary, as some CAD tools write")
	s, err := DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	if s.Format != Binary || len(s.Triangles) != 4 {
		t.Errorf("got %v with %d triangles", s.Format, len(s.Triangles))
	}
	if diff := cmp.Diff(tetra, s.Triangles); diff != "" {
		t.Error(diff)
	}
}

func TestASCIIVariants(t *testing.T) {
	tests := []struct {
		name, text string
		n          int
	}{
		{"upper case", "SOLID X\nFACET NORMAL 0 0 1\nOUTER LOOP\nVERTEX 0 0 0\nVERTEX 1 0 0\nVERTEX 0 1 0\nENDLOOP\nENDFACET\nENDSOLID X\n", 1},
		{"one line, tabs, CRLF", "solid\tx\r\nfacet normal 0 0 1 outer loop vertex 0 0 0 vertex 1 0 0 vertex 0 1 0 endloop endfacet\r\nendsolid", 1},
		{"no normal values", "solid\nfacet\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid\n", 1},
		{"no endsolid", "solid a\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\n", 1},
		{"two solids", "solid a\nfacet normal 0 0 1 outer loop vertex 0 0 0 vertex 1 0 0 vertex 0 1 0 endloop endfacet endsolid a\n" +
			"solid b\nfacet normal 0 0 1 outer loop vertex 0 0 1 vertex 1 0 1 vertex 0 1 1 endloop endfacet endsolid b\n", 2},
		{"byte order mark", "\xef\xbb\xbf  solid a\nfacet normal 0 0 1 outer loop vertex 0 0 0 vertex 1 0 0 vertex 0 1 0 endloop endfacet endsolid a", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := DecodeBytes([]byte(tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if s.Format != ASCII || len(s.Triangles) != tc.n {
				t.Errorf("got %v with %d triangles, want ascii with %d", s.Format, len(s.Triangles), tc.n)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	bin := encode(t, hsolid(tetra, false))
	asc := string(encode(t, hsolid(tetra, true)))
	nanBin := bytes.Clone(bin)
	binary.LittleEndian.PutUint32(nanBin[84+2*50+12+4*4:], math.Float32bits(float32(math.NaN())))
	infBin := bytes.Clone(bin)
	binary.LittleEndian.PutUint32(infBin[84+3*50+12:], math.Float32bits(float32(math.Inf(-1))))
	countZero := bytes.Clone(bin[:84])
	binary.LittleEndian.PutUint32(countZero[80:], 0)
	solidTrunc := bytes.Clone(bin[:84+2*50+20])
	copy(solidTrunc, "solid header")
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0xff, 0x7f, 0x13, 0x00}, 40)...)
	tests := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"binary truncated", bin[:84+2*50+7], ErrTruncated, "truncated at triangle 3 (of 4)"},
		{"binary truncated in header record", bin[:90], ErrTruncated, "truncated at triangle 1 (of 4)"},
		{"binary with solid header truncated", solidTrunc, ErrTruncated, "truncated at triangle 3 (of 4)"},
		{"binary NaN", nanBin, ErrNonFinite, "non-finite coordinate in triangle 3"},
		{"binary Inf", infBin, ErrNonFinite, "in triangle 4"},
		{"binary empty", countZero, ErrEmpty, "no triangles"},
		{"ascii empty", []byte("solid nothing\nendsolid nothing\n"), ErrEmpty, "no triangles"},
		{"ascii truncated", []byte(asc[:len(asc)*2/3]), ErrTruncated, "truncated at triangle 3"},
		{"ascii nan", []byte(strings.Replace(asc, "vertex 10", "vertex nan", 1)), ErrNonFinite, "in triangle 1"},
		{"ascii inf", []byte(strings.Replace(asc, "vertex 10", "vertex 1e39", 1)), ErrNonFinite, "in triangle 1"},
		{"ascii bad number", []byte(strings.Replace(asc, "vertex 10", "vertex 1x0", 1)), ErrSyntax, `line 6 (triangle 1): expected a coordinate, found "1x0"`},
		{"ascii bad keyword", []byte(strings.Replace(asc, "endloop", "endlop", 1)), ErrSyntax, `expected endloop, found "endlop"`},
		{"ascii junk after endsolid", []byte(asc + "garbage\n"), ErrSyntax, "expected solid or the end of the file"},
		{"empty file", nil, ErrNotSTL, "empty file"},
		{"short text", []byte("hello"), ErrNotSTL, "too short"},
		{"text", []byte(strings.Repeat("this is a README, not a mesh\n", 10)), ErrNotSTL, "not an STL"},
		{"png", png, ErrNotSTL, "not an STL"},
		{"binary with trailing bytes", append(bytes.Clone(bin), 1, 2, 3), ErrNotSTL, "announces 4 triangles"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeBytes(tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not say %q", err, tc.msg)
			}
			// ReadFile streams binary files: same verdict, path first
			p := filepath.Join(t.TempDir(), "m.stl")
			if err := os.WriteFile(p, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = ReadFile(p)
			if !errors.Is(err, tc.want) || !strings.HasPrefix(err.Error(), p+": ") || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("ReadFile: error %v, want %v saying %q after the path", err, tc.want, tc.msg)
			}
		})
	}
}

func TestReadFileNamesThePath(t *testing.T) {
	p := filepath.Join(t.TempDir(), "model.stl")
	bin := encode(t, hsolid(tetra, false))
	if err := os.WriteFile(p, bin[:84+50*1+3], 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(p)
	if err == nil || !strings.HasPrefix(err.Error(), p+": truncated at triangle 2") {
		t.Errorf("error %v", err)
	}
}

func TestWriteReadBack(t *testing.T) {
	m, _, err := mesh.FromTriangles(tetra, mesh.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, m, "tetra"); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 84+50*4 {
		t.Fatalf("%d bytes", buf.Len())
	}
	s, err := DecodeBytes(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(tetra, s.Triangles); diff != "" || s.Name != "tetra" {
		t.Errorf("name %q, (-want +got)\n%s", s.Name, diff)
	}
	// Normals computed from the winding, outward and unit: facet 0 is in
	// the z = 0 plane, seen from below.
	if n := math.Float32frombits(binary.LittleEndian.Uint32(buf.Bytes()[84+8:])); n != -1 {
		t.Errorf("normal z of facet 1: %v", n)
	}
}

// TestReadFileChunks: a binary file longer than one read chunk decodes to
// exactly what Decode makes of its bytes, and a bad coordinate in a later
// chunk is reported at its own triangle number.
func TestReadFileChunks(t *testing.T) {
	const n = 20000
	data := make([]byte, 84+50*n)
	binary.LittleEndian.PutUint32(data[80:], n)
	for i := range n {
		for k := range 9 {
			v := float32(i%97) + float32(k)*0.25
			binary.LittleEndian.PutUint32(data[84+50*i+12+4*k:], math.Float32bits(v))
		}
	}
	p := filepath.Join(t.TempDir(), "big.stl")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	want, err := DecodeBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("ReadFile and Decode disagree")
	}
	binary.LittleEndian.PutUint32(data[84+50*17001+12+8:], math.Float32bits(float32(math.Inf(1))))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(p); !errors.Is(err, ErrNonFinite) || !strings.Contains(err.Error(), "triangle 17002") {
		t.Errorf("error %v, want non-finite in triangle 17002", err)
	}
}

// TestLimitsBeforeAllocation: a binary header claiming 4e9 triangles in a
// sparse file of exactly that size, and a sparse file too big to be any
// STL, are refused from the header and the size, with ErrTooLarge, before
// anything is allocated (they used to end in a fatal out-of-memory error).
func TestLimitsBeforeAllocation(t *testing.T) {
	dir := t.TempDir()
	sparse := func(name string, count uint32, size int64) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		head := make([]byte, 84)
		binary.LittleEndian.PutUint32(head[80:], count)
		f.Write(head)
		if err := f.Truncate(size); err != nil {
			f.Close()
			t.Skip("no sparse files here:", err)
		}
		f.Close()
		return p
	}
	const claim = 4_000_000_000
	for _, p := range []string{
		sparse("claims4e9.stl", claim, 84+50*claim),
		sparse("huge.stl", 12, 3<<30),
		sparse("just_over.stl", MaxTriangles+1, 84+50*(MaxTriangles+1)),
	} {
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := ReadFile(p)
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), filepath.Base(p)) || !strings.Contains(err.Error(), "limit") {
			t.Errorf("%s: err = %v, want ErrTooLarge naming the file and the limit", filepath.Base(p), err)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
			t.Errorf("%s: %d bytes allocated before refusing", filepath.Base(p), grew)
		}
	}
}
