package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// saveDraft handles --save: the draft is filed on --interview's timeline
// as sent, then --status moves the interview and --check-in sets a
// reminder to reconnect. Everything is checked before anything is written.
func (f *draftFlags) saveDraft(dbPath string, in compose.Input, d compose.Draft, env Env) error {
	id, err := f.interviewID()
	if err != nil {
		return err
	}
	now := time.Now()
	if !in.Now.IsZero() {
		now = in.Now
	}
	var status data.Status
	if f.status != "" {
		status = data.Status(strings.ToLower(strings.TrimSpace(f.status)))
		if !status.Valid() {
			return usagef("draft: --status: %q is not a status (one of %s)", f.status, statusList())
		}
	}
	var due time.Time
	if f.checkIn != "" {
		if due, err = parseCheckIn(f.checkIn, now); err != nil {
			return err
		}
	}
	s, err := openStore(dbPath, false)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	ev := data.Event{InterviewID: id, Kind: data.EventDraft, Scenario: string(d.Scenario), Subject: d.Subject, Body: d.Body,
		Channel: string(d.Channel), Reason: string(in.Reason), Disclose: string(in.Disclose), Tone: string(in.Tone)}
	if d.Channel != compose.ChannelEmail {
		ev.Subject = ""
	}
	if err := s.AddEvent(ctx, &ev); err != nil {
		return fmt.Errorf("draft: --save: %w", err)
	}
	if status != "" {
		if err := s.AddEvent(ctx, &data.Event{InterviewID: id, Kind: data.EventStatus, ToStatus: status}); err != nil {
			return fmt.Errorf("draft: --status: %w", err)
		}
	}
	msg := fmt.Sprintf("Filed on interview %d", id)
	if status != "" {
		msg += ", now " + string(status)
	}
	if !due.IsZero() {
		k, err := s.AddCheckIn(ctx, id, due, now)
		if err != nil {
			return fmt.Errorf("draft: --check-in: %w", err)
		}
		msg += "; check in with " + k.Company + " on " + k.Due.Local().Format("2006-01-02")
	}
	fmt.Fprintln(env.Stderr, msg+".")
	return nil
}

// parseCheckIn reads --check-in: a number of weeks or months ahead ("2w",
// "3m") or a date (YYYY-MM-DD, at nine in the morning, local time).
func parseCheckIn(text string, now time.Time) (time.Time, error) {
	t := strings.ToLower(strings.TrimSpace(text))
	if n, err := strconv.Atoi(strings.TrimRight(t, "wm")); err == nil && n > 0 && len(t) > 1 {
		switch t[len(t)-1] {
		case 'w':
			return now.AddDate(0, 0, 7*n), nil
		case 'm':
			return now.AddDate(0, n, 0), nil
		}
	}
	day, err := time.ParseInLocation("2006-01-02", t, time.Local)
	if err != nil {
		return time.Time{}, usagef("draft: --check-in: %q is not 2w, 3m or a date (YYYY-MM-DD)", text)
	}
	at := day.Add(9 * time.Hour)
	if !at.After(now) {
		return time.Time{}, usagef("draft: --check-in: %s has passed", text)
	}
	return at, nil
}

// statusList names every status, for messages.
func statusList() string {
	names := make([]string, 0, len(data.Statuses()))
	for _, st := range data.Statuses() {
		names = append(names, string(st))
	}
	return strings.Join(names, ", ")
}
