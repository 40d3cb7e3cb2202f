package app

import (
	"runtime/debug"
	"testing"
)

// gcSettings reads the collector's settings without changing them.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestHoldGCGivesTheCollectorBack(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent, limit := gcSettings()
	release := holdGC()
	if p, l := gcSettings(); p != -1 || l != startupHeapLimit {
		t.Errorf("while held: GC percent %d, limit %d; want off with a %d ceiling", p, l, startupHeapLimit)
	}
	release()
	release() // the error paths and the main path may both call it
	if p, l := gcSettings(); p != percent || l != limit {
		t.Errorf("after release: GC percent %d, limit %d; want %d, %d", p, l, percent, limit)
	}
}

func TestHoldGCLeavesTheUsersSettingsAlone(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "200")
			percent, limit := gcSettings()
			release := holdGC()
			if p, l := gcSettings(); p != percent || l != limit {
				t.Errorf("with %s set, holdGC changed the collector: percent %d, limit %d", env, p, l)
			}
			release()
		})
	}
}
