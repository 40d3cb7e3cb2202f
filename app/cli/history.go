package cli

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"bridgekeeper/data"
)

// historyJSON is one entry of `history --json`.
type historyJSON struct {
	At       string `json:"at"` // RFC 3339, UTC
	Kind     string `json:"kind"`
	Scenario string `json:"scenario,omitempty"`
	Reason   string `json:"reason,omitempty"`
	Disclose string `json:"disclose,omitempty"`
	Channel  string `json:"channel,omitempty"`
	Status   string `json:"status,omitempty"`
	Text     string `json:"text,omitempty"`
}

// runHistory handles `history COMPANY [--json]`: everything on the
// timelines of the company's interviews, oldest first.
func runHistory(args []string, dbPath string, env Env) error {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print JSON")
	// The company may come before or after the flag.
	var names []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return usagef("history: %v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		names, args = append(names, fs.Arg(0)), fs.Args()[1:]
	}
	if len(names) != 1 || strings.TrimSpace(names[0]) == "" {
		return usagef("history: name one company: history COMPANY [--json]")
	}
	s, err := openStore(dbPath, false)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	c, err := s.FindCompany(ctx, names[0])
	if err != nil {
		return err
	}
	list, err := s.CompanyHistory(ctx, c.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]historyJSON, 0, len(list))
		for _, h := range list {
			out = append(out, historyJSON{At: h.At.UTC().Format(time.RFC3339), Kind: string(h.Kind), Scenario: h.Scenario,
				Reason: h.Reason, Disclose: h.Disclose, Channel: h.Channel, Status: string(h.ToStatus), Text: historyText(h)})
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(env.Stdout, "%s\n", c.Name)
	for _, h := range list {
		fmt.Fprintf(env.Stdout, "%s  %s\n", h.At.Local().Format("2006-01-02 15:04"), historyLine(h))
	}
	return nil
}

// historyText is an entry's own words: a message's subject, a note.
func historyText(h data.HistoryEntry) string {
	switch h.Kind {
	case data.EventDraft:
		return h.Subject
	case data.EventNote:
		return h.Body
	}
	return ""
}

// historyLine says what happened, as a person reads a timeline.
func historyLine(h data.HistoryEntry) string {
	what := strings.TrimSpace(h.Role)
	if what == "" {
		what = "interview"
	}
	switch h.Kind {
	case data.EventCreated:
		return fmt.Sprintf("added %s (%s)", what, h.ToStatus)
	case data.EventStatus:
		return fmt.Sprintf("%s: %s → %s", what, h.FromStatus, h.ToStatus)
	case data.EventDraft:
		var detail []string
		for _, kv := range [][2]string{{"reason", h.Reason}, {"said", h.Disclose}, {"tone", h.Tone}, {"by", h.Channel}} {
			if kv[1] != "" {
				detail = append(detail, kv[0]+" "+kv[1])
			}
		}
		line := fmt.Sprintf("sent %s: %q", cmp.Or(h.Scenario, "a message"), h.Subject)
		if len(detail) > 0 {
			line += " (" + strings.Join(detail, ", ") + ")"
		}
		return line
	case data.EventNote:
		return "note: " + oneLine(h.Body)
	}
	return string(h.Kind)
}
