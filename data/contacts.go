package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// contactColumns are a contact's columns in scanContact's order.
const contactColumns = `id, coalesce(company_id, 0), name, role, email, phone, linkedin, notes`

func scanContact(row scanner) (Contact, error) {
	var c Contact
	var role string
	err := row.Scan(&c.ID, &c.CompanyID, &c.Name, &role, &c.Email, &c.Phone, &c.LinkedIn, &c.Notes)
	c.Role = ContactRole(role)
	return c, err
}

// Contacts lists the contacts of one company, or with companyID 0 every
// contact, in company order (as Companies lists them; those with no
// company last), then by name, then by email. A company that does not
// exist has none.
func (s *Store) Contacts(ctx context.Context, companyID int64) ([]Contact, error) {
	out, err := queryAll(ctx, s.db, scanContact, `SELECT ct.id, coalesce(ct.company_id, 0), ct.name, ct.role, ct.email, ct.phone, ct.linkedin, ct.notes
		FROM contacts ct LEFT JOIN companies c ON c.id = ct.company_id
		WHERE ? = 0 OR ct.company_id = ?
		ORDER BY c.id IS NULL, c.match_key, c.id, ct.match_key = '', ct.match_key, lower(ct.email), ct.id`,
		companyID, companyID)
	return out, wrapErr("list contacts", err)
}

// tidyContact trims the white space around a contact's one-line fields
// and spells its role as stored.
func tidyContact(c *Contact) {
	for _, f := range []*string{&c.Name, &c.Email, &c.Phone, &c.LinkedIn} {
		*f = strings.TrimSpace(*f)
	}
	c.Role = ContactRole(strings.ToLower(strings.TrimSpace(string(c.Role))))
}

// validateContact checks a tidied contact: it needs a name or an email
// address, a known role, an address that is one, and fields within their
// limits. The problems come back as a ValidationError, one FieldError each,
// named name, email, role, phone, linkedin or notes.
func validateContact(c *Contact) error {
	var errs ValidationError
	if c.Name == "" && c.Email == "" {
		errs = append(errs, &FieldError{Field: "name", Msg: "a contact needs a name or an email address"})
	}
	if c.Role != "" && !slices.Contains(contactRoles(), c.Role) {
		errs = append(errs, &FieldError{Field: "role",
			Msg: fmt.Sprintf("unknown role %q (want recruiter, hiring-manager, interviewer, referral or other)", c.Role)})
	}
	if c.Email != "" && ValidateEmail(c.Email) != nil {
		errs = append(errs, &FieldError{Field: "email", Msg: fmt.Sprintf("%q is not a valid email address", c.Email)})
	}
	for _, f := range []struct {
		name, value string
		limit       int
	}{
		{"name", c.Name, MaxFieldBytes},
		{"email", c.Email, MaxFieldBytes},
		{"phone", c.Phone, MaxFieldBytes},
		{"linkedin", c.LinkedIn, MaxFieldBytes},
		{"notes", c.Notes, MaxNotesBytes},
	} {
		if len(f.value) > f.limit {
			errs = append(errs, &FieldError{Field: f.name, Msg: TooLong(f.name, len(f.value), f.limit)})
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// SaveContact stores a contact: a new one when c.ID is 0 (c.ID is set),
// else the changes to the one with that ID, which is ErrNotFound when
// there is none. Its fields are trimmed first and validated (see the
// ValidationError it returns): a name or an email is needed, the role must
// be one of the Role constants or "", the email must be an address and no
// other contact's, and the company (when CompanyID is not 0) must exist.
func (s *Store) SaveContact(ctx context.Context, c *Contact) error {
	tidyContact(c)
	if err := validateContact(c); err != nil {
		return err
	}
	stamp := formatStamp(time.Now().UTC())
	id := c.ID
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkContactLinks(ctx, tx, c); err != nil {
			return err
		}
		args := []any{nullID(c.CompanyID), c.Name, contactKey(c.Name), string(c.Role), c.Email, c.Phone, c.LinkedIn, c.Notes, stamp}
		if id == 0 {
			return tx.QueryRowContext(ctx, `INSERT INTO contacts
				(company_id, name, match_key, role, email, phone, linkedin, notes, updated_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, append(args, stamp)...).Scan(&c.ID)
		}
		res, err := tx.ExecContext(ctx, `UPDATE contacts SET company_id = ?, name = ?, match_key = ?, role = ?,
			email = ?, phone = ?, linkedin = ?, notes = ?, updated_at = ? WHERE id = ?`, append(args, id)...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmp.Or(err, fmt.Errorf("contact %d: %w", id, ErrNotFound))
		}
		return nil
	})
	if err != nil {
		c.ID = id
		var ve ValidationError
		if errors.As(err, &ve) || errors.Is(err, ErrNotFound) {
			return err
		}
		return wrapErr("save contact", err)
	}
	return nil
}

// checkContactLinks checks what a contact refers to in the database: its
// company must exist and its email must be no other contact's.
func checkContactLinks(ctx context.Context, tx *sql.Tx, c *Contact) error {
	var errs ValidationError
	if c.CompanyID != 0 {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM companies WHERE id = ?`, c.CompanyID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			errs = append(errs, &FieldError{Field: "company", Msg: fmt.Sprintf("there is no company %d", c.CompanyID)})
		}
	}
	if c.Email != "" {
		var other string
		err := tx.QueryRowContext(ctx, `SELECT name FROM contacts WHERE lower(email) = lower(?) AND email <> '' AND id <> ?
			ORDER BY id LIMIT 1`, c.Email, c.ID).Scan(&other)
		switch {
		case err == nil:
			errs = append(errs, &FieldError{Field: "email",
				Msg: fmt.Sprintf("%s is already the email of %s", c.Email, cmp.Or(other, "another contact"))})
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// ImportContactsResult says what ImportContacts did with each contact it
// was given: added, filled in (Updated), found with nothing to add
// (Unchanged), or skipped.
type ImportContactsResult struct {
	Added, Updated, Unchanged int
	Skipped                   []SkippedContact
}

// SkippedContact is a contact ImportContacts left out, and why.
type SkippedContact struct {
	Index  int    // its place in the list given, from 0
	Label  string // its name, email or phone; "" when it has none
	Reason string
}

// Summary is the result in one sentence, digits without separators, for
// people and scripts: "Imported contacts: 2 added, 1 updated, 3 unchanged,
// 1 skipped."
func (r ImportContactsResult) Summary() string {
	return fmt.Sprintf("Imported contacts: %d added, %d updated, %d unchanged, %d skipped.",
		r.Added, r.Updated, r.Unchanged, len(r.Skipped))
}

// ImportContacts adds or completes many contacts in one transaction, as
// from a vCard file; companyNames, when given, holds each one's company
// name ("" for none), as ReadVCards returns them.
//
// A contact with an email is the existing one with that address, whatever
// its case; one without is the existing one of the same name (folded) in
// the same company that has no email either, as interviews link them. An
// existing contact only has its empty fields filled in: what the user has
// is never overwritten. A company name is matched as interviews match it
// (CompanyKey, then the names merged companies keep), and a new one is
// added. A contact with neither name nor email, or one that is invalid, is
// skipped with the reason, and the rest are stored; an error means none
// was.
func (s *Store) ImportContacts(ctx context.Context, cs []Contact, companyNames []string) (ImportContactsResult, error) {
	if len(companyNames) != 0 && len(companyNames) != len(cs) {
		return ImportContactsResult{}, fmt.Errorf("import contacts: %d company names for %d contacts", len(companyNames), len(cs))
	}
	var res ImportContactsResult
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res = ImportContactsResult{}
		im, err := newContactImporter(ctx, tx)
		if err != nil {
			return err
		}
		defer im.close()
		for i, c := range cs {
			company := ""
			if len(companyNames) > 0 {
				company = companyNames[i]
			}
			if err := im.importOne(&res, i, c, company); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return ImportContactsResult{}, wrapErr("import contacts", err)
	}
	return res, nil
}

// contactImporter stores contacts inside one transaction, with its
// statements prepared once and the companies it has found remembered.
type contactImporter struct {
	ctx   context.Context
	tx    *sql.Tx
	stamp string
	stmt  map[string]*sql.Stmt
	// link finds or adds a card's company exactly as interviews' are.
	link *linker
}

// contactImportSQL is the importer's statements, by name.
func contactImportSQL() map[string]string {
	return map[string]string{
		"byEmail": `SELECT ` + contactColumns + ` FROM contacts
			WHERE lower(email) = lower(?) AND email <> '' ORDER BY id LIMIT 1`,
		"byName": `SELECT ` + contactColumns + ` FROM contacts
			WHERE email = '' AND company_id IS ? AND match_key = ? ORDER BY id LIMIT 1`,
		"add": `INSERT INTO contacts (company_id, name, match_key, role, email, phone, linkedin, notes, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		"fill": `UPDATE contacts SET company_id = ?, name = ?, match_key = ?, role = ?, phone = ?, linkedin = ?, notes = ?,
			updated_at = ? WHERE id = ?`,
	}
}

func newContactImporter(ctx context.Context, tx *sql.Tx) (*contactImporter, error) {
	stmt, err := prepareAll(ctx, tx, contactImportSQL())
	if err != nil {
		return nil, err
	}
	l, err := newLinker(ctx, tx)
	if err != nil {
		closeAll(stmt)
		return nil, err
	}
	return &contactImporter{ctx: ctx, tx: tx, stamp: l.stamp, stmt: stmt, link: l}, nil
}

func (im *contactImporter) close() {
	closeAll(im.stmt)
	im.link.close()
}

// importOne adds, fills in, or skips one contact, counting it in res.
func (im *contactImporter) importOne(res *ImportContactsResult, i int, c Contact, company string) error {
	tidyContact(&c)
	company = strings.TrimSpace(company)
	skip := func(reason string) error {
		res.Skipped = append(res.Skipped, SkippedContact{Index: i, Label: cmp.Or(c.Name, c.Email, c.Phone), Reason: reason})
		return nil
	}
	if c.Name == "" && c.Email == "" {
		return skip("it has no name and no email address")
	}
	if err := validateContact(&c); err != nil {
		return skip(err.Error())
	}
	if len(company) > MaxFieldBytes {
		return skip(TooLong("company", len(company), MaxFieldBytes))
	}
	if company != "" {
		id, err := im.link.company(company)
		if err != nil {
			return err
		}
		c.CompanyID = id
	}
	known, found, err := im.find(c)
	switch {
	case err != nil:
		return err
	case !found:
		res.Added++
		_, err := im.stmt["add"].ExecContext(im.ctx, nullID(c.CompanyID), c.Name, contactKey(c.Name), string(c.Role),
			c.Email, c.Phone, c.LinkedIn, c.Notes, im.stamp, im.stamp)
		return err
	case !fillEmpty(&known, c):
		res.Unchanged++
		return nil
	}
	res.Updated++
	_, err = im.stmt["fill"].ExecContext(im.ctx, nullID(known.CompanyID), known.Name, contactKey(known.Name), string(known.Role),
		known.Phone, known.LinkedIn, known.Notes, im.stamp, known.ID)
	return err
}

// find is the existing contact c is: by email, or with none by name in
// the same company among those with no email.
func (im *contactImporter) find(c Contact) (Contact, bool, error) {
	var row *sql.Row
	if c.Email != "" {
		row = im.stmt["byEmail"].QueryRowContext(im.ctx, c.Email)
	} else {
		row = im.stmt["byName"].QueryRowContext(im.ctx, nullID(c.CompanyID), contactKey(c.Name))
	}
	known, err := scanContact(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Contact{}, false, nil
	}
	return known, err == nil, err
}

// fillEmpty gives known each field it lacks that c has, and reports
// whether it gained any.
func fillEmpty(known *Contact, c Contact) bool {
	changed := false
	for _, f := range []struct{ dst, src *string }{
		{&known.Name, &c.Name}, {&known.Phone, &c.Phone}, {&known.LinkedIn, &c.LinkedIn}, {&known.Notes, &c.Notes},
	} {
		if *f.dst == "" && *f.src != "" {
			*f.dst, changed = *f.src, true
		}
	}
	if known.Role == "" && c.Role != "" {
		known.Role, changed = c.Role, true
	}
	if known.CompanyID == 0 && c.CompanyID != 0 {
		known.CompanyID, changed = c.CompanyID, true
	}
	return changed
}
