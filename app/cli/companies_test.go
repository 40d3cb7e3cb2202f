package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompaniesListsHowEachBridgeStands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	csv := writeTemp(t, "in.csv", "company,contact_email,starts_at,timezone,status\n"+
		"\"ACME, Inc.\",ana@acme.example,2030-03-04 14:00,Europe/Berlin,scheduled\n"+
		"Acme Inc,ana@acme.example,2029-01-04 14:00,Europe/Berlin,withdrawn\n"+
		"Globex,sam@globex.example,2025-02-01 10:00,Europe/London,rejected\n")
	if code, _, stderr := runExchange(t, "", "--db", db, "import", "csv", csv); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	code, out, stderr := runExchange(t, "", "--db", db, "companies", "--json")
	if code != 0 {
		t.Fatalf("companies --json: %d %s", code, stderr)
	}
	var got []companyJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(got) != 2 || got[0].Name != "ACME, Inc." || got[0].Bridge != "in-process" || got[0].Interviews != 2 || got[0].Open != 1 ||
		got[1].Name != "Globex" || got[1].Bridge != "said-no" || got[1].LastContact != "2025-02-01T10:00:00Z" || got[0].LastContact != "" {
		t.Errorf("companies --json = %+v", got)
	}
	code, out, _ = runExchange(t, "", "--db", db, "companies")
	if code != 0 || !strings.Contains(out, "ACME, Inc.") || !strings.Contains(out, "they said no") || !strings.Contains(out, "1 of 2 interviews") {
		t.Errorf("companies = %d\n%s", code, out)
	}
	for _, args := range [][]string{{"companies", "extra"}, {"companies", "--nope"}} {
		if code, _, stderr := runExchange(t, "", append([]string{"--db", db}, args...)...); code != 2 || strings.Count(stderr, "\n") < 1 {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if code, _, stderr := runExchange(t, "", "--db", filepath.Join(t.TempDir(), "none.db"), "companies"); code != 2 || !strings.Contains(stderr, "no database") {
		t.Errorf("companies on a missing database: %d %q", code, stderr)
	}
}

func TestHistoryTellsEverythingWithACompany(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	csv := writeTemp(t, "in.csv", "company,role,contact_email,starts_at,timezone,status\n"+
		"\"ACME, Inc.\",Backend engineer,ana@acme.example,2030-03-04 14:00,Europe/Berlin,scheduled\n"+
		"Globex,Analyst,sam@globex.example,2029-02-01 10:00,Europe/London,rejected\n")
	if code, _, stderr := runExchange(t, "", "--db", db, "import", "csv", csv); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	// Any spelling of the company finds it, flag before or after.
	for _, args := range [][]string{{"history", "Acme", "--json"}, {"history", "--json", "acme inc"}} {
		code, out, stderr := runExchange(t, "", append([]string{"--db", db}, args...)...)
		if code != 0 {
			t.Fatalf("%v: %d %s", args, code, stderr)
		}
		var got []historyJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: not JSON: %v\n%s", args, err, out)
		}
		if len(got) != 1 || got[0].Kind != "created" || got[0].Status != "scheduled" || got[0].At == "" {
			t.Errorf("%v = %+v", args, got)
		}
	}
	code, out, _ := runExchange(t, "", "--db", db, "history", "Globex")
	if code != 0 || !strings.HasPrefix(out, "Globex\n") || !strings.Contains(out, "added Analyst (rejected)") {
		t.Errorf("history Globex = %d\n%s", code, out)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"history"}, 2, "name one company"},
		{[]string{"history", "A", "B"}, 2, "name one company"},
		{[]string{"history", "Initech"}, 2, "no company called"},
	} {
		code, _, stderr := runExchange(t, "", append([]string{"--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q", c.args, code, stderr)
		}
	}
}

func TestCloseOthersPreparesAMessageForEachOpenProcess(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	csv := writeTemp(t, "in.csv", "company,role,contact_name,contact_email,starts_at,timezone,status\n"+
		"Acme,Engineer,Ana Roe,ana@acme.example,2030-03-04 14:00,Europe/Berlin,offer\n"+
		"Globex,Analyst,Sam Patel,sam@globex.example,2030-02-01 10:00,Europe/London,offer\n"+
		"Initech,QA,Priya Shah,priya@initech.example,2030-02-10 10:00,Europe/London,scheduled\n"+
		"Hooli,SRE,Grace Lin,grace@hooli.example,2029-01-10 10:00,Europe/London,rejected\n")
	if code, _, stderr := runExchange(t, "", "--db", db, "import", "csv", csv); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	code, out, stderr := runExchange(t, "", "--db", db, "close-others", "1", "--json")
	if code != 0 {
		t.Fatalf("close-others: %d %s", code, stderr)
	}
	var got []struct {
		Company string `json:"company"`
		Draft   struct {
			Scenario string `json:"scenario"`
			Body     string `json:"body"`
		} `json:"draft"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	want := map[string]string{"Globex": "decline-offer", "Initech": "withdraw"}
	if len(got) != len(want) {
		t.Fatalf("%d messages, want %d: %s", len(got), len(want), out)
	}
	for _, m := range got {
		if want[m.Company] != m.Draft.Scenario || !strings.Contains(m.Draft.Body, m.Company) {
			t.Errorf("%s: %s\n%s", m.Company, m.Draft.Scenario, m.Draft.Body)
		}
	}
	code, out, _ = runExchange(t, "", "--db", db, "close-others", "1")
	if code != 0 || !strings.Contains(out, "== Globex (Analyst): decline-offer ==") || !strings.Contains(out, "Subject:") {
		t.Errorf("close-others text = %d\n%s", code, out)
	}
	for _, args := range [][]string{{"close-others"}, {"close-others", "x"}, {"close-others", "99"}} {
		if code, _, stderr := runExchange(t, "", append([]string{"--db", db}, args...)...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d %q", args, code, stderr)
		}
	}
}

func TestDraftSaveFilesTheMessageWithStatusAndCheckIn(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	csv := writeTemp(t, "in.csv", "company,role,contact_name,contact_email,starts_at,timezone,status\n"+
		"Acme,Engineer,Ana Roe,ana@acme.example,2030-03-04 14:00,Europe/Berlin,scheduled\n")
	if code, _, stderr := runExchange(t, "", "--db", db, "import", "csv", csv); code != 0 {
		t.Fatalf("import: %d %s", code, stderr)
	}
	code, out, stderr := runExchange(t, "", "--db", db, "draft", "--scenario", "withdraw", "--interview", "1",
		"--reason", "other-offer", "--save", "--status", "withdrawn", "--check-in", "3m", "--json")
	if code != 0 || !strings.Contains(stderr, "Filed on interview 1, now withdrawn; check in with Acme on") {
		t.Fatalf("draft --save: %d %q", code, stderr)
	}
	var d struct {
		Checks []struct{ ID string } `json:"checks"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runExchange(t, "", "--db", db, "history", "Acme", "--json")
	var h []historyJSON
	json.Unmarshal([]byte(out), &h)
	if code != 0 || len(h) != 3 || h[1].Kind != "draft" || h[1].Scenario != "withdraw" || h[1].Reason != "other-offer" || h[2].Status != "withdrawn" {
		t.Errorf("history after --save = %+v", h)
	}
	// A reschedule now contradicts the offer they were told of: the
	// history check says so in --json.
	code, out, _ = runExchange(t, "", "--db", db, "draft", "--scenario", "reschedule", "--interview", "1", "--json")
	if code != 0 || !strings.Contains(out, `"id": "history"`) {
		t.Errorf("reschedule after 'another offer' has no history check:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"draft", "--scenario", "withdraw", "--save"}, "give --interview ID"},
		{[]string{"draft", "--scenario", "withdraw", "--interview", "1", "--status", "withdrawn"}, "go with --save"},
		{[]string{"draft", "--scenario", "withdraw", "--interview", "1", "--save", "--status", "gone"}, "not a status"},
		{[]string{"draft", "--scenario", "withdraw", "--interview", "1", "--save", "--check-in", "soon"}, "not 2w, 3m or a date"},
		{[]string{"draft", "--scenario", "withdraw", "--interview", "1", "--save", "--check-in", "2001-01-01"}, "has passed"},
	} {
		code, _, stderr := runExchange(t, "", append([]string{"--db", db}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, %q", c.args, code, stderr)
		}
	}
	if code, out, _ := runExchange(t, "", "--db", db, "history", "Acme", "--json"); code != 0 || strings.Count(out, `"kind": "draft"`) != 1 {
		t.Errorf("a refused --save filed something:\n%s", out)
	}
}
