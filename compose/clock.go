package compose

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseClock reads a time of day the way people type it: "14:30", "14.30",
// "1430", "9", "14h30", "2:30 pm", "2pm". Errors are *InputError on "time",
// in words both forms and the command line use.
func ParseClock(text string) (hour, minute int, err error) {
	bad := &InputError{Field: "time", Msg: "enter a time like 14:30 or 2:30 pm"}
	s := strings.ToLower(strings.Join(strings.Fields(text), ""))
	s = strings.ReplaceAll(s, ".m.", "m")
	pm, am := strings.HasSuffix(s, "pm"), strings.HasSuffix(s, "am")
	if pm || am {
		s = s[:len(s)-2]
	}
	hour, minute, ok := clockNumbers(s)
	if !ok {
		return 0, 0, bad
	}
	if hour, ok = twentyFourHour(hour, am, pm); !ok {
		return 0, 0, bad
	}
	return hour, minute, nil
}

// clockNumbers reads the hour (one or two digits) and the minute (two
// digits, 00 to 59) of a clock time with any am or pm already cut off.
func clockNumbers(s string) (hour, minute int, ok bool) {
	hs, ms := splitClock(s)
	if hs == "" || len(hs) > 2 || len(ms) != 2 {
		return 0, 0, false
	}
	hour, err := strconv.Atoi(hs)
	if err != nil {
		return 0, 0, false
	}
	if minute, err = strconv.Atoi(ms); err != nil || minute < 0 || minute > 59 || hour < 0 {
		return 0, 0, false
	}
	return hour, minute, true
}

// twentyFourHour turns a 12-hour clock's hour (1 to 12, with am or pm) into
// 0 to 23, and checks that a 24-hour clock's hour is at most 23.
func twentyFourHour(hour int, am, pm bool) (int, bool) {
	switch {
	case pm || am:
		if hour < 1 || hour > 12 {
			return 0, false
		}
		hour %= 12
		if pm {
			hour += 12
		}
	case hour > 23:
		return 0, false
	}
	return hour, true
}

// splitClock cuts "14:30", "14.30", "14h30", "14h", "1430" or "9" into its
// hour and minute digits.
func splitClock(s string) (hours, minutes string) {
	if i := strings.IndexAny(s, ":.h"); i >= 0 {
		hours, minutes = s[:i], s[i+1:]
		if minutes == "" && s[i] == 'h' {
			minutes = "00"
		}
		return hours, minutes
	}
	if len(s) > 2 {
		return s[:len(s)-2], s[len(s)-2:]
	}
	return s, "00"
}

// ParseDate reads a date in the first layout that fits (the form's own,
// then YYYY-MM-DD, which is unambiguous everywhere), within MinYear to
// MaxYear. Errors are *InputError on "date", naming the layout by example.
func ParseDate(text string, layouts ...string) (time.Time, error) {
	s := strings.TrimSpace(text)
	layouts = append(layouts, "2006-01-02")
	for _, layout := range layouts {
		d, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if !ValidYear(d) {
			return time.Time{}, &InputError{Field: "date", Msg: fmt.Sprintf("%q is not a plausible interview date (years %d to %d)", text, MinYear, MaxYear)}
		}
		return d, nil
	}
	return time.Time{}, &InputError{Field: "date", Msg: "enter a date like " + DateExample(layouts[0])}
}

// DateExample is a date written in layout, for hints and messages: a day
// whose number and month cannot be mistaken for each other.
func DateExample(layout string) string {
	return time.Date(2030, 12, 31, 0, 0, 0, 0, time.UTC).Format(layout)
}
