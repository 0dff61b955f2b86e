package slice

import (
	"fmt"
	"sync"
)

// stagePlanStage is one pass of the banded stages of slicer.run: its work
// on one layer, whether it runs on the band's layers or ahead of them (a
// window stage), the benchmark stop after which a band goes no further,
// and what it reads of the earlier stages (nil: nothing).
type stagePlanStage struct {
	name   string
	run    func(w, i int) error
	window bool
	ahead  int
	endsAt int
	needs  func(i int, need func(stage, layers int))
	done   int // window stages: [0, done) planned
}

// stagePlan lists the (stage, layer) tasks in the order of the bands, each
// with the layers of earlier stages it must wait for. The bands used to end
// every stage with a barrier: a worker finished with its last layer of a
// stage waited for the other's before starting the next stage, about 6 %
// of the workers' time on the bunny. Here a task waits only for what it
// reads, so a worker goes on with the next stage's layers whose inputs
// are done.
type stagePlan struct {
	n       int // layers
	tasks   []planTask
	needs   []planNeed
	planned []int // per stage: layers [0, planned) listed so far
}

type planTask struct {
	stage, layer int32
	from, to     int32 // its needs: plan.needs[from:to]
}

// planNeed: the first layers of stage are done.
type planNeed struct{ stage, layers int32 }

func newStagePlan(stages, layers int) *stagePlan {
	return &stagePlan{n: layers, planned: make([]int, stages)}
}

// add lists layer i of stage after the tasks listed so far. What it needs
// must be listed before it: tasks may run out of list order (runPlan), so
// a need cut short would let the task read what another is writing. Only
// a stage not listed at all (a benchmark stop before it) is no need.
func (p *stagePlan) add(stage, i int, needs func(i int, need func(stage, layers int))) {
	t := planTask{stage: int32(stage), layer: int32(i), from: int32(len(p.needs))}
	if needs != nil {
		needs(i, func(st, layers int) {
			layers = min(layers, p.n)
			if layers <= 0 || p.planned[st] == 0 {
				return
			}
			if layers > p.planned[st] {
				panic(fmt.Sprintf("slice: stage %d of layer %d needs %d layers of stage %d, %d listed before it", stage, i, layers, st, p.planned[st]))
			}
			p.needs = append(p.needs, planNeed{int32(st), int32(layers)})
		})
	}
	t.to = int32(len(p.needs))
	p.tasks = append(p.tasks, t)
	p.planned[stage] = max(p.planned[stage], i+1)
}

// planLookahead is how far past the first task not yet taken a worker looks
// for one whose inputs are done: a band's worth, so that a worker never
// waits while the next band's sections and perimeters could run.
const planLookahead = 64

// runPlan runs the plan's tasks on the slicer's workers: each takes the
// first task, in list order within planLookahead of the first one not yet
// taken, whose needs are done, and waits when there is none. The lowest
// unfinished task always has its needs done (they are listed before it),
// so the workers cannot both wait forever. After each task, release gets
// the finished prefix of every stage (under the plan's lock, so no task
// starts meanwhile) to drop what no later task reads. The first error or
// panic stops the workers.
func (s *slicer) runPlan(p *stagePlan, runs []func(w, i int) error, release func(done []int)) error {
	if len(p.tasks) == 0 {
		return nil
	}
	var (
		mu     sync.Mutex
		cond   = sync.NewCond(&mu)
		next   int // the first task not taken
		failed error
	)
	taken := make([]bool, len(p.tasks))
	finished := make([][]bool, len(runs))
	for k := range finished {
		finished[k] = make([]bool, p.n)
	}
	done := make([]int, len(runs)) // per stage: layers [0, done) finished
	ready := func(t planTask) bool {
		for _, nd := range p.needs[t.from:t.to] {
			if done[nd.stage] < int(nd.layers) {
				return false
			}
		}
		return true
	}
	// take returns the next task to run, or false when there is none
	// left or a task failed (called with mu held)
	take := func() (planTask, bool) {
		for failed == nil && next < len(p.tasks) {
			for k := next; k < min(len(p.tasks), next+planLookahead); k++ {
				if !taken[k] && ready(p.tasks[k]) {
					taken[k] = true
					for next < len(p.tasks) && taken[next] {
						next++
					}
					return p.tasks[k], true
				}
			}
			cond.Wait()
		}
		return planTask{}, false
	}
	run := func(w int, t planTask) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%w: layer %d: %v", ErrClipFailed, t.layer, r)
			}
		}()
		if err := s.ctx.Err(); err != nil {
			return err
		}
		return runs[t.stage](w, int(t.layer))
	}
	worker := func(w int) {
		mu.Lock()
		defer mu.Unlock()
		for {
			t, ok := take()
			if !ok {
				return
			}
			mu.Unlock()
			err := run(w, t)
			s.tick()
			mu.Lock()
			if err != nil {
				if failed == nil {
					failed = err
				}
			} else {
				finished[t.stage][t.layer] = true
				st := t.stage
				for done[st] < p.n && finished[st][done[st]] {
					done[st]++
				}
				release(done)
			}
			cond.Broadcast()
		}
	}
	var wg sync.WaitGroup
	for w := range min(s.workers, len(p.tasks)) {
		wg.Go(func() { worker(w) })
	}
	wg.Wait()
	if err := s.ctx.Err(); err != nil {
		return err
	}
	return failed
}
