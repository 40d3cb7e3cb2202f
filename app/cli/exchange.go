package cli

import (
	"bufio"
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

// runImport handles `import csv FILE` ("-" reads standard input). The file
// is read row by row into one transaction, which a bad row anywhere rolls
// back, so a bad file adds nothing. On a terminal, standard error shows how
// far it has got.
func runImport(args []string, dbPath string, env Env) error {
	name, err := importFile(args)
	if err != nil {
		return err
	}
	// The file is opened first, so a wrong path creates no database.
	in, closeIn, err := openInput(name, env)
	if err != nil {
		return err
	}
	defer closeIn()

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
			return fmt.Errorf("import %s: %w", name, err)
		}
	}
	line := newProgressLine(env.Stderr, isTerminal(env.Stderr))
	res, err := s.ImportCSVStream(ctx, in, line.show)
	line.clear()
	if err != nil && !existed {
		// This import made the database; a failed one leaves none.
		s.Close()
		data.RemoveIfEmpty(loc.Database)
	}
	var ie *data.ImportError
	if errors.As(err, &ie) {
		return usagef("import %s: %v; nothing was imported", name, ie)
	}
	if err != nil {
		return fmt.Errorf("import %s: %w", name, err)
	}
	printWarnings(env.Stderr, res)
	// Digits without separators: scripts read this line.
	fmt.Fprintf(env.Stdout, "Imported %s.\n", plural(res.Added, "interview", "interviews"))
	return nil
}

// importFile checks the arguments of `import` and returns the FILE named
// after "csv".
func importFile(args []string) (string, error) {
	switch {
	case len(args) == 0:
		return "", usagef("import: say what to import: import csv FILE")
	case args[0] != "csv":
		return "", usagef("import: unknown format %q (only csv can be imported)", args[0])
	case len(args) == 1:
		return "", usagef("import csv: missing the FILE to read")
	case len(args) > 2:
		return "", usagef("import csv: unexpected argument %q after the file", args[2])
	}
	return args[1], nil
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

func openInput(name string, env Env) (io.Reader, func(), error) {
	if name == "-" {
		if env.Stdin == nil {
			return nil, nil, usagef("import csv: no standard input to read")
		}
		return env.Stdin, func() {}, nil
	}
	if info, err := os.Stat(name); err == nil && info.IsDir() {
		return nil, nil, usagef("import csv: %s is a folder, not a CSV file", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, usagef("import csv: cannot read %s: %v", name, errors.Unwrap(err))
	}
	return f, func() { f.Close() }, nil
}

// runExport handles `export csv|ics [--out FILE]`: every interview as CSV,
// or the upcoming ones as a calendar. Without --out it writes to standard
// output; with it, the file appears complete or not at all.
func runExport(args []string, dbPath string, env Env) error {
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
	write, count := exportWriter(format, ivs)
	if out == "" {
		bw := bufio.NewWriter(env.Stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	if err := data.WriteFileAtomic(out, write); err != nil {
		return fmt.Errorf("export: %w", err)
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
		return "", "", usagef("export: say which format: export csv|ics [--out FILE]")
	}
	format = rest[0]
	if err := fs.Parse(rest[1:]); err != nil {
		return "", "", usagef("export: %v", err)
	}
	if fs.NArg() > 0 {
		return "", "", usagef("export %s: unexpected argument %q", format, fs.Arg(0))
	}
	if format != "csv" && format != "ics" {
		return "", "", usagef("export: unknown format %q (want csv or ics)", format)
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
// interviews it holds: all of them as CSV, the upcoming ones as ICS.
func exportWriter(format string, ivs []data.Interview) (write func(io.Writer) error, count int) {
	if format == "ics" {
		now := time.Now()
		upcoming := data.ForCalendar(ivs, now)
		return func(w io.Writer) error { return data.WriteICS(w, upcoming, now) }, len(upcoming)
	}
	return func(w io.Writer) error { return data.WriteCSV(w, ivs) }, len(ivs)
}
