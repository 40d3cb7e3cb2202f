package views

import (
	"testing"
	"time"
)

func TestRelativeTime(t *testing.T) {
	now := time.Date(2027, 6, 1, 12, 0, 0, 0, time.UTC)
	m, h, d := time.Minute, time.Hour, 24*time.Hour
	cases := []struct {
		at   time.Time
		want string
	}{
		{time.Time{}, ""},
		{now, "now"},
		{now.Add(59 * time.Second), "now"},
		{now.Add(45 * m), "in 45 min"},
		{now.Add(-1 * m), "1 min ago"},
		{now.Add(3*h + 59*m), "in 3 h"},
		{now.Add(-3 * h), "3 h ago"},
		{now.Add(d), "in 1 day"},
		{now.Add(-d - h), "1 day ago"},
		{now.Add(2 * d), "in 2 days"},
		{now.Add(13 * d), "in 13 days"},
		{now.Add(21 * d), "in 3 weeks"},
		{now.Add(-7 * 7 * d), "7 weeks ago"},
		{now.Add(90 * d), "in 3 months"},
		{now.Add(-400 * d), "1 year ago"},
		{now.Add(800 * d), "in 2 years"},
	}
	for _, tc := range cases {
		if got := RelativeTime(tc.at, now); got != tc.want {
			t.Errorf("RelativeTime(now%+v) = %q, want %q", tc.at.Sub(now), got, tc.want)
		}
	}
}
