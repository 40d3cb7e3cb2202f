package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"
)

// Progress is how far a streamed import has got.
type Progress struct {
	// Rows counts the records read so far, good or bad; blank rows and
	// the header are not counted.
	Rows int
	// Bytes is how much of the input those records took.
	Bytes int64
	// Total is the size of the input in bytes, or 0 when it is not known
	// (see ImportCSVStream).
	Total int64
	// Checking is set while the file is read through once before anything
	// is stored (see ImportSheet).
	Checking bool
}

// ImportResult is what a finished import did.
type ImportResult struct {
	// Added counts the interviews stored (or, in a dry run, that would be).
	Added int
	// Existing counts rows already in the tracker (the same UID, or the
	// same company, role and start), which were skipped.
	Existing int
	// Repeated counts rows that repeat an earlier row of the same file.
	Repeated int
	// Updated counts interviews an invite imported again changed.
	Updated int
	// DryRun is set when nothing was stored on purpose.
	DryRun bool
	// Warnings are rows imported on an assumption worth checking, such as
	// a wall time the clocks show twice, read as the first of the two.
	// At most maxKeptProblems are kept; MoreWarnings counts the rest.
	Warnings     []LineProblem
	MoreWarnings int
}

// Sizer is a reader that knows how many bytes it holds, such as
// *bytes.Reader and *strings.Reader. ImportCSVStream reads Progress.Total
// from it.
type Sizer interface {
	Size() int64
}

const (
	// maxKeptProblems bounds the problems (and warnings) an import holds;
	// the rest are only counted.
	maxKeptProblems = 1000
	// progressEvery and progressRows say how often progress is reported:
	// whenever either has passed since the last report.
	progressEvery = 100 * time.Millisecond
	progressRows  = 10_000
)

// errRowProblem stops the inserting at the first row with a problem, so
// the transaction rolls back; the rest of the file is then only checked.
var errRowProblem = errors.New("the file has problems")

// errDryRun rolls back a dry run that went well.
var errDryRun = errors.New("dry run")

// Summary says what an import did, in one line for people and scripts:
// "Imported 3 interviews; 12 were already in the tracker; updated 1."
// (digits without separators; a dry run says "Would import").
func (r ImportResult) Summary() string {
	// be is "were"/"was", or in a dry run "are"/"is".
	be := func(n int) string {
		switch {
		case r.DryRun && n == 1:
			return "is"
		case r.DryRun:
			return "are"
		case n == 1:
			return "was"
		}
		return "were"
	}
	verb, update := "Imported ", "updated "
	if r.DryRun {
		verb, update = "Would import ", "would update "
	}
	parts := []string{verb + countOf(r.Added, "interview", "interviews")}
	if r.Existing > 0 {
		parts = append(parts, fmt.Sprintf("%d %s already in the tracker", r.Existing, be(r.Existing)))
	}
	if r.Repeated > 0 {
		parts = append(parts, fmt.Sprintf("%s %s repeated in the file", countOf(r.Repeated, "row", "rows"), be(r.Repeated)))
	}
	if r.Updated > 0 {
		parts = append(parts, update+countOf(r.Updated, "interview", "interviews"))
	}
	return strings.Join(parts, "; ") + "."
}

func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ImportCSVStream imports a CSV file with ImportSheet under the zero
// SheetOptions. A reader that cannot seek (standard input) is copied to a
// temporary file first, since the file is read twice.
func (s *Store) ImportCSVStream(ctx context.Context, r io.Reader, progress func(Progress)) (ImportResult, error) {
	rs, cleanup, err := Seekable(r, "")
	if err != nil {
		return ImportResult{}, err
	}
	defer cleanup()
	return s.ImportSheet(ctx, rs, SheetOptions{}, progress)
}

// ImportSheet reads interviews from a spreadsheet file (see AnalyseSheet
// for what it reads) and stores them in one transaction as it reads them,
// so memory stays the same however long the file is. The file is read
// twice: once to learn its encoding and the order of its dates, once to
// store.
//
// A row already in the tracker (the same UID, or the same company, role
// and start) is skipped and counted, as is a row repeating an earlier one.
//
// It is all or nothing. At the first row with a problem it stops inserting
// and rolls back, but reads and checks the file to its end, and returns an
// *ImportError with every problem and its line (the first 1,000, and a
// count of the rest). Dates that could be day or month first, with no
// order given, are a *DateOrderError. When ctx is cancelled it stops,
// rolls back and returns an error wrapping ctx.Err(). Either way nothing
// is stored, and with SheetOptions.DryRun nothing is stored either, but
// the result counts what would have been.
//
// progress, when not nil, is called on the calling goroutine every 100 ms
// or 10,000 rows, whichever comes first, and once at the end of the file;
// it should return quickly. Its Total is r's size from where it stands.
func (s *Store) ImportSheet(ctx context.Context, r io.ReadSeeker, opt SheetOptions, progress func(Progress)) (ImportResult, error) {
	if err := checkZone(opt.Zone); err != nil {
		return ImportResult{}, err
	}
	total := inputSize(r)
	start, err := r.Seek(0, io.SeekCurrent)
	if err != nil {
		return ImportResult{}, wrapErr("read the file", err)
	}
	check := &checkingReader{ctx: ctx, r: r, start: start, total: total, progress: progress}
	check.report()
	plan, err := AnalyseSheet(check, opt)
	if cerr := ctx.Err(); cerr != nil {
		return ImportResult{}, fmt.Errorf("import CSV: %w", cerr)
	}
	if err != nil {
		return ImportResult{}, err
	}
	return s.importPlanned(ctx, r, plan, opt, total, progress)
}

// ImportAnalysed is ImportSheet for a file AnalyseSheet has read already
// with the same opt: r stands where it stood for AnalyseSheet, and the
// file is read only once more, to store. progress hears only that reading.
func (s *Store) ImportAnalysed(ctx context.Context, r io.ReadSeeker, plan *SheetPlan, opt SheetOptions, progress func(Progress)) (ImportResult, error) {
	if err := checkZone(opt.Zone); err != nil {
		return ImportResult{}, err
	}
	return s.importPlanned(ctx, r, plan, opt, inputSize(r), progress)
}

// checkZone refuses a SheetOptions.Zone that is not a zone.
func checkZone(zone string) error {
	if zone == "" {
		return nil
	}
	_, err := LoadZone(zone)
	return err
}

// importPlanned stores the rows of r as plan read them; see ImportSheet.
func (s *Store) importPlanned(ctx context.Context, r io.ReadSeeker, plan *SheetPlan, opt SheetOptions, total int64, progress func(Progress)) (ImportResult, error) {
	switch {
	case len(plan.Problems) > 0:
		return ImportResult{}, &ImportError{Problems: plan.Problems}
	case plan.Ambiguous != nil:
		return ImportResult{}, plan.Ambiguous
	}
	opt.DateOrder = plan.DateOrder
	rows, err := newCSVRows(r, plan.Format, opt)
	if err != nil {
		return ImportResult{}, err
	}
	im := &streamImport{ctx: ctx, rows: rows, progress: progress, total: total, lastAt: time.Now(),
		problems: problemList{max: maxKeptProblems}, warnings: problemList{max: maxKeptProblems}, dryRun: opt.DryRun}

	// The transaction starts with the first good row: a file with only a
	// header, or bad from its first row, never takes the write lock.
	row, ok, err := im.step()
	if err == nil && ok && row.iv != nil {
		err = s.inTx(ctx, func(tx *sql.Tx) error { return im.insertAll(tx, row.iv) })
	}
	if err != nil && !errors.Is(err, errRowProblem) && !errors.Is(err, errDryRun) {
		return ImportResult{}, im.failed(err)
	}
	if im.problems.count() > 0 {
		if err := im.drain(); err != nil {
			return ImportResult{}, im.failed(err)
		}
		return ImportResult{}, &ImportError{Problems: im.problems.kept, More: im.problems.more}
	}
	return ImportResult{Added: im.added, Existing: im.existing, Repeated: im.repeated, DryRun: opt.DryRun,
		Warnings: im.warnings.kept, MoreWarnings: im.warnings.more}, nil
}

// checkingReader reports how far the first reading of a file has got, and
// stops it when ctx is cancelled.
type checkingReader struct {
	ctx      context.Context
	r        io.ReadSeeker
	start    int64
	pos      int64
	total    int64
	progress func(Progress)
	lastAt   time.Time
	lastPos  int64
}

// checkEvery is how many bytes of the check pass between reports, besides
// every progressEvery: reading is fast, and a file stops where it stops.
const checkEvery = 64 << 10

func (c *checkingReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(p)
	c.pos += int64(n)
	if time.Since(c.lastAt) >= progressEvery || c.pos-c.lastPos >= checkEvery {
		c.report()
	}
	return n, err
}

func (c *checkingReader) Seek(off int64, whence int) (int64, error) {
	at, err := c.r.Seek(off, whence)
	c.pos = at - c.start
	return at, err
}

func (c *checkingReader) report() {
	c.lastAt, c.lastPos = time.Now(), c.pos
	if c.progress != nil {
		c.progress(Progress{Bytes: max(c.pos, 0), Total: c.total, Checking: true})
	}
}

// inputSize is r's size in bytes when r can tell it, else 0.
func inputSize(r io.Reader) int64 {
	switch v := r.(type) {
	case Sizer:
		return max(v.Size(), 0)
	case interface{ Stat() (fs.FileInfo, error) }:
		info, err := v.Stat()
		if err != nil || !info.Mode().IsRegular() {
			return 0
		}
		// A file read from the middle (stdin redirected after a read)
		// has only the rest to go.
		if sk, ok := r.(io.Seeker); ok {
			if at, err := sk.Seek(0, io.SeekCurrent); err == nil {
				return max(info.Size()-at, 0)
			}
		}
		return info.Size()
	}
	return 0
}

// streamImport is the state of one ImportCSVStream.
type streamImport struct {
	ctx      context.Context
	rows     *csvRows
	progress func(Progress)
	total    int64

	dryRun   bool
	read     int  // records read
	added    int  // interviews inserted (rolled back unless all are good)
	existing int  // rows already in the tracker before the import
	repeated int  // rows repeating an earlier row of the file
	ended    bool // the file has no more records
	lastRows int  // read at the last progress report
	lastAt   time.Time
	problems problemList
	warnings problemList
}

// step reads the next record, noting its problems and warnings. ok is false
// at the end of the file, which a CSV syntax error also is.
func (im *streamImport) step() (row csvRow, ok bool, err error) {
	if im.ended {
		return csvRow{}, false, nil
	}
	if err := im.ctx.Err(); err != nil {
		return csvRow{}, false, err
	}
	row, err = im.rows.next()
	if err != nil {
		p, syntax := syntaxProblem(err)
		if !syntax && !errors.Is(err, io.EOF) {
			return csvRow{}, false, wrapErr("read CSV", err)
		}
		if syntax {
			im.problems.add(p)
		}
		im.ended = true
		im.report(true)
		return csvRow{}, false, nil
	}
	im.read++
	im.problems.add(row.problems...)
	im.warnings.add(row.warnings...)
	im.report(false)
	return row, true, nil
}

// report calls progress when enough time or rows have passed, or at the end.
func (im *streamImport) report(end bool) {
	if im.progress == nil {
		return
	}
	now := time.Now()
	if !end && im.read-im.lastRows < progressRows && now.Sub(im.lastAt) < progressEvery {
		return
	}
	im.lastRows, im.lastAt = im.read, now
	im.progress(Progress{Rows: im.read, Bytes: im.rows.offset(), Total: im.total})
}

// insertAll stores first and every row after it until the end of the file,
// or until a row has a problem: then it returns errRowProblem.
func (im *streamImport) insertAll(tx *sql.Tx, first *Interview) error {
	ins, err := prepareInsert(im.ctx, tx)
	if err != nil {
		return err
	}
	defer ins.close()
	for iv := first; ; {
		if err := im.store(ins, iv); err != nil {
			return err
		}
		row, ok, err := im.step()
		switch {
		case err != nil:
			return err
		case !ok && im.problems.count() > 0: // a syntax error ended the file
			return errRowProblem
		case !ok && im.ctx.Err() != nil:
			// A Cancel during the last read still wins over the commit.
			return im.ctx.Err()
		case !ok && im.dryRun:
			return errDryRun
		case !ok:
			return nil
		case row.iv == nil:
			return errRowProblem
		}
		iv = row.iv
	}
}

// store inserts iv, or counts it when the tracker has it already.
func (im *streamImport) store(ins *inserter, iv *Interview) error {
	return ins.add(iv, &im.added, &im.existing, &im.repeated)
}

// add inserts iv and counts it in added, unless the tracker had it before
// the import (existing) or an earlier row of the same import added it
// (repeated).
func (in *inserter) add(iv *Interview, added, existing, repeated *int) error {
	id, err := in.find(iv)
	switch {
	case err != nil:
		return err
	case id > in.lastID:
		*repeated++
		return nil
	case id > 0:
		*existing++
		return nil
	}
	if err := in.insert(iv); err != nil {
		return err
	}
	*added++
	return nil
}

// drain checks the rest of the file once nothing more will be stored.
func (im *streamImport) drain() error {
	for {
		_, ok, err := im.step()
		if err != nil || !ok {
			return err
		}
	}
}

// failed is the error for an import that stopped: a cancelled context
// wins over whatever the cancellation made fail (an insert, a begin).
func (im *streamImport) failed(err error) error {
	if cerr := im.ctx.Err(); cerr != nil {
		return fmt.Errorf("import CSV: %w", cerr)
	}
	return wrapErr("import CSV", err)
}

// inserter holds the statements that store one interview and the start of
// its timeline, prepared once per import (the same as CreateInterviews).
type inserter struct {
	ctx                  context.Context
	iv, ev, byUID, byKey *sql.Stmt
	stamp                string
	lastID               int64 // the highest ID before the import
}

func prepareInsert(ctx context.Context, tx *sql.Tx) (*inserter, error) {
	iv, err := tx.PrepareContext(ctx, insertInterviewSQL)
	if err != nil {
		return nil, err
	}
	ev, err := tx.PrepareContext(ctx, `INSERT INTO events (interview_id, at, kind, to_status) VALUES (?, ?, ?, ?)`)
	if err != nil {
		iv.Close()
		return nil, err
	}
	in := &inserter{ctx: ctx, iv: iv, ev: ev, stamp: formatStamp(time.Now())}
	// The same expressions as the interviews_same index, so it is used.
	if in.byKey, err = tx.PrepareContext(ctx, `SELECT id FROM interviews
		WHERE lower(trim(company)) = lower(trim(?)) AND starts_at = ? AND lower(trim(role)) = lower(trim(?))
		ORDER BY id LIMIT 1`); err == nil {
		in.byUID, err = tx.PrepareContext(ctx, `SELECT id FROM interviews WHERE uid = ? AND uid <> ''`)
	}
	if err == nil {
		err = tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM interviews`).Scan(&in.lastID)
	}
	if err != nil {
		in.close()
		return nil, err
	}
	return in, nil
}

// find returns the ID of an interview stored already that iv repeats (the
// same UID, or the same company, role and start), or 0.
func (in *inserter) find(iv *Interview) (int64, error) {
	var id int64
	if iv.UID != "" {
		err := in.byUID.QueryRowContext(in.ctx, iv.UID).Scan(&id)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return id, err
		}
	}
	err := in.byKey.QueryRowContext(in.ctx, iv.Company, formatStart(iv.StartsAt), iv.Role).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

func (in *inserter) insert(iv *Interview) error {
	res, err := in.iv.ExecContext(in.ctx, insertArgs(iv, in.stamp)...)
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	_, err = in.ev.ExecContext(in.ctx, id, in.stamp, string(EventCreated), string(iv.Status))
	return err
}

func (in *inserter) close() {
	for _, st := range []*sql.Stmt{in.iv, in.ev, in.byUID, in.byKey} {
		if st != nil {
			st.Close()
		}
	}
}

// problemList keeps the first max problems and counts the rest, so a file
// with a problem on every line cannot fill memory.
type problemList struct {
	max  int
	kept []LineProblem
	more int
}

func (l *problemList) add(ps ...LineProblem) {
	for _, p := range ps {
		if len(l.kept) < l.max {
			l.kept = append(l.kept, p)
		} else {
			l.more++
		}
	}
}

func (l *problemList) count() int { return len(l.kept) + l.more }
