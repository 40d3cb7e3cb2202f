package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

const interviewColumns = `id, company, role, contact_name, contact_email, starts_at,
	timezone, status, notes, created_at, updated_at, location, uid, invite_uid, invite_sequence`

// insertInterviewSQL stores a new interview; see insertArgs.
const insertInterviewSQL = `INSERT INTO interviews
	(company, role, contact_name, contact_email, starts_at, timezone, status, notes,
	 created_at, updated_at, location, uid, invite_uid, invite_sequence)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// insertArgs are insertInterviewSQL's values for iv, stamped as created
// and updated at stamp. An interview without a UID is given one here.
func insertArgs(iv *Interview, stamp string) []any {
	if iv.UID == "" {
		iv.UID = NewUID()
	}
	return []any{iv.Company, iv.Role, iv.ContactName, iv.ContactEmail,
		formatStart(iv.StartsAt), iv.TimeZone, string(iv.Status), iv.Notes, stamp, stamp,
		iv.Location, iv.UID, iv.InviteUID, iv.InviteSequence}
}

// NewUID returns a fresh calendar UID: a random UUID in Bridgekeeper's
// domain, unique across every database.
func NewUID() string { return uuid.NewString() + "@bridgekeeper" }

// CreateInterview validates and stores a new interview, setting its ID and
// timestamps, and starts its timeline with a "created" event.
func (s *Store) CreateInterview(ctx context.Context, iv *Interview) error {
	return s.CreateInterviews(ctx, []*Interview{iv})
}

// CreateInterviews stores many interviews in one transaction: either all of
// them are saved or, on the first invalid one, none is.
func (s *Store) CreateInterviews(ctx context.Context, ivs []*Interview) error {
	for i, iv := range ivs {
		if err := iv.Validate(); err != nil {
			if len(ivs) == 1 {
				return err
			}
			return fmt.Errorf("interview %d: %w", i+1, classify(err))
		}
	}
	now := time.Now().UTC()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		ins, err := tx.PrepareContext(ctx, insertInterviewSQL)
		if err != nil {
			return err
		}
		defer ins.Close()
		ev, err := tx.PrepareContext(ctx, `INSERT INTO events (interview_id, at, kind, to_status) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ev.Close()
		stamp := formatStamp(now)
		for _, iv := range ivs {
			res, err := ins.ExecContext(ctx, insertArgs(iv, stamp)...)
			if err != nil {
				return err
			}
			if iv.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			if _, err := ev.ExecContext(ctx, iv.ID, stamp, string(EventCreated), string(iv.Status)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		for _, iv := range ivs {
			iv.ID, iv.UID = 0, ""
		}
		return wrapErr("save interview", err)
	}
	for _, iv := range ivs {
		iv.CreatedAt, iv.UpdatedAt = now.Truncate(time.Millisecond), now.Truncate(time.Millisecond)
		iv.StartsAt = iv.StartsAt.UTC().Truncate(time.Second)
	}
	return nil
}

// Interview loads one interview by ID; it returns ErrNotFound when there is none.
func (s *Store) Interview(ctx context.Context, id int64) (Interview, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+interviewColumns+` FROM interviews WHERE id = ?`, id)
	iv, err := scanInterview(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Interview{}, fmt.Errorf("interview %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Interview{}, fmt.Errorf("load interview %d: %w", id, classify(err))
	}
	return iv, nil
}

// Interviews loads every interview, soonest first (undated ones last).
func (s *Store) Interviews(ctx context.Context) ([]Interview, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+interviewColumns+` FROM interviews
		ORDER BY starts_at = '', starts_at, id`)
	if err != nil {
		return nil, wrapErr("list interviews", err)
	}
	defer rows.Close()
	var out []Interview
	for rows.Next() {
		iv, err := scanInterview(rows)
		if err != nil {
			return nil, wrapErr("list interviews", err)
		}
		out = append(out, iv)
	}
	if err := rows.Err(); err != nil {
		return nil, wrapErr("list interviews", err)
	}
	return out, nil
}

// InterviewsPage loads the first limit interviews in Interviews' order
// (soonest first, undated last), so a window can show a page at once and
// load the rest in the background. Both halves walk the start-time index,
// so the cost grows with limit, not with the size of the database.
func (s *Store) InterviewsPage(ctx context.Context, limit int) ([]Interview, error) {
	if limit <= 0 {
		return nil, nil
	}
	out := make([]Interview, 0, min(limit, 1024))
	for _, q := range []string{
		`SELECT ` + interviewColumns + ` FROM interviews WHERE starts_at > '' ORDER BY starts_at, id LIMIT ?`,
		`SELECT ` + interviewColumns + ` FROM interviews WHERE starts_at = '' ORDER BY id LIMIT ?`,
	} {
		if len(out) == limit {
			break
		}
		rows, err := s.db.QueryContext(ctx, q, limit-len(out))
		if err != nil {
			return nil, wrapErr("list interviews", err)
		}
		for rows.Next() {
			iv, err := scanInterview(rows)
			if err != nil {
				rows.Close()
				return nil, wrapErr("list interviews", err)
			}
			out = append(out, iv)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, wrapErr("list interviews", err)
		}
	}
	return out, nil
}

// CountInterviews returns how many interviews are stored.
func (s *Store) CountInterviews(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM interviews`).Scan(&n); err != nil {
		return 0, wrapErr("count interviews", err)
	}
	return n, nil
}

// ErrConflict means an interview was changed by someone else (another
// window, the command line) after it was read for editing.
var ErrConflict = errors.New("the interview was changed elsewhere after you opened it")

// ConflictError is an ErrConflict with the interview as it is stored now,
// so the user can compare theirs with mine and choose.
type ConflictError struct {
	Theirs Interview
}

func (e *ConflictError) Error() string { return ErrConflict.Error() }

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// UpdateInterview saves changes to an existing interview. A change of status
// is recorded on the timeline in the same transaction.
//
// iv.UpdatedAt is the version the edit started from: when the stored
// interview has changed since (its updated_at differs), nothing is written
// and the error is a *ConflictError holding the stored interview. To save
// over theirs on purpose, retry with theirs' UpdatedAt. A zero UpdatedAt
// skips the check.
func (s *Store) UpdateInterview(ctx context.Context, iv *Interview) error {
	if err := iv.Validate(); err != nil {
		return err
	}
	var stamp time.Time
	var theirUID string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		theirs, err := scanInterview(tx.QueryRowContext(ctx, `SELECT `+interviewColumns+` FROM interviews WHERE id = ?`, iv.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("interview %d: %w", iv.ID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if !iv.UpdatedAt.IsZero() && !theirs.UpdatedAt.Equal(iv.UpdatedAt.UTC().Truncate(time.Millisecond)) {
			return &ConflictError{Theirs: theirs}
		}
		stamp, theirUID = nextStamp(theirs.UpdatedAt), theirs.UID
		_, err = tx.ExecContext(ctx, `UPDATE interviews SET company = ?, role = ?, contact_name = ?,
			contact_email = ?, starts_at = ?, timezone = ?, status = ?, notes = ?, updated_at = ?,
			location = ?, invite_uid = ?, invite_sequence = ?
			WHERE id = ?`,
			iv.Company, iv.Role, iv.ContactName, iv.ContactEmail, formatStart(iv.StartsAt),
			iv.TimeZone, string(iv.Status), iv.Notes, formatStamp(stamp),
			iv.Location, iv.InviteUID, iv.InviteSequence, iv.ID)
		if err != nil {
			return err
		}
		if theirs.Status != iv.Status {
			_, err = tx.ExecContext(ctx, `INSERT INTO events (interview_id, at, kind, from_status, to_status)
				VALUES (?, ?, ?, ?, ?)`, iv.ID, formatStamp(stamp), string(EventStatus), string(theirs.Status), string(iv.Status))
		}
		return err
	})
	if err != nil {
		return wrapErr("update interview", err)
	}
	iv.UpdatedAt, iv.Damage, iv.RawStartsAt = stamp, "", ""
	if iv.UID == "" {
		// The UID never changes; the caller's copy may just not carry it.
		iv.UID = theirUID
	}
	return nil
}

// nextStamp is the updated_at for a change made now: later than the one
// before, even when the clock has not moved on (or went back), so every
// change gives a new version that a stale edit cannot match.
func nextStamp(prev time.Time) time.Time {
	now := time.Now().UTC().Truncate(time.Millisecond)
	if !now.After(prev) {
		return prev.Add(time.Millisecond)
	}
	return now
}

// DeleteInterview removes an interview and its whole timeline.
func (s *Store) DeleteInterview(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM interviews WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete interview %d: %w", id, err)
	}
	return nil
}

// AddEvent appends an entry to an interview's timeline. A status event also
// moves the interview to the new status, in the same transaction.
func (s *Store) AddEvent(ctx context.Context, e *Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if err := s.AddEvents(ctx, []*Event{e}); err != nil {
		return fmt.Errorf("add %s event: %w", e.Kind, errors.Unwrap(err))
	}
	return nil
}

// AddEvents appends many entries in one transaction, in order, as
// AddEvent would one by one: all are stored or, on the first invalid one
// or a missing interview, none.
func (s *Store) AddEvents(ctx context.Context, events []*Event) error {
	for _, e := range events {
		if err := e.Validate(); err != nil {
			return err
		}
	}
	now := time.Now().UTC()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, e := range events {
			if e.At.IsZero() {
				e.At = now
			}
			e.At = e.At.UTC().Truncate(time.Millisecond)
			if err := addEvent(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("add events: %w", classify(err))
	}
	return nil
}

// addEvent stores one event in tx, moving its interview for a status event.
func addEvent(ctx context.Context, tx *sql.Tx, e *Event) error {
	var old, updated string
	err := tx.QueryRowContext(ctx, `SELECT status, updated_at FROM interviews WHERE id = ?`, e.InterviewID).Scan(&old, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("interview %d: %w", e.InterviewID, ErrNotFound)
	}
	if err != nil {
		return err
	}
	stamp := formatStamp(e.At)
	if e.Kind == EventStatus {
		e.FromStatus = Status(old)
		// A new version, so an edit opened before this change conflicts.
		prev, _ := parseTime(updated)
		if _, err := tx.ExecContext(ctx, `UPDATE interviews SET status = ?, updated_at = ? WHERE id = ?`,
			string(e.ToStatus), formatStamp(nextStamp(prev)), e.InterviewID); err != nil {
			return err
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO events
		(interview_id, at, kind, from_status, to_status, scenario, subject, body, channel, reason, disclose, tone)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.InterviewID, stamp, string(e.Kind), string(e.FromStatus), string(e.ToStatus),
		e.Scenario, e.Subject, e.Body, e.Channel, e.Reason, e.Disclose, e.Tone)
	if err != nil {
		return err
	}
	e.ID, err = res.LastInsertId()
	return err
}

// Events returns an interview's timeline, newest first.
func (s *Store) Events(ctx context.Context, interviewID int64) ([]Event, error) {
	out, err := queryEvents(ctx, s.db, `SELECT `+eventColumns+` FROM events
		WHERE interview_id = ? ORDER BY at DESC, id DESC`, interviewID)
	if err != nil {
		return nil, wrapErr("load timeline", err)
	}
	return out, nil
}

// MessagesTo returns every message filed on the timelines of interviews with
// company, oldest first: what was said to them before. The company is
// matched as companies are (CompanyKey, and the names of companies merged
// into it), so "ACME, Inc." finds what was sent to "Acme".
//
// An email, when given, adds what was sent about any interview that person
// was the contact for: a recruiter who has moved to another company still
// remembers what the user told them.
func (s *Store) MessagesTo(ctx context.Context, company string, email ...string) ([]Event, error) {
	key := CompanyKey(company)
	person := ""
	if len(email) > 0 {
		person = strings.TrimSpace(email[0])
	}
	out, err := queryEvents(ctx, s.db, `SELECT `+prefixed("e.", eventColumns)+` FROM events e
		JOIN interviews i ON i.id = e.interview_id
		WHERE e.kind = 'draft' AND (i.company_id = (`+companyByKeySQL+`)
			OR (i.company_id IS NULL AND lower(trim(i.company)) = lower(trim(?)))
			OR (? <> '' AND i.id IN (SELECT ic.interview_id FROM interview_contacts ic JOIN contacts ct ON ct.id = ic.contact_id
				WHERE ct.email <> '' AND lower(ct.email) = lower(?))))
		ORDER BY e.at, e.id`, key, key, company, person, person)
	if err != nil {
		return nil, wrapErr("load what was sent to "+company, err)
	}
	return out, nil
}

// eventColumns are the events table's columns, in the order scanEvent reads.
const eventColumns = `id, interview_id, at, kind, from_status, to_status, scenario, subject, body,
	channel, reason, disclose, tone`

// prefixed puts a table alias before each column of a list.
func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// queryEvents runs a query of eventColumns and reads every row.
func queryEvents(ctx context.Context, q querier, query string, args ...any) ([]Event, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// scanEvent reads one row of eventColumns, and into more any columns that
// follow them. A time that cannot be read leaves the entry undated rather
// than hiding the whole timeline.
func scanEvent(sc scanner, more ...any) (Event, error) {
	var e Event
	var at, kind, from, to string
	dest := append([]any{&e.ID, &e.InterviewID, &at, &kind, &from, &to, &e.Scenario, &e.Subject, &e.Body,
		&e.Channel, &e.Reason, &e.Disclose, &e.Tone}, more...)
	if err := sc.Scan(dest...); err != nil {
		return Event{}, err
	}
	e.At, _ = parseTime(at)
	e.Kind, e.FromStatus, e.ToStatus = EventKind(kind), Status(from), Status(to)
	return e, nil
}

// LastEventTimes returns when each interview's timeline last changed, by
// interview ID.
func (s *Store) LastEventTimes(ctx context.Context) (map[int64]time.Time, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT interview_id, max(at) FROM events GROUP BY interview_id`)
	if err != nil {
		return nil, wrapErr("load last events", err)
	}
	defer rows.Close()
	out := map[int64]time.Time{}
	for rows.Next() {
		var id int64
		var at string
		if err := rows.Scan(&id, &at); err != nil {
			return nil, wrapErr("load last events", err)
		}
		if out[id], err = parseTime(at); err != nil {
			return nil, wrapErr("load last events", err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrapErr("load last events", err)
	}
	return out, nil
}

// Setting returns a stored setting, or def when it was never set.
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return def, fmt.Errorf("read setting %s: %w", key, classify(err))
	}
	return v, nil
}

// SetSetting stores a setting, replacing any earlier value.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, classify(err))
	}
	return nil
}

type scanner interface{ Scan(dest ...any) error }

// scanInterview reads one row. A value that cannot be read (a time Go
// cannot parse or that lies outside the years Bridgekeeper allows, an
// unknown status) does not fail the row: it is left zero and named in
// Damage, so the tracker still lists it and the user can mend or delete it.
//
// Columns that follow interviewColumns are read into more.
func scanInterview(sc scanner, more ...any) (Interview, error) {
	var iv Interview
	var starts, status, created, updated string
	err := sc.Scan(append([]any{&iv.ID, &iv.Company, &iv.Role, &iv.ContactName, &iv.ContactEmail, &starts,
		&iv.TimeZone, &status, &iv.Notes, &created, &updated,
		&iv.Location, &iv.UID, &iv.InviteUID, &iv.InviteSequence}, more...)...)
	if err != nil {
		return iv, err
	}
	var damage []string
	iv.Status = Status(status)
	if !iv.Status.Valid() {
		damage = append(damage, fmt.Sprintf("the status %q is not one Bridgekeeper knows", status))
	}
	if iv.StartsAt, err = parseTime(starts); err != nil || (!iv.StartsAt.IsZero() && !ValidYear(iv.StartsAt)) {
		iv.StartsAt, iv.RawStartsAt = time.Time{}, starts
		damage = append(damage, fmt.Sprintf("the stored date %q cannot be read", starts))
	}
	if iv.CreatedAt, err = parseTime(created); err != nil {
		damage = append(damage, fmt.Sprintf("the time it was added (%q) cannot be read", created))
	}
	if iv.UpdatedAt, err = parseTime(updated); err != nil {
		damage = append(damage, fmt.Sprintf("the time it was last changed (%q) cannot be read", updated))
	}
	iv.Damage = strings.Join(damage, "; ")
	return iv, nil
}
