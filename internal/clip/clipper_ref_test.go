package clip

import (
	"fmt"
	clipper "github.com/ctessum/go.clipper"

	"github.com/usinette/usinette/geom"
)

// Clipper is the Engine wrapping github.com/ctessum/go.clipper, the
// independent reference the tests hold Sweep and InsideLines to. It lives in
// the tests only: no production path uses it. Its zero value is ready.
type Clipper struct{}

var _ Engine = Clipper{}

// pathBuf holds the input of one clipper call: the points, the pointers to
// them that a clipper.Path is made of, and the paths, in three allocations.
// go.clipper copies the points it keeps, so the buffer is garbage once the
// call has returned.
type pathBuf struct {
	pts   []clipper.IntPoint
	ptrs  []*clipper.IntPoint
	paths clipper.Paths
}

// toPaths converts rings into clipper paths held in b, which must not be
// reused until the clipper call that takes them has returned.
func toPaths(b *pathBuf, rings []geom.Path) clipper.Paths {
	n := 0
	for _, r := range rings {
		n += len(r)
	}
	if cap(b.pts) < n {
		b.pts = make([]clipper.IntPoint, n)
		b.ptrs = make([]*clipper.IntPoint, n)
	}
	pts, ptrs := b.pts[:n], b.ptrs[:n]
	out := b.paths[:0]
	k := 0
	for _, r := range rings {
		if len(r) == 0 {
			continue
		}
		start := k
		for _, q := range r {
			pts[k] = clipper.IntPoint{X: clipper.CInt(q.X), Y: clipper.CInt(q.Y)}
			ptrs[k] = &pts[k]
			k++
		}
		out = append(out, clipper.Path(ptrs[start:k:k]))
	}
	b.paths = out
	return out
}

func fromPath(p clipper.Path) geom.Path {
	out := make(geom.Path, len(p))
	for i, q := range p {
		out[i] = geom.Point{X: int64(q.X), Y: int64(q.Y)}
	}
	return out
}

func fillType(r FillRule) clipper.PolyFillType {
	switch r {
	case EvenOdd:
		return clipper.PftEvenOdd
	case Positive:
		return clipper.PftPositive
	}
	return clipper.PftNonZero
}

func clipType(op Op) clipper.ClipType {
	switch op {
	case Intersection:
		return clipper.CtIntersection
	case Difference:
		return clipper.CtDifference
	case Xor:
		return clipper.CtXor
	}
	return clipper.CtUnion
}

// Boolean implements Engine.
func (Clipper) Boolean(op Op, subject, clipRings []geom.Path, rule FillRule) []geom.Polygon {
	c := clipper.NewClipper(clipper.IoNone)
	sb, cb := new(pathBuf), new(pathBuf)
	c.AddPaths(toPaths(sb, subject), clipper.PtSubject, true)
	if len(clipRings) > 0 {
		c.AddPaths(toPaths(cb, clipRings), clipper.PtClip, true)
	}
	ft := fillType(rule)
	tree, ok := c.Execute2(clipType(op), ft, ft)
	if !ok {
		panic(fmt.Sprintf("clip: %v failed", op))
	}
	return fromTree(tree)
}

// Offset implements Engine.
func (Clipper) Offset(rings []geom.Path, delta float64, join Join) []geom.Polygon {
	co := clipper.NewClipperOffset()
	co.ArcTolerance = ArcTolerance
	co.MiterLimit = 3
	jt := clipper.JtRound
	switch join {
	case Miter:
		jt = clipper.JtMiter
	case Square:
		jt = clipper.JtSquare
	}
	b := new(pathBuf)
	co.AddPaths(toPaths(b, rings), jt, clipper.EtClosedPolygon)
	return fromTree(co.Execute2(delta))
}

// ClipLines implements Engine.
func (Clipper) ClipLines(lines []geom.Path, clipRings []geom.Path) []geom.Path {
	op := Intersection
	if len(lines) == 0 {
		return nil
	}
	c := clipper.NewClipper(clipper.IoNone)
	sb, cb := new(pathBuf), new(pathBuf)
	for _, p := range toPaths(sb, lines) {
		c.AddPath(p, clipper.PtSubject, false)
	}
	c.AddPaths(toPaths(cb, clipRings), clipper.PtClip, true)
	tree, ok := c.Execute2(clipType(op), clipper.PftNonZero, clipper.PftNonZero)
	if !ok {
		panic(fmt.Sprintf("clip: line %v failed", op))
	}
	open := c.OpenPathsFromPolyTree(tree)
	out := make([]geom.Path, 0, len(open))
	for _, p := range open {
		if len(p) >= 2 {
			out = append(out, fromPath(p))
		}
	}
	return out
}

func fromTree(t *clipper.PolyTree) []geom.Polygon {
	var out []geom.Polygon
	var walk func(nodes []*clipper.PolyNode)
	walk = func(nodes []*clipper.PolyNode) {
		for _, n := range nodes {
			if n.IsOpen {
				continue
			}
			outer := fromPath(n.Contour())
			if len(outer) < 3 {
				continue
			}
			if !outer.CCW() {
				outer.Reverse()
			}
			pg := geom.Polygon{Outer: outer}
			for _, h := range n.Childs() {
				hole := fromPath(h.Contour())
				if len(hole) >= 3 {
					if hole.CCW() {
						hole.Reverse()
					}
					pg.Holes = append(pg.Holes, hole)
				}
				walk(h.Childs())
			}
			out = append(out, pg)
		}
	}
	walk(t.Childs())
	return out
}
