package data

import (
	"context"
	"time"
)

// NextInterviews returns up to limit interviews that are still to come
// (scheduled or rescheduled, starting at or after now), soonest first,
// straight from the starts_at index, however many past ones there are.
func (s *Store) NextInterviews(ctx context.Context, now time.Time, limit int) ([]Interview, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+interviewColumns+` FROM interviews
		WHERE starts_at >= ? AND starts_at <> '' AND status IN (?, ?)
		ORDER BY starts_at, id LIMIT ?`,
		formatStart(now.Truncate(time.Second)), string(StatusScheduled), string(StatusRescheduled), limit)
	if err != nil {
		return nil, wrapErr("next interviews", err)
	}
	defer rows.Close()
	var out []Interview
	for rows.Next() {
		iv, err := scanInterview(rows)
		if err != nil {
			return nil, wrapErr("next interviews", err)
		}
		out = append(out, iv)
	}
	if err := rows.Err(); err != nil {
		return nil, wrapErr("next interviews", err)
	}
	return out, nil
}
