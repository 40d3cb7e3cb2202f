package data

import (
	"slices"
	"testing"
)

// foldFixture holds the names people type without their accents.
func foldFixture() []Interview {
	return []Interview{
		{ID: 1, Company: "Müller GmbH", Role: "Backend engineer", ContactName: "Zoë Brandt"},
		{ID: 2, Company: "MULLER & SONS", Role: "Data analyst", ContactName: "Ana Roe"},
		{ID: 3, Company: "Nubank", Role: "SRE", ContactName: "João Silva", Notes: "Office in São Paulo"},
		{ID: 4, Company: "Straßenbahn AG", Role: "Designer", ContactName: "Søren Ødegård"},
		{ID: 5, Company: "Acme", Role: "QA lead", ContactName: "Çağla Yıldız"},
		{ID: 6, Company: "Mulberry", Role: "Product manager", ContactName: "Zoe Park"},
	}
}

// TestTableFilterIgnoresAccents checks the searches a person types without
// (or with) accents against rows stored the other way round.
func TestTableFilterIgnoresAccents(t *testing.T) {
	cases := []struct {
		query string
		want  []int64
	}{
		{"muller", []int64{1, 2}},
		{"Muller", []int64{1, 2}},
		{"müller", []int64{1, 2}},
		{"MÜLLER", []int64{1, 2}},
		{"mu\u0308ller", []int64{1, 2}}, // ü typed as u + combining diaeresis
		{"zoe", []int64{1, 6}},
		{"zoë", []int64{1, 6}},
		{"sao paulo", []int64{3}},
		{"São Paulo", []int64{3}},
		{"joao", []int64{3}},
		{"strasse", []int64{4}},
		{"straße", []int64{4}},
		{"soren odegard", []int64{4}},
		{"cagla yildiz", []int64{5}},
		{"çağla", []int64{5}},
		// Folding must not loosen anything else.
		{"mul", []int64{1, 2, 6}},
		{"muller analyst", []int64{2}},
		{"mueller", nil},
		{"zoe analyst", nil},
		{"sao paulo lisbon", nil},
	}
	tb := NewTable(foldFixture())
	for _, tc := range cases {
		n := tb.Filter(Query{Text: tc.query})
		got := viewIDs(tb)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) || n != len(tc.want) {
			t.Errorf("Filter(%q) = %v (n=%d), want %v", tc.query, got, n, tc.want)
		}
	}
}

// An edited row is folded again: Upsert must not leave the old search text.
func TestTableUpsertFoldsTheNewText(t *testing.T) {
	tb := NewTable(foldFixture())
	iv := briefInterview(tb.Row(tb.Index(6)))
	tb.Filter(Query{Text: "goteborg"})
	if tb.Len() != 0 {
		t.Fatalf("goteborg matched %v before any row mentioned it", viewIDs(tb))
	}
	iv.Notes = "Relocation to Göteborg"
	tb.Upsert(iv)
	if got := viewIDs(tb); !slices.Equal(got, []int64{6}) {
		t.Errorf("after Upsert, goteborg = %v, want [6]", got)
	}
	iv.Notes = ""
	tb.Upsert(iv)
	if got := viewIDs(tb); len(got) != 0 {
		t.Errorf("after clearing the note, goteborg = %v, want nothing", got)
	}
}

// Sort keys are the trimmed, folded fields, and a contact with no name
// sorts by its email, whatever odd characters the fields hold.
func TestTableSortKeysFromOddFields(t *testing.T) {
	for _, c := range []struct {
		name                   string
		iv                     Interview
		company, role, contact string
	}{
		{"padded", Interview{Company: "  Müller AG ", Role: "\tDev ", ContactName: " Zoë "}, "muller ag", "dev", "zoe"},
		{"blank name: the email", Interview{Company: "A", ContactName: "   ", ContactEmail: " HR@A.example "}, "a", "", "hr@a.example"},
		{"a NUL inside a field", Interview{Company: "X\x00Y", Role: "R", ContactName: "N"}, "x", "y", "r"},
		{"all empty", Interview{}, "", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newRow(&c.iv, interner{})
			if got := [3]string{r.text(ColCompany), r.text(ColRole), r.text(ColContact)}; got != [3]string{c.company, c.role, c.contact} {
				t.Errorf("keys = %q, want %q", got, [3]string{c.company, c.role, c.contact})
			}
			if r.b.Company != c.iv.Company || r.b.ContactEmail != c.iv.ContactEmail {
				t.Errorf("the row's Brief changed the texts: %+v", r.b)
			}
		})
	}
}
