package views

import (
	"fmt"
	"time"
)

// RelativeTime says how far t is from now in a few characters: "now",
// "in 45 min", "3 h ago", "in 2 days", "in 3 weeks", "5 months ago",
// "in 2 years". Each unit is rounded down; the zero time gives "".
// It is exported for the tray menu in package app.
func RelativeTime(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := t.Sub(now)
	future := d > 0
	if d < 0 {
		d = -d
	}
	const day = 24 * time.Hour
	var n int64
	var unit string
	switch {
	case d < time.Minute:
		return "now"
	case d < time.Hour:
		n, unit = int64(d/time.Minute), "min"
	case d < day:
		n, unit = int64(d/time.Hour), "h"
	case d < 14*day:
		n, unit = int64(d/day), "day"
	case d < 60*day:
		n, unit = int64(d/(7*day)), "week"
	case d < 365*day:
		n, unit = int64(d/(30*day)), "month"
	default:
		n, unit = int64(d/(365*day)), "year"
	}
	if n != 1 && unit != "min" && unit != "h" {
		unit += "s"
	}
	if future {
		return fmt.Sprintf("in %d %s", n, unit)
	}
	return fmt.Sprintf("%d %s ago", n, unit)
}

// ExactIn says how long until t to the minute, as a reminder reads it:
// "in under a minute", "in 42 min", "in 1 h 42 min", "in 2 days 3 h";
// "now" once t has come.
func ExactIn(t, now time.Time) string {
	d := t.Sub(now)
	switch {
	case d < 0:
		return "now"
	case d < time.Minute:
		return "in under a minute"
	}
	d = d.Truncate(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0 && hours > 0:
		return fmt.Sprintf("in %s %d h", plural(days, "day", "days"), hours)
	case days > 0:
		return "in " + plural(days, "day", "days")
	case hours > 0 && mins > 0:
		return fmt.Sprintf("in %d h %d min", hours, mins)
	case hours > 0:
		return fmt.Sprintf("in %d h", hours)
	}
	return fmt.Sprintf("in %d min", mins)
}
