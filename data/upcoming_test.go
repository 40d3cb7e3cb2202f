package data

import (
	"context"
	"testing"
	"time"
)

func TestNextInterviewsSkipsPastAndClosed(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	var batch []*Interview
	for i := 0; i < 50; i++ { // many past interviews before the one that matters
		batch = append(batch, &Interview{Company: "Past", StartsAt: now.Add(-time.Duration(i+1) * time.Hour)})
	}
	batch = append(batch,
		&Interview{Company: "Cancelled", StartsAt: now.Add(time.Hour), Status: StatusCancelled},
		&Interview{Company: "Later", StartsAt: now.Add(48 * time.Hour), Status: StatusRescheduled},
		&Interview{Company: "Soon", StartsAt: now.Add(2 * time.Hour)},
		&Interview{Company: "Undated"},
	)
	if err := s.CreateInterviews(ctx, batch); err != nil {
		t.Fatal(err)
	}
	got, err := s.NextInterviews(ctx, now, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Company != "Soon" || got[1].Company != "Later" {
		t.Errorf("next = %+v", got)
	}
	if one, _ := s.NextInterviews(ctx, now, 1); len(one) != 1 || one[0].Company != "Soon" {
		t.Errorf("limit 1 = %+v", one)
	}
}
