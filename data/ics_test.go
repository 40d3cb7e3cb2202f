package data

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

func TestWriteICSRoundTripsThroughParser(t *testing.T) {
	now := time.Date(2027, 2, 1, 8, 15, 0, 0, time.FixedZone("X", 3*3600))
	start := time.Date(2027, 2, 10, 14, 30, 0, 0, time.UTC)
	longNote := strings.Repeat("Zoë’s 面试 notes 🦊 — ", 12) + "end"
	ivs := []Interview{
		{ID: 42, UID: "7d1c-example@bridgekeeper", Location: "Hauptstr. 5, Berlin", Company: "Acme, Inc; \\ Labs", Role: "Engineer", ContactName: "Ana Roe",
			ContactEmail: "ana@example.com", StartsAt: start, TimeZone: "Europe/Berlin",
			Status: StatusScheduled, Notes: "Bring ID,\r\nask about rota; and\\or parking.\r" + longNote},
		{ID: 43, Company: "Undated Ltd", Status: StatusScheduled},
		{ID: 44, Company: "Solo", StartsAt: start.Add(time.Hour), Status: StatusRescheduled},
	}
	var buf bytes.Buffer
	if err := WriteICS(&buf, ivs, now); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()

	for i, line := range strings.SplitAfter(raw, "\n") {
		if line == "" {
			continue
		}
		if !strings.HasSuffix(line, "\r\n") || strings.Count(line, "\r") != 1 {
			t.Errorf("line %d %q does not end in exactly one CRLF", i+1, line)
		}
		body := strings.TrimSuffix(line, "\r\n")
		if len(body) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(body), body)
		}
		if !utf8.ValidString(body) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, body)
		}
	}
	for _, esc := range []string{`Acme\, Inc\; \\ Labs`, `Bring ID\,\nask about rota\; and\\or parking.\n`} {
		if !strings.Contains(strings.ReplaceAll(raw, "\r\n ", ""), esc) {
			t.Errorf("unfolded output lacks escaped text %q", esc)
		}
	}
	if !strings.Contains(raw, "PRODID:"+ICSProductID+"\r\n") || !strings.Contains(raw, "VERSION:2.0\r\n") {
		t.Errorf("calendar header missing PRODID or VERSION:\n%s", raw)
	}

	cal, err := ics.ParseCalendar(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("parse own output: %v", err)
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("%d events, want 2 (the undated interview is skipped)", len(events))
	}
	ev := events[0]
	prop := func(e *ics.VEvent, p ics.ComponentProperty) string {
		if v := e.GetProperty(p); v != nil {
			return v.Value
		}
		return ""
	}
	if got := prop(ev, ics.ComponentPropertyUniqueId); got != "7d1c-example@bridgekeeper" {
		t.Errorf("UID = %q, want the interview's own", got)
	}
	if got := prop(ev, ics.ComponentPropertyLocation); got != "Hauptstr. 5, Berlin" {
		t.Errorf("LOCATION = %q", got)
	}
	if o := ev.GetProperty(ics.ComponentPropertyOrganizer); o == nil || o.Value != "mailto:ana@example.com" || o.ICalParameters["CN"][0] != "Ana Roe" {
		t.Errorf("ORGANIZER = %+v, want Ana Roe's address", o)
	}
	if got := prop(ev, ics.ComponentPropertyStatus); got != "CONFIRMED" {
		t.Errorf("STATUS = %q", got)
	}
	if got := prop(ev, ics.ComponentPropertyDtstamp); got != "20270201T051500Z" {
		t.Errorf("DTSTAMP = %q, want now in UTC", got)
	}
	if got := prop(ev, ics.ComponentPropertyDtStart); got != "20270210T143000Z" {
		t.Errorf("DTSTART = %q", got)
	}
	if got := prop(ev, ics.ComponentPropertyDtEnd); got != "20270210T153000Z" {
		t.Errorf("DTEND = %q, want an hour after the start", got)
	}
	if got := prop(ev, ics.ComponentPropertySummary); got != `Interview: Engineer at Acme, Inc; \ Labs` {
		t.Errorf("SUMMARY = %q", got)
	}
	desc := prop(ev, ics.ComponentPropertyDescription)
	for _, want := range []string{
		"Contact: Ana Roe <ana@example.com>\n", "Status: scheduled\n",
		"Local time: Wed 10 Feb 2027 15:30 (Europe/Berlin)\n",
		"Notes: Bring ID,\nask about rota; and\\or parking.\n" + longNote,
	} {
		if !strings.Contains(desc, want) {
			t.Errorf("DESCRIPTION %q lacks %q", desc, want)
		}
	}
	alarms := ev.Alarms()
	if len(alarms) != 2 {
		t.Fatalf("%d alarms, want 2", len(alarms))
	}
	for i, trig := range []string{"-P1D", "-PT1H"} {
		a := alarms[i]
		if v := a.GetProperty(ics.ComponentPropertyTrigger); v == nil || v.Value != trig {
			t.Errorf("alarm %d TRIGGER = %v, want %s", i, v, trig)
		}
		if v := a.GetProperty(ics.ComponentPropertyAction); v == nil || v.Value != "DISPLAY" {
			t.Errorf("alarm %d ACTION = %v", i, v)
		}
		if v := a.GetProperty(ics.ComponentPropertyDescription); v == nil || !strings.Contains(v.Value, "Acme, Inc") {
			t.Errorf("alarm %d DESCRIPTION = %v", i, v)
		}
	}
	if got := prop(events[1], ics.ComponentPropertySummary); got != "Interview: Solo" {
		t.Errorf("summary without a role = %q", got)
	}
}

func TestCalendarExportCancelsWhatWasCalledOff(t *testing.T) {
	now := time.Date(2027, 2, 1, 8, 0, 0, 0, time.UTC)
	ahead, past := now.Add(48*time.Hour), now.Add(-48*time.Hour)
	ivs := []Interview{
		{ID: 1, UID: "a@bridgekeeper", Company: "Kept", StartsAt: ahead, Status: StatusScheduled},
		{ID: 2, UID: "b@bridgekeeper", Company: "Called off", StartsAt: ahead, Status: StatusCancelled},
		{ID: 3, UID: "c@bridgekeeper", Company: "Stepped back", StartsAt: ahead.Add(time.Hour), Status: StatusWithdrawn},
		{ID: 4, UID: "d@bridgekeeper", Company: "Long ago", StartsAt: past, Status: StatusCancelled},
		{ID: 5, UID: "e@bridgekeeper", Company: "Done", StartsAt: ahead, Status: StatusAttended},
	}
	var buf bytes.Buffer
	if err := WriteICS(&buf, ForCalendar(ivs, now), now); err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(&buf)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, ev := range cal.Events() {
		got[ev.Id()] = ev.GetProperty(ics.ComponentPropertyStatus).Value
		if ev.GetProperty(ics.ComponentPropertyStatus).Value == "CANCELLED" && len(ev.Alarms()) > 0 {
			t.Errorf("%s is cancelled but still has reminders", ev.Id())
		}
	}
	want := map[string]string{"a@bridgekeeper": "CONFIRMED", "b@bridgekeeper": "CANCELLED", "c@bridgekeeper": "CANCELLED"}
	if len(got) != len(want) {
		t.Errorf("events = %v, want %v", got, want)
	}
	for uid, st := range want {
		if got[uid] != st {
			t.Errorf("%s: STATUS %q, want %q", uid, got[uid], st)
		}
	}
}

func TestEmptyCalendarIsStillValid(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteICS(&buf, nil, time.Now()); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	// RFC 5545 wants at least one component inside VCALENDAR.
	if !strings.Contains(raw, "BEGIN:VTIMEZONE\r\n") || !strings.HasSuffix(raw, "END:VCALENDAR\r\n") {
		t.Errorf("empty calendar:\n%s", raw)
	}
	if _, err := ics.ParseCalendar(strings.NewReader(raw)); err != nil {
		t.Errorf("empty calendar does not parse: %v", err)
	}
}

func TestUIDsAreRandomAndStable(t *testing.T) {
	ctx := t.Context()
	s := openTemp(t)
	a, b := &Interview{Company: "A"}, &Interview{Company: "B"}
	if err := s.CreateInterviews(ctx, []*Interview{a, b}); err != nil {
		t.Fatal(err)
	}
	if a.UID == "" || a.UID == b.UID || !strings.HasSuffix(a.UID, "@bridgekeeper") {
		t.Fatalf("UIDs %q and %q", a.UID, b.UID)
	}
	a.Notes, a.UID = "changed", ""
	if err := s.UpdateInterview(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Interview(ctx, a.ID)
	if err != nil || got.UID == "" || got.UID != a.UID {
		t.Errorf("after an edit the UID is %q (%v), want it kept (%q)", got.UID, err, a.UID)
	}
}

func TestICSTextDropsControlCharacters(t *testing.T) {
	cases := map[string]string{
		"a\r\nb":         "a\nb",
		"a\rb":           "a\nb",
		"tab\tkept":      "tab\tkept",
		"bell\a esc\x1b": "bell esc",
		"plain 🦊":        "plain 🦊",
	}
	for in, want := range cases {
		if got := icsText(in); got != want {
			t.Errorf("icsText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUpcoming(t *testing.T) {
	now := time.Date(2027, 6, 1, 12, 0, 0, 0, time.UTC)
	ivs := []Interview{
		{ID: 1, Company: "past", StartsAt: now.Add(-time.Minute), Status: StatusScheduled},
		{ID: 2, Company: "later", StartsAt: now.Add(72 * time.Hour), Status: StatusRescheduled},
		{ID: 3, Company: "cancelled", StartsAt: now.Add(time.Hour), Status: StatusCancelled},
		{ID: 4, Company: "undated", Status: StatusScheduled},
		{ID: 5, Company: "soon", StartsAt: now.Add(time.Hour), Status: StatusScheduled},
		{ID: 6, Company: "right now", StartsAt: now, Status: StatusScheduled},
		{ID: 7, Company: "offer", StartsAt: now.Add(2 * time.Hour), Status: StatusOffer},
	}
	var got []string
	for _, iv := range Upcoming(ivs, now) {
		got = append(got, iv.Company)
	}
	if strings.Join(got, ",") != "right now,soon,later" {
		t.Errorf("Upcoming = %v", got)
	}
}
