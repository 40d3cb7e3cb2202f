package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// fixture is a file from data's testdata, written from another program's
// documented export format.
func fixture(kind, name string) string {
	return filepath.Join("..", "..", "data", "testdata", kind, name)
}

func TestImportCommandReadsOtherProgramsFiles(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		code    int
		stdout  string
		stderrs []string // each in standard error
	}{
		{"Excel in a European locale", []string{"import", "csv", fixture("sheets", "excel-europe.csv"), "--tz", "Europe/Berlin"}, 0,
			"Imported 5 interviews.\n", []string{"as Windows-1252, semicolon-separated, CRLF line ends; dates day/month/year",
				`"Company Name" → company`, `"Job Title" → role`}},
		{"ambiguous dates", []string{"import", "csv", fixture("sheets", "ambiguous-dates.csv"), "--tz", "Europe/London"}, 2,
			"", []string{`line 2: "04/12/2026 10:00" could be 4 Dec 2026 or 12 Apr 2026`, "--date-order dmy or --date-order mdy", "nothing was imported"}},
		{"ambiguous dates, order given", []string{"import", "csv", fixture("sheets", "ambiguous-dates.csv"), "--tz", "Europe/London", "--date-order", "dmy"}, 0,
			"Imported 5 interviews.\n", nil},
		{"dry run", []string{"import", "--dry-run", "csv", fixture("sheets", "teal.csv"), "--tz", "America/New_York"}, 0,
			"Would import 6 interviews.\n", []string{`columns ignored: "Max. Salary"`}},
		{"a column mapped by hand", []string{"import", "csv", fixture("sheets", "huntr.csv"), "--map", "deadline=starts_at", "--map", "url=ignore", "--dry-run", "--tz", "UTC"}, 0,
			"Would import 5 interviews.\n", []string{`"deadline" → starts_at`, `"url"`}},
		{"map to no field", []string{"import", "csv", fixture("sheets", "huntr.csv"), "--map", "url=website"}, 2,
			"", []string{`unknown field "website"`}},
		{"bad date order", []string{"import", "csv", "x.csv", "--date-order", "ymd"}, 2, "", []string{`unknown date order "ymd"`}},
		{"bad zone", []string{"import", "csv", "x.csv", "--tz", "Mars/Base"}, 2, "", []string{`unknown time zone "Mars/Base"`}},
		{"map on a calendar", []string{"import", "ics", "x.ics", "--map", "a=role"}, 2, "", []string{"are for CSV files"}},
		{"unknown format", []string{"import", "xlsx", "x.xlsx"}, 2, "", []string{`unknown format "xlsx" (want csv, ics or vcf)`}},
		{"a calendar invite", []string{"import", "ics", fixture("invites", "outlook.ics")}, 0, "Imported 1 interview.\n", nil},
		{"a spreadsheet named as a calendar", []string{"import", "ics", fixture("sheets", "teal.csv")}, 2, "", []string{"not a calendar file"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "bk.db")
			code, out, errOut := runExchange(t, "", append([]string{"--db", db}, tc.args...)...)
			if code != tc.code || out != tc.stdout {
				t.Errorf("exit %d, stdout %q; want %d, %q (stderr %q)", code, out, tc.code, tc.stdout, errOut)
			}
			for _, want := range tc.stderrs {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr %q lacks %q", errOut, want)
				}
			}
			if code != 0 || strings.Contains(out, "Would") {
				if n := countIn(t, db); n != 0 {
					t.Errorf("a refused or dry import left %d interviews", n)
				}
			}
		})
	}
}

func TestImportCommandTwiceAddsNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	file := fixture("sheets", "excel-windows.csv")
	if code, out, errOut := runExchange(t, "", "--db", db, "import", "csv", file, "--tz", "America/Chicago"); code != 0 || out != "Imported 5 interviews.\n" {
		t.Fatalf("first import = %d, %q, %q", code, out, errOut)
	}
	code, out, _ := runExchange(t, "", "--db", db, "import", "csv", file, "--tz", "America/Chicago")
	if code != 0 || out != "Imported 0 interviews; 5 were already in the tracker.\n" {
		t.Errorf("second import = %d, %q", code, out)
	}
	// The names came in as the letters they are, not Windows-1252 bytes.
	_, csvOut, _ := runExchange(t, "", "--db", db, "export", "csv")
	if !strings.Contains(csvOut, "Anna Müller") || !strings.Contains(csvOut, "Café") {
		t.Errorf("export lacks the accented names:\n%s", csvOut)
	}
	// Our own export read back is already there, row for row, by UID.
	exported := writeTemp(t, "again.csv", csvOut)
	code, out, _ = runExchange(t, "", "--db", db, "import", "csv", exported)
	if code != 0 || out != "Imported 0 interviews; 5 were already in the tracker.\n" {
		t.Errorf("own export re-imported = %d, %q", code, out)
	}
}

func TestImportCommandInvitesUpdate(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	steps := []struct{ file, want string }{
		{"google.ics", "Imported 1 interview.\n"},
		{"google-moved.ics", "Imported 0 interviews; updated 1 interview.\n"},
		{"google-moved.ics", "Imported 0 interviews; 1 was already in the tracker.\n"},
		{"outlook-cancel.ics", "Imported 0 interviews.\n"},
	}
	for _, st := range steps {
		code, out, errOut := runExchange(t, "", "--db", db, "import", "ics", fixture("invites", st.file))
		if code != 0 || out != st.want {
			t.Errorf("%s: %d, %q, %q; want %q", st.file, code, out, errOut, st.want)
		}
		if st.file == "outlook-cancel.ics" && !strings.Contains(errOut, "nothing was added") {
			t.Errorf("a cancellation of an unknown interview should warn: %q", errOut)
		}
	}
}

func TestDraftLocationFlagAndInterview(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	if code, _, errOut := runExchange(t, "", "--db", db, "import", "ics", fixture("invites", "outlook.ics")); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	cases := []struct {
		name     string
		args     []string
		want     string
		unwanted string
	}{
		{"an address by flag", []string{"draft", "--scenario", "confirm-time", "--company", "Acme", "--to", "Dana Reyes",
			"--when", "2026-12-10 14:00", "--tz", "Europe/London", "--location", "22 Tanner Street, London SE1 3LE"},
			"22 Tanner Street, London SE1 3LE", ""},
		{"a link by flag", []string{"draft", "--scenario", "confirm-time", "--company", "Acme", "--to", "Dana Reyes",
			"--when", "2026-12-10 14:00", "--tz", "Europe/London", "--location", "https://acme.zoom.us/j/123?pwd=x"},
			"Zoom", "https://"},
		{"from the interview", []string{"--db", db, "draft", "--scenario", "confirm-time", "--interview", "1"},
			"Friedrichstraße 68", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, Env{}, tc.args...)
			if code != 0 || !strings.Contains(out, tc.want) || (tc.unwanted != "" && strings.Contains(out, tc.unwanted)) {
				t.Errorf("exit %d, stderr %q; draft should name %q and not %q:\n%s", code, errOut, tc.want, tc.unwanted, out)
			}
		})
	}
}
