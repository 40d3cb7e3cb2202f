package data

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

var updateFixture = flag.Bool("update-fixture", false, "rewrite testdata/v1.db from migration 1")

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "bk.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenCreatesPrivateFileAtNewestSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "dir", "bk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("database mode = %o, want 600", perm)
	}
	v, err := s.Version(context.Background())
	if err != nil || v != SchemaVersion() || v < 2 {
		t.Errorf("schema version = %d, %v; want %d (>= 2)", v, err, SchemaVersion())
	}
	for pragma, want := range map[string]string{
		"foreign_keys": "1", "journal_mode": "wal", "synchronous": "2", "busy_timeout": "10000",
	} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil || got != want {
			t.Errorf("PRAGMA %s = %q (%v), want %q", pragma, got, err, want)
		}
	}
}

func TestOpenTightensLoosePermissions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	info, _ := os.Stat(path)
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode after reopen = %o, want 600", perm)
	}
}

func TestOpenRefusesNonDatabases(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte("this is a shopping list, not SQLite; eggs, milk, bread, tea\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(garbage); !errors.Is(err, ErrNotDatabase) {
		t.Errorf("Open(garbage) = %v, want ErrNotDatabase", err)
	}
	got, _ := os.ReadFile(garbage)
	if string(got) != "this is a shopping list, not SQLite; eggs, milk, bread, tea\n" {
		t.Error("Open overwrote a file that was not a database")
	}
	if _, err := Open(dir); !errors.Is(err, ErrNotDatabase) {
		t.Errorf("Open(directory) = %v, want ErrNotDatabase", err)
	}
}

func TestInterviewCRUD(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	when := time.Date(2026, 12, 3, 14, 30, 0, 0, time.FixedZone("CET", 3600))
	iv := &Interview{
		Company: "Acme GmbH", Role: "Backend engineer", ContactName: "Dana Roe",
		ContactEmail: "dana@acme.example", StartsAt: when, TimeZone: "Europe/Berlin",
		Notes: "Bring portfolio; ask about 'on-call' \"rota\"",
	}
	if err := s.CreateInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	if iv.ID == 0 || iv.Status != StatusScheduled {
		t.Fatalf("after create: id %d status %q", iv.ID, iv.Status)
	}
	got, err := s.Interview(ctx, iv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Company != iv.Company || got.Notes != iv.Notes || !got.StartsAt.Equal(when) ||
		got.TimeZone != "Europe/Berlin" || got.ContactEmail != iv.ContactEmail {
		t.Errorf("read back %+v, want %+v", got, *iv)
	}
	if local := got.Local(time.UTC); local.Hour() != 14 || local.Location().String() != "Europe/Berlin" {
		t.Errorf("Local() = %v, want 14:30 Europe/Berlin", local)
	}

	got.Status = StatusRescheduled
	got.Role = "Platform engineer"
	if err := s.UpdateInterview(ctx, &got); err != nil {
		t.Fatal(err)
	}
	again, _ := s.Interview(ctx, iv.ID)
	if again.Role != "Platform engineer" || again.Status != StatusRescheduled {
		t.Errorf("after update: %+v", again)
	}
	events, err := s.Events(ctx, iv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[0].Kind != EventStatus || events[0].FromStatus != StatusScheduled ||
		events[0].ToStatus != StatusRescheduled || events[1].Kind != EventCreated {
		t.Errorf("timeline = %+v, want status change then created (newest first)", events)
	}

	list, err := s.Interviews(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("Interviews = %v, %v", list, err)
	}
	if err := s.DeleteInterview(ctx, iv.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Interview(ctx, iv.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
	if ev, _ := s.Events(ctx, iv.ID); len(ev) != 0 {
		t.Errorf("timeline outlived its interview: %+v", ev)
	}
	if err := s.DeleteInterview(ctx, iv.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete = %v, want ErrNotFound", err)
	}
	missing := Interview{ID: 999, Company: "Nobody"}
	if err := s.UpdateInterview(ctx, &missing); !errors.Is(err, ErrNotFound) {
		t.Errorf("update of missing = %v, want ErrNotFound", err)
	}
}

func TestInterviewsOrderSoonestFirstUndatedLast(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	base := time.Date(2027, 1, 1, 9, 0, 0, 0, time.UTC)
	for _, iv := range []*Interview{
		{Company: "Later", StartsAt: base.Add(48 * time.Hour)},
		{Company: "Undated"},
		{Company: "Sooner", StartsAt: base},
	} {
		if err := s.CreateInterview(ctx, iv); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := s.Interviews(ctx)
	var names []string
	for _, iv := range list {
		names = append(names, iv.Company)
	}
	if len(names) != 3 || names[0] != "Sooner" || names[1] != "Later" || names[2] != "Undated" {
		t.Errorf("order = %v", names)
	}
}

func TestValidationErrors(t *testing.T) {
	s := openTemp(t)
	cases := []struct {
		name  string
		iv    Interview
		field string
	}{
		{"company required", Interview{Company: "  "}, "company"},
		{"unknown status", Interview{Company: "A", Status: "maybe"}, "status"},
		{"email without at", Interview{Company: "A", ContactEmail: "dana.example.com"}, "contact_email"},
		{"email without domain dot", Interview{Company: "A", ContactEmail: "dana@localhost"}, "contact_email"},
		{"email with display name", Interview{Company: "A", ContactEmail: "Dana <dana@acme.example>"}, "contact_email"},
		{"email with space", Interview{Company: "A", ContactEmail: "da na@acme.example"}, "contact_email"},
		{"unknown zone", Interview{Company: "A", TimeZone: "Mars/Olympus_Mons"}, "timezone"},
		{"Local zone", Interview{Company: "A", TimeZone: "Local"}, "timezone"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			iv := tc.iv
			err := s.CreateInterview(context.Background(), &iv)
			var ve ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want ValidationError", err)
			}
			if ve.Field(tc.field) == "" {
				t.Errorf("no problem reported for %s in %v", tc.field, ve)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Errorf("errors.As FieldError = %+v, want field %s", fe, tc.field)
			}
			if iv.ID != 0 {
				t.Error("invalid interview got an ID")
			}
		})
	}
	if n, _ := s.CountInterviews(context.Background()); n != 0 {
		t.Errorf("%d invalid interviews were stored", n)
	}
	// All problems are reported at once, so a form can mark every field.
	iv := Interview{Company: "", ContactEmail: "x", TimeZone: "Nowhere/Else", Status: "?"}
	var ve ValidationError
	if !errors.As(iv.Validate(), &ve) || len(ve) != 4 {
		t.Errorf("Validate reported %v, want 4 problems", ve)
	}
}

func TestCreateInterviewsIsAllOrNothing(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	batch := []*Interview{{Company: "One"}, {Company: "Two"}, {Company: ""}}
	if err := s.CreateInterviews(ctx, batch); err == nil {
		t.Fatal("batch with an invalid row was accepted")
	}
	if n, _ := s.CountInterviews(ctx); n != 0 {
		t.Errorf("%d rows stored from a rejected batch", n)
	}
	batch[2].Company = "Three"
	if err := s.CreateInterviews(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountInterviews(ctx); n != 3 {
		t.Errorf("stored %d, want 3", n)
	}
}

func TestEventsAndStatusChanges(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	iv := &Interview{Company: "Globex"}
	if err := s.CreateInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	draft := &Event{InterviewID: iv.ID, Kind: EventDraft, Scenario: "withdraw",
		Subject: "Withdrawing my application", Body: "Dear Sam,\n\nThank you…"}
	if err := s.AddEvent(ctx, draft); err != nil {
		t.Fatal(err)
	}
	if err := s.AddEvent(ctx, &Event{InterviewID: iv.ID, Kind: EventStatus, ToStatus: StatusWithdrawn}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Interview(ctx, iv.ID)
	if got.Status != StatusWithdrawn {
		t.Errorf("status after status event = %q", got.Status)
	}
	events, _ := s.Events(ctx, iv.ID)
	if len(events) != 3 {
		t.Fatalf("timeline has %d events, want 3", len(events))
	}
	if events[0].Kind != EventStatus || events[0].FromStatus != StatusScheduled {
		t.Errorf("newest event = %+v", events[0])
	}
	if events[1].Scenario != "withdraw" || events[1].Body != draft.Body {
		t.Errorf("draft event = %+v", events[1])
	}
	for _, bad := range []*Event{
		{InterviewID: iv.ID, Kind: "gossip"},
		{InterviewID: iv.ID, Kind: EventNote, Body: "   "},
		{InterviewID: iv.ID, Kind: EventStatus, ToStatus: "vanished"},
	} {
		var ve ValidationError
		if err := s.AddEvent(ctx, bad); !errors.As(err, &ve) {
			t.Errorf("AddEvent(%+v) = %v, want ValidationError", bad, err)
		}
	}
	if err := s.AddEvent(ctx, &Event{InterviewID: 4242, Kind: EventNote, Body: "hi"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("event on missing interview = %v, want ErrNotFound", err)
	}
}

func TestSettings(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if v, err := s.Setting(ctx, "name", "fallback"); err != nil || v != "fallback" {
		t.Errorf("unset setting = %q, %v", v, err)
	}
	for _, v := range []string{"Ana", "Ana María 🌱"} {
		if err := s.SetSetting(ctx, "name", v); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Setting(ctx, "name", ""); got != v {
			t.Errorf("setting = %q, want %q", got, v)
		}
	}
}

func TestHostileTextIsStoredVerbatim(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	hostile := "'; DROP TABLE interviews; --"
	iv := &Interview{Company: hostile, Notes: "Robert'); DELETE FROM events;--\x00after NUL"}
	if err := s.CreateInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	got, err := s.Interview(ctx, iv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Company != hostile || got.Notes != iv.Notes {
		t.Errorf("read back %q / %q", got.Company, got.Notes)
	}
}

func TestTwoHandlesWriteInTurn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	done := make(chan error, 2)
	for _, s := range []*Store{a, b} {
		go func(s *Store) {
			for i := 0; i < 25; i++ {
				if err := s.CreateInterview(ctx, &Interview{Company: "Turn"}); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}(s)
	}
	for i := 0; i < 2; i++ {
		if err := <-done; err != nil {
			t.Fatalf("concurrent writer: %v", err)
		}
	}
	for _, s := range []*Store{a, b} {
		if n, _ := s.CountInterviews(ctx); n != 50 {
			t.Errorf("handle sees %d interviews, want 50", n)
		}
	}
}

// The fixture is a real version-1 file, as the first release wrote it.
func TestMigrateVersion1Fixture(t *testing.T) {
	fixture := filepath.Join("testdata", "v1.db")
	if *updateFixture {
		writeV1Fixture(t, fixture)
	}
	raw, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if v, _ := s.Version(ctx); v != SchemaVersion() {
		t.Errorf("version after migration = %d, want %d", v, SchemaVersion())
	}
	list, err := s.Interviews(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Company != "Initech" || list[0].TimeZone != "America/Chicago" ||
		list[1].Company != "Umbrella Ltd" || list[1].Status != StatusOffer {
		t.Fatalf("interviews after migration = %+v", list)
	}
	if want := time.Date(2026, 5, 4, 15, 0, 0, 0, time.UTC); !list[0].StartsAt.Equal(want) {
		t.Errorf("starts_at = %v, want %v", list[0].StartsAt, want)
	}
	// Migration 6 gave each existing interview a random UUID of its own.
	uuidUID := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}@bridgekeeper$`)
	for _, iv := range list {
		if !uuidUID.MatchString(iv.UID) {
			t.Errorf("%s: UID after migration = %q, want a version 4 UUID", iv.Company, iv.UID)
		}
	}
	if list[0].UID == list[1].UID {
		t.Errorf("both interviews got UID %q", list[0].UID)
	}
	// Migration 7 made a company of each, linked when the file opened.
	for _, iv := range list {
		if name, _ := companyOf(t, s, iv.ID); name != iv.Company {
			t.Errorf("%s: linked to company %q after migration", iv.Company, name)
		}
	}
	events, err := s.Events(ctx, list[1].ID)
	if err != nil || len(events) != 2 || events[0].Subject != "Thank you" || events[0].Scenario != "" {
		t.Errorf("events after migration = %+v, %v", events, err)
	}
	if v, _ := s.Setting(ctx, "your_name", ""); v != "Ana Pérez" {
		t.Errorf("setting after migration = %q", v)
	}
	var idx int
	s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'events_by_interview'`).Scan(&idx)
	if idx != 1 {
		t.Error("migration 2 index missing")
	}

	// Migration 3 rebuilt both tables: the timeline still follows its
	// interview, nothing dangles, and a deleted ID is not handed out again.
	var dangling int
	s.db.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&dangling)
	if dangling != 0 {
		t.Errorf("%d rows fail their foreign key after migration", dangling)
	}
	if err := s.DeleteInterview(ctx, list[1].ID); err != nil {
		t.Fatal(err)
	}
	var orphans int
	s.db.QueryRow(`SELECT count(*) FROM events WHERE interview_id = ?`, list[1].ID).Scan(&orphans)
	if orphans != 0 {
		t.Errorf("deleting an interview left %d timeline entries behind", orphans)
	}
	next := &Interview{Company: "Globex"}
	if err := s.CreateInterview(ctx, next); err != nil {
		t.Fatal(err)
	}
	if next.ID <= list[1].ID {
		t.Errorf("new interview got ID %d after %d was deleted; IDs must not be reused", next.ID, list[1].ID)
	}
	var ok string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check after migration: %q, %v", ok, err)
	}
}

func writeV1Fixture(t *testing.T, dest string) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(dest)
	db, err := sql.Open("sqlite", dest+"?_pragma=journal_mode(DELETE)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts := []string{ms[0].sql, "PRAGMA user_version = 1",
		`INSERT INTO interviews VALUES (1, 'Initech', 'Analyst', 'Bill L', 'bill@initech.example',
			'2026-05-04T15:00:00Z', 'America/Chicago', 'scheduled', 'TPS reports', '2026-04-01T10:00:00.000Z', '2026-04-01T10:00:00.000Z')`,
		`INSERT INTO interviews VALUES (2, 'Umbrella Ltd', 'Chemist', '', '', '',
			'', 'offer', '', '2026-04-02T10:00:00.000Z', '2026-04-03T10:00:00.000Z')`,
		`INSERT INTO events (interview_id, at, kind, to_status) VALUES (1, '2026-04-01T10:00:00.000Z', 'created', 'scheduled')`,
		`INSERT INTO events (interview_id, at, kind, to_status) VALUES (2, '2026-04-02T10:00:00.000Z', 'created', 'scheduled')`,
		`INSERT INTO events (interview_id, at, kind, subject, body) VALUES (2, '2026-04-03T10:00:00.000Z', 'draft', 'Thank you', 'Dear team')`,
		`INSERT INTO settings VALUES ('your_name', 'Ana Pérez')`,
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
}
