package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func tableRows(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// companyID is the ID of the company a name stands for.
func companyID(t *testing.T, s *Store, name string) int64 {
	t.Helper()
	c, err := s.FindCompany(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func contactByEmail(t *testing.T, s *Store, email string) Contact {
	t.Helper()
	cs, err := s.Contacts(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if strings.EqualFold(c.Email, email) {
			return c
		}
	}
	t.Fatalf("no contact %s among %+v", email, cs)
	return Contact{}
}

func TestSaveContactAddsAndUpdates(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if err := s.CreateInterview(ctx, &Interview{Company: "Acme"}); err != nil {
		t.Fatal(err)
	}
	acme := companyID(t, s, "Acme")
	c := Contact{CompanyID: acme, Name: "  Ana Kovač ", Role: " Recruiter", Email: "ana@acme.example ", Phone: "+1 555", Notes: "Met at the fair"}
	if err := s.SaveContact(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if c.ID == 0 || c.Name != "Ana Kovač" || c.Email != "ana@acme.example" || c.Role != RoleRecruiter {
		t.Fatalf("saved as %+v", c)
	}
	got, err := s.Contacts(ctx, acme)
	if err != nil || len(got) != 1 || got[0] != c {
		t.Fatalf("Contacts(acme) = %+v, %v; want %+v", got, err, c)
	}
	c.Phone, c.CompanyID, c.Role = "", 0, RoleInterviewer
	if err := s.SaveContact(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if got := contactByEmail(t, s, "ana@acme.example"); got != c {
		t.Errorf("after the update: %+v, want %+v", got, c)
	}
	var key string
	if err := s.db.QueryRow(`SELECT match_key FROM contacts WHERE id = ?`, c.ID).Scan(&key); err != nil || key != "ana kovac" {
		t.Errorf("match_key = %q, %v; want the folded name", key, err)
	}
	missing := Contact{ID: 999, Name: "Nobody"}
	if err := s.SaveContact(ctx, &missing); !errors.Is(err, ErrNotFound) || missing.ID != 999 {
		t.Errorf("saving contact 999 = %v (ID %d), want ErrNotFound", err, missing.ID)
	}
}

func TestSaveContactValidates(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	taken := Contact{Name: "Ana", Email: "ana@acme.example"}
	if err := s.SaveContact(ctx, &taken); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		c     Contact
		field string
	}{
		{"nothing to know them by", Contact{Phone: "+1 555", Notes: "who?"}, "name"},
		{"blank name", Contact{Name: "   "}, "name"},
		{"unknown role", Contact{Name: "Ana", Role: "boss"}, "role"},
		{"not an address", Contact{Name: "Ana", Email: "ana at acme"}, "email"},
		{"an address with a name", Contact{Email: "Ana <ana@b.example>"}, "email"},
		{"name too long", Contact{Name: strings.Repeat("x", MaxFieldBytes+1)}, "name"},
		{"phone too long", Contact{Name: "Ana", Phone: strings.Repeat("1", MaxFieldBytes+1)}, "phone"},
		{"LinkedIn too long", Contact{Name: "Ana", LinkedIn: strings.Repeat("l", MaxFieldBytes+1)}, "linkedin"},
		{"notes too long", Contact{Name: "Ana", Notes: strings.Repeat("n", MaxNotesBytes+1)}, "notes"},
		{"someone else's address", Contact{Name: "Other", Email: "ANA@acme.example"}, "email"},
		{"no such company", Contact{Name: "Ana", CompanyID: 42}, "company"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			err := s.SaveContact(ctx, &c)
			var ve ValidationError
			if !errors.As(err, &ve) || ve.Field(tc.field) == "" {
				t.Fatalf("SaveContact = %v, want a problem with %s", err, tc.field)
			}
			if c.ID != 0 {
				t.Errorf("a refused contact was given ID %d", c.ID)
			}
		})
	}
	if n := tableRows(t, s, "contacts"); n != 1 {
		t.Errorf("%d contacts stored, want only the first", n)
	}
	// Saving a contact again with its own address is no clash.
	taken.Phone = "+1 555"
	if err := s.SaveContact(ctx, &taken); err != nil {
		t.Errorf("saving a contact with its own email: %v", err)
	}
}

func TestContactsInCompanyThenNameOrder(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if err := s.CreateInterviews(ctx, []*Interview{{Company: "Zeta"}, {Company: "acme"}}); err != nil {
		t.Fatal(err)
	}
	zeta, acme := companyID(t, s, "Zeta"), companyID(t, s, "Acme")
	for _, c := range []Contact{
		{Name: "Nobody's", Email: "n@x.example"},
		{CompanyID: zeta, Name: "Ann"},
		{CompanyID: acme, Email: "b@acme.example"},
		{CompanyID: acme, Name: "Émile"},
		{CompanyID: acme, Name: "bea"},
	} {
		if err := s.SaveContact(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Contacts(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, c := range got {
		order = append(order, c.Name+c.Email)
	}
	if want := "bea,Émile,b@acme.example,Ann,Nobody'sn@x.example"; strings.Join(order, ",") != want {
		t.Errorf("order %q, want %q", strings.Join(order, ","), want)
	}
	if got, _ := s.Contacts(ctx, zeta); len(got) != 1 || got[0].Name != "Ann" {
		t.Errorf("Zeta's contacts: %+v", got)
	}
	if got, err := s.Contacts(ctx, 12345); err != nil || len(got) != 0 {
		t.Errorf("an unknown company's contacts: %+v, %v", got, err)
	}
}

// An existing person is found by email in any case, and only gains what
// they lacked; the user's own words stay.
func TestImportContactsFillsOnlyEmptyFields(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	mine := Contact{Name: "Ana K.", Email: "ana@acme.example", Notes: "my note"}
	if err := s.SaveContact(ctx, &mine); err != nil {
		t.Fatal(err)
	}
	card := Contact{Name: "Ana Kovač", Email: "ANA@Acme.Example", Phone: "+1 555 0199", Role: RoleRecruiter,
		LinkedIn: "https://www.linkedin.com/in/ana", Notes: "their note"}
	res, err := s.ImportContacts(ctx, []Contact{card}, []string{"ACME, Inc."})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 0 || res.Updated != 1 || res.Unchanged != 0 || len(res.Skipped) != 0 {
		t.Fatalf("result %+v, want one updated", res)
	}
	got := contactByEmail(t, s, "ana@acme.example")
	want := Contact{ID: mine.ID, CompanyID: companyID(t, s, "Acme"), Name: "Ana K.", Email: "ana@acme.example",
		Phone: "+1 555 0199", Role: RoleRecruiter, LinkedIn: "https://www.linkedin.com/in/ana", Notes: "my note"}
	if got != want {
		t.Errorf("after the import:\n got %+v\nwant %+v", got, want)
	}
	// The same card again adds nothing; a card from another company
	// does not move them.
	card.Phone = "+1 999"
	res, err = s.ImportContacts(ctx, []Contact{card}, []string{"Globex"})
	if err != nil || res.Unchanged != 1 || res.Updated+res.Added != 0 {
		t.Fatalf("second import: %+v, %v", res, err)
	}
	if got := contactByEmail(t, s, "ana@acme.example"); got != want {
		t.Errorf("the second import changed them: %+v", got)
	}
	if n := tableRows(t, s, "contacts"); n != 1 {
		t.Errorf("%d contacts, want 1", n)
	}
	if res.Summary() != "Imported contacts: 0 added, 0 updated, 1 unchanged, 0 skipped." {
		t.Errorf("summary %q", res.Summary())
	}
}

// A card's company is matched as an interview's is: "ACME, Inc." is the
// Acme already known, a name merged into a company goes to it, and a new
// name is a new company.
func TestImportContactsLinksCompaniesLikeInterviews(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if err := s.CreateInterviews(ctx, []*Interview{{Company: "Acme"}, {Company: "Acme Labs"}}); err != nil {
		t.Fatal(err)
	}
	acme := companyID(t, s, "Acme")
	if err := s.MergeCompanies(ctx, acme, companyID(t, s, "Acme Labs")); err != nil {
		t.Fatal(err)
	}
	cs := []Contact{{Name: "Ana", Email: "ana@acme.example"}, {Name: "Lee", Email: "lee@acme.example"},
		{Name: "Grace", Email: "grace@hooli.example"}, {Name: "Grace's colleague", Email: "g2@hooli.example"},
		{Name: "Freelancer", Email: "free@mail.example"}}
	res, err := s.ImportContacts(ctx, cs, []string{"ACME, Inc.", "Acme Labs", "Hooli", "hooli inc", ""})
	if err != nil || res.Added != 5 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	if n := tableRows(t, s, "companies"); n != 2 {
		t.Errorf("%d companies, want 2: Acme and the new Hooli", n)
	}
	hooli := companyID(t, s, "Hooli")
	for email, want := range map[string]int64{"ana@acme.example": acme, "lee@acme.example": acme,
		"grace@hooli.example": hooli, "g2@hooli.example": hooli, "free@mail.example": 0} {
		if got := contactByEmail(t, s, email).CompanyID; got != want {
			t.Errorf("%s is at company %d, want %d", email, got, want)
		}
	}
}

// A person without an email is the one of that name at that company with
// no email, as the linker made them from an interview.
func TestImportContactsWithoutEmailMatchByName(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if err := s.CreateInterview(ctx, &Interview{Company: "Globex", ContactName: "Sam Patel"}); err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportContacts(ctx, []Contact{{Name: "sam  PATEL", Phone: "+44 20"}, {Name: "Sam Patel"}},
		[]string{"Globex Corp.", "Initech"})
	if err != nil || res.Updated != 1 || res.Added != 1 {
		t.Fatalf("import: %+v, %v", res, err)
	}
	got, _ := s.Contacts(ctx, companyID(t, s, "Globex"))
	if len(got) != 1 || got[0].Name != "Sam Patel" || got[0].Phone != "+44 20" {
		t.Errorf("Globex's contacts: %+v, want Sam with the phone filled in", got)
	}
}

func TestImportContactsSkipsWhatCannotBeStored(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	cs := []Contact{
		{Phone: "+1 555 0100"},
		{Name: "Ana", Email: "ana@acme.example"},
		{Name: "Boss", Role: "boss"},
		{Name: "Long", Notes: strings.Repeat("n", MaxNotesBytes+1)},
		{Name: "Long company"},
		{Name: "Ana again", Email: "ana@ACME.example"}, // the one added above
	}
	res, err := s.ImportContacts(ctx, cs, []string{"Umbrella", "Acme", "", "", strings.Repeat("c", MaxFieldBytes+1), ""})
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 1 || res.Updated != 0 || res.Unchanged != 1 || len(res.Skipped) != 4 {
		t.Fatalf("result %+v", res)
	}
	for i, want := range []SkippedContact{
		{Index: 0, Label: "+1 555 0100", Reason: "it has no name and no email address"},
		{Index: 2, Label: "Boss", Reason: `unknown role "boss" (want recruiter, hiring-manager, interviewer, referral or other)`},
		{Index: 3, Label: "Long", Reason: "notes is too long (65 KiB; at most 64 KiB)"},
		{Index: 4, Label: "Long company", Reason: "company is too long (1.0 KiB; at most 1 KiB)"},
	} {
		if res.Skipped[i] != want {
			t.Errorf("skipped[%d] = %+v, want %+v", i, res.Skipped[i], want)
		}
	}
	if n := tableRows(t, s, "companies"); n != 1 {
		t.Errorf("%d companies, want only Acme: a skipped card adds none", n)
	}
	if _, err := s.ImportContacts(ctx, cs, []string{"one"}); err == nil {
		t.Error("company names that do not match the contacts were accepted")
	}
}

// Every fixture goes in; a second import of the same files changes
// nothing, and an interview with an imported person links to them.
func TestImportVCardFixtures(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	files, err := filepath.Glob(filepath.Join("testdata", "vcards", "*.vcf"))
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	importAll := func() ImportContactsResult {
		var total ImportContactsResult
		for _, name := range files {
			cs, orgs, _ := readFixture(t, filepath.Base(name))
			res, err := s.ImportContacts(ctx, cs, orgs)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			total.Added += res.Added
			total.Updated += res.Updated
			total.Unchanged += res.Unchanged
			total.Skipped = append(total.Skipped, res.Skipped...)
		}
		return total
	}
	first := importAll()
	if first.Added != 12 || first.Updated != 0 || first.Unchanged != 0 || len(first.Skipped) != 2 {
		t.Errorf("first import %+v, want 12 added and the 2 cards with no name or email skipped", first)
	}
	// Initech (Google, Android) and Initech Ltd (Outlook) are one company.
	if got, _ := s.Contacts(ctx, companyID(t, s, "Initech")); len(got) != 3 {
		t.Errorf("Initech has %d contacts, want 3", len(got))
	}
	again := importAll()
	if again.Added != 0 || again.Updated != 0 || again.Unchanged != 12 {
		t.Errorf("second import %+v, want all 12 unchanged", again)
	}
	iv := &Interview{Company: "Globex", ContactName: "Sam", ContactEmail: "sam.patel@GLOBEX.example"}
	if err := s.CreateInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	var linked string
	if err := s.db.QueryRow(`SELECT c.name FROM interview_contacts ic JOIN contacts c ON c.id = ic.contact_id
		WHERE ic.interview_id = ?`, iv.ID).Scan(&linked); err != nil || linked != "Sam Patel" {
		t.Errorf("the interview links to %q (%v), want the imported Sam Patel", linked, err)
	}
}

// Export as the command line does it: the contacts of one company or
// all, with their company names, read back the same.
func TestExportContactsAsVCards(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	b, err := os.ReadFile(filepath.Join("testdata", "vcards", "google-3.0.vcf"))
	if err != nil {
		t.Fatal(err)
	}
	cs, orgs, _, err := ReadVCards(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportContacts(ctx, cs, orgs); err != nil {
		t.Fatal(err)
	}
	list, err := s.Companies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[int64]string{}
	for _, c := range list {
		names[c.ID] = c.Name
	}
	stored, err := s.Contacts(ctx, companyID(t, s, "Globex"))
	if err != nil || len(stored) != 1 {
		t.Fatalf("Globex's contacts: %+v, %v", stored, err)
	}
	var out strings.Builder
	if err := WriteVCards(&out, stored, func(id int64) string { return names[id] }); err != nil {
		t.Fatal(err)
	}
	back, backOrgs, _, err := ReadVCards(strings.NewReader(out.String()))
	if err != nil || len(back) != 1 {
		t.Fatalf("read back %+v, %v", back, err)
	}
	want := stored[0]
	want.ID, want.CompanyID = 0, 0
	if back[0] != want || backOrgs[0] != "Globex Corp." || !strings.Contains(out.String(), "UID:"+contactUID(stored[0].ID)) {
		t.Errorf("exported\n%s\nread back %+v at %q, want %+v at Globex Corp.", out.String(), back[0], backOrgs[0], want)
	}
}

// A card's company is found exactly as an interview's is, even for a name
// of punctuation alone, so the two never make two companies of one.
func TestImportContactsFindCompaniesAsInterviewsDo(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if err := s.CreateInterviews(ctx, []*Interview{{Company: "!!!"}, {Company: "ACME, Inc."}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportContacts(ctx, []Contact{{Name: "Bo", Email: "bo@x.example"}, {Name: "Ana", Email: "ana@acme.example"}},
		[]string{"!!!", "Acme"}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "companies"); n != 2 {
		t.Errorf("%d companies after importing cards for the two there were", n)
	}
}
