package data

import (
	"bytes"

	"context"
	"errors"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

func TestCheckInsFallDueAndAreDone(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	a := &Interview{Company: "ACME, Inc.", Status: StatusWithdrawn}
	b := &Interview{Company: "Globex", Status: StatusDeclined}
	if err := s.CreateInterviews(ctx, []*Interview{a, b}); err != nil {
		t.Fatal(err)
	}
	k1, err := s.AddCheckIn(ctx, a.ID, now.AddDate(0, 3, 0), now)
	if err != nil || k1.Company != "ACME, Inc." || k1.CompanyID == 0 {
		t.Fatalf("AddCheckIn = %+v, %v", k1, err)
	}
	if _, err := s.AddCheckIn(ctx, b.ID, now.AddDate(0, 1, 0), now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddCheckIn(ctx, b.ID, now.Add(-time.Hour), now); err == nil {
		t.Error("a check-in in the past was accepted")
	}
	if _, err := s.AddCheckIn(ctx, 999, now.AddDate(0, 1, 0), now); !errors.Is(err, ErrNotFound) {
		t.Errorf("a check-in on no interview: %v", err)
	}
	due, err := s.DueCheckIns(ctx, now.AddDate(0, 2, 0))
	if err != nil || len(due) != 1 || due[0].Company != "Globex" {
		t.Fatalf("due in two months = %+v, %v", due, err)
	}
	if err := s.CheckInDone(ctx, due[0].ID, now.AddDate(0, 1, 1)); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckInDone(ctx, due[0].ID, now.AddDate(0, 1, 1)); !errors.Is(err, ErrNotFound) {
		t.Errorf("done twice: %v", err)
	}
	if due, _ := s.DueCheckIns(ctx, now.AddDate(1, 0, 0)); len(due) != 1 || due[0].ID != k1.ID {
		t.Errorf("due in a year after one was done = %+v", due)
	}
	all, _ := s.CheckIns(ctx, k1.CompanyID)
	if len(all) != 1 || !all[0].Due.Equal(now.AddDate(0, 3, 0)) {
		t.Errorf("Acme's check-ins = %+v", all)
	}
	// Deleting the interview keeps the company's check-in.
	if err := s.DeleteInterview(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if all, _ := s.CheckIns(ctx, k1.CompanyID); len(all) != 1 || all[0].InterviewID != 0 {
		t.Errorf("after deleting the interview: %+v", all)
	}
}

// Check-ins still ahead go into the calendar as all-day events of their
// own; done ones and past ones do not.
func TestCheckInsInTheCalendar(t *testing.T) {
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	ks := []CheckIn{
		{ID: 1, Company: "Acme", Due: now.AddDate(0, 3, 0), UID: "check-in-a@bridgekeeper"},
		{ID: 2, Company: "Globex", Due: now.AddDate(0, 1, 0), Done: now, UID: "check-in-b@bridgekeeper"},
		{ID: 3, Company: "Initech", Due: now.AddDate(0, -1, 0), UID: "check-in-c@bridgekeeper"},
	}
	ahead := CheckInsForCalendar(ks, now)
	if len(ahead) != 1 || ahead[0].ID != 1 {
		t.Fatalf("for the calendar: %+v", ahead)
	}
	var buf bytes.Buffer
	if err := WriteICS(&buf, nil, now, ahead...); err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(&buf)
	if err != nil {
		t.Fatal(err)
	}
	evs := cal.Events()
	if len(evs) != 1 || evs[0].Id() != "check-in-a@bridgekeeper" ||
		evs[0].GetProperty(ics.ComponentPropertySummary).Value != "Check in with Acme" {
		t.Fatalf("events = %d %+v", len(evs), evs)
	}
	if start := evs[0].GetProperty(ics.ComponentPropertyDtStart); start == nil || len(start.Value) != 8 {
		t.Errorf("DTSTART = %+v, want an all-day date", start)
	}
}
