package views

import (
	"os"
	"slices"
	"strings"
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

// localZoneName names the computer's time zone as an IANA name. Go
// calls it "Local", which would mean something else on another machine,
// so it is read from $TZ, /etc/timezone or the /etc/localtime link. It
// reads files: call it off the UI goroutine.
func localZoneName() string {
	ok := func(name string) bool {
		_, err := data.LoadZone(name)
		return err == nil
	}
	fromPath := func(p string) string {
		if i := strings.Index(p, "zoneinfo/"); i >= 0 {
			return p[i+len("zoneinfo/"):]
		}
		return p
	}
	if name := time.Local.String(); ok(name) {
		return name
	}
	if tz := fromPath(strings.TrimPrefix(os.Getenv("TZ"), ":")); tz != "" && ok(tz) {
		return tz
	}
	if b, err := os.ReadFile("/etc/timezone"); err == nil {
		if name := strings.TrimSpace(string(b)); ok(name) {
			return name
		}
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if name := fromPath(target); ok(name) {
			return name
		}
	}
	return "UTC"
}
