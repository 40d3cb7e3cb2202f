package data

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// CSVHeader returns the columns WriteCSV writes, in order. ReadCSV matches
// them by name, so a file may hold them in any order.
func CSVHeader() []string {
	return []string{"company", "role", "contact_name", "contact_email", "starts_at", "timezone", "status", "notes"}
}

// LineProblem is one thing wrong with an imported file. Line counts lines
// in the file itself (the header is line 1), so a quoted cell that spans
// several lines is reported where it starts.
type LineProblem struct {
	Line  int
	Field string // a CSVHeader column, or "" for a problem with the whole row
	Msg   string
}

// String formats the problem as "line N: field: message".
func (p LineProblem) String() string {
	if p.Field == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Msg)
	}
	return fmt.Sprintf("line %d: %s: %s", p.Line, p.Field, p.Msg)
}

// ImportError lists every problem found in a CSV file. When it is returned
// nothing has been imported.
type ImportError struct {
	Problems []LineProblem
}

// Error names the first problem and counts the rest, so it fits on one line.
func (e *ImportError) Error() string {
	if len(e.Problems) == 0 {
		return "invalid CSV"
	}
	msg := e.Problems[0].String()
	switch n := len(e.Problems) - 1; n {
	case 0:
	case 1:
		msg += " (and 1 more problem)"
	default:
		msg += fmt.Sprintf(" (and %d more problems)", n)
	}
	return msg
}

// Spreadsheets run a cell that starts with one of these as a formula, so an
// exported file could carry an attack to whoever opens it.
const formulaStarts = "=+-@\t\r"

// neutralise prefixes a quote to any cell a spreadsheet would evaluate. A
// cell that already starts with quotes in front of such a character gets one
// more, so that unneutralise can undo exactly what was added.
func neutralise(cell string) string {
	rest := strings.TrimLeft(cell, "'")
	if rest != "" && strings.IndexByte(formulaStarts, rest[0]) >= 0 {
		return "'" + cell
	}
	return cell
}

// unneutralise removes the quote neutralise adds. Any other cell, including
// a quote before ordinary text, is kept literally.
func unneutralise(cell string) string {
	if !strings.HasPrefix(cell, "'") {
		return cell
	}
	rest := strings.TrimLeft(cell, "'")
	if rest != "" && strings.IndexByte(formulaStarts, rest[0]) >= 0 {
		return cell[1:]
	}
	return cell
}

// WriteCSV writes ivs as RFC 4180 CSV (CRLF after every record) with the
// CSVHeader columns. Times are RFC 3339 in the interview's own zone, and
// cells a spreadsheet would run as formulas are neutralised (see ReadCSV).
func WriteCSV(w io.Writer, ivs []Interview) error {
	out := bufio.NewWriter(w)
	// encoding/csv either writes bare LF record ends or, with UseCRLF, also
	// rewrites line breaks inside cells (dropping a lone CR). Writing each
	// record to a buffer and fixing only its final LF keeps cells verbatim.
	var rec bytes.Buffer
	cw := csv.NewWriter(&rec)
	put := func(cells []string) error {
		rec.Reset()
		if err := cw.Write(cells); err != nil {
			return err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		line := rec.Bytes()
		if _, err := out.Write(line[:len(line)-1]); err != nil {
			return err
		}
		_, err := out.WriteString("\r\n")
		return err
	}
	if err := put(CSVHeader()); err != nil {
		return wrapErr("write CSV", err)
	}
	cells := make([]string, len(CSVHeader()))
	for _, iv := range ivs {
		// A stored time that could not be read goes out as it was stored,
		// so an export never loses it.
		starts := iv.RawStartsAt
		if !iv.StartsAt.IsZero() {
			starts = iv.Local(time.UTC).Format(time.RFC3339)
		}
		for i, v := range []string{iv.Company, iv.Role, iv.ContactName, iv.ContactEmail,
			starts, iv.TimeZone, string(iv.Status), iv.Notes} {
			cells[i] = neutralise(v)
		}
		if err := put(cells); err != nil {
			return wrapErr("write CSV", err)
		}
	}
	if err := out.Flush(); err != nil {
		return wrapErr("write CSV", err)
	}
	return nil
}

// Wall-clock layouts accepted for starts_at besides RFC 3339, read in the
// row's timezone: spreadsheets rarely write offsets.
var wallLayouts = [...]string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"}

// ReadCSV reads interviews from CSV and validates every row.
//
// The first record is a header naming the columns (case-insensitive, any
// order, a UTF-8 byte order mark is ignored); only company is required and
// unknown columns are skipped. starts_at is RFC 3339, or a plain
// "2006-01-02 15:04" wall time when the row has a timezone; an empty status
// means scheduled. A cell written as a quote followed by =, +, -, @, tab or
// CR loses that one quote, which undoes WriteCSV's formula protection and
// makes export followed by import exact (except that encoding/csv reads a
// CRLF inside a cell as LF). Every other cell is taken literally.
//
// When any row is wrong the result is an *ImportError listing every problem
// with its line number, and no interviews.
func ReadCSV(r io.Reader) ([]*Interview, error) {
	br := bufio.NewReader(r)
	// The BOM is dropped before the CSV reader sees it: otherwise a quoted
	// first header cell would start with a stray character.
	if bom, err := br.Peek(3); err == nil && string(bom) == "\ufeff" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1

	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &ImportError{Problems: []LineProblem{{Line: 1, Msg: "the file is empty; expected a header row naming the columns"}}}
	}
	if err != nil {
		return nil, readProblem(err, nil)
	}
	cols, problems := mapHeader(header)
	if problems != nil {
		return nil, &ImportError{Problems: problems}
	}

	var out []*Interview
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, readProblem(err, problems)
		}
		line, _ := cr.FieldPos(0)
		if blankRecord(rec) {
			// Spreadsheets often end a sheet with rows of empty cells.
			continue
		}
		if len(rec) != len(header) {
			problems = append(problems, LineProblem{Line: line,
				Msg: fmt.Sprintf("row has %d cells but the header has %d", len(rec), len(header))})
			continue
		}
		iv, rowProblems := parseRow(rec, cols, func(col int) int {
			l, _ := cr.FieldPos(col)
			return l
		})
		problems = append(problems, rowProblems...)
		if len(rowProblems) == 0 {
			out = append(out, iv)
		}
	}
	if len(problems) > 0 {
		return nil, &ImportError{Problems: problems}
	}
	return out, nil
}

// readProblem turns a CSV syntax error into the last entry of an
// ImportError; the reader cannot continue past it.
func readProblem(err error, problems []LineProblem) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ImportError{Problems: append(problems, LineProblem{Line: pe.Line, Msg: pe.Err.Error()})}
	}
	return wrapErr("read CSV", err)
}

// headerName lets "Contact Email" or "contact-email" name contact_email.
var headerName = strings.NewReplacer(" ", "_", "-", "_")

func blankRecord(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// mapHeader finds each known column's index in the header (-1 = absent).
func mapHeader(header []string) (map[string]int, []LineProblem) {
	cols := make(map[string]int, len(CSVHeader()))
	for _, name := range CSVHeader() {
		cols[name] = -1
	}
	var problems []LineProblem
	for i, cell := range header {
		name := headerName.Replace(strings.ToLower(strings.TrimSpace(cell)))
		at, known := cols[name]
		switch {
		case !known:
			// Extra columns (a spreadsheet's own IDs, say) are ignored.
		case at >= 0:
			problems = append(problems, LineProblem{Line: 1, Field: name, Msg: "column appears twice in the header"})
		default:
			cols[name] = i
		}
	}
	if cols["company"] < 0 {
		problems = append(problems, LineProblem{Line: 1, Field: "company",
			Msg: "the header has no company column (expected " + strings.Join(CSVHeader(), ",") + ")"})
	}
	return cols, problems
}

// parseRow builds and validates one interview; lineOf gives the file line
// of a record index, so each problem points at the cell it concerns.
func parseRow(rec []string, cols map[string]int, lineOf func(int) int) (*Interview, []LineProblem) {
	cell := func(name string) string {
		if i := cols[name]; i >= 0 {
			return unneutralise(rec[i])
		}
		return ""
	}
	line := func(name string) int {
		if i := cols[name]; i >= 0 {
			return lineOf(i)
		}
		return lineOf(0)
	}
	iv := &Interview{
		Company:      cell("company"),
		Role:         cell("role"),
		ContactName:  cell("contact_name"),
		ContactEmail: strings.TrimSpace(cell("contact_email")),
		TimeZone:     strings.TrimSpace(cell("timezone")),
		Notes:        cell("notes"),
	}
	var problems []LineProblem
	reported := map[string]bool{}
	add := func(field, msg string) {
		reported[field] = true
		problems = append(problems, LineProblem{Line: line(field), Field: field, Msg: msg})
	}
	if text := strings.TrimSpace(cell("status")); text != "" {
		st, err := ParseStatus(text)
		if err != nil {
			add("status", err.Error())
		} else {
			iv.Status = st
		}
	}
	if err := iv.Validate(); err != nil {
		var ve ValidationError
		if errors.As(err, &ve) {
			for _, fe := range ve {
				if !reported[fe.Field] {
					add(fe.Field, fe.Msg)
				}
			}
		} else {
			add("", err.Error())
		}
	}
	if text := strings.TrimSpace(cell("starts_at")); text != "" {
		t, err := parseStart(text, iv.TimeZone, reported["timezone"])
		switch {
		case err != nil:
			add("starts_at", err.Error())
		case !t.IsZero() && !ValidYear(t):
			add("starts_at", fmt.Sprintf("%q is not a plausible interview date (years %d to %d)", text, MinYear, MaxYear))
			t = time.Time{}
		}
		iv.StartsAt = t
	}
	sortProblems(problems, cols)
	return iv, problems
}

// parseStart reads a starts_at cell: RFC 3339, or a wall time in the row's
// zone. With a bad zone a wall time is left unreported: the zone problem
// already says what to fix.
func parseStart(text, zone string, zoneBad bool) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, text); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range wallLayouts {
		if _, err := time.Parse(layout, text); err != nil {
			continue
		}
		if zoneBad {
			return time.Time{}, nil
		}
		if zone == "" {
			return time.Time{}, fmt.Errorf("%q has no UTC offset; add one (2025-03-04T14:00:00+01:00) or fill in the timezone column", text)
		}
		loc, err := LoadZone(zone)
		if err != nil {
			return time.Time{}, nil
		}
		t, err := time.ParseInLocation(layout, text, loc)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q: %w", text, err)
		}
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time like 2025-03-04T14:00:00+01:00", text)
}

// sortProblems orders a row's problems as they appear in the file.
func sortProblems(ps []LineProblem, cols map[string]int) {
	rank := func(p LineProblem) int {
		if i, ok := cols[p.Field]; ok {
			return i
		}
		return -1
	}
	slices.SortStableFunc(ps, func(a, b LineProblem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(rank(a), rank(b)))
	})
}

// ImportCSV reads interviews from CSV (see ReadCSV) and stores them all in
// one transaction. It returns how many were added; on any problem it adds
// none and returns an *ImportError.
func (s *Store) ImportCSV(ctx context.Context, r io.Reader) (int, error) {
	ivs, err := ReadCSV(r)
	if err != nil {
		return 0, err
	}
	if len(ivs) == 0 {
		return 0, nil
	}
	if err := s.CreateInterviews(ctx, ivs); err != nil {
		return 0, wrapErr("import CSV", err)
	}
	return len(ivs), nil
}
