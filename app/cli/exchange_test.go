package cli

import (
	"bytes"
	"context"
	"fmt"
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
	// One line a problem, then one that ends the report.
	if strings.Count(errOut, "\n") != 5 {
		t.Errorf("stderr should list the 4 problems and end in one line, got %q", errOut)
	}
	for _, want := range []string{"line 3: contact_email", "line 5: status: unknown status \"maybe\"; use one of scheduled",
		"line 6: company", "line 7: starts_at", "4 problems; nothing was imported\n"} {
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
		{"export without format", []string{"export"}, "export csv|ics|vcf"},
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
	if code != 0 || errOut != "" || out != "Exported 2 interviews to "+outFile+".\n" {
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
	// The upcoming interview, and the cancelled one marked so, so a
	// calendar that took it before removes it.
	if len(evs) != 2 || evs[0].GetProperty(ics.ComponentPropertySummary).Value != "Interview: Dev at Future Co" ||
		evs[1].GetProperty(ics.ComponentPropertyStatus).Value != "CANCELLED" {
		t.Errorf("calendar should hold the upcoming interview and the cancelled one:\n%s", raw)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".bktmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}

	// The same export to standard output.
	code, stdout, _ := runExchange(t, "", "--db", db, "export", "ics")
	if code != 0 || !strings.HasPrefix(stdout, "BEGIN:VCALENDAR\r\n") || strings.Count(stdout, "BEGIN:VEVENT") != 2 {
		t.Errorf("export ics to stdout = %d, %q", code, stdout)
	}
}

func TestImportCSVCommandWallTimes(t *testing.T) {
	cases := []struct {
		name       string
		cell       string
		code       int
		stdout     string
		stderr     string // the whole of it, or for a refusal a part
		interviews int
	}{
		{"twice in the autumn imports with a warning", "2026-10-25 02:30", 0, "Imported 1 interview.\n",
			"bridgekeeper: warning: line 2: starts_at: 02:30 happens twice on Sun 25 Oct 2026 in Europe/Berlin: " +
				"first at 02:30 CEST (UTC+2), then at 02:30 CET (UTC+1); the first was used\n", 2},
		{"in the spring gap is refused", "2026-03-29 02:30", 2, "",
			"line 2: starts_at: 02:30 does not exist on Sun 29 Mar 2026 in Europe/Berlin: the clocks go forward; the nearest valid time is 03:00", 1},
		{"an ordinary time says nothing more", "2026-06-01 09:30", 0, "Imported 1 interview.\n", "", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "bk.db")
			if code, _, _ := runExchange(t, "company\nSeed\n", "--db", db, "import", "csv", "-"); code != 0 {
				t.Fatal("seeding failed")
			}
			file := writeTemp(t, "in.csv", "company,starts_at,timezone\nAcme,"+tc.cell+",Europe/Berlin\n")
			code, out, errOut := runExchange(t, "", "--db", db, "import", "csv", file)
			if code != tc.code || out != tc.stdout {
				t.Errorf("exit %d, stdout %q; want %d, %q", code, out, tc.code, tc.stdout)
			}
			if tc.code == 0 && errOut != tc.stderr {
				t.Errorf("stderr = %q, want %q", errOut, tc.stderr)
			}
			if tc.code != 0 && (strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, tc.stderr)) {
				t.Errorf("stderr = %q, want one line containing %q", errOut, tc.stderr)
			}
			if n := countIn(t, db); n != tc.interviews {
				t.Errorf("database has %d interviews, want %d", n, tc.interviews)
			}
		})
	}
}

func TestImportCSVCommandLargeFileIsQuietOffTerminal(t *testing.T) {
	const rows = 25_000
	var b strings.Builder
	b.WriteString("company,role\n")
	for i := range rows {
		fmt.Fprintf(&b, "Company %d,Engineer\n", i)
	}
	db := filepath.Join(t.TempDir(), "bk.db")
	code, out, errOut := runExchange(t, "", "--db", db, "import", "csv", writeTemp(t, "big.csv", b.String()))
	if code != 0 || out != fmt.Sprintf("Imported %d interviews.\n", rows) || errOut != "" {
		t.Fatalf("import = %d, %q, %q; want no progress on a buffer", code, out, errOut)
	}
	// A bad last row refuses the lot.
	code, out, errOut = runExchange(t, b.String()+",no company\n", "--db", db, "import", "csv", "-")
	if code != 2 || out != "" || !strings.Contains(errOut, fmt.Sprintf("line %d: company", rows+2)) {
		t.Errorf("bad last row = %d, %q, %q", code, out, errOut)
	}
	if n := countIn(t, db); n != rows {
		t.Errorf("database has %d interviews, want %d", n, rows)
	}
}

func TestProgressLineRewritesItself(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressLine(&buf, true)
	p.show(data.Progress{Rows: 412_000, Bytes: 41_900, Total: 100_000})
	if got := buf.String(); got != "\rImporting… 412,000 rows (41%)" {
		t.Errorf("first line = %q", got)
	}
	buf.Reset()
	p.show(data.Progress{Rows: 999}) // size unknown: no percentage, and blanks over the rest
	if got, want := buf.String(), "\rImporting… 999 rows"+strings.Repeat(" ", 10); got != want {
		t.Errorf("shorter line = %q, want %q", got, want)
	}
	buf.Reset()
	p.clear()
	if got := buf.String(); got != "\r"+strings.Repeat(" ", 19)+"\r" {
		t.Errorf("clear = %q", got)
	}

	buf.Reset()
	off := newProgressLine(&buf, false)
	off.show(data.Progress{Rows: 1, Bytes: 1, Total: 2})
	off.clear()
	if buf.Len() != 0 {
		t.Errorf("off the terminal it wrote %q", buf.String())
	}
	if isTerminal(&buf) {
		t.Error("a buffer counts as a terminal")
	}
	if f, err := os.CreateTemp(t.TempDir(), "log"); err == nil {
		defer f.Close()
		if isTerminal(f) {
			t.Error("a regular file counts as a terminal")
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 412_000: "412,000", 1_000_000: "1,000,000", 12_345_678: "12,345,678"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
