package mesh

import "testing"

// benchSoup is a soup of 10,000 unit boxes (120,000 triangles). Corpus
// meshes are benchmarked in package stl (BenchmarkReadMesh) and in
// benchmarks/, because this package cannot import the STL reader.
func benchSoup(b *testing.B) [][3]Vec3 {
	b.Helper()
	var soup [][3]Vec3
	for i := 0; i < 100; i++ {
		for j := 0; j < 100; j++ {
			for _, t := range boxSoup(1, 1, 1) {
				for k := range t {
					t[k].X += float32(i) * 2
					t[k].Y += float32(j) * 2
				}
				soup = append(soup, t)
			}
		}
	}
	return soup
}

// BenchmarkFromTriangles welds 120,000 triangles (10,000 boxes).
func BenchmarkFromTriangles(b *testing.B) {
	soup := benchSoup(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := FromTriangles(soup, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(soup))*float64(b.N)/b.Elapsed().Seconds(), "triangles/s")
}

func BenchmarkPlace(b *testing.B) {
	m, _, err := FromTriangles(benchSoup(b), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		m.RotateZ(30)
		m.Place(250, 210)
	}
}
