package cli

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bridgekeeper/data"
)

// phoneExport is a small vCard file as phones write them: a 3.0 card, a
// 2.1 card with a quoted-printable name, and a card that is nobody.
const phoneExport = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Kovač\r\nN:Kovač;Ana;;;\r\n" +
	"EMAIL;TYPE=INTERNET;TYPE=WORK:ana@acme.example\r\nORG:ACME\\, Inc.\r\nTITLE:Recruiter\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=5A=6F=C3=AB=20=4D=C3=BC=6C=6C=65=72\r\n" +
	"TEL;CELL:+49 151 23456789\r\nEMAIL;INTERNET:zoe@globex.example\r\nEMAIL;INTERNET:not-an-address\r\nORG:Globex\r\nEND:VCARD\r\n" +
	"BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n"

func contactsIn(t *testing.T, db string) []data.Contact {
	t.Helper()
	s, err := data.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cs, err := s.Contacts(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func TestImportVCFCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	file := writeTemp(t, "contacts.vcf", phoneExport)
	code, out, errOut := runExchange(t, "", "--db", db, "import", "vcf", file)
	if code != 0 || out != "Imported contacts: 2 added, 0 updated, 0 unchanged, 1 skipped.\n" {
		t.Fatalf("import vcf = %d, %q, %q", code, out, errOut)
	}
	wantErr := "bridgekeeper: warning: card 2 (Zoë Müller): \"not-an-address\" is not an email address; it was left out\n" +
		"bridgekeeper: card 3 (+1 555 0100) skipped: it has no name and no email address\n"
	if errOut != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, wantErr)
	}
	cs := contactsIn(t, db)
	if len(cs) != 2 || cs[0].Name != "Ana Kovač" || cs[0].Role != data.RoleRecruiter || cs[1].Name != "Zoë Müller" || cs[1].Phone != "+49 151 23456789" {
		t.Errorf("contacts: %+v", cs)
	}
	// The same people again, from standard input, with a phone added to
	// Ana's card: she gains it, Zoë is as she was.
	again := strings.Replace(phoneExport, "TITLE:Recruiter", "TEL:+1 555 0199", 1)
	code, out, _ = runExchange(t, again, "--db", db, "import", "vcf", "-")
	if code != 0 || out != "Imported contacts: 0 added, 1 updated, 1 unchanged, 1 skipped.\n" {
		t.Fatalf("import vcf - = %d, %q", code, out)
	}
	if cs := contactsIn(t, db); len(cs) != 2 || cs[0].Phone != "+1 555 0199" {
		t.Errorf("after the second import: %+v", cs)
	}
}

func TestExportVCFCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bk.db")
	if code, _, errOut := runExchange(t, "", "--db", db, "import", "vcf", writeTemp(t, "in.vcf", phoneExport)); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	readBack := func(text string) ([]string, []string) {
		t.Helper()
		cs, orgs, _, err := data.ReadVCards(strings.NewReader(text))
		if err != nil {
			t.Fatalf("exported text does not read back: %v\n%s", err, text)
		}
		var names []string
		for _, c := range cs {
			names = append(names, c.Name)
		}
		return names, orgs
	}
	code, out, errOut := runExchange(t, "", "--db", db, "export", "vcf")
	if code != 0 || errOut != "" || !strings.HasPrefix(out, "BEGIN:VCARD\r\nVERSION:4.0\r\n") {
		t.Fatalf("export vcf = %d, %q\n%s", code, errOut, out)
	}
	if names, orgs := readBack(out); !slices.Equal(names, []string{"Ana Kovač", "Zoë Müller"}) || !slices.Equal(orgs, []string{"ACME, Inc.", "Globex"}) {
		t.Errorf("exported %q at %q", names, orgs)
	}
	// One company, named any way it is spelt; flags before the format.
	code, out, _ = runExchange(t, "", "--db", db, "export", "--company", "acme inc", "vcf")
	if names, _ := readBack(out); code != 0 || !slices.Equal(names, []string{"Ana Kovač"}) {
		t.Errorf("export vcf --company = %d, %q", code, names)
	}
	file := filepath.Join(dir, "out.vcf")
	code, out, _ = runExchange(t, "", "--db", db, "export", "vcf", "--company=Globex", "--out", file)
	if code != 0 || out != "Exported 1 contact to "+file+".\n" {
		t.Fatalf("export vcf --out = %d, %q", code, out)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if names, _ := readBack(string(b)); !slices.Equal(names, []string{"Zoë Müller"}) {
		t.Errorf("the file holds %q", names)
	}
}

func TestExportVCFWithNoContacts(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bk.db")
	if code, _, _ := runExchange(t, "", "--db", db, "import", "csv", writeTemp(t, "in.csv", "company\nAcme\n")); code != 0 {
		t.Fatal("seeding failed")
	}
	code, out, errOut := runExchange(t, "", "--db", db, "export", "vcf")
	if code != 0 || out != "" || !strings.HasPrefix(errOut, "No contacts to export") {
		t.Errorf("export vcf of nobody = %d, %q, %q", code, out, errOut)
	}
}

func TestVCFUsageErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bk.db")
	if code, _, _ := runExchange(t, "", "--db", db, "import", "vcf", writeTemp(t, "in.vcf", phoneExport)); code != 0 {
		t.Fatal("seeding failed")
	}
	vcf := writeTemp(t, "x.vcf", phoneExport)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"import without file", []string{"import", "vcf"}, "missing the FILE"},
		{"import extra argument", []string{"import", "vcf", vcf, "more"}, `unexpected argument "more"`},
		{"import with a CSV flag", []string{"import", "vcf", vcf, "--map", "A=company"}, "unknown flag --map"},
		{"import with a flag first", []string{"import", "--tz", "UTC", "vcf", vcf}, "unknown flag --tz"},
		{"import missing file", []string{"import", "vcf", filepath.Join(dir, "nope.vcf")}, "cannot read"},
		{"import folder", []string{"import", "vcf", dir}, "is a folder"},
		{"import a CSV file", []string{"import", "vcf", writeTemp(t, "x.csv", "company\nAcme\n")}, "no vCard in the file"},
		{"export extra argument", []string{"export", "vcf", "extra"}, `unexpected argument "extra"`},
		{"export empty out", []string{"export", "vcf", "--out="}, "--out needs a file path"},
		{"export out in missing folder", []string{"export", "vcf", "--out", filepath.Join(dir, "no", "x.vcf")}, "does not exist"},
		{"export empty company", []string{"export", "vcf", "--company", " "}, "--company needs a company name"},
		{"export unknown company", []string{"export", "vcf", "--company", "Initech"}, `no company called "Initech"`},
		{"export unknown flag", []string{"export", "vcf", "--zip"}, "zip"},
		{"company for CSV", []string{"export", "csv", "--company", "Acme"}, "company"},
	} {
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
	if cs := contactsIn(t, db); len(cs) != 2 {
		t.Errorf("%d contacts after the refused commands, want the 2 imported first", len(cs))
	}
}

// A file that is no vCard, imported into a database that does not exist
// yet, leaves no database; export on a missing database creates none.
func TestVCFCommandsCreateNoDatabaseByMistake(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "new.db")
	if code, _, _ := runExchange(t, "hello", "--db", db, "import", "vcf", "-"); code != 2 {
		t.Errorf("import of a non-vCard: exit %d, want 2", code)
	}
	if code, _, errOut := runExchange(t, "", "--db", db, "export", "vcf"); code != 2 || !strings.Contains(errOut, "no database") {
		t.Errorf("export on a missing database: %d %q", code, errOut)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a database was created: %v", err)
	}
}

func TestIsVCF(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"vcf", "f"}, true},
		{[]string{"--out", "vcf", "csv"}, false}, // a file called vcf
		{[]string{"--out=x.vcf", "vcf"}, true},
		{[]string{"--company", "Acme", "vcf"}, true},
		{[]string{"csv", "vcf"}, false},
		{[]string{"-", "vcf"}, false},
		{nil, false},
	} {
		if got := isVCF(tc.args, "out", "company"); got != tc.want {
			t.Errorf("isVCF(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}
