//go:build race

package main

// slowdown is how much slower the race detector makes the code: time
// limits in tests are multiplied by it.
const slowdown = 10
