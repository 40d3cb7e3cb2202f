package data

import (
	"strings"
	"testing"
	"time"
)

func TestWindowsZone(t *testing.T) {
	for _, c := range []struct {
		name, want string
		ok         bool
	}{
		{"W. Europe Standard Time", "Europe/Berlin", true},
		{"Pacific Standard Time", "America/Los_Angeles", true},
		{"India Standard Time", "Asia/Calcutta", true}, // CLDR's spelling, not Asia/Kolkata
		{"GMT Standard Time", "Europe/London", true},
		{"Pacific Standard Time (Mexico)", "America/Tijuana", true},
		{"UTC", "Etc/UTC", true},
		{"w. europe standard time", "Europe/Berlin", true},
		{"  Eastern Standard Time\t", "America/New_York", true},
		{"EASTERN STANDARD TIME", "America/New_York", true},
		{"Europe/Berlin", "", false},
		{"Atlantis Standard Time", "", false},
		{"", "", false},
	} {
		got, ok := WindowsZone(c.name)
		if got != c.want || ok != c.ok {
			t.Errorf("WindowsZone(%q) = %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestWindowsZonesAllLoad(t *testing.T) {
	zones := windowsZones()
	if len(zones) < 130 {
		t.Fatalf("only %d zones: the table has lost entries", len(zones))
	}
	seen := map[string]string{}
	for windows, zone := range zones {
		if windows != strings.TrimSpace(windows) || windows == "" {
			t.Errorf("name %q has surrounding space", windows)
		}
		if other, dup := seen[strings.ToLower(windows)]; dup {
			t.Errorf("%q and %q differ only in case", windows, other)
		}
		seen[strings.ToLower(windows)] = windows
		if _, err := time.LoadLocation(zone); err != nil {
			t.Errorf("%q maps to %q: %v", windows, zone, err)
		}
		if got, ok := WindowsZone(windows); !ok || got != zone {
			t.Errorf("WindowsZone(%q) = %q, %v; want %q", windows, got, ok, zone)
		}
	}
}
