package stitch

import (
	"fmt"
	"maps"
	"sort"
	"strings"

	"github.com/usinette/usinette/vector"
)

// Ink/Stitch's visual commands. Ink/Stitch puts a command in the drawing
// as a <use xlink:href="#inkstitch_NAME"> of a symbol it adds to <defs>
// (a scissors icon for trim, and so on), tied to the object it acts on by
// a connector: a path whose inkscape:connection-start and
// inkscape:connection-end name the <use> and the object (either way
// round). A command that acts on a layer (ignore_layer) is a <use> inside
// that layer, without a connector. Neither the symbols nor the connectors
// are embroidery: they are never sewn.
//
// Ink/Stitch's SVG version 3 renamed some symbols (fill_start became
// starting_point, fill_end ending_point, satin_start and run_start
// autoroute_start, ...); both names are read.

// shapeCommands are the commands that act on one shape.
type shapeCommands struct {
	trim, stop, ignore bool
	fillStart          *pt // where the connector touches the object
	fillEnd            *pt // ending_point: where the fill is to end
}

// commandSet is what the commands of a document ask for.
type commandSet struct {
	// drop: command symbols, connectors, ignored objects and layers.
	drop []bool
	// on holds the commands connected to shape i.
	on map[int]*shapeCommands
	// notes: commands read but not obeyed, one line each.
	notes []string
	// counts of obeyed commands by name, for the report
	counts map[string]int
}

// legacyCommands maps the names before Ink/Stitch's SVG version 3 to the
// current ones.
var legacyCommands = map[string]string{
	"fill_start":    "starting_point",
	"fill_end":      "ending_point",
	"satin_start":   "autoroute_start",
	"run_start":     "autoroute_start",
	"satin_end":     "autoroute_end",
	"run_end":       "autoroute_end",
	"ripple_target": "target_point",
}

// commandName returns the Ink/Stitch command a shape draws ("trim" for a
// <use> of #inkstitch_trim), "" when it is not a command symbol.
func commandName(s *vector.Shape) string {
	h := strings.TrimSpace(s.Attrs["xlink:href"])
	if h == "" {
		h = strings.TrimSpace(s.Attrs["href"])
	}
	if name, ok := strings.CutPrefix(h, "#inkstitch_"); ok {
		if n, ok := legacyCommands[name]; ok {
			return n
		}
		return name
	}
	return ""
}

func isConnector(s *vector.Shape) bool {
	_, a := s.Attrs["inkscape:connection-start"]
	_, b := s.Attrs["inkscape:connection-end"]
	return a || b
}

// readCommands finds the commands of a document.
func readCommands(shapes []vector.Shape) commandSet {
	cs := commandSet{drop: make([]bool, len(shapes)), on: map[int]*shapeCommands{}, counts: map[string]int{}}
	uses := map[string]string{}        // <use> id -> command
	useLayers := map[string][]string{} // <use> id -> its layers
	byID := map[string][]int{}         // shape id -> shapes (a <use> of a group gives several)
	connected := map[string]bool{}     // <use> ids that a connector names
	for i := range shapes {
		s := &shapes[i]
		if s.ID != "" {
			byID[s.ID] = append(byID[s.ID], i)
		}
		// a command attached to a group acts on its members
		for _, g := range s.Groups {
			if g != "" && g != s.ID {
				byID[g] = append(byID[g], i)
			}
		}
		if name := commandName(s); name != "" {
			cs.drop[i] = true
			if s.ID != "" {
				uses[s.ID] = name
				useLayers[s.ID] = s.Layers
			}
		}
		if isConnector(s) {
			cs.drop[i] = true
		}
	}
	unsupported := map[string]int{}
	for i := range shapes {
		s := &shapes[i]
		if !isConnector(s) {
			continue
		}
		a := strings.TrimPrefix(strings.TrimSpace(s.Attrs["inkscape:connection-start"]), "#")
		b := strings.TrimPrefix(strings.TrimSpace(s.Attrs["inkscape:connection-end"]), "#")
		// the end on the object is where the command acts (fill start)
		var at *pt
		if len(s.Subpaths) > 0 && len(s.Subpaths[0].Points) > 0 {
			p := s.Subpaths[0].Points
			q := p[len(p)-1]
			at = &q
		}
		name, ok := uses[a]
		target := b
		if !ok {
			name, ok = uses[b]
			target = a
			if len(s.Subpaths) > 0 && len(s.Subpaths[0].Points) > 0 {
				q := s.Subpaths[0].Points[0]
				at = &q
			}
		}
		if !ok {
			continue // an ordinary Inkscape connector: not sewn, nothing asked
		}
		connected[a], connected[b] = true, true
		targets := byID[target]
		if len(targets) == 0 {
			cs.notes = append(cs.notes, fmt.Sprintf("command %s: its object %q is not in the drawing (or is not a path)", name, target))
			continue
		}
		// trim and stop act once, after the last member of a group
		lastMember := -1
		for _, t := range targets {
			if !cs.drop[t] && !isConnector(&shapes[t]) && commandName(&shapes[t]) == "" {
				lastMember = t
			}
		}
		for _, t := range targets {
			if cs.drop[t] {
				continue
			}
			if (name == "trim" || name == "stop") && t != lastMember {
				continue
			}
			c := cs.on[t]
			if c == nil {
				c = &shapeCommands{}
				cs.on[t] = c
			}
			switch name {
			case "trim":
				c.trim = true
			case "stop":
				c.stop = true
			case "ignore_object":
				c.ignore = true
				cs.drop[t] = true
			case "starting_point":
				c.fillStart = at
			case "ending_point":
				c.fillEnd = at
			case "autoroute_start", "autoroute_end":
				// markers for Ink/Stitch's auto-route tools, which
				// reorder a design when the user runs them; its export
				// sews without reading them, and so does this
			default:
				unsupported[name]++
				continue
			}
			cs.counts[name]++
		}
	}
	// commands without a connector: ignore_layer acts on the layer that
	// holds the symbol and its sublayers
	var ignored [][]string
	for id, name := range uses {
		if connected[id] {
			continue
		}
		if name == "ignore_layer" && len(useLayers[id]) > 0 {
			ignored = append(ignored, useLayers[id])
			cs.counts[name]++
		} else if name != "ignore_layer" {
			unsupported[name]++
		}
	}
	for i := range shapes {
		for _, l := range ignored {
			if len(shapes[i].Layers) >= len(l) && equalStrings(shapes[i].Layers[:len(l)], l) {
				cs.drop[i] = true
			}
		}
	}
	names := make([]string, 0, len(unsupported))
	for n := range unsupported {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		cs.notes = append(cs.notes, fmt.Sprintf("Ink/Stitch command %s (%d) is not supported: not sewn, otherwise ignored", n, unsupported[n]))
	}
	return cs
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// withCommand returns s with an inkstitch:* parameter set, on a copy of
// its attributes (the document's shapes are not changed).
func withCommand(s vector.Shape, name string) vector.Shape {
	a := maps.Clone(s.Attrs)
	if a == nil {
		a = map[string]string{}
	}
	a["inkstitch:"+name] = "True"
	s.Attrs = a
	return s
}

// IsCommand reports whether a shape is part of an Ink/Stitch command (a
// command symbol or a connector): drawn in Inkscape, never sewn.
func IsCommand(s *vector.Shape) bool {
	return commandName(s) != "" || isConnector(s)
}

// endFillAt makes a fill end at the point an ending_point command gives:
// the needle travels from the fill's last stitch to it, straight when that
// stays inside the region, else along the outline it is nearest to (when
// both ends are nearest one ring), as running stitch.
func endFillAt(region [][]pt, runs [][]pt, end pt, fp fillParams) [][]pt {
	if len(runs) == 0 {
		return runs
	}
	from := last(runs)
	way := []pt{from, end}
	if crossesRings(region, from, end) {
		best, bs, bd := -1, 0.0, 0.0
		var rings []*cring
		for i, r := range region {
			rings = append(rings, newCRing(r, 0))
			s, d := rings[i].nearest(from)
			if best < 0 || d < bd {
				best, bs, bd = i, s, d
			}
		}
		// along the ring nearest the last stitch, the shorter way round,
		// to its point nearest the end (a hole's ring or another island's
		// is not followed: the last step may cross it)
		r := rings[best]
		se, _ := r.nearest(end)
		d := r.wrap(se - bs)
		if r.length()-d < d {
			d = -(r.length() - d)
		}
		way = append(append([]pt{from}, r.walk(bs, d)...), end)
	}
	st := runningStitch(way, fp.runLength, fp.runTolerance)
	if len(st) > 1 {
		i := len(runs) - 1
		runs[i] = append(runs[i], st[1:]...)
	}
	return runs
}

// crossesRings says whether the segment ab crosses an edge of the rings.
func crossesRings(rings [][]pt, a, b pt) bool {
	for _, r := range rings {
		for j := range r {
			t, w, ok := segParams(a, b, r[j], r[(j+1)%len(r)])
			if ok && t > 1e-9 && t < 1-1e-9 && w >= 0 && w < 1 {
				return true
			}
		}
	}
	return false
}
