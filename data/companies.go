package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"bridgekeeper/textfold"
)

// Company is a company the user has dealt with: a record of its own, which
// every interview with it links to.
type Company struct {
	ID      int64
	Name    string
	Website string
	Notes   string
}

// ContactRole says who a contact is to the user's search.
type ContactRole string

// The roles a contact can have; "" when not known.
const (
	RoleRecruiter     ContactRole = "recruiter"
	RoleHiringManager ContactRole = "hiring-manager"
	RoleInterviewer   ContactRole = "interviewer"
	RoleReferral      ContactRole = "referral"
	RoleOther         ContactRole = "other"
)

// Contact is a person at a company.
type Contact struct {
	ID        int64
	CompanyID int64 // 0 when not known
	Name      string
	Role      ContactRole
	Email     string
	Phone     string
	LinkedIn  string
	Notes     string
}

// legalSuffixes are the words a company name may end in that say only what
// kind of company it is; CompanyKey drops them, so "ACME, Inc." and "Acme"
// are one company.
func legalSuffixes() []string {
	return []string{
		"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "llp", "lp",
		"plc", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "ab", "as", "aps",
		"kk", "pty", "pte", "sl", "se", "group",
	}
}

// CompanyKey is the key two spellings of one company share: the name
// folded (case and accents), its punctuation dropped and its legal
// suffixes taken off ("Müller GmbH & Co. KG" gives "muller"). A name that
// is nothing but a suffix ("Company") keeps it.
func CompanyKey(name string) string {
	// Dots go first, so "S.A." and "Co." read as the words "sa" and "co".
	folded := strings.ReplaceAll(textfold.Fold(name), ".", "")
	words := strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '&'
	})
	// "&" joins words ("AT&T"), but a lone one before a suffix ("& Co") goes;
	// "The Company Ltd" keeps "company" rather than shrink to "the".
	suffix := legalSuffixes()
	for len(words) > 1 && (slices.Contains(suffix, words[len(words)-1]) || words[len(words)-1] == "&") {
		if len(words) == 2 && words[0] == "the" {
			break
		}
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// contactKey is the key of a contact with no email: the folded name.
func contactKey(name string) string { return strings.Join(strings.Fields(textfold.Fold(name)), " ") }

// linker links interviews to companies and contacts inside one write
// transaction, remembering what it found so a batch looks each up once.
// Its statements are prepared once per transaction: an import links
// thousands of rows in each.
type linker struct {
	ctx       context.Context
	tx        *sql.Tx
	stamp     string
	companies map[string]int64 // by match key
	contacts  map[string]int64 // by "e:"+email or "n:"+company+":"+name key
	stmt      map[string]*sql.Stmt
	// complete is set when companies and contacts hold every one there is
	// (loaded up front for a large batch), so a miss needs no query.
	complete bool
}

// preloadAt is the batch size from which the linker reads every company
// and contact first: one scan instead of a query a row.
const preloadAt = 500

// preload reads every company key and contact into the linker's maps.
func (l *linker) preload() error {
	rows, err := l.tx.QueryContext(l.ctx, `SELECT match_key, id FROM companies
		UNION ALL SELECT match_key, company_id FROM company_aliases`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var key string
		var id int64
		if err := rows.Scan(&key, &id); err != nil {
			rows.Close()
			return err
		}
		l.companies[key] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = l.tx.QueryContext(l.ctx, `SELECT id, coalesce(company_id, 0), match_key, email FROM contacts`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, company int64
		var key, mail string
		if err := rows.Scan(&id, &company, &key, &mail); err != nil {
			return err
		}
		if mail != "" {
			l.contacts["e:"+strings.ToLower(mail)] = id
		} else {
			l.contacts[fmt.Sprintf("n:%d:%s", company, key)] = id
		}
	}
	l.complete = true
	return rows.Err()
}

// companyByKeySQL finds the company a match key stands for (twice bound:
// the key, then the key again for the aliases).
const companyByKeySQL = `SELECT id FROM companies WHERE match_key = ?
	UNION ALL SELECT company_id FROM company_aliases WHERE match_key = ? LIMIT 1`

// linkerSQL is the linker's statements, by name.
func linkerSQL() map[string]string {
	return map[string]string{
		"findCompany": companyByKeySQL,
		"addCompany":  `INSERT INTO companies (name, match_key, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id`,
		"byEmail":     `SELECT id, name, company_id FROM contacts WHERE lower(email) = lower(?) AND email <> '' LIMIT 1`,
		"byName":      `SELECT id, name, company_id FROM contacts WHERE email = '' AND company_id IS ? AND match_key = ? LIMIT 1`,
		"addContact": `INSERT INTO contacts (company_id, name, match_key, email, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		"fillContact": `UPDATE contacts SET name = ?, match_key = ?, company_id = coalesce(company_id, ?) WHERE id = ?`,
		"link":        `INSERT OR IGNORE INTO interview_contacts (interview_id, contact_id, auto) VALUES (?, ?, 1)`,
		"linked":      `UPDATE interviews SET company_id = ?, contacts_linked = 1 WHERE id = ?`,
	}
}

// linkUnlinked links every interview whose company or contacts are not
// linked yet: new rows, changed ones, and rows another program wrote. It
// runs in each write transaction, where it costs one indexed query when
// there is nothing to do.
func linkUnlinked(ctx context.Context, tx *sql.Tx) error {
	todo, err := pendingLinks(ctx, tx)
	if err != nil || len(todo) == 0 {
		return wrapErr("find interviews to link", err)
	}
	l, err := newLinker(ctx, tx)
	if err != nil {
		return wrapErr("link interviews", err)
	}
	defer l.close()
	if len(todo) >= preloadAt {
		if err := l.preload(); err != nil {
			return wrapErr("link interviews", err)
		}
	}
	for _, t := range todo {
		if err := l.link(t); err != nil {
			return wrapErr("link interviews to companies", err)
		}
	}
	return nil
}

// newLinker prepares a linker's statements in tx; close releases them.
func newLinker(ctx context.Context, tx *sql.Tx) (*linker, error) {
	stmt, err := prepareAll(ctx, tx, linkerSQL())
	if err != nil {
		return nil, err
	}
	return &linker{ctx: ctx, tx: tx, stamp: formatStamp(time.Now().UTC()),
		companies: map[string]int64{}, contacts: map[string]int64{}, stmt: stmt}, nil
}

func (l *linker) close() { closeAll(l.stmt) }

// prepareAll prepares each named statement in tx; on a failure it closes
// those already prepared.
func prepareAll(ctx context.Context, tx *sql.Tx, queries map[string]string) (map[string]*sql.Stmt, error) {
	stmt := make(map[string]*sql.Stmt, len(queries))
	for name, q := range queries {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			closeAll(stmt)
			return nil, err
		}
		stmt[name] = st
	}
	return stmt, nil
}

// closeAll closes prepared statements.
func closeAll(stmt map[string]*sql.Stmt) {
	for _, st := range stmt {
		st.Close()
	}
}

type toLink struct {
	id                  int64
	companyID           sql.NullInt64
	company, name, mail string
}

// pendingLinks reads the interviews whose company or contacts need linking.
func pendingLinks(ctx context.Context, tx *sql.Tx) ([]toLink, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, company_id, company, contact_name, contact_email
		FROM interviews WHERE company_id IS NULL OR contacts_linked = 0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []toLink
	for rows.Next() {
		var t toLink
		if err := rows.Scan(&t.id, &t.companyID, &t.company, &t.name, &t.mail); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// link gives one interview its company (unless it has one) and the
// contact link its contact fields make.
func (l *linker) link(t toLink) error {
	companyID := t.companyID.Int64
	if !t.companyID.Valid {
		id, err := l.company(t.company)
		if err != nil {
			return err
		}
		companyID = id
	}
	// The triggers took away the links the old fields made.
	name, mail := strings.TrimSpace(t.name), strings.TrimSpace(t.mail)
	if name != "" || mail != "" {
		cid, err := l.contact(companyID, name, mail)
		if err != nil {
			return err
		}
		if _, err := l.stmt["link"].ExecContext(l.ctx, t.id, cid); err != nil {
			return err
		}
	}
	_, err := l.stmt["linked"].ExecContext(l.ctx, companyID, t.id)
	return err
}

// company finds the company a name stands for, or adds it.
func (l *linker) company(name string) (int64, error) {
	display := strings.TrimSpace(name)
	key := CompanyKey(name)
	switch {
	case display == "":
		// Only another program writes a blank company; it must not stop
		// every later write, so it gets a name of its own.
		display, key = "Unnamed company", "#"
	case key == "":
		key = "#" + display // a name of punctuation alone keeps itself
	}
	if id, ok := l.companies[key]; ok {
		return id, nil
	}
	var id int64
	err := sql.ErrNoRows
	if !l.complete {
		err = l.stmt["findCompany"].QueryRowContext(l.ctx, key, key).Scan(&id)
	}
	if errors.Is(err, sql.ErrNoRows) {
		err = l.stmt["addCompany"].QueryRowContext(l.ctx, display, key, l.stamp, l.stamp).Scan(&id)
	}
	if err != nil {
		return 0, err
	}
	l.companies[key] = id
	return id, nil
}

// contact finds a person by email, or with no email by name within the
// company, or adds them; a name or company learnt later fills in a gap.
func (l *linker) contact(companyID int64, name, mail string) (int64, error) {
	key := "e:" + strings.ToLower(mail)
	if mail == "" {
		key = fmt.Sprintf("n:%d:%s", companyID, contactKey(name))
	}
	if id, ok := l.contacts[key]; ok {
		return id, nil
	}
	var id int64
	var known string
	var knownCompany sql.NullInt64
	err := sql.ErrNoRows
	switch {
	case l.complete:
		// Every contact is in the map: this one is new.
	case mail != "":
		err = l.stmt["byEmail"].QueryRowContext(l.ctx, mail).Scan(&id, &known, &knownCompany)
	default:
		err = l.stmt["byName"].QueryRowContext(l.ctx, nullID(companyID), contactKey(name)).Scan(&id, &known, &knownCompany)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		err = l.stmt["addContact"].QueryRowContext(l.ctx, nullID(companyID), name, contactKey(name), mail, l.stamp, l.stamp).Scan(&id)
	case err == nil && ((known == "" && name != "") || (!knownCompany.Valid && companyID != 0)):
		if known != "" {
			name = known
		}
		_, err = l.stmt["fillContact"].ExecContext(l.ctx, name, contactKey(name), nullID(companyID), id)
	}
	if err != nil {
		return 0, err
	}
	l.contacts[key] = id
	return id, nil
}

// nullID is an ID for SQL, NULL for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// Bridge says how things stand with a company, from the history of every
// interview with it.
type Bridge string

// The states a bridge can be in.
const (
	// BridgeInProcess: an interview or offer with them is still open.
	BridgeInProcess Bridge = "in-process"
	// BridgeLeftWell: the user stepped back and sent them a message.
	BridgeLeftWell Bridge = "left-well"
	// BridgeLeftSilently: the user withdrew, cancelled or declined and
	// filed no message: one is worth writing now.
	BridgeLeftSilently Bridge = "left-without-a-word"
	// BridgeWentQuiet: they stopped answering.
	BridgeWentQuiet Bridge = "went-quiet"
	// BridgeSaidNo: they turned the user down.
	BridgeSaidNo Bridge = "said-no"
	// BridgeNoContact: a company with no interview yet.
	BridgeNoContact Bridge = "no-contact"
)

// Label is the bridge as people say it.
func (b Bridge) Label() string {
	switch b {
	case BridgeInProcess:
		return "in process"
	case BridgeLeftWell:
		return "left well"
	case BridgeLeftSilently:
		return "left without a word"
	case BridgeWentQuiet:
		return "they went quiet"
	case BridgeSaidNo:
		return "they said no"
	}
	return "no contact yet"
}

// CompanySummary is a company with what its history adds up to.
type CompanySummary struct {
	Company
	Bridge Bridge
	// Interviews counts every interview with the company, Open those still
	// in process.
	Interviews, Open int
	// LastContact is the latest thing on any of its timelines; zero when
	// there is nothing.
	LastContact time.Time
}

// Companies lists every company with its bridge status, by name.
func (s *Store) Companies(ctx context.Context) ([]CompanySummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.name, c.website, c.notes,
		i.id, i.status, i.starts_at,
		(SELECT count(*) FROM events e WHERE e.interview_id = i.id AND e.kind = 'draft'),
		(SELECT max(at) FROM events e WHERE e.interview_id = i.id AND e.kind <> 'created')
		FROM companies c LEFT JOIN interviews i ON i.company_id = c.id
		ORDER BY c.match_key, c.id, i.updated_at`)
	if err != nil {
		return nil, wrapErr("list companies", err)
	}
	defer rows.Close()
	var out []CompanySummary
	now := time.Now()
	for rows.Next() {
		var c Company
		var ivID sql.NullInt64
		var status, starts, lastEvent sql.NullString
		var drafts sql.NullInt64
		if err := rows.Scan(&c.ID, &c.Name, &c.Website, &c.Notes, &ivID, &status, &starts, &drafts, &lastEvent); err != nil {
			return nil, wrapErr("list companies", err)
		}
		if len(out) == 0 || out[len(out)-1].ID != c.ID {
			out = append(out, CompanySummary{Company: c, Bridge: BridgeNoContact})
		}
		if ivID.Valid {
			out[len(out)-1].add(Status(status.String), drafts.Int64 > 0, starts.String, lastEvent.String, now)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, wrapErr("list companies", err)
	}
	return out, nil
}

// add counts one interview, read in order of its last change, into the
// summary: an open one keeps the bridge in process; otherwise the latest
// says how things were left. The last contact is the latest exchange on
// its timeline (a message, a status change, a note), or the interview
// itself once it has taken place; adding it to the tracker is not contact.
func (c *CompanySummary) add(st Status, messaged bool, starts, lastEvent string, now time.Time) {
	c.Interviews++
	if t, err := parseTime(lastEvent); err == nil && t.After(c.LastContact) {
		c.LastContact = t
	}
	if t, err := parseTime(starts); err == nil && !t.IsZero() && !t.After(now) && t.After(c.LastContact) {
		c.LastContact = t
	}
	var b Bridge
	switch st {
	case StatusScheduled, StatusRescheduled, StatusAttended, StatusOffer, StatusAccepted:
		c.Open++
		b = BridgeInProcess
	case StatusWithdrawn, StatusCancelled, StatusDeclined:
		b = BridgeLeftSilently
		if messaged {
			b = BridgeLeftWell
		}
	case StatusRejected:
		b = BridgeSaidNo
	case StatusGhosted:
		b = BridgeWentQuiet
	default:
		return
	}
	if c.Open == 0 || b == BridgeInProcess {
		c.Bridge = b
	}
}

// FindCompany finds the company a name stands for, as interviews are
// matched to companies; ErrNotFound when there is none.
func (s *Store) FindCompany(ctx context.Context, name string) (Company, error) {
	key := CompanyKey(name)
	var c Company
	err := s.db.QueryRowContext(ctx, `SELECT id, name, website, notes FROM companies WHERE id = (`+companyByKeySQL+`)`,
		key, key).Scan(&c.ID, &c.Name, &c.Website, &c.Notes)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("%w: no company called %q", ErrNotFound, strings.TrimSpace(name))
	}
	return c, wrapErr("find company", err)
}

// HistoryEntry is one thing on a company's history: an event of one of its
// interviews, with the interview it belongs to.
type HistoryEntry struct {
	Event
	Role     string
	StartsAt time.Time
}

// CompanyHistory is everything on the timelines of a company's interviews,
// oldest first: each interview's start, its status changes, notes and
// every message filed.
func (s *Store) CompanyHistory(ctx context.Context, companyID int64) ([]HistoryEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+prefixed("e.", eventColumns)+`, i.role, i.starts_at
		FROM events e JOIN interviews i ON i.id = e.interview_id
		WHERE i.company_id = ? ORDER BY e.at, e.id`, companyID)
	if err != nil {
		return nil, wrapErr("load the company's history", err)
	}
	defer rows.Close()
	var out []HistoryEntry
	for rows.Next() {
		var h HistoryEntry
		var starts string
		e, err := scanEvent(rows, &h.Role, &starts)
		if err != nil {
			return nil, wrapErr("load the company's history", err)
		}
		h.Event = e
		h.StartsAt, _ = parseTime(starts) // a damaged date shows as none
		out = append(out, h)
	}
	return out, wrapErr("load the company's history", rows.Err())
}

// OpenProcesses lists the interviews still in play other than except:
// scheduled, rescheduled or at an offer, soonest first. Accepting one
// offer means writing to each of these.
func (s *Store) OpenProcesses(ctx context.Context, except int64) ([]Interview, error) {
	out, err := queryAll(ctx, s.db, func(sc scanner) (Interview, error) { return scanInterview(sc) }, `SELECT `+interviewColumns+` FROM interviews
		WHERE id <> ? AND status IN ('scheduled', 'rescheduled', 'offer')
		ORDER BY starts_at = '', starts_at, id`, except)
	return out, wrapErr("list open interviews", err)
}

// queryAll runs a query and reads every row with scan.
func queryAll[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SaveCompany stores a company's name, website and notes. A new name
// keeps the old one as an alias, so interviews under it still find it.
func (s *Store) SaveCompany(ctx context.Context, c Company) error {
	c.Name, c.Website, c.Notes = strings.TrimSpace(c.Name), strings.TrimSpace(c.Website), strings.TrimSpace(c.Notes)
	var errs ValidationError
	if c.Name == "" {
		errs = append(errs, &FieldError{Field: "name", Msg: "a company needs a name"})
	}
	for _, f := range [][2]string{{"name", c.Name}, {"website", c.Website}} {
		if field, v := f[0], f[1]; len(v) > MaxFieldBytes {
			errs = append(errs, &FieldError{Field: field, Msg: TooLong(field, len(v), MaxFieldBytes)})
		}
	}
	if len(c.Notes) > MaxNotesBytes {
		errs = append(errs, &FieldError{Field: "notes", Msg: TooLong("notes", len(c.Notes), MaxNotesBytes)})
	}
	if len(errs) > 0 {
		return errs
	}
	return wrapErr("save company", s.inTx(ctx, func(tx *sql.Tx) error {
		var oldKey string
		err := tx.QueryRowContext(ctx, `SELECT match_key FROM companies WHERE id = ?`, c.ID).Scan(&oldKey)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: no company %d", ErrNotFound, c.ID)
		}
		if err != nil {
			return err
		}
		key := CompanyKey(c.Name)
		if key != oldKey {
			var other int64
			err := tx.QueryRowContext(ctx, companyByKeySQL, key, key).Scan(&other)
			if err == nil && other != c.ID {
				return &FieldError{Field: "name", Msg: "another company already goes by that name: merge them instead"}
			}
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO company_aliases (match_key, company_id) VALUES (?, ?)`, oldKey, c.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM company_aliases WHERE match_key = ?`, key); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE companies SET name = ?, match_key = ?, website = ?, notes = ?, updated_at = ? WHERE id = ?`,
			c.Name, key, c.Website, c.Notes, formatStamp(time.Now().UTC()), c.ID)
		return err
	}))
}
