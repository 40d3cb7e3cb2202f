package data

import (
	"bridgekeeper/compose"
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
// "2006-01-02 15:04" wall time when the row has a timezone; a wall time the
// clocks skip (a daylight-saving gap) is a problem, and one they show twice
// means the first of the two. An empty status means scheduled. A cell
// written as a quote followed by =, +, -, @, tab or CR loses that one
// quote, which undoes WriteCSV's formula protection and makes export
// followed by import exact (except that encoding/csv reads a CRLF inside a
// cell as LF). Every other cell is taken literally.
//
// When any row is wrong the result is an *ImportError listing every problem
// with its line number, and no interviews. ReadCSV holds the whole file in
// memory; Store.ImportCSVStream does not.
func ReadCSV(r io.Reader) ([]*Interview, error) {
	rows, err := newCSVRows(r)
	if err != nil {
		return nil, err
	}
	var out []*Interview
	var problems []LineProblem
	for {
		row, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if p, ok := syntaxProblem(err); ok {
			problems = append(problems, p)
			break
		}
		if err != nil {
			return nil, wrapErr("read CSV", err)
		}
		problems = append(problems, row.problems...)
		if row.iv != nil {
			out = append(out, row.iv)
		}
	}
	if len(problems) > 0 {
		return nil, &ImportError{Problems: problems}
	}
	return out, nil
}

// csvRows reads a CSV file one record at a time and turns each into an
// interview or the problems that keep it out. ReadCSV and ImportCSVStream
// share it, so both accept and refuse exactly the same rows.
type csvRows struct {
	cr    *csv.Reader
	width int            // cells in the header
	cols  map[string]int // see mapHeader
	bom   int64          // bytes of byte order mark dropped before cr
}

// csvRow is one record: an interview, or the problems that keep it out;
// warnings say what was assumed to read it.
type csvRow struct {
	iv       *Interview // nil when there are problems
	problems []LineProblem
	warnings []LineProblem
}

// newCSVRows reads the header. A missing or wrong header is an *ImportError.
func newCSVRows(r io.Reader) (*csvRows, error) {
	br := bufio.NewReader(r)
	rows := &csvRows{}
	// The BOM is dropped before the CSV reader sees it: otherwise a quoted
	// first header cell would start with a stray character.
	if bom, err := br.Peek(3); err == nil && string(bom) == "\ufeff" {
		br.Discard(3)
		rows.bom = 3
	}
	rows.cr = csv.NewReader(br)
	rows.cr.FieldsPerRecord = -1
	// Cells are copied into the interview, so one slice can serve every
	// record: a million-row file then costs no more than a short one.
	rows.cr.ReuseRecord = true

	header, err := rows.cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &ImportError{Problems: []LineProblem{{Line: 1, Msg: "the file is empty; expected a header row naming the columns"}}}
	}
	if p, ok := syntaxProblem(err); ok {
		return nil, &ImportError{Problems: []LineProblem{p}}
	}
	if err != nil {
		return nil, wrapErr("read CSV", err)
	}
	cols, problems := mapHeader(header)
	if problems != nil {
		return nil, &ImportError{Problems: problems}
	}
	rows.width, rows.cols = len(header), cols
	return rows, nil
}

// next reads the next record that is not blank. It returns io.EOF at the
// end of the file; an error syntaxProblem recognises also ends it.
func (c *csvRows) next() (csvRow, error) {
	for {
		rec, err := c.cr.Read()
		if err != nil {
			return csvRow{}, err
		}
		if blankRecord(rec) {
			// Spreadsheets often end a sheet with rows of empty cells.
			continue
		}
		if len(rec) != c.width {
			line, _ := c.cr.FieldPos(0)
			return csvRow{problems: []LineProblem{{Line: line,
				Msg: fmt.Sprintf("row has %d cells but the header has %d", len(rec), c.width)}}}, nil
		}
		return parseRow(rec, c.cols, func(col int) int {
			l, _ := c.cr.FieldPos(col)
			return l
		}), nil
	}
}

// offset is how many bytes of the input the records read so far took.
func (c *csvRows) offset() int64 { return c.bom + c.cr.InputOffset() }

// syntaxProblem turns a CSV syntax error into a problem. The reader cannot
// find where the next record starts after one, so it ends the file.
func syntaxProblem(err error) (LineProblem, bool) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return LineProblem{Line: pe.Line, Msg: pe.Err.Error()}, true
	}
	return LineProblem{}, false
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
func parseRow(rec []string, cols map[string]int, lineOf func(int) int) csvRow {
	p := &rowParser{rec: rec, cols: cols, lineOf: lineOf}
	iv := &Interview{
		Company:      p.cell("company"),
		Role:         p.cell("role"),
		ContactName:  p.cell("contact_name"),
		ContactEmail: strings.TrimSpace(p.cell("contact_email")),
		TimeZone:     strings.TrimSpace(p.cell("timezone")),
		Notes:        p.cell("notes"),
	}
	if text := strings.TrimSpace(p.cell("status")); text != "" {
		st, err := ParseStatus(text)
		if err != nil {
			p.add("status", err.Error())
		} else {
			iv.Status = st
		}
	}
	p.validate(iv)
	if text := strings.TrimSpace(p.cell("starts_at")); text != "" {
		iv.StartsAt = p.start(text, iv.TimeZone)
	}
	if len(p.problems) > 0 {
		sortProblems(p.problems, cols)
		return csvRow{problems: p.problems}
	}
	return csvRow{iv: iv, warnings: p.warnings}
}

// rowParser collects the problems and warnings of one record.
type rowParser struct {
	rec      []string
	cols     map[string]int
	lineOf   func(int) int
	problems []LineProblem
	warnings []LineProblem
}

func (p *rowParser) cell(name string) string {
	if i := p.cols[name]; i >= 0 {
		return unneutralise(p.rec[i])
	}
	return ""
}

func (p *rowParser) line(name string) int {
	if i, ok := p.cols[name]; ok && i >= 0 {
		return p.lineOf(i)
	}
	return p.lineOf(0)
}

func (p *rowParser) add(field, msg string) {
	p.problems = append(p.problems, LineProblem{Line: p.line(field), Field: field, Msg: msg})
}

// reported says whether field already has a problem, so Validate's view
// of the same field is not given twice.
func (p *rowParser) reported(field string) bool {
	for _, q := range p.problems {
		if q.Field == field {
			return true
		}
	}
	return false
}

func (p *rowParser) validate(iv *Interview) {
	err := iv.Validate()
	if err == nil {
		return
	}
	var ve ValidationError
	if !errors.As(err, &ve) {
		p.add("", err.Error())
		return
	}
	for _, fe := range ve {
		if !p.reported(fe.Field) {
			p.add(fe.Field, fe.Msg)
		}
	}
}

// start reads the starts_at cell, recording what is wrong with it.
func (p *rowParser) start(text, zone string) time.Time {
	t, warning, err := parseStart(text, zone, p.reported("timezone"))
	switch {
	case err != nil:
		p.add("starts_at", err.Error())
		return time.Time{}
	case !t.IsZero() && !ValidYear(t):
		p.add("starts_at", fmt.Sprintf("%q is not a plausible interview date (years %d to %d)", text, MinYear, MaxYear))
		return time.Time{}
	}
	if warning != "" {
		p.warnings = append(p.warnings, LineProblem{Line: p.line("starts_at"), Field: "starts_at", Msg: warning})
	}
	return t
}

// parseStart reads a starts_at cell: RFC 3339, or a wall time in the row's
// zone. With a bad zone a wall time is left unreported: the zone problem
// already says what to fix. A wall time the clocks show twice gives the
// first instant and a warning saying so.
func parseStart(text, zone string, zoneBad bool) (time.Time, string, error) {
	if t, err := time.Parse(time.RFC3339, text); err == nil {
		return t.UTC(), "", nil
	}
	for _, layout := range wallLayouts {
		wall, err := time.Parse(layout, text)
		if err != nil {
			continue
		}
		if zoneBad {
			return time.Time{}, "", nil
		}
		if zone == "" {
			return time.Time{}, "", fmt.Errorf("%q has no UTC offset; add one (2025-03-04T14:00:00+01:00) or fill in the timezone column", text)
		}
		loc, err := LoadZone(zone)
		if err != nil {
			return time.Time{}, "", nil
		}
		return wallStart(wall, loc)
	}
	return time.Time{}, "", fmt.Errorf("%q is not a date and time like 2025-03-04T14:00:00+01:00", text)
}

// wallStart finds the instant of a wall time read as if in UTC. compose.Wall
// refuses a time in a daylight-saving gap rather than shifting it as
// time.Date would; its message names the nearest valid time.
func wallStart(wall time.Time, loc *time.Location) (time.Time, string, error) {
	t, err := compose.Wall(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), loc)
	var we *compose.WallError
	warning := ""
	switch {
	case err == nil:
	case errors.As(err, &we) && we.Kind == compose.WallAmbiguous:
		warning = we.Error() + "; the first was used"
	default:
		return time.Time{}, "", err
	}
	return t.Add(time.Duration(wall.Second()) * time.Second).UTC(), warning, nil
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
// one transaction, as ImportCSVStream does without progress. It returns how
// many were added; on any problem it adds none and returns an *ImportError.
func (s *Store) ImportCSV(ctx context.Context, r io.Reader) (int, error) {
	res, err := s.ImportCSVStream(ctx, r, nil)
	return res.Added, err
}
