package cut

import (
	"fmt"
	"strings"
)

// Media is what the Cameo cuts on.
type Media uint8

const (
	MediaRoll  Media = iota // roll feeder, no mat: 600 mm wide, RollLength long
	MediaMat12              // 12×12 in cutting mat
	MediaMat24              // 12×24 in cutting mat
)

// ParseMedia parses "roll", "mat", "mat12" or "mat24".
func ParseMedia(s string) (Media, error) {
	switch strings.ToLower(s) {
	case "roll", "":
		return MediaRoll, nil
	case "mat", "mat12", "12x12":
		return MediaMat12, nil
	case "mat24", "12x24":
		return MediaMat24, nil
	}
	return 0, fmt.Errorf("%w: media %q (roll, mat12 or mat24)", ErrBadOption, s)
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
	}
	return fmt.Sprintf("the roll (%g mm wide, %g mm long)", w, l)
}
