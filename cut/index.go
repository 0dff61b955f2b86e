package cut

import (
	"math"

	"github.com/usinette/usinette/vector"
)

// grid is a uniform spatial index of pieces by bounding box, so that the
// containment test and the nearest-neighbour ordering look at the pieces
// near a point instead of all of them (100,000 rectangles: seconds, not
// minutes). A piece spanning more than maxCellsPerPiece cells (an outline
// round everything, the weed box) goes to the big list, checked each time.
type grid struct {
	x0, y0, cell float64
	nx, ny       int
	cells        [][]int
	big          []int
}

const (
	maxCellsPerPiece = 256
	maxGridCells     = 1 << 22
)

// newGrid indexes the pieces ps[i] for i in idx over the box holding
// them, its cells sized so that the pieces' boxes cover about one cell
// each on average.
func newGrid(ps []*piece, idx []int) *grid {
	var mn, mx vector.Point
	for k, i := range idx {
		p := ps[i]
		if k == 0 {
			mn, mx = p.min, p.max
			continue
		}
		mn.X, mn.Y = math.Min(mn.X, p.min.X), math.Min(mn.Y, p.min.Y)
		mx.X, mx.Y = math.Max(mx.X, p.max.X), math.Max(mx.Y, p.max.Y)
	}
	w, h := math.Max(mx.X-mn.X, 1e-6), math.Max(mx.Y-mn.Y, 1e-6)
	area := 0.0
	for _, i := range idx {
		p := ps[i]
		area += math.Max(p.max.X-p.min.X, 1e-3) * math.Max(p.max.Y-p.min.Y, 1e-3)
	}
	n := max(len(idx), 1)
	cell := math.Sqrt(area / float64(n))
	// not so many cells that the grid outweighs the pieces
	cell = math.Max(cell, math.Sqrt(w*h/float64(min(4*n, maxGridCells))))
	if !(cell > 0) || math.IsInf(cell, 0) {
		cell = math.Max(w, h)
	}
	g := &grid{x0: mn.X, y0: mn.Y, cell: cell}
	g.nx = min(int(w/cell)+1, maxGridCells)
	g.ny = min(int(h/cell)+1, max(maxGridCells/g.nx, 1))
	g.cells = make([][]int, g.nx*g.ny)
	for _, i := range idx {
		p := ps[i]
		cx0, cy0 := g.cellOf(p.min)
		cx1, cy1 := g.cellOf(p.max)
		if (cx1-cx0+1)*(cy1-cy0+1) > maxCellsPerPiece {
			g.big = append(g.big, i)
			continue
		}
		for cy := cy0; cy <= cy1; cy++ {
			for cx := cx0; cx <= cx1; cx++ {
				g.cells[cy*g.nx+cx] = append(g.cells[cy*g.nx+cx], i)
			}
		}
	}
	return g
}

func (g *grid) cellOf(p vector.Point) (int, int) {
	cx := int(math.Floor((p.X - g.x0) / g.cell))
	cy := int(math.Floor((p.Y - g.y0) / g.cell))
	return min(max(cx, 0), g.nx-1), min(max(cy, 0), g.ny-1)
}

// at returns the pieces whose box may hold p: those of p's cell and the
// big ones.
func (g *grid) at(p vector.Point, f func(i int)) {
	cx, cy := g.cellOf(p)
	for _, i := range g.cells[cy*g.nx+cx] {
		f(i)
	}
	for _, i := range g.big {
		f(i)
	}
}

// nearest visits the cells in rings of growing Chebyshev distance round
// p's cell. visit is called with each cell's list (which it may shorten,
// returning it, to drop pieces already cut) and with the big list; ring r
// starts only while bound(lower bound of the distance to ring r) says so.
func (g *grid) nearest(p vector.Point, visit func(list []int) []int, goOn func(lb float64) bool) {
	g.big = visit(g.big)
	cx, cy := g.cellOf(p)
	// distance from p to the edge of its own cell, the head start of ring 1
	maxR := max(g.nx, g.ny)
	for r := 0; r <= maxR; r++ {
		if r > 0 && !goOn(float64(r-1)*g.cell) {
			return
		}
		for y := cy - r; y <= cy+r; y++ {
			if y < 0 || y >= g.ny {
				continue
			}
			step := 2 * r
			if y == cy-r || y == cy+r || r == 0 {
				step = 1
			}
			for x := cx - r; x <= cx+r; x += max(step, 1) {
				if x < 0 || x >= g.nx {
					continue
				}
				k := y*g.nx + x
				g.cells[k] = visit(g.cells[k])
			}
		}
	}
}

// box calls f once with each piece whose box may overlap [lo, hi]: those
// listed in the cells the box covers and the big ones. seen holds the
// last stamp each piece was visited with; stamp must differ from call to
// call.
func (g *grid) box(lo, hi vector.Point, seen []int, stamp int, f func(i int)) {
	cx0, cy0 := g.cellOf(lo)
	cx1, cy1 := g.cellOf(hi)
	visit := func(i int) {
		if seen[i] != stamp {
			seen[i] = stamp
			f(i)
		}
	}
	for cy := cy0; cy <= cy1; cy++ {
		for cx := cx0; cx <= cx1; cx++ {
			for _, i := range g.cells[cy*g.nx+cx] {
				visit(i)
			}
		}
	}
	for _, i := range g.big {
		visit(i)
	}
}
