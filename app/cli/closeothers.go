package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// closeJSON is one message of `close-others --json`.
type closeJSON struct {
	InterviewID int64           `json:"interview_id"`
	Company     string          `json:"company"`
	Role        string          `json:"role,omitempty"`
	Status      string          `json:"status"`
	Draft       json.RawMessage `json:"draft"`
}

// runCloseOthers handles `close-others ID [--json]`: with interview ID the
// one accepted, the message for every other process still open (declining
// an offer, withdrawing from an interview), each drafted as `draft
// --interview` would.
func runCloseOthers(args []string, dbPath string, env Env) error {
	fs := flag.NewFlagSet("close-others", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print JSON")
	var ids []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return usagef("close-others: %v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		ids, args = append(ids, fs.Arg(0)), fs.Args()[1:]
	}
	if len(ids) != 1 {
		return usagef("close-others: name the interview you accepted: close-others ID [--json]")
	}
	id, err := strconv.ParseInt(ids[0], 10, 64)
	if err != nil || id <= 0 {
		return usagef("close-others: %q is not an interview ID", ids[0])
	}
	open, err := closeOthersList(dbPath, id)
	if err != nil {
		return err
	}
	var out []closeJSON
	var text strings.Builder
	for _, iv := range open {
		scenario := compose.Closing(iv.Status == data.StatusOffer)
		var draft strings.Builder
		sub := []string{"--scenario", string(scenario), "--interview", strconv.FormatInt(iv.ID, 10)}
		if *asJSON {
			sub = append(sub, "--json")
		}
		if err := runDraft(sub, dbPath, Env{Stdout: &draft, Stderr: io.Discard, Getenv: env.Getenv}); err != nil {
			return fmt.Errorf("close-others: the message for %s: %w", iv.Company, err)
		}
		if *asJSON {
			out = append(out, closeJSON{InterviewID: iv.ID, Company: iv.Company, Role: iv.Role, Status: string(iv.Status), Draft: json.RawMessage(draft.String())})
			continue
		}
		fmt.Fprintf(&text, "== %s%s: %s ==\n%s\n", iv.Company, roleSuffix(iv.Role), scenario, draft.String())
	}
	if *asJSON {
		if out == nil {
			out = []closeJSON{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(open) == 0 {
		fmt.Fprintln(env.Stderr, "No other interview or offer is still open.")
		return nil
	}
	_, err = io.WriteString(env.Stdout, text.String())
	return err
}

// closeOthersList checks that the accepted interview exists and lists the
// other open ones.
func closeOthersList(dbPath string, id int64) ([]data.Interview, error) {
	s, err := openStore(dbPath, false)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Interview(ctx, id); errors.Is(err, data.ErrNotFound) {
		return nil, usagef("close-others: there is no interview %d", id)
	} else if err != nil {
		return nil, err
	}
	return s.OpenProcesses(ctx, id)
}

func roleSuffix(role string) string {
	if r := strings.TrimSpace(role); r != "" {
		return " (" + r + ")"
	}
	return ""
}
