package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// companyJSON is one line of `companies --json`.
type companyJSON struct {
	Name        string `json:"name"`
	Bridge      string `json:"bridge"`
	LastContact string `json:"last_contact,omitempty"` // RFC 3339, UTC
	Interviews  int    `json:"interviews"`
	Open        int    `json:"open"`
}

// runCompanies handles `companies [--json]`: every company the user has
// dealt with, how the bridge stands, when they were last in touch and how
// many interviews are still open.
func runCompanies(args []string, dbPath string, env Env) error {
	fs := flag.NewFlagSet("companies", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return usagef("companies: %v", err)
	}
	if fs.NArg() > 0 {
		return usagef("companies: unexpected argument %q", fs.Arg(0))
	}
	s, err := openStore(dbPath, false)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.Companies(context.Background())
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]companyJSON, 0, len(list))
		for _, c := range list {
			j := companyJSON{Name: c.Name, Bridge: string(c.Bridge), Interviews: c.Interviews, Open: c.Open}
			if !c.LastContact.IsZero() {
				j.LastContact = c.LastContact.UTC().Format(time.RFC3339)
			}
			out = append(out, j)
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(list) == 0 {
		fmt.Fprintln(env.Stderr, "No companies yet: they come from the interviews you add.")
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "COMPANY\tBRIDGE\tLAST CONTACT\tOPEN")
	for _, c := range list {
		last := "-"
		if !c.LastContact.IsZero() {
			last = c.LastContact.Local().Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d of %s\n", c.Name, c.Bridge.Label(), last, c.Open, plural(c.Interviews, "interview", "interviews"))
	}
	return tw.Flush()
}
