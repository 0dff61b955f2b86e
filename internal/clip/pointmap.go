package clip

import (
	"math/bits"

	"github.com/usinette/usinette/geom"
)

// pointMap maps points to int32 values: an open-addressing hash table with
// linear probing, reused from call to call. link looks up every boundary
// piece's two ends in it; with Go's map (hashing 16-byte keys through
// aeshash) that was two thirds of link's time, and link a tenth of a slice.
// A slot is in use when its generation is the table's: emptying the table
// for the next call is one increment, not a pass over a table sized for the
// largest call so far. It has no deletion.
type pointMap struct {
	slots []pmSlot
	gen   uint32
	shift uint // 64 - log2(len(slots))
	n     int
}

type pmSlot struct {
	p   geom.Point
	v   int32
	gen uint32
}

// reset empties the map and sizes it for about n entries. The table is a
// prefix of the largest one allocated so far, sized for n: a small call
// does not scatter its few points over a large table.
func (m *pointMap) reset(n int) {
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(m.slots) < size || m.gen == ^uint32(0) {
		m.slots = make([]pmSlot, max(size, cap(m.slots)))
		m.gen = 0
	}
	m.slots = m.slots[:size]
	m.gen++
	m.shift = uint(64 - bits.TrailingZeros(uint(size)))
	m.n = 0
}

func (m *pointMap) slot(p geom.Point) int {
	h := (uint64(p.X)*0x9E3779B97F4A7C15 ^ uint64(p.Y)*0xC2B2AE3D27D4EB4F) * 0x165667B19E3779F9
	return int(h >> m.shift)
}

// get returns the value stored for p, or -1.
func (m *pointMap) get(p geom.Point) int32 {
	mask := len(m.slots) - 1
	for i := m.slot(p); ; i = (i + 1) & mask {
		s := &m.slots[i]
		if s.gen != m.gen {
			return -1
		}
		if s.p == p {
			return s.v
		}
	}
}

// put stores v for p and returns the value it replaces, or -1.
func (m *pointMap) put(p geom.Point, v int32) int32 {
	if 2*(m.n+1) > len(m.slots) {
		m.grow()
	}
	mask := len(m.slots) - 1
	for i := m.slot(p); ; i = (i + 1) & mask {
		s := &m.slots[i]
		if s.gen != m.gen {
			*s = pmSlot{p: p, v: v, gen: m.gen}
			m.n++
			return -1
		}
		if s.p == p {
			old := s.v
			s.v = v
			return old
		}
	}
}

func (m *pointMap) grow() {
	n := len(m.slots)
	old := append([]pmSlot(nil), m.slots...)
	gen := m.gen
	if cap(m.slots) >= 2*n && m.gen != ^uint32(0) {
		m.slots = m.slots[:2*n]
		m.gen++
	} else {
		m.slots = make([]pmSlot, 2*n)
		m.gen = 1
	}
	m.shift--
	m.n = 0
	for _, s := range old {
		if s.gen == gen {
			m.put(s.p, s.v)
		}
	}
}
