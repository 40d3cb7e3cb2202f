package compose

import (
	"errors"
	"testing"
	"time"
	_ "time/tzdata" // the zones below must exist even where the system has no zoneinfo
)

// wallCase is a wall time in a zone and what Wall should make of it.
// Instants are written in RFC 3339 so the offset claimed is visible.
type wallCase struct {
	name  string
	zone  string
	wall  string // "2006-01-02 15:04"
	want  string // the instant returned; "" for a gap
	kind  WallKind
	extra string // Nearest for a gap, Later for an overlap
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

func mustInstant(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad instant %q in test table: %v", s, err)
	}
	return v
}

// callWall runs Wall on the case's wall text.
func callWall(t *testing.T, c wallCase) (time.Time, *time.Location, error) {
	t.Helper()
	loc := mustZone(t, c.zone)
	w, err := time.Parse("2006-01-02 15:04", c.wall)
	if err != nil {
		t.Fatalf("bad wall %q in test table: %v", c.wall, err)
	}
	got, err := Wall(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), loc)
	return got, loc, err
}

// checkInstant fails unless got is the instant want, in loc, with the wall
// clock claimed (wall, or the wall clock of want when wall is "").
func checkInstant(t *testing.T, what string, got time.Time, want string, loc *time.Location, wall string) {
	t.Helper()
	w := mustInstant(t, want)
	if !got.Equal(w) {
		t.Errorf("%s = %s, want %s", what, got.Format(time.RFC3339), want)
	}
	if got.Location() != loc {
		t.Errorf("%s is in %v, want %v", what, got.Location(), loc)
	}
	if wall == "" {
		wall = w.Format("2006-01-02 15:04")
	}
	if c := got.Format("2006-01-02 15:04"); c != wall {
		t.Errorf("%s reads %s on the wall clock, want %s", what, c, wall)
	}
	if _, off := got.Zone(); off != zoneOffset(w) {
		t.Errorf("%s has offset %d, want %d", what, off, zoneOffset(w))
	}
}

func zoneOffset(t time.Time) int { _, off := t.Zone(); return off }

func runWallCases(t *testing.T, cases []wallCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, loc, err := callWall(t, c)
			if c.kind == 0 {
				if err != nil {
					t.Fatalf("Wall(%s in %s) error %v", c.wall, c.zone, err)
				}
				checkInstant(t, "time", got, c.want, loc, c.wall)
				return
			}
			var we *WallError
			if !errors.As(err, &we) || we.Kind != c.kind {
				t.Fatalf("Wall(%s in %s) = %v, %v; want a %v WallError", c.wall, c.zone, got, err, c.kind)
			}
			if we.Zone != c.zone || we.Wall != c.wall {
				t.Errorf("error names %q at %q, want %q at %q", we.Zone, we.Wall, c.zone, c.wall)
			}
			if c.kind == WallGap {
				if !got.IsZero() || !we.Earlier.IsZero() || !we.Later.IsZero() {
					t.Errorf("gap returned %v, Earlier %v, Later %v; want all zero", got, we.Earlier, we.Later)
				}
				checkInstant(t, "Nearest", we.Nearest, c.extra, loc, "")
				return
			}
			if !we.Nearest.IsZero() {
				t.Errorf("overlap has Nearest %v, want zero", we.Nearest)
			}
			checkInstant(t, "time", got, c.want, loc, c.wall)
			checkInstant(t, "Earlier", we.Earlier, c.want, loc, c.wall)
			checkInstant(t, "Later", we.Later, c.extra, loc, c.wall)
		})
	}
}

func TestWallTimeOrdinary(t *testing.T) {
	runWallCases(t, []wallCase{
		{name: "Berlin winter", zone: "Europe/Berlin", wall: "2026-12-03 14:30", want: "2026-12-03T14:30:00+01:00"},
		{name: "Berlin summer", zone: "Europe/Berlin", wall: "2026-07-01 09:00", want: "2026-07-01T09:00:00+02:00"},
		{name: "New York summer", zone: "America/New_York", wall: "2026-07-01 09:00", want: "2026-07-01T09:00:00-04:00"},
		{name: "Kolkata", zone: "Asia/Kolkata", wall: "2026-05-05 10:15", want: "2026-05-05T10:15:00+05:30"},
		{name: "Lord Howe winter", zone: "Australia/Lord_Howe", wall: "2026-06-01 12:00", want: "2026-06-01T12:00:00+10:30"},
		{name: "Lord Howe summer", zone: "Australia/Lord_Howe", wall: "2026-12-01 12:00", want: "2026-12-01T12:00:00+11:00"},
		{name: "Santiago", zone: "America/Santiago", wall: "2026-06-15 18:45", want: "2026-06-15T18:45:00-04:00"},
		{name: "Dublin summer", zone: "Europe/Dublin", wall: "2026-07-01 12:00", want: "2026-07-01T12:00:00+01:00"},
		{name: "Dublin winter (negative DST)", zone: "Europe/Dublin", wall: "2026-01-15 12:00", want: "2026-01-15T12:00:00Z"},
		{name: "Apia after the skipped day", zone: "Pacific/Apia", wall: "2011-12-31 00:00", want: "2011-12-31T00:00:00+14:00"},
		{name: "Apia before the skipped day", zone: "Pacific/Apia", wall: "2011-12-29 23:59", want: "2011-12-29T23:59:00-10:00"},
		{name: "Kathmandu", zone: "Asia/Kathmandu", wall: "2026-02-02 08:00", want: "2026-02-02T08:00:00+05:45"},
	})
}

func TestWallTimeGap(t *testing.T) {
	runWallCases(t, []wallCase{
		{name: "Berlin", zone: "Europe/Berlin", wall: "2026-03-29 02:30", kind: WallGap, extra: "2026-03-29T03:00:00+02:00"},
		{name: "Berlin first gap minute", zone: "Europe/Berlin", wall: "2026-03-29 02:00", kind: WallGap, extra: "2026-03-29T03:00:00+02:00"},
		{name: "Berlin last gap minute", zone: "Europe/Berlin", wall: "2026-03-29 02:59", kind: WallGap, extra: "2026-03-29T03:00:00+02:00"},
		{name: "New York", zone: "America/New_York", wall: "2026-03-08 02:30", kind: WallGap, extra: "2026-03-08T03:00:00-04:00"},
		{name: "Lord Howe 30 minutes", zone: "Australia/Lord_Howe", wall: "2026-10-04 02:15", kind: WallGap, extra: "2026-10-04T02:30:00+11:00"},
		{name: "Lord Howe first gap minute", zone: "Australia/Lord_Howe", wall: "2026-10-04 02:00", kind: WallGap, extra: "2026-10-04T02:30:00+11:00"},
		{name: "Santiago at midnight", zone: "America/Santiago", wall: "2026-09-06 00:30", kind: WallGap, extra: "2026-09-06T01:00:00-03:00"},
		{name: "Dublin", zone: "Europe/Dublin", wall: "2026-03-29 01:30", kind: WallGap, extra: "2026-03-29T02:00:00+01:00"},
		{name: "Troll two hours", zone: "Antarctica/Troll", wall: "2026-03-29 02:30", kind: WallGap, extra: "2026-03-29T03:00:00+02:00"},
		{name: "Apia skipped day", zone: "Pacific/Apia", wall: "2011-12-30 12:00", kind: WallGap, extra: "2011-12-31T00:00:00+14:00"},
		{name: "Apia skipped midnight", zone: "Pacific/Apia", wall: "2011-12-30 00:00", kind: WallGap, extra: "2011-12-31T00:00:00+14:00"},
	})
}

func TestWallTimeAroundGap(t *testing.T) {
	// The last minute before a gap and the first after it are ordinary.
	runWallCases(t, []wallCase{
		{name: "Berlin before", zone: "Europe/Berlin", wall: "2026-03-29 01:59", want: "2026-03-29T01:59:00+01:00"},
		{name: "Berlin after", zone: "Europe/Berlin", wall: "2026-03-29 03:00", want: "2026-03-29T03:00:00+02:00"},
		{name: "New York before", zone: "America/New_York", wall: "2026-03-08 01:59", want: "2026-03-08T01:59:00-05:00"},
		{name: "New York after", zone: "America/New_York", wall: "2026-03-08 03:00", want: "2026-03-08T03:00:00-04:00"},
		{name: "Lord Howe before", zone: "Australia/Lord_Howe", wall: "2026-10-04 01:59", want: "2026-10-04T01:59:00+10:30"},
		{name: "Lord Howe after", zone: "Australia/Lord_Howe", wall: "2026-10-04 02:30", want: "2026-10-04T02:30:00+11:00"},
		{name: "Santiago before", zone: "America/Santiago", wall: "2026-09-05 23:59", want: "2026-09-05T23:59:00-04:00"},
		{name: "Santiago after", zone: "America/Santiago", wall: "2026-09-06 01:00", want: "2026-09-06T01:00:00-03:00"},
	})
}

func TestWallTimeAmbiguous(t *testing.T) {
	runWallCases(t, []wallCase{
		{name: "Berlin", zone: "Europe/Berlin", wall: "2026-10-25 02:30", kind: WallAmbiguous, want: "2026-10-25T02:30:00+02:00", extra: "2026-10-25T02:30:00+01:00"},
		{name: "Berlin first repeated minute", zone: "Europe/Berlin", wall: "2026-10-25 02:00", kind: WallAmbiguous, want: "2026-10-25T02:00:00+02:00", extra: "2026-10-25T02:00:00+01:00"},
		{name: "Berlin last repeated minute", zone: "Europe/Berlin", wall: "2026-10-25 02:59", kind: WallAmbiguous, want: "2026-10-25T02:59:00+02:00", extra: "2026-10-25T02:59:00+01:00"},
		{name: "New York", zone: "America/New_York", wall: "2026-11-01 01:30", kind: WallAmbiguous, want: "2026-11-01T01:30:00-04:00", extra: "2026-11-01T01:30:00-05:00"},
		{name: "Lord Howe 30 minutes", zone: "Australia/Lord_Howe", wall: "2026-04-05 01:45", kind: WallAmbiguous, want: "2026-04-05T01:45:00+11:00", extra: "2026-04-05T01:45:00+10:30"},
		{name: "Santiago before midnight", zone: "America/Santiago", wall: "2026-04-04 23:30", kind: WallAmbiguous, want: "2026-04-04T23:30:00-03:00", extra: "2026-04-04T23:30:00-04:00"},
		{name: "Dublin negative DST", zone: "Europe/Dublin", wall: "2026-10-25 01:30", kind: WallAmbiguous, want: "2026-10-25T01:30:00+01:00", extra: "2026-10-25T01:30:00Z"},
		{name: "Troll two hours", zone: "Antarctica/Troll", wall: "2026-10-25 01:15", kind: WallAmbiguous, want: "2026-10-25T01:15:00+02:00", extra: "2026-10-25T01:15:00Z"},
		{name: "Troll two hours, second hour", zone: "Antarctica/Troll", wall: "2026-10-25 02:45", kind: WallAmbiguous, want: "2026-10-25T02:45:00+02:00", extra: "2026-10-25T02:45:00Z"},
	})
}

func TestWallTimeAroundOverlap(t *testing.T) {
	// Just outside the repeated hour there is one time again.
	runWallCases(t, []wallCase{
		{name: "Berlin before", zone: "Europe/Berlin", wall: "2026-10-25 01:59", want: "2026-10-25T01:59:00+02:00"},
		{name: "Berlin after", zone: "Europe/Berlin", wall: "2026-10-25 03:00", want: "2026-10-25T03:00:00+01:00"},
		{name: "New York before", zone: "America/New_York", wall: "2026-11-01 00:59", want: "2026-11-01T00:59:00-04:00"},
		{name: "New York after", zone: "America/New_York", wall: "2026-11-01 02:00", want: "2026-11-01T02:00:00-05:00"},
		{name: "Lord Howe before", zone: "Australia/Lord_Howe", wall: "2026-04-05 01:29", want: "2026-04-05T01:29:00+11:00"},
		{name: "Lord Howe after", zone: "Australia/Lord_Howe", wall: "2026-04-05 02:00", want: "2026-04-05T02:00:00+10:30"},
	})
}

func TestWallTimeUTCNeverFails(t *testing.T) {
	fixed := time.FixedZone("", -3*3600)
	for _, loc := range []*time.Location{time.UTC, nil, fixed} {
		// Every hour of a year, and the minutes at which other zones change.
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for h := 0; h < 365*24; h++ {
			w := start.Add(time.Duration(h)*time.Hour + 30*time.Minute)
			got, err := Wall(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), loc)
			want := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, time.UTC)
			if loc != nil {
				want = time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, loc)
			}
			if err != nil || !got.Equal(want) {
				t.Fatalf("Wall(%v in %v) = %v, %v; want %v", w, loc, got, err, want)
			}
		}
	}
}

func TestWallTimeMatchesDateOutsideTransitions(t *testing.T) {
	// Where time.Date has no choice to make, Wall agrees with it.
	for _, zone := range []string{"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Europe/Dublin", "Asia/Kolkata"} {
		loc := mustZone(t, zone)
		for d := 0; d < 366; d += 3 {
			w := time.Date(2026, 1, 1+d, 12, 10, 0, 0, time.UTC)
			got, err := Wall(w.Year(), w.Month(), w.Day(), 12, 10, loc)
			want := time.Date(w.Year(), w.Month(), w.Day(), 12, 10, 0, 0, loc)
			if err != nil || !got.Equal(want) {
				t.Errorf("%s %s: Wall = %v, %v; time.Date = %v", zone, w.Format("2006-01-02"), got, err, want)
			}
		}
	}
}

func TestWallTimeMessages(t *testing.T) {
	tests := []struct {
		zone, wall, want string
	}{
		{"Europe/Berlin", "2026-03-29 02:30", "02:30 does not exist on Sun 29 Mar 2026 in Europe/Berlin: the clocks go forward; the nearest valid time is 03:00"},
		{"America/New_York", "2026-11-01 01:30", "01:30 happens twice on Sun 1 Nov 2026 in America/New_York: first at 01:30 EDT (UTC-4), then at 01:30 EST (UTC-5)"},
		{"America/Santiago", "2026-04-04 23:30", "23:30 happens twice on Sat 4 Apr 2026 in America/Santiago: first at 23:30 UTC-3, then at 23:30 UTC-4"},
		{"Australia/Lord_Howe", "2026-04-05 01:45", "01:45 happens twice on Sun 5 Apr 2026 in Australia/Lord_Howe: first at 01:45 UTC+11, then at 01:45 UTC+10:30"},
		{"Europe/Dublin", "2026-10-25 01:30", "01:30 happens twice on Sun 25 Oct 2026 in Europe/Dublin: first at 01:30 IST (UTC+1), then at 01:30 GMT (UTC)"},
		{"Pacific/Apia", "2011-12-30 12:00", "12:00 does not exist on Fri 30 Dec 2011 in Pacific/Apia: the clocks go forward; the nearest valid time is 00:00 on Sat 31 Dec 2011"},
	}
	for _, tt := range tests {
		_, _, err := callWall(t, wallCase{zone: tt.zone, wall: tt.wall})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s in %s:\n got %v\nwant %s", tt.wall, tt.zone, err, tt.want)
		}
	}
}

func TestWallTimeUTCOffset(t *testing.T) {
	for secs, want := range map[int]string{0: "UTC", 7200: "UTC+2", -4 * 3600: "UTC-4", 19800: "UTC+5:30",
		-(9*3600 + 30*60): "UTC-9:30", 20700: "UTC+5:45", -2670: "UTC-0:44:30"} {
		if got := utcOffset(secs); got != want {
			t.Errorf("utcOffset(%d) = %q, want %q", secs, got, want)
		}
	}
}
