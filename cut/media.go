package cut

import (
	"fmt"
	"strings"
)

// Media is what the Cameo cuts on.
type Media uint8

const (
	MediaRoll     Media = iota // roll feeder, no mat: 600 mm wide, RollLength long
	MediaMat12                 // 12×12 in cutting mat
	MediaMat24                 // 12×24 in cutting mat (12 in across, 24 in along the feed)
	MediaMat24x24              // 24×24 in cutting mat, the Cameo 4 Pro's own
)

// ParseMedia parses "roll", "mat" or "mat12" (12×12 in), "mat24" or
// "12x24", and "mat24x24" or "24x24".
func ParseMedia(s string) (Media, error) {
	switch strings.ToLower(s) {
	case "roll", "":
		return MediaRoll, nil
	case "mat", "mat12", "12x12":
		return MediaMat12, nil
	case "mat24", "12x24":
		return MediaMat24, nil
	case "mat24x24", "24x24":
		return MediaMat24x24, nil
	}
	return 0, fmt.Errorf("%w: media %q (roll, mat12, mat24 or mat24x24)", ErrBadOption, s)
}

// Size returns the area the cutter can reach on the media, in millimetres:
// width across the cutter, length along the feed. rollLength is the length
// of roll available (0 means RollLength); mats ignore it.
func (m Media) Size(rollLength float64) (width, length float64) {
	switch m {
	case MediaMat12:
		return 304.8, 304.8
	case MediaMat24:
		return 304.8, 609.6
	case MediaMat24x24:
		return 609.6, 609.6
	}
	if rollLength <= 0 {
		rollLength = RollLength
	}
	return RollWidth, rollLength
}

// Describe names the media with its size, for messages.
func (m Media) Describe(rollLength float64) string {
	w, l := m.Size(rollLength)
	switch m {
	case MediaMat12:
		return "the 12×12 in mat (304.8 × 304.8 mm)"
	case MediaMat24:
		return "the 12×24 in mat (304.8 × 609.6 mm)"
	case MediaMat24x24:
		return "the 24×24 in mat (609.6 × 609.6 mm)"
	}
	return fmt.Sprintf("the roll (%g mm wide, %g mm long)", w, l)
}
