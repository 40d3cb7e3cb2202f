package app

import (
	"fmt"
	"os"
	"time"
)

// TraceEnv names the variable that turns on milestone lines for
// bench/startup: with BRIDGEKEEPER_TRACE=1 the window writes
// "bridgekeeper-trace EVENT UNIX-NANOSECONDS" to stderr at each milestone
// (see views.Env.Trace), so the time to the first rows on screen is
// measured from outside, against the moment the X server mapped the window.
const TraceEnv = "BRIDGEKEEPER_TRACE"

// traceFromEnv is the tracer TraceEnv asks for, or nil.
func traceFromEnv() func(string) {
	if os.Getenv(TraceEnv) == "" {
		return nil
	}
	return func(event string) {
		fmt.Fprintf(os.Stderr, "bridgekeeper-trace %s %d\n", event, time.Now().UnixNano())
	}
}
