package data

import (
	"bridgekeeper/textfold"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"
)

var tableNow = time.Date(2027, 6, 1, 12, 0, 0, 0, time.UTC)

func tableFixture() []Interview {
	h := time.Hour
	return []Interview{
		{ID: 1, Company: "beta", Role: "Dev", ContactName: "Zed", StartsAt: tableNow.Add(48 * h), Status: StatusScheduled, Notes: "Remote first"},
		{ID: 2, Company: "Alpha", Role: "Manager", ContactEmail: "hr@alpha.example", Status: StatusOffer},
		{ID: 3, Company: "gamma", Role: "dev", ContactName: "amy", StartsAt: tableNow.Add(-24 * h), Status: StatusAttended},
		{ID: 4, Company: "Beta", Role: "Designer", ContactName: "Bob", StartsAt: tableNow.Add(2 * h), Status: StatusRescheduled, Notes: "portfolio review"},
		{ID: 5, Company: "delta", Role: "", ContactName: "Çelik", StartsAt: tableNow.Add(20 * 24 * h), Status: StatusScheduled},
		{ID: 6, Company: "Epsilon", Role: "Dev Lead", ContactName: "Ann", StartsAt: tableNow.Add(3 * h), Status: StatusCancelled},
	}
}

func viewIDs(t *Table) []int64 {
	var ids []int64
	for i := 0; i < t.Len(); i++ {
		ids = append(ids, t.Row(i).ID)
	}
	return ids
}

func TestTableSortsEveryColumnBothWays(t *testing.T) {
	cases := []struct {
		col  Column
		desc bool
		want []int64
	}{
		// Case-insensitive, and equal keys keep the previous (When) order.
		{ColCompany, false, []int64{2, 4, 1, 5, 6, 3}},
		{ColCompany, true, []int64{3, 6, 5, 4, 1, 2}},
		{ColRole, false, []int64{5, 4, 3, 1, 6, 2}},
		{ColRole, true, []int64{2, 6, 3, 1, 4, 5}},
		// A contact without a name sorts by email.
		// Folded: Çelik sorts with the c's, not after z.
		{ColContact, false, []int64{3, 6, 4, 5, 2, 1}},
		{ColContact, true, []int64{1, 2, 5, 4, 6, 3}},
		// Undated interviews last in both directions.
		{ColWhen, false, []int64{3, 4, 6, 1, 5, 2}},
		{ColWhen, true, []int64{5, 1, 6, 4, 3, 2}},
		// Statuses in process order, not alphabetical.
		{ColStatus, false, []int64{1, 5, 4, 6, 3, 2}},
		{ColStatus, true, []int64{2, 3, 6, 4, 1, 5}},
	}
	for _, tc := range cases {
		t.Run(tc.col.String(), func(t *testing.T) {
			tb := NewTable(tableFixture())
			tb.Sort(tc.col, tc.desc)
			if got := viewIDs(tb); !slices.Equal(got, tc.want) {
				t.Errorf("Sort(%v, desc=%v) = %v, want %v", tc.col, tc.desc, got, tc.want)
			}
			if col, desc := tb.SortOrder(); col != tc.col || desc != tc.desc {
				t.Errorf("SortOrder = %v %v", col, desc)
			}
		})
	}
}

func TestTableSortIsStable(t *testing.T) {
	tb := NewTable(tableFixture())
	tb.Sort(ColRole, false)
	tb.Sort(ColCompany, false)
	// "beta" (Dev) and "Beta" (Designer) tie on company; role order decides.
	if got := viewIDs(tb); !slices.Equal(got, []int64{2, 4, 1, 5, 6, 3}) {
		t.Errorf("after role then company: %v", got)
	}
	tb.Sort(ColRole, true)
	tb.Sort(ColCompany, false)
	if got := viewIDs(tb); !slices.Equal(got, []int64{2, 1, 4, 5, 6, 3}) {
		t.Errorf("after role desc then company: %v", got)
	}
}

func TestTableFilter(t *testing.T) {
	cases := []struct {
		name string
		q    Query
		want []int64
	}{
		{"everything", Query{}, []int64{3, 4, 6, 1, 5, 2}},
		{"one word, any case", Query{Text: "BETA"}, []int64{4, 1}},
		{"all words must match", Query{Text: "beta dev"}, []int64{1}},
		{"words in different fields", Query{Text: "remote zed"}, []int64{1}},
		{"email", Query{Text: "hr@alpha"}, []int64{2}},
		{"notes", Query{Text: "portfolio"}, []int64{4}},
		{"non-ASCII contact", Query{Text: "çel"}, []int64{5}},
		{"no match across fields", Query{Text: "betadev"}, nil},
		{"status", Query{Status: StatusScheduled}, []int64{1, 5}},
		{"status and text", Query{Status: StatusScheduled, Text: "delta"}, []int64{5}},
		{"upcoming week skips cancelled and past", Query{UpcomingWithin: 7 * 24 * time.Hour, Now: tableNow}, []int64{4, 1}},
		{"upcoming month", Query{UpcomingWithin: 30 * 24 * time.Hour, Now: tableNow}, []int64{4, 1, 5}},
		{"upcoming and text", Query{UpcomingWithin: 30 * 24 * time.Hour, Now: tableNow, Text: "dev"}, []int64{1}},
		{"upcoming and status", Query{UpcomingWithin: 7 * 24 * time.Hour, Now: tableNow, Status: StatusRescheduled}, []int64{4}},
		{"blank text is no filter", Query{Text: "   "}, []int64{3, 4, 6, 1, 5, 2}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb := NewTable(tableFixture())
			n := tb.Filter(tc.q)
			if got := viewIDs(tb); !slices.Equal(got, tc.want) || n != len(tc.want) {
				t.Errorf("Filter(%+v) = %v (n=%d), want %v", tc.q, got, n, tc.want)
			}
			if tb.Total() != 6 {
				t.Errorf("Total = %d after filtering, want 6", tb.Total())
			}
		})
	}
}

func TestTableUpsertAndRemoveKeepOrderAndFilter(t *testing.T) {
	tb := NewTable(tableFixture())
	tb.Sort(ColCompany, false)
	tb.Filter(Query{Text: "dev"})
	if got := viewIDs(tb); !slices.Equal(got, []int64{1, 6, 3}) {
		t.Fatalf("start: %v", got)
	}

	// A new matching row lands in company order.
	tb.Upsert(Interview{ID: 7, Company: "Charlie", Role: "DevOps", Status: StatusScheduled})
	if got := viewIDs(tb); !slices.Equal(got, []int64{1, 7, 6, 3}) {
		t.Errorf("after insert: %v", got)
	}
	// A new row that does not match the filter is kept but not shown.
	tb.Upsert(Interview{ID: 8, Company: "Aardvark", Role: "Sales", Status: StatusScheduled})
	if got := viewIDs(tb); !slices.Equal(got, []int64{1, 7, 6, 3}) || tb.Total() != 8 {
		t.Errorf("after hidden insert: %v total %d", got, tb.Total())
	}
	// An edit that renames moves the row; one that stops matching hides it.
	tb.Upsert(Interview{ID: 3, Company: "Able", Role: "dev", Status: StatusAttended})
	tb.Upsert(Interview{ID: 6, Company: "Epsilon", Role: "Lead", Status: StatusCancelled})
	if got := viewIDs(tb); !slices.Equal(got, []int64{3, 1, 7}) {
		t.Errorf("after edits: %v", got)
	}
	if i := tb.Index(7); i != 2 || tb.Row(i).Company != "Charlie" {
		t.Errorf("Index(7) = %d", i)
	}
	// Clearing the filter shows the hidden rows in sort order.
	tb.Filter(Query{})
	if got := viewIDs(tb); !slices.Equal(got, []int64{8, 3, 2, 4, 1, 7, 5, 6}) {
		t.Errorf("unfiltered: %v", got)
	}
	if !tb.Remove(4) || tb.Remove(4) {
		t.Error("Remove should succeed once")
	}
	if got := viewIDs(tb); !slices.Equal(got, []int64{8, 3, 2, 1, 7, 5, 6}) || tb.Index(4) != -1 {
		t.Errorf("after remove: %v", got)
	}
	// The same rows sorted from scratch give the same order.
	fresh := make([]Interview, 0, tb.Len())
	for i := tb.Len() - 1; i >= 0; i-- {
		fresh = append(fresh, briefInterview(tb.Row(i)))
	}
	nt := NewTable(fresh)
	nt.Sort(ColCompany, false)
	if got, want := viewIDs(nt), viewIDs(tb); !slices.Equal(got, want) {
		t.Errorf("fresh sort %v differs from maintained order %v", got, want)
	}
	if tb.Row(-1) != nil || tb.Row(tb.Len()) != nil {
		t.Error("Row out of range should be nil")
	}
}

func TestGhostedCandidates(t *testing.T) {
	d := 24 * time.Hour
	old := tableNow.Add(-30 * d)
	ivs := []Interview{
		{ID: 1, Status: StatusAttended, StartsAt: old, CreatedAt: old},                   // quiet 30 days
		{ID: 2, Status: StatusOffer, CreatedAt: old},                                     // recent event
		{ID: 3, Status: StatusScheduled, StartsAt: old, CreatedAt: old},                  // wrong status
		{ID: 4, Status: StatusAttended, StartsAt: tableNow.Add(-5 * d), CreatedAt: old},  // attended recently
		{ID: 5, Status: StatusOffer, CreatedAt: old},                                     // exactly 14 days
		{ID: 6, Status: StatusOffer, CreatedAt: tableNow.Add(-3 * d)},                    // no events, new
		{ID: 7, Status: StatusGhosted, CreatedAt: old},                                   // already ghosted
		{ID: 8, Status: StatusAttended, StartsAt: tableNow.Add(-20 * d), CreatedAt: old}, // 20 days
	}
	last := map[int64]time.Time{
		1: old, 2: tableNow.Add(-2 * d), 4: old, 5: tableNow.Add(-GhostedAfter), 8: old,
	}
	got := GhostedCandidates(ivs, last, tableNow)
	if !slices.Equal(got, []int64{1, 5, 8}) {
		t.Errorf("GhostedCandidates = %v, want [1 5 8]", got)
	}
}

// TestTableSortMatchesReference checks many rows with many ties against a
// plain stable sort, through a sequence of sorts and edits.
func TestTableSortMatchesReference(t *testing.T) {
	ivs := benchInterviews(600, 9)
	for i := range ivs {
		// Few distinct values, so ties are common.
		ivs[i].Company = []string{"Acme", "acme", "Globex", "Zeta", " beta"}[i%5]
		ivs[i].Role = []string{"Dev", "PM", ""}[i%3]
		if i%7 == 0 {
			ivs[i].StartsAt = time.Time{}
		}
	}
	tb := NewTable(ivs)
	ref := slices.Clone(ivs)
	slices.SortStableFunc(ref, func(a, b Interview) int { return refCompare(ColWhen, false, a, b) })
	steps := []struct {
		col  Column
		desc bool
	}{
		{ColStatus, false}, {ColCompany, true}, {ColRole, false}, {ColWhen, true},
		{ColContact, false}, {ColCompany, false}, {ColStatus, true}, {ColWhen, false},
	}
	for i, st := range steps {
		if i == 4 {
			// Edits between sorts must leave the next sort consistent too.
			changed := ref[10]
			changed.Company = "Middle"
			tb.Upsert(changed)
			tb.Remove(ref[20].ID)
			col, desc := tb.SortOrder()
			for j := 1; j < tb.Len(); j++ {
				if refCompare(col, desc, briefInterview(tb.Row(j-1)), briefInterview(tb.Row(j))) > 0 {
					t.Fatalf("after Upsert/Remove rows %d and %d are out of %v order", j-1, j, col)
				}
			}
			// Carry on from the table's order, which the check above
			// showed is a valid one.
			ref = ref[:0]
			for j := 0; j < tb.Len(); j++ {
				ref = append(ref, briefInterview(tb.Row(j)))
			}
		}
		tb.Sort(st.col, st.desc)
		slices.SortStableFunc(ref, func(a, b Interview) int { return refCompare(st.col, st.desc, a, b) })
		got := viewIDs(tb)
		want := make([]int64, len(ref))
		for j := range ref {
			want[j] = ref[j].ID
		}
		if !slices.Equal(got, want) {
			t.Fatalf("step %d (%v desc=%v): table order differs from a stable sort", i, st.col, st.desc)
		}
	}
}

func refCompare(col Column, desc bool, a, b Interview) int {
	key := func(iv Interview) string {
		switch col {
		case ColCompany:
			return textfold.Fold(strings.TrimSpace(iv.Company))
		case ColRole:
			return textfold.Fold(strings.TrimSpace(iv.Role))
		case ColContact:
			if strings.TrimSpace(iv.ContactName) != "" {
				return textfold.Fold(strings.TrimSpace(iv.ContactName))
			}
			return textfold.Fold(strings.TrimSpace(iv.ContactEmail))
		}
		return ""
	}
	var c int
	switch col {
	case ColWhen:
		if a.StartsAt.IsZero() || b.StartsAt.IsZero() {
			switch {
			case a.StartsAt.IsZero() && b.StartsAt.IsZero():
				return 0
			case a.StartsAt.IsZero():
				return 1
			}
			return -1
		}
		c = a.StartsAt.Compare(b.StartsAt)
	case ColStatus:
		c = slices.Index(Statuses(), a.Status) - slices.Index(Statuses(), b.Status)
	default:
		c = strings.Compare(key(a), key(b))
	}
	if desc {
		c = -c
	}
	return c
}

// briefInterview is the interview a table row stands for, with the fields
// the table keeps (which are all these tests use).
func briefInterview(b *Brief) Interview {
	return Interview{ID: b.ID, Company: b.Company, Role: b.Role, ContactName: b.ContactName, ContactEmail: b.ContactEmail,
		StartsAt: b.StartsAt, TimeZone: b.TimeZone, Status: b.Status, Damage: b.Damage, RawStartsAt: b.RawStartsAt}
}

// The table keeps the Brief of each interview, sharing the strings rows
// repeat, and its Upcoming agrees with the Store-level Upcoming.
func TestTableKeepsBriefsAndFindsTheUpcoming(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	ivs := []Interview{
		{ID: 1, Company: "Acme", Notes: "long notes stay in the database", UID: "u1@bridgekeeper", StartsAt: now.Add(48 * time.Hour), TimeZone: "Europe/Berlin", Status: StatusScheduled},
		{ID: 2, Company: "Globex", StartsAt: now.Add(2 * time.Hour), TimeZone: "Europe/Berlin", Status: StatusRescheduled},
		{ID: 3, Company: "Initech", StartsAt: now.Add(-time.Hour), TimeZone: "UTC", Status: StatusScheduled},
		{ID: 4, Company: "Hooli", StartsAt: now.Add(time.Hour), TimeZone: "UTC", Status: StatusCancelled},
	}
	tb := NewTable(ivs)
	if b := tb.Row(tb.Index(1)); b.Company != "Acme" || b.TimeZone != "Europe/Berlin" || b.Status != StatusScheduled {
		t.Errorf("row 1 = %+v", *b)
	}
	a, g := tb.Row(tb.Index(1)), tb.Row(tb.Index(2))
	if unsafe.StringData(a.TimeZone) != unsafe.StringData(g.TimeZone) {
		t.Error("two rows in Europe/Berlin hold two copies of the zone's name")
	}
	tb.Filter(Query{Text: "database"})
	if got := viewIDs(tb); !slices.Equal(got, []int64{1}) {
		t.Errorf("a word of the notes found %v, want [1]: the notes are searched though not kept", got)
	}
	var got, want []int64
	for _, b := range tb.Upcoming(now) {
		got = append(got, b.ID)
	}
	for _, iv := range Upcoming(ivs, now) {
		want = append(want, iv.ID)
	}
	if !slices.Equal(got, want) || !slices.Equal(got, []int64{2, 1}) {
		t.Errorf("Upcoming = %v, Store-level Upcoming = %v, want [2 1]", got, want)
	}
}
