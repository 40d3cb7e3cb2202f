package compose

import (
	"testing"
	"time"
)

func TestTimeInNamesWhatCouldBeMisread(t *testing.T) {
	ber, ny, tokyo := mustLoad(t, "Europe/Berlin"), mustLoad(t, "America/New_York"), mustLoad(t, "Asia/Tokyo")
	tests := []struct {
		name          string
		t             time.Time
		theirs, yours *time.Location
		e             English
		want          string
	}{
		{"one clock", time.Date(2026, 6, 2, 12, 0, 0, 0, time.UTC), ber, ber, EnglishUS, "2:00 PM"},
		{"the first 02:30 of the night the clocks go back", time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), ber, ber, EnglishUK, "02:30 (UTC+2)"},
		{"the second 02:30", time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), ber, ber, EnglishUK, "02:30 (UTC+1)"},
		{"an hour later is plain again", time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC), ber, ber, EnglishUK, "03:30"},
		{"the writer's day differs", time.Date(2026, 12, 10, 1, 0, 0, 0, time.UTC), tokyo, ny, EnglishUS,
			"10:00 AM Tokyo time (Wednesday 8:00 PM New York time)"},
		{"same day, two clocks", time.Date(2026, 12, 10, 14, 0, 0, 0, time.UTC), ber, ny, EnglishUS,
			"3:00 PM Berlin time (9:00 AM New York time)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := timeIn(tt.t, tt.theirs, tt.yours, tt.e); got != tt.want {
				t.Errorf("timeIn = %q, want %q", got, tt.want)
			}
		})
	}
}
