package insight

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// logLines writes each contact as "date time | company | method | what".
func logLines(l Log) []string {
	var out []string
	for _, c := range l.Contacts {
		out = append(out, fmt.Sprintf("%s | %s | %s | %s", c.At.Format("Jan 02 15:04"), c.Company, c.Method, c.What))
	}
	return out
}

func TestWorkLogListsEveryContactWithAnEmployer(t *testing.T) {
	l := WorkLog(fixtureHistory(), day(11, 1, 0, 0), day(11, 30, 0, 0), berlin(), fixtureNow())
	want := []string{
		"Nov 02 09:00 | Acme | phone | Interview for Data Scientist; not selected",
		"Nov 03 09:00 | Globex | video | Interview for Architect; I declined",
		"Nov 06 09:00 | Acme | not recorded | Told I was not selected",
		"Nov 10 09:00 | Acme | not recorded | Interview for Engineer; not selected",
		"Nov 10 09:00 | Globex | not recorded | Received an offer",
		// By phone: a call has no subject to quote.
		"Nov 12 09:00 | Globex | phone | Declined the offer",
		// The withdrawal's status change is carried by its message.
		"Nov 16 08:00 | Umbrella | email | Withdrew from the process: “Withdrawing my application”",
		"Nov 17 09:00 | Acme | not recorded | Told I was not selected",
		// The no before the interview is a contact; the interview is not.
		"Nov 18 09:00 | Initech | not recorded | Told I was not selected",
		// Cancelled with no message: the decision is still a contact.
		"Nov 27 08:00 | Hooli | not recorded | Cancelled the interview",
	}
	got := logLines(l)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("log\n got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if l.Employers() != 5 {
		t.Errorf("%d employers, want 5", l.Employers())
	}
	if c := l.Contacts[0]; c.Person != "Person Acme" || c.Email != "hr@Acme.example" || c.Role != "Data Scientist" {
		t.Errorf("first contact's person: %+v", c)
	}
}

func TestWorkLogDaysAreWholeDaysInTheUsersZone(t *testing.T) {
	recs := []data.Record{
		record(1, "Early", "", data.StatusAttended, day(11, 9, 0, 10), "Office"),
		record(2, "Late", "", data.StatusAttended, day(11, 10, 23, 30), "Office"),
		record(3, "Next", "", data.StatusAttended, day(11, 11, 0, 10), "Office"),
		record(4, "Before", "", data.StatusAttended, day(11, 8, 23, 59), "Office"),
	}
	cases := []struct {
		name     string
		from, to time.Time
		want     string
	}{
		{"two days", day(11, 9, 0, 0), day(11, 10, 0, 0), "Early Late"},
		// The time of day of from and to does not matter: days are whole.
		{"times ignored", day(11, 9, 18, 0), day(11, 10, 6, 0), "Early Late"},
		{"one day", day(11, 11, 0, 0), day(11, 11, 0, 0), "Next"},
		{"nothing", day(12, 1, 0, 0), day(12, 2, 0, 0), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := WorkLog(recs, c.from, c.to, berlin(), fixtureNow())
			var names []string
			for _, x := range l.Contacts {
				names = append(names, x.Company)
			}
			if got := strings.Join(names, " "); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestWorkLogMethods(t *testing.T) {
	cases := []struct {
		location string
		want     Method
	}{
		{"https://us02web.zoom.us/j/8123", MethodVideo},
		{"Microsoft Teams", MethodVideo},
		{"Video call", MethodVideo},
		{"Phone screen", MethodPhone},
		{"+44 20 7946 0958", MethodPhone},
		{"12 Market Street, Manchester M1 1AA", MethodInPerson},
		{"Berlin office", MethodInPerson},
		{"TBC", MethodUnknown},
		{"", MethodUnknown},
	}
	for _, c := range cases {
		if got := mediumMethod(compose.MediumOf(c.location)); got != c.want {
			t.Errorf("%q: %q, want %q", c.location, got, c.want)
		}
	}
	for channel, want := range map[string]Method{"": MethodEmail, "email": MethodEmail, "phone": MethodPhone,
		"voicemail": MethodVoicemail, "text": MethodText} {
		if got := channelMethod(channel); got != want {
			t.Errorf("channel %q: %q, want %q", channel, got, want)
		}
	}
}

func TestWorkLogInterviewNotYetPastIsNoContact(t *testing.T) {
	now := fixtureNow()
	recs := []data.Record{
		record(1, "Soon", "", data.StatusScheduled, now.Add(time.Hour), "Office"),
		record(2, "Past", "", data.StatusScheduled, now.Add(-time.Hour), "Office"),
	}
	l := WorkLog(recs, now.AddDate(0, 0, -1), now, berlin(), now)
	if got := logLines(l); len(got) != 1 || !strings.Contains(got[0], "Past") || !strings.Contains(got[0], "awaiting an answer") {
		t.Errorf("got %q, want only the past interview, awaiting an answer", got)
	}
}

func TestWorkLogCSV(t *testing.T) {
	recs := fixtureHistory()
	recs[2].CompanyName = "=HYPERLINK(\"http://evil.example\")"
	l := WorkLog(recs, day(11, 1, 0, 0), day(11, 30, 0, 0), berlin(), fixtureNow())
	var buf bytes.Buffer
	if err := WriteLogCSV(&buf, l); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\r\n") {
		t.Error("CSV records should end in CRLF")
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(l.Contacts)+1 || strings.Join(rows[0], ",") != strings.Join(LogHeader(), ",") {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	first := rows[1]
	if first[0] != "2026-11-02" || first[1] != "09:00" || first[6] != "phone" || first[4] != "Person Acme" {
		t.Errorf("first row %q", first)
	}
	if first[2] != `'=HYPERLINK("http://evil.example")` {
		t.Errorf("a formula should be neutralised, got %q", first[2])
	}
}
