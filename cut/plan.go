package cut

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"github.com/usinette/usinette/vector"
	"math"
	"slices"
	"sort"
)

var (
	// ErrTooLarge: the design does not fit the cutter and tiling was not asked.
	ErrTooLarge = errors.New("design too large")
	// ErrBadOption: a setting out of its range or a name not known.
	ErrBadOption = errors.New("bad option")
)

// Cameo 4 Pro media limits in millimetres.
const (
	RollWidth  = 600.0
	RollLength = 3000.0
)

// Cut is one blade-down stroke of the plan, in page millimetres.
type Cut struct {
	Points []vector.Point
	// Closed is true when the cut goes round a closed contour (the points
	// then include the lead-in, the return to the start and the overcut).
	Closed bool
	// ShapeID is the id of the shape the cut comes from; weeding cuts have
	// "weed-box" or "weed-line".
	ShapeID string
}

// Length is the cut's length in millimetres.
func (c *Cut) Length() float64 { return vector.PolyLength(c.Points) }

// Plan is an ordered list of cuts placed on the media.
//
// Coordinates are media millimetres: the origin is the media's top-left
// corner, where the cutter starts (x across, y along the feed). Every
// format writes them as they are, so GPGL, HPGL, SVG and the preview agree.
type Plan struct {
	Cuts []Cut
	// Min and Max bound the cut geometry.
	Min, Max vector.Point
	// Width and Height are the frame the design is placed in: the page
	// (PlanOptions.PageWidth/PageHeight) when it keeps its place on the
	// page, the design's own extent when moved to the origin. HPGL flips y
	// in this frame; SVG and PNG draw it.
	Width, Height float64
	// Media is the media the plan was checked against, RollLength its
	// length for the roll.
	Media      Media
	RollLength float64
}

// PlanOptions tunes Plan. The zero value plans with no overcut, no lead-in,
// one pass, no blade compensation, no mirroring and the Cameo's limits.
type PlanOptions struct {
	// Overcut continues each closed cut this many millimetres past its
	// start so the contour is fully severed (the CLI default is 1 mm).
	Overcut float64
	// LeadIn starts each closed cut this many millimetres before its start
	// point, on its closing edge (inkscape-silhouette uses 0.5 mm).
	LeadIn float64
	// BladeOffset, when > 0, compensates a drag knife whose tip trails its
	// axis by this many millimetres (0.25–0.9 mm): the head swivels round
	// each corner. Tell the firmware no offset then (GPGL.FirmwareOffset
	// false) — compensating twice ruins the corners.
	BladeOffset float64
	// Passes cuts every path this many times (0 means 1).
	Passes int
	// Mirror flips the design about its vertical axis (flex / heat
	// transfer vinyl is cut from the back).
	Mirror bool
	// WeedBox, when > 0, adds a rectangle this many millimetres around the
	// design, cut last.
	WeedBox float64
	// WeedLines adds straight cuts across the waste in the gaps between
	// shapes, so the weeding comes off in pieces.
	WeedLines bool
	// Media is what the design is cut on (the roll by default) and
	// RollLength the length of roll available (0: RollLength, 3 m). A
	// design that does not fit is refused with ErrTooLarge, never clipped;
	// Tile splits it into panels.
	Media      Media
	RollLength float64
	// AtOrigin moves the design's top-left corner (weed box included) to
	// the media origin. Otherwise the design keeps its place on the page,
	// the page's top-left corner on the media origin, as Inkscape shows it.
	AtOrigin bool
	// PageWidth and PageHeight are the document's page in millimetres (the
	// frame of a plan that keeps its place on the page); 0 takes the
	// design's extent from the origin.
	PageWidth, PageHeight float64
	// Layered cuts every shape whole, also the parts of its edges hidden
	// under opaque shapes painted above it: layered vinyl, where each
	// colour is its own sheet laid over the ones below. By default those
	// hidden parts are not cut — the cut follows what Inkscape shows (see
	// vector.Shape.FillOpaque).
	Layered bool
	// Progress, when set, is called with the ordering progress.
	Progress func(done, total int)
}

type piece struct {
	pts      []vector.Point
	closed   bool
	id       string
	min, max vector.Point
	area     float64 // absolute area for closed pieces
	parents  []int   // closed pieces that contain this one
	children int     // number of pieces it contains (not yet cut)
}

func bounds(pts []vector.Point) (vector.Point, vector.Point) {
	mn := vector.Point{X: math.Inf(1), Y: math.Inf(1)}
	mx := vector.Point{X: math.Inf(-1), Y: math.Inf(-1)}
	for _, p := range pts {
		mn.X, mn.Y = math.Min(mn.X, p.X), math.Min(mn.Y, p.Y)
		mx.X, mx.Y = math.Max(mx.X, p.X), math.Max(mx.Y, p.Y)
	}
	return mn, mx
}

func signedArea(p []vector.Point) float64 {
	a := 0.0
	for i := range p {
		j := (i + 1) % len(p)
		a += p[i].X*p[j].Y - p[j].X*p[i].Y
	}
	return a / 2
}

// inside reports whether q is inside the closed polygon p (even-odd).
func pointInPolygon(q vector.Point, p []vector.Point) bool {
	in := false
	for i, j := 0, len(p)-1; i < len(p); j, i = i, i+1 {
		a, b := p[i], p[j]
		if (a.Y > q.Y) != (b.Y > q.Y) {
			x := a.X + (q.Y-a.Y)*(b.X-a.X)/(b.Y-a.Y)
			if q.X < x {
				in = !in
			}
		}
	}
	return in
}

// NewPlan orders the shapes' subpaths for cutting: every contour inside
// another closed contour (a hole, the counter of an o) is cut before it, so
// the piece is still held while its holes are cut; then travel is kept short
// (nearest neighbour, then Or-opt moves that keep the containment order) and
// the cut progresses down the roll; each closed contour starts at the vertex
// nearest to where the knife is. Overcut, lead-in, passes, blade offset,
// mirroring and weeding are applied as opts says.
func NewPlan(ctx context.Context, shapes []vector.Shape, opts PlanOptions) (*Plan, error) {
	if !opts.Layered {
		var err error
		if shapes, err = knockOut(ctx, shapes); err != nil {
			return nil, err
		}
	}
	var ps []*piece
	for i := range shapes {
		s := &shapes[i]
		// A filled subpath is cut round its outline, as Inkscape fills it,
		// whether or not the SVG closed it with Z.
		// (cutLines: only the edges the fill rule shows; a gradient
		// fading out, only where it shows)
		_, filled := cutAs(s)
		for _, sp := range cutLines(s) {
			pts := append([]vector.Point(nil), sp.Points...)
			closed := sp.Closed
			if closed && len(pts) > 2 && pts[0].Dist(pts[len(pts)-1]) < 1e-9 {
				pts = pts[:len(pts)-1]
			}
			if len(pts) < 2 || vector.PolyLength(pts) == 0 {
				continue
			}
			if filled && closed && !s.Stroke.Set && (len(pts) < 3 || math.Abs(signedArea(pts)) < 1e-9) {
				continue // a fill without area and no stroke shows nothing
			}
			ps = append(ps, &piece{pts: pts, closed: closed && len(pts) >= 3, id: s.ID})
		}
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("%w (no geometry)", vector.ErrEmpty)
	}
	mn, mx := vector.Point{X: math.Inf(1), Y: math.Inf(1)}, vector.Point{X: math.Inf(-1), Y: math.Inf(-1)}
	for _, p := range ps {
		p.min, p.max = bounds(p.pts)
		mn.X, mn.Y = math.Min(mn.X, p.min.X), math.Min(mn.Y, p.min.Y)
		mx.X, mx.Y = math.Max(mx.X, p.max.X), math.Max(mx.Y, p.max.Y)
	}
	if opts.Mirror {
		for _, p := range ps {
			for i := range p.pts {
				p.pts[i].X = mn.X + mx.X - p.pts[i].X
			}
			p.min, p.max = bounds(p.pts)
		}
	}
	if opts.WeedLines {
		ps = append(ps, weedLines(ps, mn, mx, opts.WeedBox)...)
	}
	if opts.WeedBox > 0 {
		m := opts.WeedBox
		box := &piece{closed: true, id: "weed-box", pts: []vector.Point{
			{X: mn.X - m, Y: mn.Y - m}, {X: mx.X + m, Y: mn.Y - m}, {X: mx.X + m, Y: mx.Y + m}, {X: mn.X - m, Y: mx.Y + m}}}
		box.min, box.max = bounds(box.pts)
		ps = append(ps, box)
		mn = vector.Point{X: mn.X - m, Y: mn.Y - m}
		mx = vector.Point{X: mx.X + m, Y: mx.Y + m}
	}
	if opts.AtOrigin {
		for _, p := range ps {
			for i := range p.pts {
				p.pts[i].X -= mn.X
				p.pts[i].Y -= mn.Y
			}
			p.min, p.max = bounds(p.pts)
		}
		mx = vector.Point{X: mx.X - mn.X, Y: mx.Y - mn.Y}
		mn = vector.Point{}
	}
	if err := checkMedia(mn, mx, opts); err != nil {
		return nil, err
	}
	containment(ps)
	order, err := orderPieces(ctx, ps, opts.Progress)
	if err != nil {
		return nil, err
	}
	plan := &Plan{}
	pos := vector.Point{X: 0, Y: 0}
	passes := max(opts.Passes, 1)
	for _, i := range order {
		p := ps[i]
		var pts []vector.Point
		if p.closed {
			k := nearestVertex(p.pts, pos)
			ring := append(append([]vector.Point(nil), p.pts[k:]...), p.pts[:k]...)
			pts = closedCut(ring, passes, opts.LeadIn, opts.Overcut)
		} else {
			pts = p.pts
			if pos.Dist(pts[len(pts)-1]) < pos.Dist(pts[0]) {
				pts = reversed(pts)
			}
			one := pts
			pts = append([]vector.Point(nil), one...)
			for k := 1; k < passes; k++ { // back and forth along the open path
				if k%2 == 1 {
					pts = append(pts, reversed(one)[1:]...)
				} else {
					pts = append(pts, one[1:]...)
				}
			}
		}
		if opts.BladeOffset > 0 {
			pts = bladeCompensate(pts, p.closed, opts.BladeOffset)
		}
		plan.Cuts = append(plan.Cuts, Cut{Points: pts, Closed: p.closed, ShapeID: p.id})
		pos = pts[len(pts)-1]
	}
	// Points a hair off the media (curves flattened to -0.02 mm, a blade
	// offset swivel at the edge) are clamped onto it, never dropped.
	mw, ml := opts.Media.Size(opts.RollLength)
	all := []vector.Point{}
	for _, c := range plan.Cuts {
		for i := range c.Points {
			c.Points[i].X = math.Min(math.Max(c.Points[i].X, 0), mw)
			c.Points[i].Y = math.Min(math.Max(c.Points[i].Y, 0), ml)
		}
		all = append(all, c.Points...)
	}
	plan.Min, plan.Max = bounds(all)
	plan.Media, plan.RollLength = opts.Media, opts.RollLength
	if opts.AtOrigin || opts.PageWidth <= 0 || opts.PageHeight <= 0 {
		plan.Width, plan.Height = mx.X, mx.Y
	} else {
		plan.Width, plan.Height = opts.PageWidth, opts.PageHeight
	}
	// The frame holds the whole design, also where it runs past the page.
	plan.Width, plan.Height = math.Max(plan.Width, plan.Max.X), math.Max(plan.Height, plan.Max.Y)
	return plan, nil
}

// EdgeTolerance is how far, in millimetres, the design may reach past an
// edge of the media and be clamped onto it (curve points that round to
// -0.02 mm); anything further is refused.
const EdgeTolerance = 0.1

// checkMedia refuses a design (bounds mn, mx in media coordinates) that
// does not fit the media, saying by how much and what to do.
func checkMedia(mn, mx vector.Point, opts PlanOptions) error {
	mw, ml := opts.Media.Size(opts.RollLength)
	w, l := mx.X-mn.X, mx.Y-mn.Y
	media := opts.Media.Describe(opts.RollLength)
	if w > mw+1e-9 || l > ml+1e-9 {
		return fmt.Errorf("%w: the design is %.1f × %.1f mm, %s is smaller (use --tile, or larger media)", ErrTooLarge, w, l, media)
	}
	if mn.X < -EdgeTolerance || mn.Y < -EdgeTolerance || mx.X > mw+EdgeTolerance || mx.Y > ml+EdgeTolerance {
		return fmt.Errorf("%w: the design lies at x %.1f to %.1f, y %.1f to %.1f mm on the page, off %s (move it onto the page, or use --at-origin)",
			ErrTooLarge, mn.X, mx.X, mn.Y, mx.Y, media)
	}
	return nil
}

func reversed(p []vector.Point) []vector.Point {
	out := make([]vector.Point, len(p))
	for i := range p {
		out[len(p)-1-i] = p[i]
	}
	return out
}

func nearestVertex(p []vector.Point, q vector.Point) int {
	best, bd := 0, math.Inf(1)
	for i, v := range p {
		if d := (v.X-q.X)*(v.X-q.X) + (v.Y-q.Y)*(v.Y-q.Y); d < bd {
			best, bd = i, d
		}
	}
	return best
}

// alongRing returns the point at distance d along the ring from ring[0]
// (forward, wrapping) and the vertices passed on the way.
func alongRing(ring []vector.Point, d float64) []vector.Point {
	var out []vector.Point
	n := len(ring)
	for i := 0; d > 1e-12 && i < 4*n; i++ {
		a, b := ring[i%n], ring[(i+1)%n]
		l := a.Dist(b)
		if l >= d {
			t := d / l
			out = append(out, vector.Point{X: a.X + t*(b.X-a.X), Y: a.Y + t*(b.Y-a.Y)})
			return out
		}
		out = append(out, b)
		d -= l
	}
	return out
}

// closedCut makes the stroke of a closed ring starting at ring[0]: the
// lead-in on the closing edge, the ring passes times, then the overcut.
func closedCut(ring []vector.Point, passes int, leadIn, overcut float64) []vector.Point {
	var pts []vector.Point
	if leadIn > 0 {
		rev := append([]vector.Point{ring[0]}, reversed(ring[1:])...)
		lead := alongRing(rev, leadIn)
		pts = append(pts, reversed(lead)...)
	}
	for k := 0; k < passes; k++ {
		if k == 0 {
			pts = append(pts, ring...)
		} else {
			pts = append(pts, ring[1:]...)
		}
		pts = append(pts, ring[0])
	}
	if overcut > 0 {
		pts = append(pts, alongRing(ring, overcut)...)
	}
	return pts
}

// containment links every piece to the closed pieces around it. A grid
// of the closed pieces' boxes gives the candidates: a contour holding p
// holds p's first point, so it is listed in that point's cell.
func containment(ps []*piece) {
	idx := make([]int, 0, len(ps))
	for i, p := range ps {
		if p.closed {
			p.area = math.Abs(signedArea(p.pts))
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return
	}
	g := newGrid(ps, idx)
	for i, p := range ps {
		probe := p.pts[0]
		g.at(probe, func(j int) {
			q := ps[j]
			if i == j || q.min.X > p.min.X || q.max.X < p.max.X || q.min.Y > p.min.Y || q.max.Y < p.max.Y {
				return
			}
			if p.closed && q.area <= p.area {
				return
			}
			if pointInPolygon(probe, q.pts) || pointInPolygon(p.pts[len(p.pts)/2], q.pts) {
				p.parents = append(p.parents, j)
				q.children++
			}
		})
	}
}

// orderPieces orders the pieces: a piece is available once every piece
// inside it is cut; nearest neighbour picks the next, with a penalty for
// going back up the roll; Or-opt then moves single pieces where that
// shortens the travel without breaking the containment order.
func orderPieces(ctx context.Context, ps []*piece, progress func(int, int)) ([]int, error) {
	n := len(ps)
	left := make([]int, n)
	for i, p := range ps {
		left[i] = p.children
	}
	done := make([]bool, n)
	order := make([]int, 0, n)
	pos := vector.Point{X: 0, Y: 0}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	// Nearest neighbour over a grid of the pieces' boxes, rings of cells
	// outwards from the knife until no nearer piece can be left: about
	// linear for designs of many small pieces, where a scan of every piece
	// at every step was quadratic (100,000 rectangles took minutes).
	g := newGrid(ps, all)
	const backPenalty = 1.0
	for len(order) < n {
		if len(order)%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if progress != nil {
				progress(len(order), n)
			}
		}
		best, bestCost := -1, math.Inf(1)
		visit := func(list []int) []int {
			k := 0
			for _, i := range list {
				if done[i] {
					continue // cut already: dropped from the cell
				}
				list[k] = i
				k++
				if left[i] > 0 || i == best {
					continue
				}
				p := ps[i]
				// lower bound: distance to the box
				dx := math.Max(0, math.Max(p.min.X-pos.X, pos.X-p.max.X))
				dy := math.Max(0, math.Max(p.min.Y-pos.Y, pos.Y-p.max.Y))
				lb := math.Hypot(dx, dy) + backPenalty*math.Max(0, pos.Y-p.max.Y)
				if lb > bestCost {
					continue
				}
				if c := entryCost(p, pos, backPenalty); c < bestCost || (c == bestCost && i < best) {
					best, bestCost = i, c
				}
			}
			return list[:k]
		}
		g.nearest(pos, visit, func(lb float64) bool { return lb < bestCost })
		if best < 0 {
			return nil, fmt.Errorf("cut ordering: no piece left to cut (containment cycle)")
		}
		done[best] = true
		order = append(order, best)
		for _, par := range ps[best].parents {
			left[par]--
		}
		pos = exitPoint(ps[best], pos)
	}
	if progress != nil {
		progress(n, n)
	}
	if n <= orOptMax {
		orOpt(ctx, ps, order)
	}
	return order, nil
}

func entryCost(p *piece, pos vector.Point, back float64) float64 {
	var e vector.Point
	if p.closed {
		e = p.pts[nearestVertex(p.pts, pos)]
	} else {
		e = p.pts[0]
		if pos.Dist(p.pts[len(p.pts)-1]) < pos.Dist(e) {
			e = p.pts[len(p.pts)-1]
		}
	}
	return pos.Dist(e) + back*math.Max(0, pos.Y-e.Y)
}

func exitPoint(p *piece, pos vector.Point) vector.Point {
	if p.closed {
		return p.pts[nearestVertex(p.pts, pos)]
	}
	if pos.Dist(p.pts[len(p.pts)-1]) < pos.Dist(p.pts[0]) {
		return p.pts[0]
	}
	return p.pts[len(p.pts)-1]
}

// orOpt improves the order by moving single pieces (Or-opt) where that
// shortens the travel, keeping every piece after the pieces inside it and
// before the pieces around it. Entry and exit points come from the current
// order (a closed contour is entered and left at the vertex nearest to the
// knife) and are recomputed after every pass.
//
// A piece is tried just before and just after each of its
// orOptNeighbours nearest pieces (and at the start), not at every
// position: a move that shortens the travel puts it next to pieces near
// it. Trying every position made each pass O(n²) — 1 s of processor time
// for 3,000 pieces, and it was left out above that; it is O(n·k) now (77 ms
// for 2,998 pieces, 0.06 % more travel; on the corpus's stencil sheet and
// multi-colour sheet -0.02 % and +0.8 %). On designs of at most
// orOptExhaustive pieces it tries every position, as before.
func orOpt(ctx context.Context, ps []*piece, order []int) {
	n := len(order)
	if n < 3 {
		return
	}
	entry := make([]vector.Point, n) // by position in order
	exit := make([]vector.Point, n)
	posOf := make([]int, len(ps))
	refresh := func() {
		pos := vector.Point{}
		for k, i := range order {
			p := ps[i]
			posOf[i] = k
			if p.closed {
				e := p.pts[nearestVertex(p.pts, pos)]
				entry[k], exit[k] = e, e
			} else {
				a, b := p.pts[0], p.pts[len(p.pts)-1]
				if pos.Dist(b) < pos.Dist(a) {
					a, b = b, a
				}
				entry[k], exit[k] = a, b
			}
			pos = exit[k]
		}
	}
	// a small design is tried at every position (n² per pass is nothing
	// there, and the nearest few miss moves worth a percent of travel on
	// 80-piece sheets); larger ones next to their nearest pieces
	exhaustive := n <= orOptExhaustive
	var nbrs [][]int
	if !exhaustive {
		nbrs = neighbours(ps, orOptNeighbours)
	}
	var cand []int
	exitAt := func(k int) vector.Point {
		if k < 0 {
			return vector.Point{} // the knife starts at the origin
		}
		return exit[k]
	}
	for pass := 0; pass < 8; pass++ {
		if ctx.Err() != nil {
			return
		}
		refresh()
		improved := false
		for k := 0; k < n; k++ {
			i := order[k]
			hi := n - 1
			for _, par := range ps[i].parents {
				hi = min(hi, posOf[par]-1)
			}
			removeGain := exitAt(k - 1).Dist(entry[k])
			if k+1 < n {
				removeGain += exit[k].Dist(entry[k+1]) - exitAt(k-1).Dist(entry[k+1])
			}
			bestGain, bestJ, found := 1e-6, 0, false
			// insert after position j: at the start, or next to one of
			// the piece's nearest neighbours (before or after it)
			cand = append(cand[:0], -1)
			if exhaustive {
				for j := 0; j <= hi; j++ {
					cand = append(cand, j)
				}
			} else {
				for _, nb := range nbrs[i] {
					cand = append(cand, posOf[nb]-1, posOf[nb])
				}
				slices.Sort(cand)
				cand = slices.Compact(cand)
			}
			for _, j := range cand {
				if j == k || j == k-1 || j > hi {
					continue
				}
				next := j + 1
				if next == k {
					next = k + 1
				}
				add := exitAt(j).Dist(entry[k])
				if next < n {
					add += exit[k].Dist(entry[next]) - exitAt(j).Dist(entry[next])
				}
				if g := removeGain - add; g > bestGain && childrenBefore(ps, order, i, j, k) {
					bestGain, bestJ, found = g, j, true
				}
			}
			if found {
				// Move the piece with its entry and exit; they are exact
				// again after the pass's refresh.
				moveItem(order, k, bestJ)
				moveItem(entry, k, bestJ)
				moveItem(exit, k, bestJ)
				for kk := min(k, bestJ+1); kk <= max(k, bestJ); kk++ {
					posOf[order[kk]] = kk
				}
				improved = true
			}
		}
		if !improved {
			return
		}
	}
}

// orOptMax is the most pieces Or-opt runs on: its passes are O(n·k), but
// each move shifts the order between the two places, O(n) at worst; the
// nearest-neighbour order of a larger plan stands alone (100,000 pieces:
// 3 s without Or-opt, 5 s with, no shorter on a regular sheet).
const orOptMax = 20_000

// orOptExhaustive is the most pieces Or-opt tries at every position of the
// order (8 passes of n² candidates: about 40 ms at 1,000 pieces).
const orOptExhaustive = 1000

// orOptNeighbours is how many nearest pieces Or-opt places a piece next to.
const orOptNeighbours = 24

// neighbours returns, for each piece, the k pieces whose boxes are nearest
// to the centre of its box (nearest first, ties by index), found through
// the grid index.
func neighbours(ps []*piece, k int) [][]int {
	n := len(ps)
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	g := newGrid(ps, all)
	type near struct {
		d float64
		i int
	}
	out := make([][]int, n)
	flat := make([]int, 0, n*min(k, n-1))
	best := make([]near, 0, k+1)
	for i, p := range ps {
		c := vector.Point{X: (p.min.X + p.max.X) / 2, Y: (p.min.Y + p.max.Y) / 2}
		best = best[:0]
		worst := func() float64 {
			if len(best) < k {
				return math.Inf(1)
			}
			return best[len(best)-1].d
		}
		g.nearest(c, func(list []int) []int {
			for _, j := range list {
				if j == i {
					continue
				}
				q := ps[j]
				dx := math.Max(0, math.Max(q.min.X-c.X, c.X-q.max.X))
				dy := math.Max(0, math.Max(q.min.Y-c.Y, c.Y-q.max.Y))
				d := math.Hypot(dx, dy)
				if d > worst() {
					continue
				}
				e := near{d, j}
				at, _ := slices.BinarySearchFunc(best, e, func(a, b near) int {
					if a.d != b.d {
						return cmp.Compare(a.d, b.d)
					}
					return cmp.Compare(a.i, b.i)
				})
				best = slices.Insert(best, at, e)
				if len(best) > k {
					best = best[:k]
				}
			}
			return list
		}, func(lb float64) bool { return lb <= worst() })
		start := len(flat)
		for _, e := range best {
			flat = append(flat, e.i)
		}
		out[i] = flat[start:len(flat):len(flat)]
	}
	return out
}

// childrenBefore reports whether moving order[k] to after position j keeps
// every piece inside it before it.
func childrenBefore(ps []*piece, order []int, i, j, k int) bool {
	if j >= k {
		return true // moving later keeps children before
	}
	for kk := j + 1; kk < k; kk++ {
		for _, par := range ps[order[kk]].parents {
			if par == i {
				return false
			}
		}
	}
	return true
}

// moveItem moves order[k] to just after position j.
func moveItem[T any](order []T, k, j int) {
	v := order[k]
	if j > k {
		copy(order[k:j], order[k+1:j+1])
		order[j] = v
	} else {
		copy(order[j+2:k+1], order[j+1:k])
		order[j+1] = v
	}
}

// weedLines returns straight cuts across the waste: vertical lines in the
// gaps between the shapes' horizontal extents and horizontal lines in the
// gaps between their vertical extents, spanning the design (and weed box).
func weedLines(ps []*piece, mn, mx vector.Point, margin float64) []*piece {
	var out []*piece
	gaps := func(lo, hi func(*piece) float64) []float64 {
		type iv struct{ a, b float64 }
		var ivs []iv
		for _, p := range ps {
			ivs = append(ivs, iv{lo(p), hi(p)})
		}
		sort.Slice(ivs, func(i, j int) bool { return ivs[i].a < ivs[j].a })
		var mids []float64
		end := math.Inf(-1)
		for k, v := range ivs {
			if k > 0 && v.a > end+0.5 {
				mids = append(mids, (end+v.a)/2)
			}
			end = math.Max(end, v.b)
		}
		return mids
	}
	m := margin
	for _, x := range gaps(func(p *piece) float64 { return p.min.X }, func(p *piece) float64 { return p.max.X }) {
		l := &piece{id: "weed-line", pts: []vector.Point{{X: x, Y: mn.Y - m}, {X: x, Y: mx.Y + m}}}
		l.min, l.max = bounds(l.pts)
		out = append(out, l)
	}
	for _, y := range gaps(func(p *piece) float64 { return p.min.Y }, func(p *piece) float64 { return p.max.Y }) {
		l := &piece{id: "weed-line", pts: []vector.Point{{X: mn.X - m, Y: y}, {X: mx.X + m, Y: y}}}
		l.min, l.max = bounds(l.pts)
		out = append(out, l)
	}
	return out
}

// bladeCompensate turns the path of the blade tip into the path of the
// knife's axis for a drag knife trailing by r: every segment is shifted
// forward by r along its direction, and at each corner the axis swivels on
// an arc of radius r round the corner so the tip turns on the spot.
func bladeCompensate(pts []vector.Point, closed bool, r float64) []vector.Point {
	if len(pts) < 2 {
		return pts
	}
	var out []vector.Point
	dir := func(a, b vector.Point) vector.Point {
		l := a.Dist(b)
		return vector.Point{X: (b.X - a.X) / l, Y: (b.Y - a.Y) / l}
	}
	// drop repeated points
	clean := []vector.Point{pts[0]}
	for _, p := range pts[1:] {
		if p.Dist(clean[len(clean)-1]) > 1e-9 {
			clean = append(clean, p)
		}
	}
	if len(clean) < 2 {
		return pts
	}
	out = append(out, clean[0])
	var prev vector.Point
	for i := 0; i+1 < len(clean); i++ {
		a, b := clean[i], clean[i+1]
		u := dir(a, b)
		if i > 0 {
			// swivel round a from prev direction to u
			t0 := math.Atan2(prev.Y, prev.X)
			t1 := math.Atan2(u.Y, u.X)
			dt := math.Remainder(t1-t0, 2*math.Pi)
			if math.Abs(dt) > 5*math.Pi/180 {
				steps := int(math.Ceil(math.Abs(dt) / (10 * math.Pi / 180)))
				for s := 1; s <= steps; s++ {
					t := t0 + dt*float64(s)/float64(steps)
					out = append(out, vector.Point{X: a.X + r*math.Cos(t), Y: a.Y + r*math.Sin(t)})
				}
			}
		}
		out = append(out, vector.Point{X: a.X + r*u.X, Y: a.Y + r*u.Y}, vector.Point{X: b.X + r*u.X, Y: b.Y + r*u.Y})
		prev = u
	}
	return out
}

// CutLength is the total length of the cuts in millimetres.
func (p *Plan) CutLength() float64 {
	l := 0.0
	for i := range p.Cuts {
		l += p.Cuts[i].Length()
	}
	return l
}

// Travel is the blade-up distance in millimetres, from the origin to the
// first cut and between cuts.
func (p *Plan) Travel() float64 {
	pos, l := vector.Point{}, 0.0
	for _, c := range p.Cuts {
		if len(c.Points) == 0 {
			continue
		}
		l += pos.Dist(c.Points[0])
		pos = c.Points[len(c.Points)-1]
	}
	return l
}
