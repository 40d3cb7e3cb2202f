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
	"time"

	"bridgekeeper/data"
)

// runImport handles `import csv FILE` ("-" reads standard input). The file
// is read and checked in full before the database is opened for writing, so
// a bad file changes nothing.
func runImport(args []string, dbPath string, env Env) error {
	switch {
	case len(args) == 0:
		return usagef("import: say what to import: import csv FILE")
	case args[0] != "csv":
		return usagef("import: unknown format %q (only csv can be imported)", args[0])
	case len(args) == 1:
		return usagef("import csv: missing the FILE to read")
	case len(args) > 2:
		return usagef("import csv: unexpected argument %q after the file", args[2])
	}
	name := args[1]
	in, closeIn, err := openInput(name, env)
	if err != nil {
		return err
	}
	defer closeIn()
	ivs, err := data.ReadCSV(in)
	var ie *data.ImportError
	if errors.As(err, &ie) {
		return usagef("import %s: %v; nothing was imported", name, ie)
	}
	if err != nil {
		return usagef("import %s: %v", name, err)
	}

	s, err := openStore(dbPath, true)
	if err != nil {
		return err
	}
	defer s.Close()
	if len(ivs) > 0 {
		if err := s.CreateInterviews(context.Background(), ivs); err != nil {
			return fmt.Errorf("import %s: %w", name, err)
		}
	}
	noun := "interviews"
	if len(ivs) == 1 {
		noun = "interview"
	}
	fmt.Fprintf(env.Stdout, "Imported %d %s.\n", len(ivs), noun)
	return nil
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
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", "", "write to this file instead of standard output")
	// Flags may come before or after the format.
	if err := fs.Parse(args); err != nil {
		return usagef("export: %v", err)
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return usagef("export: say which format: export csv|ics [--out FILE]")
	}
	format := rest[0]
	if err := fs.Parse(rest[1:]); err != nil {
		return usagef("export: %v", err)
	}
	if fs.NArg() > 0 {
		return usagef("export %s: unexpected argument %q", format, fs.Arg(0))
	}
	if format != "csv" && format != "ics" {
		return usagef("export: unknown format %q (want csv or ics)", format)
	}
	if flagWasSet(fs, "out") && *out == "" {
		return usagef("export: --out needs a file path")
	}
	if *out != "" {
		if info, err := os.Stat(filepath.Dir(*out)); err != nil || !info.IsDir() {
			return usagef("export: cannot write %s: folder %s does not exist", *out, filepath.Dir(*out))
		}
		if info, err := os.Stat(*out); err == nil && info.IsDir() {
			return usagef("export: cannot write %s: it is a folder", *out)
		}
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
	write := func(w io.Writer) error { return data.WriteCSV(w, ivs) }
	count := len(ivs)
	if format == "ics" {
		now := time.Now()
		upcoming := data.Upcoming(ivs, now)
		write = func(w io.Writer) error { return data.WriteICS(w, upcoming, now) }
		count = len(upcoming)
	}

	if *out == "" {
		bw := bufio.NewWriter(env.Stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	if err := data.WriteFileAtomic(*out, write); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	noun := "interviews"
	if count == 1 {
		noun = "interview"
	}
	fmt.Fprintf(env.Stdout, "Exported %d %s to %s.\n", count, noun, *out)
	return nil
}
