package slice

import (
	"context"
	"errors"
	"io"
	"runtime"
	"testing"
	"time"

	"github.com/usinette/usinette/internal/meshgen"
	"github.com/usinette/usinette/mesh"
)

// TestCancelMillion: a slice of a 1M-triangle mesh cancelled after 100 ms
// returns within 200 ms with context.Canceled and leaves no goroutine.
func TestCancelMillion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1M-triangle mesh")
	}
	m := meshgen.Million()
	runtime.GC()
	before := runtime.NumGoroutine()
	// the last point is still before the end: the slice takes 0.8–1.3 s
	// here (it outlasted 1 s before the sections were simplified to 25 µm)
	for _, after := range []time.Duration{100 * time.Millisecond, 250 * time.Millisecond, 500 * time.Millisecond} {
		mm := &mesh.Mesh{Vertices: append([]mesh.Vec3(nil), m.Vertices...), Triangles: m.Triangles}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		var cancelled time.Time
		go func() {
			_, err := Run(ctx, mm, mesh.Repairs{}, io.Discard, Default(), RunOptions{})
			done <- err
		}()
		time.Sleep(after)
		cancelled = time.Now()
		cancel()
		err := <-done
		took := time.Since(cancelled)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled after %v: err = %v, want context.Canceled", after, err)
		}
		if took > 200*time.Millisecond {
			t.Errorf("cancelled after %v: returned %v later, want within 200 ms", after, took)
		}
		t.Logf("cancelled after %v: returned in %v", after, took)
	}
	deadline := time.Now().Add(time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines left (before: %d):\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}
