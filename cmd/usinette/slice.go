package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/usinette/usinette/gcode"
	"github.com/usinette/usinette/internal/cli"
	"github.com/usinette/usinette/internal/meshgen"
	"github.com/usinette/usinette/mesh"
	"github.com/usinette/usinette/mesh/stl"
	"github.com/usinette/usinette/slice"
)

// sliceFlags are the options of `usinette slice`.
type sliceFlags struct {
	output        string
	example       bool
	scale         float64
	rotate        float64
	layerHeight   float64
	perimeters    int
	infill        string
	infillPattern string
	brim          float64
	config        string
	printConfig   bool
	quiet         bool
	json          bool
}

func newSliceCmd() *cobra.Command {
	var f sliceFlags
	cmd := &cobra.Command{
		Use:   "slice [model.stl]",
		Short: "Slice an STL model into G-code for a Prusa i3 MK3S (PLA)",
		Long: `Slice an STL model (binary or ASCII) into G-code for a Prusa i3 MK3S with PLA.

The model is centred on the 250 x 210 mm bed with its lowest point on the bed;
a model that does not fit is refused. Settings are the MK3S + Prusament PLA
0.20 mm QUALITY profile; --config reads a PrusaSlicer config export (File >
Export > Export Config), and the flags override both.`,
		Example: `  usinette slice model.stl                 # writes model.gcode
  usinette slice --example -o example.gcode
  usinette slice part.stl --infill 20% --infill-pattern grid --brim 5
  usinette slice --config my.ini --print-config`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSlice(cmd, args, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.output, "output", "o", "", "G-code file to write (default: the model's name with .gcode)")
	fl.BoolVar(&f.example, "example", false, "slice the built-in example model instead of a file")
	fl.Float64Var(&f.scale, "scale", 1, "scale factor (1 = as designed)")
	fl.Float64Var(&f.rotate, "rotate", 0, "rotation about the vertical axis, degrees counter-clockwise")
	fl.Float64Var(&f.layerHeight, "layer-height", 0, "layer height in mm after the 0.2 mm first layer (default 0.2)")
	fl.IntVar(&f.perimeters, "perimeters", 0, "number of perimeter loops (default 2)")
	fl.StringVar(&f.infill, "infill", "", "sparse infill density, e.g. 20 or 20% (default 15%)")
	fl.StringVar(&f.infillPattern, "infill-pattern", "", "sparse infill pattern: gyroid, grid or rectilinear (default gyroid)")
	fl.Float64Var(&f.brim, "brim", 0, "brim width in mm (default none)")
	fl.StringVar(&f.config, "config", "", "PrusaSlicer config export (.ini) to read settings from")
	fl.BoolVar(&f.printConfig, "print-config", false, "print the effective settings as a PrusaSlicer INI and exit")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "no progress bar, no summary")
	fl.BoolVar(&f.json, "json", false, "print a JSON summary on stdout")
	return cmd
}

// usageError marks a mistake in the command line: exit code 2.
func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
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
		c, res, err := slice.ReadINI(r, cfg)
		if err != nil {
			return cfg, fmt.Errorf("%s: %w", f.config, err)
		}
		cfg = c
		if len(res.Unknown) > 0 && !f.quiet {
			fmt.Fprintf(cmd.ErrOrStderr(), "usinette: %s: %d settings not used by usinette, ignored: %s\n",
				f.config, len(res.Unknown), strings.Join(res.Unknown, ", "))
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
		return cfg, usage(err)
	}
	if err := (slice.RunOptions{Scale: f.scale, RotateZ: f.rotate}).Validate(); err != nil {
		var ce *slice.ConfigError
		if errors.As(err, &ce) {
			return cfg, usageError("--%s: %w", ce.Key, err)
		}
		return cfg, usage(err)
	}
	return cfg, nil
}

// configFlags names the flag that sets a config key.
var configFlags = map[string]string{
	"layer_height": "layer-height", "perimeters": "perimeters",
	"fill_density": "infill", "brim_width": "brim",
}

func runSlice(cmd *cobra.Command, args []string, f *sliceFlags) error {
	cfg, err := sliceConfig(cmd, f)
	if err != nil {
		return err
	}
	if f.printConfig {
		return slice.WriteINI(cmd.OutOrStdout(), cfg)
	}
	if f.example == (len(args) == 1) {
		return usageError("give one STL file or --example")
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
	inputs := []string{f.config}
	if !f.example {
		inputs = append(inputs, name)
	}
	if err := checkOutput(out, inputs...); err != nil {
		return err
	}
	var m *mesh.Mesh
	var rep mesh.Repairs
	if f.example {
		m = meshgen.Example()
		rep = m.Check()
	} else {
		m, rep, err = stl.ReadMesh(name, mesh.Options{})
		if err != nil {
			return err
		}
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
		sum, err = slice.Run(ctx, m, rep, w, cfg, slice.RunOptions{
			Scale: f.scale, RotateZ: f.rotate, Name: filepath.Base(name), Progress: progress,
			Spill: spill.target(),
		})
		return err
	})
	for _, p := range bars {
		p.Done()
	}
	if err != nil {
		if errors.Is(err, mesh.ErrTooBig) {
			return fmt.Errorf("%s: %w", name, err)
		}
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("%s: interrupted, nothing written", out)
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	if f.json {
		return cli.PrintJSON(cmd.OutOrStdout(), sum)
	}
	if !f.quiet {
		fmt.Fprintf(cmd.OutOrStdout(), "%s: %d layers, %s, %.2f m of filament (%.1f g)\n",
			out, sum.Layers, gcode.FormatDuration(sum.PrintTimeS), sum.FilamentMM/1000, sum.FilamentG)
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
