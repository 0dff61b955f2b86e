package cli

import "strconv"

// Count writes n and the noun, in the plural unless n is 1: "1 colour",
// "3 colours", "0 trims". The plural adds "es" after s, x, z, ch and sh
// ("2 patches"), else "s".
func Count(n int, noun string) string {
	s := strconv.Itoa(n) + " " + noun
	if n == 1 {
		return s
	}
	for _, end := range []string{"s", "x", "z", "ch", "sh"} {
		if len(noun) >= len(end) && noun[len(noun)-len(end):] == end {
			return s + "es"
		}
	}
	return s + "s"
}
