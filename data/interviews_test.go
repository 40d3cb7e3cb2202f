package data

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestLastEventTimesAndPage(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	base := time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)
	var ivs []*Interview
	for i, off := range []int{5, -1, 2, -1, 0, 9, -1} {
		iv := &Interview{Company: "C" + strings.Repeat("x", i)}
		if off >= 0 {
			iv.StartsAt = base.Add(time.Duration(off) * time.Hour)
		}
		ivs = append(ivs, iv)
	}
	if err := s.CreateInterviews(ctx, ivs); err != nil {
		t.Fatal(err)
	}
	note := &Event{InterviewID: ivs[2].ID, Kind: EventNote, Body: "called", At: time.Now().Add(time.Hour)}
	if err := s.AddEvent(ctx, note); err != nil {
		t.Fatal(err)
	}
	last, err := s.LastEventTimes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(last) != len(ivs) || !last[ivs[2].ID].Equal(note.At) || last[ivs[0].ID].IsZero() {
		t.Errorf("LastEventTimes = %v", last)
	}

	all, err := s.Interviews(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{0, 1, 3, 4, 5, 7, 20} {
		page, err := s.InterviewsPage(ctx, limit)
		if err != nil {
			t.Fatal(err)
		}
		want := all[:min(limit, len(all))]
		if len(page) != len(want) {
			t.Fatalf("InterviewsPage(%d) has %d rows, want %d", limit, len(page), len(want))
		}
		for i := range want {
			if page[i].ID != want[i].ID || page[i].Company != want[i].Company {
				t.Errorf("InterviewsPage(%d)[%d] = %d, want %d (same order as Interviews)", limit, i, page[i].ID, want[i].ID)
			}
		}
	}
}
