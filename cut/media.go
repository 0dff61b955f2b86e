package cut

import (
	"fmt"
	"strings"
)

// Media is what the Cameo cuts on.
type Media uint8

const (
	MediaRoll  Media = iota // roll feeder, no mat: 600 mm × 3 m
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
