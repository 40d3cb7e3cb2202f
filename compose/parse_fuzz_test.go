package compose

import (
	"errors"
	"testing"
	"time"
)

// FuzzParseWhen checks the date/time reader never panics, reports bad text
// as a typed "when" error, and that what it accepts reads back the same.
func FuzzParseWhen(f *testing.F) {
	for _, seed := range []string{"", "2026-12-03 14:30", "2026-12-03T14:30", "2026-12-03T14:30:00+01:00",
		"2026-02-30 10:00", "9999-12-31 23:59", "0000-01-01 00:00", "2026-03-29 02:30", " 2026-12-03 14:30 ",
		"tomorrow at noon", "2026-12-03 14:30\x00", "\xff\xfe", "٢٠٢٦-١٢-٠٣ ١٤:٣٠"} {
		f.Add(seed, "Europe/London")
		f.Add(seed, "America/New_York")
	}
	f.Fuzz(func(t *testing.T, text, zone string) {
		loc, err := time.LoadLocation(zone)
		if err != nil || zone == "" || zone == "Local" {
			loc = time.UTC
		}
		got, err := ParseWhen(text, loc)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != "when" {
				t.Fatalf("ParseWhen(%q) error %v is not a typed when error", text, err)
			}
			return
		}
		if got.Location() != loc {
			t.Fatalf("ParseWhen(%q) gave a time in %v, want %v", text, got.Location(), loc)
		}
		again, err := ParseWhen(got.Format(time.RFC3339), loc)
		if err != nil || !again.Equal(got) {
			t.Fatalf("ParseWhen(%q) = %v, which does not read back (%v, %v)", text, got, again, err)
		}
	})
}
