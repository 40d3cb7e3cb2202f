package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Deleted is an interview and its whole timeline as they were just before
// DeleteForUndo removed them; Undelete puts them back.
type Deleted struct {
	Interview Interview
	Events    []Event // newest first, as Store.Events returns them
}

// ErrIDTaken means Undelete found an interview already using the ID of the
// one being brought back, as when it was brought back before.
var ErrIDTaken = errors.New("the interview's ID is in use again")

// querier is what both *sql.DB and *sql.Tx offer for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Snapshot returns an interview with its timeline, or ErrNotFound.
func (s *Store) Snapshot(ctx context.Context, id int64) (Deleted, error) {
	d, err := snapshot(ctx, s.db, id)
	if err != nil {
		return Deleted{}, fmt.Errorf("snapshot interview %d: %w", id, classify(err))
	}
	return d, nil
}

// DeleteForUndo deletes an interview and its timeline, returning what was
// deleted so that an Undo can hand it to Undelete. The snapshot is taken in
// the same transaction as the delete, so it is exactly what was removed.
func (s *Store) DeleteForUndo(ctx context.Context, id int64) (Deleted, error) {
	var d Deleted
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if d, err = snapshot(ctx, tx, id); err != nil {
			return err
		}
		// The events go with the interview through ON DELETE CASCADE.
		_, err = tx.ExecContext(ctx, `DELETE FROM interviews WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return Deleted{}, fmt.Errorf("delete interview %d: %w", id, classify(err))
	}
	return d, nil
}

// Undelete brings back a deleted interview under its old ID, with its
// timestamps and timeline, in one transaction. Since schema 3 no ID is
// handed out twice, so the old IDs are free unless the interview was already
// brought back: then Undelete fails with ErrIDTaken and changes nothing.
// Should a timeline entry's ID be in use anyway (a file edited by hand),
// all the entries get new IDs in their old order.
func (s *Store) Undelete(ctx context.Context, d Deleted) error {
	iv := d.Interview
	if err := iv.Validate(); err != nil {
		return err
	}
	for i := range d.Events {
		if d.Events[i].InterviewID != iv.ID {
			return fmt.Errorf("restore interview %d: event %d belongs to interview %d",
				iv.ID, d.Events[i].ID, d.Events[i].InterviewID)
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error { return undelete(ctx, tx, d) })
	if err != nil {
		return fmt.Errorf("restore interview %d: %w", iv.ID, classify(err))
	}
	return nil
}

// undelete is Undelete's transaction: the interview row under its old ID,
// or ErrIDTaken, then its timeline.
func undelete(ctx context.Context, tx *sql.Tx, d Deleted) error {
	iv := d.Interview
	var taken bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM interviews WHERE id = ?)`, iv.ID).Scan(&taken); err != nil {
		return err
	}
	if taken {
		return ErrIDTaken
	}
	if iv.UID == "" {
		iv.UID = NewUID()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO interviews
		(id, company, role, contact_name, contact_email, starts_at, timezone, status, notes, created_at, updated_at,
		 location, uid, invite_uid, invite_sequence)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		iv.ID, iv.Company, iv.Role, iv.ContactName, iv.ContactEmail, formatStart(iv.StartsAt),
		iv.TimeZone, string(iv.Status), iv.Notes, formatStamp(iv.CreatedAt), formatStamp(iv.UpdatedAt),
		iv.Location, iv.UID, iv.InviteUID, iv.InviteSequence)
	if err != nil {
		return err
	}
	keepIDs, err := eventIDsFree(ctx, tx, d.Events)
	if err != nil {
		return err
	}
	return insertEvents(ctx, tx, iv.ID, d.Events, keepIDs)
}

// eventIDsFree reports whether every event can go back under its old ID:
// each is positive and no entry uses it now.
func eventIDsFree(ctx context.Context, tx *sql.Tx, events []Event) (bool, error) {
	for _, e := range events {
		var used bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE id = ?)`, e.ID).Scan(&used); err != nil {
			return false, err
		}
		if used || e.ID <= 0 {
			return false, nil
		}
	}
	return true, nil
}

// insertEvents adds events (newest first) to interview id's timeline,
// under their old IDs when keepIDs is set and fresh ones otherwise.
func insertEvents(ctx context.Context, tx *sql.Tx, id int64, events []Event, keepIDs bool) error {
	ins, err := tx.PrepareContext(ctx, `INSERT INTO events (`+eventColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	// Oldest first, so fresh IDs keep the timeline's order among
	// entries with the same time.
	for i := len(events) - 1; i >= 0; i-- {
		e := events[i]
		var eventID any // NULL lets SQLite choose
		if keepIDs {
			eventID = e.ID
		}
		if _, err := ins.ExecContext(ctx, eventID, id, formatStamp(e.At), string(e.Kind),
			string(e.FromStatus), string(e.ToStatus), e.Scenario, e.Subject, e.Body,
			e.Channel, e.Reason, e.Disclose, e.Tone); err != nil {
			return err
		}
	}
	return nil
}

func snapshot(ctx context.Context, q querier, id int64) (Deleted, error) {
	iv, err := scanInterview(q.QueryRowContext(ctx, `SELECT `+interviewColumns+` FROM interviews WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Deleted{}, ErrNotFound
	}
	if err != nil {
		return Deleted{}, err
	}
	events, err := queryEvents(ctx, q, `SELECT `+eventColumns+` FROM events
		WHERE interview_id = ? ORDER BY at DESC, id DESC`, id)
	if err != nil {
		return Deleted{}, err
	}
	return Deleted{Interview: iv, Events: events}, nil
}
