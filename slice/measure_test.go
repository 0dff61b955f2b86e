package slice

import (
	"bufio"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

// This file reads G-code back for tests, written apart from the emitter
// (it knows only G-code): any slicer's output, PrusaSlicer's included.

// gseg is one extruding move.
type gseg struct {
	z              float64 // layer height from ;Z: (or the move's Z)
	layer          int     // 0-based layer index, counted by ;LAYER_CHANGE
	role           string  // the last ;TYPE: before it
	x0, y0, x1, y1 float64
	e              float64 // mm of filament (relative extrusion)
	f              float64 // feed rate in force, mm/min
}

// gprint is a G-code file read back.
type gprint struct {
	segs   []gseg
	layers []float64 // the ;Z: of every layer
	startE float64   // filament extruded before the first layer (purge line)
}

// readGCode follows G0/G1 moves with relative or absolute extrusion
// (M83/M82, G92 E) and collects extruding XY moves after the first
// ;LAYER_CHANGE.
func readGCode(t testing.TB, r io.Reader) *gprint {
	t.Helper()
	var p gprint
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	x, y, z, e, feed := 0.0, 0.0, 0.0, 0.0, 0.0
	rel := false
	layer, role := -1, ""
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, ";") {
			switch {
			case line == ";LAYER_CHANGE":
				layer++
			case strings.HasPrefix(line, ";Z:"):
				v, err := strconv.ParseFloat(line[3:], 64)
				if err == nil {
					p.layers = append(p.layers, v)
				}
			case strings.HasPrefix(line, ";TYPE:"):
				role = line[6:]
			}
			continue
		}
		if i := strings.IndexByte(line, ';'); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "M83":
			rel = true
		case "M82":
			rel = false
		case "G92":
			for _, w := range f[1:] {
				if w[0] == 'E' {
					e, _ = strconv.ParseFloat(w[1:], 64)
				}
			}
		case "G0", "G1":
			nx, ny, nz, de := x, y, z, 0.0
			for _, w := range f[1:] {
				v, err := strconv.ParseFloat(w[1:], 64)
				if err != nil {
					continue
				}
				switch w[0] {
				case 'X':
					nx = v
				case 'Y':
					ny = v
				case 'Z':
					nz = v
				case 'F':
					feed = v
				case 'E':
					if rel {
						de = v
					} else {
						de, e = v-e, v
					}
				}
			}
			if de > 0 && (nx != x || ny != y) {
				if layer < 0 {
					p.startE += de
				} else {
					lz := nz
					if layer < len(p.layers) {
						lz = p.layers[layer]
					}
					p.segs = append(p.segs, gseg{z: lz, layer: layer, role: role, x0: x, y0: y, x1: nx, y1: ny, e: de, f: feed})
				}
			}
			x, y, z = nx, ny, nz
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return &p
}

// filament sums the filament of the extrusions whose role passes keep.
func (p *gprint) filament(keep func(role string) bool) float64 {
	s := 0.0
	for _, g := range p.segs {
		if keep(g.role) {
			s += g.e
		}
	}
	return s
}

// grid is a bitmap over the bed with cells of res mm.
type grid struct {
	res    float64
	ox, oy float64 // the grid's corner on the bed, mm
	w, h   int
	bits   []bool
}

func newGrid(bedW, bedD, res float64) *grid {
	w, h := int(math.Ceil(bedW/res)), int(math.Ceil(bedD/res))
	return &grid{res: res, w: w, h: h, bits: make([]bool, w*h)}
}

// gridAround is a grid over the box of the print's extrusions (plus a
// margin), which is much smaller than the bed for test models.
func gridAround(p *gprint, res float64) *grid {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range p.segs {
		x0, y0 = min(x0, s.x0, s.x1), min(y0, s.y0, s.y1)
		x1, y1 = max(x1, s.x0, s.x1), max(y1, s.y0, s.y1)
	}
	if x0 > x1 {
		return newGrid(1, 1, res)
	}
	g := newGrid(x1-x0+2, y1-y0+2, res)
	g.ox, g.oy = x0-1, y0-1
	return g
}

func (g *grid) clear() { clear(g.bits) }

// line marks the cells whose centres lie within width/2 of the segment, and
// calls visit for each of them (before marking) when visit is not nil.
func (g *grid) line(x0, y0, x1, y1, width float64, visit func(i int)) {
	x0, y0, x1, y1 = x0-g.ox, y0-g.oy, x1-g.ox, y1-g.oy
	r := width / 2
	ci0 := max(0, int((min(x0, x1)-r)/g.res))
	ci1 := min(g.w-1, int((max(x0, x1)+r)/g.res))
	cj0 := max(0, int((min(y0, y1)-r)/g.res))
	cj1 := min(g.h-1, int((max(y0, y1)+r)/g.res))
	dx, dy := x1-x0, y1-y0
	l2 := dx*dx + dy*dy
	for j := cj0; j <= cj1; j++ {
		cy := (float64(j) + 0.5) * g.res
		for i := ci0; i <= ci1; i++ {
			cx := (float64(i) + 0.5) * g.res
			t := 0.0
			if l2 > 0 {
				t = max(0, min(1, ((cx-x0)*dx+(cy-y0)*dy)/l2))
			}
			px, py := x0+t*dx-cx, y0+t*dy-cy
			if px*px+py*py <= r*r {
				k := j*g.w + i
				if visit != nil {
					visit(k)
				}
				g.bits[k] = true
			}
		}
	}
}

// components counts the 8-connected groups of set cells.
func (g *grid) components() int {
	seen := make([]bool, len(g.bits))
	n := 0
	var stack []int
	for k, b := range g.bits {
		if !b || seen[k] {
			continue
		}
		n++
		stack = append(stack[:0], k)
		seen[k] = true
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			ci, cj := c%g.w, c/g.w
			for dj := -1; dj <= 1; dj++ {
				for di := -1; di <= 1; di++ {
					i, j := ci+di, cj+dj
					if i < 0 || j < 0 || i >= g.w || j >= g.h {
						continue
					}
					q := j*g.w + i
					if g.bits[q] && !seen[q] {
						seen[q] = true
						stack = append(stack, q)
					}
				}
			}
		}
	}
	return n
}

// maxFeed is the fastest feed rate (mm/min) of a role's extrusions above
// the first layer.
func (p *gprint) maxFeed(role string) float64 {
	f := 0.0
	for _, s := range p.segs {
		if s.role == role && s.layer > 0 {
			f = max(f, s.f)
		}
	}
	return f
}
