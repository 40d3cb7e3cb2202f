package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"bridgekeeper/app/locale"
	"bridgekeeper/data"
	"bridgekeeper/insight"
)

// searchContext is what the figures and documents need from the database:
// every record, the user's zone and name, and the paper they print on.
type searchContext struct {
	records []data.Record
	zone    *time.Location
	name    string
	paper   insight.Paper
}

// loadSearch reads the records and settings of the database at dbPath.
func loadSearch(dbPath string, env Env) (searchContext, error) {
	s, err := openStore(dbPath, false)
	if err != nil {
		return searchContext{}, err
	}
	defer s.Close()
	ctx := context.Background()
	st, err := s.LoadSettings(ctx)
	if err != nil {
		return searchContext{}, err
	}
	records, err := s.Records(ctx)
	if err != nil {
		return searchContext{}, err
	}
	return searchContext{records: records, zone: st.Zone(), name: st.YourName,
		paper: insight.PaperForLocale(locale.Of(env.getenv), st.English)}, nil
}

// runStats handles `stats [--json]`: the figures behind the charts.
func runStats(args []string, dbPath string, env Env) error {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return usagef("stats: %v", err)
	}
	if fs.NArg() > 0 {
		return usagef("stats: unexpected argument %q", fs.Arg(0))
	}
	sc, err := loadSearch(dbPath, env)
	if err != nil {
		return err
	}
	st := insight.Compute(sc.records, time.Now(), sc.zone)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	return writeStatsText(env.Stdout, st)
}

// writeStatsText prints a summary line, then each chart's numbers as a
// table under its title.
func writeStatsText(w io.Writer, st insight.Stats) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s with %s; %d still open; %s filed.\n", plural(st.Interviews, "interview", "interviews"),
		plural(st.Companies, "company", "companies"), st.Open, plural(st.Messages, "message", "messages"))
	for _, spec := range insight.Specs(st) {
		fmt.Fprintf(bw, "\n%s\n", spec.Title)
		if spec.Empty != "" {
			fmt.Fprintf(bw, "  %s\n", spec.Empty)
			if spec.Key != insight.ChartWeekly || st.Interviews < insight.MinInterviews {
				continue
			}
		}
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		for _, row := range spec.Numbers {
			fmt.Fprintf(tw, "  %s\n", strings.Join(row, "\t"))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// logFlags are `export log`'s flags, read and checked before the database
// is opened.
type logFlags struct {
	from, to time.Time
	format   string
	paper    insight.Paper
	out      string
}

// parseLogFlags reads `export log --from DATE [--to DATE] [--format csv|pdf]
// [--paper a4|letter] [--out FILE]`. The format follows --out's extension
// when not given; --to defaults to today.
func parseLogFlags(args []string, today time.Time) (logFlags, bool, error) {
	fs := flag.NewFlagSet("export log", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	from := fs.String("from", "", "first day, YYYY-MM-DD")
	to := fs.String("to", "", "last day, YYYY-MM-DD (default today)")
	format := fs.String("format", "", "csv or pdf")
	paper := fs.String("paper", "", "a4 or letter (default from the locale)")
	out := fs.String("out", "", "write to this file instead of standard output")
	if err := parseAround(fs, args, "log"); err != nil {
		return logFlags{}, false, err
	}
	var f logFlags
	var err error
	if *from == "" {
		return f, false, usagef("export log: say where the log starts: --from YYYY-MM-DD")
	}
	if f.from, err = parseDay("--from", *from); err != nil {
		return f, false, err
	}
	f.to = today
	if *to != "" {
		if f.to, err = parseDay("--to", *to); err != nil {
			return f, false, err
		}
	}
	if f.to.Before(f.from) {
		return f, false, usagef("export log: --to %s is before --from %s", f.to.Format(time.DateOnly), f.from.Format(time.DateOnly))
	}
	if f.format, err = logFormat(*format, *out); err != nil {
		return f, false, err
	}
	paperSet := *paper != ""
	if paperSet {
		if f.paper, err = insight.ParsePaper(*paper); err != nil {
			return f, false, usagef("export log: %v", err)
		}
	}
	if flagWasSet(fs, "out") && *out == "" {
		return f, false, usagef("export log: --out needs a file path")
	}
	f.out = *out
	return f, paperSet, checkOutPath(f.out)
}

// parseAround parses flags that may come before or after the word (the
// export's kind), which must be there.
func parseAround(fs *flag.FlagSet, args []string, word string) error {
	if err := fs.Parse(args); err != nil {
		return usagef("export %s: %v", word, err)
	}
	rest := fs.Args()
	if len(rest) == 0 || rest[0] != word {
		return usagef("export %s: expected %q", word, word)
	}
	if err := fs.Parse(rest[1:]); err != nil {
		return usagef("export %s: %v", word, err)
	}
	if fs.NArg() > 0 {
		return usagef("export %s: unexpected argument %q", word, fs.Arg(0))
	}
	return nil
}

// parseDay reads a calendar day, YYYY-MM-DD.
func parseDay(flagName, text string) (time.Time, error) {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(text))
	if err != nil {
		return time.Time{}, usagef("export log: %s %q is not a date (want YYYY-MM-DD, e.g. 2026-11-01)", flagName, text)
	}
	if d.Year() < data.MinYear || d.Year() > data.MaxYear {
		return time.Time{}, usagef("export log: %s %s is outside the years %d to %d", flagName, text, data.MinYear, data.MaxYear)
	}
	return d, nil
}

// logFormat is the log's format: as given, or from --out's extension
// (.pdf), else CSV.
func logFormat(format, out string) (string, error) {
	switch f := strings.ToLower(strings.TrimSpace(format)); f {
	case "csv", "pdf":
		return f, nil
	case "":
		if strings.EqualFold(filepath.Ext(out), ".pdf") {
			return "pdf", nil
		}
		return "csv", nil
	}
	return "", usagef("export log: unknown format %q (want csv or pdf)", format)
}

// runExportLog handles `export log`: every contact with an employer in a
// range of days, as CSV or as a PDF to print.
func runExportLog(args []string, dbPath string, env Env) error {
	now := time.Now()
	f, paperSet, err := parseLogFlags(args, now)
	if err != nil {
		return err
	}
	sc, err := loadSearch(dbPath, env)
	if err != nil {
		return err
	}
	if !paperSet {
		f.paper = sc.paper
	}
	l := insight.WorkLog(sc.records, f.from, f.to, sc.zone, now)
	write := func(w io.Writer) error { return insight.WriteLogCSV(w, l) }
	var missing []rune
	if f.format == "pdf" {
		write = func(w io.Writer) error {
			res, err := insight.WriteLogPDF(w, l, insight.PDFOptions{Paper: f.paper, Name: sc.name, Now: now, Zone: sc.zone})
			missing = res.Missing
			return err
		}
	}
	if err := writeOut(f.out, env, write); err != nil {
		return err
	}
	warnMissing(env, missing)
	if f.out != "" {
		fmt.Fprintf(env.Stdout, "Wrote the work-search log (%s with %s, %s to %s) to %s.\n",
			plural(len(l.Contacts), "contact", "contacts"), plural(l.Employers(), "employer", "employers"),
			l.From.Format("2 Jan 2006"), l.To.Format("2 Jan 2006"), f.out)
	}
	return nil
}

// runExportReport handles `export report [--paper a4|letter] [--out
// FILE]`: the whole search as a PDF.
func runExportReport(args []string, dbPath string, env Env) error {
	fs := flag.NewFlagSet("export report", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	paper := fs.String("paper", "", "a4 or letter (default from the locale)")
	out := fs.String("out", "", "write to this file instead of standard output")
	if err := parseAround(fs, args, "report"); err != nil {
		return err
	}
	var p insight.Paper
	if *paper != "" {
		var err error
		if p, err = insight.ParsePaper(*paper); err != nil {
			return usagef("export report: %v", err)
		}
	}
	if flagWasSet(fs, "out") && *out == "" {
		return usagef("export report: --out needs a file path")
	}
	if err := checkOutPath(*out); err != nil {
		return err
	}
	sc, err := loadSearch(dbPath, env)
	if err != nil {
		return err
	}
	if p == "" {
		p = sc.paper
	}
	now := time.Now()
	rep, err := insight.NewReport(sc.records, now, sc.zone)
	if err != nil {
		return err
	}
	var res insight.PDFResult
	if err := writeOut(*out, env, func(w io.Writer) error {
		var err error
		res, err = insight.WriteReportPDF(w, rep, insight.PDFOptions{Paper: p, Name: sc.name, Now: now, Zone: sc.zone})
		return err
	}); err != nil {
		return err
	}
	warnMissing(env, res.Missing)
	if *out != "" {
		fmt.Fprintf(env.Stdout, "Wrote the report (%s, %s) to %s.\n", plural(len(sc.records), "interview", "interviews"),
			plural(res.Pages, "page", "pages"), *out)
	}
	return nil
}

// writeOut writes to the file out, complete or not at all, or to standard
// output when out is "".
func writeOut(out string, env Env, write func(io.Writer) error) error {
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
	return nil
}

// warnMissing says on stderr which characters the PDF's font could not
// draw (they print as "?").
func warnMissing(env Env, missing []rune) {
	if len(missing) == 0 {
		return
	}
	fmt.Fprintf(env.Stderr, "bridgekeeper: the PDF's font cannot draw %s, so they are printed as \"?\"\n", quoteRunes(missing))
}

func quoteRunes(rs []rune) string {
	const most = 8
	var parts []string
	for i, r := range rs {
		if i == most {
			parts = append(parts, fmt.Sprintf("and %d more", len(rs)-most))
			break
		}
		parts = append(parts, string(r))
	}
	return strings.Join(parts, " ")
}
