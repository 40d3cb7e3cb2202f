package data

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// cardWant is one card's contact and company as ReadVCards should give
// them.
type cardWant struct {
	c   Contact
	org string
}

func readFixture(t *testing.T, name string) ([]Contact, []string, []string) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "vcards", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cs, orgs, warns, err := ReadVCards(f)
	if err != nil {
		t.Fatalf("ReadVCards(%s): %v", name, err)
	}
	if len(orgs) != len(cs) {
		t.Fatalf("%s: %d companies for %d contacts", name, len(orgs), len(cs))
	}
	return cs, orgs, warns
}

func checkCards(t *testing.T, cs []Contact, orgs []string, want []cardWant) {
	t.Helper()
	if len(cs) != len(want) {
		t.Fatalf("%d cards, want %d: %+v", len(cs), len(want), cs)
	}
	for i, w := range want {
		if cs[i] != w.c {
			t.Errorf("card %d:\n got %#v\nwant %#v", i+1, cs[i], w.c)
		}
		if orgs[i] != w.org {
			t.Errorf("card %d: company %q, want %q", i+1, orgs[i], w.org)
		}
	}
}

// Each fixture is a file as a phone or mail program writes it; every
// field that matters must come out as the person reading the card in
// that program would see it.
func TestReadVCardFixtures(t *testing.T) {
	for _, tc := range []struct {
		file  string
		want  []cardWant
		warns []string
	}{
		{"apple-3.0.vcf", []cardWant{
			{Contact{Name: "Ana Kovač", Role: RoleRecruiter, Email: "ana@acme.example", Phone: "+1 (555) 010-0199",
				LinkedIn: "https://www.linkedin.com/in/ana-kovac-example",
				Notes: "Met at the Berlin job fair, spring 2026.\nAsked for a portfolio link; sent it the next day. " +
					"Follow up after the team offsite in May, not before."}, "ACME, Inc."},
			// A company's own card (X-ABShowAs:COMPANY): its FN is no person's name.
			{Contact{Email: "careers@globex.example"}, "Globex Corporation"},
		}, nil},
		{"google-3.0.vcf", []cardWant{
			// The work address wins over the home one listed first, and
			// the work phone over the mobile; a title that is no role is
			// kept in the notes.
			{Contact{Name: "Sam Patel", Email: "SAM.PATEL@globex.example", Phone: "+44 20 7946 0000",
				LinkedIn: "https://linkedin.com/in/sampatel-example",
				Notes:    "Title: Engineering Manager\n\nHiring manager for the platform team; second round on Tuesday"}, "Globex Corp."},
			{Contact{Name: "Lee Chen", Role: RoleRecruiter, Email: "lee.chen@initech.example",
				Notes: "Title: Talent Acquisition Partner"}, "Initech"},
			// FN that is only the address is no name.
			{Contact{Email: "pat.jones@hooli.example"}, ""},
		}, nil},
		{"android-2.1.vcf", []cardWant{
			{Contact{Name: "Zoë Müller", Role: RoleInterviewer, Email: "zoe.mueller@mueller-gmbh.example", Phone: "+49 30 1234567",
				Notes: "Erstes Gespräch lief gut.\nBitte eine Kopie des Lebenslaufs mitbringen – und die Zeugnisse."}, "Müller GmbH & Co. KG"},
			{Contact{Name: "Petr Novak", Email: "petr.novak@initech.example", Phone: "+420 601 123 456"}, "Initech"},
		}, nil},
		{"outlook-2.1.vcf", []cardWant{
			{Contact{Name: "Chidi Okafor", Role: RoleRecruiter, Email: "chidi.okafor@initech.example", Phone: "(555) 010-0142",
				Notes: "Title: Senior Technical Recruiter\n\nPhone screen on 3 March – went well.\nNext: panel interview with the platform team."},
				"Initech Ltd"},
			{Contact{Name: "Renée Dubois", Email: "renee.dubois@sg.example"}, "Société Générale"},
		}, nil},
		{"incomplete.vcf", []cardWant{
			{Contact{Phone: "+1 555 0100"}, "Umbrella Corp"},
			{Contact{Notes: "Someone from the meetup"}, ""},
			{Contact{Name: "Dana Scully", Email: "dana@fbi.example"}, ""},
		}, []string{
			`card 2 (no name): "not-an-address" is not an email address; it was left out`,
			"card 3 (Dana Scully): the file ends inside this card (no END:VCARD)",
			"text outside BEGIN:VCARD … END:VCARD was left out",
		}},
		{"bom-crlf-4.0.vcf", []cardWant{
			{Contact{Name: "Jürgen Weiß", Role: RoleHiringManager, Email: "j.weiss@hooli.example", Phone: "+49-89-1234-5678",
				LinkedIn: "https://www.linkedin.com/in/juergen-weiss-example",
				Notes: "Second interview booked with Jürgen for Thursday; he asked for a talk through the Straßenbahn " +
					"timetable project, and a demo."}, ""},
			{Contact{Email: "jobs@hooli.example"}, "Hooli"},
		}, nil},
	} {
		t.Run(tc.file, func(t *testing.T) {
			cs, orgs, warns := readFixture(t, tc.file)
			checkCards(t, cs, orgs, tc.want)
			if !slices.Equal(warns, tc.warns) {
				t.Errorf("warnings:\n got %q\nwant %q", warns, tc.warns)
			}
		})
	}
}

// The quirks of real files, one at a time.
func TestReadVCardQuirks(t *testing.T) {
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Łucja Wrona\r\nEMAIL:lucja@example.com\r\nEND:VCARD\r\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, in string
		want     []cardWant
		warns    []string
	}{
		{"UTF-16 with a byte order mark", utf16,
			[]cardWant{{Contact{Name: "Łucja Wrona", Email: "lucja@example.com"}, ""}}, nil},
		{"old Mac line ends (CR alone)", "BEGIN:VCARD\rVERSION:3.0\rFN:Ana\rEMAIL:ana@example.com\rEND:VCARD\r",
			[]cardWant{{Contact{Name: "Ana", Email: "ana@example.com"}, ""}}, nil},
		{"2.1 unfolding keeps the space", "BEGIN:VCARD\nVERSION:2.1\nFN:Ana\nNOTE:one\n two\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Ana", Notes: "one two"}, ""}}, nil},
		{"3.0 unfolding drops one space", "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nNOTE:one\n  two\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Ana", Notes: "one two"}, ""}}, nil},
		{"no FN: the name from N, in reading order",
			"BEGIN:VCARD\nVERSION:3.0\nN:Hopper;Grace;Brewster;Dr.;PhD\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Dr. Grace Brewster Hopper PhD"}, ""}}, nil},
		{"mailto: and tel: URIs", "BEGIN:VCARD\nVERSION:4.0\nFN:Ana\nEMAIL:mailto:ana@example.com\nTEL;VALUE=uri:tel:+1-555-0100\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Ana", Email: "ana@example.com", Phone: "+1-555-0100"}, ""}}, nil},
		{"a fax is the last choice", "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nTEL;TYPE=WORK,FAX,PREF:111\nTEL;TYPE=HOME:222\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Ana", Phone: "222"}, ""}}, nil},
		{"ISO-8859-1 quoted-printable", "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Ren=E9e\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Renée"}, ""}}, nil},
		{"bare QUOTED-PRINTABLE, a lone = kept", "BEGIN:VCARD\nVERSION:2.1\nFN;QUOTED-PRINTABLE:A=3DB =XY\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "A=B =XY"}, ""}}, nil},
		{"Shift_JIS from a Japanese phone", "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=SHIFT_JIS:\x93\x63\x92\x86\n" +
			"EMAIL;INTERNET:tanaka@example.jp\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "田中", Email: "tanaka@example.jp"}, ""}}, nil},
		{"unknown character set", "BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=X-MADE-UP:Ana\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Ana"}, ""}},
			[]string{`card 1 (Ana): unknown character set "X-MADE-UP"; the text was read as UTF-8`}},
		{"3.0 text that is not UTF-8", "BEGIN:VCARD\nVERSION:3.0\nFN:Ren\xe9e\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Renée"}, ""}},
			[]string{"card 1 (Renée): text that is not UTF-8 was read as Windows-1252"}},
		{"escapes: comma, semicolon, newline, backslash, colon",
			"BEGIN:VCARD\nVERSION:3.0\nFN:A\\, B\nNOTE:x\\;y\\Nz\\\\n\\:\nORG:Foo\\; Bar;Dept\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "A, B", Notes: "x;y\nz\\n:"}, "Foo, Bar"}}, nil},
		{"a card inside a card (2.1 AGENT) is skipped",
			"BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\nFN:Assistant\nEND:VCARD\nEMAIL:boss@example.com\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Boss", Email: "boss@example.com"}, ""}}, nil},
		{"LinkedIn handle in X-SOCIALPROFILE", "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nURL:https://ana.example\nX-SOCIALPROFILE;type=linkedin:ana-k\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Ana", LinkedIn: "ana-k"}, ""}}, nil},
		{"ROLE and TITLE together", "BEGIN:VCARD\nVERSION:4.0\nFN:Ana\nROLE:Referral\nTITLE:Staff Engineer\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Ana", Role: RoleReferral, Notes: "Title: Staff Engineer"}, ""}}, nil},
		{"a photo longer than a line may be is left out unread",
			"BEGIN:VCARD\nVERSION:4.0\nFN:Ana\nPHOTO:data:image/jpeg;base64," + strings.Repeat("A", maxVCardLine+10) + "\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Ana"}, ""}}, nil},
		{"any other over-long line is left out and said",
			"BEGIN:VCARD\nVERSION:4.0\nFN:Ana\nNOTE:" + strings.Repeat("n", maxVCardLine) + "\nEMAIL:ana@example.com\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Ana", Email: "ana@example.com"}, ""}},
			[]string{"card 1 (Ana): 1 lines longer than 1 MiB were left out"}},
		{"notes over the limit are cut",
			"BEGIN:VCARD\nVERSION:4.0\nFN:Ana\nNOTE:" + strings.Repeat("é", MaxNotesBytes) + "\nEND:VCARD\n",
			[]cardWant{{Contact{Name: "Ana", Notes: strings.Repeat("é", MaxNotesBytes/2)}, ""}},
			[]string{"card 1 (Ana): notes is too long (128 KiB; at most 64 KiB); they were cut short"}},
		{"a name over the limit is left out",
			"BEGIN:VCARD\nVERSION:4.0\nFN:" + strings.Repeat("x", MaxFieldBytes+1) + "\nEMAIL:x@example.com\nEND:VCARD\n",
			[]cardWant{{Contact{Email: "x@example.com"}, ""}},
			[]string{"card 1 (x@example.com): name is too long (1.0 KiB; at most 1 KiB); it was left out"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, orgs, warns, err := ReadVCards(strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			checkCards(t, cs, orgs, tc.want)
			if !slices.Equal(warns, tc.warns) {
				t.Errorf("warnings:\n got %q\nwant %q", warns, tc.warns)
			}
		})
	}
}

// errReader fails at once, as a broken disk or pipe would.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("the disk went away") }

func TestReadVCardsRefusesOtherFiles(t *testing.T) {
	for _, in := range []string{"", "\n\n", "company,role\nAcme,Dev\n", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", "\ufeff"} {
		if _, _, _, err := ReadVCards(strings.NewReader(in)); !errors.Is(err, ErrNotVCard) {
			t.Errorf("ReadVCards(%q) = %v, want ErrNotVCard", in, err)
		}
	}
	_, _, _, err := ReadVCards(errReader{})
	if err == nil || errors.Is(err, ErrNotVCard) || !strings.Contains(err.Error(), "the disk went away") {
		t.Errorf("a failing reader gave %v, want its error", err)
	}
	// An error said once, after some text, is not lost either.
	_, _, _, err = ReadVCards(io.MultiReader(strings.NewReader("BEGIN:VCARD\nFN:Ana\n"), &failOnce{}))
	if err == nil || !strings.Contains(err.Error(), "the disk went away") {
		t.Errorf("a reader failing once gave %v, want its error", err)
	}
}

// failOnce fails its first read, then is at its end.
type failOnce struct{ failed bool }

func (f *failOnce) Read([]byte) (int, error) {
	if f.failed {
		return 0, io.EOF
	}
	f.failed = true
	return 0, errors.New("the disk went away")
}

// roundTripContacts are contacts that use every field and the characters
// that need escaping or folding.
func roundTripContacts() ([]Contact, map[int64]string) {
	companies := map[int64]string{1: "ACME, Inc.", 2: "Müller GmbH & Co. KG", 3: "Foo; Bar"}
	return []Contact{
		{ID: 1, CompanyID: 1, Name: "Ana Kovač", Role: RoleRecruiter, Email: "ana@acme.example", Phone: "+1 (555) 010-0199",
			LinkedIn: "https://www.linkedin.com/in/ana-kovac-example",
			Notes: "Met at the fair, spring 2026.\nAsked for a portfolio; sent it.\n\n" +
				strings.Repeat("Ünïcödé wörds fold at seventy-five octets, never inside a character. ", 5) +
				`A backslash \ and \n and \; stay as typed: C:\new`},
		{ID: 2, CompanyID: 2, Name: "Zoë Müller", Role: RoleHiringManager, Email: "zoe@mueller.example"},
		{ID: 3, Email: "only.email@example.com", Role: RoleOther},
		{ID: 4, CompanyID: 1, Name: "Lee", Role: RoleInterviewer, LinkedIn: "in/lee-handle"},
		{ID: 5, CompanyID: 3, Name: "Sam Patel, Jr.", Role: RoleReferral, Phone: "+44 20 7946 0000", Notes: "Title: Engineering Manager"},
		{ID: 6, Name: "田中 太郎", Notes: strings.Repeat("日本語のメモ", 40)},
	}, companies
}

func TestVCardRoundTrip(t *testing.T) {
	cs, companies := roundTripContacts()
	var buf bytes.Buffer
	if err := WriteVCards(&buf, cs, func(id int64) string { return companies[id] }); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "BEGIN:VCARD\r\nVERSION:4.0\r\n") || !strings.HasSuffix(out, "END:VCARD\r\n") {
		t.Errorf("not vCard 4.0 with CRLF:\n%s", out)
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > vcardFoldAt || !utf8.ValidString(line) || strings.ContainsAny(line, "\r\n") {
			t.Errorf("line not folded cleanly (%d octets): %q", len(line), line)
		}
	}
	back, orgs, warns, err := ReadVCards(strings.NewReader(out))
	if err != nil || len(warns) > 0 {
		t.Fatalf("reading back: %v %q", err, warns)
	}
	if len(back) != len(cs) {
		t.Fatalf("%d contacts back, want %d", len(back), len(cs))
	}
	for i, c := range cs {
		wantOrg := strings.ReplaceAll(companies[c.CompanyID], ";", ",")
		c.ID, c.CompanyID = 0, 0
		if back[i] != c || orgs[i] != wantOrg {
			t.Errorf("contact %d:\n got %#v %q\nwant %#v %q", i+1, back[i], orgs[i], c, wantOrg)
		}
	}
}

// The layout of one card, property by property, as another program
// reads it.
func TestWriteVCardLayout(t *testing.T) {
	c := Contact{ID: 7, CompanyID: 1, Name: "Ana María García", Role: RoleHiringManager, Email: "ana@acme.example",
		Phone: "+34 600 000 000", LinkedIn: "https://www.linkedin.com/in/ana", Notes: "First, second\nthird"}
	var buf bytes.Buffer
	if err := WriteVCards(&buf, []Contact{c, {Email: "x@example.com"}}, func(int64) string { return "Acme" }); err != nil {
		t.Fatal(err)
	}
	want := "BEGIN:VCARD\r\n" +
		"VERSION:4.0\r\n" +
		"EMAIL:ana@acme.example\r\n" +
		"FN:Ana María García\r\n" +
		"N:García;Ana María;;;\r\n" +
		"NOTE:First\\, second\\nthird\r\n" +
		"ORG:Acme\r\n" +
		"PRODID:-//Bridgekeeper//Bridgekeeper//EN\r\n" +
		"ROLE:Hiring manager\r\n" +
		"TEL:+34 600 000 000\r\n" +
		"UID:" + contactUID(7) + "\r\n" +
		"URL;TYPE=x-linkedin:https://www.linkedin.com/in/ana\r\n" +
		"END:VCARD\r\n" +
		"BEGIN:VCARD\r\n" +
		"VERSION:4.0\r\n" +
		"EMAIL:x@example.com\r\n" +
		"FN:x@example.com\r\n" +
		"PRODID:-//Bridgekeeper//Bridgekeeper//EN\r\n" +
		"END:VCARD\r\n"
	if got := buf.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestContactUIDIsStablePerContact(t *testing.T) {
	uid := regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if a := contactUID(1); a != contactUID(1) || a == contactUID(2) || !uid.MatchString(a) {
		t.Errorf("contactUID(1) = %q, contactUID(2) = %q: want a stable version 5 UUID URN per ID", a, contactUID(2))
	}
}

// failWriter takes n bytes, then fails.
type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return 0, errors.New("no room")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteVCardsReportsWriteErrors(t *testing.T) {
	cs, _ := roundTripContacts()
	for i := 0; i < 50; i++ {
		cs = append(cs, cs[0])
	}
	if err := WriteVCards(&failWriter{n: 100}, cs, nil); err == nil || !strings.Contains(err.Error(), "no room") {
		t.Errorf("WriteVCards on a full disk = %v, want its error", err)
	}
}

// FuzzReadVCards feeds arbitrary bytes to the reader. It must never panic;
// what it returns must be contacts ImportContacts can store (or skip for
// having no name and no email), and writing them out and reading them
// again must give the same contacts and companies.
func FuzzReadVCards(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "vcards", "*.vcf"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, seed := range []string{
		"", "BEGIN:VCARD", "BEGIN:VCARD\nEND:VCARD", "BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:=\n=\nEND:VCARD\n",
		"BEGIN:VCARD\nFN;CHARSET=\"x:y\";TYPE=\"a:b:\nEND:VCARD", "BEGIN:VCARD\nN:\\;\\\\;;\\\nORG:\\\nEND:VCARD\n",
		"BEGIN:VCARD\nBEGIN:VCARD\nEND:VCARD\nEND:VCARD\nEND:VCARD\n", "\xff\xfeB\x00E\x00",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		cs, orgs, _, err := ReadVCards(bytes.NewReader(in))
		if err != nil {
			if !errors.Is(err, ErrNotVCard) {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		for i, c := range cs {
			check := c
			if c.Name == "" && c.Email == "" {
				check.Name = "x" // it will be skipped; the rest must still hold
			}
			if err := validateContact(&check); err != nil {
				t.Fatalf("card %d is not a valid contact: %v (%#v)", i+1, err, c)
			}
			for _, s := range []string{c.Name, c.Email, c.Phone, c.LinkedIn, c.Notes, orgs[i]} {
				if !utf8.ValidString(s) {
					t.Fatalf("card %d: invalid UTF-8 in %q", i+1, s)
				}
			}
			if len(orgs[i]) > MaxFieldBytes {
				t.Fatalf("card %d: company of %d bytes", i+1, len(orgs[i]))
			}
			cs[i].CompanyID = int64(i + 1)
		}
		var buf bytes.Buffer
		if err := WriteVCards(&buf, cs, func(id int64) string { return orgs[id-1] }); err != nil {
			t.Fatal(err)
		}
		back, backOrgs, _, err := ReadVCards(&buf)
		if err != nil {
			t.Fatalf("reading back: %v", err)
		}
		if len(back) != len(cs) {
			t.Fatalf("%d contacts back, want %d", len(back), len(cs))
		}
		for i := range cs {
			cs[i].CompanyID = 0
			if back[i] != cs[i] || backOrgs[i] != orgs[i] {
				t.Fatalf("card %d changed on a round trip:\n got %#v %q\nwant %#v %q", i+1, back[i], backOrgs[i], cs[i], orgs[i])
			}
		}
	})
}
