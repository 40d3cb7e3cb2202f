package data

import (
	"os"
	"strings"
	"time"
)

// SystemZone names the computer's time zone as an IANA name. Go
// calls it "Local", which would mean something else on another machine,
// so it is read from $TZ, /etc/timezone or the /etc/localtime link. It
// reads files: call it off the UI goroutine.
func SystemZone() string {
	ok := func(name string) bool {
		_, err := LoadZone(name)
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
