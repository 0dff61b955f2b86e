package obj

import "github.com/usinette/usinette/mesh"

// triangulate appends the triangles of polygon poly (vertex indices) to
// faces. Triangles are kept; convex polygons are cut as a fan from the first
// corner; other polygons by ear clipping in the plane they mostly lie in,
// so that a concave face (an L-shaped cap) is not covered outside its
// outline. Corners not yet defined (indices past the vertices read so far,
// which some writers allow) get a fan.
func triangulate(faces [][3]int, poly []int, verts []mesh.Vec3) [][3]int {
	n := len(poly)
	if n == 3 {
		return append(faces, [3]int{poly[0], poly[1], poly[2]})
	}
	for _, i := range poly {
		if i >= len(verts) {
			return fan(faces, poly)
		}
	}
	// Newell's normal picks the projection plane and the polygon's turn
	var nx, ny, nz float64
	for k := range n {
		a, b := verts[poly[k]], verts[poly[(k+1)%n]]
		nx += (float64(a.Y) - float64(b.Y)) * (float64(a.Z) + float64(b.Z))
		ny += (float64(a.Z) - float64(b.Z)) * (float64(a.X) + float64(b.X))
		nz += (float64(a.X) - float64(b.X)) * (float64(a.Y) + float64(b.Y))
	}
	ax, ay, az := abs(nx), abs(ny), abs(nz)
	pts := make([][2]float64, n)
	for k, i := range poly {
		v := verts[i]
		switch {
		case az >= ax && az >= ay:
			pts[k] = [2]float64{float64(v.X), float64(v.Y)}
			if nz < 0 {
				pts[k][0] = -pts[k][0]
			}
		case ax >= ay:
			pts[k] = [2]float64{float64(v.Y), float64(v.Z)}
			if nx < 0 {
				pts[k][0] = -pts[k][0]
			}
		default:
			pts[k] = [2]float64{float64(v.Z), float64(v.X)}
			if ny < 0 {
				pts[k][0] = -pts[k][0]
			}
		}
	}
	// now the polygon turns counter-clockwise in pts
	convex := true
	for k := range n {
		if cross(pts[k], pts[(k+1)%n], pts[(k+2)%n]) < 0 {
			convex = false
			break
		}
	}
	if convex {
		return fan(faces, poly)
	}
	idx := make([]int, n)
	for k := range idx {
		idx[k] = k
	}
	for len(idx) > 3 {
		found := false
		for k := range idx {
			a, b, c := idx[(k+len(idx)-1)%len(idx)], idx[k], idx[(k+1)%len(idx)]
			if cross(pts[a], pts[b], pts[c]) <= 0 {
				continue // reflex or flat corner
			}
			ear := true
			for _, o := range idx {
				if o != a && o != b && o != c && inside(pts[o], pts[a], pts[b], pts[c]) {
					ear = false
					break
				}
			}
			if ear {
				faces = append(faces, [3]int{poly[a], poly[b], poly[c]})
				idx = append(idx[:k], idx[k+1:]...)
				found = true
				break
			}
		}
		if !found {
			// self-intersecting or degenerate: what is left as a fan
			rest := make([]int, len(idx))
			for k, o := range idx {
				rest[k] = poly[o]
			}
			return fan(faces, rest)
		}
	}
	return append(faces, [3]int{poly[idx[0]], poly[idx[1]], poly[idx[2]]})
}

func fan(faces [][3]int, poly []int) [][3]int {
	for k := 1; k+1 < len(poly); k++ {
		faces = append(faces, [3]int{poly[0], poly[k], poly[k+1]})
	}
	return faces
}

func cross(a, b, c [2]float64) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// inside reports whether p is inside or on triangle abc (counter-clockwise).
func inside(p, a, b, c [2]float64) bool {
	return cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
