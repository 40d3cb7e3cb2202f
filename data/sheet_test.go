package data

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sheetFixture is one file of testdata/sheets and what a careful person
// reads in it (testdata/sheets/expected.json, written from each program's
// documented export format).
type sheetFixture struct {
	File      string            `json:"file"`
	Program   string            `json:"program"`
	Encoding  string            `json:"encoding"`
	Separator string            `json:"separator"`
	LineEnds  string            `json:"line_ends"`
	DateOrder string            `json:"date_order"`
	Zone      string            `json:"zone"`
	Columns   map[string]string `json:"columns"`
	Rows      []struct {
		Company       string   `json:"company"`
		Role          string   `json:"role"`
		ContactName   string   `json:"contact_name"`
		ContactEmail  string   `json:"contact_email"`
		StartLocal    string   `json:"start_local"`
		TimeZone      string   `json:"timezone"`
		StatusRaw     string   `json:"status_raw"`
		Location      string   `json:"location"`
		NotesContains []string `json:"notes_contains"`
		UID           string   `json:"uid"`
	} `json:"rows"`
}

func sheetFixtures(t *testing.T) []sheetFixture {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "sheets", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []sheetFixture
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	if len(out) < 10 {
		t.Fatalf("only %d sheet fixtures", len(out))
	}
	return out
}

func fixtureEncoding(name string) string {
	return map[string]string{"windows-1252": EncodingWindows1252, "utf-8": EncodingUTF8, "utf-8-bom": EncodingUTF8BOM,
		"utf-16le": EncodingUTF16LE, "utf-16be": EncodingUTF16BE}[name]
}

// TestSpreadsheetsFromOtherProgramsImport reads every fixture as it would
// come from its program: format, columns, every row, and that importing
// it again adds nothing.
func TestSpreadsheetsFromOtherProgramsImport(t *testing.T) {
	for _, fx := range sheetFixtures(t) {
		t.Run(fx.File, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "sheets", fx.File))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			opt := SheetOptions{Zone: fx.Zone}
			if fx.DateOrder == "ambiguous" {
				var de *DateOrderError
				if _, err := openTemp(t).ImportSheet(t.Context(), f, opt, nil); !errors.As(err, &de) || de.Line != 2 {
					t.Fatalf("import with no date order = %v, want a DateOrderError on line 2", err)
				}
				f.Seek(0, 0)
				opt.DateOrder = DateOrderDMY
			}
			plan, err := AnalyseSheet(f, opt)
			if err != nil {
				t.Fatal(err)
			}
			checkPlan(t, fx, plan)
			s := openTemp(t)
			res, err := s.ImportSheet(t.Context(), f, opt, nil)
			if err != nil || res.Added != len(fx.Rows) {
				t.Fatalf("import = %+v, %v; want %d added", res, err, len(fx.Rows))
			}
			checkRows(t, s, fx)
			f.Seek(0, 0)
			again, err := s.ImportSheet(t.Context(), f, opt, nil)
			if err != nil || again.Added != 0 || again.Existing != len(fx.Rows) {
				t.Errorf("second import = %+v, %v; want all %d already in the tracker", again, err, len(fx.Rows))
			}
		})
	}
}

func checkPlan(t *testing.T, fx sheetFixture, plan *SheetPlan) {
	t.Helper()
	if got, want := plan.Format.Encoding, fixtureEncoding(fx.Encoding); got != want {
		t.Errorf("encoding = %s, want %s", got, want)
	}
	if got := string(plan.Format.Separator); got != fx.Separator {
		t.Errorf("separator = %q, want %q", got, fx.Separator)
	}
	if got := strings.ToLower(plan.Format.LineEnds); got != fx.LineEnds {
		t.Errorf("line ends = %s, want %s", got, fx.LineEnds)
	}
	if fx.DateOrder == "dmy" || fx.DateOrder == "mdy" {
		if string(plan.DateOrder) != fx.DateOrder || !plan.DateOrderFound {
			t.Errorf("date order = %q (found %v), want %s found in the file", plan.DateOrder, plan.DateOrderFound, fx.DateOrder)
		}
	}
	if len(plan.Columns) != len(fx.Columns) {
		t.Errorf("%d columns, want %d", len(plan.Columns), len(fx.Columns))
	}
	for _, c := range plan.Columns {
		if want, ok := fx.Columns[c.Header]; !ok || c.Field != want {
			t.Errorf("column %q read as %s, want %s", c.Header, c.Field, want)
		}
	}
	if plan.Rows != len(fx.Rows) || len(plan.Preview) != len(fx.Rows) {
		t.Errorf("plan has %d rows and %d previewed, want %d", plan.Rows, len(plan.Preview), len(fx.Rows))
	}
	for _, p := range plan.Preview {
		if p.Interview == nil {
			t.Errorf("preview line %d has problems: %v", p.Line, p.Problems)
		}
	}
}

func checkRows(t *testing.T, s *Store, fx sheetFixture) {
	t.Helper()
	ivs, err := s.Interviews(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byCompany := map[string]Interview{}
	for _, iv := range ivs {
		byCompany[iv.Company+"|"+iv.Role] = iv
	}
	for _, want := range fx.Rows {
		iv, ok := byCompany[want.Company+"|"+want.Role]
		if !ok {
			t.Errorf("no interview %q / %q among %d", want.Company, want.Role, len(ivs))
			continue
		}
		if iv.ContactName != want.ContactName || iv.ContactEmail != want.ContactEmail || iv.Location != want.Location {
			t.Errorf("%s: contact %q <%s>, location %q; want %q <%s>, %q", want.Company,
				iv.ContactName, iv.ContactEmail, iv.Location, want.ContactName, want.ContactEmail, want.Location)
		}
		got := ""
		if !iv.StartsAt.IsZero() {
			got = iv.Local(time.UTC).Format("2006-01-02 15:04")
		}
		if got != want.StartLocal || (want.StartLocal != "" && iv.TimeZone != want.TimeZone) {
			t.Errorf("%s: starts %q in %q, want %q in %q", want.Company, got, iv.TimeZone, want.StartLocal, want.TimeZone)
		}
		for _, sub := range want.NotesContains {
			if !strings.Contains(iv.Notes, sub) {
				t.Errorf("%s: notes %q lack %q", want.Company, iv.Notes, sub)
			}
		}
		if want.UID != "" && iv.UID != want.UID {
			t.Errorf("%s: UID %q, want the file's %q", want.Company, iv.UID, want.UID)
		}
		if w, ok := otherStatus(want.StatusRaw); want.StatusRaw != "" && (!ok || iv.Status != w.status) {
			t.Errorf("%s: status %s from %q", want.Company, iv.Status, want.StatusRaw)
		}
	}
}

func TestSheetDates(t *testing.T) {
	cases := []struct {
		cell  string
		order DateOrder
		want  string // "2006-01-02 15:04", or "" for an error
		hint  dateOrderHint
		inst  bool // names an instant by its offset
	}{
		{"2026-12-05T14:30:00+01:00", "", "2026-12-05 13:30", hintNone, true},
		{"2026-12-05T14:30", "", "2026-12-05 14:30", hintNone, false},
		{"2026-12-05 14:30:15", "", "2026-12-05 14:30", hintNone, false},
		{"2026-12-05 14:30 +0530", "", "2026-12-05 09:00", hintNone, true},
		{"2026-12-05T14:30Z", "", "2026-12-05 14:30", hintNone, true},
		{"2026-12-05", "", "2026-12-05 00:00", hintNone, false},
		{"05.12.2026 14:30", "", "2026-12-05 14:30", hintDMY, false},
		{"05.12.2026 14:30", DateOrderMDY, "2026-12-05 14:30", hintDMY, false},
		{"5.12.26", "", "2026-12-05 00:00", hintDMY, false},
		{"12/17/2026 2:30 PM", "", "2026-12-17 14:30", hintMDY, false},
		{"12/17/2026 12:05 am", "", "2026-12-17 00:05", hintMDY, false},
		{"17/12/2026 9 pm", "", "2026-12-17 21:00", hintDMY, false},
		{"17-12-2026 09:15", "", "2026-12-17 09:15", hintDMY, false},
		{"04/12/2026 10:00", DateOrderDMY, "2026-12-04 10:00", hintAmbiguous, false},
		{"04/12/2026 10:00", DateOrderMDY, "2026-04-12 10:00", hintAmbiguous, false},
		{"04/12/2026 10:00", "", "", hintAmbiguous, false},
		{"02/02/2027", "", "2027-02-02 00:00", hintNone, false},
		{"17/12/2026", DateOrderMDY, "", hintDMY, false},
		{"31/02/2026", "", "", hintDMY, false},
		{"2026-13-01", "", "", hintNone, false},
		{"12/17/2026 13:00 PM", "", "", hintMDY, false},
		{"12/17/2026 25:00", "", "", hintMDY, false},
		{"next Tuesday", "", "", hintNone, false},
		{"2026-12-05 14:30 +2500", "", "", hintNone, false},
	}
	for _, tc := range cases {
		d, hint, err := parseSheetDate(tc.cell, tc.order)
		if hint != tc.hint {
			t.Errorf("%q: hint %d, want %d", tc.cell, hint, tc.hint)
		}
		if tc.want == "" {
			if err == nil {
				t.Errorf("%q (%s): read as %+v, want an error", tc.cell, tc.order, d)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q (%s): %v", tc.cell, tc.order, err)
			continue
		}
		got := time.Date(d.year, time.Month(d.month), d.day, d.hour, d.minute, 0, 0, time.UTC)
		if !d.instant.IsZero() {
			got = d.instant
		}
		if got.Format("2006-01-02 15:04") != tc.want || d.instant.IsZero() == tc.inst {
			t.Errorf("%q (%s) = %s (instant %v), want %s (instant %v)", tc.cell, tc.order, got.Format("2006-01-02 15:04"), !d.instant.IsZero(), tc.want, tc.inst)
		}
	}
}

func TestHeaderNames(t *testing.T) {
	cases := map[string]string{
		"Company Name": FieldCompany, "companyName": FieldCompany, " Employer ": FieldCompany,
		"Job Title": FieldRole, "Position": FieldRole, "title": FieldRole,
		"Interview Date": FieldStartsAt, "Date": FieldStartsAt, "Next Interview": FieldStartsAt,
		"Time": FieldStartTime, "Recruiter": FieldContactName, "E-Mail": FieldContactEmail,
		"contact_email": FieldContactEmail, "Stage": FieldStatus, "listName": FieldStatus,
		"Job URL": FieldNotes, "Link": FieldNotes, "Meeting link": FieldLocation, "uid": FieldUID,
		// Not the interview's: left out.
		"Date Applied": "", "creatorUserEmail": "", "id": "", "Salary": "", "Deadline": "",
	}
	for header, want := range cases {
		if got := headerField(header); got != want {
			t.Errorf("headerField(%q) = %q, want %q", header, got, want)
		}
	}
}

func TestStatusesFromOtherTools(t *testing.T) {
	cases := []struct {
		word  string
		want  Status
		lossy bool
	}{
		{"Applied", StatusScheduled, true}, {"wishlist", StatusScheduled, true},
		{"Interviewing", StatusScheduled, false}, {"Phone Screen", StatusScheduled, true},
		{"On-site", StatusScheduled, true}, {"Offer", StatusOffer, false},
		{"Negotiating", StatusOffer, true}, {"Rejected", StatusRejected, false},
		{"Not Selected", StatusRejected, false}, {"I Withdrew", StatusWithdrawn, false},
		{"No Response", StatusGhosted, false}, {"Ghosted", StatusGhosted, false},
		{"Canceled", StatusCancelled, false}, {"HIRED", StatusAccepted, false},
	}
	for _, tc := range cases {
		w, ok := otherStatus(tc.word)
		if !ok || w.status != tc.want || w.lossy != tc.lossy {
			t.Errorf("otherStatus(%q) = %+v, %v; want %s (kept in notes: %v)", tc.word, w, ok, tc.want, tc.lossy)
		}
	}
	_, err := ReadCSV(strings.NewReader("company,status\nAcme,Maybe later\n"))
	if err == nil || !strings.Contains(err.Error(), `unknown status "Maybe later"; use one of scheduled, rescheduled,`) {
		t.Errorf("unknown status: %v, want the valid ones listed", err)
	}
	ivs, err := ReadCSV(strings.NewReader("company,status,notes\nAcme,Applied,Referred by Bo\n"))
	if err != nil || ivs[0].Notes != "Referred by Bo\nStatus in the imported file: Applied" {
		t.Errorf("applied row = %+v, %v; want the word kept in the notes", ivs, err)
	}
}

func TestSheetImportEdges(t *testing.T) {
	utf16NoBOM := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteByte(byte(r))
			b.WriteByte(0)
		}
		return b.String()
	}
	// A two-byte character cut by the end of the first 64 KiB block.
	longNote := strings.Repeat("x", 64<<10-len("company,notes\nAcme,")-1) + "é"
	cases := []struct {
		name     string
		input    string
		opt      SheetOptions
		added    int
		existing int
		repeated int
		problem  string // in the error, when there is one
	}{
		{"CR only", "company,role\rAcme,Dev\rGlobex,QA\r", SheetOptions{}, 2, 0, 0, ""},
		{"UTF-16 LE without a BOM", utf16NoBOM("company,role\r\nAcme,Dev\r\n"), SheetOptions{}, 1, 0, 0, ""},
		{"Excel sep line", "sep=;\r\ncompany;role\r\nAcme;Dev\r\n", SheetOptions{}, 1, 0, 0, ""},
		{"character across a block", "company,notes\nAcme," + longNote + "\n", SheetOptions{}, 1, 0, 0, ""},
		{"repeated rows", "company,role,starts_at\nAcme,Dev,2027-01-05T10:00:00Z\nACME ,Dev,2027-01-05T10:00:00Z\nAcme,QA,2027-01-05T10:00:00Z\n", SheetOptions{}, 2, 0, 1, ""},
		{"already there", "company,role,starts_at\nSeed Co,Dev,2027-01-05T10:00:00Z\n", SheetOptions{}, 0, 1, 0, ""},
		{"same UID", "company,uid\nRenamed Co,seed-uid@bridgekeeper\n", SheetOptions{}, 0, 1, 0, ""},
		{"map a column", "Firma,Wann\nAcme,05.12.2026 14:30\n", SheetOptions{Map: map[string]string{"firma": "company", "Wann": "Date and time"}, Zone: "Europe/Berlin"}, 1, 0, 0, ""},
		{"map a column away", "company,notes\nAcme,secret\n", SheetOptions{Map: map[string]string{"notes": "ignore"}}, 1, 0, 0, ""},
		{"map a missing column", "company\nAcme\n", SheetOptions{Map: map[string]string{"Employer": "company"}}, 0, 0, 0, `the file has no column "Employer"`},
		{"map to no field", "company\nAcme\n", SheetOptions{Map: map[string]string{"company": "boss"}}, 0, 0, 0, `unknown field "boss"`},
		{"both orders", "company,date\nA,17/12/2026 10:00\nB,12/17/2026 10:00\n", SheetOptions{Zone: "UTC"}, 0, 0, 0, "is month first, but line 2"},
		{"no zone for a wall time", "company,date\nA,2026-12-17 10:00\n", SheetOptions{}, 0, 0, 0, "has no UTC offset"},
		{"one-cell header", "company|role\nAcme|Dev\n", SheetOptions{}, 0, 0, 0, "the separator could not be told"},
		{"separate time column", "company,date,time\nA,2026-12-17,9:30 AM\n", SheetOptions{Zone: "UTC"}, 1, 0, 0, ""},
		{"bad time column", "company,date,time\nA,2026-12-17,soon\n", SheetOptions{Zone: "UTC"}, 0, 0, 0, `line 2: start_time: "soon" is not a time of day`},
		{"bad default zone", "company\nA\n", SheetOptions{Zone: "Mars/Olympus"}, 0, 0, 0, `unknown time zone "Mars/Olympus"`},
		{"bad uid", "company,uid\nA,has space\n", SheetOptions{}, 0, 0, 0, "is not a calendar UID"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			seed := &Interview{Company: "Seed Co", Role: "Dev", UID: "seed-uid@bridgekeeper", StartsAt: time.Date(2027, 1, 5, 10, 0, 0, 0, time.UTC)}
			if err := s.CreateInterview(t.Context(), seed); err != nil {
				t.Fatal(err)
			}
			res, err := s.ImportSheet(t.Context(), strings.NewReader(tc.input), tc.opt, nil)
			if tc.problem != "" {
				if err == nil || !strings.Contains(err.Error(), tc.problem) {
					t.Fatalf("err = %v, want %q", err, tc.problem)
				}
				if n, _ := s.CountInterviews(t.Context()); n != 1 {
					t.Errorf("a refused file left %d interviews", n)
				}
				return
			}
			if err != nil || res.Added != tc.added || res.Existing != tc.existing || res.Repeated != tc.repeated {
				t.Fatalf("import = %+v, %v; want %d added, %d existing, %d repeated", res, err, tc.added, tc.existing, tc.repeated)
			}
			ivs, _ := s.Interviews(t.Context())
			for _, iv := range ivs {
				if !utf8Valid(iv.Company + iv.Role + iv.Notes) {
					t.Errorf("stored invalid UTF-8: %+v", iv)
				}
				if iv.Company == "Acme" && iv.Notes == "secret" {
					t.Errorf("an ignored column was imported")
				}
			}
		})
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestDryRunStoresNothing(t *testing.T) {
	s := seededStore(t)
	rev0 := rev(t, s)
	input := "company,role\nAcme,Dev\nAlready here,\nAcme,Dev\n"
	res, err := s.ImportSheet(t.Context(), strings.NewReader(input), SheetOptions{DryRun: true}, nil)
	if err != nil || res.Added != 1 || res.Existing != 1 || res.Repeated != 1 || !res.DryRun {
		t.Fatalf("dry run = %+v, %v", res, err)
	}
	if got := res.Summary(); got != "Would import 1 interview; 1 is already in the tracker; 1 row is repeated in the file." {
		t.Errorf("summary = %q", got)
	}
	unchanged(t, s, rev0)
}

func TestImportSummary(t *testing.T) {
	cases := map[string]ImportResult{
		"Imported 3 interviews; 12 were already in the tracker.":                     {Added: 3, Existing: 12},
		"Imported 0 interviews; 1 was already in the tracker; updated 2 interviews.": {Existing: 1, Updated: 2},
		"Imported 1 interview.": {Added: 1},
		"Imported 2 interviews; 2 rows were repeated in the file; updated 1 interview.": {Added: 2, Repeated: 2, Updated: 1},
	}
	for want, r := range cases {
		if got := r.Summary(); got != want {
			t.Errorf("Summary(%+v) = %q, want %q", r, got, want)
		}
	}
}
