package data

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// previewRows is how many rows AnalyseSheet reads as they will land.
const previewRows = 20

// SheetPlan is what AnalyseSheet found in a file: how it is written, what
// each column is read as, and its first rows as they will land.
type SheetPlan struct {
	Format  SheetFormat
	Columns []ColumnUse
	// DateOrder is the order dates are read in: SheetOptions.DateOrder,
	// else the one the file shows (DateOrderFound), else DateOrderAuto,
	// when no date needs one or when Ambiguous asks.
	DateOrder      DateOrder
	DateOrderFound bool
	// Ambiguous is set when some date could be read either way and
	// neither the file nor SheetOptions says which.
	Ambiguous *DateOrderError
	// Problems are problems of the whole file: of its header (then
	// HeaderProblems is set and no row was read), or dates read both ways.
	Problems       []LineProblem
	HeaderProblems bool
	Rows           int // records under the header, not counting blank ones
	Preview        []PreviewRow
}

// PreviewRow is one of the first rows of a file, as it will land.
type PreviewRow struct {
	Line      int
	Interview *Interview // nil when it has problems
	Problems  []LineProblem
	Warnings  []LineProblem
}

// DateOrderError says that a file's dates could be day first or month
// first, and shows the first that could.
type DateOrderError struct {
	Line int
	Cell string
}

func (e *DateOrderError) Error() string {
	d, _, _ := parseSheetDate(e.Cell, DateOrderDMY)
	m, _, _ := parseSheetDate(e.Cell, DateOrderMDY)
	return fmt.Sprintf("line %d: %q could be %s or %s, and no date in the file says which; say whether dates are day/month or month/day",
		e.Line, e.Cell, fmtDay(d.year, d.month, d.day), fmtDay(m.year, m.month, m.day))
}

// AnalyseSheet reads r from where it stands to its end: its format, its
// columns, the order of its dates and its first rows as they will land.
// It stores nothing. r is left where it started.
func AnalyseSheet(r io.ReadSeeker, opt SheetOptions) (*SheetPlan, error) {
	start, err := r.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, wrapErr("read the file", err)
	}
	f, err := DetectFormat(r)
	if err != nil {
		return nil, err
	}
	if _, err := r.Seek(start, io.SeekStart); err != nil {
		return nil, wrapErr("read the file", err)
	}
	defer r.Seek(start, io.SeekStart)
	rows, err := newCSVRows(r, f, opt)
	var ie *ImportError
	if rows != nil && errors.As(err, &ie) {
		// A header with problems (no company column, a --map naming no
		// column) still shows what the columns are.
		return &SheetPlan{Format: f, Columns: rows.columns, DateOrder: opt.DateOrder, Problems: ie.Problems, HeaderProblems: true}, nil
	}
	if err != nil {
		return nil, err
	}
	plan := &SheetPlan{Format: f, Columns: rows.columns, DateOrder: opt.DateOrder}
	head, err := plan.scan(rows, opt.DateOrder)
	if err != nil {
		return nil, err
	}
	rows.order = plan.DateOrder
	for _, k := range head {
		pr := PreviewRow{Line: k.line}
		if len(k.rec) != rows.width {
			pr.Problems = []LineProblem{{Line: k.line, Msg: fmt.Sprintf("row has %d cells but the header has %d", len(k.rec), rows.width)}}
		} else {
			row := rows.parseRow(k.rec, func(int) int { return k.line })
			pr.Interview, pr.Problems, pr.Warnings = row.iv, row.problems, row.warnings
		}
		plan.Preview = append(plan.Preview, pr)
	}
	return plan, nil
}

// keptRecord is a record held for the preview, with its line.
type keptRecord struct {
	rec  []string
	line int
}

// scan reads every record, counting them, keeping the first for the
// preview and noting what the dates say of their order.
func (p *SheetPlan) scan(rows *csvRows, asked DateOrder) ([]keptRecord, error) {
	var head []keptRecord
	seen := map[dateOrderHint]*DateOrderError{}
	for {
		rec, line, err := rows.record()
		if q, ok := rows.syntaxProblem(err); ok {
			p.Problems = append(p.Problems, q)
			break
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, wrapErr("read the file", err)
		}
		p.Rows++
		if len(head) < previewRows {
			head = append(head, keptRecord{slices.Clone(rec), line})
		}
		if i := rows.cols[FieldStartsAt]; i >= 0 && i < len(rec) {
			cell := strings.TrimSpace(unneutralise(rec[i]))
			if _, hint, _ := parseSheetDate(cell, DateOrderAuto); hint != hintNone && seen[hint] == nil {
				seen[hint] = &DateOrderError{Line: line, Cell: cell}
			}
		}
	}
	p.settleOrder(asked, seen[hintDMY], seen[hintMDY], seen[hintAmbiguous])
	return head, nil
}

// settleOrder decides the date order from what the dates showed.
func (p *SheetPlan) settleOrder(asked DateOrder, dmy, mdy, either *DateOrderError) {
	switch {
	case asked != DateOrderAuto:
		p.DateOrder = asked
	case dmy != nil && mdy != nil:
		p.Problems = append(p.Problems, LineProblem{Line: mdy.Line, Field: FieldStartsAt,
			Msg: fmt.Sprintf("%q is month first, but line %d (%q) is day first; one column must use one order", mdy.Cell, dmy.Line, dmy.Cell)})
	case dmy != nil:
		p.DateOrder, p.DateOrderFound = DateOrderDMY, true
	case mdy != nil:
		p.DateOrder, p.DateOrderFound = DateOrderMDY, true
	case either != nil:
		p.Ambiguous = either
	}
}

// ReadCSV reads interviews from a spreadsheet file and validates every
// row, with the format and checks of ImportSheet under the zero
// SheetOptions; it stores nothing.
//
// Bridgekeeper's own CSV (CSVHeader's columns, RFC 3339 times in each
// row's zone) reads back exactly what WriteCSV wrote: a cell written as a
// quote followed by =, +, -, @, tab or CR loses that one quote, which
// undoes WriteCSV's formula protection (encoding/csv reads a CRLF inside a
// cell as LF). Every other cell is taken literally.
//
// When any row is wrong the result is an *ImportError listing every problem
// with its line number, and no interviews. ReadCSV holds the whole file in
// memory; ImportSheet does not.
func ReadCSV(r io.Reader) ([]*Interview, error) {
	all, err := io.ReadAll(r)
	if err != nil {
		return nil, wrapErr("read CSV", err)
	}
	src := bytes.NewReader(all)
	plan, err := AnalyseSheet(src, SheetOptions{})
	if err != nil {
		return nil, err
	}
	if plan.Ambiguous != nil {
		return nil, &ImportError{Problems: []LineProblem{{Line: plan.Ambiguous.Line, Field: FieldStartsAt, Msg: strings.TrimPrefix(plan.Ambiguous.Error(), fmt.Sprintf("line %d: ", plan.Ambiguous.Line))}}}
	}
	rows, err := newCSVRows(src, plan.Format, SheetOptions{DateOrder: plan.DateOrder})
	if err != nil {
		return nil, err
	}
	var out []*Interview
	problems := slices.Clone(plan.Problems)
	for {
		row, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if _, ok := syntaxProblem(err); ok {
			break // AnalyseSheet has it
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

// Seekable returns r as something an import can read twice: r itself when
// it can seek (a file, a bytes.Reader), else a copy in a temporary file in
// dir ("" for the system's), removed by the returned cleanup.
func Seekable(r io.Reader, dir string) (io.ReadSeeker, func(), error) {
	if rs, ok := r.(io.ReadSeeker); ok {
		if _, err := rs.Seek(0, io.SeekCurrent); err == nil {
			return rs, func() {}, nil
		}
	}
	f, err := os.CreateTemp(dir, "bridgekeeper-import-*")
	if err != nil {
		return nil, nil, wrapErr("copy the input", err)
	}
	cleanup := func() {
		f.Close()
		os.Remove(f.Name())
	}
	if _, err := io.Copy(f, r); err != nil {
		cleanup()
		return nil, nil, wrapErr("copy the input", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		cleanup()
		return nil, nil, wrapErr("copy the input", err)
	}
	return f, cleanup, nil
}
