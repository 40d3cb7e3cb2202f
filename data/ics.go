package data

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// DefaultInterviewLength is how long a calendar entry lasts: the tracker
// records only when an interview starts.
const DefaultInterviewLength = time.Hour

// ICSProductID names Bridgekeeper as the writer of exported calendars.
const ICSProductID = "-//Bridgekeeper//Interview tracker//EN"

// ICSUID is the calendar UID of an interview. It depends only on the ID, so
// re-importing a newer export updates events instead of duplicating them.
func ICSUID(id int64) string { return fmt.Sprintf("interview-%d@bridgekeeper", id) }

// ICSSummary is the calendar title of an interview.
func ICSSummary(iv Interview) string {
	if strings.TrimSpace(iv.Role) == "" {
		return "Interview: " + iv.Company
	}
	return "Interview: " + iv.Role + " at " + iv.Company
}

// WriteICS writes an RFC 5545 calendar with one event for each interview
// that has a date (undated ones are skipped): start in UTC, an hour long,
// with the contact, status and notes in the description and two reminders,
// a day and an hour before. now is the DTSTAMP.
func WriteICS(w io.Writer, ivs []Interview, now time.Time) error {
	cal := ics.NewCalendarFor("Bridgekeeper")
	cal.SetProductId(ICSProductID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName("Bridgekeeper interviews")
	stamp := now.UTC()
	for _, iv := range ivs {
		if iv.StartsAt.IsZero() {
			continue
		}
		summary := icsText(ICSSummary(iv))
		ev := cal.AddEvent(ICSUID(iv.ID))
		ev.SetDtStampTime(stamp)
		ev.SetStartAt(iv.StartsAt.UTC())
		ev.SetEndAt(iv.StartsAt.UTC().Add(DefaultInterviewLength))
		ev.SetSummary(summary)
		ev.SetDescription(icsText(icsDescription(iv)))
		for _, r := range []struct{ trigger, when string }{
			{"-P1D", "Tomorrow"},
			{"-PT1H", "In one hour"},
		} {
			a := ev.AddAlarm()
			a.SetAction(ics.ActionDisplay)
			a.SetTrigger(r.trigger)
			// RFC 5545 requires a DESCRIPTION on a DISPLAY alarm.
			a.SetDescription(r.when + ": " + summary)
		}
	}
	// The library ends lines with the platform's newline (LF on Unix);
	// RFC 5545 wants CRLF everywhere.
	if err := cal.SerializeTo(w, ics.WithNewLineWindows); err != nil {
		return wrapErr("write calendar", err)
	}
	return nil
}

func icsDescription(iv Interview) string {
	var b strings.Builder
	contact := strings.TrimSpace(iv.ContactName)
	switch {
	case contact != "" && iv.ContactEmail != "":
		fmt.Fprintf(&b, "Contact: %s <%s>\n", contact, iv.ContactEmail)
	case contact != "":
		fmt.Fprintf(&b, "Contact: %s\n", contact)
	case iv.ContactEmail != "":
		fmt.Fprintf(&b, "Contact: %s\n", iv.ContactEmail)
	}
	fmt.Fprintf(&b, "Status: %s\n", iv.Status)
	if iv.TimeZone != "" {
		fmt.Fprintf(&b, "Local time: %s (%s)\n", iv.Local(time.UTC).Format("Mon 2 Jan 2006 15:04"), iv.TimeZone)
	}
	if notes := strings.TrimSpace(iv.Notes); notes != "" {
		fmt.Fprintf(&b, "Notes: %s\n", notes)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// icsText prepares user text for a TEXT value. The library escapes
// backslash, comma, semicolon and LF, but writes CR and other control
// characters raw, which would break the line structure; so line breaks
// become LF and the remaining controls (except tab) are dropped.
func icsText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}

// Upcoming returns the interviews still ahead (starting at or after now)
// that are scheduled or rescheduled, soonest first.
func Upcoming(ivs []Interview, now time.Time) []Interview {
	var out []Interview
	for _, iv := range ivs {
		if isUpcoming(&iv, now, 0) {
			out = append(out, iv)
		}
	}
	slices.SortStableFunc(out, func(a, b Interview) int {
		return cmp.Or(a.StartsAt.Compare(b.StartsAt), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// isUpcoming reports whether iv is active and starts in [now, now+within];
// within 0 means no upper bound.
func isUpcoming(iv *Interview, now time.Time, within time.Duration) bool {
	if iv.StartsAt.IsZero() || iv.StartsAt.Before(now) {
		return false
	}
	if within > 0 && iv.StartsAt.After(now.Add(within)) {
		return false
	}
	return iv.Status == StatusScheduled || iv.Status == StatusRescheduled
}
