package data

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestRecordsHoldEveryInterviewWithItsTimeline(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	start := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	ivs := []*Interview{
		{Company: "ACME, Inc.", StartsAt: start, TimeZone: "UTC", Status: StatusScheduled},
		{Company: "Acme Inc", StartsAt: start.Add(48 * time.Hour), TimeZone: "UTC", Status: StatusScheduled},
		{Company: "Globex", TimeZone: "UTC", Status: StatusScheduled},
	}
	if err := s.CreateInterviews(ctx, ivs); err != nil {
		t.Fatal(err)
	}
	events := []*Event{
		{InterviewID: ivs[0].ID, Kind: EventStatus, ToStatus: StatusAttended, At: start.Add(time.Hour)},
		{InterviewID: ivs[0].ID, Kind: EventDraft, Scenario: "thank-you", Subject: "Thank you", Body: "a long body", At: start.Add(2 * time.Hour)},
		{InterviewID: ivs[0].ID, Kind: EventStatus, ToStatus: StatusRejected, At: start.Add(96 * time.Hour)},
	}
	if err := s.AddEvents(ctx, events); err != nil {
		t.Fatal(err)
	}
	recs, err := s.Records(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[0].ID != ivs[0].ID || recs[2].ID != ivs[2].ID {
		t.Fatalf("records %+v, want soonest first, undated last", recs)
	}
	// Both spellings are one company record.
	if recs[0].CompanyName != recs[1].CompanyName || recs[0].CompanyName == "" {
		t.Errorf("company names %q and %q", recs[0].CompanyName, recs[1].CompanyName)
	}
	first := recs[0]
	// Oldest first: the backdated events come before the creation, stamped now.
	if first.Status != StatusRejected || len(first.Events) != 4 || first.Events[3].Kind != EventCreated ||
		first.Events[0].ToStatus != StatusAttended || first.Events[0].FromStatus != StatusScheduled ||
		first.Events[2].FromStatus != StatusAttended || !first.Events[2].At.Equal(start.Add(96*time.Hour)) {
		t.Errorf("timeline %+v", first.Events)
	}
	if d := first.Events[1]; d.Subject != "Thank you" || d.Body != "" {
		t.Errorf("a message keeps its subject and leaves its body out: %+v", d)
	}
}

func TestAddEventsIsAllOrNothing(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	iv := &Interview{Company: "Acme", TimeZone: "UTC", Status: StatusScheduled}
	if err := s.CreateInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	err := s.AddEvents(ctx, []*Event{
		{InterviewID: iv.ID, Kind: EventStatus, ToStatus: StatusAttended},
		{InterviewID: iv.ID + 99, Kind: EventNote, Body: "nobody"},
	})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("a missing interview: %v, want ErrNotFound", err)
	}
	var ve ValidationError
	if err := s.AddEvents(ctx, []*Event{{InterviewID: iv.ID, Kind: EventNote}}); !errors.As(err, &ve) {
		t.Errorf("an empty note: %v, want a ValidationError", err)
	}
	got, err := s.Interview(ctx, iv.ID)
	if err != nil {
		t.Fatal(err)
	}
	evs, _ := s.Events(ctx, iv.ID)
	if got.Status != StatusScheduled || len(evs) != 1 {
		t.Errorf("after a refused batch: status %s, %d events; want scheduled and only the creation", got.Status, len(evs))
	}
}
