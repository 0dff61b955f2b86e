package gcode

// Axis indices into the per-axis arrays of Limits.
const (
	axX = iota
	axY
	axZ
	axE
	numAxes
)

// Limits are the firmware's motion limits, the figures its planner obeys.
// A file changes them with M201 (MaxAccel), M203 (MaxFeedrate), M204
// (Accel, RetractAccel, TravelAccel) and M205 (MaxJerk, MinFeedrate,
// MinTravelFeedrate); MK3SLimits gives the values a Prusa i3 MK3S runs with
// when a file sets none. Per-axis arrays are indexed X, Y, Z, E. Units are mm,
// seconds: feed rates and jerks in mm/s, accelerations in mm/s². A zero
// limit means "no limit".
type Limits struct {
	MaxFeedrate [4]float64 // M203 X Y Z E
	MaxAccel    [4]float64 // M201 X Y Z E
	MaxJerk     [4]float64 // M205 X Y Z E: the classic-jerk speed change allowed without slowing

	Accel        float64 // moves that extrude (M204 P, or S in the legacy form)
	RetractAccel float64 // moves of the extruder alone (M204 R, or T in the legacy S form)
	TravelAccel  float64 // moves that do not extrude (M204 T, or S in the legacy form)

	// MaxPrintAccel caps what M204 may set for Accel (PrusaSlicer's
	// machine_max_acceleration_extruding); 0 = no cap.
	MaxPrintAccel float64

	MinFeedrate       float64 // M205 S: floor of the feed rate of extruding moves
	MinTravelFeedrate float64 // M205 T: floor of the feed rate of travel moves

	// FeedrateCeiling and AccelCeiling bound what M203 and M201 may set,
	// per axis (0 = no bound): the Prusa firmware in silent (stealth) mode
	// keeps the axes under its silent limits whatever the file asks.
	FeedrateCeiling [4]float64
	AccelCeiling    [4]float64
}

// MK3SLimits returns the machine limits of the Original Prusa i3 MK3S in
// normal (non-silent) mode, as PrusaSlicer's stock printer profile emits them
// (profiles/mk3s_pla.ini machine_* keys, first of each pair):
//
//	M201 X1000 Y1000 Z200 E5000
//	M203 X200 Y200 Z12 E120
//	M204 P1250 R1250 T1250
//	M205 X8 Y8 Z0.4 E4.5 S0 T0
func MK3SLimits() Limits {
	return Limits{
		MaxFeedrate:   [4]float64{200, 200, 12, 120},
		MaxAccel:      [4]float64{1000, 1000, 200, 5000},
		MaxJerk:       [4]float64{8, 8, 0.4, 4.5},
		Accel:         1250,
		RetractAccel:  1250,
		TravelAccel:   1250,
		MaxPrintAccel: 1250,
	}
}

// MK3SSilentLimits returns the MK3S limits in silent (stealth) mode, the
// second of each machine_* pair of the profile: X and Y at most 100 mm/s and
// 960 mm/s², which the firmware keeps whatever the file sets (the ceilings).
func MK3SSilentLimits() Limits {
	l := MK3SLimits()
	l.MaxFeedrate = [4]float64{100, 100, 12, 120}
	l.MaxAccel = [4]float64{960, 960, 200, 5000}
	l.FeedrateCeiling = l.MaxFeedrate
	l.AccelCeiling = l.MaxAccel
	return l
}

func ceil(v, c float64) float64 {
	if c > 0 && v > c {
		return c
	}
	return v
}

// apply updates the limits from a motion-limit command (M201, M203, M204,
// M205); it reports whether c was one.
func (l *Limits) apply(c *Command, units float64) bool {
	if c.Letter != 'M' {
		return false
	}
	axes := [4]byte{'X', 'Y', 'Z', 'E'}
	switch c.Number {
	case 201:
		for a, letter := range axes {
			if v, ok := c.Get(letter); ok && v >= 0 {
				l.MaxAccel[a] = ceil(v*units, l.AccelCeiling[a])
			}
		}
	case 203:
		for a, letter := range axes {
			if v, ok := c.Get(letter); ok && v >= 0 {
				l.MaxFeedrate[a] = ceil(v*units, l.FeedrateCeiling[a])
			}
		}
	case 204:
		if s, ok := c.Get('S'); ok {
			// Legacy form (Marlin 1.x, Prusa MK2/MK3 firmware): S sets the
			// acceleration of every move, T the retraction one.
			l.Accel = l.capPrint(s)
			l.TravelAccel = s
			if t, ok := c.Get('T'); ok {
				l.RetractAccel = t
			}
		} else {
			if p, ok := c.Get('P'); ok {
				l.Accel = l.capPrint(p)
			}
			if r, ok := c.Get('R'); ok {
				l.RetractAccel = r
			}
			if t, ok := c.Get('T'); ok {
				l.TravelAccel = t
			}
		}
	case 205:
		if v, ok := c.Get('X'); ok {
			// Prusa firmware: X sets the jerk of both X and Y.
			l.MaxJerk[axX], l.MaxJerk[axY] = v, v
		}
		if v, ok := c.Get('Y'); ok {
			l.MaxJerk[axY] = v
		}
		if v, ok := c.Get('Z'); ok {
			l.MaxJerk[axZ] = v
		}
		if v, ok := c.Get('E'); ok {
			l.MaxJerk[axE] = v
		}
		if v, ok := c.Get('S'); ok {
			l.MinFeedrate = v
		}
		if v, ok := c.Get('T'); ok {
			l.MinTravelFeedrate = v
		}
	default:
		return false
	}
	return true
}

func (l *Limits) capPrint(a float64) float64 {
	if l.MaxPrintAccel > 0 && a > l.MaxPrintAccel {
		return l.MaxPrintAccel
	}
	return a
}
