package data

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

// withTimeline stores an interview with a status change, a draft and a note.
func withTimeline(t *testing.T, s *Store, company string) Interview {
	t.Helper()
	ctx := context.Background()
	iv := &Interview{Company: company, Role: "Dev", ContactEmail: "ana@example.com",
		StartsAt: time.Date(2027, 4, 5, 10, 0, 0, 0, time.UTC), TimeZone: "Europe/Rome", Notes: "n"}
	if err := s.CreateInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	for _, e := range []*Event{
		{InterviewID: iv.ID, Kind: EventStatus, ToStatus: StatusRescheduled},
		{InterviewID: iv.ID, Kind: EventDraft, Scenario: "reschedule", Subject: "New time?", Body: "Could we move it?"},
		{InterviewID: iv.ID, Kind: EventNote, Body: "They agreed"},
	} {
		if err := s.AddEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Interview(ctx, iv.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestDeleteForUndoThenUndeleteBringsBackIDAndTimeline(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	other := withTimeline(t, s, "Other")
	iv := withTimeline(t, s, "Acme")
	_ = withTimeline(t, s, "Newest") // so Acme's ID is not the highest
	before, err := s.Events(ctx, iv.ID)
	if err != nil || len(before) != 4 {
		t.Fatalf("timeline before = %v, %v", before, err)
	}

	d, err := s.DeleteForUndo(ctx, iv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Interview(ctx, iv.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("interview still there after delete: %v", err)
	}
	if ev, _ := s.Events(ctx, iv.ID); len(ev) != 0 {
		t.Fatalf("timeline still there after delete: %v", ev)
	}
	if !reflect.DeepEqual(d.Interview, iv) || !reflect.DeepEqual(d.Events, before) {
		t.Errorf("snapshot differs from what was stored:\n%+v\n%+v", d, before)
	}

	if err := s.Undelete(ctx, d); err != nil {
		t.Fatal(err)
	}
	back, err := s.Interview(ctx, iv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, iv) {
		t.Errorf("restored interview\n %+v\nwant %+v", back, iv)
	}
	after, err := s.Events(ctx, iv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after, before) {
		t.Errorf("restored timeline\n %+v\nwant %+v", after, before)
	}
	if ev, _ := s.Events(ctx, other.ID); len(ev) != 4 {
		t.Errorf("another interview's timeline changed: %v", ev)
	}
	if err := s.Undelete(ctx, d); !errors.Is(err, ErrIDTaken) {
		t.Errorf("second restore = %v, want ErrIDTaken", err)
	}
	if n, _ := s.CountInterviews(ctx); n != 3 {
		t.Errorf("%d interviews, want 3", n)
	}
}

// Deleting the newest interview and adding another used to hand the new one
// the deleted one's ID, and Undo then failed. IDs are never reused now.
func TestUndoAfterAnotherInterviewWasAdded(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	other := withTimeline(t, s, "Other")
	otherEvents, _ := s.Events(ctx, other.ID)
	iv := withTimeline(t, s, "Acme")
	d, err := s.DeleteForUndo(ctx, iv.ID)
	if err != nil {
		t.Fatal(err)
	}
	newer := &Interview{Company: "Newer"}
	if err := s.CreateInterview(ctx, newer); err != nil {
		t.Fatal(err)
	}
	if newer.ID <= iv.ID {
		t.Fatalf("new interview got ID %d after %d was deleted; IDs must not be reused", newer.ID, iv.ID)
	}
	if err := s.Undelete(ctx, d); err != nil {
		t.Fatalf("Undo after adding another interview: %v", err)
	}
	if got, _ := s.Interview(ctx, iv.ID); got.Company != "Acme" {
		t.Errorf("interview %d after Undo: %+v", iv.ID, got)
	}
	if got, _ := s.Interview(ctx, newer.ID); got.Company != "Newer" {
		t.Errorf("the newer interview changed: %+v", got)
	}
	if ev, _ := s.Events(ctx, newer.ID); len(ev) != 1 {
		t.Errorf("the newer interview's timeline: %+v", ev)
	}
	// Events keep their IDs too: nothing has taken them.
	if after, _ := s.Events(ctx, iv.ID); !reflect.DeepEqual(after, d.Events) {
		t.Errorf("timeline after Undo\n %+v\nwant %+v", after, d.Events)
	}
	if again, _ := s.Events(ctx, other.ID); !reflect.DeepEqual(again, otherEvents) {
		t.Errorf("Undo disturbed another timeline: %+v", again)
	}
}

// An event ID in use elsewhere (only possible in a database edited by
// hand now) brings the timeline back under fresh IDs, in the same order.
func TestUndeleteWhenAnEventIDIsTaken(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	other := withTimeline(t, s, "Other")
	iv := withTimeline(t, s, "Acme")
	d, err := s.DeleteForUndo(ctx, iv.ID)
	if err != nil {
		t.Fatal(err)
	}
	otherEvents, _ := s.Events(ctx, other.ID)
	clash := d
	clash.Events = append([]Event(nil), d.Events...)
	clash.Events[1].ID = otherEvents[0].ID
	if err := s.Undelete(ctx, clash); err != nil {
		t.Fatal(err)
	}
	after, err := s.Events(ctx, iv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(d.Events) {
		t.Fatalf("restored %d events, want %d", len(after), len(d.Events))
	}
	for i := range after {
		a, b := after[i], d.Events[i]
		if a.Kind != b.Kind || a.Body != b.Body || a.Subject != b.Subject || a.Scenario != b.Scenario ||
			!a.At.Equal(b.At) || a.FromStatus != b.FromStatus || a.ToStatus != b.ToStatus {
			t.Errorf("event %d = %+v, want %+v", i, a, b)
		}
	}
	if again, _ := s.Events(ctx, other.ID); !reflect.DeepEqual(again, otherEvents) {
		t.Errorf("restore disturbed another timeline: %+v", again)
	}
}

func TestDeleteForUndoMissing(t *testing.T) {
	s := openTemp(t)
	if _, err := s.DeleteForUndo(context.Background(), 404); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteForUndo(404) = %v, want ErrNotFound", err)
	}
	if _, err := s.Snapshot(context.Background(), 404); !errors.Is(err, ErrNotFound) {
		t.Errorf("Snapshot(404) = %v, want ErrNotFound", err)
	}
}
