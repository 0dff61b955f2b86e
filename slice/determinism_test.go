package slice

import (
	"context"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestDeterministic: one worker, four workers and two concurrent runs give
// identical results (all but the stage timings).
func TestDeterministic(t *testing.T) {
	m := loadPlaced(t, "overhang_test.stl")
	cfg := Default()
	one, err := Slice(context.Background(), m, cfg, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	res := make([]*Result, 2)
	for k := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := Slice(context.Background(), m, cfg, Options{Workers: 4})
			if err != nil {
				t.Error(err)
			}
			res[k] = r
		}()
	}
	wg.Wait()
	for _, r := range res {
		if d := cmp.Diff(one, r, cmpopts.IgnoreFields(Result{}, "Stages")); d != "" {
			t.Fatalf("results differ:\n%.2000s", d)
		}
	}
}

func TestProgress(t *testing.T) {
	last, calls := 0, 0
	total := 0
	_, err := Slice(context.Background(), boxMesh(100, 100, 0, 110, 110, 5), Default(), Options{
		Progress: func(done, tot int) {
			if done <= last {
				t.Errorf("progress went from %d to %d", last, done)
			}
			last, total = done, tot
			calls++
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != total || calls == 0 {
		t.Errorf("progress ended at %d of %d after %d calls", last, total, calls)
	}
}
