package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"bridgekeeper/data"
)

// isVCF reports whether the format named among a command's arguments is
// "vcf": the first argument that is neither a flag nor the value of one of
// valueFlags (the flags that take the next argument as their value), since
// flags may come before the format.
func isVCF(args []string, valueFlags ...string) bool { return firstWord(args, valueFlags...) == "vcf" }

// firstWord is the first argument that is neither a flag nor the value of
// one of valueFlags: the format an export or import names.
func firstWord(args []string, valueFlags ...string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "-" || !strings.HasPrefix(a, "-") {
			return a
		}
		if name := strings.TrimLeft(a, "-"); !strings.Contains(name, "=") && slices.Contains(valueFlags, name) {
			i++
		}
	}
	return ""
}

// runExportVCF handles `export vcf [--company C] [--out FILE]`: every
// contact, or one company's, as vCard 4.0. Without --out it writes to
// standard output; with it, the file appears complete or not at all.
func runExportVCF(args []string, dbPath string, env Env) error {
	company, out, err := parseExportVCFArgs(args)
	if err != nil {
		return err
	}
	s, err := openStore(dbPath, false)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	var companyID int64
	if company != "" {
		c, err := s.FindCompany(ctx, company)
		if err != nil {
			return err
		}
		companyID = c.ID
	}
	cs, err := s.Contacts(ctx, companyID)
	if err != nil {
		return err
	}
	list, err := s.Companies(ctx)
	if err != nil {
		return err
	}
	names := make(map[int64]string, len(list))
	for _, c := range list {
		names[c.ID] = c.Name
	}
	write := func(w io.Writer) error {
		return data.WriteVCards(w, cs, func(id int64) string { return names[id] })
	}
	if len(cs) == 0 {
		fmt.Fprintln(env.Stderr, "No contacts to export: they come from the interviews you add, and from import vcf.")
	}
	if out == "" {
		return write(env.Stdout)
	}
	if err := data.WriteFileAtomic(out, write); err != nil {
		return fmt.Errorf("export vcf: %w", err)
	}
	fmt.Fprintf(env.Stdout, "Exported %s to %s.\n", plural(len(cs), "contact", "contacts"), out)
	return nil
}

// parseExportVCFArgs reads `export vcf`'s flags, which may come before or
// after the format; --out is checked before any database is opened.
func parseExportVCFArgs(args []string) (company, out string, err error) {
	fs := flag.NewFlagSet("export vcf", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	outFlag := fs.String("out", "", "write to this file instead of standard output")
	companyFlag := fs.String("company", "", "only this company's contacts")
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return "", "", usagef("export vcf: %v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		rest, args = append(rest, fs.Arg(0)), fs.Args()[1:]
	}
	switch {
	case len(rest) > 1:
		return "", "", usagef("export vcf: unexpected argument %q", rest[1])
	case flagWasSet(fs, "out") && *outFlag == "":
		return "", "", usagef("export vcf: --out needs a file path")
	case flagWasSet(fs, "company") && strings.TrimSpace(*companyFlag) == "":
		return "", "", usagef("export vcf: --company needs a company name")
	}
	if err := checkOutPath(*outFlag); err != nil {
		return "", "", err
	}
	return strings.TrimSpace(*companyFlag), *outFlag, nil
}

// runImportVCF handles `import vcf FILE` ("-" reads standard input): the
// cards of a phone's or mail program's export become contacts. A person
// already known by email (or, with none, by name at the company) only has
// their empty fields filled in. The file is read whole before the
// database is opened, so a file that is no vCard changes nothing and
// creates no database.
func runImportVCF(args []string, dbPath string, env Env) error {
	file, err := parseImportVCFArgs(args)
	if err != nil {
		return err
	}
	in, closeIn, err := openInput(file, "vcf", env)
	if err != nil {
		return err
	}
	defer closeIn()
	cs, orgs, warns, err := data.ReadVCards(in)
	switch {
	case errors.Is(err, data.ErrNotVCard):
		return usagef("import vcf %s: %v; nothing was imported", file, err)
	case err != nil:
		return fmt.Errorf("import vcf %s: %w", file, err)
	}
	listLines(env.Stderr, "warning: ", warns, "warning", "warnings")
	s, created, err := openForImport(dbPath)
	if err != nil {
		return fmt.Errorf("import vcf %s: %w", file, err)
	}
	defer s.Close()
	res, err := s.ImportContacts(context.Background(), cs, orgs)
	if err != nil {
		if created {
			// This import made the database; a failed one leaves none.
			s.Close()
			data.RemoveIfEmpty(s.Path())
		}
		return fmt.Errorf("import vcf %s: %w", file, err)
	}
	skipped := make([]string, len(res.Skipped))
	for i, sk := range res.Skipped {
		skipped[i] = fmt.Sprintf("card %d (%s) skipped: %s", sk.Index+1, cmp.Or(sk.Label, "no name"), sk.Reason)
	}
	listLines(env.Stderr, "", skipped, "skipped card", "skipped cards")
	// Digits without separators: scripts read this line.
	fmt.Fprintln(env.Stdout, res.Summary())
	return nil
}

// parseImportVCFArgs reads `import vcf FILE`, which takes no flags.
func parseImportVCFArgs(args []string) (string, error) {
	var rest []string
	for _, a := range args {
		if a != "-" && strings.HasPrefix(a, "-") {
			return "", usagef("import vcf: unknown flag %s (import vcf takes only the FILE)", a)
		}
		rest = append(rest, a)
	}
	switch {
	case len(rest) < 2:
		return "", usagef("import vcf: missing the FILE to read")
	case len(rest) > 2:
		return "", usagef("import vcf: unexpected argument %q after the file", rest[2])
	}
	return rest[1], nil
}

// openForImport opens the database an import writes to, creating it when
// there is none (created says so). An existing file whose body is damaged
// is refused: writing into it could spread the damage.
func openForImport(dbPath string) (s *data.Store, created bool, err error) {
	loc, err := locate(dbPath)
	if err != nil {
		return nil, false, err
	}
	_, statErr := os.Stat(loc.Database)
	s, err = data.OpenWith(loc.Database, data.Options{BackupDir: loc.BackupDir()})
	if err != nil {
		return nil, false, err
	}
	if statErr == nil {
		if err := s.Check(context.Background()); err != nil {
			s.Close()
			return nil, false, err
		}
	}
	return s, statErr != nil, nil
}

// listLines writes each message to w as a line of its own, after prefix,
// up to maxProblemsListed, then how many more there were ("and 3 more
// warnings").
func listLines(w io.Writer, prefix string, msgs []string, one, many string) {
	for i, msg := range msgs {
		if i == maxProblemsListed {
			fmt.Fprintf(w, "bridgekeeper: %sand %s\n", prefix, plural(len(msgs)-i, "more "+one, "more "+many))
			return
		}
		fmt.Fprintf(w, "bridgekeeper: %s%s\n", prefix, msg)
	}
}
