package views

import (
	"testing"
	"time"
)

func TestZoneCacheKnowsLoadedUnknownAndNotYet(t *testing.T) {
	var z zoneCache
	if _, state := z.lookup("Europe/Berlin"); state != zoneLoading {
		t.Errorf("before loading: %v", state)
	}
	if z.get("Europe/Berlin") != time.Local {
		t.Error("an unloaded zone should fall back to the computer's")
	}
	z.load("Europe/Berlin", "Mars/Olympus_Mons", "")
	if loc, state := z.lookup("Europe/Berlin"); state != zoneReady || loc.String() != "Europe/Berlin" {
		t.Errorf("after loading: %v, %v", loc, state)
	}
	if _, state := z.lookup("Mars/Olympus_Mons"); state != zoneUnknown {
		t.Errorf("a name that is no zone: %v", state)
	}
	if _, state := z.lookup(""); state != zoneLoading {
		t.Error("the empty name was cached")
	}
}
