package data

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// inviteFixture is one event of testdata/invites and what a careful person
// reads in it (expected.json, written from each program's real format).
type inviteFixture struct {
	File         string `json:"file"`
	UID          string `json:"uid"`
	Method       string `json:"method"`
	Sequence     int    `json:"sequence"`
	Summary      string `json:"summary"`
	Company      string `json:"company"`
	Role         string `json:"role"`
	StartUTC     string `json:"start_utc"`
	Zone         string `json:"zone"`
	ContactName  string `json:"contact_name"`
	ContactEmail string `json:"contact_email"`
	Location     string `json:"location"`
	Cancelled    bool   `json:"cancelled"`
}

func inviteFixtures(t *testing.T) map[string][]inviteFixture {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "invites", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list []inviteFixture
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatal(err)
	}
	out := map[string][]inviteFixture{}
	for _, f := range list {
		out[f.File] = append(out[f.File], f)
	}
	return out
}

func readInviteFile(t *testing.T, name string) []Invite {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "invites", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	invs, err := ReadInvites(f, "Europe/Lisbon")
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return invs
}

func TestInvitesFromEveryProgramRead(t *testing.T) {
	for file, want := range inviteFixtures(t) {
		t.Run(file, func(t *testing.T) {
			got := readInviteFile(t, file)
			if len(got) != len(want) {
				t.Fatalf("%d events, want %d", len(got), len(want))
			}
			for i, w := range want {
				inv, iv := got[i], got[i].Interview
				start, _ := time.Parse(time.RFC3339, w.StartUTC)
				zone := w.Zone
				if zone == "" {
					zone = "Europe/Lisbon" // a UTC start is shown in the person's own zone
				}
				checks := []struct{ what, got, want string }{
					{"UID", inv.UID, w.UID}, {"summary", inv.Summary, w.Summary},
					{"company", iv.Company, w.Company}, {"role", iv.Role, w.Role},
					{"start", iv.StartsAt.UTC().Format(time.RFC3339), start.UTC().Format(time.RFC3339)},
					{"zone", iv.TimeZone, zone}, {"contact", iv.ContactName, w.ContactName},
					{"email", iv.ContactEmail, w.ContactEmail}, {"location", iv.Location, w.Location},
				}
				for _, c := range checks {
					if c.got != c.want {
						t.Errorf("event %d %s = %q, want %q", i+1, c.what, c.got, c.want)
					}
				}
				if inv.Cancelled != w.Cancelled || inv.Sequence != w.Sequence {
					t.Errorf("event %d cancelled %v seq %d, want %v %d", i+1, inv.Cancelled, inv.Sequence, w.Cancelled, w.Sequence)
				}
			}
		})
	}
}

func TestInviteImportedAgainUpdatesOrCancels(t *testing.T) {
	ctx := t.Context()
	s := openTemp(t)
	step := func(file string, want ImportResult) {
		t.Helper()
		res, err := s.ImportInvites(ctx, readInviteFile(t, file), false)
		if err != nil || res.Added != want.Added || res.Existing != want.Existing || res.Updated != want.Updated || res.Repeated != 0 {
			t.Fatalf("%s: %+v, %v; want %+v", file, res, err, want)
		}
	}
	step("google.ics", ImportResult{Added: 1})
	step("google.ics", ImportResult{Existing: 1})
	step("google-moved.ics", ImportResult{Updated: 1})
	step("google-moved.ics", ImportResult{Existing: 1})
	step("google.ics", ImportResult{Existing: 1}) // the older invite changes nothing
	step("outlook.ics", ImportResult{Added: 1})
	step("outlook-cancel.ics", ImportResult{Updated: 1})
	step("outlook-cancel.ics", ImportResult{Existing: 1})

	ivs, _ := s.Interviews(ctx)
	if len(ivs) != 2 {
		t.Fatalf("%d interviews, want 2", len(ivs))
	}
	moved := readInviteFile(t, "google-moved.ics")[0].Interview
	for _, iv := range ivs {
		events, _ := s.Events(ctx, iv.ID)
		var notes []string
		for _, e := range events {
			notes = append(notes, string(e.Kind)+":"+string(e.ToStatus)+":"+e.Body)
		}
		switch iv.Company {
		case "Northwind Labs":
			if !iv.StartsAt.Equal(moved.StartsAt) || iv.Status != StatusRescheduled || !strings.Contains(strings.Join(notes, "|"), "moved it from") {
				t.Errorf("moved invite: %+v, timeline %v", iv, notes)
			}
		case "Contoso GmbH":
			if iv.Status != StatusCancelled || !strings.Contains(strings.Join(notes, "|"), "status:cancelled:") ||
				!strings.Contains(strings.Join(notes, "|"), "cancelled the calendar invite") {
				t.Errorf("cancelled invite: %+v, timeline %v", iv, notes)
			}
		default:
			t.Errorf("unexpected interview %+v", iv)
		}
	}
}

func TestCancelledInviteForUnknownInterviewAddsNothing(t *testing.T) {
	s := openTemp(t)
	res, err := s.ImportInvites(t.Context(), readInviteFile(t, "outlook-cancel.ics"), false)
	if err != nil || res.Added != 0 || len(res.Warnings) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if n, _ := s.CountInterviews(t.Context()); n != 0 {
		t.Errorf("%d interviews", n)
	}
}

func TestOwnExportReimportedChangesNothing(t *testing.T) {
	ctx := t.Context()
	s := openTemp(t)
	iv := &Interview{Company: "Acme", Role: "Dev", StartsAt: time.Now().Add(48 * time.Hour).Truncate(time.Second), TimeZone: "Europe/Berlin", Location: "Room 4"}
	if err := s.CreateInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	all, _ := s.Interviews(ctx)
	if err := WriteICS(&buf, all, time.Now()); err != nil {
		t.Fatal(err)
	}
	invs, err := ReadInvites(strings.NewReader(buf.String()), "UTC")
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportInvites(ctx, invs, false)
	if err != nil || res.Added != 0 || res.Updated != 0 || res.Existing != 1 {
		t.Errorf("re-importing our own export = %+v, %v; want it counted as there, nothing changed", res, err)
	}
	if got, _ := s.Interview(ctx, iv.ID); got.TimeZone != "Europe/Berlin" || !got.UpdatedAt.Equal(iv.UpdatedAt) {
		t.Errorf("our own export changed the interview: %+v", got)
	}
}

func TestBadCalendarFiles(t *testing.T) {
	cases := map[string]string{
		"":                         "not a calendar file",
		"company,role\nAcme,Dev\n": "not a calendar file",
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n":                                                             "holds no events",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Acme\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n":                     "has no start",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:tomorrow\r\nSUMMARY:Acme\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n": "not an iCalendar date",
	}
	for in, want := range cases {
		_, err := ReadInvites(strings.NewReader(in), "UTC")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}

func TestInviteTitles(t *testing.T) {
	cases := []struct{ summary, desc, company, role string }{
		{"Interview: Senior Data Analyst – Northwind Labs", "", "Northwind Labs", "Senior Data Analyst"},
		{"Canceled: Interview – Product Designer (Contoso GmbH)", "", "Contoso GmbH", "Product Designer"},
		{"Larkspur Systems - Site Reliability Engineer - Panel Interview", "", "Larkspur Systems", "Site Reliability Engineer"},
		{"Mercer & Finch – Content Strategist interview (2nd round)", "", "Mercer & Finch", "Content Strategist"},
		{"Video call: QA Lead @ Tessellate Games", "", "Tessellate Games", "QA Lead"},
		{"Backend Engineer at Initech", "", "Initech", "Backend Engineer"},
		{"Ana Lima and Priya Shah", "Event Name: Brightwave Health - Recruiter Phone Screen\n", "Brightwave Health", ""},
		{"Phone screen", "", "", ""},
		{"Globex", "", "Globex", ""},
	}
	for _, tc := range cases {
		c, r := titleParts(tc.summary, tc.desc)
		if c != tc.company || r != tc.role {
			t.Errorf("titleParts(%q) = %q, %q; want %q, %q", tc.summary, c, r, tc.company, tc.role)
		}
	}
}

// FuzzReadInvites feeds hostile calendars to the reader: it may refuse
// them, but never panics, and what it accepts can be stored.
func FuzzReadInvites(f *testing.F) {
	for _, name := range []string{"google.ics", "outlook.ics", "teams.ics", "zoom.ics", "calendly.ics", "two-events.ics"} {
		raw, err := os.ReadFile(filepath.Join("testdata", "invites", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(raw))
	}
	f.Add("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:\x00\r\nDTSTART;TZID=\"\":20260229T250000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	f.Add("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:99991231\r\nSUMMARY:" + strings.Repeat("é", 5000) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	f.Fuzz(func(t *testing.T, in string) {
		invs, err := ReadInvites(strings.NewReader(in), "Europe/Berlin")
		if err != nil {
			return
		}
		for _, inv := range invs {
			if err := inv.Interview.Validate(); err != nil {
				t.Fatalf("accepted an invite that cannot be stored: %v (%+v)", err, inv.Interview)
			}
		}
	})
}
