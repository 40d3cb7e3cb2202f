package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ImportInvites stores invites read by ReadInvites (and perhaps edited) in
// one transaction. An invite whose UID an interview already came from
// (or that an export of this tracker carries) updates that interview: a
// newer SEQUENCE moves its time, zone and place; a cancellation marks it
// cancelled, with the change on its timeline. An older SEQUENCE, or the
// same invite again, changes nothing. Any other invite is added, unless
// the tracker has its company, role and start already. A cancellation of
// an interview the tracker does not have adds nothing and is warned of.
// With dryRun nothing is stored, but the result counts what would be.
func (s *Store) ImportInvites(ctx context.Context, invites []Invite, dryRun bool) (ImportResult, error) {
	for i := range invites {
		if err := invites[i].Interview.Validate(); err != nil {
			return ImportResult{}, fmt.Errorf("invite %d (%s): %w", i+1, invites[i].Summary, err)
		}
	}
	res := ImportResult{DryRun: dryRun}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		ins, err := prepareInsert(ctx, tx)
		if err != nil {
			return err
		}
		defer ins.close()
		for i := range invites {
			if err := importInvite(ctx, tx, ins, &invites[i], &res); err != nil {
				return fmt.Errorf("invite %d: %w", i+1, err)
			}
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return ImportResult{}, wrapErr("import calendar", err)
	}
	return res, nil
}

func importInvite(ctx context.Context, tx *sql.Tx, ins *inserter, inv *Invite, res *ImportResult) error {
	theirs, err := scanInterview(tx.QueryRowContext(ctx, `SELECT `+interviewColumns+` FROM interviews
		WHERE (invite_uid = ? AND invite_uid <> '') OR (uid = ? AND uid <> '') ORDER BY id LIMIT 1`, inv.UID, inv.UID))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return addInvite(ins, inv, res)
	case err != nil:
		return err
	}
	fromInvite := theirs.InviteUID == inv.UID // else our own export, by its UID
	if (fromInvite && inv.Sequence < theirs.InviteSequence) || !inviteChanges(theirs, inv, fromInvite) {
		res.Existing++
		return nil
	}
	return updateFromInvite(ctx, tx, theirs, inv, res)
}

func addInvite(ins *inserter, inv *Invite, res *ImportResult) error {
	iv := inv.Interview
	if inv.Cancelled {
		res.Warnings = append(res.Warnings, LineProblem{Line: 1, Msg: fmt.Sprintf("%q is cancelled, and the tracker has no interview from that invite; nothing was added", inv.Summary)})
		return nil
	}
	return ins.add(&iv, &res.Added, &res.Existing, &res.Repeated)
}

// inviteChanges says whether an invite says something new of theirs. The
// SEQUENCE counts only for the invite the interview came from; a zone
// only when the invite named one.
func inviteChanges(theirs Interview, inv *Invite, fromInvite bool) bool {
	iv := inv.Interview
	if inv.Cancelled {
		return theirs.Status != StatusCancelled
	}
	return !theirs.StartsAt.Equal(iv.StartsAt) || (inv.ZoneGiven && theirs.TimeZone != iv.TimeZone) ||
		(iv.Location != "" && theirs.Location != iv.Location) || (fromInvite && inv.Sequence != theirs.InviteSequence)
}

// updateFromInvite applies an invite to the interview it came from. The
// company, role, contact and notes stay as the person may have edited
// them; the time, zone and place are the organiser's.
func updateFromInvite(ctx context.Context, tx *sql.Tx, theirs Interview, inv *Invite, res *ImportResult) error {
	iv := inv.Interview
	stamp := formatStamp(nextStamp(theirs.UpdatedAt))
	status := theirs.Status
	if inv.Cancelled {
		status = StatusCancelled
	} else if !theirs.StartsAt.Equal(iv.StartsAt) && (status == StatusScheduled || status == StatusCancelled) {
		status = StatusRescheduled
	}
	location := theirs.Location
	if iv.Location != "" {
		location = iv.Location
	}
	start, zone := theirs.StartsAt, theirs.TimeZone
	if !inv.Cancelled {
		start = iv.StartsAt
		if inv.ZoneGiven || zone == "" {
			zone = iv.TimeZone
		}
	}
	inviteUID, seq := theirs.InviteUID, theirs.InviteSequence
	if inviteUID == inv.UID {
		seq = inv.Sequence
	}
	if _, err := tx.ExecContext(ctx, `UPDATE interviews SET starts_at = ?, timezone = ?, location = ?, status = ?,
		invite_uid = ?, invite_sequence = ?, updated_at = ? WHERE id = ?`,
		formatStart(start), zone, location, string(status), inviteUID, seq, stamp, theirs.ID); err != nil {
		return err
	}
	if status != theirs.Status {
		if _, err := tx.ExecContext(ctx, `INSERT INTO events (interview_id, at, kind, from_status, to_status)
			VALUES (?, ?, ?, ?, ?)`, theirs.ID, stamp, string(EventStatus), string(theirs.Status), string(status)); err != nil {
			return err
		}
	}
	if note := inviteNote(theirs, inv, start, zone); note != "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO events (interview_id, at, kind, body) VALUES (?, ?, ?, ?)`,
			theirs.ID, stamp, string(EventNote), note); err != nil {
			return err
		}
	}
	res.Updated++
	return nil
}

// inviteNote is the timeline entry for what an updated invite changed.
func inviteNote(theirs Interview, inv *Invite, start time.Time, zone string) string {
	if inv.Cancelled {
		return "The organiser cancelled the calendar invite."
	}
	if theirs.StartsAt.Equal(start) {
		return ""
	}
	at := func(t time.Time, z string) string {
		if t.IsZero() {
			return "no date"
		}
		return Interview{StartsAt: t, TimeZone: z}.Local(time.UTC).Format("Mon 2 Jan 2006 15:04 MST")
	}
	return "An updated calendar invite moved it from " + at(theirs.StartsAt, theirs.TimeZone) + " to " + at(start, zone) + "."
}
