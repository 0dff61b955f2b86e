package pes

import (
	"image/color"
	"strconv"

	"github.com/usinette/usinette/stitch"
)

// PaletteSize is the number of thread colours in the Brother PEC palette
// (indices 1..64; 0 is "unknown").
const PaletteSize = 64

type paletteEntry struct {
	name    string
	r, g, b uint8
}

// pecPalette is the Brother PEC thread table as Brother's machines and
// PE-Design, pyembroidery, Ink/Stitch use it (corpus/pes/pec_palette.tsv).
// Index 0 is unknown.
var pecPalette = [PaletteSize + 1]paletteEntry{
	{"Unknown", 0, 0, 0},               // 0
	{"Prussian Blue", 14, 31, 124},     // 1
	{"Blue", 10, 85, 163},              // 2
	{"Teal Green", 0, 135, 119},        // 3
	{"Cornflower Blue", 75, 107, 175},  // 4
	{"Red", 237, 23, 31},               // 5
	{"Reddish Brown", 209, 92, 0},      // 6
	{"Magenta", 145, 54, 151},          // 7
	{"Light Lilac", 228, 154, 203},     // 8
	{"Lilac", 145, 95, 172},            // 9
	{"Mint Green", 158, 214, 125},      // 10
	{"Deep Gold", 232, 169, 0},         // 11
	{"Orange", 254, 186, 53},           // 12
	{"Yellow", 255, 255, 0},            // 13
	{"Lime Green", 112, 188, 31},       // 14
	{"Brass", 186, 152, 0},             // 15
	{"Silver", 168, 168, 168},          // 16
	{"Russet Brown", 125, 111, 0},      // 17
	{"Cream Brown", 255, 255, 179},     // 18
	{"Pewter", 79, 85, 86},             // 19
	{"Black", 0, 0, 0},                 // 20
	{"Ultramarine", 11, 61, 145},       // 21
	{"Royal Purple", 119, 1, 118},      // 22
	{"Dark Gray", 41, 49, 51},          // 23
	{"Dark Brown", 42, 19, 1},          // 24
	{"Deep Rose", 246, 74, 138},        // 25
	{"Light Brown", 178, 118, 36},      // 26
	{"Salmon Pink", 252, 187, 197},     // 27
	{"Vermilion", 254, 55, 15},         // 28
	{"White", 240, 240, 240},           // 29
	{"Violet", 106, 28, 138},           // 30
	{"Seacrest", 168, 221, 196},        // 31
	{"Sky Blue", 37, 132, 187},         // 32
	{"Pumpkin", 254, 179, 67},          // 33
	{"Cream Yellow", 255, 243, 107},    // 34
	{"Khaki", 208, 166, 96},            // 35
	{"Clay Brown", 209, 84, 0},         // 36
	{"Leaf Green", 102, 186, 73},       // 37
	{"Peacock Blue", 19, 74, 70},       // 38
	{"Gray", 135, 135, 135},            // 39
	{"Warm Gray", 216, 204, 198},       // 40
	{"Dark Olive", 67, 86, 7},          // 41
	{"Flesh Pink", 253, 217, 222},      // 42
	{"Pink", 249, 147, 188},            // 43
	{"Deep Green", 0, 56, 34},          // 44
	{"Lavender", 178, 175, 212},        // 45
	{"Wisteria Violet", 104, 106, 176}, // 46
	{"Beige", 239, 227, 185},           // 47
	{"Carmine", 247, 56, 102},          // 48
	{"Amber Red", 181, 75, 100},        // 49
	{"Olive Green", 19, 43, 26},        // 50
	{"Dark Fuchsia", 199, 1, 86},       // 51
	{"Tangerine", 254, 158, 50},        // 52
	{"Light Blue", 168, 222, 235},      // 53
	{"Emerald Green", 0, 103, 62},      // 54
	{"Purple", 78, 41, 144},            // 55
	{"Moss Green", 47, 126, 32},        // 56
	{"Flesh Pink", 255, 204, 204},      // 57
	{"Harvest Gold", 255, 217, 17},     // 58
	{"Electric Blue", 9, 91, 166},      // 59
	{"Lemon Yellow", 240, 249, 112},    // 60
	{"Fresh Green", 227, 243, 91},      // 61
	{"Orange", 255, 153, 0},            // 62
	{"Cream Yellow", 255, 240, 141},    // 63
	{"Applique", 255, 200, 200},        // 64
}

// PaletteThread returns the PEC palette thread at index i (1..64), as
// stitch.Thread with brand "Brother" and the index as catalog number, the
// way PEC-only readers report it. Out-of-range indices give a black
// "Unknown" thread.
func PaletteThread(i int) stitch.Thread {
	if i < 1 || i > PaletteSize {
		return stitch.Thread{Color: color.RGBA{A: 0xff}, Description: "Unknown", Brand: "Brother", Catalog: strconv.Itoa(i)}
	}
	e := pecPalette[i]
	return stitch.Thread{Color: color.RGBA{R: e.r, G: e.g, B: e.b, A: 0xff}, Description: e.name, Brand: "Brother", Catalog: strconv.Itoa(i)}
}

// redMeanDistance is the "red mean" weighted colour distance (squared, in
// integer arithmetic) used to pick the nearest palette thread.
func redMeanDistance(r1, g1, b1, r2, g2, b2 int) int {
	rmean := (r1 + r2) / 2
	dr, dg, db := r1-r2, g1-g2, b1-b2
	return (((512 + rmean) * dr * dr) >> 8) + 4*dg*dg + (((767 - rmean) * db * db) >> 8)
}

// nearestPalette returns the palette index (1..64) nearest to c by red-mean
// distance among those not in used; ties go to the lower index. It returns
// 0 when every index is used.
func nearestPalette(c color.RGBA, used *[PaletteSize + 1]bool) int {
	best, bestD := 0, 0
	for i := 1; i <= PaletteSize; i++ {
		if used != nil && used[i] {
			continue
		}
		e := pecPalette[i]
		d := redMeanDistance(int(c.R), int(c.G), int(c.B), int(e.r), int(e.g), int(e.b))
		if best == 0 || d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// PaletteIndices returns the PEC palette index for each thread, the way
// Ink/Stitch's writer chooses them: each distinct colour, in order of first
// use, takes the nearest palette colour (red-mean distance) that no other
// colour has taken; threads of the same colour share an index. Once all 64
// are taken, colours fall back to the nearest overall.
func PaletteIndices(threads []stitch.Thread) []int {
	var used [PaletteSize + 1]bool
	byColor := map[[3]uint8]int{}
	out := make([]int, len(threads))
	for i, t := range threads {
		key := [3]uint8{t.Color.R, t.Color.G, t.Color.B}
		if k, ok := byColor[key]; ok {
			out[i] = k
			continue
		}
		k := nearestPalette(t.Color, &used)
		if k == 0 {
			k = nearestPalette(t.Color, nil)
		}
		used[k] = true
		byColor[key] = k
		out[i] = k
	}
	return out
}
