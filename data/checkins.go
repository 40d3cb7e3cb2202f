package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CheckIn is a reminder to reconnect with a company the user stepped back
// from on good terms.
type CheckIn struct {
	ID          int64
	InterviewID int64 // 0 when the interview has since been deleted
	CompanyID   int64
	Company     string // the company's name, for display
	Due         time.Time
	Done        time.Time // zero until the user has written
	UID         string    // its event's UID in calendar exports
}

// AddCheckIn sets a reminder to reconnect, due at due, about an interview
// (and so its company). The due time must be ahead of now.
func (s *Store) AddCheckIn(ctx context.Context, interviewID int64, due, now time.Time) (CheckIn, error) {
	if !due.After(now) {
		return CheckIn{}, &FieldError{Field: "due", Msg: "a check-in is for a day still ahead"}
	}
	c := CheckIn{InterviewID: interviewID, Due: due.UTC().Truncate(time.Second), UID: "check-in-" + NewUID()}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// The interview's company link is made by the write that added it.
		err := tx.QueryRowContext(ctx, `SELECT company_id, (SELECT name FROM companies WHERE id = company_id)
			FROM interviews WHERE id = ?`, interviewID).Scan(&c.CompanyID, &c.Company)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: no interview %d", ErrNotFound, interviewID)
		}
		if err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO check_ins (interview_id, company_id, due_at, uid, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, interviewID, c.CompanyID, formatStamp(c.Due), c.UID, formatStamp(now)).Scan(&c.ID)
	})
	if err != nil {
		return CheckIn{}, wrapErr("set a check-in", err)
	}
	return c, nil
}

// checkInColumns are read by scanCheckIn.
const checkInColumns = `k.id, coalesce(k.interview_id, 0), coalesce(k.company_id, 0), coalesce(c.name, ''), k.due_at, k.done_at, k.uid`

func scanCheckIns(rows *sql.Rows) ([]CheckIn, error) {
	defer rows.Close()
	var out []CheckIn
	for rows.Next() {
		var k CheckIn
		var due, done string
		if err := rows.Scan(&k.ID, &k.InterviewID, &k.CompanyID, &k.Company, &due, &done, &k.UID); err != nil {
			return nil, err
		}
		k.Due, _ = parseTime(due)
		if done != "" {
			k.Done, _ = parseTime(done)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// DueCheckIns lists the check-ins not yet done that fall due by until,
// soonest first.
func (s *Store) DueCheckIns(ctx context.Context, until time.Time) ([]CheckIn, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+checkInColumns+` FROM check_ins k
		LEFT JOIN companies c ON c.id = k.company_id
		WHERE k.done_at = '' AND k.due_at <= ? ORDER BY k.due_at, k.id`, formatStamp(until))
	if err != nil {
		return nil, wrapErr("list check-ins", err)
	}
	out, err := scanCheckIns(rows)
	return out, wrapErr("list check-ins", err)
}

// CheckIns lists every check-in: a company's (companyID > 0) or all,
// done ones included, by due date.
func (s *Store) CheckIns(ctx context.Context, companyID int64) ([]CheckIn, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+checkInColumns+` FROM check_ins k
		LEFT JOIN companies c ON c.id = k.company_id
		WHERE ? = 0 OR k.company_id = ? ORDER BY k.due_at, k.id`, companyID, companyID)
	if err != nil {
		return nil, wrapErr("list check-ins", err)
	}
	out, err := scanCheckIns(rows)
	return out, wrapErr("list check-ins", err)
}

// CheckInDone marks a check-in done at now.
func (s *Store) CheckInDone(ctx context.Context, id int64, now time.Time) error {
	return wrapErr("mark the check-in done", s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE check_ins SET done_at = ? WHERE id = ? AND done_at = ''`, formatStamp(now), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("%w: no open check-in %d", ErrNotFound, id)
		}
		return nil
	}))
}

// CheckInsForCalendar picks the check-ins a calendar export carries: those not yet
// done and still ahead.
func CheckInsForCalendar(ks []CheckIn, now time.Time) []CheckIn {
	var out []CheckIn
	for _, k := range ks {
		if k.Done.IsZero() && !k.Due.Before(now) {
			out = append(out, k)
		}
	}
	return out
}
