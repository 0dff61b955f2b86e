package threemf

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestSizeClaimNotAllocated: a 455-byte archive whose model part claims
// 256 MB uncompressed (found by a 10-minute fuzz run, where each such
// input cost 268 MB and the fuzz worker died) is refused having allocated
// about what its few compressed bytes can inflate to.
func TestSizeClaimNotAllocated(t *testing.T) {
	b, err := os.ReadFile("testdata/fuzz/FuzzDecode/62c321bf5fcdaaf5")
	if err != nil {
		t.Fatal(err)
	}
	_, lit, _ := strings.Cut(string(b), "\n")
	lit = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(lit), "[]byte("), ")")
	data, err := strconv.Unquote(lit)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = Decode(bytes.NewReader([]byte(data)), int64(len(data)))
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Fatal("a corrupt part accepted")
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
		t.Errorf("%d-byte archive: %d bytes allocated, want < 4 MiB", len(data), got)
	}
}
