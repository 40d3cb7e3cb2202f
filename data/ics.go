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

// ICSSummary is the calendar title of an interview.
func ICSSummary(iv Interview) string {
	if strings.TrimSpace(iv.Role) == "" {
		return "Interview: " + iv.Company
	}
	return "Interview: " + iv.Role + " at " + iv.Company
}

// WriteICS writes an RFC 5545 calendar with one event for each interview
// that has a date (undated ones are skipped): start in UTC, an hour long,
// under the interview's own UID, with the place as LOCATION, the contact as
// ORGANIZER, the contact, status and notes in the description and two
// reminders, a day and an hour before. A cancelled or withdrawn interview
// is written with STATUS:CANCELLED, so a calendar that took an earlier
// export removes it. now is the DTSTAMP. With no interviews the file is
// still a valid calendar: it holds one UTC time zone, since RFC 5545 wants
// at least one component.
//
// Check-ins, when given, are written as events of their own: all day on
// the day they fall due, under their own UIDs.
func WriteICS(w io.Writer, ivs []Interview, now time.Time, checkIns ...CheckIn) error {
	cal := ics.NewCalendarFor("Bridgekeeper")
	cal.SetProductId(ICSProductID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName("Bridgekeeper interviews")
	stamp := now.UTC()
	events := 0
	for _, iv := range ivs {
		if iv.StartsAt.IsZero() {
			continue
		}
		addICSEvent(cal, iv, stamp)
		events++
	}
	for _, k := range checkIns {
		addCheckInEvent(cal, k, stamp)
		events++
	}
	if events == 0 {
		tz := cal.AddTimezone("UTC")
		std := tz.AddStandard()
		std.AddProperty(ics.ComponentPropertyDtStart, "19700101T000000")
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0000")
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0000")
		std.AddProperty(ics.ComponentProperty(ics.PropertyTzname), "UTC")
	}
	// The library ends lines with the platform's newline (LF on Unix);
	// RFC 5545 wants CRLF everywhere.
	if err := cal.SerializeTo(w, ics.WithNewLineWindows); err != nil {
		return wrapErr("write calendar", err)
	}
	return nil
}

// addCheckInEvent writes a check-in as an all-day event on its day, in the
// zone the due time was set in (the user's).
func addCheckInEvent(cal *ics.Calendar, k CheckIn, stamp time.Time) {
	ev := cal.AddEvent(k.UID)
	ev.SetDtStampTime(stamp)
	day := k.Due.Local()
	ev.SetAllDayStartAt(day)
	ev.SetAllDayEndAt(day.AddDate(0, 0, 1))
	who := strings.TrimSpace(k.Company)
	if who == "" {
		who = "a company you left on good terms"
	}
	ev.SetSummary(icsText("Check in with " + who))
	ev.SetDescription(icsText("A reminder you set in Bridgekeeper when you stepped back and kept the door open: a short note keeps the bridge in good repair."))
	ev.SetStatus(ics.ObjectStatusConfirmed)
}

// sequenceEpoch is where an event's SEQUENCE counts seconds from (the
// start of 2024, in Unix seconds): each save of an interview makes a later
// updated_at, so a later SEQUENCE, and calendars take the newer export as
// the newer version of the event.
const sequenceEpoch = 1704067200

func addICSEvent(cal *ics.Calendar, iv Interview, stamp time.Time) {
	uid := iv.UID
	if uid == "" {
		// Only an interview never stored has none; it gets one for this file.
		uid = NewUID()
	}
	summary := icsText(ICSSummary(iv))
	ev := cal.AddEvent(uid)
	ev.SetDtStampTime(stamp)
	if !iv.UpdatedAt.IsZero() {
		ev.SetLastModifiedAt(iv.UpdatedAt.UTC())
		ev.SetSequence(int(max(iv.UpdatedAt.Unix()-sequenceEpoch, 0)))
	}
	ev.SetStartAt(iv.StartsAt.UTC())
	ev.SetEndAt(iv.StartsAt.UTC().Add(DefaultInterviewLength))
	ev.SetSummary(summary)
	if loc := strings.TrimSpace(icsText(iv.Location)); loc != "" {
		ev.SetLocation(loc)
	}
	if email := strings.TrimSpace(iv.ContactEmail); email != "" {
		var params []ics.PropertyParameter
		if name := strings.TrimSpace(icsText(iv.ContactName)); name != "" {
			params = append(params, ics.WithCN(name))
		}
		ev.SetOrganizer("mailto:"+email, params...)
	}
	ev.SetDescription(icsText(icsDescription(iv)))
	if iv.Status == StatusCancelled || iv.Status == StatusWithdrawn {
		ev.SetStatus(ics.ObjectStatusCancelled)
		return // no reminders for an interview that is not happening
	}
	ev.SetStatus(ics.ObjectStatusConfirmed)
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
	if loc := strings.TrimSpace(iv.Location); loc != "" {
		fmt.Fprintf(&b, "Where: %s\n", loc)
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

// ForCalendar returns what a calendar export holds: the interviews still
// ahead (starting at or after now) that are scheduled or rescheduled, and
// those ahead that were cancelled or withdrawn, which the export marks
// cancelled so calendars that took them earlier remove them; soonest first.
func ForCalendar(ivs []Interview, now time.Time) []Interview {
	var out []Interview
	for _, iv := range ivs {
		called := iv.Status == StatusCancelled || iv.Status == StatusWithdrawn
		if isUpcoming(&iv, now, 0) || (called && !iv.StartsAt.IsZero() && !iv.StartsAt.Before(now)) {
			out = append(out, iv)
		}
	}
	sortByStart(out)
	return out
}

func sortByStart(ivs []Interview) {
	slices.SortStableFunc(ivs, func(a, b Interview) int {
		return cmp.Or(a.StartsAt.Compare(b.StartsAt), cmp.Compare(a.ID, b.ID))
	})
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
	sortByStart(out)
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
