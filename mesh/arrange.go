package mesh

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// DefaultSpacing is the gap Arrange leaves between objects, in mm: PrusaSlicer's
// arrange distance for printers that print objects together (6 mm).
const DefaultSpacing = 6

// Arrange puts the meshes side by side on a bed bedW × bedD mm, each with its
// lowest point at z = 0, their bounding boxes at least spacing mm apart, the
// whole group centred on the bed. It packs shelves: objects sorted by depth
// (then width, then input order), placed left to right in rows, rows from
// front to back, trying every row width from the widest object to the bed's
// and keeping the layout whose box is smallest (then squarest). When the
// objects cannot fit it returns an error wrapping ErrTooBig with their
// sizes, and moves nothing.
func Arrange(ms []*Mesh, bedW, bedD, spacing float64) error {
	if len(ms) == 0 {
		return nil
	}
	type item struct {
		i        int
		w, d     float64
		loX, loY float64
		x, y     float64 // where the box's front left corner goes
		loZ      float64
	}
	items := make([]item, len(ms))
	for i, m := range ms {
		lo, hi := m.Bounds()
		items[i] = item{i: i, w: float64(hi.X) - float64(lo.X), d: float64(hi.Y) - float64(lo.Y),
			loX: float64(lo.X), loY: float64(lo.Y), loZ: float64(lo.Z)}
	}
	order := slices.Clone(items)
	slices.SortStableFunc(order, func(a, b item) int {
		return cmp.Or(cmp.Compare(b.d, a.d), cmp.Compare(b.w, a.w))
	})
	// shelf layout for a row width limit; returns the group's size
	layout := func(limit float64, place bool) (w, d float64) {
		x, y, rowD := 0.0, 0.0, 0.0
		for k := range order {
			it := &order[k]
			if x > 0 && x+it.w > limit+1e-9 {
				y += rowD + spacing
				x, rowD = 0, 0
			}
			if place {
				it.x, it.y = x, y
			}
			w = max(w, x+it.w)
			rowD = max(rowD, it.d)
			x += it.w + spacing
		}
		return w, y + rowD
	}
	widest := 0.0
	for _, it := range order {
		widest = max(widest, it.w)
	}
	best, bestW, bestD := -1.0, 0.0, 0.0
	// candidate row widths: every prefix sum of widths in order, up to the bed
	cands := []float64{widest, bedW}
	sum := 0.0
	for _, it := range order {
		sum += it.w
		if sum <= bedW {
			cands = append(cands, sum)
		}
		sum += spacing
	}
	score := func(w, d float64) float64 { return max(w/bedW, d/bedD) }
	for _, limit := range cands {
		w, d := layout(limit, false)
		if w > bedW+1e-6 || d > bedD+1e-6 {
			continue
		}
		if best < 0 || score(w, d) < score(bestW, bestD)-1e-12 {
			best, bestW, bestD = limit, w, d
		}
	}
	if best < 0 {
		sizes := make([]string, len(items))
		area := 0.0
		for i, it := range items {
			sizes[i] = fmt.Sprintf("%.1f × %.1f", it.w, it.d)
			area += (it.w + spacing) * (it.d + spacing)
		}
		return fmt.Errorf("%w: %d objects (%s mm, %.0f mm² with %g mm spacing) do not fit side by side on the %g × %g mm bed",
			ErrTooBig, len(items), strings.Join(sizes, ", "), area, spacing, bedW, bedD)
	}
	layout(best, true)
	ox, oy := (bedW-bestW)/2, (bedD-bestD)/2
	for _, it := range order {
		m := ms[it.i]
		m.Translate(ox+it.x-it.loX, oy+it.y-it.loY, -it.loZ)
		snapZ(m)
	}
	return nil
}

// snapZ sets to 0 the lowest vertices that float32 rounding left a hair
// off the bed.
func snapZ(m *Mesh) {
	lo, _ := m.Bounds()
	if lo.Z != 0 {
		for i := range m.Vertices {
			if m.Vertices[i].Z == lo.Z {
				m.Vertices[i].Z = 0
			}
		}
	}
}

// Merge returns one mesh holding the triangles of all the meshes (which are
// not changed), as the slicer takes a plate: several objects are several
// shells.
func Merge(ms []*Mesh) *Mesh {
	out := &Mesh{}
	for _, m := range ms {
		out.Append(m)
	}
	return out
}

// UnitHint returns a one-line hint when a model's size suggests it was
// drawn in another unit than millimetres: too small to print (largest side
// under 3 mm) but at least 10 mm once multiplied by 10 (cm), 25.4 (inches)
// or 1000 (m); or too big for the bed but fitting once divided by one of
// them. It returns "" when the size looks right.
func UnitHint(m *Mesh, bed Bed) string {
	x, y, z := m.Size()
	big := max(x, y, z)
	fits := func(f float64) bool { return x*f <= bed.W && y*f <= bed.D && z*f <= bed.H }
	units := []struct {
		f    float64
		name string
	}{{10, "centimetres"}, {25.4, "inches"}, {1000, "metres"}}
	size := fmt.Sprintf("%.4g × %.4g × %.4g mm", x, y, z)
	switch {
	case big > 0 && big < 3:
		for _, u := range units {
			if big*u.f >= 10 && fits(u.f) {
				return fmt.Sprintf("model is %s: if it was drawn in %s, use --scale %g", size, u.name, u.f)
			}
		}
	case !fits(1):
		for _, u := range units {
			if fits(1 / u.f) {
				return fmt.Sprintf("model is %s, bigger than the %g × %g × %g mm bed: if its unit is not the millimetre, try --scale %g (1/%g)",
					size, bed.W, bed.D, bed.H, roundSig(1/u.f), u.f)
			}
		}
	}
	return ""
}

func roundSig(f float64) float64 {
	p := math.Pow(10, 4-math.Ceil(math.Log10(f)))
	return math.Round(f*p) / p
}
