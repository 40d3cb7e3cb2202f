package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"
)

func hostileInterviews() []Interview {
	berlin := time.Date(2027, 3, 4, 13, 0, 0, 0, time.UTC)
	return []Interview{
		{Company: "=1+1", Role: `He said "hi", then left`, ContactName: "+44 20 7946 0000",
			ContactEmail: "-dash@example.com", StartsAt: berlin, TimeZone: "Europe/Berlin",
			Status: StatusScheduled, Notes: "-2"},
		{Company: "@SUM(A1:A9)", Role: "\tTabbed", ContactName: "\rCarriage", Status: StatusOffer,
			Notes: "line one\nline two, with comma\n\nand a blank line"},
		{Company: "'; DROP TABLE interviews; --", Role: "🦊 Fox & Co ✨", ContactName: "שלום עליכם",
			ContactEmail: "rtl@example.com", StartsAt: berlin.Add(26 * time.Hour), TimeZone: "Asia/Tokyo",
			Status: StatusRescheduled, Notes: "مرحبا — \u202eevil\u202c"},
		{Company: "'=already quoted", Role: "''+two quotes", ContactName: "'plain quote",
			Status: StatusGhosted, Notes: `back\slash "and" 'quotes'`},
		{Company: "Plain Ltd", Notes: "ends with CR\r"},
	}
}

func TestCSVRoundTripKeepsHostileCells(t *testing.T) {
	in := hostileInterviews()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, in); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()

	// No cell may reach a spreadsheet starting with a formula character.
	records, err := csv.NewReader(strings.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatalf("export is not valid CSV: %v", err)
	}
	if strings.Join(records[0], ",") != "company,role,contact_name,contact_email,starts_at,timezone,status,notes,location,uid" {
		t.Errorf("header = %q", records[0])
	}
	for r, rec := range records {
		for c, cell := range rec {
			if cell != "" && strings.ContainsRune(formulaStarts, rune(cell[0])) {
				t.Errorf("record %d cell %d %q starts with a formula character", r, c, cell)
			}
		}
	}
	if !strings.Contains(raw, "'=1+1,") || !strings.Contains(raw, "'-2,,\r\n") {
		t.Errorf("formula cells not neutralised:\n%s", raw)
	}
	if strings.Count(raw, "\r\n") < len(in)+1 {
		t.Errorf("records are not CRLF-terminated:\n%q", raw)
	}

	s := openTemp(t)
	n, err := s.ImportCSV(context.Background(), strings.NewReader(raw))
	if err != nil || n != len(in) {
		t.Fatalf("ImportCSV = %d, %v; want %d", n, err, len(in))
	}
	got, err := s.Interviews(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byCompany := map[string]Interview{}
	for _, iv := range got {
		byCompany[iv.Company] = iv
	}
	for _, want := range in {
		g, ok := byCompany[want.Company]
		if !ok {
			t.Errorf("company %q lost in the round trip", want.Company)
			continue
		}
		if want.Status == "" {
			want.Status = StatusScheduled
		}
		if g.Role != want.Role || g.ContactName != want.ContactName || g.ContactEmail != want.ContactEmail ||
			g.TimeZone != want.TimeZone || g.Status != want.Status || g.Notes != want.Notes ||
			!g.StartsAt.Equal(want.StartsAt) {
			t.Errorf("round trip changed a row:\n got %+v\nwant %+v", g, want)
		}
	}
}

func TestCSVExportWritesLocalTimeWithOffset(t *testing.T) {
	var buf bytes.Buffer
	iv := Interview{Company: "A", StartsAt: time.Date(2027, 7, 1, 12, 0, 0, 0, time.UTC), TimeZone: "Europe/Berlin"}
	if err := WriteCSV(&buf, []Interview{iv}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "2027-07-01T14:00:00+02:00") {
		t.Errorf("starts_at not in the interview's zone:\n%s", buf.String())
	}
}

func TestNeutraliseIsUndoneExactly(t *testing.T) {
	for _, cell := range []string{"", "'", "''", "=", "'=", "''=x", "'x", "x'=", "-", "'\t", "\r", "plain", "'plain"} {
		if got := unneutralise(neutralise(cell)); got != cell {
			t.Errorf("unneutralise(neutralise(%q)) = %q", cell, got)
		}
	}
}

func TestImportReportsEveryBadRowByLine(t *testing.T) {
	// Lines 4-6 hold one record with two multi-line cells, so rows after
	// it sit two lines lower than their record number, and its bad email
	// is on line 5.
	input := "company,role,contact_email,starts_at,status,timezone,notes\n" + // 1
		"Good Co,Dev,ok@example.com,2027-01-02T10:00:00Z,scheduled,,\n" + // 2
		"Bad Email Co,Dev,not-an-email,,,,\n" + // 3
		"Multi Co,\"Dev\nOps\",bad@,,,,\"first\nsecond\"\n" + // 4-6
		"Status Co,Dev,,,pending,,\n" + // 7
		",No company,,,,,\n" + // 8
		"Time Co,Dev,,next tuesday,,,\n" + // 9
		"Zone Co,Dev,,,,Mars/Base,\n" + // 10
		"Wall Co,Dev,,2027-01-02 10:00,,,\n" + // 11
		"Short Co,Dev\n" // 12
	want := []LineProblem{
		{Line: 3, Field: "contact_email"},
		{Line: 5, Field: "contact_email"}, // after a two-line cell
		{Line: 7, Field: "status"},
		{Line: 8, Field: "company"},
		{Line: 9, Field: "starts_at"},
		{Line: 10, Field: "timezone"},
		{Line: 11, Field: "starts_at"},
		{Line: 12, Field: ""},
	}
	s := openTemp(t)
	ctx := context.Background()
	seed := &Interview{Company: "Already here"}
	if err := s.CreateInterview(ctx, seed); err != nil {
		t.Fatal(err)
	}
	n, err := s.ImportCSV(ctx, strings.NewReader(input))
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("ImportCSV = %d, %v; want *ImportError", n, err)
	}
	if n != 0 {
		t.Errorf("imported %d rows from a bad file", n)
	}
	if len(ie.Problems) != len(want) {
		t.Fatalf("problems = %v, want %d of them", ie.Problems, len(want))
	}
	for i, w := range want {
		p := ie.Problems[i]
		if p.Line != w.Line || p.Field != w.Field || p.Msg == "" {
			t.Errorf("problem %d = %+v, want line %d field %q", i, p, w.Line, w.Field)
		}
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "line 3: contact_email:") ||
		!strings.HasSuffix(msg, "(and 7 more problems)") || strings.Contains(msg, "\n") {
		t.Errorf("Error() = %q, want the first problem and a count on one line", msg)
	}
	if count, _ := s.CountInterviews(ctx); count != 1 {
		t.Errorf("database has %d interviews after a failed import, want 1", count)
	}
}

func TestImportRowProblemsFollowColumnOrder(t *testing.T) {
	_, err := ReadCSV(strings.NewReader("status,contact_email,company\nnope,bad,\n"))
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v", err)
	}
	var fields []string
	for _, p := range ie.Problems {
		fields = append(fields, p.Field)
	}
	if strings.Join(fields, ",") != "status,contact_email,company" {
		t.Errorf("fields = %v, want file column order", fields)
	}
}

func TestImportHeaderVariants(t *testing.T) {
	cases := []struct {
		name    string
		input   string
		want    Interview
		wantErr string // substring of the error; "" = success
	}{
		{
			name:  "canonical",
			input: "company,role,contact_name,contact_email,starts_at,timezone,status,notes\r\nAcme,Dev,Ana,ana@example.com,2027-05-06T09:30:00+02:00,Europe/Paris,Offer,hi\r\n",
			want: Interview{Company: "Acme", Role: "Dev", ContactName: "Ana", ContactEmail: "ana@example.com",
				StartsAt: time.Date(2027, 5, 6, 7, 30, 0, 0, time.UTC), TimeZone: "Europe/Paris", Status: StatusOffer, Notes: "hi"},
		},
		{
			name:  "reordered and mixed case",
			input: "Notes,STATUS,Company,Role\nhi,attended,Acme,Dev\n",
			want:  Interview{Company: "Acme", Role: "Dev", Status: StatusAttended, Notes: "hi"},
		},
		{
			name:  "extra columns ignored",
			input: "id,company,salary,role\n17,Acme,\"100,000\",Dev\n",
			want:  Interview{Company: "Acme", Role: "Dev", Status: StatusScheduled},
		},
		{
			name:  "only company",
			input: "company\nAcme\n",
			want:  Interview{Company: "Acme", Status: StatusScheduled},
		},
		{
			name:  "byte order mark before a quoted header",
			input: "\ufeff\"company\",\"contact email\"\nAcme,ana@example.com\n",
			want:  Interview{Company: "Acme", ContactEmail: "ana@example.com", Status: StatusScheduled},
		},
		{
			name:  "wall time in the row's zone",
			input: "company,starts_at,timezone\nAcme,2027-01-15 09:00,America/New_York\n",
			want:  Interview{Company: "Acme", StartsAt: time.Date(2027, 1, 15, 14, 0, 0, 0, time.UTC), TimeZone: "America/New_York", Status: StatusScheduled},
		},
		{
			name:  "trailing blank rows skipped",
			input: "company,role\nAcme,Dev\n,\n , \n",
			want:  Interview{Company: "Acme", Role: "Dev", Status: StatusScheduled},
		},
		{
			name:  "wall time the clocks show twice means the first",
			input: "company,starts_at,timezone\nAcme,2026-10-25 02:30,Europe/Berlin\n",
			want:  Interview{Company: "Acme", StartsAt: time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), TimeZone: "Europe/Berlin", Status: StatusScheduled},
		},
		{name: "wall time in a daylight-saving gap", input: "company,starts_at,timezone\nAcme,2026-03-29 02:30,Europe/Berlin\n",
			wantErr: "line 2: starts_at: 02:30 does not exist on Sun 29 Mar 2026 in Europe/Berlin: the clocks go forward; the nearest valid time is 03:00"},
		{name: "no company column", input: "role,status\nDev,scheduled\n", wantErr: "line 1: company: no column holds the company (the columns are \"role\", \"status\""},
		{name: "duplicate column", input: "company,Company\nA,B\n", wantErr: "line 1: Company: column appears twice"},
		{name: "empty file", input: "", wantErr: "line 1: the file is empty"},
		{name: "broken quoting", input: "company,notes\nA,ok\nB,\"open quote\n", wantErr: "line 3"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadCSV(strings.NewReader(tc.input))
			if tc.wantErr != "" {
				var ie *ImportError
				if !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want an *ImportError containing %q", err, tc.wantErr)
				}
				if got != nil {
					t.Errorf("returned rows %v alongside an error", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Fatalf("got %d rows, want 1", len(got))
			}
			g, w := *got[0], tc.want
			if g.Company != w.Company || g.Role != w.Role || g.ContactName != w.ContactName ||
				g.ContactEmail != w.ContactEmail || g.TimeZone != w.TimeZone || g.Status != w.Status ||
				g.Notes != w.Notes || !g.StartsAt.Equal(w.StartsAt) {
				t.Errorf("got %+v\nwant %+v", g, w)
			}
		})
	}
}

func TestImportKeepsUserQuotesLiterally(t *testing.T) {
	// Only a quote in front of a formula character is removed; a quote
	// someone typed before ordinary text is data.
	got, err := ReadCSV(strings.NewReader("company,role,notes\n'=SUM(1),'Quoted role,''-x\n"))
	if err != nil {
		t.Fatal(err)
	}
	if g := got[0]; g.Company != "=SUM(1)" || g.Role != "'Quoted role" || g.Notes != "'-x" {
		t.Errorf("got company %q role %q notes %q", g.Company, g.Role, g.Notes)
	}
}

func TestImportErrorCountsUnlistedProblems(t *testing.T) {
	p := LineProblem{Line: 7, Field: "company", Msg: "company is required"}
	for _, tc := range []struct {
		problems []LineProblem
		more     int
		want     string
	}{
		{nil, 0, "invalid CSV"},
		{[]LineProblem{p}, 0, "line 7: company: company is required"},
		{[]LineProblem{p}, 1, "line 7: company: company is required (and 1 more problem)"},
		{[]LineProblem{p, p}, 0, "line 7: company: company is required (and 1 more problem)"},
		{[]LineProblem{p, p}, 4_000, "line 7: company: company is required (and 4001 more problems)"},
	} {
		e := &ImportError{Problems: tc.problems, More: tc.more}
		if got := e.Error(); got != tc.want {
			t.Errorf("%d listed + %d more: Error() = %q, want %q", len(tc.problems), tc.more, got, tc.want)
		}
		if e.Count() != len(tc.problems)+tc.more {
			t.Errorf("Count() = %d", e.Count())
		}
	}
}
