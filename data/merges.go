package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// MergeSuggestion is two companies that may be one, for the user to merge
// or keep apart: the migration and CompanyKey only join names that are
// certainly one company.
type MergeSuggestion struct {
	A, B Company
	// Why says what made them look alike.
	Why string
}

// companyRef is a company and its match key.
type companyRef struct {
	Company
	key string
}

// MergeSuggestions lists pairs of companies whose names look like one
// company written two ways: one name inside the other ("Acme" and "Acme
// Labs"), the same letters spaced differently ("Glob Ex", "Globex"), or one
// letter apart ("Globex", "Globx"). Pairs the user kept apart are left
// out. It works from sorted keys and one-letter-deleted variants, never
// comparing every pair, so thousands of companies take milliseconds.
func (s *Store) MergeSuggestions(ctx context.Context) ([]MergeSuggestion, error) {
	refs, err := s.companyRefs(ctx)
	if err != nil {
		return nil, err
	}
	apart, err := s.keptApart(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[[2]int64]bool{}
	var out []MergeSuggestion
	add := func(a, b companyRef, why string) {
		pair := [2]int64{min(a.ID, b.ID), max(a.ID, b.ID)}
		if a.ID == b.ID || seen[pair] || apart[pair] {
			return
		}
		seen[pair] = true
		if a.ID > b.ID {
			a, b = b, a
		}
		out = append(out, MergeSuggestion{A: a.Company, B: b.Company, Why: why})
	}
	suggestPrefixes(refs, add)
	suggestLookalikes(refs, add)
	return out, nil
}

func (s *Store) companyRefs(ctx context.Context) ([]companyRef, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, website, notes, match_key FROM companies`)
	if err != nil {
		return nil, wrapErr("list companies", err)
	}
	defer rows.Close()
	var out []companyRef
	for rows.Next() {
		var r companyRef
		if err := rows.Scan(&r.ID, &r.Name, &r.Website, &r.Notes, &r.key); err != nil {
			return nil, wrapErr("list companies", err)
		}
		out = append(out, r)
	}
	return out, wrapErr("list companies", rows.Err())
}

func (s *Store) keptApart(ctx context.Context) (map[[2]int64]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a, b FROM companies_apart`)
	if err != nil {
		return nil, wrapErr("list companies kept apart", err)
	}
	defer rows.Close()
	out := map[[2]int64]bool{}
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			return nil, wrapErr("list companies kept apart", err)
		}
		out[[2]int64{min(a, b), max(a, b)}] = true
	}
	return out, wrapErr("list companies kept apart", rows.Err())
}

// KeepApart records that two companies are not one, so they are not
// suggested for merging again.
func (s *Store) KeepApart(ctx context.Context, a, b int64) error {
	return wrapErr("keep companies apart", s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO companies_apart (a, b) VALUES (?, ?)`, min(a, b), max(a, b))
		return err
	}))
}

// MergeCompanies folds drop into keep: its interviews and contacts move to
// keep, its name becomes one of keep's (so new interviews under it go to
// keep), its notes and website fill keep's gaps, and it is deleted.
// Nothing else is lost.
func (s *Store) MergeCompanies(ctx context.Context, keep, drop int64) error {
	if keep == drop {
		return &FieldError{Field: "company", Msg: "a company cannot be merged into itself"}
	}
	return wrapErr("merge companies", s.inTx(ctx, func(tx *sql.Tx) error {
		var key, website, notes string
		err := tx.QueryRowContext(ctx, `SELECT match_key, website, notes FROM companies WHERE id = ?`, drop).Scan(&key, &website, &notes)
		if err == sql.ErrNoRows {
			return fmt.Errorf("%w: no company %d", ErrNotFound, drop)
		}
		if err != nil {
			return err
		}
		stamp := formatStamp(time.Now().UTC())
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`UPDATE companies SET website = CASE WHEN website = '' THEN ? ELSE website END,
				notes = CASE WHEN notes = '' THEN ? WHEN ? = '' THEN notes ELSE notes || char(10) || ? END,
				updated_at = ? WHERE id = ?`, []any{website, notes, notes, notes, stamp, keep}},
			{`UPDATE interviews SET company_id = ? WHERE company_id = ?`, []any{keep, drop}},
			{`UPDATE contacts SET company_id = ? WHERE company_id = ?`, []any{keep, drop}},
			{`UPDATE company_aliases SET company_id = ? WHERE company_id = ?`, []any{keep, drop}},
			{`DELETE FROM companies_apart WHERE a = ? OR b = ?`, []any{drop, drop}},
			{`DELETE FROM companies WHERE id = ?`, []any{drop}},
			{`INSERT OR REPLACE INTO company_aliases (match_key, company_id) VALUES (?, ?)`, []any{key, keep}},
		} {
			res, err := tx.ExecContext(ctx, q.sql, q.args...)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 && strings.HasPrefix(q.sql, "UPDATE companies SET") {
				return fmt.Errorf("%w: no company %d", ErrNotFound, keep)
			}
		}
		return nil
	}))
}

// suggestPrefixes offers pairs where one name is the first words of the
// other: sorted by key they sit next to each other, the shorter first.
func suggestPrefixes(refs []companyRef, add func(a, b companyRef, why string)) {
	slices.SortFunc(refs, func(a, b companyRef) int { return strings.Compare(a.key, b.key) })
	for i, r := range refs {
		for _, next := range refs[i+1:] {
			if !strings.HasPrefix(next.key, r.key+" ") {
				break
			}
			add(r, next, fmt.Sprintf("%q is the start of %q", r.Name, next.Name))
		}
	}
}

// suggestLookalikes offers names with the same letters spaced differently,
// and names of five letters or more one edit apart: each is filed under
// itself and under every way of leaving one letter out, and two that meet
// under one are checked letter by letter.
func suggestLookalikes(refs []companyRef, add func(a, b companyRef, why string)) {
	spaced := map[string]companyRef{}
	oneOff := map[string]companyRef{}
	for _, r := range refs {
		joined := strings.ReplaceAll(r.key, " ", "")
		if o, ok := spaced[joined]; ok {
			add(o, r, "the same letters, spaced differently")
		}
		spaced[joined] = r
		for _, v := range oneOffVariants(joined) {
			if o, ok := oneOff[v]; ok && o.key != r.key && oneEditApart(strings.ReplaceAll(o.key, " ", ""), joined) {
				add(o, r, "one letter apart")
			}
			oneOff[v] = r
		}
	}
}

// oneOffVariants is s and s with each letter left out in turn; none for
// names under five letters, where one letter makes another word.
func oneOffVariants(s string) []string {
	runes := []rune(s)
	if len(runes) < 5 {
		return nil
	}
	out := []string{s}
	for i := range runes {
		out = append(out, string(runes[:i])+string(runes[i+1:]))
	}
	return out
}

// oneEditApart reports whether a and b differ by exactly one letter added,
// left out or changed.
func oneEditApart(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y)-len(x) > 1 {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	if len(x) == len(y) {
		return i < len(x) && string(x[i+1:]) == string(y[i+1:])
	}
	return string(x[i:]) == string(y[i+1:])
}
