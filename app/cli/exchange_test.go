package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"bridgekeeper/data"
)

// runExchange runs the command line with its output captured.
func runExchange(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut})
	return code, out.String(), errOut.String()
}

func countIn(t *testing.T, db string) int {
	t.Helper()
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.CountInterviews(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportCSVCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	good := writeTemp(t, "good.csv", "company,role,starts_at,timezone\n"+
		"Acme,Dev,2099-01-02T10:00:00Z,Europe/Berlin\n"+
		"\"Globex, Inc\",\"PM\nremote\",,\n")
	code, out, errOut := runExchange(t, "", "--db", db, "import", "csv", good)
	if code != 0 || out != "Imported 2 interviews.\n" || errOut != "" {
		t.Fatalf("import = %d, %q, %q", code, out, errOut)
	}
	if n := countIn(t, db); n != 2 {
		t.Errorf("database has %d interviews, want 2", n)
	}

	code, out, _ = runExchange(t, "company\nStdin Co\n", "--db", db, "import", "csv", "-")
	if code != 0 || out != "Imported 1 interview.\n" {
		t.Errorf("import from stdin = %d, %q", code, out)
	}
}

func TestImportBadCSVChangesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	bad := writeTemp(t, "bad.csv", "company,contact_email,status,starts_at\n"+
		"Fine Co,,,\n"+
		"Bad Mail,nobody@,,\n"+
		"Fine Too,,,\n"+
		"Odd Status,,maybe,\n"+
		",x@example.com,,\n"+
		"Time Co,,,soon\n")
	if code, _, _ := runExchange(t, "", "--db", db, "import", "csv", writeTemp(t, "seed.csv", "company\nSeed\n")); code != 0 {
		t.Fatal("seeding failed")
	}
	code, out, errOut := runExchange(t, "", "--db", db, "import", "csv", bad)
	if code != 2 || out != "" {
		t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out)
	}
	if strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr should be one line, got %q", errOut)
	}
	for _, want := range []string{"line 3", "contact_email", "(and 3 more problems)", "nothing was imported"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q lacks %q", errOut, want)
		}
	}
	if n := countIn(t, db); n != 1 {
		t.Errorf("database has %d interviews after a rejected import, want 1", n)
	}
}

func TestExchangeUsageErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bk.db")
	csvFile := writeTemp(t, "x.csv", "company\nA\n")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"import without args", []string{"import"}, "import csv FILE"},
		{"import unknown format", []string{"import", "json", csvFile}, `unknown format "json"`},
		{"import missing file arg", []string{"import", "csv"}, "missing the FILE"},
		{"import missing file", []string{"import", "csv", filepath.Join(dir, "nope.csv")}, "cannot read"},
		{"import folder", []string{"import", "csv", dir}, "is a folder"},
		{"import extra arg", []string{"import", "csv", csvFile, "more"}, `unexpected argument "more"`},
		{"export without format", []string{"export"}, "export csv|ics"},
		{"export unknown format", []string{"export", "xlsx"}, `unknown format "xlsx"`},
		{"export extra arg", []string{"export", "csv", "extra"}, `unexpected argument "extra"`},
		{"export empty out", []string{"export", "csv", "--out="}, "--out needs a file path"},
		{"export out in missing folder", []string{"export", "ics", "--out", filepath.Join(dir, "no", "x.ics")}, "does not exist"},
		{"export unknown flag", []string{"export", "csv", "--zip"}, "zip"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runExchange(t, "", append([]string{"--db", db}, tc.args...)...)
			if code != 2 || out != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out)
			}
			if strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr %q: want one line containing %q", errOut, tc.want)
			}
		})
	}
}

func TestExportCSVRoundTripsThroughImport(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	s, err := data.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []*data.Interview{
		{Company: "=HYPERLINK(\"http://x\")", Role: "Dev, \"senior\"", Notes: "two\nlines 🦊", StartsAt: time.Date(2099, 5, 1, 8, 0, 0, 0, time.UTC), TimeZone: "Asia/Kolkata"},
		{Company: "@Acme", ContactEmail: "ana@example.com", Status: data.StatusOffer},
	}
	if err := s.CreateInterviews(context.Background(), want); err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, csvText, errOut := runExchange(t, "", "--db", src, "export", "csv")
	if code != 0 || errOut != "" {
		t.Fatalf("export csv = %d, %q", code, errOut)
	}
	if strings.Contains(csvText, "\n=") || strings.Contains(csvText, "\n@") {
		t.Errorf("export has an unneutralised formula cell:\n%s", csvText)
	}
	dst := filepath.Join(dir, "dst.db")
	code, out, errOut := runExchange(t, csvText, "--db", dst, "import", "csv", "-")
	if code != 0 || out != "Imported 2 interviews.\n" {
		t.Fatalf("re-import = %d, %q, %q", code, out, errOut)
	}
	d, err := data.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	got, err := d.Interviews(context.Background())
	if err != nil || len(got) != 2 {
		t.Fatalf("re-imported %v, %v", got, err)
	}
	for i, w := range want {
		g := got[i]
		if g.Company != w.Company || g.Role != w.Role || g.Notes != w.Notes || g.Status != w.Status ||
			g.ContactEmail != w.ContactEmail || !g.StartsAt.Equal(w.StartsAt) || g.TimeZone != w.TimeZone {
			t.Errorf("row %d: got %+v, want %+v", i, g, *w)
		}
	}
}

func TestExportICSToFileIsAtomicAndPrivate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bk.db")
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	soon := time.Now().Add(48 * time.Hour).Truncate(time.Second)
	if err := s.CreateInterviews(context.Background(), []*data.Interview{
		{Company: "Future Co", Role: "Dev", StartsAt: soon},
		{Company: "Past Co", StartsAt: time.Now().Add(-48 * time.Hour)},
		{Company: "Cancelled Co", StartsAt: soon, Status: data.StatusCancelled},
		{Company: "Undated Co"},
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	outFile := filepath.Join(dir, "cal.ics")
	if err := os.WriteFile(outFile, []byte("old contents"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runExchange(t, "", "--db", db, "export", "--out", outFile, "ics")
	if code != 0 || errOut != "" || out != "Exported 1 interview to "+outFile+".\n" {
		t.Fatalf("export ics = %d, %q, %q", code, out, errOut)
	}
	info, err := os.Stat(outFile)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("export mode = %o, want 600", perm)
	}
	raw, _ := os.ReadFile(outFile)
	cal, err := ics.ParseCalendar(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("parse export: %v", err)
	}
	evs := cal.Events()
	if len(evs) != 1 || evs[0].GetProperty(ics.ComponentPropertySummary).Value != "Interview: Dev at Future Co" {
		t.Errorf("calendar should hold only the upcoming interview:\n%s", raw)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".bktmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}

	// The same export to standard output.
	code, stdout, _ := runExchange(t, "", "--db", db, "export", "ics")
	if code != 0 || !strings.HasPrefix(stdout, "BEGIN:VCALENDAR\r\n") || strings.Count(stdout, "BEGIN:VEVENT") != 1 {
		t.Errorf("export ics to stdout = %d, %q", code, stdout)
	}
}
