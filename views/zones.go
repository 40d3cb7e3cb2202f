package views

import (
	"os"
	"strings"
	"time"
)

// CommonZones is the short list offered in time-zone pickers; any other
// IANA name can still be typed.
func CommonZones() []string {
	return []string{
		"UTC",
		"Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin",
		"Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Stockholm", "Europe/Warsaw",
		"Europe/Athens", "Europe/Istanbul", "Europe/Kyiv", "Africa/Lagos", "Africa/Johannesburg",
		"Africa/Nairobi", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai",
		"Asia/Tokyo", "Asia/Seoul", "Australia/Perth", "Australia/Sydney", "Pacific/Auckland",
		"America/St_Johns", "America/Halifax", "America/New_York", "America/Chicago",
		"America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
		"Pacific/Honolulu", "America/Mexico_City", "America/Bogota", "America/Sao_Paulo",
		"America/Argentina/Buenos_Aires",
	}
}

// LocalZoneName is the IANA name of this computer's zone. Go reports the
// system zone as "Local", which means nothing on another machine, so the
// name comes from $TZ, /etc/timezone or the /etc/localtime link, and is
// "UTC" when none of them names a zone Go can load.
func LocalZoneName() string {
	candidates := []string{strings.TrimPrefix(os.Getenv("TZ"), ":")}
	if b, err := os.ReadFile("/etc/timezone"); err == nil {
		candidates = append(candidates, strings.TrimSpace(string(b)))
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if _, zone, ok := strings.Cut(target, "zoneinfo/"); ok {
			candidates = append(candidates, zone)
		}
	}
	for _, c := range candidates {
		if c == "" || c == "Local" {
			continue
		}
		if _, err := time.LoadLocation(c); err == nil {
			return c
		}
	}
	return "UTC"
}
