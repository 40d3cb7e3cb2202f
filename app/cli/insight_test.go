package cli

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgekeeper/data"
	"bridgekeeper/insight"
)

// insightDB is a database with a small search: an offer accepted, a no,
// a withdrawal with its message, and an interview still ahead.
func insightDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "bk.db")
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	now := time.Now()
	ivs := []*data.Interview{
		{Company: "Globex", Role: "Engineer", ContactName: "Dana Reyes", StartsAt: now.AddDate(0, 0, -20), TimeZone: "UTC",
			Status: data.StatusScheduled, Location: "https://zoom.us/j/1"},
		{Company: "Müller & Söhne", Role: "Analyst", StartsAt: now.AddDate(0, 0, -12), TimeZone: "UTC", Status: data.StatusScheduled,
			Location: "Hauptstraße 1, 10115 Berlin"},
		{Company: "Initech", StartsAt: now.AddDate(0, 0, 5), TimeZone: "UTC", Status: data.StatusScheduled},
		{Company: "Hooli", StartsAt: now.AddDate(0, 0, 9), TimeZone: "UTC", Status: data.StatusScheduled},
	}
	if err := s.CreateInterviews(ctx, ivs); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		i  int
		to data.Status
	}{{0, data.StatusAttended}, {0, data.StatusOffer}, {0, data.StatusAccepted}, {1, data.StatusRejected}} {
		ivs[step.i].Status = step.to
		if err := s.UpdateInterview(ctx, ivs[step.i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddEvent(ctx, &data.Event{InterviewID: ivs[3].ID, Kind: data.EventDraft, Scenario: "withdraw",
		Subject: "Withdrawing my application", Body: "…", Reason: "other-offer", Channel: "email"}); err != nil {
		t.Fatal(err)
	}
	ivs[3].Status = data.StatusWithdrawn
	if err := s.UpdateInterview(ctx, ivs[3]); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestStatsPrintsTheFiguresBehindTheCharts(t *testing.T) {
	db := insightDB(t)
	code, out, stderr := runExchange(t, "", "--db", db, "stats", "--json")
	if code != 0 {
		t.Fatalf("stats --json: %d %s", code, stderr)
	}
	var st insight.Stats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	want := insight.Funnel{Scheduled: 4, Attended: 2, Offer: 1, Accepted: 1, Withdrawn: 1, Rejected: 1, Open: 1}
	if st.Funnel != want || st.Interviews != 4 || st.Companies != 4 || st.Messages != 1 || len(st.Weekly) != insight.Weeks {
		t.Errorf("stats --json: funnel %+v, %d interviews, %d companies, %d messages, %d weeks", st.Funnel, st.Interviews,
			st.Companies, st.Messages, len(st.Weekly))
	}
	code, out, _ = runExchange(t, "", "--db", db, "stats")
	// Columns are aligned with spaces; compare words.
	words := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"4 interviews with 4 companies; 1 still open; 1 message filed.", "How far interviews got",
		"Scheduled 4 100%", "Accepted 1 25%", "Withdraw from the process 1 100%", "Another offer 1 100%", "Interviews per week Week of Interviews Called off"} {
		if code != 0 || !strings.Contains(words, want) {
			t.Errorf("stats lacks %q (exit %d):\n%s", want, code, out)
		}
	}
}

func TestExportLogAsCSVAndPDF(t *testing.T) {
	db := insightDB(t)
	from := time.Now().AddDate(0, 0, -27).Format(time.DateOnly)
	code, out, stderr := runExchange(t, "", "--db", db, "export", "log", "--from", from)
	if code != 0 {
		t.Fatalf("export log: %d %s", code, stderr)
	}
	for _, want := range []string{"Date,Time,Employer,Role", "Globex,Engineer,Dana Reyes,,video,Interview for Engineer; offer accepted",
		"Müller & Söhne,Analyst,,,in person,Interview for Analyst; not selected", "Hooli,,,,email,Withdrew from the process: “Withdrawing my application”"} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV log lacks %q:\n%s", want, out)
		}
	}
	// Flags in any order; the format follows the file's extension.
	pdf := filepath.Join(t.TempDir(), "log.pdf")
	code, out, stderr = runExchange(t, "", "--db", db, "export", "--out", pdf, "log", "--from", from, "--paper", "letter")
	if code != 0 || !strings.Contains(out, "Wrote the work-search log (6 contacts with 3 employers") {
		t.Fatalf("export log to PDF: %d %q %s", code, out, stderr)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Work-search log", "Müller & Söhne", "Dana Reyes", "Signature"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF log lacks %q:\n%s", want, text)
		}
	}
}

func TestExportReport(t *testing.T) {
	db := insightDB(t)
	out := filepath.Join(t.TempDir(), "report.pdf")
	code, stdout, stderr := runExchange(t, "", "--db", db, "export", "report", "--out", out)
	if code != 0 || !strings.Contains(stdout, "Wrote the report (4 interviews,") {
		t.Fatalf("export report: %d %q %s", code, stdout, stderr)
	}
	text := pdfText(t, out)
	for _, want := range []string{"Job search report", "How far interviews got", "Every interview", "Müller & Söhne", "Initech"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
}

func TestExportLogAndReportRefuseBadInput(t *testing.T) {
	db := insightDB(t)
	missing := filepath.Join(t.TempDir(), "no-such-folder", "log.pdf")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"export", "log"}, "--from YYYY-MM-DD"},
		{[]string{"export", "log", "--from", "1 Nov"}, `--from "1 Nov" is not a date`},
		{[]string{"export", "log", "--from", "2026-11-30", "--to", "2026-11-01"}, "--to 2026-11-01 is before --from 2026-11-30"},
		{[]string{"export", "log", "--from", "2026-11-01", "--format", "xlsx"}, `unknown format "xlsx" (want csv or pdf)`},
		{[]string{"export", "log", "--from", "2026-11-01", "--paper", "a5"}, `unknown paper size "a5" (want a4 or letter)`},
		{[]string{"export", "log", "--from", "2026-11-01", "--out", missing}, "does not exist"},
		{[]string{"export", "log", "--from", "2026-11-01", "extra"}, `unexpected argument "extra"`},
		{[]string{"export", "log", "--from", "0001-01-01"}, "outside the years"},
		{[]string{"export", "report", "--paper", "tabloid"}, `unknown paper size "tabloid"`},
		{[]string{"export", "report", "--out", ""}, "--out needs a file path"},
		{[]string{"stats", "now"}, `unexpected argument "now"`},
	}
	for _, c := range cases {
		code, _, stderr := runExchange(t, "", append([]string{"--db", db}, c.args...)...)
		if code != 2 || !strings.Contains(stderr, c.want) || !strings.HasPrefix(stderr, "bridgekeeper: ") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("a refused export created a folder")
	}
}

// pdfText extracts a PDF's text with poppler's pdftotext (make test
// installs it; elsewhere the check is skipped).
func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("BRIDGEKEEPER_E2E") == "1" {
			t.Fatal("pdftotext is missing: make deps-test installs poppler-utils")
		}
		t.Skip("pdftotext not installed; run make test")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}
