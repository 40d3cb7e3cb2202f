package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"bridgekeeper/data"
)

// importArgs are the arguments of `import csv|ics FILE [flags]`.
type importArgs struct {
	format, file string
	opt          data.SheetOptions
}

// mapFlags collects repeated --map "Header=field" flags.
type mapFlags map[string]string

func (m mapFlags) String() string { return "" }

func (m mapFlags) Set(v string) error {
	header, field, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(header) == "" {
		return fmt.Errorf("--map wants \"Source Header=field\", got %q", v)
	}
	if _, err := data.ParseField(field); err != nil {
		return errors.New(err.(*data.FieldError).Msg)
	}
	m[strings.TrimSpace(header)] = strings.TrimSpace(field)
	return nil
}

// parseImportArgs reads `import`'s arguments; flags may come before or
// after the format and the file.
func parseImportArgs(args []string) (importArgs, error) {
	var a importArgs
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	maps := mapFlags{}
	fs.Var(maps, "map", `read a column as a field: --map "Job Title=role" (repeatable; field "ignore" leaves it out)`)
	order := fs.String("date-order", "", "how dates like 04/12/2026 read: dmy or mdy")
	dry := fs.Bool("dry-run", false, "check and count, and store nothing")
	tz := fs.String("tz", "", "IANA zone for times with no zone of their own (default: this computer's)")
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return a, usagef("import: %v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if err := checkImportPositionals(rest); err != nil {
		return a, err
	}
	a.format, a.file = rest[0], rest[1]
	if a.format == "ics" && (len(maps) > 0 || *order != "") {
		return a, usagef("import ics: --map and --date-order are for CSV files")
	}
	if *order != "" {
		o, err := data.ParseDateOrder(*order)
		if err != nil {
			return a, usagef("import: --date-order: %s", err.(*data.FieldError).Msg)
		}
		a.opt.DateOrder = o
	}
	a.opt.Map, a.opt.DryRun, a.opt.Zone = maps, *dry, *tz
	if a.opt.Zone != "" {
		if _, err := data.LoadZone(a.opt.Zone); err != nil {
			return a, usagef("import: --tz: unknown time zone %q", a.opt.Zone)
		}
	} else {
		a.opt.Zone = data.SystemZone()
	}
	return a, nil
}

// checkImportPositionals checks that `import` was given a format and a file.
func checkImportPositionals(rest []string) error {
	switch {
	case len(rest) == 0:
		return usagef("import: say what to import: import csv FILE or import ics FILE")
	case rest[0] != "csv" && rest[0] != "ics":
		return usagef("import: unknown format %q (want csv, ics or vcf)", rest[0])
	case len(rest) == 1:
		return usagef("import %s: missing the FILE to read", rest[0])
	case len(rest) > 2:
		return usagef("import %s: unexpected argument %q after the file", rest[0], rest[2])
	}
	return nil
}

// runImport handles `import csv|ics FILE` ("-" reads standard input). A
// CSV file is read through once to learn its format, then row by row into
// one transaction, which a bad row anywhere rolls back, so a bad file adds
// nothing; a calendar is read whole. Rows and invites the tracker has
// already are counted, not added. On a terminal, standard error shows how
// far a CSV import has got.
func runImport(args []string, dbPath string, env Env) error {
	if isVCF(args, "map", "date-order", "tz") {
		return runImportVCF(args, dbPath, env)
	}
	a, err := parseImportArgs(args)
	if err != nil {
		return err
	}
	// The file is opened first, so a wrong path creates no database.
	in, closeIn, err := openInput(a.file, a.format, env)
	if err != nil {
		return err
	}
	defer closeIn()
	rs, cleanup, err := data.Seekable(in, "")
	if err != nil {
		return err
	}
	defer cleanup()

	loc, err := locate(dbPath)
	if err != nil {
		return err
	}
	_, statErr := os.Stat(loc.Database)
	existed := statErr == nil
	s, err := data.OpenWith(loc.Database, data.Options{BackupDir: loc.BackupDir()})
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	if existed {
		// Writing into a file whose body is damaged could spread the
		// damage: check first, and leave such a file as it is.
		if err := s.Check(ctx); err != nil {
			return fmt.Errorf("import %s: %w", a.file, err)
		}
	}
	var res data.ImportResult
	if a.format == "ics" {
		res, err = importICS(ctx, s, rs, a, env)
	} else {
		res, err = importCSV(ctx, s, rs, a, env)
	}
	if err != nil && !existed {
		// This import made the database; a failed one leaves none.
		s.Close()
		data.RemoveIfEmpty(loc.Database)
	}
	if err != nil {
		return importFailed(a.file, err, env)
	}
	printWarnings(env.Stderr, res)
	// Digits without separators: scripts read this line.
	fmt.Fprintln(env.Stdout, res.Summary())
	return nil
}

// importCSV reads the file through once, says how it was read, then
// imports it.
func importCSV(ctx context.Context, s *data.Store, rs io.ReadSeeker, a importArgs, env Env) (data.ImportResult, error) {
	line := newProgressLine(env.Stderr, isTerminal(env.Stderr))
	line.show(data.Progress{Checking: true})
	plan, err := data.AnalyseSheet(rs, a.opt)
	line.clear()
	if err != nil {
		return data.ImportResult{}, err
	}
	describePlan(env.Stderr, a.file, plan)
	// The file has been read through once already: only the storing is left.
	res, err := s.ImportAnalysed(ctx, rs, plan, a.opt, line.show)
	line.clear()
	return res, err
}

// describePlan tells, on standard error, how a file is read: its format
// and which columns are used as what, and which are ignored. A file in
// Bridgekeeper's own layout, read as it was written, needs no words.
func describePlan(w io.Writer, name string, plan *data.SheetPlan) {
	f := plan.Format
	plain := f.Encoding == data.EncodingUTF8 || f.Encoding == data.EncodingUTF8BOM
	plain = plain && f.Separator == ',' && plan.DateOrder == data.DateOrderAuto
	for _, c := range plan.Columns {
		plain = plain && c.Field == strings.ToLower(strings.TrimSpace(c.Header))
	}
	if plain {
		return
	}
	order := ""
	if plan.DateOrder != data.DateOrderAuto {
		order = "; dates " + data.DateOrderLabel(plan.DateOrder)
	}
	fmt.Fprintf(w, "bridgekeeper: reading %s as %s, %s-separated, %s line ends%s\n",
		filepath.Base(name), f.Encoding, data.SeparatorName(f.Separator), f.LineEnds, order)
	var used, ignored []string
	for _, c := range plan.Columns {
		if c.Field == data.FieldIgnore {
			ignored = append(ignored, fmt.Sprintf("%q", c.Header))
			continue
		}
		used = append(used, fmt.Sprintf("%q → %s", c.Header, c.Field))
	}
	fmt.Fprintf(w, "bridgekeeper: columns used: %s\n", strings.Join(used, ", "))
	if len(ignored) > 0 {
		fmt.Fprintf(w, "bridgekeeper: columns ignored: %s (use --map \"Header=field\" to read one)\n", strings.Join(ignored, ", "))
	}
}

// importICS reads a calendar file and imports its invites.
func importICS(ctx context.Context, s *data.Store, r io.Reader, a importArgs, env Env) (data.ImportResult, error) {
	invites, err := data.ReadInvites(r, a.opt.Zone)
	if err != nil {
		return data.ImportResult{}, err
	}
	for _, inv := range invites {
		for _, w := range inv.Warnings {
			fmt.Fprintf(env.Stderr, "bridgekeeper: warning: %s: %s\n", inv.Summary, w)
		}
	}
	return s.ImportInvites(ctx, invites, a.opt.DryRun)
}

// maxProblemsListed keeps a refused file's report readable in a terminal.
const maxProblemsListed = 50

// importFailed lists a refused file's problems on standard error, one a
// line, and returns the one-line error that ends the report.
func importFailed(name string, err error, env Env) error {
	var ie *data.ImportError
	var de *data.DateOrderError
	var fe *data.FieldError
	switch {
	case errors.As(err, &de):
		return usagef("import %s: %v (--date-order dmy or --date-order mdy); nothing was imported", name, de)
	case errors.As(err, &ie) && ie.Count() == 1:
		return usagef("import %s: %v; nothing was imported", name, ie)
	case errors.As(err, &ie):
		for i, p := range ie.Problems {
			if i == maxProblemsListed {
				break
			}
			fmt.Fprintf(env.Stderr, "bridgekeeper: %s\n", p)
		}
		return usagef("import %s: %s; nothing was imported", name, plural(ie.Count(), "problem", "problems"))
	case errors.As(err, &fe):
		return usagef("import %s: %s", name, fe.Msg)
	}
	return fmt.Errorf("import %s: %w", name, err)
}

// printWarnings writes an import's warnings to w, one a line, and how many
// more there were than it kept.
func printWarnings(w io.Writer, res data.ImportResult) {
	for _, msg := range res.Warnings {
		fmt.Fprintf(w, "bridgekeeper: warning: %s\n", msg)
	}
	if res.MoreWarnings > 0 {
		fmt.Fprintf(w, "bridgekeeper: warning: and %s\n", plural(res.MoreWarnings, "more warning", "more warnings"))
	}
}

// thousands writes n (not negative) with commas between groups of three
// digits, for people to read.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}

// isTerminal reports whether w is a terminal, where a line that rewrites
// itself is readable; in a log or a pipe it would be noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progressLine keeps one line of a terminal up to date with an import:
// "Importing… 412,000 rows (41%)". When off it writes nothing.
type progressLine struct {
	w     io.Writer
	on    bool
	width int // runes of the line on screen now
}

func newProgressLine(w io.Writer, on bool) *progressLine { return &progressLine{w: w, on: on} }

// show rewrites the line; blanks pad it when the new text is shorter.
func (p *progressLine) show(pr data.Progress) {
	if !p.on {
		return
	}
	text := "Importing… " + thousands(int64(pr.Rows)) + " rows"
	if pr.Checking {
		text = "Reading the file…"
	}
	if pr.Total > 0 {
		text += fmt.Sprintf(" (%d%%)", min(pr.Bytes*100/pr.Total, 100))
	}
	n := utf8.RuneCountInString(text)
	fmt.Fprintf(p.w, "\r%s%s", text, strings.Repeat(" ", max(p.width-n, 0)))
	p.width = n
}

// clear blanks the line, so what is printed next starts on a clean one.
func (p *progressLine) clear() {
	if p.on && p.width > 0 {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.width))
		p.width = 0
	}
}

func openInput(name, format string, env Env) (io.Reader, func(), error) {
	if name == "-" {
		if env.Stdin == nil {
			return nil, nil, usagef("import %s: no standard input to read", format)
		}
		return env.Stdin, func() {}, nil
	}
	if info, err := os.Stat(name); err == nil && info.IsDir() {
		return nil, nil, usagef("import %s: %s is a folder, not a file", format, name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, usagef("import %s: cannot read %s: %v", format, name, errors.Unwrap(err))
	}
	return f, func() { f.Close() }, nil
}

// runExport handles `export csv|ics [--out FILE]`: every interview as CSV,
// or the upcoming ones as a calendar. Without --out it writes to standard
// output; with it, the file appears complete or not at all.
func runExport(args []string, dbPath string, env Env) error {
	switch firstWord(args, "out", "company", "from", "to", "format", "paper") {
	case "vcf":
		return runExportVCF(args, dbPath, env)
	case "log":
		return runExportLog(args, dbPath, env)
	case "report":
		return runExportReport(args, dbPath, env)
	}
	format, out, err := parseExportArgs(args)
	if err != nil {
		return err
	}
	s, err := openStore(dbPath, false)
	if err != nil {
		return err
	}
	defer s.Close()
	ivs, err := s.Interviews(context.Background())
	if err != nil {
		return err
	}
	checkIns, err := s.CheckIns(context.Background(), 0)
	if err != nil {
		return err
	}
	write, count := exportWriter(format, ivs, checkIns)
	if err := writeOut(out, env, write); err != nil || out == "" {
		return err
	}
	fmt.Fprintf(env.Stdout, "Exported %s to %s.\n", plural(count, "interview", "interviews"), out)
	return nil
}

// parseExportArgs reads `export`'s arguments: the format ("csv" or "ics")
// and the --out file ("" for standard output), which is checked before any
// database is opened.
func parseExportArgs(args []string) (format, out string, err error) {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	outFlag := fs.String("out", "", "write to this file instead of standard output")
	// Flags may come before or after the format.
	if err := fs.Parse(args); err != nil {
		return "", "", usagef("export: %v", err)
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return "", "", usagef("export: say which format: export csv|ics|vcf|log|report [--out FILE]")
	}
	format = rest[0]
	if err := fs.Parse(rest[1:]); err != nil {
		return "", "", usagef("export: %v", err)
	}
	if fs.NArg() > 0 {
		return "", "", usagef("export %s: unexpected argument %q", format, fs.Arg(0))
	}
	if format != "csv" && format != "ics" {
		return "", "", usagef("export: unknown format %q (want csv, ics, vcf, log or report)", format)
	}
	if flagWasSet(fs, "out") && *outFlag == "" {
		return "", "", usagef("export: --out needs a file path")
	}
	if err := checkOutPath(*outFlag); err != nil {
		return "", "", err
	}
	return format, *outFlag, nil
}

// checkOutPath fails when --out names a folder, or a file in a folder that
// does not exist; "" (standard output) passes.
func checkOutPath(out string) error {
	if out == "" {
		return nil
	}
	if info, err := os.Stat(filepath.Dir(out)); err != nil || !info.IsDir() {
		return usagef("export: cannot write %s: folder %s does not exist", out, filepath.Dir(out))
	}
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		return usagef("export: cannot write %s: it is a folder", out)
	}
	return nil
}

// exportWriter returns what writes the export in format and how many
// interviews it holds: all of them as CSV, the upcoming ones as ICS with
// the check-ins still ahead.
func exportWriter(format string, ivs []data.Interview, checkIns []data.CheckIn) (write func(io.Writer) error, count int) {
	if format == "ics" {
		now := time.Now()
		upcoming := data.ForCalendar(ivs, now)
		ahead := data.CheckInsForCalendar(checkIns, now)
		return func(w io.Writer) error { return data.WriteICS(w, upcoming, now, ahead...) }, len(upcoming)
	}
	return func(w io.Writer) error { return data.WriteCSV(w, ivs) }, len(ivs)
}
