package data

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func TestCompanyKey(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"ACME, Inc.", "acme"},
		{"Acme Inc", "acme"},
		{"acme", "acme"},
		{"  Acme   Corporation ", "acme"},
		{"Müller GmbH & Co. KG", "muller"},
		{"Societe Generale S.A.", "societe generale"},
		{"Société Générale SA", "societe generale"},
		{"AT&T", "at&t"},
		{"Globex Corp.", "globex"},
		{"Initech Ltd", "initech"},
		{"Company", "company"},
		{"The Company Ltd", "the company"},
		{"Acme Labs", "acme labs"}, // another company, for all we know
		{"北京字节跳动科技有限公司", "北京字节跳动科技有限公司"},
	} {
		if got := CompanyKey(c.name); got != c.want {
			t.Errorf("CompanyKey(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// companyOf is the company an interview links to, by name, and how many
// contacts it links to.
func companyOf(t *testing.T, s *Store, id int64) (string, int) {
	t.Helper()
	var name sql.NullString
	var contacts int
	err := s.db.QueryRow(`SELECT c.name, (SELECT count(*) FROM interview_contacts WHERE interview_id = i.id)
		FROM interviews i LEFT JOIN companies c ON c.id = i.company_id WHERE i.id = ?`, id).Scan(&name, &contacts)
	if err != nil {
		t.Fatal(err)
	}
	return name.String, contacts
}

func count(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Every write links its interviews to a company and contacts: spellings of
// one company meet, one email is one person, and a change is linked again.
func TestInterviewsLinkToCompaniesAndContacts(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ivs := []*Interview{
		{Company: "ACME, Inc.", ContactName: "Ana Kovač", ContactEmail: "ana@acme.example", Status: StatusScheduled},
		{Company: "Acme Inc", ContactName: "Ana", ContactEmail: "ANA@acme.example", Status: StatusWithdrawn},
		{Company: "Globex", ContactName: "Sam Patel", Status: StatusScheduled},
		{Company: "Globex Corp.", ContactName: "sam  patel", Status: StatusRejected},
		{Company: "Initech", Status: StatusScheduled},
	}
	if err := s.CreateInterviews(ctx, ivs); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "companies"); n != 3 {
		t.Errorf("%d companies, want 3 (Acme, Globex, Initech)", n)
	}
	if n := count(t, s, "contacts"); n != 2 {
		t.Errorf("%d contacts, want 2 (Ana by email, Sam by name)", n)
	}
	for i, want := range []string{"ACME, Inc.", "ACME, Inc.", "Globex", "Globex", "Initech"} {
		if got, n := companyOf(t, s, ivs[i].ID); got != want || (i < 4) != (n == 1) {
			t.Errorf("interview %d links to %q with %d contacts, want %q", i, got, n, want)
		}
	}
	// A new company name is a new link; the old company stays a record.
	ivs[4].Company, ivs[4].ContactEmail = "Hooli", "grace@hooli.example"
	if err := s.UpdateInterview(ctx, ivs[4]); err != nil {
		t.Fatal(err)
	}
	if got, n := companyOf(t, s, ivs[4].ID); got != "Hooli" || n != 1 {
		t.Errorf("after the edit it links to %q with %d contacts, want Hooli and Grace", got, n)
	}
	if n := count(t, s, "companies"); n != 4 {
		t.Errorf("%d companies after the edit, want 4: Initech is kept", n)
	}
}

// Rows another program writes (without Bridgekeeper's linking) are linked
// by the next write, and an upgraded database is linked when it opens.
func TestUnlinkedRowsAreLinkedByTheNextWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO interviews (company, contact_email, created_at, updated_at, uid)
		VALUES ('Umbrella Health', 'hr@umbrella.example', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'x@y'),
		('   ', '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'z@y'), ('!!!', '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'w@y')`); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateInterview(context.Background(), &Interview{Company: "Acme"}); err != nil {
		t.Fatal(err)
	}
	var unlinked int
	if err := s.db.QueryRow(`SELECT count(*) FROM interviews WHERE company_id IS NULL OR contacts_linked = 0`).Scan(&unlinked); err != nil {
		t.Fatal(err)
	}
	// The blank and the punctuation-only names (which only another program
	// writes) get companies of their own rather than blocking the write.
	if unlinked != 0 || count(t, s, "companies") != 4 || count(t, s, "contacts") != 1 {
		t.Errorf("%d rows unlinked, %d companies, %d contacts after the next write", unlinked, count(t, s, "companies"), count(t, s, "contacts"))
	}
}

func TestCompaniesSayHowEachBridgeStands(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	now := time.Now()
	ivs := []*Interview{
		{Company: "Open Co", StartsAt: now.Add(time.Hour), Status: StatusScheduled},
		{Company: "Open Co", Status: StatusWithdrawn},
		{Company: "Polite Ltd", Status: StatusScheduled},
		{Company: "Silent Ltd", Status: StatusWithdrawn},
		{Company: "Rejecter", Status: StatusRejected},
		{Company: "Ghost", Status: StatusGhosted},
	}
	if err := s.CreateInterviews(ctx, ivs); err != nil {
		t.Fatal(err)
	}
	// The polite one withdrew and filed the message.
	if err := s.AddEvent(ctx, &Event{InterviewID: ivs[2].ID, Kind: EventDraft, Scenario: "withdraw", Subject: "Withdrawing", Body: "…"}); err != nil {
		t.Fatal(err)
	}
	ivs[2].Status = StatusWithdrawn
	if err := s.UpdateInterview(ctx, ivs[2]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO companies (name, match_key, created_at, updated_at) VALUES ('Future', 'future', 'x', 'x')`); err != nil {
		t.Fatal(err)
	}
	list, err := s.Companies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		bridge      Bridge
		count, open int
	}{
		"Open Co": {BridgeInProcess, 2, 1}, "Polite Ltd": {BridgeLeftWell, 1, 0}, "Silent Ltd": {BridgeLeftSilently, 1, 0},
		"Rejecter": {BridgeSaidNo, 1, 0}, "Ghost": {BridgeWentQuiet, 1, 0}, "Future": {BridgeNoContact, 0, 0},
	}
	if len(list) != len(want) {
		t.Fatalf("%d companies, want %d: %+v", len(list), len(want), list)
	}
	for i, c := range list {
		w := want[c.Name]
		if c.Bridge != w.bridge || c.Interviews != w.count || c.Open != w.open {
			t.Errorf("%s: bridge %s, %d interviews, %d open; want %s, %d, %d", c.Name, c.Bridge, c.Interviews, c.Open, w.bridge, w.count, w.open)
		}
		if i > 0 && CompanyKey(list[i-1].Name) > CompanyKey(c.Name) {
			t.Errorf("not in name order: %s before %s", list[i-1].Name, c.Name)
		}
		// Only the message filed counts as contact here: adding interviews
		// to the tracker is not, and none of them has taken place.
		if (c.Name == "Polite Ltd") == c.LastContact.IsZero() {
			t.Errorf("%s: last contact %v", c.Name, c.LastContact)
		}
	}
}

// A company's history holds every interview's events, oldest first, and
// what was said to it is found under any spelling of its name.
func TestCompanyHistoryAndMessagesAcrossSpellings(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	a := &Interview{Company: "ACME, Inc.", Role: "Engineer", Status: StatusScheduled}
	b := &Interview{Company: "Acme", Role: "Designer", Status: StatusScheduled}
	if err := s.CreateInterviews(ctx, []*Interview{a, b}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddEvent(ctx, &Event{InterviewID: a.ID, Kind: EventDraft, Scenario: "withdraw", Subject: "Withdrawing",
		Body: "…", Reason: "other-offer", Disclose: "brief", Channel: "email"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddEvent(ctx, &Event{InterviewID: b.ID, Kind: EventNote, Body: "Recruiter moved to Globex"}); err != nil {
		t.Fatal(err)
	}
	c, err := s.FindCompany(ctx, "acme inc.")
	if err != nil || c.Name != "ACME, Inc." {
		t.Fatalf("FindCompany = %+v, %v", c, err)
	}
	h, err := s.CompanyHistory(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for i, e := range h {
		kinds = append(kinds, string(e.Kind)+":"+e.Role)
		if i > 0 && e.At.Before(h[i-1].At) {
			t.Errorf("entry %d is older than the one before it", i)
		}
	}
	if len(h) != 4 || h[2].Reason != "other-offer" || h[2].Channel != "email" {
		t.Errorf("history = %v (%+v)", kinds, h)
	}
	for _, spelling := range []string{"Acme", "ACME INC", "acme, inc."} {
		if msgs, err := s.MessagesTo(ctx, spelling); err != nil || len(msgs) != 1 || msgs[0].Subject != "Withdrawing" {
			t.Errorf("MessagesTo(%q) = %d messages, %v", spelling, len(msgs), err)
		}
	}
	if _, err := s.FindCompany(ctx, "Initech"); !errors.Is(err, ErrNotFound) {
		t.Errorf("FindCompany(Initech) = %v, want ErrNotFound", err)
	}
}

func TestSaveCompanyKeepsTheOldNameAsAnAlias(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if err := s.CreateInterviews(ctx, []*Interview{{Company: "Acme"}, {Company: "Globex"}}); err != nil {
		t.Fatal(err)
	}
	acme, _ := s.FindCompany(ctx, "Acme")
	acme.Name, acme.Website, acme.Notes = "Acme Robotics", "https://acme.example", "Met at the fair"
	if err := s.SaveCompany(ctx, acme); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Acme", "acme robotics"} {
		if c, err := s.FindCompany(ctx, name); err != nil || c.ID != acme.ID || c.Website != "https://acme.example" {
			t.Errorf("FindCompany(%q) = %+v, %v", name, c, err)
		}
	}
	later := &Interview{Company: "ACME Inc."}
	if err := s.CreateInterview(ctx, later); err != nil {
		t.Fatal(err)
	}
	if name, _ := companyOf(t, s, later.ID); name != "Acme Robotics" {
		t.Errorf("an interview under the old name went to %q", name)
	}
	globex, _ := s.FindCompany(ctx, "Globex")
	for _, bad := range []Company{{ID: globex.ID, Name: "Acme Robotics"}, {ID: globex.ID, Name: " "}, {ID: 999, Name: "X"}} {
		if err := s.SaveCompany(ctx, bad); err == nil {
			t.Errorf("SaveCompany(%+v) was accepted", bad)
		}
	}
}

// A recruiter who moved company still remembers what they were told: their
// email finds the messages sent about interviews they were the contact for.
func TestMessagesToFollowThePerson(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	old := &Interview{Company: "Acme", ContactName: "Ana", ContactEmail: "ana@acme.example", Status: StatusWithdrawn}
	if err := s.CreateInterview(ctx, old); err != nil {
		t.Fatal(err)
	}
	if err := s.AddEvent(ctx, &Event{InterviewID: old.ID, Kind: EventDraft, Scenario: "withdraw", Subject: "Withdrawing", Body: "…"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		company, email string
		want           int
	}{
		{"Globex", "ANA@acme.example", 1}, {"Globex", "", 0}, {"Globex", "sam@globex.example", 0}, {"Acme", "", 1}, {"Acme", "ana@acme.example", 1},
	} {
		if got, err := s.MessagesTo(ctx, c.company, c.email); err != nil || len(got) != c.want {
			t.Errorf("MessagesTo(%q, %q) = %d, %v; want %d", c.company, c.email, len(got), err, c.want)
		}
	}
}
