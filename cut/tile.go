package cut

import (
	"context"
	"fmt"
	"github.com/usinette/usinette/vector"
	"math"
)

// MaxPanels is the most panels Tile makes; a larger design is refused
// before any work (a 2,000 km design would otherwise never return).
const MaxPanels = 1000

// Tile splits a design larger than the media (opts.Media, the roll by
// default) into panels that overlap by overlap millimetres, and plans each
// panel. Every panel's geometry is moved so its corner is at the origin. A
// design that fits gives one panel.
func Tile(ctx context.Context, shapes []vector.Shape, opts PlanOptions, overlap float64) ([]*Plan, error) {
	maxW, maxL := opts.Media.Size(opts.RollLength)
	opts.AtOrigin = false
	if overlap < 0 || overlap >= math.Min(maxW, maxL)/2 {
		return nil, fmt.Errorf("%w: tile overlap %.1f mm", ErrBadOption, overlap)
	}
	var all []vector.Point
	for _, s := range shapes {
		for _, sp := range s.Subpaths {
			all = append(all, sp.Points...)
		}
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("%w (no geometry)", vector.ErrEmpty)
	}
	mn, mx := bounds(all)
	// room for the weeding box inside each panel
	m := opts.WeedBox
	if opts.Mirror {
		shapes = mirrorShapes(shapes, mn.X+mx.X)
		opts.Mirror = false
	}
	cols := panels(mx.X-mn.X+2*m, maxW, overlap)
	rows := panels(mx.Y-mn.Y+2*m, maxL, overlap)
	if cols*rows > MaxPanels || cols <= 0 || rows <= 0 {
		return nil, fmt.Errorf("%w: the design is %.1f × %.1f mm, %d × %d panels of %s (at most %d panels)",
			ErrTooLarge, mx.X-mn.X, mx.Y-mn.Y, cols, rows, opts.Media.Describe(opts.RollLength), MaxPanels)
	}
	// Hidden parts are knocked out on the whole design, before the panels
	// cut the fills apart.
	if !opts.Layered {
		var err error
		if shapes, err = knockOut(ctx, shapes); err != nil {
			return nil, err
		}
		opts.Layered = true
	}
	var plans []*Plan
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			x0 := mn.X - m + float64(c)*(maxW-overlap)
			y0 := mn.Y - m + float64(r)*(maxL-overlap)
			rect := [4]float64{x0 + m, y0 + m, x0 + maxW - m, y0 + maxL - m}
			var part []vector.Shape
			for _, s := range shapes {
				var subs []vector.Subpath
				for _, sp := range s.Subpaths {
					for _, piece := range clipToRect(sp, rect) {
						for i := range piece.Points {
							piece.Points[i].X -= x0
							piece.Points[i].Y -= y0
						}
						subs = append(subs, piece)
					}
				}
				if len(subs) > 0 {
					ns := s
					ns.Subpaths = subs
					part = append(part, ns)
				}
			}
			if len(part) == 0 {
				continue
			}
			popts := opts
			popts.PageWidth, popts.PageHeight = maxW, maxL
			p, err := NewPlan(ctx, part, popts)
			if err != nil {
				return nil, fmt.Errorf("panel %d,%d: %w", r+1, c+1, err)
			}
			plans = append(plans, p)
		}
	}
	return plans, nil
}

func panels(size, max, overlap float64) int {
	if size <= max {
		return 1
	}
	n := math.Ceil((size - overlap) / (max - overlap))
	if !(n < 1e9) {
		return -1
	}
	return int(n)
}

func mirrorShapes(shapes []vector.Shape, sum float64) []vector.Shape {
	out := make([]vector.Shape, len(shapes))
	for i, s := range shapes {
		out[i] = s
		out[i].Subpaths = make([]vector.Subpath, len(s.Subpaths))
		for k, sp := range s.Subpaths {
			pts := make([]vector.Point, len(sp.Points))
			for j, p := range sp.Points {
				pts[j] = vector.Point{X: sum - p.X, Y: p.Y}
			}
			out[i].Subpaths[k] = vector.Subpath{Points: pts, Closed: sp.Closed}
		}
	}
	return out
}

// clipToRect cuts a polyline to the rectangle {x0, y0, x1, y1}: a closed
// subpath wholly inside stays closed, anything crossing the border becomes
// open pieces.
func clipToRect(sp vector.Subpath, r [4]float64) []vector.Subpath {
	pts := sp.Points
	in := func(p vector.Point) bool { return p.X >= r[0] && p.X <= r[2] && p.Y >= r[1] && p.Y <= r[3] }
	allIn := true
	for _, p := range pts {
		if !in(p) {
			allIn = false
			break
		}
	}
	if allIn {
		return []vector.Subpath{{Points: append([]vector.Point(nil), pts...), Closed: sp.Closed}}
	}
	if sp.Closed {
		pts = append(append([]vector.Point(nil), pts...), pts[0])
	}
	var out []vector.Subpath
	var cur []vector.Point
	for i := 0; i+1 < len(pts); i++ {
		a, b, ok := clipSegment(pts[i], pts[i+1], r)
		if !ok {
			if len(cur) > 1 {
				out = append(out, vector.Subpath{Points: cur})
			}
			cur = nil
			continue
		}
		if len(cur) == 0 || cur[len(cur)-1] != a {
			if len(cur) > 1 {
				out = append(out, vector.Subpath{Points: cur})
			}
			cur = []vector.Point{a}
		}
		cur = append(cur, b)
	}
	if len(cur) > 1 {
		out = append(out, vector.Subpath{Points: cur})
	}
	return out
}

// clipSegment is Liang–Barsky clipping of segment ab to the rectangle.
func clipSegment(a, b vector.Point, r [4]float64) (vector.Point, vector.Point, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, e := range [4][2]float64{{-dx, a.X - r[0]}, {dx, r[2] - a.X}, {-dy, a.Y - r[1]}, {dy, r[3] - a.Y}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return a, b, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return a, b, false
			}
			t0 = math.Max(t0, t)
		} else {
			if t < t0 {
				return a, b, false
			}
			t1 = math.Min(t1, t)
		}
	}
	na := vector.Point{X: a.X + t0*dx, Y: a.Y + t0*dy}
	nb := vector.Point{X: a.X + t1*dx, Y: a.Y + t1*dy}
	if t0 == 0 {
		na = a
	}
	if t1 == 1 {
		nb = b
	}
	return na, nb, true
}
