package data

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"
)

// CSVHeader returns the columns WriteCSV writes, in order. ReadCSV matches
// them by name, so a file may hold them in any order.
func CSVHeader() []string {
	return []string{"company", "role", "contact_name", "contact_email", "starts_at", "timezone", "status", "notes", "location", "uid"}
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
	// More counts the problems found after Problems was full: a streamed
	// import keeps the first maxKeptProblems, so a file that is wrong on
	// every line cannot fill memory. ReadCSV keeps them all.
	More int
}

// Count is how many problems were found, listed or not.
func (e *ImportError) Count() int { return len(e.Problems) + e.More }

// Error names the first problem and counts the rest, so it fits on one line.
func (e *ImportError) Error() string {
	if len(e.Problems) == 0 {
		return "invalid CSV"
	}
	msg := e.Problems[0].String()
	switch n := e.Count() - 1; n {
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

// rowWriter returns what writes one CSV record to out with a CRLF end.
// encoding/csv either writes bare LF record ends or, with UseCRLF, also
// rewrites line breaks inside cells (dropping a lone CR). Writing each
// record to a buffer and fixing only its final LF keeps cells verbatim.
func rowWriter(out *bufio.Writer) func(cells []string) error {
	var rec bytes.Buffer
	cw := csv.NewWriter(&rec)
	return func(cells []string) error {
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
}

// WriteTable writes a header and rows as CSV the way WriteCSV writes
// interviews: RFC 4180 with CRLF record ends, cells verbatim, and cells a
// spreadsheet would run as formulas neutralised.
func WriteTable(w io.Writer, header []string, rows iter.Seq[[]string]) error {
	out := bufio.NewWriter(w)
	put := rowWriter(out)
	if err := put(header); err != nil {
		return wrapErr("write CSV", err)
	}
	cells := make([]string, len(header))
	for row := range rows {
		for i := range cells {
			cells[i] = ""
			if i < len(row) {
				cells[i] = neutralise(row[i])
			}
		}
		if err := put(cells); err != nil {
			return wrapErr("write CSV", err)
		}
	}
	return wrapErr("write CSV", out.Flush())
}

// WriteCSV writes ivs as RFC 4180 CSV (CRLF after every record) with the
// CSVHeader columns. Times are RFC 3339 in the interview's own zone, and
// cells a spreadsheet would run as formulas are neutralised (see ReadCSV).
func WriteCSV(w io.Writer, ivs []Interview) error {
	out := bufio.NewWriter(w)
	put := rowWriter(out)
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
			starts, iv.TimeZone, string(iv.Status), iv.Notes, iv.Location, iv.UID} {
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

// ImportCSV reads interviews from CSV (see ReadCSV) and stores them all in
// one transaction, as ImportCSVStream does without progress. It returns how
// many were added; on any problem it adds none and returns an *ImportError.
func (s *Store) ImportCSV(ctx context.Context, r io.Reader) (int, error) {
	res, err := s.ImportCSVStream(ctx, r, nil)
	return res.Added, err
}
