package data

import (
	"context"
	"strings"
	"testing"
)

func TestOneEditApart(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"globex", "globx", true}, {"globex", "glubex", true}, {"globex", "globexx", true},
		{"globex", "globex", false}, {"globex", "gloxeb", false}, {"acme", "acne", true}, {"abc", "xyz", false},
	} {
		if got := oneEditApart(c.a, c.b); got != c.want {
			t.Errorf("oneEditApart(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

// Names that may be one company are offered for merging, never names that
// are plainly different; a merge keeps every interview and sends the other
// name to the company kept; a pair kept apart is not offered again.
func TestMergeSuggestionsAndMerging(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ivs := []*Interview{
		{Company: "Acme", ContactEmail: "ana@acme.example"}, {Company: "Acme Labs"}, {Company: "Globex"}, {Company: "Globx"},
		{Company: "Glob Ex"}, {Company: "Initech"}, {Company: "Hooli"}, {Company: "Umbrella"},
	}
	if err := s.CreateInterviews(ctx, ivs); err != nil {
		t.Fatal(err)
	}
	got, err := s.MergeSuggestions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pairs := map[string]bool{}
	for _, m := range got {
		pairs[m.A.Name+"+"+m.B.Name] = true
		if m.Why == "" {
			t.Errorf("%s + %s: no reason given", m.A.Name, m.B.Name)
		}
	}
	for _, want := range []string{"Acme+Acme Labs", "Globex+Globx", "Globex+Glob Ex"} {
		if !pairs[want] {
			t.Errorf("not suggested: %s (got %v)", want, pairs)
		}
	}
	for p := range pairs {
		if strings.Contains(p, "Initech") || strings.Contains(p, "Hooli") || strings.Contains(p, "Umbrella") {
			t.Errorf("suggested %s", p)
		}
	}
	ids := map[string]int64{}
	for _, c := range got {
		ids[c.A.Name], ids[c.B.Name] = c.A.ID, c.B.ID
	}
	if err := s.MergeCompanies(ctx, ids["Acme"], ids["Acme Labs"]); err != nil {
		t.Fatal(err)
	}
	if name, _ := companyOf(t, s, ivs[1].ID); name != "Acme" {
		t.Errorf("after the merge Acme Labs' interview is with %q", name)
	}
	// A new interview under the merged name goes to the company kept.
	later := &Interview{Company: "ACME LABS Ltd"}
	if err := s.CreateInterview(ctx, later); err != nil {
		t.Fatal(err)
	}
	if name, _ := companyOf(t, s, later.ID); name != "Acme" {
		t.Errorf("a new Acme Labs interview went to %q", name)
	}
	if err := s.KeepApart(ctx, ids["Globx"], ids["Globex"]); err != nil {
		t.Fatal(err)
	}
	again, _ := s.MergeSuggestions(ctx)
	for _, m := range again {
		if (m.A.Name == "Globex" && m.B.Name == "Globx") || strings.HasPrefix(m.A.Name, "Acme") {
			t.Errorf("offered again: %s + %s", m.A.Name, m.B.Name)
		}
	}
	if err := s.MergeCompanies(ctx, ids["Globex"], ids["Globex"]); err == nil {
		t.Error("merging a company into itself was accepted")
	}
	if err := s.MergeCompanies(ctx, ids["Globex"], 999); err == nil {
		t.Error("merging a company that is not there was accepted")
	}
}
