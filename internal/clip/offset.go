package clip

import (
	"math"
	"sync"

	"github.com/usinette/usinette/geom"
)

// MiterLimit is the longest miter join, in multiples of the offset; a
// sharper corner is cut square.
const MiterLimit = 3

// offsetter builds the raw offset of one ring at a time: every edge moved
// by delta along its outward normal, corners joined as asked. The raw ring
// may cross itself (concave corners, parts narrower than the offset); the
// union under the Positive rule then keeps what is really covered.
type offsetter struct {
	delta       float64
	join        Join
	stepsPerRad float64   // round joins
	nx, ny, len []float64 // unit normal and length of each edge
	pts         geom.Path
	in          geom.Path
}

func (o *offsetter) init(delta float64, join Join) {
	o.delta, o.join = delta, join
	ad := math.Abs(delta)
	tol := min(float64(ArcTolerance), ad/4)
	if ad > 0 && tol > 0 {
		// a chord of angle θ on radius ad strays ad(1-cos(θ/2)) from the arc
		o.stepsPerRad = 1 / (2 * math.Acos(1-tol/ad))
	}
}

// ring returns the raw offset of r (nil when r has fewer than 3 distinct
// points); the result is reused by the next call.
func (o *offsetter) ring(r geom.Path) geom.Path {
	in := o.in[:0]
	for _, p := range r {
		if len(in) > 0 && in[len(in)-1] == p {
			continue
		}
		in = append(in, p)
	}
	for len(in) > 1 && in[len(in)-1] == in[0] {
		in = in[:len(in)-1]
	}
	o.in = in
	n := len(in)
	if n < 3 {
		return nil
	}
	if o.delta == 0 {
		return append(o.pts[:0], in...)
	}
	o.nx, o.ny, o.len = o.nx[:0], o.ny[:0], o.len[:0]
	for i := range n {
		a, b := in[i], in[(i+1)%n]
		dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
		l := math.Hypot(dx, dy)
		o.nx, o.ny, o.len = append(o.nx, dy/l), append(o.ny, -dx/l), append(o.len, l)
	}
	o.pts = o.pts[:0]
	for k := range n {
		o.corner(in[k], (k+n-1)%n, k)
	}
	return o.pts
}

func (o *offsetter) add(x, y float64) {
	p := geom.Point{X: int64(math.Round(x)), Y: int64(math.Round(y))}
	if m := len(o.pts); m > 0 && o.pts[m-1] == p {
		return
	}
	o.pts = append(o.pts, p)
}

// corner joins the offset edges j (arriving) and k (leaving) at vertex p.
func (o *offsetter) corner(p geom.Point, j, k int) {
	d := o.delta
	px, py := float64(p.X), float64(p.Y)
	ajx, ajy, akx, aky := o.nx[j], o.ny[j], o.nx[k], o.ny[k]
	sin := ajx*aky - ajy*akx
	cos := ajx*akx + ajy*aky
	if math.Abs(sin*d) < 1 && cos > 0 {
		// nearly straight on: one point does
		o.add(px+akx*d, py+aky*d)
		return
	}
	sin = max(-1, min(1, sin))
	if sin*d < 0 {
		// the offset edges overlap here. When the point where they cross
		// lies within the first half of both (edges long next to the
		// offset, corners shallow: most corners of a sliced outline), the
		// ring turns there and no loop is left for the union to drop.
		if r := 1 + cos; r > 1e-9 {
			if back := math.Abs(d*sin) / r; back <= o.len[j]/2 && back <= o.len[k]/2 {
				q := d / r
				o.add(px+(ajx+akx)*q, py+(ajy+aky)*q)
				return
			}
		}
		// otherwise go through the vertex, so the raw ring's extra loop
		// winds the wrong way and the union drops it
		o.add(px+ajx*d, py+ajy*d)
		o.add(px, py)
		o.add(px+akx*d, py+aky*d)
		return
	}
	switch o.join {
	case Miter:
		if r := 1 + cos; r >= 2.0/(MiterLimit*MiterLimit) {
			q := d / r
			o.add(px+(ajx+akx)*q, py+(ajy+aky)*q)
			return
		}
		o.square(px, py, ajx, ajy, akx, aky)
	case Square:
		o.square(px, py, ajx, ajy, akx, aky)
	default:
		o.round(px, py, ajx, ajy, akx, aky, sin, cos)
	}
}

// square cuts the corner by the line perpendicular to its bisector at
// distance |delta| from the vertex.
func (o *offsetter) square(px, py, ajx, ajy, akx, aky float64) {
	d := o.delta
	bx, by := ajx+akx, ajy+aky
	bl := math.Hypot(bx, by)
	if bl < 1e-12 {
		o.add(px+ajx*d, py+ajy*d)
		o.add(px+akx*d, py+aky*d)
		return
	}
	bx, by = bx/bl, by/bl
	o.add(squareCut(px, py, ajx, ajy, bx, by, d))
	o.add(squareCut(px, py, akx, aky, bx, by, d))
}

// squareCut is where the offset line of the edge with unit normal (nx, ny)
// through vertex (px, py) meets the square cut across the unit bisector
// (bx, by) at distance |d|.
func squareCut(px, py, nx, ny, bx, by, d float64) (x, y float64) {
	tx, ty := -ny, nx // the edge's direction
	s := 0.0
	if tb := tx*bx + ty*by; tb != 0 {
		s = d * (1 - (nx*bx + ny*by)) / tb
	}
	return px + nx*d + tx*s, py + ny*d + ty*s
}

// round joins with an arc around the vertex, chords within ArcTolerance:
// stepsPerRad·|a| steps is the fewest that keep every chord within it, so
// the count is rounded up (to nearest, a corner worth 1.49 steps got one
// chord straying 2.2× the tolerance: 11 µm at every offset).
func (o *offsetter) round(px, py, ajx, ajy, akx, aky, sin, cos float64) {
	d := o.delta
	a := math.Atan2(sin, cos)
	steps := int(math.Ceil(o.stepsPerRad * math.Abs(a)))
	if steps < 1 {
		steps = 1
	}
	st, ct := math.Sincos(a / float64(steps))
	vx, vy := ajx, ajy
	for range steps {
		o.add(px+vx*d, py+vy*d)
		vx, vy = vx*ct-vy*st, vx*st+vy*ct
	}
	o.add(px+akx*d, py+aky*d)
}

// sweepPool keeps sweepers' buffers between calls (sync.Pool: safe for
// concurrent use, emptied by the GC).
var sweepPool = sync.Pool{New: func() any { return new(sweeper) }}

func getSweeper() *sweeper { return sweepPool.Get().(*sweeper) }

func putSweeper(s *sweeper) {
	// don't hand the result's rings to the next user
	clear(s.rings)
	s.rings = s.rings[:0]
	sweepPool.Put(s)
}
