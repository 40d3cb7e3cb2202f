package data

import (
	"context"
	"database/sql"
)

// Record is one interview with its whole timeline, as the figures, the
// work-search log and the report read them.
type Record struct {
	Interview
	// CompanyName is the name of the company record the interview links
	// to, so interviews under merged names count as one company; it is
	// the interview's own company text until the linker has run.
	CompanyName string
	// Events is the timeline, oldest first. Message and note bodies are
	// left out: nothing that reads records quotes them, and at 100,000
	// interviews they would be most of the memory.
	Events []Event
}

// Records loads every interview with its timeline, in the order of
// Interviews (soonest first, undated last). It reads two queries, one per
// table, so its cost is one pass over each.
func (s *Store) Records(ctx context.Context) ([]Record, error) {
	out, err := s.records(ctx)
	if err != nil {
		return nil, wrapErr("load the search's history", err)
	}
	return out, nil
}

func (s *Store) records(ctx context.Context) ([]Record, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	// One read transaction: a write between the queries cannot leave an
	// event whose interview was not read.
	defer tx.Rollback() //nolint:errcheck // read-only
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM interviews`).Scan(&n); err != nil {
		return nil, err
	}
	// Sized once: a Record is large, and regrowing 100,000 of them would
	// copy them over and over.
	out := make([]Record, 0, n)
	at := make(map[int64]int, n)
	rows, err := tx.QueryContext(ctx, `SELECT `+prefixed("i.", interviewColumns)+`, coalesce(c.name, i.company)
		FROM interviews i LEFT JOIN companies c ON c.id = i.company_id
		ORDER BY i.starts_at = '', i.starts_at, i.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r Record
		iv, err := scanInterview(rows, &r.CompanyName)
		if err != nil {
			return nil, err
		}
		r.Interview = iv
		at[iv.ID] = len(out)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Each event goes straight to its interview, not through a slice of
	// them all first.
	evRows, err := tx.QueryContext(ctx, `SELECT id, interview_id, at, kind, from_status, to_status, scenario,
		subject, '', channel, reason, disclose, tone FROM events ORDER BY interview_id, at, id`)
	if err != nil {
		return nil, err
	}
	defer evRows.Close()
	for evRows.Next() {
		e, err := scanEvent(evRows)
		if err != nil {
			return nil, err
		}
		if i, ok := at[e.InterviewID]; ok {
			out[i].Events = append(out[i].Events, e)
		}
	}
	return out, evRows.Err()
}
