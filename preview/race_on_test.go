//go:build race

package preview

// raceEnabled: the race detector slows drawing about tenfold, so time
// limits in tests are not checked.
const raceEnabled = true
