package data

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"bridgekeeper/compose"
)

// SheetOptions says how to read a spreadsheet file. The zero value reads
// Bridgekeeper's own CSV, and any file whose headers it recognises.
type SheetOptions struct {
	// Map sets the field of a column by its header (compared as
	// headerKey does), overriding what the header's name suggests; the
	// field FieldIgnore leaves the column out.
	Map map[string]string
	// DateOrder says how to read dates like 04/12/2026; with
	// DateOrderAuto the file must tell (see DateOrderError).
	DateOrder DateOrder
	// Zone is the IANA zone for times with no UTC offset in rows with no
	// time zone of their own; "" makes such a time a problem.
	Zone string
	// DryRun checks and counts everything an import would do, and then
	// stores nothing.
	DryRun bool
}

// ColumnUse is what one column of a file is read as.
type ColumnUse struct {
	Index  int
	Header string
	Field  string // a Field constant; FieldIgnore when the column is left out
	// Chosen is set when SheetOptions.Map chose the field; otherwise the
	// header's name did, or nothing did (FieldIgnore).
	Chosen bool
	// Why says why a column is ignored although its name suggests a field.
	Why string
}

// csvRows reads a spreadsheet one record at a time and turns each into an
// interview or the problems that keep it out. ReadCSV, AnalyseSheet and
// ImportSheet share it, so all accept and refuse exactly the same rows.
type csvRows struct {
	cr      *csv.Reader
	width   int            // cells in the header
	cols    map[string]int // single-valued field → column (-1 = absent)
	notes   []int          // columns that go into the notes, in order
	columns []ColumnUse
	header  []string
	opt     SheetOptions
	order   DateOrder // the order dates are read in (the file's or opt's)
	skip    int       // lines before the header (Excel's "sep=" line)
	raw     *countingReader
}

// csvRow is one record: an interview, or the problems that keep it out;
// warnings say what was assumed to read it.
type csvRow struct {
	iv       *Interview // nil when there are problems
	problems []LineProblem
	warnings []LineProblem
	line     int
}

// newCSVRows reads the header of r, written in format f. A missing or
// wrong header is an *ImportError.
func newCSVRows(r io.Reader, f SheetFormat, opt SheetOptions) (*csvRows, error) {
	rows := &csvRows{opt: opt, order: opt.DateOrder, raw: &countingReader{r: r}}
	var text io.Reader = decodeReader(rows.raw, f.Encoding)
	if f.LineEnds == LineEndsCR {
		text = crToLF{text}
	}
	br := bufio.NewReader(text)
	if f.SepLine {
		br.ReadString('\n')
		rows.skip = 1
	}
	rows.cr = csv.NewReader(br)
	rows.cr.Comma = f.Separator
	if rows.cr.Comma == 0 {
		rows.cr.Comma = ','
	}
	rows.cr.FieldsPerRecord = -1
	rows.cr.LazyQuotes = f.Encoding != EncodingUTF8 && f.Encoding != EncodingUTF8BOM
	// Cells are copied into the interview, so one slice can serve every
	// record: a million-row file then costs no more than a short one.
	rows.cr.ReuseRecord = true

	header, err := rows.cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &ImportError{Problems: []LineProblem{{Line: 1 + rows.skip, Msg: "the file is empty; expected a header row naming the columns"}}}
	}
	if p, ok := rows.syntaxProblem(err); ok {
		return nil, &ImportError{Problems: []LineProblem{p}}
	}
	if err != nil {
		return nil, wrapErr("read CSV", err)
	}
	rows.header = slices.Clone(header)
	rows.width = len(header)
	if problems := rows.mapHeader(); problems != nil {
		// The rows come back too, so a window can show the columns and
		// let the person choose what each one is.
		return rows, &ImportError{Problems: problems}
	}
	return rows, nil
}

// next reads the next record that is not blank. It returns io.EOF at the
// end of the file; an error syntaxProblem recognises also ends it.
func (c *csvRows) next() (csvRow, error) {
	rec, line, err := c.record()
	if err != nil {
		return csvRow{}, err
	}
	if len(rec) != c.width {
		return csvRow{line: line, problems: []LineProblem{{Line: line,
			Msg: fmt.Sprintf("row has %d cells but the header has %d", len(rec), c.width)}}}, nil
	}
	row := c.parseRow(rec, func(col int) int {
		l, _ := c.cr.FieldPos(col)
		return l + c.skip
	})
	row.line = line
	return row, nil
}

// record reads the next record that is not blank, and its line.
func (c *csvRows) record() ([]string, int, error) {
	for {
		rec, err := c.cr.Read()
		if err != nil {
			return nil, 0, err
		}
		if blankRecord(rec) {
			// Spreadsheets often end a sheet with rows of empty cells.
			continue
		}
		line, _ := c.cr.FieldPos(0)
		return rec, line + c.skip, nil
	}
}

// offset is how many bytes of the input have been read so far.
func (c *csvRows) offset() int64 { return c.raw.n }

// syntaxProblem turns a CSV syntax error into a problem. The reader cannot
// find where the next record starts after one, so it ends the file.
func (c *csvRows) syntaxProblem(err error) (LineProblem, bool) {
	p, ok := syntaxProblem(err)
	p.Line += c.skip
	return p, ok
}

// syntaxProblem turns a CSV syntax error into a problem.
func syntaxProblem(err error) (LineProblem, bool) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return LineProblem{Line: pe.Line, Msg: pe.Err.Error()}, true
	}
	return LineProblem{}, false
}

func blankRecord(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// singleFields are the fields one column at most can fill.
func singleFields() []string {
	return []string{FieldCompany, FieldRole, FieldContactName, FieldContactEmail, FieldStartsAt,
		FieldStartTime, FieldTimeZone, FieldStatus, FieldLocation, FieldUID}
}

// mapHeader decides each column's field: SheetOptions.Map first, then the
// header's name. Any number of columns can go into the notes; for every
// other field the first column wins and the rest are ignored, saying why.
func (c *csvRows) mapHeader() []LineProblem {
	line := 1 + c.skip
	c.cols = make(map[string]int, len(singleFields()))
	for _, f := range singleFields() {
		c.cols[f] = -1
	}
	chosen, problems := c.chosenFields(line)
	seen := map[string]bool{}
	for i, cell := range c.header {
		key := headerKey(cell)
		use := ColumnUse{Index: i, Header: strings.TrimSpace(cell), Field: FieldIgnore}
		if f, ok := chosen[key]; ok {
			use.Field, use.Chosen = f, true
		} else if f := headerField(cell); f != "" {
			use.Field = f
		}
		switch {
		case key != "" && seen[key] && !use.Chosen:
			problems = append(problems, LineProblem{Line: line, Field: use.Header, Msg: "column appears twice in the header"})
			use.Field = FieldIgnore
		case use.Field == FieldNotes:
			c.notes = append(c.notes, i)
		case use.Field != FieldIgnore && c.cols[use.Field] >= 0:
			first := c.header[c.cols[use.Field]]
			if use.Chosen {
				problems = append(problems, LineProblem{Line: line, Field: use.Header,
					Msg: fmt.Sprintf("two columns are mapped to %s (%q and %q)", use.Field, first, use.Header)})
			}
			use.Why = fmt.Sprintf("%s comes from %q", FieldLabel(use.Field), strings.TrimSpace(first))
			use.Field = FieldIgnore
		case use.Field != FieldIgnore:
			c.cols[use.Field] = i
		}
		seen[key] = true
		c.columns = append(c.columns, use)
	}
	if c.cols[FieldCompany] < 0 {
		problems = append(problems, LineProblem{Line: line, Field: FieldCompany, Msg: c.noCompany()})
	}
	return problems
}

// chosenFields reads SheetOptions.Map, checking that each header it names
// is in the file.
func (c *csvRows) chosenFields(line int) (map[string]string, []LineProblem) {
	chosen := map[string]string{}
	var problems []LineProblem
	keys := make([]string, 0, len(c.header))
	for _, h := range c.header {
		keys = append(keys, headerKey(h))
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range c.opt.Map {
			if !yield(k) {
				return
			}
		}
	})
	for _, name := range names {
		field, err := ParseField(c.opt.Map[name])
		if err != nil {
			problems = append(problems, LineProblem{Line: line, Field: name, Msg: err.(*FieldError).Msg})
			continue
		}
		if !slices.Contains(keys, headerKey(name)) {
			problems = append(problems, LineProblem{Line: line, Field: name,
				Msg: "the file has no column " + fmt.Sprintf("%q", name) + " (its columns: " + c.headerList() + ")"})
			continue
		}
		chosen[headerKey(name)] = field
	}
	return chosen, problems
}

func (c *csvRows) headerList() string {
	var cells []string
	for _, h := range c.header {
		if h = strings.TrimSpace(h); h != "" {
			cells = append(cells, fmt.Sprintf("%q", h))
		}
	}
	if len(cells) == 0 {
		return "none named"
	}
	return strings.Join(cells, ", ")
}

// noCompany explains a header with no company column and how to name one.
func (c *csvRows) noCompany() string {
	if len(c.header) == 1 && strings.ContainsAny(c.header[0], ",;\t|") {
		return "the header is one cell; the separator could not be told"
	}
	return "no column holds the company (the columns are " + c.headerList() +
		"; map one with --map \"Header=company\", or name it company)"
}

// parseRow builds and validates one interview; lineOf gives the file line
// of a cell, so each problem points at the cell it concerns.
func (c *csvRows) parseRow(rec []string, lineOf func(col int) int) csvRow {
	p := &rowParser{rec: rec, rows: c, lineOf: lineOf}
	iv := &Interview{
		Company:      p.cell(FieldCompany),
		Role:         p.cell(FieldRole),
		ContactName:  p.cell(FieldContactName),
		ContactEmail: strings.TrimSpace(p.cell(FieldContactEmail)),
		TimeZone:     strings.TrimSpace(p.cell(FieldTimeZone)),
		Location:     p.cell(FieldLocation),
		UID:          strings.TrimSpace(p.cell(FieldUID)),
		Notes:        p.notes(),
	}
	if text := strings.TrimSpace(p.cell(FieldStatus)); text != "" {
		p.status(iv, text)
	}
	if iv.UID != "" && strings.ContainsFunc(iv.UID, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		p.add(FieldUID, fmt.Sprintf("%q is not a calendar UID (it has spaces or control characters)", iv.UID))
	}
	p.validate(iv)
	if text := strings.TrimSpace(p.cell(FieldStartsAt)); text != "" {
		iv.StartsAt = p.start(iv, text)
	}
	if len(p.problems) > 0 {
		sortProblems(p.problems, c.cols)
		return csvRow{problems: p.problems}
	}
	return csvRow{iv: iv, warnings: p.warnings}
}

// rowParser collects the problems and warnings of one record.
type rowParser struct {
	rec      []string
	rows     *csvRows
	lineOf   func(int) int
	problems []LineProblem
	warnings []LineProblem
}

func (p *rowParser) cell(name string) string {
	if i := p.rows.cols[name]; i >= 0 && !placeholderCell(p.rec[i], name) {
		return unneutralise(p.rec[i])
	}
	return ""
}

// placeholderCell reports whether a cell only stands for "nothing": Huntr
// and others write "-" or "N/A" in empty cells, and "TBD" for a date not
// set yet. A "-" Bridgekeeper wrote itself is "'-" (see neutralise), so it
// is not taken for one.
func placeholderCell(cell, field string) bool {
	switch strings.ToLower(strings.TrimSpace(cell)) {
	case "-", "–", "—", "n/a", "null", "none":
		return true
	case "tbd", "tbc", "tba", "?":
		return field == FieldStartsAt || field == FieldStartTime
	}
	return false
}

// notes joins the notes columns. One column is taken as it is, so an
// export read back is exact; with several, each non-empty one is a line
// of its own, named by its header.
func (p *rowParser) notes() string {
	if len(p.rows.notes) == 1 {
		return unneutralise(p.rec[p.rows.notes[0]])
	}
	var lines []string
	for _, i := range p.rows.notes {
		v := strings.TrimSpace(unneutralise(p.rec[i]))
		if v == "" {
			continue
		}
		if h := strings.TrimSpace(p.rows.header[i]); headerKey(h) != "notes" && headerKey(h) != "note" {
			v = h + ": " + v
		}
		lines = append(lines, v)
	}
	return strings.Join(lines, "\n")
}

// status reads the status cell: one of Bridgekeeper's, or a word another
// tool uses, kept in the notes when the status says less than it did.
func (p *rowParser) status(iv *Interview, text string) {
	w, ok := otherStatus(text)
	if !ok {
		p.add(FieldStatus, statusHelp(text))
		return
	}
	iv.Status = w.status
	if w.lossy {
		line := "Status in the imported file: " + text
		iv.Notes = strings.TrimSpace(strings.TrimSpace(iv.Notes) + "\n" + line)
	}
}

func (p *rowParser) line(name string) int {
	if i, ok := p.rows.cols[name]; ok && i >= 0 {
		return p.lineOf(i)
	}
	return p.lineOf(0)
}

func (p *rowParser) add(field, msg string) {
	p.problems = append(p.problems, LineProblem{Line: p.line(field), Field: field, Msg: msg})
}

func (p *rowParser) warn(field, msg string) {
	p.warnings = append(p.warnings, LineProblem{Line: p.line(field), Field: field, Msg: msg})
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

// start reads the date cell (and the time cell, when there is one). A row
// with no zone of its own takes SheetOptions.Zone.
func (p *rowParser) start(iv *Interview, text string) time.Time {
	d, _, err := parseSheetDate(text, p.rows.order)
	if err != nil {
		p.add(FieldStartsAt, err.Error())
		return time.Time{}
	}
	if !d.hasTime {
		if clockText := strings.TrimSpace(p.cell(FieldStartTime)); clockText != "" {
			if err := d.setClock(clockText); err != nil {
				p.add(FieldStartTime, err.Error())
				return time.Time{}
			}
		} else {
			p.warn(FieldStartsAt, fmt.Sprintf("%q has no time of day; it was set to 00:00, so check it", text))
		}
	}
	zoneBad := p.reported(FieldTimeZone)
	if iv.TimeZone == "" && p.rows.opt.Zone != "" && !zoneBad {
		iv.TimeZone = p.rows.opt.Zone
	}
	t, warning, err := d.at(iv.TimeZone, zoneBad, text)
	switch {
	case err != nil:
		p.add(FieldStartsAt, err.Error())
		return time.Time{}
	case !t.IsZero() && !ValidYear(t):
		p.add(FieldStartsAt, fmt.Sprintf("%q is not a plausible interview date (years %d to %d)", text, MinYear, MaxYear))
		return time.Time{}
	}
	if warning != "" {
		p.warn(FieldStartsAt, warning)
	}
	return t
}

// at is the moment a date names: its own offset's, or its wall time in
// zone. With a bad zone a wall time is left unreported: the zone problem
// already says what to fix. A wall time the clocks show twice gives the
// first instant and a warning saying so.
func (d sheetDate) at(zone string, zoneBad bool, text string) (time.Time, string, error) {
	if !d.instant.IsZero() {
		return d.instant, "", nil
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
	t, err := compose.Wall(d.year, time.Month(d.month), d.day, d.hour, d.minute, loc)
	var we *compose.WallError
	warning := ""
	switch {
	case err == nil:
	case errors.As(err, &we) && we.Kind == compose.WallAmbiguous:
		warning = we.Error() + "; the first was used"
	default:
		return time.Time{}, "", err
	}
	return t.Add(time.Duration(d.second) * time.Second).UTC(), warning, nil
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
