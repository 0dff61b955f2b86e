package slice

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/mesh"
)

// RunOptions tunes Run and File. The zero value slices the model as it is.
type RunOptions struct {
	// Scale multiplies the model's size (0 or 1: unchanged).
	Scale float64
	// RotateZ turns the model about the vertical axis, degrees
	// counter-clockwise seen from above.
	RotateZ float64
	// Name goes into the G-code header.
	Name string
	// Progress, when set, is called with the stage ("slicing"; layers are
	// encoded as they are sliced, so there is no separate writing stage)
	// and the work done and total of that stage, one call at a time.
	Progress func(stage string, done, total int)
	// Workers for slicing; 0 means every core.
	Workers int
	// Spill, when set, holds the layers' G-code until the header can be
	// written (see GCodeOptions.Spill).
	Spill Spill
	// Events are colour changes and pauses at given heights (each must lie
	// within the placed model's height).
	Events []LayerEvent
}

// Bounds is a box in millimetres, with the JSON names of `--json` output.
type Bounds struct {
	MinX float64 `json:"min_x"`
	MinY float64 `json:"min_y"`
	MinZ float64 `json:"min_z"`
	MaxX float64 `json:"max_x"`
	MaxY float64 `json:"max_y"`
	MaxZ float64 `json:"max_z"`
}

// Summary is what a run produced: the figures `usinette slice --json`
// prints (snake_case names with units).
type Summary struct {
	Layers     int     `json:"layers"`
	PrintTimeS float64 `json:"print_time_s"`
	// SilentTimeS is the estimate in the printer's silent (stealth) mode.
	SilentTimeS float64 `json:"silent_print_time_s,omitempty"`
	FilamentMM  float64 `json:"filament_mm"`
	FilamentCM3 float64 `json:"filament_cm3"`
	FilamentG   float64 `json:"filament_g"`
	// BoundsMM is the placed model's box on the bed.
	BoundsMM Bounds `json:"bounds_mm"`
	// Repairs: what the mesh loader and the contour builder fixed.
	Repairs RepairReport `json:"repairs"`
	// ThinRegions counts layer parts narrower than a perimeter loop.
	ThinRegions int   `json:"thin_regions"`
	Bytes       int64 `json:"gcode_bytes"`
	Triangles   int   `json:"triangles"`
	// VaseDroppedLayers: in vase mode, layers above the bottom of several
	// islands, of which only the largest was printed (see
	// Result.VaseDroppedLayers).
	VaseDroppedLayers int `json:"vase_dropped_layers,omitempty"`
}

// RepairReport joins the mesh repairs (welding, degenerate and flipped
// facets, open edges) and the contour repairs made while slicing.
type RepairReport struct {
	mesh.Repairs
	OpenChains     int     `json:"open_chains"`
	GapsClosed     int     `json:"gaps_closed"`
	MaxGapMM       float64 `json:"max_gap_mm"`
	LayersRepaired int     `json:"layers_repaired"`
}

// Changes describes in one line the repairs that changed the model's
// shape: section gaps closed (an open mesh), facets turned round, vertices
// moved by near-welding. It is "" when there were none: exact welding and
// dropping zero-area facets change nothing that prints.
func (r RepairReport) Changes() string {
	var parts []string
	if r.GapsClosed > 0 {
		parts = append(parts, fmt.Sprintf("%d gaps closed in %d layers (largest %.1f mm)", r.GapsClosed, r.LayersRepaired, r.MaxGapMM))
	}
	if r.FlippedFacets > 0 {
		parts = append(parts, fmt.Sprintf("%d facets turned to agree with their neighbours", r.FlippedFacets))
	}
	if r.NearWeldedVertices > 0 {
		parts = append(parts, fmt.Sprintf("%d vertices merged with a near neighbour", r.NearWeldedVertices))
	}
	return strings.Join(parts, ", ")
}

// File reads the model file at path (STL, 3MF or OBJ, told apart by
// content), repairs it, and writes its G-code to w with Run.
func File(ctx context.Context, path string, w io.Writer, cfg Config, opt RunOptions) (Summary, error) {
	m, rep, _, err := mesh.ReadFile(path, mesh.Options{})
	if err != nil {
		return Summary{}, err
	}
	if opt.Name == "" {
		opt.Name = path
	}
	sum, err := Run(ctx, m, rep, w, cfg, opt)
	if err != nil {
		return sum, fmt.Errorf("%s: %w", path, err)
	}
	return sum, nil
}

// Run places the mesh on the bed (scaled and rotated as opt says, centred,
// lowest point at z = 0), refuses it when it does not fit the printer,
// slices it and writes the G-code to w. The mesh is modified in place.
// rep is what loading the mesh repaired, reported back in the summary.
func Run(ctx context.Context, m *mesh.Mesh, rep mesh.Repairs, w io.Writer, cfg Config, opt RunOptions) (Summary, error) {
	var sum Summary
	sum.Repairs.Repairs = rep
	sum.Triangles = len(m.Triangles)
	// the config and the options are checked before the mesh is touched
	if err := cfg.Validate(); err != nil {
		return sum, err
	}
	if err := opt.Validate(); err != nil {
		return sum, err
	}
	// each whole-mesh pass below is tens of milliseconds for 1M facets:
	// cancellation is checked between them
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if opt.Scale != 0 && opt.Scale != 1 {
		m.Scale(opt.Scale)
	}
	if opt.RotateZ != 0 {
		m.RotateZ(opt.RotateZ)
	}
	m.Place(cfg.BedWidth, cfg.BedDepth)
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	if err := m.Fit(mesh.Bed{W: cfg.BedWidth, D: cfg.BedDepth, H: cfg.MaxPrintHeight}); err != nil {
		return sum, err
	}
	lo, hi := m.Bounds()
	sum.BoundsMM = Bounds{float64(lo.X), float64(lo.Y), float64(lo.Z), float64(hi.X), float64(hi.Y), float64(hi.Z)}
	if err := checkEvents(opt.Events, float64(hi.Z)); err != nil {
		return sum, err
	}
	// the brim and skirt are printed too: refuse before slicing when even
	// their nominal width around the model's box leaves the bed (the exact
	// loops are checked again once planned, see skirtAndBrim)
	if err := fitsWithSkirt(cfg, sum.BoundsMM); err != nil {
		return sum, err
	}

	progress := func(stage string) func(done, total int) {
		if opt.Progress == nil {
			return nil
		}
		return func(done, total int) { opt.Progress(stage, done, total) }
	}
	// layers are encoded as slicing finishes them (see layerSink): the
	// writer's own progress would interleave with slicing's, which already
	// counts the work
	lw, err := newLayerWriter(cfg, GCodeOptions{Name: opt.Name, Spill: opt.Spill, Events: opt.Events})
	if err != nil {
		return sum, err
	}
	res, err := sliceInto(ctx, m, cfg, Options{Progress: progress("slicing"), Workers: opt.Workers}, lw)
	if err != nil {
		return sum, err
	}
	sum.Repairs.OpenChains = res.Repairs.OpenChains
	sum.Repairs.GapsClosed = res.Repairs.GapsClosed
	sum.Repairs.MaxGapMM = res.Repairs.MaxGapMM
	sum.Repairs.LayersRepaired = res.Repairs.LayersRepaired
	sum.ThinRegions = len(res.Thin)
	sum.VaseDroppedLayers = res.VaseDroppedLayers
	st, err := lw.finish(ctx, w)
	if err != nil {
		return sum, err
	}
	sum.Layers = st.Layers
	sum.PrintTimeS = st.PrintSeconds
	sum.SilentTimeS = st.SilentSeconds
	sum.FilamentMM = st.FilamentMM
	sum.FilamentCM3 = st.FilamentCM3
	sum.FilamentG = st.FilamentG
	sum.Bytes = st.Bytes
	return sum, nil
}

// ModelBounds returns the XY box in mm of a layer set's extrusions of the
// given roles (all roles when none given).
func ModelBounds(layers []Layer, skip ...Role) (minX, minY, maxX, maxY float64, ok bool) {
	var lo, hi geom.Point
	first := true
	for i := range layers {
	paths:
		for _, e := range layers[i].Paths {
			for _, r := range skip {
				if e.Role == r {
					continue paths
				}
			}
			for _, p := range e.Points {
				if first {
					lo, hi, first = p, p, false
				}
				lo.X, lo.Y = min(lo.X, p.X), min(lo.Y, p.Y)
				hi.X, hi.Y = max(hi.X, p.X), max(hi.Y, p.Y)
			}
		}
	}
	return geom.ToMM(lo.X), geom.ToMM(lo.Y), geom.ToMM(hi.X), geom.ToMM(hi.Y), !first
}

// Validate refuses a scale or rotation that is not a finite number: an
// infinite scale made every vertex infinite and the slicer panic.
func (o RunOptions) Validate() error {
	if math.IsNaN(o.Scale) || math.IsInf(o.Scale, 0) || o.Scale < 0 || o.Scale > 1e6 {
		return &ConfigError{Key: "scale", Value: o.Scale, Want: "a finite factor above 0 and at most 1e6"}
	}
	if math.IsNaN(o.RotateZ) || math.IsInf(o.RotateZ, 0) {
		return &ConfigError{Key: "rotate", Value: o.RotateZ, Want: "a finite angle in degrees"}
	}
	return nil
}

// skirtMargin is how far, in mm, the brim and skirt reach beyond the
// model's first-layer outline at least: brim_width, then skirt_distance and
// the skirts loops.
func skirtMargin(cfg Config) float64 {
	w := cfg.FirstLayerW
	if w == 0 {
		w = cfg.ExtrusionWidth
	}
	m := 0.0
	if cfg.BrimWidth > 0 {
		m += cfg.BrimWidth
	}
	if cfg.RaftLayers > 0 {
		// the raft's first layer reaches past the model (raft.go)
		m += cfg.RaftExpansion + raftReachBelow + cfg.RaftFirstLayerExpansion
	}
	if cfg.Skirts > 0 && cfg.SkirtHeight > 0 {
		m += cfg.SkirtDistance + float64(cfg.Skirts)*Spacing(w, cfg.FirstLayerHeight)
	}
	return m
}

// fitsWithSkirt checks the placed model's box grown by skirtMargin against
// the bed.
func fitsWithSkirt(cfg Config, b Bounds) error {
	m := skirtMargin(cfg)
	if m == 0 {
		return nil
	}
	return onBed(cfg, b.MinX-m, b.MinY-m, b.MaxX+m, b.MaxY+m)
}

// onBed returns an error wrapping mesh.ErrTooLarge when the box of what is
// printed on the first layer (model, brim, skirt) leaves the bed.
func onBed(cfg Config, minX, minY, maxX, maxY float64) error {
	const eps = 1e-3
	if minX >= -eps && minY >= -eps && maxX <= cfg.BedWidth+eps && maxY <= cfg.BedDepth+eps {
		return nil
	}
	return fmt.Errorf("%w: with its brim and skirt (brim_width %g, skirt_distance %g, skirts %d) the first layer spans X %.1f..%.1f, Y %.1f..%.1f mm; the bed is %g × %g mm",
		mesh.ErrTooLarge, cfg.BrimWidth, cfg.SkirtDistance, cfg.Skirts, minX, maxX, minY, maxY, cfg.BedWidth, cfg.BedDepth)
}
