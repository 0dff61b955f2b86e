package slice

import (
	"github.com/usinette/usinette/internal/tour"
	"math"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/internal/clip"
)

// minFillPiece is the shortest infill piece worth printing, µm: shorter
// ones (corners of the clipped curve) only add retractions.
const minFillPiece = 1000

// gyroidPeriod is the period, in mm, of the gyroid infill of density dens
// extruded with spacing sp: 2π·sp / (2.44·dens), PrusaSlicer's choice, so a
// given fill_density uses what it uses there (its 15 % on the 20 mm cube has
// waves 7.1 mm long; this gives 7.0). By stereology (section curve per area
// = π/4 × surface per volume, 3.0919/a for the gyroid of period a) those
// lines cover 0.94·dens of the area; the anchors along the edge
// (anchorLines) make up the rest.
func gyroidPeriod(sp, dens float64) float64 {
	return 2 * math.Pi * sp / (2.44 * dens)
}

// gyroid traces the curve sin x cos y + sin y cos z + sin z cos x = 0 at the
// layer's slice plane over the region (marching squares on a grid of
// period/16 cells, saddles decided by the cell centre), clips it to the
// region and orders the pieces.
func (s *slicer) gyroid(i int, region []geom.Polygon, sp float64, pos geom.Point) []geom.Path {
	period := gyroidPeriod(sp/um, s.cfg.FillDensity) * um // µm
	k := 2 * math.Pi / period
	box := geom.EmptyRect()
	for _, p := range region {
		box = box.Union(p.Bounds())
	}
	cell := period / 16
	x0 := math.Floor(float64(box.Min.X)/cell)*cell - cell
	y0 := math.Floor(float64(box.Min.Y)/cell)*cell - cell
	nx := int(math.Ceil((float64(box.Max.X)-x0)/cell)) + 1
	ny := int(math.Ceil((float64(box.Max.Y)-y0)/cell)) + 1
	sc, _ := s.gyroPool.Get().(*gyroScratch)
	if sc == nil {
		sc = new(gyroScratch)
	}
	defer s.gyroPool.Put(sc)
	sx, cx := make([]float64, nx+1), make([]float64, nx+1)
	sy, cy := make([]float64, ny+1), make([]float64, ny+1)
	for a := 0; a <= nx; a++ {
		sx[a], cx[a] = math.Sincos((x0 + float64(a)*cell) * k)
	}
	for b := 0; b <= ny; b++ {
		sy[b], cy[b] = math.Sincos((y0 + float64(b)*cell) * k)
	}
	sz, cz := math.Sincos(s.layers[i].plane * um * k)
	W := nx + 1
	f := grow(sc.f, W*(ny+1))
	sc.f = f
	for b := 0; b <= ny; b++ {
		for a := 0; a <= nx; a++ {
			f[b*W+a] = sx[a]*cy[b] + sy[b]*cz + sz*cx[a]
		}
	}
	// edge ids: horizontal (a,b)-(a+1,b) = 2(bW+a), vertical (a,b)-(a,b+1) = 2(bW+a)+1
	edgePt := func(id int) geom.Point {
		n := id / 2
		a, b := n%W, n/W
		a2, b2 := a+1, b
		if id%2 == 1 {
			a2, b2 = a, b+1
		}
		v1, v2 := f[b*W+a], f[b2*W+a2]
		t := v1 / (v1 - v2)
		x := x0 + (float64(a)+t*float64(a2-a))*cell
		y := y0 + (float64(b)+t*float64(b2-b))*cell
		return geom.Point{X: int64(math.Round(x)), Y: int64(math.Round(y))}
	}
	link := grow(sc.link, 2*W*(ny+1))
	sc.link = link
	for q := range link {
		link[q] = [2]int32{-1, -1}
	}
	segs := sc.segs[:0]
	defer func() { sc.segs = segs[:0] }()
	add := func(e1, e2 int) {
		si := int32(len(segs))
		segs = append(segs, [2]int32{int32(e1), int32(e2)})
		for _, e := range []int{e1, e2} {
			if link[e][0] < 0 {
				link[e][0] = si
			} else {
				link[e][1] = si
			}
		}
	}
	for b := 0; b < ny; b++ {
		for a := 0; a < nx; a++ {
			v00, v10, v11, v01 := f[b*W+a], f[b*W+a+1], f[(b+1)*W+a+1], f[(b+1)*W+a]
			c := 0
			if v00 >= 0 {
				c |= 1
			}
			if v10 >= 0 {
				c |= 2
			}
			if v11 >= 0 {
				c |= 4
			}
			if v01 >= 0 {
				c |= 8
			}
			bot, right, top, left := 2*(b*W+a), 2*(b*W+a+1)+1, 2*((b+1)*W+a), 2*(b*W+a)+1
			switch c {
			case 0, 15:
			case 1, 14:
				add(left, bot)
			case 2, 13:
				add(bot, right)
			case 3, 12:
				add(left, right)
			case 4, 11:
				add(right, top)
			case 6, 9:
				add(bot, top)
			case 7, 8:
				add(left, top)
			case 5, 10:
				centre := (v00 + v10 + v11 + v01) / 4
				if (centre >= 0) == (c == 5) {
					add(left, top)
					add(bot, right)
				} else {
					add(left, bot)
					add(right, top)
				}
			}
		}
	}
	used := grow(sc.used, len(segs))
	sc.used = used
	clear(used)
	var lines []geom.Path
	other := func(si int32, e int32) int32 {
		if segs[si][0] == e {
			return segs[si][1]
		}
		return segs[si][0]
	}
	nextSeg := func(e int32, si int32) int32 {
		l := link[e]
		if l[0] == si {
			return l[1]
		}
		return l[0]
	}
	walk := func(es []int32, si int32, e int32) []int32 { // from segment si leaving through edge e
		es = es[:0]
		for {
			es = append(es, e)
			n := nextSeg(e, si)
			if n < 0 || used[n] {
				return es
			}
			used[n] = true
			si, e = n, other(n, e)
		}
	}
	for si := range segs {
		if used[si] {
			continue
		}
		used[si] = true
		fw := walk(sc.fw, int32(si), segs[si][1])
		bw := walk(sc.bw, int32(si), segs[si][0])
		sc.fw, sc.bw = fw, bw
		// Simplify copies: the points are scratch
		pts := sc.pts[:0]
		for q := len(bw) - 1; q >= 0; q-- {
			pts = append(pts, edgePt(int(bw[q])))
		}
		for _, e := range fw {
			pts = append(pts, edgePt(int(e)))
		}
		sc.pts = pts
		pts = dedup(pts, false)
		if len(pts) >= 2 {
			lines = append(lines, simplifyCurve(pts, 10))
		}
	}
	clipped := clip.ClipLines(lines, region)
	kept := clipped[:0]
	for _, l := range clipped {
		if l.Length(false) >= minFillPiece {
			kept = append(kept, l)
		}
	}
	kept = anchorLines(kept, region, s.cfg.InfillAnchorMax*um, s.cfg.InfillAnchor*um)
	return orderLines(kept, pos)
}

// gyroScratch holds one gyroid call's working buffers, reused across layers
// through slicer.gyroPool: they were about a tenth of the bytes a slice
// allocates (the bunny), and allocation volume sets how often the GC runs.
type gyroScratch struct {
	f      []float64
	link   [][2]int32
	segs   [][2]int32
	used   []bool
	fw, bw []int32
	pts    geom.Path
}

// grow returns buf resized to n, reallocated when its capacity is short;
// the contents are not cleared.
func grow[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

// orderLines orders open polylines greedily by nearest end, reversing them
// as needed.
func orderLines(ls []geom.Path, pos geom.Point) []geom.Path {
	rev := make([]bool, len(ls))
	order := tour.Greedy(len(ls), pos, func(k int, at geom.Point) (int64, geom.Point, bool) {
		l := ls[k]
		d, e := l[0].Dist2(at), l[len(l)-1].Dist2(at)
		rev[k] = e < d
		if rev[k] {
			return e, l[0], true
		}
		return d, l[len(l)-1], true
	})
	out := make([]geom.Path, 0, len(order))
	for _, k := range order {
		l := ls[k]
		if rev[k] {
			l = append(geom.Path(nil), l...)
			l.Reverse()
		}
		out = append(out, l)
	}
	return out
}

// curveRun is the most points simplifyCurve replaces by one chord: it
// bounds the work per point on long, nearly straight stretches.
const curveRun = 32

// simplifyCurve drops the points of an open polyline that lie within tol
// µm of a chord between the points kept, greedily: from each kept point
// the chord goes as far along as it passes within tol of every point it
// replaces (at most curveRun). On the gyroid's marching-squares curves,
// which keep about two points in three at 10 µm, this costs a few
// distance tests per point where Douglas-Peucker's splits cost a third of
// the whole gyroid; it keeps about as many points (the same bound).
func simplifyCurve(p geom.Path, tol int64) geom.Path {
	if len(p) < 3 {
		return append(geom.Path(nil), p...)
	}
	t2 := float64(tol) * float64(tol)
	out := make(geom.Path, 0, len(p)*3/4+2)
	out = append(out, p[0])
	for i := 0; i < len(p)-1; {
		j := i + 1
	extend:
		for j+1 < len(p) && j-i < curveRun {
			for k := i + 1; k <= j; k++ {
				if geom.SegDist2(p[k], p[i], p[j+1]) > t2 {
					break extend
				}
			}
			j++
		}
		out = append(out, p[j])
		i = j
	}
	return out
}
