package app

import (
	"os"
	"runtime/debug"
	"sync"
)

// startupHeapLimit is the most the Go heap may grow to while the garbage
// collector waits.
const startupHeapLimit = 96 << 20

// holdGC keeps the garbage collector from running, unless the heap reaches
// startupHeapLimit, until the returned function puts the usual settings
// back. The app holds it while it parses fonts and builds the window:
// that allocates about 50 MB in a burst and keeps about 20 MB, and with
// the default settings the collector ran five times in it, on the same two
// cores that were doing the work. It costs about 7 MB of peak memory.
// GOGC or GOMEMLIMIT in the environment win.
func holdGC() (release func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(startupHeapLimit)
	var once sync.Once
	return func() {
		once.Do(func() {
			debug.SetMemoryLimit(limit)
			debug.SetGCPercent(percent)
		})
	}
}
