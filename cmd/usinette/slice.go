package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/usinette/usinette/gcode"
	"github.com/usinette/usinette/internal/cli"
	"github.com/usinette/usinette/internal/meshgen"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/slice"
)

// sliceFlags are the options of `usinette slice`.
type sliceFlags struct {
	output        string
	example       bool
	scale         float64
	rotate        float64
	rotateX       float64
	rotateY       float64
	layFlat       bool
	layerHeight   float64
	perimeters    int
	infill        string
	infillPattern string
	brim          float64
	config        string
	printConfig   bool
	quiet         bool
	json          bool
	copies        int
	support       bool
	supportBed    bool
	colorChanges  []float64
	pauses        []float64
	pauseMessage  string
	raft          int
	brimType      string
	vase          bool
	ironing       bool
}

func newSliceCmd() *cobra.Command {
	var f sliceFlags
	cmd := &cobra.Command{
		Use:   "slice [model.stl|.3mf|.obj ...]",
		Short: "Slice models (STL, 3MF, OBJ) into G-code for a Prusa i3 MK3S (PLA)",
		Long: `Slice models into G-code for a Prusa i3 MK3S with PLA. STL (binary or
ASCII), 3MF and OBJ are read, told apart by their content.

One model is centred on the 250 x 210 mm bed with its lowest point on the bed
(the objects of a 3MF keep the places the file gives them); several files, or
--copies, are arranged side by side 6 mm apart. A model or plate that does not
fit is refused with its sizes. Settings are the MK3S + Prusament PLA
0.20 mm QUALITY profile; --config reads a PrusaSlicer config export (File >
Export > Export Config), and the flags override both.

Each model is turned about X (--rotate-x), then Y (--rotate-y), as
PrusaSlicer does, then laid on its largest flat face (--lay-flat), scaled
and turned about Z (--rotate) before it is placed.`,
		Example: `  usinette slice model.stl                 # writes model.gcode
  usinette slice --example -o example.gcode
  usinette slice gear.3mf knob.obj --copies 2 -o plate.gcode
  usinette slice figurine.stl --support --color-change-at 12.4
  usinette slice part.stl --infill 20% --infill-pattern grid --brim 5
  usinette slice --config my.ini --print-config`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSlice(cmd, args, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.output, "output", "o", "", "G-code file to write (default: the model's name with .gcode)")
	fl.BoolVar(&f.example, "example", false, "slice the built-in example model instead of a file")
	fl.Float64Var(&f.scale, "scale", 1, "scale factor (1 = as designed; 25.4 for a model drawn in inches)")
	fl.IntVar(&f.copies, "copies", 1, "number of copies of each model, arranged on the bed")
	fl.BoolVar(&f.support, "support", false, "print support under overhangs steeper than support_material_threshold (50° from the horizontal)")
	fl.Float64SliceVar(&f.colorChanges, "color-change-at", nil, "change filament (M600) before the layer at this height in mm; repeatable")
	fl.Float64SliceVar(&f.pauses, "pause-at", nil, "pause (M601) before the layer at this height in mm, e.g. to insert a magnet; repeatable")
	fl.StringVar(&f.pauseMessage, "pause-message", "", "message the printer shows at a --pause-at pause")
	fl.BoolVar(&f.supportBed, "support-buildplate-only", false, "support only where it stands on the bed, never on the model (implies --support)")
	fl.Float64Var(&f.rotate, "rotate", 0, "rotation about the vertical axis, degrees counter-clockwise")
	fl.Float64Var(&f.rotateX, "rotate-x", 0, "rotation about the X axis, degrees (as PrusaSlicer's --rotate-x)")
	fl.Float64Var(&f.rotateY, "rotate-y", 0, "rotation about the Y axis, degrees (as PrusaSlicer's --rotate-y)")
	fl.BoolVar(&f.layFlat, "lay-flat", false, "put each model on its largest flat face that it can rest on (a model with none of 1% of its surface, like a sphere, stays as it is)")
	fl.Float64Var(&f.layerHeight, "layer-height", 0, "layer height in mm after the 0.2 mm first layer (default 0.2)")
	fl.IntVar(&f.perimeters, "perimeters", 0, "number of perimeter loops (default 2)")
	fl.StringVar(&f.infill, "infill", "", "sparse infill density, e.g. 20 or 20% (default 15%)")
	fl.StringVar(&f.infillPattern, "infill-pattern", "", "sparse infill pattern: gyroid, grid or rectilinear (default gyroid)")
	fl.Float64Var(&f.brim, "brim", 0, "brim width in mm (default none)")
	fl.StringVar(&f.brimType, "brim-type", "", "where the brim goes: outer_only (default), inner_only, outer_and_inner or no_brim")
	fl.IntVar(&f.raft, "raft", 0, "print the model on a raft of this many layers (raft_layers; default none)")
	fl.BoolVar(&f.vase, "vase", false, "vase mode (spiral_vase): solid bottom, then one wall whose height rises continuously")
	fl.BoolVar(&f.ironing, "ironing", false, "iron top surfaces (ironing, with ironing_type from the profile: top)")
	fl.StringVar(&f.config, "config", "", "PrusaSlicer config export (.ini) to read settings from")
	fl.BoolVar(&f.printConfig, "print-config", false, "print the effective settings as a PrusaSlicer INI and exit")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress bar, no summary")
	fl.BoolVar(&f.json, "json", false, "print a JSON summary on stdout")
	return cmd
}

// sliceConfig builds the effective settings: the embedded profile, then the
// --config file, then the flags that were given.
func sliceConfig(cmd *cobra.Command, f *sliceFlags) (slice.Config, error) {
	cfg := slice.Default()
	if f.config != "" {
		r, err := os.Open(f.config)
		if err != nil {
			return cfg, err
		}
		defer r.Close()
		// a key that changes the print at a value usinette does not print
		// is an error here, whatever --quiet says
		c, res, err := slice.ReadINI(r, cfg)
		if err != nil {
			return cfg, fmt.Errorf("%s: %w", f.config, err)
		}
		cfg = c
		if !f.quiet {
			var none []string
			for _, k := range res.Unknown {
				if !slices.Contains(res.Unrecognised, k) {
					none = append(none, k)
				}
			}
			if len(none) > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "usinette: %s: %d settings that do not change the print (interface, print host, other extruders), ignored: %s\n",
					f.config, len(none), strings.Join(none, ", "))
			}
			if len(res.Unrecognised) > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "usinette: %s: %d settings unknown to usinette (another PrusaSlicer version's, or misspelt), ignored: %s\n",
					f.config, len(res.Unrecognised), strings.Join(res.Unrecognised, ", "))
			}
		}
	}
	// flags are applied as given; slice.Config.Validate, the one
	// definition of a valid config the INI reader and the library use too,
	// then judges the result
	fl := cmd.Flags()
	if fl.Changed("layer-height") {
		cfg.LayerHeight = f.layerHeight
	}
	if fl.Changed("perimeters") {
		cfg.Perimeters = f.perimeters
	}
	if fl.Changed("infill") {
		s := strings.TrimSuffix(strings.TrimSpace(f.infill), "%")
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return cfg, usageError("--infill %q: want a density from 0 to 100, like 20 or 20%%", f.infill)
		}
		cfg.FillDensity = v / 100
	}
	if fl.Changed("infill-pattern") {
		if err := slice.SetINI(&cfg, "fill_pattern", f.infillPattern); err != nil {
			return cfg, usageError("--infill-pattern %q: want gyroid, grid or rectilinear", f.infillPattern)
		}
	}
	if fl.Changed("brim") {
		cfg.BrimWidth = f.brim
	}
	if f.support || f.supportBed {
		cfg.Support, cfg.SupportAuto = true, true
	}
	if f.supportBed {
		cfg.SupportBuildplateOnly = true
	}
	if fl.Changed("raft") {
		cfg.RaftLayers = f.raft
	}
	if fl.Changed("brim-type") {
		if err := slice.SetINI(&cfg, "brim_type", f.brimType); err != nil {
			return cfg, usageError("--brim-type %q: want outer_only, inner_only, outer_and_inner or no_brim", f.brimType)
		}
	}
	if f.vase {
		cfg.SpiralVase = true
	}
	if f.ironing {
		cfg.Ironing = true
	}
	if err := cfg.Validate(); err != nil {
		var ce *slice.ConfigError
		if errors.As(err, &ce) {
			if flag, ok := configFlags[ce.Key]; ok && fl.Changed(flag) {
				return cfg, usageError("--%s: %w", flag, err)
			}
		}
		if f.config != "" {
			return cfg, usageError("%s: %w", f.config, err)
		}
		return cfg, usageError("%w", err)
	}
	for _, a := range []struct {
		flag string
		v    float64
	}{{"rotate-x", f.rotateX}, {"rotate-y", f.rotateY}} {
		if math.IsNaN(a.v) || math.IsInf(a.v, 0) {
			return cfg, usageError("--%s %g: want a finite angle in degrees", a.flag, a.v)
		}
	}
	if err := (slice.RunOptions{Scale: f.scale, RotateZ: f.rotate}).Validate(); err != nil {
		var ce *slice.ConfigError
		if errors.As(err, &ce) {
			return cfg, usageError("--%s: %w", ce.Key, err)
		}
		return cfg, usageError("%w", err)
	}
	return cfg, nil
}

// configFlags names the flag that sets a config key.
var configFlags = map[string]string{
	"layer_height": "layer-height", "perimeters": "perimeters",
	"fill_density": "infill", "brim_width": "brim",
	"raft_layers": "raft", "spiral_vase": "vase",
}

func runSlice(cmd *cobra.Command, args []string, f *sliceFlags) error {
	cfg, err := sliceConfig(cmd, f)
	if err != nil {
		return err
	}
	if f.printConfig {
		return slice.WriteINI(cmd.OutOrStdout(), cfg)
	}
	if f.example == (len(args) > 0) {
		return usageError("give model files or --example")
	}
	if f.copies < 1 || f.copies > 1000 {
		return usageError("--copies %d: want 1 to 1000", f.copies)
	}

	name := "example"
	if !f.example {
		name = args[0]
	}
	// the budget covers loading too: welding a big mesh holds the triangle
	// soup and the mesh at once, and without a limit the heap doubled that
	mem := newMemBudget(name, f.example)
	defer mem.restore()

	out := f.output
	if out == "" {
		if f.example {
			out = "example.gcode"
		} else {
			out = strings.TrimSuffix(name, filepath.Ext(name)) + ".gcode"
		}
	}
	inputs := append([]string{f.config}, args...)
	if err := checkOutput(out, inputs...); err != nil {
		return err
	}
	m, rep, runOpt, err := loadPlate(cmd, args, f, cfg)
	if err != nil {
		return err
	}
	if !f.example {
		mem.loaded()
	}

	ctx := cmdContext(cmd)
	stderr := cmd.ErrOrStderr()
	quiet := f.quiet || f.json
	bars := map[string]*cli.Progress{}
	progress := func(stage string, done, total int) {
		mem.check()
		p := bars[stage]
		if p == nil {
			for _, q := range bars {
				q.Done()
			}
			p = cli.NewProgress(stderr, stage, quiet)
			bars[stage] = p
		}
		p.Update(done, total)
	}
	spill := openSpill(out)
	defer spill.close()
	var sum slice.Summary
	err = cli.WriteFile(cmd.OutOrStdout(), out, func(w io.Writer) error {
		var err error
		runOpt.Name, runOpt.Progress, runOpt.Spill = filepath.Base(name), progress, spill.target()
		for _, z := range f.colorChanges {
			runOpt.Events = append(runOpt.Events, slice.LayerEvent{Z: z})
		}
		for _, z := range f.pauses {
			runOpt.Events = append(runOpt.Events, slice.LayerEvent{Z: z, Pause: true, Message: f.pauseMessage})
		}
		sum, err = slice.Run(ctx, m, rep, w, cfg, runOpt)
		return err
	})
	for _, p := range bars {
		p.Done()
	}
	if err != nil {
		if errors.Is(err, mesh.ErrTooLarge) {
			return fmt.Errorf("%s: %w", name, err)
		}
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("%s: interrupted, nothing written", out)
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	if c := sum.Repairs.Changes(); c != "" && !f.quiet {
		fmt.Fprintf(stderr, "usinette: %s: repaired: %s\n", name, c)
	}
	if n := sum.VaseDroppedLayers; n > 0 {
		// what is printed differs from the model: said even with --quiet
		fmt.Fprintf(stderr, "usinette: %s: vase mode prints one island per layer: %s of several islands print only the largest (as PrusaSlicer does)\n",
			name, cli.Count(n, "layer"))
	}
	if f.json {
		return cli.PrintJSON(cmd.OutOrStdout(), sum)
	}
	if !f.quiet {
		// on stderr, so that -o - leaves stdout to the G-code
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: %s, %s, %.2f m of filament (%.1f g)\n",
			out, cli.Count(sum.Layers, "layer"), gcode.FormatDuration(sum.PrintTimeS), sum.FilamentMM/1000, sum.FilamentG)
	}
	return nil
}

func cmdContext(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}

// memBudget keeps the peak memory of a slicing run near what the run keeps
// live. With the default GOGC=100 the Go heap may grow to twice the live heap
// before a collection, and the slicer's allocation churn (offsets, booleans,
// G-code text) makes that the peak. A soft memory limit makes the collector
// run earlier instead: it starts at 20 MiB plus 1.5 times the STL file's size
// and is raised to 1.6 times the live heap (twice above 64 MiB) whenever
// slicing needs more, so a model whose output is large is not starved into
// collecting continuously. GOGC is raised to 400 meanwhile so that the limit,
// not a small live heap, sets how often the GC runs.
// The floor follows the live heap: slicing in bands of layers, streaming
// them into a spill file and the own clipping engine brought the bunny's
// from 20 MB to 8 MB and its allocation from 1.1 GB to 0.2 GB, so the floor
// went from 32 to 20 MiB. Bunny, 2 alternated runs each, floor 12 / 16 / 20 /
// 24 MiB: 1.0 / 0.8 / 0.74 / 0.74 s and 25 / 26 / 30 / 34 MB peak; 3DBenchy
// 49 MB at every floor (its mesh and STL dominate).
type memBudget struct {
	prev, limit int64
	gc          int // GOGC before the run, 0 when left alone
	calls       int
	live        []metrics.Sample
}

func newMemBudget(path string, example bool) *memBudget {
	var size int64
	if !example {
		if st, err := os.Stat(path); err == nil {
			size = st.Size()
		}
	}
	b := &memBudget{prev: debug.SetMemoryLimit(-1), limit: 20<<20 + 3*size/2,
		live: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	if b.limit < b.prev {
		debug.SetMemoryLimit(b.limit)
		// the limit, not GOGC, then decides when to collect: with a small
		// live heap GOGC=100 would collect every few MB of churn
		b.gc = debug.SetGCPercent(400)
	} else {
		b.limit = b.prev // GOMEMLIMIT set lower by the user: leave it
	}
	return b
}

// check raises the limit when the live heap nears it (called on progress,
// one call at a time; reads the runtime's metrics every 2nd call).
func (b *memBudget) check() {
	if b.calls++; b.calls%2 != 0 || b.limit >= b.prev {
		return
	}
	metrics.Read(b.live)
	if b.live[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := int64(b.live[0].Value.Uint64())
	want := live * 8 / 5
	if live > 64<<20 {
		// a big live heap costs a long mark each collection: give it the
		// room GOGC=100 would
		want = 2 * live
	}
	if want > b.limit {
		b.limit = min(want, b.prev)
		debug.SetMemoryLimit(b.limit)
	}
}

// loaded is called once the mesh is built: the file's triangles and the
// welding tables are garbage now, and the slicer's first large arrays
// would otherwise be placed in fresh pages while the runtime returns the
// freed ones lazily (3DBenchy peaked at 44 or 62 MB from run to run).
// Returning them now costs one collection (~10 ms for 3DBenchy).
func (b *memBudget) loaded() { debug.FreeOSMemory() }

// restore puts back the limit in force before the run (the CLI's tests run
// commands in-process).
func (b *memBudget) restore() {
	debug.SetMemoryLimit(b.prev)
	if b.gc != 0 {
		debug.SetGCPercent(b.gc)
	}
}

// spillFile is a temporary file beside the output where the layers' G-code
// waits until the header (which needs the total time) is written, so the
// run does not hold the whole text in memory (18 MB for the bunny, most of
// its live heap at the end). Beside the output rather than in $TMPDIR,
// which may be a RAM disk. Without one (unwritable directory) the text is
// held in memory as before.
type spillFile struct{ f *os.File }

func openSpill(out string) spillFile {
	dirs := []string{filepath.Dir(out), os.TempDir()}
	if out == cli.Stdout {
		dirs = dirs[1:]
	}
	for _, dir := range dirs {
		// named with the pid and registered: removed on a signal, or by a
		// later run once this process is gone (cli.CreateTemp)
		if f, err := cli.CreateTemp(dir, ".usinette-layers-"); err == nil {
			return spillFile{f}
		}
	}
	return spillFile{}
}

func (s spillFile) target() slice.Spill {
	if s.f == nil {
		return nil
	}
	return s.f
}

func (s spillFile) close() {
	if s.f != nil {
		cli.RemoveTemp(s.f)
	}
}

// loadPlate reads the models (or the example), applies --rotate-x,
// --rotate-y, --lay-flat, --scale and --rotate to each, makes the copies and, when there is more than one
// object, arranges them on the bed and merges them into one mesh. One object
// is left for slice.Run to scale, turn and centre, so that its G-code is
// what slicing it alone always gave. A size that looks like a unit mistake
// gets a hint on stderr.
func loadPlate(cmd *cobra.Command, args []string, f *sliceFlags, cfg slice.Config) (*mesh.Mesh, mesh.Repairs, slice.RunOptions, error) {
	var objs []*mesh.Mesh
	var names []string
	var rep mesh.Repairs
	if f.example {
		m := meshgen.Example()
		objs, names, rep = []*mesh.Mesh{m}, []string{"example"}, m.Check()
	}
	for _, path := range args {
		m, r, _, err := mesh.ReadFile(path, mesh.Options{})
		if err != nil {
			return nil, rep, slice.RunOptions{}, err
		}
		objs, names = append(objs, m), append(names, path)
		rep = addRepairs(rep, r)
	}
	// turned about X, then Y, as PrusaSlicer does (Z comes with the scale,
	// below or in slice.Run), then laid flat: before the unit hint and the
	// size checks, which measure the model as it will stand
	for _, m := range objs {
		m.RotateX(f.rotateX)
		m.RotateY(f.rotateY)
		if f.layFlat {
			m.LayFlat()
		}
	}
	bed := mesh.Bed{W: cfg.BedWidth, D: cfg.BedDepth, H: cfg.MaxPrintHeight}
	if len(objs) == 1 && f.copies == 1 {
		m := objs[0]
		if hint := unitHint(m, f.scale, bed); hint != "" && !f.quiet {
			fmt.Fprintf(cmd.ErrOrStderr(), "usinette: %s: %s\n", names[0], hint)
		}
		return m, rep, slice.RunOptions{Scale: f.scale, RotateZ: f.rotate}, nil
	}
	for i, m := range objs {
		if f.scale != 1 {
			m.Scale(f.scale)
		}
		m.RotateZ(f.rotate)
		if hint := mesh.UnitHint(m, bed); hint != "" && !f.quiet {
			fmt.Fprintf(cmd.ErrOrStderr(), "usinette: %s: %s\n", names[i], hint)
		}
		if err := m.Fit(bed); err != nil {
			return nil, rep, slice.RunOptions{}, fmt.Errorf("%s: %w", names[i], err)
		}
	}
	m, err := slice.Plate(objs, f.copies, cfg)
	return m, rep, slice.RunOptions{}, err
}

// unitHint is mesh.UnitHint for the model as it will be scaled.
func unitHint(m *mesh.Mesh, scale float64, bed mesh.Bed) string {
	if scale == 1 {
		return mesh.UnitHint(m, bed)
	}
	c := m.Clone()
	c.Scale(scale)
	return mesh.UnitHint(c, bed)
}

// addRepairs sums the repairs of the files of a plate.
func addRepairs(a, b mesh.Repairs) mesh.Repairs {
	a.Facets += b.Facets
	a.Vertices += b.Vertices
	a.WeldedVertices += b.WeldedVertices
	a.NearWeldedVertices += b.NearWeldedVertices
	a.DegenerateFacets += b.DegenerateFacets
	a.CollapsedFacets += b.CollapsedFacets
	a.CollinearFacets += b.CollinearFacets
	a.FlippedFacets += b.FlippedFacets
	a.BoundaryEdges += b.BoundaryEdges
	a.NonManifoldEdges += b.NonManifoldEdges
	a.Shells += b.Shells
	return a
}
