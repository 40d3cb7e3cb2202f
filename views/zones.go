package views

import (
	"slices"
	"sync"
	"time"

	"bridgekeeper/data"
)

// zoneChoices lists the time zones the form offers, the user's own
// first; any other IANA name can be typed.
func zoneChoices(local string) []string {
	zones := []string{
		"UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin",
		"Europe/Amsterdam", "Europe/Madrid", "Europe/Rome", "Europe/Zurich", "Europe/Stockholm",
		"Europe/Warsaw", "Europe/Athens", "Europe/Helsinki", "Europe/Istanbul", "Africa/Lagos",
		"Africa/Cairo", "Africa/Johannesburg", "Africa/Nairobi", "Asia/Dubai", "Asia/Karachi",
		"Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Tokyo",
		"Asia/Seoul", "Australia/Perth", "Australia/Sydney", "Pacific/Auckland",
		"America/St_Johns", "America/Halifax", "America/Toronto", "America/New_York",
		"America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
		"America/Vancouver", "America/Anchorage", "Pacific/Honolulu", "America/Mexico_City",
		"America/Bogota", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
	}
	if local != "" {
		zones = slices.DeleteFunc(zones, func(z string) bool { return z == local })
		zones = append([]string{local}, zones...)
	}
	return zones
}

// localZoneName names the computer's time zone as an IANA name (see
// data.SystemZone). It reads files: call it off the UI goroutine.
func localZoneName() string { return data.SystemZone() }

// zoneCache holds the time zones the window has loaded, for every tab: the
// table and the composer format times on the UI goroutine, and loading a
// zone reads a file, so names are loaded off it (load, warm) and read from
// here (lookup, get). A name that is not a zone is remembered as such.
type zoneCache struct {
	mu sync.Mutex
	m  map[string]*time.Location // nil: looked up, and not a zone
}

// load reads the named zones that are not cached yet. It reads files, so
// call it off the UI goroutine.
func (z *zoneCache) load(names ...string) {
	var missing []string
	z.mu.Lock()
	for _, n := range names {
		if _, ok := z.m[n]; !ok && n != "" {
			missing = append(missing, n)
		}
	}
	z.mu.Unlock()
	for _, n := range missing {
		loc, _ := data.LoadZone(n)
		z.mu.Lock()
		if z.m == nil {
			z.m = map[string]*time.Location{}
		}
		z.m[n] = loc
		z.mu.Unlock()
	}
}

// warm loads the zones of ivs; off the UI goroutine, as load.
func (z *zoneCache) warm(ivs []data.Interview) {
	names := make([]string, 0, len(ivs))
	for _, iv := range ivs {
		names = append(names, iv.TimeZone)
	}
	z.load(names...)
}

// lookup says what the cache knows of name: its location (zoneReady), that
// it is not a zone (zoneUnknown), or nothing yet (zoneLoading).
func (z *zoneCache) lookup(name string) (*time.Location, zoneState) {
	z.mu.Lock()
	defer z.mu.Unlock()
	loc, ok := z.m[name]
	switch {
	case !ok:
		return nil, zoneLoading
	case loc == nil:
		return nil, zoneUnknown
	}
	return loc, zoneReady
}

// get returns a cached zone, or the computer's own when it is not cached.
func (z *zoneCache) get(name string) *time.Location {
	if loc, state := z.lookup(name); state == zoneReady {
		return loc
	}
	return time.Local
}
