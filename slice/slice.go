package slice

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/usinette/usinette/geom"
	"github.com/usinette/usinette/mesh"
)

// Sentinel errors Slice returns (wrapped).
var (
	ErrEmpty      = errors.New("slice: empty mesh")
	ErrBadConfig  = errors.New("slice: invalid config")
	ErrBadMesh    = errors.New("slice: invalid mesh")
	ErrClipFailed = errors.New("slice: polygon clipping failed")
)

// Options tunes a Slice run. The zero value is ready: all cores, no
// progress reports, 25 µm contour resolution.
type Options struct {
	// Progress, when set, is called with the work done so far and the total
	// (both in layer steps) from any goroutine, one call at a time, with done
	// increasing.
	Progress func(done, total int)
	// Workers is the number of goroutines; 0 means runtime.GOMAXPROCS(0).
	Workers int
	// Resolution is the largest deviation, in µm, allowed when simplifying
	// the sliced contours; 0 means 25 µm, negative means no simplification.
	// 25 µm is CuraEngine's default maximum deviation (0.025 mm), two and a
	// half of the MK3S's 10 µm microsteps and a twentieth of a line; every
	// clipper pass downstream costs by the vertex: the bunny slices in
	// 0.82 s instead of 0.95 s at 10 µm (median of 6 alternated runs), and
	// the tests against PrusaSlicer hold (thin_wall_test's 0.4 mm ring
	// needed centreLine to keep its sliver whole).
	Resolution int64
}

// Result is what Slice makes of a mesh.
type Result struct {
	// Layers in print order, each with its extrusions in print order.
	Layers []Layer
	// Regions are the sliced sections per layer (same index as Layers):
	// polygons with holes under the non-zero rule, before the first-layer
	// elephant-foot compensation.
	Regions [][]geom.Polygon
	// Thin lists the parts of sections too narrow for a perimeter loop: they
	// are printed as one line no wider than the part (Printed) or dropped.
	Thin []ThinRegion
	// Repairs says what the contour builder had to fix.
	Repairs Repairs
	// Bounds is the XY box of all sections (the placed model's footprint).
	Bounds geom.Rect
	// Stages is where the work went.
	Stages StageTimes
	// VaseDroppedLayers counts, in vase mode, the layers above the bottom
	// layers of more than one island, of which only the largest was
	// printed, as PrusaSlicer does (vase.go).
	VaseDroppedLayers int
}

// StageTimes is the work time of each stage of a slice, summed over the
// workers: on n cores a stage's share of the wall time is about its share
// of the sum. Contours includes indexing the facets by height.
type StageTimes struct {
	Contours, Perimeters, Classify, Infill time.Duration
}

// ThinRegion is a part of a layer's section thinner than a perimeter loop.
type ThinRegion struct {
	Layer   int
	Z       float64   // slice plane, mm
	AreaMM2 float64   // area of the thin part
	WidthMM float64   // mean width (2·area/perimeter)
	Bounds  geom.Rect // where, µm
	Printed bool      // true: one line of width ≤ WidthMM; false: dropped
}

// Repairs counts what the contour builder fixed.
type Repairs struct {
	OpenChains      int     // section chains that did not close by themselves (open meshes)
	GapsClosed      int     // joins made between open chain ends
	MaxGapMM        float64 // longest such join
	LayersRepaired  int     // layers where at least one join was made
	NonManifold     int     // edges shared by more than two facets
	BoundaryEdges   int     // edges used by one facet only
	SkippedFacets   int     // facets with a repeated vertex index (no area)
	FlippedSegments int     // section segments walked against their facet's winding
}

// Slice cuts the placed mesh (mm, on the bed, z >= 0) into layers and plans
// every layer's extrusions. It uses opts.Workers goroutines, honours ctx
// cancellation, and returns the same result whatever the scheduling.
func Slice(ctx context.Context, m *mesh.Mesh, cfg Config, opts Options) (*Result, error) {
	return sliceInto(ctx, m, cfg, opts, nil)
}

// sliceInto is Slice; with a sink, layers go to it as they are finished and
// the result's Layers keep no paths and Regions is nil.
func sliceInto(ctx context.Context, m *mesh.Mesh, cfg Config, opts Options, sink layerSink) (*Result, error) {
	if m == nil || len(m.Triangles) == 0 || len(m.Vertices) == 0 {
		return nil, ErrEmpty
	}
	if err := checkConfig(&cfg); err != nil {
		return nil, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	res := opts.Resolution
	if res == 0 {
		res = 25
	}
	s := &slicer{ctx: ctx, cfg: cfg, workers: workers, res: res, progress: opts.Progress, sink: sink}
	return s.run(m)
}

// layerSink takes the layers while slicing goes on: next sees each
// finished layer in order, one call at a time; encode is then called once
// per layer, from the worker w that finished it, concurrently with other
// layers and workers. After encode the layer's paths are dropped. Run
// streams layers into G-code this way, so a run never holds the paths of
// every layer (13 MB for the bunny) at once.
type layerSink interface {
	begin(n, workers int)
	next(l *Layer)
	encode(w, i int, l *Layer)
}

// Stages of a run, for benchmarks that time the pipeline up to a stage.
const (
	stageAll = iota
	stageContours
	stagePerimeters
	stageClassify
)

// checkConfig validates c and fills the widths left at 0 with
// extrusion_width, as PrusaSlicer does.
func checkConfig(c *Config) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if c.SpiralVase {
		c.vaseSettings() // vase.go
	}
	for _, w := range []*float64{&c.ExternalPerimeterW, &c.PerimeterW, &c.FirstLayerW, &c.InfillW, &c.SolidInfillW, &c.TopInfillW} {
		if *w == 0 {
			*w = c.ExtrusionWidth
		}
	}
	return nil
}

// slicer carries one run's settings; it is not shared between runs.
type slicer struct {
	ctx      context.Context
	cfg      Config
	workers  int
	res      int64
	progress func(done, total int)

	mu    sync.Mutex
	done  int
	total int

	stop    int       // stage to stop after (benchmarks); stageAll runs everything
	sink    layerSink // when set, takes the layers as they are finished
	layers  []layerState
	seamRef geom.Point // aligned seams: the vertex nearest this point

	base        int            // the model's first layer: raft_layers (raft.go)
	raftSupport []geom.Polygon // support areas on the model's first layer, which the raft holds too
	raftFirst   []geom.Polygon // the raft's first layer, which the skirt goes round

	vasePrev    bool // vase mode: the layer before the next to finish is a spiral (vase.go)
	vaseDropped int  // vase mode: layers above the bottom whose smaller islands were left out

	gyroPool sync.Pool // *gyroScratch

	work [4]atomic.Int64 // ns per stage, see StageTimes
}

// Stage indices into slicer.work.
const (
	workContours = iota
	workPerimeters
	workClassify
	workInfill
)

// timed wraps a per-layer stage for parallel, its time counted toward
// stage k.
func (s *slicer) timed(k int, fn func(int) error) func(w, i int) error {
	return func(_, i int) error {
		t := time.Now()
		err := fn(i)
		s.work[k].Add(int64(time.Since(t)))
		return err
	}
}

func (s *slicer) stageTimes() StageTimes {
	d := func(k int) time.Duration { return time.Duration(s.work[k].Load()) }
	return StageTimes{d(workContours), d(workPerimeters), d(workClassify), d(workInfill)}
}

// layerState is everything computed for one layer.
type layerState struct {
	z, height float64 // top and thickness, mm
	plane     float64 // slice plane, mm
	region    []geom.Polygon
	coarse    []geom.Polygon // region simplified for shell classification
	core      []geom.Polygon // coarse without the perimeter band (vertical shells)
	win2      []geom.Polygon // core ∩ next layer's core
	win4      []geom.Polygon // cores of this and the next 3 layers intersected
	topG      []geom.Polygon // top surface (not under the next layer), grown (vertical shells)
	botG      []geom.Polygon // bottom surface (not over the layer below), grown (vertical shells)
	topRing   []geom.Polygon // top surface in the core with its 3 mm ring (vertical shells)
	botRing   []geom.Polygon // bottom surface in the core with its 3 mm ring (vertical shells)
	islands   []island
	sparse    []geom.Polygon // the islands' sparse infill, for internal bridges on the layer above
	support   []Extrusion    // support material, printed first (support.go)
	out       []Extrusion
	thin      []ThinRegion
	rep       Repairs
}

func (s *slicer) tick() {
	if s.progress == nil {
		return
	}
	s.mu.Lock()
	s.done++
	s.progress(s.done, s.total)
	s.mu.Unlock()
}

// layerHeights returns the top z and thickness of every layer for a model
// of the given height: the first layer FirstLayerHeight, then LayerHeight,
// until the model's top is reached (a last layer whose slice plane would
// be above the top is not made).
func layerHeights(cfg Config, top float64) (zs, hs []float64) {
	const eps = 1e-6
	z := cfg.FirstLayerHeight
	zs = append(zs, z)
	hs = append(hs, cfg.FirstLayerHeight)
	for z+eps < top {
		nz := z + cfg.LayerHeight
		if nz-cfg.LayerHeight/2 >= top-eps {
			break
		}
		zs = append(zs, nz)
		hs = append(hs, cfg.LayerHeight)
		z = nz
	}
	return zs, hs
}

func (s *slicer) run(m *mesh.Mesh) (*Result, error) {
	top := float32(math.Inf(-1))
	for _, v := range m.Vertices {
		if math.IsNaN(float64(v.X)) || math.IsNaN(float64(v.Y)) || math.IsNaN(float64(v.Z)) ||
			math.IsInf(float64(v.X), 0) || math.IsInf(float64(v.Y), 0) || math.IsInf(float64(v.Z), 0) {
			return nil, fmt.Errorf("%w: non-finite vertex", ErrBadMesh)
		}
		top = max(top, v.Z)
	}
	for i, t := range m.Triangles {
		if int(t[0]) >= len(m.Vertices) || int(t[1]) >= len(m.Vertices) || int(t[2]) >= len(m.Vertices) {
			return nil, fmt.Errorf("%w: triangle %d refers to vertex beyond %d", ErrBadMesh, i, len(m.Vertices))
		}
	}
	if top <= 0 {
		return nil, fmt.Errorf("%w: model lies below the bed (top z %.3f)", ErrBadMesh, top)
	}
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	zs, hs := layerHeights(s.cfg, float64(top))
	lift := 0.0 // the raft's layers lie below the model's slice planes
	if s.cfg.RaftLayers > 0 {
		zs, hs, lift = raftLayout(s.cfg, float64(top))
		s.base = s.cfg.RaftLayers
	}
	n := len(zs)
	s.layers = make([]layerState, n)
	planes := make([]float64, n)
	for i := range zs {
		s.layers[i].z, s.layers[i].height = zs[i], hs[i]
		planes[i] = zs[i] - hs[i]/2 - lift
		s.layers[i].plane = planes[i]
	}
	s.total = 9 * n // per-layer passes, each ticking once per layer

	// 1. contours
	t0 := time.Now()
	sec, err := newSectioner(s.ctx, m, planes)
	if err != nil {
		return nil, err
	}
	s.work[workContours].Add(int64(time.Since(t0)))
	scratch := make([][]int32, s.workers)
	err = s.parallel(n, func(w, i int) error {
		if scratch[w] == nil {
			scratch[w] = make([]int32, len(m.Triangles))
			for k := range scratch[w] {
				scratch[w][k] = -1
			}
		}
		return s.timed(workContours, func(i int) error { return s.contours(sec, i, scratch[w]) })(w, i)
	})
	if err != nil {
		return nil, err
	}
	// the sectioner (edge adjacency, triangles by z) and the scratch
	// stamps are done with: drop them before the passes that allocate most
	rep := sec.rep
	sec, scratch = nil, nil
	if s.stop == stageContours {
		return &Result{Repairs: rep}, nil
	}
	if s.cfg.Support && s.cfg.SupportAuto {
		if err := s.supports(); err != nil {
			return nil, err
		}
	}
	if s.base > 0 {
		s.raft()
	}
	if s.cfg.SpiralVase {
		s.vaseIslands()
	}
	box := geom.EmptyRect()
	for i := range s.layers {
		for _, p := range s.layers[i].region {
			box = box.Union(p.Bounds())
		}
	}
	if !box.Empty() {
		s.seamRef = geom.Point{X: (box.Min.X + box.Max.X) / 2, Y: box.Max.Y + 1000*um}
	}
	// 2–4. perimeters, shell classification, infill, in bands of layers
	// from the bottom up. Every stage of a layer depends only on its own
	// section and on the sections a few layers above and below, so a band
	// is finished (and, with a sink, encoded) before the next starts, and
	// the classification windows and perimeter areas of all layers are
	// never held at once: for the bunny the live heap peaked at 17 MB with
	// whole-model stages, most of it those windows.
	nTop, nBot := s.solidCounts(s.cfg.LayerHeight)
	band := max(32, 4*s.workers)
	if s.stop != stageAll {
		band = n // benchmarks time whole stages
	}
	skirts := s.skirtAndBrim()
	if err := s.skirtOnBed(skirts); err != nil {
		return nil, err
	}
	out := &Result{Layers: make([]Layer, n), Bounds: geom.EmptyRect(), Repairs: rep}
	if s.sink == nil {
		out.Regions = make([][]geom.Polygon, n)
	}
	fin := finisher{s: s, out: out, skirts: skirts}
	if s.sink != nil && s.stop == stageAll {
		s.sink.begin(n, s.workers)
	}
	var seqMu sync.Mutex
	filled := make([]bool, n)
	fillAndSink := func(w, i int) error {
		if err := s.timed(workInfill, s.fill)(w, i); err != nil || s.sink == nil {
			return err
		}
		seqMu.Lock()
		filled[i] = true
		from := fin.next
		for fin.next < n && filled[fin.next] {
			l := fin.layer(fin.next)
			s.sink.next(l)
			fin.next++
		}
		to := fin.next
		seqMu.Unlock()
		for j := from; j < to; j++ {
			s.sink.encode(w, j, &out.Layers[j])
			out.Layers[j].Paths = nil
		}
		return nil
	}
	// The stages of a band, in order. Band stages run on the band's
	// layers; window stages (ahead) run on every layer up to ahead layers
	// past the band's end plus the top shell's reach, since
	// classification reads the cores of layers i-nBot..i+nTop through the
	// windows of 2 and 4 layers, and the next layer's section. endsAt is
	// the benchmark stop (Options) after which a band goes no further.
	// needs names, for a layer i of the stage, the layers of earlier
	// stages it reads, as a count from the bottom (see stagePlan).
	upV, downV := max(nTop-1, 0), max(nBot-1, 0)
	hiOf := func(i int) int { return min(i+upV, n-1) }
	const (
		stPerimeters = iota
		stCoarse
		stPairs2
		stPairs4
		stSurfaces
		stClassify
		stBridges
		stFill
	)
	stages := []stagePlanStage{
		{name: "perimeters", run: s.timed(workPerimeters, s.perimeters), endsAt: stagePerimeters},
		{name: "coarse sections", run: s.timed(workClassify, s.coarsen), window: true, ahead: 0},
		// i ∩ i+1
		{name: "2-layer windows", run: s.timed(workClassify, s.pairs2), window: true, ahead: -1,
			needs: func(i int, need func(stage, layers int)) { need(stCoarse, i+2) }},
		// win2(i) ∩ win2(i+2)
		{name: "4-layer windows", run: s.timed(workClassify, s.pairs4), window: true, ahead: -3,
			needs: func(i int, need func(stage, layers int)) { need(stPairs2, i+3) }},
		// the coarse sections of i-1, i, i+1
		{name: "top and bottom surfaces", run: s.timed(workClassify, s.surfaces), window: true, ahead: -1,
			needs: func(i int, need func(stage, layers int)) { need(stCoarse, i+2) }},
		// its own islands, the coarse sections of i±1, and over the
		// shell's reach i-downV..hi the surfaces and what common reads:
		// cores up to hi, 2-layer windows up to hi-1, 4-layer ones up to
		// hi-3
		{name: "shell classification", run: s.timed(workClassify, s.classify),
			needs: func(i int, need func(stage, layers int)) {
				hi := hiOf(i)
				need(stPerimeters, i+1)
				need(stCoarse, max(i+2, hi+1))
				need(stPairs2, hi)
				need(stPairs4, hi-2)
				need(stSurfaces, hi+1)
			}},
		// internal bridges read the sparse infill of the layer below
		{name: "internal bridges", run: s.timed(workClassify, s.internalBridges), endsAt: stageClassify,
			needs: func(i int, need func(stage, layers int)) { need(stClassify, i+1) }},
		// its own classification and bridges, the coarse section below
		{name: "infill, then G-code in layer order", run: fillAndSink,
			needs: func(i int, need func(stage, layers int)) {
				need(stClassify, i+1)
				need(stBridges, i+1)
				need(stCoarse, i)
			}},
	}
	plan := newStagePlan(len(stages), n)
	for b0 := 0; b0 < n; b0 += band {
		b1 := min(n, b0+band)
		reach := b1 + max(nTop, 1)
		for k := range stages {
			st := &stages[k]
			lo, hi := b0, b1
			if st.window {
				lo, hi = st.done, min(reach+st.ahead, n)
				st.done = max(st.done, hi)
			}
			for i := lo; i < hi; i++ {
				plan.add(k, i, st.needs)
			}
			if st.endsAt != stageAll && s.stop == st.endsAt {
				break
			}
		}
	}
	// What no later task reads is dropped as the infill's finished prefix
	// grows: the windows below every later classification's reach (and
	// below what the window stages still compute), the coarse sections
	// and sparse areas below the next layer to fill (its classification,
	// bridges and infill read the layer below). The plan calls this with
	// the finished prefixes under its lock, and no running task reads
	// what it drops.
	freedWin, freedCoarse := 0, 0 // [0, freed): dropped
	release := func(done []int) {
		if s.stop != stageAll {
			return
		}
		fill := done[stFill]
		for ; freedWin < min(fill-downV-2, done[stPairs2], done[stPairs4], done[stSurfaces]); freedWin++ {
			L := &s.layers[freedWin]
			L.core, L.win2, L.win4, L.topG, L.botG, L.topRing, L.botRing = nil, nil, nil, nil, nil, nil, nil
		}
		for ; freedCoarse < fill-1; freedCoarse++ {
			s.layers[freedCoarse].coarse = nil
			s.layers[freedCoarse].sparse = nil
		}
	}
	runs := make([]func(w, i int) error, len(stages))
	for k := range stages {
		runs[k] = stages[k].run
	}
	if err := s.runPlan(plan, runs, release); err != nil {
		return nil, err
	}
	if s.stop != stageAll {
		return &Result{Repairs: rep}, nil
	}
	for fin.next < n {
		fin.layer(fin.next)
		fin.next++
	}
	for i := range s.layers {
		s.layers[i].coarse, s.layers[i].sparse = nil, nil
	}
	out.Stages = s.stageTimes()
	out.VaseDroppedLayers = s.vaseDropped
	return out, nil
}

// finisher orders each filled layer's islands, in layer order, and moves
// the layer into the result.
type finisher struct {
	s        *slicer
	out      *Result
	skirts   [][]Extrusion
	next     int // the next layer to finish
	last     geom.Point
	haveLast bool
}

func (f *finisher) layer(i int) *Layer {
	s, out := f.s, f.out
	L := &s.layers[i]
	paths := make([]Extrusion, 0, len(L.out)+4)
	if i < len(f.skirts) {
		paths = append(paths, f.skirts[i]...)
	}
	paths = append(paths, L.support...)
	L.support = nil
	if len(paths) > 0 {
		f.last, f.haveLast = endOf(paths[len(paths)-1]), true
	}
	ordered := orderIslands(L.islands, f.last, f.haveLast)
	for _, is := range ordered {
		paths = append(paths, is.paths...)
	}
	if len(paths) > 0 {
		f.last, f.haveLast = endOf(paths[len(paths)-1]), true
	}
	out.Layers[i] = Layer{Index: i, Z: L.z, Height: L.height, Paths: paths}
	if s.cfg.SpiralVase {
		s.markSpiral(i, &out.Layers[i])
	}
	for _, p := range L.region {
		out.Bounds = out.Bounds.Union(p.Bounds())
	}
	if out.Regions != nil {
		out.Regions[i] = L.region
	} else {
		L.region = nil // nobody asked for the sections
	}
	out.Thin = append(out.Thin, L.thin...)
	L.islands = nil // their paths are in out.Layers now
	r := &out.Repairs
	r.OpenChains += L.rep.OpenChains
	r.GapsClosed += L.rep.GapsClosed
	r.MaxGapMM = max(r.MaxGapMM, L.rep.MaxGapMM)
	r.FlippedSegments += L.rep.FlippedSegments
	if L.rep.GapsClosed > 0 {
		r.LayersRepaired++
	}
	return &out.Layers[i]
}

func endOf(e Extrusion) geom.Point {
	if e.Closed || len(e.Points) == 0 {
		if len(e.Points) == 0 {
			return geom.Point{}
		}
		return e.Points[0]
	}
	return e.Points[len(e.Points)-1]
}

// parallel runs fn(worker, i) for i in [0,n) on s.workers goroutines. The
// first error (lowest i) wins; ctx cancellation stops the run. A panic in a
// clipping routine is turned into an error naming the layer.
func (s *slicer) parallel(n int, fn func(w, i int) error) error {
	return s.parallelRange(0, n, fn)
}

// parallelRange is parallel over layers [lo, hi).
func (s *slicer) parallelRange(lo, hi int, fn func(w, i int) error) error {
	var next atomic.Int64
	next.Store(int64(lo))
	errs := make([]error, hi-lo)
	var failed atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < min(s.workers, hi-lo); w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= hi || failed.Load() {
					return
				}
				if err := s.ctx.Err(); err != nil {
					errs[i-lo] = err
					failed.Store(true)
					return
				}
				func() {
					defer func() {
						if r := recover(); r != nil {
							errs[i-lo] = fmt.Errorf("%w: layer %d: %v", ErrClipFailed, i, r)
							failed.Store(true)
						}
					}()
					if err := fn(w, i); err != nil {
						errs[i-lo] = err
						failed.Store(true)
					}
				}()
				s.tick()
			}
		}(w)
	}
	wg.Wait()
	if err := s.ctx.Err(); err != nil {
		return err
	}
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// skirtOnBed checks the planned brim and skirt loops against the bed (the
// skirt may have more loops than skirts to reach min_skirt_length).
func (s *slicer) skirtOnBed(skirts [][]Extrusion) error {
	if len(skirts) == 0 {
		return nil
	}
	box := geom.EmptyRect()
	for _, e := range skirts[0] {
		for _, p := range e.Points {
			box = box.Union(geom.Rect{Min: p, Max: p})
		}
	}
	if box.Empty() {
		return nil
	}
	w := s.cfg.FirstLayerW / 2 // the loops are centre lines
	return onBed(s.cfg, geom.ToMM(box.Min.X)-w, geom.ToMM(box.Min.Y)-w, geom.ToMM(box.Max.X)+w, geom.ToMM(box.Max.Y)+w)
}
