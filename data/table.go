package data

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"bridgekeeper/textfold"
)

// Column is a sortable column of the tracker table.
type Column int

// The tracker's sortable columns, in display order.
const (
	ColCompany Column = iota
	ColRole
	ColContact
	ColWhen
	ColStatus
)

// Columns lists every column in display order.
func Columns() []Column { return []Column{ColCompany, ColRole, ColContact, ColWhen, ColStatus} }

// String names the column for logs, test and benchmark names, as its Go
// identifier ("ColCompany"). It is not a heading: the tracker's column
// headings are presentation and live in package views.
func (c Column) String() string {
	switch c {
	case ColCompany:
		return "ColCompany"
	case ColRole:
		return "ColRole"
	case ColContact:
		return "ColContact"
	case ColWhen:
		return "ColWhen"
	case ColStatus:
		return "ColStatus"
	}
	return fmt.Sprintf("Column(%d)", int(c))
}

// Query selects the rows a Table shows. The zero Query shows every row.
type Query struct {
	// Text keeps rows whose company, role, contact name, contact email or
	// notes contain every word of it, ignoring case and accents.
	Text string
	// Status keeps rows with this status; "" means any.
	Status Status
	// UpcomingWithin, when positive, keeps scheduled or rescheduled rows
	// that start between Now and Now+UpcomingWithin.
	UpcomingWithin time.Duration
	Now            time.Time
}

// Brief is what the tracker's table keeps of an interview: what its rows
// show, sort and filter on. The rest (notes, location, calendar UIDs,
// timestamps) stays in the database until a row is opened, which makes
// 100,000 rows about 40 MB lighter than keeping whole interviews.
type Brief struct {
	ID                                       int64
	Company, Role, ContactName, ContactEmail string
	StartsAt                                 time.Time
	TimeZone                                 string
	Status                                   Status
	// Damage and RawStartsAt are Interview's: what could not be read.
	Damage, RawStartsAt string
}

// Brief is the part of iv the tracker's table keeps.
func (iv *Interview) Brief() Brief {
	return Brief{ID: iv.ID, Company: iv.Company, Role: iv.Role, ContactName: iv.ContactName,
		ContactEmail: iv.ContactEmail, StartsAt: iv.StartsAt, TimeZone: iv.TimeZone, Status: iv.Status,
		Damage: iv.Damage, RawStartsAt: iv.RawStartsAt}
}

// row is an interview's Brief with everything sorting and searching need
// worked out once, so neither allocates or lower-cases per comparison.
type row struct {
	b      Brief
	search string // folded searchable fields (textfold), NUL-separated
	// keys locates the company, role and contact inside search, trimmed:
	// the text sort keys, folded so "Müller" sorts with "Muller".
	keys   [3][2]uint32
	status uint64
	when   uint64
	live   bool
}

// interner hands out one copy of each string it is given, for fields that
// repeat from row to row (time zones, statuses), so 100,000 rows share a
// few dozen strings instead of holding 200,000.
type interner map[string]string

func (in interner) of(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	in[s] = s
	return s
}

func newRow(iv *Interview, in interner) row {
	// One folded string holds every searchable field, NUL-separated so a
	// search word cannot match across two fields; the sort keys are
	// slices of it.
	search := textfold.Fold(strings.Join([]string{iv.Company, iv.Role, iv.ContactName, iv.ContactEmail, iv.Notes}, "\x00"))
	var fields [4][2]uint32
	start := 0
	for i := range fields {
		end := len(search) // only if folding ever dropped a separator
		if j := strings.IndexByte(search[start:], 0); j >= 0 {
			end = start + j
		}
		lo, hi := trimmed(search, start, end)
		fields[i] = [2]uint32{uint32(lo), uint32(hi)}
		start = min(end+1, len(search))
	}
	contact := fields[2]
	if contact[0] == contact[1] {
		contact = fields[3] // no name: the email stands for the contact
	}
	b := iv.Brief()
	b.TimeZone, b.Status = in.of(iv.TimeZone), Status(in.of(string(iv.Status)))
	search = pack(&b, search)
	return row{
		b: b, search: search, live: true,
		keys:   [3][2]uint32{fields[0], fields[1], contact},
		status: statusRank(iv.Status),
		when:   whenKey(iv.StartsAt),
	}
}

// pack copies the row's texts into one allocation and points b's fields
// and the returned search text into it. Scanned from the database, each
// text was its own allocation among others (notes, UIDs) the table does
// not keep; packed, a row's texts share one block, and the memory the
// load used is handed back whole.
func pack(b *Brief, search string) string {
	fields := []*string{&b.Company, &b.Role, &b.ContactName, &b.ContactEmail, &b.Damage, &b.RawStartsAt}
	n := len(search)
	for _, f := range fields {
		n += len(*f)
	}
	var sb strings.Builder
	sb.Grow(n)
	sb.WriteString(search)
	for _, f := range fields {
		sb.WriteString(*f)
	}
	all := sb.String()
	at := len(search)
	for _, f := range fields {
		l := len(*f)
		*f = all[at : at+l]
		at += l
	}
	return all[:len(search)]
}

// trimmed narrows s[lo:hi] to leave out surrounding white space.
func trimmed(s string, lo, hi int) (int, int) {
	t := strings.TrimSpace(s[lo:hi])
	if t == "" {
		return lo, lo
	}
	lo += strings.Index(s[lo:hi], t)
	return lo, lo + len(t)
}

func statusRank(s Status) uint64 {
	if i := slices.Index(Statuses(), s); i >= 0 {
		return uint64(i)
	}
	return uint64(len(Statuses()))
}

// text returns the row's key for a text column.
func (r *row) text(col Column) string {
	k := r.keys[0]
	switch col {
	case ColRole:
		k = r.keys[1]
	case ColContact:
		k = r.keys[2]
	}
	return r.search[k[0]:k[1]]
}

// Table is the tracker's in-memory model: every interview, kept in the
// chosen sort order, and the view of the rows the current Query matches.
// A Table is not safe for concurrent use; the UI owns it.
//
// Rows live in one slice indexed by a fixed slot, and the sort order and
// view are slot lists, so Filter walks memory front to back and Sort sorts
// small integer keys: both stay within a frame or two at 100,000 rows.
type Table struct {
	rows  []row   // by slot; a removed row leaves a dead slot for reuse
	free  []int32 // dead slots
	order []int32 // live slots in sort order
	view  []int32 // the slots of order that match the query
	match []bool  // by slot: whether the row passes the query
	byID  map[int64]int32
	// keys[col] holds each slot's sort key for col, packed so that Sort
	// reads one small array instead of the rows. For a text column it is
	// the rank among the column's distinct values, worked out when the
	// column is first sorted and again after an Upsert, since a new value
	// can fall between two ranks.
	keys  [ColStatus + 1][]uint64
	col   Column
	desc  bool
	query Query
	words []string
	// strings is the interner for the fields rows share.
	strings interner
}

// NewTable builds a table of ivs sorted by When, soonest first (the order
// Store.Interviews returns, so this sort is cheap), showing every row. Rows
// are identified by ID: of two interviews with one ID the later is kept.
func NewTable(ivs []Interview) *Table {
	t := &Table{
		strings: interner{},
		col:     ColWhen,
		byID:    make(map[int64]int32, len(ivs)),
		rows:    make([]row, 0, len(ivs)),
		order:   make([]int32, 0, len(ivs)),
		match:   make([]bool, 0, len(ivs)),
	}
	t.keys[ColWhen] = make([]uint64, 0, len(ivs))
	t.keys[ColStatus] = make([]uint64, 0, len(ivs))
	for _, iv := range ivs {
		if s, dup := t.byID[iv.ID]; dup {
			t.setRow(s, iv)
			continue
		}
		s := int32(len(t.rows))
		t.rows = append(t.rows, row{})
		t.keys[ColWhen] = append(t.keys[ColWhen], 0)
		t.keys[ColStatus] = append(t.keys[ColStatus], 0)
		t.match = append(t.match, true)
		t.setRow(s, iv)
		t.order = append(t.order, s)
		t.byID[iv.ID] = s
	}
	t.Sort(ColWhen, false)
	return t
}

// setRow stores iv in slot s with its keys. Text ranks are dropped, since
// the new values may fall between two of them.
func (t *Table) setRow(s int32, iv Interview) {
	t.rows[s] = newRow(&iv, t.strings)
	t.keys[ColWhen][s] = t.rows[s].when
	t.keys[ColStatus][s] = t.rows[s].status
	for c := range ColWhen {
		t.keys[c] = nil
	}
}

// Len is the number of rows in the view.
func (t *Table) Len() int { return len(t.view) }

// Total is the number of rows in the table, shown or not.
func (t *Table) Total() int { return len(t.order) }

// Row returns the i-th row of the view, or nil when i is out of range. It
// belongs to the table and is valid until the table next changes; the
// whole interview is the Store's (Store.Interview).
func (t *Table) Row(i int) *Brief {
	if i < 0 || i >= len(t.view) {
		return nil
	}
	return &t.rows[t.view[i]].b
}

// Upcoming returns the scheduled and rescheduled interviews that start
// from now on, soonest first: what reminders look at.
func (t *Table) Upcoming(now time.Time) []Brief {
	var out []Brief
	for s := range t.rows {
		if r := &t.rows[s]; r.live && briefUpcoming(&r.b, now, 0) {
			out = append(out, r.b)
		}
	}
	slices.SortStableFunc(out, func(a, b Brief) int {
		if c := a.StartsAt.Compare(b.StartsAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// briefUpcoming is isUpcoming for a table's row.
func briefUpcoming(b *Brief, now time.Time, within time.Duration) bool {
	iv := Interview{StartsAt: b.StartsAt, Status: b.Status}
	return isUpcoming(&iv, now, within)
}

// Index returns the view position of the interview with this ID, or -1.
func (t *Table) Index(id int64) int {
	s, ok := t.byID[id]
	if !ok {
		return -1
	}
	return slices.Index(t.view, s)
}

// SortOrder reports the current sort column and direction.
func (t *Table) SortOrder() (Column, bool) { return t.col, t.desc }

// Query returns the current query.
func (t *Table) Query() Query { return t.query }

// undated is the When key of an interview with no date: last either way,
// since a date is what the When column is read for.
const undated = math.MaxUint64

// whenKey maps a start time to an integer in the same order.
func whenKey(t time.Time) uint64 {
	if t.IsZero() {
		return undated
	}
	// Flipping the sign bit keeps signed order in unsigned space.
	return min(uint64(t.Unix())^(1<<63), undated-1)
}

// sortKeys returns each slot's key for col, in ascending order of the
// column; text columns get their ranks computed first.
func (t *Table) sortKeys(col Column) []uint64 {
	if t.keys[col] == nil {
		t.rank(col)
	}
	return t.keys[col]
}

// compare orders two rows by the current column and direction without
// ranks, for placing one row by binary search.
func (t *Table) compare(a, b int32) int {
	ra, rb := &t.rows[a], &t.rows[b]
	var c int
	switch t.col {
	case ColCompany, ColRole, ColContact:
		c = strings.Compare(ra.text(t.col), rb.text(t.col))
	case ColStatus:
		c = cmp.Compare(ra.status, rb.status)
	case ColWhen:
		if ra.when == undated || rb.when == undated {
			return cmp.Compare(ra.when, rb.when) // undated last either way
		}
		c = cmp.Compare(ra.when, rb.when)
	}
	if t.desc {
		c = -c
	}
	return c
}

// rank numbers the distinct values of a text column in string order.
func (t *Table) rank(col Column) {
	ids := make(map[string]uint64)
	for s := range t.rows {
		if t.rows[s].live {
			ids[t.rows[s].text(col)] = 0
		}
	}
	distinct := make([]string, 0, len(ids))
	for v := range ids {
		distinct = append(distinct, v)
	}
	slices.Sort(distinct)
	for i, v := range distinct {
		ids[v] = uint64(i)
	}
	ranks := make([]uint64, len(t.rows))
	for s := range t.rows {
		if t.rows[s].live {
			ranks[s] = ids[t.rows[s].text(col)]
		}
	}
	t.keys[col] = ranks
}

// Sort orders the rows by col, keeping the previous order among equal keys
// (so sorting by status after company leaves each status group by company).
func (t *Table) Sort(col Column, desc bool) {
	t.col, t.desc = col, desc
	colKeys := t.sortKeys(col)
	type sortKey struct {
		key       uint64
		pos, slot int32
	}
	keys := make([]sortKey, len(t.order))
	for i, s := range t.order {
		k := colKeys[s]
		if desc && k != undated {
			k = undated - 1 - k
		}
		keys[i] = sortKey{key: k, pos: int32(i), slot: s}
	}
	// An unstable sort with the old position as tie-break is stable, and
	// much faster than slices.SortStableFunc.
	slices.SortFunc(keys, func(a, b sortKey) int {
		if a.key != b.key {
			return cmp.Compare(a.key, b.key)
		}
		return cmp.Compare(a.pos, b.pos)
	})
	for i := range keys {
		t.order[i] = keys[i].slot
	}
	t.rebuildView()
}

// Filter shows only the rows matching q and returns how many there are.
func (t *Table) Filter(q Query) int {
	t.query = q
	t.words = strings.Fields(textfold.Fold(q.Text)) // folded like row.search
	for s := range t.rows {
		t.match[s] = t.rows[s].live && t.matches(&t.rows[s])
	}
	t.rebuildView()
	return len(t.view)
}

func (t *Table) matches(r *row) bool {
	q := &t.query
	if q.Status != "" && r.b.Status != q.Status {
		return false
	}
	if q.UpcomingWithin > 0 && !briefUpcoming(&r.b, q.Now, q.UpcomingWithin) {
		return false
	}
	for _, w := range t.words {
		if !strings.Contains(r.search, w) {
			return false
		}
	}
	return true
}

func (t *Table) rebuildView() {
	t.view = t.view[:0]
	for _, s := range t.order {
		if t.match[s] {
			t.view = append(t.view, s)
		}
	}
}

// Upsert adds iv, or replaces the interview with the same ID, and puts it
// where the current sort and query place it.
func (t *Table) Upsert(iv Interview) {
	s, ok := t.byID[iv.ID]
	switch {
	case ok:
		t.order = slices.Delete(t.order, slices.Index(t.order, s), slices.Index(t.order, s)+1)
	case len(t.free) > 0:
		s = t.free[len(t.free)-1]
		t.free = t.free[:len(t.free)-1]
	default:
		s = int32(len(t.rows))
		t.rows = append(t.rows, row{})
		t.keys[ColWhen] = append(t.keys[ColWhen], 0)
		t.keys[ColStatus] = append(t.keys[ColStatus], 0)
		t.match = append(t.match, false)
	}
	t.setRow(s, iv)
	t.byID[iv.ID] = s
	t.match[s] = t.matches(&t.rows[s])
	// After every row it ties with, as if it had been at the end before the
	// last Sort.
	at, _ := slices.BinarySearchFunc(t.order, s, func(e, target int32) int {
		if t.compare(e, target) <= 0 {
			return -1
		}
		return 1
	})
	t.order = slices.Insert(t.order, at, s)
	t.rebuildView()
}

// Remove drops the interview with this ID and reports whether it was there.
func (t *Table) Remove(id int64) bool {
	s, ok := t.byID[id]
	if !ok {
		return false
	}
	delete(t.byID, id)
	t.order = slices.Delete(t.order, slices.Index(t.order, s), slices.Index(t.order, s)+1)
	t.rows[s] = row{}
	t.match[s] = false
	t.free = append(t.free, s)
	t.rebuildView()
	return true
}

// GhostedAfter is how long an attended interview or an offer may go without
// news before the tracker suggests marking it ghosted.
const GhostedAfter = 14 * 24 * time.Hour

// GhostedCandidates returns, by ascending ID, the interviews that are
// attended or at offer and have been quiet for GhostedAfter: nothing on
// their timeline (lastEvent, from Store.LastEventTimes) and the interview
// itself no more recent than that.
func GhostedCandidates(ivs []Interview, lastEvent map[int64]time.Time, now time.Time) []int64 {
	var out []int64
	for _, iv := range ivs {
		if iv.Status != StatusAttended && iv.Status != StatusOffer {
			continue
		}
		quiet := iv.CreatedAt
		for _, t := range []time.Time{lastEvent[iv.ID], iv.StartsAt} {
			if t.After(quiet) {
				quiet = t
			}
		}
		if !quiet.IsZero() && now.Sub(quiet) >= GhostedAfter {
			out = append(out, iv.ID)
		}
	}
	slices.Sort(out)
	return out
}
