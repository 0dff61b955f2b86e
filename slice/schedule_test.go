package slice

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestRunPlanOrder runs a plan shaped like the slicer's (a band stage, a
// window stage reading the next layers, a stage reading the layer below)
// on 4 workers with uneven task times, and checks that every task started
// only after the layers it needs were done, and that each ran once.
func TestRunPlanOrder(t *testing.T) {
	const n, band, reach = 100, 16, 3
	needs := []func(i int, need func(stage, layers int)){
		nil,
		func(i int, need func(stage, layers int)) { need(0, i+1) },
		func(i int, need func(stage, layers int)) { need(1, i+reach+1); need(0, i+1) },
		func(i int, need func(stage, layers int)) { need(2, i+1) }, // reads layer i-1 of stage 2 too
	}
	plan := newStagePlan(len(needs), n)
	lag := 0 // stages 2 and 3: [0, lag) listed; they trail the band by reach
	for b0 := 0; b0 < n; b0 += band {
		b1 := min(n, b0+band)
		for st := 0; st < 2; st++ {
			for i := b0; i < b1; i++ {
				plan.add(st, i, needs[st])
			}
		}
		to := b1 - reach
		if b1 == n {
			to = n
		}
		for st := 2; st < 4; st++ {
			for i := lag; i < to; i++ {
				plan.add(st, i, needs[st])
			}
		}
		lag = max(lag, to)
	}
	var mu sync.Mutex
	finished := make([][]bool, len(needs))
	runs := make([]func(w, i int) error, len(needs))
	counts := make([][]int, len(needs))
	var bad atomic.Int32
	for st := range needs {
		finished[st] = make([]bool, n)
		counts[st] = make([]int, n)
		runs[st] = func(w, i int) error {
			mu.Lock()
			if needs[st] != nil {
				needs[st](i, func(s2, layers int) {
					for k := 0; k < min(layers, n); k++ {
						if !finished[s2][k] {
							bad.Add(1)
						}
					}
				})
			}
			counts[st][i]++
			mu.Unlock()
			time.Sleep(time.Duration((i*7+st*13)%5) * 50 * time.Microsecond)
			mu.Lock()
			finished[st][i] = true
			mu.Unlock()
			return nil
		}
	}
	s := &slicer{ctx: context.Background(), workers: 4}
	if err := s.runPlan(plan, runs, func([]int) {}); err != nil {
		t.Fatal(err)
	}
	if b := bad.Load(); b > 0 {
		t.Errorf("%d needed layers were not done when a task started", b)
	}
	for st := range counts {
		for i, c := range counts[st] {
			if c > 1 {
				t.Errorf("stage %d layer %d ran %d times", st, i, c)
			}
		}
	}
}

// TestRunPlanStopsOnError: the first failing task's error is returned and
// the workers stop taking tasks.
func TestRunPlanStopsOnError(t *testing.T) {
	const n = 200
	plan := newStagePlan(1, n)
	for i := range n {
		plan.add(0, i, nil)
	}
	boom := errors.New("boom")
	var ran atomic.Int32
	runs := []func(w, i int) error{func(w, i int) error {
		ran.Add(1)
		if i == 10 {
			return boom
		}
		return nil
	}}
	s := &slicer{ctx: context.Background(), workers: 2}
	if err := s.runPlan(plan, runs, func([]int) {}); !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
	if r := ran.Load(); r > 20 {
		t.Errorf("%d tasks ran after the failure at layer 10", r)
	}
}

// TestPlanRefusesUnlistedNeed: a need on layers listed after the task would
// let it read what another task writes; add refuses it.
func TestPlanRefusesUnlistedNeed(t *testing.T) {
	plan := newStagePlan(2, 10)
	plan.add(0, 0, nil)
	defer func() {
		if recover() == nil {
			t.Error("a need on layer 5 of stage 0, listed up to layer 0, was accepted")
		}
	}()
	plan.add(1, 0, func(i int, need func(stage, layers int)) { need(0, 6) })
}
