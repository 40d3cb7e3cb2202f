package advice

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// phraseRe matches ws as adjacent words in raw article text, independently
// of the index: each word whole or, with prefix, as the start of a word.
func phraseRe(ws []string, prefix bool) *regexp.Regexp {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = regexp.QuoteMeta(w)
		if prefix {
			parts[i] += `[\pL\pN'’]*`
		}
	}
	return regexp.MustCompile(`(?i)(^|[^\pL\pN'’])` + strings.Join(parts, `[^\pL\pN]+`) + `($|[^\pL\pN'’])`)
}

func articleText(a *Article) string {
	return strings.Join([]string{a.Title, a.Summary, strings.Join(a.Tags, " | "), strings.Join(a.Scenarios, " | "), a.Category, a.Body}, " | ")
}

// TestSearchEveryTableEntryFindsItsGroup searches for every entry of the
// synonym table and checks the hits against an oracle that reads the raw
// articles: an article is found when it has the query as typed (words as
// word starts) or any other entry of the group as whole words, and no other
// article is. This is what makes "sick" find the illness articles.
func TestSearchEveryTableEntryFindsItsGroup(t *testing.T) {
	lib := load(t)
	texts := map[*Article]string{}
	for _, a := range lib.All() {
		texts[a] = articleText(a)
	}
	// uses[e] holds the articles that have entry e as whole words.
	uses := map[string][]string{}
	for _, group := range synonymGroups() {
		for _, e := range group {
			re := phraseRe(strings.Fields(e), false)
			for _, a := range lib.All() {
				if re.MatchString(texts[a]) {
					uses[e] = append(uses[e], a.Slug)
				}
			}
		}
	}
	for _, group := range synonymGroups() {
		for _, query := range group {
			t.Run(query, func(t *testing.T) {
				typed := phraseRe(strings.Fields(query), true)
				var want []string
				for _, a := range lib.All() {
					if typed.MatchString(texts[a]) {
						want = append(want, a.Slug)
					}
				}
				for _, e := range group {
					want = append(want, uses[e]...)
				}
				slices.Sort(want)
				want = slices.Compact(want)
				if got := resultSlugs(lib.Search(query, 0)); !sameSet(got, want) {
					t.Errorf("Search(%q) = %v, want exactly %v", query, got, want)
				}
			})
		}
	}
}

// TestSearchQueriesPeopleType checks the article a person is after comes
// first (or at least is found) for searches that use other words than the
// articles do.
func TestSearchQueriesPeopleType(t *testing.T) {
	lib := load(t)
	tests := []struct {
		query string
		first string   // the top hit, or "" to skip the check
		found []string // must be among the hits
	}{
		// No article says "sick"; these say "illness", "unwell", "a health problem".
		{"sick", "is-cancelling-unprofessional", []string{"giving-a-reason-without-oversharing", "what-to-say-when-cancelling", "withdrawing-from-the-process"}},
		{"SICK", "is-cancelling-unprofessional", nil},
		{"sick interview", "", []string{"what-to-say-when-cancelling", "last-minute-cancellation"}},
		{"ill", "", []string{"what-to-say-when-cancelling"}}, // "unwell" only
		{"running late", "running-late-to-an-interview", nil},
		{"delayed", "running-late-to-an-interview", nil},
		{"held up", "running-late-to-an-interview", nil},
		{"running behind", "running-late-to-an-interview", nil},
		// The titles say "Job Offer"; the others say only "offer".
		{"job offer", "", []string{"asking-for-more-time-on-an-offer"}},
		{"counteroffer", "", []string{"declining-an-offer", "withdrawing-after-accepting-an-offer"}},
		{"postpone", "rescheduling-an-interview", nil},
		{"postpone interview", "rescheduling-an-interview", nil},
		{"canceled", "", []string{"cancel-step-by-step", "last-minute-cancellation"}},
		{"call off interview", "", []string{"cancel-without-burning-bridges", "what-to-say-when-cancelling"}},
		{"drop out", "", []string{"withdrawing-from-the-process"}},
		{"reject offer", "declining-an-offer", nil},
		{"turn down invitation", "declining-an-interview-invitation", nil},
		{"apologize", "apologising-for-a-cancellation", nil},
		{"ghosted", "when-they-go-quiet", nil},
	}
	for _, tt := range tests {
		got := resultSlugs(lib.Search(tt.query, 0))
		if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
			t.Errorf("Search(%q) = %v, want %s first", tt.query, got, tt.first)
		}
		for _, s := range tt.found {
			if !slices.Contains(got, s) {
				t.Errorf("Search(%q) = %v, want it to include %s", tt.query, got, s)
			}
		}
	}
}

// TestSearchRanksTypedWordsAboveSynonyms: every article holding the word
// as typed ranks above every article found only through a synonym.
func TestSearchRanksTypedWordsAboveSynonyms(t *testing.T) {
	lib := load(t)
	for _, query := range []string{"ill", "unwell", "delay", "delayed", "withdraw", "sorry", "turn down", "reschedule"} {
		t.Run(query, func(t *testing.T) {
			typed := phraseRe(strings.Fields(query), true)
			got := lib.Search(query, 0)
			direct, synonym := 0, 0
			for i, r := range got {
				if typed.MatchString(articleText(r.Article)) {
					direct++
					if synonym > 0 {
						t.Errorf("%s (has %q) at %d ranks below a synonym-only hit: %v", r.Article.Slug, query, i, resultSlugs(got))
					}
				} else {
					synonym++
				}
			}
			if direct == 0 || synonym == 0 {
				t.Fatalf("Search(%q): %d direct and %d synonym-only hits; the test needs both", query, direct, synonym)
			}
		})
	}
}

// TestSynonymsMatchWholeWords: a synonym stands in for whole words only, so
// "sick" (via "ill") must not find "will" or "skills", and "delay" (via
// "late") must not find "later".
func TestSynonymsMatchWholeWords(t *testing.T) {
	lib := load(t)
	tests := []struct{ query, lookalike, only string }{
		{"sick", "will", "running-late-to-an-interview"},
		{"sick", "skills", "interviewing-without-accepting"},
		{"delay", "later", "reconnecting-after-stepping-away"},
	}
	for _, tt := range tests {
		a, ok := lib.Get(tt.only)
		if !ok {
			t.Fatalf("no article %s", tt.only)
		}
		// The premise: the article has the look-alike and nothing the query
		// should find.
		if !phraseRe([]string{tt.lookalike}, false).MatchString(articleText(a)) {
			t.Fatalf("%s no longer contains %q; pick another article", tt.only, tt.lookalike)
		}
		for _, r := range lib.Search(tt.query, 0) {
			if r.Article == a {
				t.Errorf("Search(%q) finds %s, which only has %q", tt.query, tt.only, tt.lookalike)
			}
		}
	}
}

// TestSynonymSnippetShowsTheSynonym: an article found through a synonym
// shows the passage that uses it, not the summary.
func TestSynonymSnippetShowsTheSynonym(t *testing.T) {
	lib := load(t)
	illness := regexp.MustCompile(`(?i)\b(ill|illness|unwell|health problem)\b`)
	got := lib.Search("sick", 0)
	if len(got) == 0 {
		t.Fatal("Search(sick) found nothing")
	}
	for _, r := range got {
		if illness.MatchString(r.Article.Body) && !illness.MatchString(r.Snippet) {
			t.Errorf("Search(sick) %s: snippet %q shows no illness word", r.Article.Slug, r.Snippet)
		}
		if n := utf8.RuneCountInString(r.Snippet); n > 125 {
			t.Errorf("Search(sick) %s: snippet is %d runes", r.Article.Slug, n)
		}
	}
}

// TestSynonymTableIsWellFormed: entries are folded as queries are (or they
// could never match), each appears once, and each group holds at least one
// word or phrase the articles really use.
func TestSynonymTableIsWellFormed(t *testing.T) {
	lib := load(t)
	seen := map[string]bool{}
	for _, group := range synonymGroups() {
		if len(group) < 2 {
			t.Errorf("group %v has nothing to stand in for", group)
		}
		used := false
		for _, e := range group {
			if f := strings.Join(words(e), " "); f != e {
				t.Errorf("entry %q is not folded (want %q)", e, f)
			}
			if seen[e] {
				t.Errorf("entry %q is in two groups", e)
			}
			seen[e] = true
			re := phraseRe(strings.Fields(e), false)
			used = used || slices.ContainsFunc(lib.All(), func(a *Article) bool { return re.MatchString(articleText(a)) })
		}
		if !used {
			t.Errorf("no article uses any word of group %v", group)
		}
	}
}

// TestQueryTermsTakeTheLongestPhrase: a phrase the table knows is one term
// with the rest of its group as synonyms, minus those the typed words
// already find; words it does not know stay single terms.
func TestQueryTermsTakeTheLongestPhrase(t *testing.T) {
	terms := queryTerms("Running LATE to the interview")
	var typed []string
	for _, tm := range terms {
		typed = append(typed, strings.Join(tm.typed, " "))
	}
	if want := []string{"interview", "running late", "the", "to"}; !slices.Equal(typed, want) {
		t.Fatalf("terms = %q, want %q", typed, want)
	}
	alts := terms[1].alts
	for _, p := range []string{"delay", "held up", "late"} {
		if !slices.ContainsFunc(alts, func(a phrase) bool { return strings.Join(a, " ") == p }) {
			t.Errorf("running late: synonyms %q lack %q", alts, p)
		}
	}
	late := queryTerms("late")
	if len(late) != 1 {
		t.Fatalf("late: %d terms", len(late))
	}
	for _, a := range late[0].alts {
		if a[0] == "late" || a[0] == "lateness" {
			t.Errorf("late: synonym %q repeats what the typed word finds", a)
		}
	}
}

// TestPackScoreOrder: each field outranks everything after it, and the
// largest score is still an exact float64 integer.
func TestPackScoreOrder(t *testing.T) {
	top := hits{9999, 9999, 9999}
	tests := []struct {
		name   string
		hi, lo float64
	}{
		{"typed term beats everything", packScore(1, hits{}, hits{}), packScore(0, top, top)},
		{"direct title beats synonym title", packScore(1, hits{title: 1}, hits{}), packScore(1, hits{}, top)},
		{"synonym title beats direct summary", packScore(1, hits{}, hits{title: 1}), packScore(1, hits{meta: 999, body: 999}, hits{meta: 99, body: 99})},
		{"direct body beats synonym body", packScore(1, hits{body: 1}, hits{}), packScore(1, hits{}, hits{body: 99})},
	}
	for _, tt := range tests {
		if !(tt.hi > tt.lo) {
			t.Errorf("%s: %v <= %v", tt.name, tt.hi, tt.lo)
		}
	}
	if m := packScore(100, top, top); m >= 1<<53 || m-1 == m {
		t.Errorf("largest score %v is not an exact float64 integer", m)
	}
}
