package compose

import (
	"fmt"
	"strings"
	"time"
)

// WallKind says why a wall-clock time does not name exactly one instant.
type WallKind int

const (
	// WallGap means the wall time never shows on the clocks: they jump over
	// it when they go forward (or skip a whole day, as Samoa did in 2011).
	WallGap WallKind = iota + 1
	// WallAmbiguous means the wall time shows twice because the clocks go
	// back over it.
	WallAmbiguous
)

// String names the kind for messages and test failures.
func (k WallKind) String() string {
	switch k {
	case WallGap:
		return "gap"
	case WallAmbiguous:
		return "ambiguous"
	default:
		return fmt.Sprintf("WallKind(%d)", int(k))
	}
}

// WallError reports a wall-clock time that does not exist (Kind WallGap) or
// exists twice (Kind WallAmbiguous) in a zone.
type WallError struct {
	Kind WallKind
	Zone string // the zone's name, such as "Europe/Berlin"
	Wall string // the wall time asked for, "2026-03-29 02:30"
	// Nearest is, for a gap, the first valid instant after it.
	Nearest time.Time
	// Earlier and Later are, for an overlap, the first and the second
	// instant with that wall time.
	Earlier, Later time.Time
}

// Error says what went wrong and what to do about it, in plain English.
func (e *WallError) Error() string {
	clock, day := e.Wall, e.Wall
	if w, err := time.Parse("2006-01-02 15:04", e.Wall); err == nil {
		clock, day = w.Format("15:04"), w.Format("Mon 2 Jan 2006")
	}
	switch e.Kind {
	case WallGap:
		msg := fmt.Sprintf("%s does not exist on %s in %s: the clocks go forward", clock, day, e.Zone)
		if e.Nearest.IsZero() {
			return msg
		}
		near := e.Nearest.Format("15:04")
		// A skipped day (Samoa) puts the nearest time on another date.
		if d := e.Nearest.Format("Mon 2 Jan 2006"); d != day {
			near += " on " + d
		}
		return msg + "; the nearest valid time is " + near
	case WallAmbiguous:
		return fmt.Sprintf("%s happens twice on %s in %s: first at %s, then at %s",
			clock, day, e.Zone, ClockLabel(e.Earlier), ClockLabel(e.Later))
	default:
		return fmt.Sprintf("%s in %s is not a single valid time", e.Wall, e.Zone)
	}
}

// ClockLabel writes t's wall clock with its zone, such as "01:30 EDT (UTC-4)",
// or "01:30 UTC-3" where the zone has no real abbreviation (tzdata writes
// "-03", which reads like a typo).
func ClockLabel(t time.Time) string {
	name, off := t.Zone()
	utc := utcOffset(off)
	switch {
	case name == "" || strings.HasPrefix(name, "+") || strings.HasPrefix(name, "-") || name == utc:
		return t.Format("15:04") + " " + utc
	default:
		return t.Format("15:04") + " " + name + " (" + utc + ")"
	}
}

// utcOffset writes an offset east of UTC in seconds as "UTC+2", "UTC-4",
// "UTC+5:30" or plain "UTC".
func utcOffset(seconds int) string {
	if seconds == 0 {
		return "UTC"
	}
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	h, m, s := seconds/3600, seconds/60%60, seconds%60
	switch {
	case s != 0: // only pre-1972 local mean times, such as Monrovia's
		return fmt.Sprintf("UTC%s%d:%02d:%02d", sign, h, m, s)
	case m != 0:
		return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
	default:
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
}

// Wall returns the instant whose wall clock in loc (nil means UTC) reads
// exactly that date and time; fields out of range are normalised as
// time.Date does. Unlike time.Date it does not shift a time that does not
// exist, or pick silently between two that do:
//
//   - in a gap it returns the zero time and a *WallError of Kind WallGap
//     whose Nearest is the first valid instant after the gap;
//   - in an overlap it returns the first occurrence and a *WallError of Kind
//     WallAmbiguous with both occurrences. Callers content with the first
//     check errors.As and Kind and go on with the time returned.
func Wall(year int, month time.Month, day, hour, min int, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	// naive is the wall time read as if it were UTC, so the instant we want
	// is naive minus the offset in force then. Each zone period nearby
	// offers one candidate; it counts only if it falls inside that period,
	// which works for any size or sign of shift.
	naive := time.Date(year, month, day, hour, min, 0, 0, time.UTC)
	periods := zonePeriods(naive, loc)
	var hits []time.Time
	for _, p := range periods {
		if t, ok := p.holds(naive); ok {
			hits = append(hits, t.In(loc))
		}
	}
	if len(hits) == 1 {
		return hits[0], nil
	}
	e := &WallError{Zone: loc.String(), Wall: naive.Format("2006-01-02 15:04")}
	if len(hits) == 0 {
		e.Kind, e.Nearest = WallGap, gapEnd(naive, periods, loc)
		return time.Time{}, e
	}
	e.Kind, e.Earlier, e.Later = WallAmbiguous, hits[0], hits[len(hits)-1]
	return hits[0], e
}

// wallWindow is how far from the naive instant a matching instant can lie:
// more than any UTC offset ever used, local mean times included.
const wallWindow = 27 * time.Hour

// maxPeriods stops the walk should a zone report bounds that do not advance.
const maxPeriods = 64

// period is a stretch of time with one UTC offset; a zero start or end means
// it is unbounded on that side.
type period struct {
	start, end time.Time
	offset     int // seconds east of UTC
}

// holds returns the instant in p whose wall clock reads naive, if any.
func (p period) holds(naive time.Time) (time.Time, bool) {
	t := naive.Add(-time.Duration(p.offset) * time.Second)
	if !p.start.IsZero() && t.Before(p.start) {
		return time.Time{}, false
	}
	if !p.end.IsZero() && !t.Before(p.end) {
		return time.Time{}, false
	}
	return t, true
}

// zonePeriods lists, in order, the periods of loc that overlap the window
// around naive.
func zonePeriods(naive time.Time, loc *time.Location) []period {
	from, to := naive.Add(-wallWindow).In(loc), naive.Add(wallWindow)
	var ps []period
	for t := from; len(ps) < maxPeriods; {
		_, off := t.Zone()
		start, end := t.ZoneBounds()
		ps = append(ps, period{start: start, end: end, offset: off})
		if end.IsZero() || end.After(to) || !end.After(t) {
			break
		}
		t = end
	}
	return ps
}

// gapEnd finds the transition the clocks jumped over naive at and returns
// it, the first valid instant after the gap; zero if there is none.
func gapEnd(naive time.Time, ps []period, loc *time.Location) time.Time {
	n := naive.Unix()
	for i := 0; i+1 < len(ps); i++ {
		// Wall clocks read as UTC seconds: at b they jump from before to after.
		b := ps[i].end
		before, after := b.Unix()+int64(ps[i].offset), b.Unix()+int64(ps[i+1].offset)
		if before <= n && n < after {
			return b.In(loc)
		}
	}
	return time.Time{}
}
