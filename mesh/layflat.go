package mesh

import (
	"cmp"
	"math"
	"slices"
	"sort"
)

// Face is a flat face of a mesh: the facets whose outward normals agree
// within a degree and that lie in one plane.
type Face struct {
	// Normal is the face's outward unit normal (area-weighted mean of its
	// facets' normals).
	Normal [3]float64
	// Area is the sum of its facets' areas, mm².
	Area float64
	// Facets are the indices of its triangles.
	Facets []int
}

// faceAngle is how far apart, in degrees, the normals of facets of one face
// may be: a CAD export's flat face is split into facets whose float32
// normals differ by far less, a tessellated curve's neighbours by more.
const faceAngle = 1.0

// LargestFlatFace returns the largest face of m on which the model can
// stand: its plane touches the convex hull, every vertex lying on its inner
// side. The bottom of a bowl or of a U whose opening faces down is not one
// (the model would rest on its rims, not on that face). ok is false for a
// mesh without triangles.
func (m *Mesh) LargestFlatFace() (f Face, ok bool) {
	faces := m.flatFaces()
	if len(faces) == 0 {
		return Face{}, false
	}
	lo, hi := m.Bounds()
	// a vertex may stand out of the plane by float32 rounding of
	// coordinates up to the model's size, and by the tilt the face angle
	// allows across the face
	diag := math.Sqrt(sq(float64(hi.X)-float64(lo.X)) + sq(float64(hi.Y)-float64(lo.Y)) + sq(float64(hi.Z)-float64(lo.Z)))
	tol := 1e-3 + 1e-6*diag
	// faces of (nearly) the largest area are equally good: the one facing
	// down the most wins, so that a cube already on its bottom stays there
	best := -1
	for i := range faces {
		fc := &faces[i]
		if best >= 0 && fc.Area < faces[best].Area*(1-1e-3) {
			break
		}
		n := fc.Normal
		// the hull test costs a pass over the vertices: only for a face
		// that would win (a sphere has thousands of facets of one area)
		if best >= 0 && n[2] >= faces[best].Normal[2]-1e-9 {
			continue
		}
		// the face's own plane: the highest of its corners along n
		top := math.Inf(-1)
		for _, t := range fc.Facets {
			for _, vi := range m.Triangles[t] {
				top = max(top, dot(n, m.Vertices[vi]))
			}
		}
		outside := false
		for _, v := range m.Vertices {
			if dot(n, v) > top+tol {
				outside = true
				break
			}
		}
		if !outside {
			best = i
		}
	}
	if best >= 0 {
		return faces[best], true
	}
	// every face leans on another one (cannot happen for a closed
	// polyhedron, whose convex hull has flat faces made of its facets;
	// possible for an open scrap): the largest then
	return faces[0], true
}

// minFaceShare is the least share of a model's surface its largest flat
// face must have for LayFlat to turn the model onto it. A scanned or
// rounded model has none worth the name: the corpus's torus, sphere and
// bunny have their largest at 0.05 %, 0.01 % and 0.02 % (a facet or two),
// and turning them onto it would only tilt them; 3DBenchy's hull (4.7 %),
// the calibration cube's bottom (14.7 %) and CAD parts have far more.
const minFaceShare = 0.01

// LayFlat turns the mesh so that its largest face on which it can stand
// (LargestFlatFace) faces down, as PrusaSlicer's "place on face" does: the
// smallest rotation taking the face's normal to −Z, about the origin. The
// face's corners are then put at exactly one height, so that the first
// layer sees the whole face. It returns the face and whether the mesh was
// turned: not when it already lay on that face, has no facets, or has no
// flat face of at least 1 % of its surface (a sphere, a scanned figure),
// which is left as it is.
func (m *Mesh) LayFlat() (Face, bool) {
	f, ok := m.LargestFlatFace()
	if !ok || f.Area < minFaceShare*m.Area() {
		return f, false
	}
	n := f.Normal
	// already down within the face angle: leave the model as it is, so
	// that a model designed flat is not changed by a hair
	if n[2] < -math.Cos(faceAngle*math.Pi/180) {
		return f, false
	}
	var r [3][3]float64
	if n[2] > 1-1e-12 {
		// facing straight up: half a turn about X
		r = [3][3]float64{{1, 0, 0}, {0, -1, 0}, {0, 0, -1}}
	} else {
		// Rodrigues: axis n × (−Z) = (−n.y, n.x, 0), cos = −n.z
		ax, ay := -n[1], n[0]
		s := math.Hypot(ax, ay)
		ax, ay = ax/s, ay/s
		c := -n[2]
		k := 1 - c
		r = [3][3]float64{
			{c + ax*ax*k, ax * ay * k, ay * s},
			{ax * ay * k, c + ay*ay*k, -ax * s},
			{-ay * s, ax * s, c},
		}
	}
	for i := range m.Vertices {
		v := &m.Vertices[i]
		x, y, z := float64(v.X), float64(v.Y), float64(v.Z)
		v.X = float32(r[0][0]*x + r[0][1]*y + r[0][2]*z)
		v.Y = float32(r[1][0]*x + r[1][1]*y + r[1][2]*z)
		v.Z = float32(r[2][0]*x + r[2][1]*y + r[2][2]*z)
	}
	// the face's corners differ in z by rounding (and by up to the face
	// angle's tilt): put them on its lowest one
	low := float32(math.Inf(1))
	for _, t := range f.Facets {
		for _, vi := range m.Triangles[t] {
			low = min(low, m.Vertices[vi].Z)
		}
	}
	for _, t := range f.Facets {
		for _, vi := range m.Triangles[t] {
			m.Vertices[vi].Z = low
		}
	}
	return f, true
}

// flatFaces groups the facets into faces and returns them largest first
// (ties broken by the lowest facet index, so that the result does not
// depend on map order). The largest facet not yet in a face seeds one: it
// takes the facets whose normals are within the face angle of the seed's
// and whose centres lie on the seed's plane. Facets are binned by normal on
// a grid about the face angle wide, so a seed looks only at the 27 cells
// around its own. Seeding from one facet rather than chaining neighbours
// keeps a finely tessellated curve from becoming one "flat" face.
func (m *Mesh) flatFaces() []Face {
	if len(m.Triangles) == 0 {
		return nil
	}
	sign := 1.0
	if m.Volume() < 0 {
		sign = -1 // wound clockwise seen from outside: normals point in
	}
	lo, hi := m.Bounds()
	size := max(float64(hi.X)-float64(lo.X), float64(hi.Y)-float64(lo.Y), float64(hi.Z)-float64(lo.Z))
	planeTol := 0.01 + 1e-5*size
	step := math.Sin(faceAngle * math.Pi / 180)
	cosTol := math.Cos(faceAngle * math.Pi / 180)

	type facet struct {
		n    [3]float64
		c    Vec3    // centre, relative to the box's
		d    float64 // offset of its own plane along n
		area float64
		cell int
	}
	type cellKey [3]int64
	type cell struct {
		facets []int // sorted by d
		near   []int // the cells around it, itself included; nil until needed
	}
	cellOf := func(n [3]float64) cellKey {
		return cellKey{int64(math.Floor(n[0] / step)), int64(math.Floor(n[1] / step)), int64(math.Floor(n[2] / step))}
	}
	// centred, so that plane offsets stay small and a tilt of the face
	// angle moves them by little (see window)
	mid := Vec3{(lo.X + hi.X) / 2, (lo.Y + hi.Y) / 2, (lo.Z + hi.Z) / 2}
	facets := make([]facet, len(m.Triangles))
	index := map[cellKey]int{}
	var cells []cell
	var keys []cellKey
	order := make([]int, 0, len(m.Triangles))
	radius := 0.0
	for i, t := range m.Triangles {
		x, y, z := m.cross(t)
		l := math.Sqrt(x*x + y*y + z*z)
		if l == 0 || math.IsNaN(l) || math.IsInf(l, 0) {
			continue
		}
		n := [3]float64{sign * x / l, sign * y / l, sign * z / l}
		a, b, c := m.Vertices[t[0]], m.Vertices[t[1]], m.Vertices[t[2]]
		ctr := Vec3{(a.X+b.X+c.X)/3 - mid.X, (a.Y+b.Y+c.Y)/3 - mid.Y, (a.Z+b.Z+c.Z)/3 - mid.Z}
		radius = max(radius, math.Sqrt(dot([3]float64{float64(ctr.X), float64(ctr.Y), float64(ctr.Z)}, ctr)))
		k := cellOf(n)
		ci, ok := index[k]
		if !ok {
			ci = len(cells)
			index[k] = ci
			cells = append(cells, cell{})
			keys = append(keys, k)
		}
		facets[i] = facet{n, ctr, dot(n, ctr), l / 2, ci}
		cells[ci].facets = append(cells[ci].facets, i)
		order = append(order, i)
	}
	for ci := range cells {
		slices.SortFunc(cells[ci].facets, func(a, b int) int { return cmp.Compare(facets[a].d, facets[b].d) })
	}
	// a facet of the seed's plane whose normal is within the face angle
	// has its own offset within this of the seed's: |n_f − n_s|·|c| ≤
	// 2 sin(angle/2)·radius
	window := planeTol + 2*math.Sin(faceAngle*math.Pi/360)*radius + 1e-9
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(facets[b].area, facets[a].area); c != 0 {
			return c
		}
		return a - b
	})
	taken := make([]bool, len(m.Triangles))
	var faces []Face
	for _, seed := range order {
		if taken[seed] {
			continue
		}
		s := facets[seed]
		ci := s.cell
		if cells[ci].near == nil {
			k := keys[ci]
			for dx := int64(-1); dx <= 1; dx++ {
				for dy := int64(-1); dy <= 1; dy++ {
					for dz := int64(-1); dz <= 1; dz++ {
						if o, ok := index[cellKey{k[0] + dx, k[1] + dy, k[2] + dz}]; ok {
							cells[ci].near = append(cells[ci].near, o)
						}
					}
				}
			}
		}
		var f Face
		for _, o := range cells[ci].near {
			ids := cells[o].facets
			from, _ := slices.BinarySearchFunc(ids, s.d-window, func(i int, d float64) int { return cmp.Compare(facets[i].d, d) })
			for _, i := range ids[from:] {
				g := facets[i]
				if g.d > s.d+window {
					break
				}
				if taken[i] || g.n[0]*s.n[0]+g.n[1]*s.n[1]+g.n[2]*s.n[2] < cosTol || math.Abs(dot(s.n, g.c)-s.d) > planeTol {
					continue
				}
				taken[i] = true
				f.Facets = append(f.Facets, i)
				f.Area += g.area
				for j := range 3 {
					f.Normal[j] += g.n[j] * g.area
				}
			}
		}
		l := math.Sqrt(f.Normal[0]*f.Normal[0] + f.Normal[1]*f.Normal[1] + f.Normal[2]*f.Normal[2])
		for j := range 3 {
			f.Normal[j] /= l
		}
		sort.Ints(f.Facets)
		faces = append(faces, f)
	}
	sort.SliceStable(faces, func(i, j int) bool {
		if faces[i].Area != faces[j].Area {
			return faces[i].Area > faces[j].Area
		}
		return faces[i].Facets[0] < faces[j].Facets[0]
	})
	return faces
}

func dot(n [3]float64, v Vec3) float64 {
	return n[0]*float64(v.X) + n[1]*float64(v.Y) + n[2]*float64(v.Z)
}

func sq(x float64) float64 { return x * x }
