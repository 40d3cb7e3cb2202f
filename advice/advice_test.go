package advice

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"bridgekeeper/assets"
)

// requiredSlugs are the articles the composer's warnings link to.
func requiredSlugs() []string {
	return []string{
		"cancel-without-burning-bridges",
		"is-cancelling-unprofessional",
		"cancel-step-by-step",
		"last-minute-cancellation",
		"interviewing-for-a-job-you-dont-want",
		"apologising-for-a-cancellation",
		"what-to-say-when-cancelling",
		"withdrawing-from-the-process",
		"walking-out-of-an-interview",
		"interviewing-without-accepting",
		"declining-during-the-interview",
		"rescheduling-an-interview",
		"following-up-after-cancelling",
		"declining-an-offer",
		"declining-an-interview-invitation",
		"giving-a-reason-without-oversharing",
		"keeping-your-tone-professional",
	}
}

func load(t testing.TB) *Library {
	t.Helper()
	lib, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return lib
}

func TestEveryArticleIsWellFormed(t *testing.T) {
	lib := load(t)
	names, err := assets.Articles.ReadDir("articles")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(lib.All()); got != len(names) || got < 15 {
		t.Fatalf("loaded %d articles from %d files, want all of them and at least 15", got, len(names))
	}
	for _, a := range lib.All() {
		t.Run(a.Slug, func(t *testing.T) {
			if a.Title == "" || a.Summary == "" {
				t.Errorf("title %q, summary %q: both required", a.Title, a.Summary)
			}
			if strings.ContainsAny(a.Summary, "\n\r") {
				t.Errorf("summary spans several lines")
			}
			if !slices.Contains(Categories(), a.Category) {
				t.Errorf("category %q unknown", a.Category)
			}
			if len(a.Scenarios) == 0 {
				t.Errorf("no scenarios")
			}
			for _, s := range a.Scenarios {
				if !slices.Contains(ScenarioIDs(), s) {
					t.Errorf("scenario %q unknown", s)
				}
			}
			if a.Words < 250 || a.Words > 600 {
				t.Errorf("body has %d words, want 250–600", a.Words)
			}
			if strings.HasPrefix(strings.TrimSpace(a.Body), "---") {
				t.Errorf("body still holds front matter")
			}
			checkClosingSection(t, a.Body)
		})
	}
}

// checkClosingSection asserts the body ends with a "What to do now" heading
// followed only by a 3–6 item bulleted list.
func checkClosingSection(t *testing.T, body string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(body), "\n")
	last := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "## ") {
			last = i
		}
	}
	if last < 0 || strings.TrimSpace(lines[last]) != "## What to do now" {
		t.Errorf("last section is not \"## What to do now\"")
		return
	}
	items := 0
	for _, l := range lines[last+1:] {
		switch {
		case strings.TrimSpace(l) == "":
		case strings.HasPrefix(l, "- ") && len(strings.TrimSpace(l)) > 2:
			items++
		default:
			t.Errorf("\"What to do now\" holds a non-list line %q", l)
		}
	}
	if items < 3 || items > 6 {
		t.Errorf("\"What to do now\" has %d items, want 3–6", items)
	}
}

func TestRequiredSlugsCategoriesAndScenariosAreCovered(t *testing.T) {
	lib := load(t)
	for _, slug := range requiredSlugs() {
		a, ok := lib.Get(slug)
		if !ok {
			t.Errorf("article %q missing", slug)
			continue
		}
		if a.Slug != slug {
			t.Errorf("Get(%q) returned %q", slug, a.Slug)
		}
	}
	if _, ok := lib.Get("no-such-article"); ok {
		t.Errorf("Get of an unknown slug succeeded")
	}
	for _, id := range ScenarioIDs() {
		if len(lib.ForScenario(id)) == 0 {
			t.Errorf("no article covers scenario %q", id)
		}
	}
	total := 0
	for _, c := range Categories() {
		arts := lib.ByCategory(c)
		if len(arts) == 0 {
			t.Errorf("category %q has no articles", c)
		}
		for _, a := range arts {
			if a.Category != c {
				t.Errorf("ByCategory(%q) returned %s in %q", c, a.Slug, a.Category)
			}
		}
		total += len(arts)
	}
	if total != len(lib.All()) {
		t.Errorf("categories hold %d articles, library %d", total, len(lib.All()))
	}
	if got := lib.ByCategory("Gardening"); got != nil {
		t.Errorf("ByCategory(unknown) = %d articles, want none", len(got))
	}
}

func TestAllIsInDisplayOrder(t *testing.T) {
	all := load(t).All()
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		ca, cb := slices.Index(Categories(), a.Category), slices.Index(Categories(), b.Category)
		if ca > cb || ca == cb && strings.ToLower(a.Title) > strings.ToLower(b.Title) {
			t.Errorf("%q (%s) listed before %q (%s)", a.Title, a.Category, b.Title, b.Category)
		}
	}
	// All hands out a copy: callers may reorder it without harm.
	all[0], all[1] = all[1], all[0]
	if again := load(t).All(); again[0] == all[0] {
		t.Errorf("All returned shared storage")
	}
}

func TestForScenarioPutsMainSubjectFirst(t *testing.T) {
	lib := load(t)
	tests := []struct{ id, first string }{
		{"cancel", "cancel-without-burning-bridges"},
		{"reschedule", "rescheduling-an-interview"},
		{"last-minute", "last-minute-cancellation"},
		{"withdraw", "withdrawing-from-the-process"},
		{"apology", "apologising-for-a-cancellation"},
		{"decline-offer", "declining-an-offer"},
		{"follow-up", "following-up-after-cancelling"},
	}
	for _, tt := range tests {
		got := lib.ForScenario(tt.id)
		if len(got) == 0 || got[0].Slug != tt.first {
			t.Errorf("ForScenario(%q) first = %v, want %s", tt.id, slugs(got), tt.first)
		}
		for i, a := range got {
			if !slices.Contains(a.Scenarios, tt.id) {
				t.Errorf("ForScenario(%q) returned %s, which does not name it", tt.id, a.Slug)
			}
			if i > 0 && slices.Index(got[i-1].Scenarios, tt.id) > slices.Index(a.Scenarios, tt.id) {
				t.Errorf("ForScenario(%q): %s ranks above %s, which lists it earlier", tt.id, got[i-1].Slug, a.Slug)
			}
		}
	}
	if got := lib.ForScenario("teleport"); len(got) != 0 {
		t.Errorf("ForScenario(unknown) = %v", slugs(got))
	}
}

func slugs(rs []*Article) []string {
	out := make([]string, len(rs))
	for i, a := range rs {
		out[i] = a.Slug
	}
	return out
}

func resultSlugs(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Article.Slug
	}
	return out
}

// titleHasPrefix reports whether any word of the title starts with w.
func titleHasPrefix(a *Article, w string) bool {
	return slices.ContainsFunc(words(a.Title), func(t string) bool { return strings.HasPrefix(t, w) })
}

func TestSearchFindsEachArticleByItsRarestTitleWord(t *testing.T) {
	lib := load(t)
	all := lib.All()
	for _, a := range all {
		best, bestN := "", len(all)+1
		for _, w := range words(a.Title) {
			n := 0
			for _, b := range all {
				if titleHasPrefix(b, w) {
					n++
				}
			}
			// Among equally rare words the longest is the most telling.
			if n < bestN || n == bestN && len(w) > len(best) {
				best, bestN = w, n
			}
		}
		t.Run(a.Slug+"/"+best, func(t *testing.T) {
			if bestN != 1 {
				t.Fatalf("no title word is unique to %q (rarest %q is in %d titles)", a.Title, best, bestN)
			}
			got := lib.Search(best, 0)
			if len(got) == 0 || got[0].Article != a {
				t.Errorf("Search(%q) = %v, want %s first", best, resultSlugs(got), a.Slug)
			}
		})
	}
}

// oracle counts, independently of the index, how often a query word starts
// a word in each part of an article.
type oracle struct{ title, meta, body int }

func countParts(a *Article, q string) oracle {
	re := regexp.MustCompile(`(?i)(^|[^\pL\pN'’])` + regexp.QuoteMeta(q))
	n := func(s string) int { return len(re.FindAllStringIndex(s, -1)) }
	meta := a.Summary + " | " + strings.Join(a.Tags, " | ") + " | " + strings.Join(a.Scenarios, " | ") + " | " + a.Category
	return oracle{n(a.Title), n(meta), n(a.Body)}
}

func TestSearchMatchesEveryWordAndRanksByTier(t *testing.T) {
	lib := load(t)
	for _, query := range []string{"phone voicemail", "offer", "offer salary", "time zone", "resched", "apolog", "interview", "emergency family", "thank"} {
		t.Run(query, func(t *testing.T) {
			qs := strings.Fields(query)
			var want []string
			for _, a := range lib.All() {
				all := true
				for _, q := range qs {
					c := countParts(a, q)
					all = all && c.title+c.meta+c.body > 0
				}
				if all {
					want = append(want, a.Slug)
				}
			}
			got := lib.Search(query, 0)
			gotSlugs := resultSlugs(got)
			if !sameSet(gotSlugs, want) {
				t.Fatalf("Search(%q) = %v, want exactly %v", query, gotSlugs, want)
			}
			sum := func(a *Article) oracle {
				var s oracle
				for _, q := range qs {
					c := countParts(a, q)
					s.title, s.meta, s.body = s.title+c.title, s.meta+c.meta, s.body+c.body
				}
				return s
			}
			for i := 1; i < len(got); i++ {
				p, c := sum(got[i-1].Article), sum(got[i].Article)
				switch {
				case p.title != c.title:
					if p.title < c.title {
						t.Errorf("%s (%d title hits) ranks above %s (%d)", gotSlugs[i-1], p.title, gotSlugs[i], c.title)
					}
				case p.meta != c.meta:
					if p.meta < c.meta {
						t.Errorf("%s (%d summary/tag hits) ranks above %s (%d)", gotSlugs[i-1], p.meta, gotSlugs[i], c.meta)
					}
				case p.body != c.body:
					if p.body < c.body {
						t.Errorf("%s (%d body hits) ranks above %s (%d)", gotSlugs[i-1], p.body, gotSlugs[i], c.body)
					}
				default:
					if strings.ToLower(got[i-1].Article.Title) > strings.ToLower(got[i].Article.Title) {
						t.Errorf("tie not broken by title: %q before %q", got[i-1].Article.Title, got[i].Article.Title)
					}
				}
				if got[i-1].Score < got[i].Score {
					t.Errorf("scores not descending at %d", i)
				}
			}
		})
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestSearchTitleOutranksManyBodyHits(t *testing.T) {
	lib := load(t)
	pairs := 0
	for _, a := range lib.All() {
		for _, w := range words(a.Title) {
			if len(w) < 4 {
				continue
			}
			got := lib.Search(w, 0)
			pos := slices.IndexFunc(got, func(r Result) bool { return r.Article == a })
			if pos < 0 {
				t.Errorf("Search(%q) misses %s, whose title holds it", w, a.Slug)
				continue
			}
			own := countParts(a, w)
			for i, r := range got {
				c := countParts(r.Article, w)
				if c.title > 0 || c.meta+c.body <= own.title+own.meta+own.body {
					continue
				}
				pairs++
				if i < pos {
					t.Errorf("Search(%q): %s (%d mentions, none in the title) ranks above title match %s", w, r.Article.Slug, c.meta+c.body, a.Slug)
				}
			}
		}
	}
	if pairs == 0 {
		t.Fatal("no query where a body-only article mentions the word more often than a title match; test is vacuous")
	}
}

func TestSearchPrefixCaseAccentsAndApostrophes(t *testing.T) {
	lib := load(t)
	tests := []struct{ query, same string }{
		{"RESCHED", "resched"},
		{"réschédule", "reschedule"},
		{"don't want", "dont want"},
		{"don’t want", "dont want"},
		{"  Withdraw,  ", "withdraw"},
		{"last-minute", "last minute"},
	}
	for _, tt := range tests {
		got, want := resultSlugs(lib.Search(tt.query, 0)), resultSlugs(lib.Search(tt.same, 0))
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, Search(%q) = %v; want the same, non-empty", tt.query, got, tt.same, want)
		}
	}
	got := lib.Search("resched", 0)
	if len(got) == 0 || got[0].Article.Slug != "rescheduling-an-interview" {
		t.Errorf("Search(resched) = %v, want rescheduling-an-interview first", resultSlugs(got))
	}
	if got := lib.Search("want", 0); len(got) == 0 || got[0].Article.Slug != "interviewing-for-a-job-you-dont-want" {
		t.Errorf("Search(want) = %v", resultSlugs(got))
	}
}

func TestSearchFindsNothing(t *testing.T) {
	lib := load(t)
	for _, q := range []string{"", "   ", "!!! ---", "xyzzyplugh", "reschedule xyzzyplugh", "reschedulex"} {
		if got := lib.Search(q, 0); len(got) != 0 {
			t.Errorf("Search(%q) = %v, want nothing", q, resultSlugs(got))
		}
	}
}

func TestSearchLimit(t *testing.T) {
	lib := load(t)
	all := lib.Search("interview", 0)
	if len(all) < 4 {
		t.Fatalf("Search(interview) found only %d", len(all))
	}
	got := lib.Search("interview", 3)
	if !slices.Equal(resultSlugs(got), resultSlugs(all[:3])) {
		t.Errorf("limit 3 = %v, want the first three of %v", resultSlugs(got), resultSlugs(all))
	}
}

func TestSnippetsAreCleanAndShowTheMatch(t *testing.T) {
	lib := load(t)
	markup := regexp.MustCompile("(^|\\s)(#+|[-*+>]|\\d+\\.)\\s|\\*|`|\\]\\(|\n")
	for _, q := range []string{"voicemail", "resched", "phone", "salary", "capitals", "discriminatory", "thank", "zone"} {
		got := lib.Search(q, 0)
		if len(got) == 0 {
			t.Fatalf("Search(%q) found nothing", q)
		}
		for _, r := range got {
			s := r.Snippet
			if countParts(r.Article, q).body > 0 && !strings.Contains(strings.ToLower(s), q) {
				t.Errorf("Search(%q) %s: snippet %q lacks the word", q, r.Article.Slug, s)
			}
			if markup.MatchString(s) {
				t.Errorf("Search(%q) %s: snippet %q holds Markdown", q, r.Article.Slug, s)
			}
			if n := utf8.RuneCountInString(s); n < 40 || n > 125 {
				t.Errorf("Search(%q) %s: snippet is %d runes: %q", q, r.Article.Slug, n, s)
			}
		}
	}
}

func TestSnippetCutsOnWordsAndFallsBackToSummary(t *testing.T) {
	filler := strings.Repeat("alpha beta gamma delta ", 20)
	src := "---\ntitle: Quixotic Plans\nsummary: A summary line.\ncategory: Cancelling\nscenarios: [cancel]\ntags: [zebra]\n---\n" +
		filler + "\n\n## Heading **bold** here\n\n- item with *emphasis* and a [link](http://example.com) before zeppelin and `code`\n\n" + filler + "\n"
	a, err := Parse("quixotic", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	lib := newLibrary([]*Article{a})

	r := lib.Search("zeppelin", 0)
	if len(r) != 1 {
		t.Fatalf("Search(zeppelin) = %d results", len(r))
	}
	s := r[0].Snippet
	if !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Errorf("snippet %q not marked as cut at both ends", s)
	}
	if !strings.Contains(s, "item with emphasis and a link before zeppelin and code") {
		t.Errorf("snippet %q lost the text around the match or kept markup", s)
	}
	for _, w := range strings.Fields(strings.Trim(s, "…")) {
		if !slices.Contains([]string{"alpha", "beta", "gamma", "delta", "delta.", "Heading", "bold", "here.", "item", "with", "emphasis", "and", "a", "link", "before", "zeppelin", "code."}, w) {
			t.Errorf("snippet %q holds a cut or marked-up word %q", s, w)
		}
	}

	for _, q := range []string{"quixotic", "zebra"} {
		r := lib.Search(q, 0)
		if len(r) != 1 || r[0].Snippet != "A summary line." {
			t.Errorf("Search(%q) snippet = %v, want the summary", q, r)
		}
	}
}

func TestParseAcceptsListSyntaxesQuotesAndCRLF(t *testing.T) {
	src := "---\r\ntitle: \"Plans: a guide\"\r\nsummary: One line.\r\ncategory: Rescheduling\r\nscenarios: reschedule, follow-up\r\ntags: [a, 'b c']\r\n---\r\n\r\n## Heading\r\n\r\n- **one** two\r\n"
	a, err := Parse("plans", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Plans: a guide" {
		t.Errorf("title %q", a.Title)
	}
	if !slices.Equal(a.Scenarios, []string{"reschedule", "follow-up"}) || !slices.Equal(a.Tags, []string{"a", "b c"}) {
		t.Errorf("scenarios %q, tags %q", a.Scenarios, a.Tags)
	}
	if a.Body != "## Heading\n\n- **one** two\n" {
		t.Errorf("body %q", a.Body)
	}
	if a.Words != 3 {
		t.Errorf("Words = %d, want 3 (markup is not a word)", a.Words)
	}
}

func TestParseRejectsBadArticles(t *testing.T) {
	const body = "\nSome body text.\n"
	fm := func(lines ...string) string { return "---\n" + strings.Join(lines, "\n") + "\n---\n" + body }
	good := []string{"title: T", "summary: S", "category: Cancelling", "scenarios: [cancel]"}
	without := func(i int) []string { return slices.Delete(slices.Clone(good), i, i+1) }
	tests := []struct {
		name, slug, src string
		kind            ErrorKind
		inMsg           string
	}{
		{"no front matter", "x", "# Just a heading\n" + body, KindNoFrontMatter, "no front matter"},
		{"unclosed front matter", "x", "---\ntitle: T\n" + body, KindNoFrontMatter, "no front matter"},
		{"missing title", "x", fm(without(0)...), KindMissingField, "missing title"},
		{"empty title", "x", fm(append([]string{"title:  "}, without(0)...)...), KindMissingField, "missing title"},
		{"missing summary", "x", fm(without(1)...), KindMissingField, "missing summary"},
		{"missing scenarios", "x", fm(without(3)...), KindMissingField, "missing scenarios"},
		{"unknown category", "x", fm(append(without(2), "category: Gardening")...), KindUnknownCategory, `unknown category "Gardening"`},
		{"unknown scenario", "x", fm(append(without(3), "scenarios: [cancel, teleport]")...), KindUnknownScenario, `unknown scenario "teleport"`},
		{"bad line", "x", fm(append(good, "just words")...), KindBadLine, "not \"key: value\""},
		{"unknown field", "x", fm(append(good, "author: me")...), KindUnknownField, `unknown front matter field "author"`},
		{"duplicate field", "x", fm(append(good, "title: Again")...), KindDuplicateField, `"title" given twice`},
		{"empty body", "x", "---\n" + strings.Join(good, "\n") + "\n---\n\n  \n", KindEmptyBody, "empty body"},
		{"bad slug", "Bad Slug", fm(good...), KindBadSlug, `bad slug "Bad Slug"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.slug, []byte(tt.src))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse = %v, %v; want a *ParseError", a, err)
			}
			if pe.Kind != tt.kind {
				t.Errorf("kind %d, want %d (%v)", pe.Kind, tt.kind, err)
			}
			if !strings.Contains(err.Error(), tt.inMsg) || !strings.Contains(err.Error(), fmt.Sprintf("%q", tt.slug)) {
				t.Errorf("message %q should name the article and contain %q", err, tt.inMsg)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message spans lines: %q", err)
			}
		})
	}
}

func TestLoadNamesTheBrokenFile(t *testing.T) {
	good, err := assets.Articles.ReadFile("articles/declining-an-offer.md")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"articles/declining-an-offer.md": {Data: good},
		"articles/broken-one.md":         {Data: []byte("---\ntitle: T\nsummary: S\ncategory: Misc\nscenarios: [cancel]\n---\nBody.\n")},
	}
	_, err = loadFS(fsys)
	if err == nil || !strings.Contains(err.Error(), "articles/broken-one.md") || !strings.Contains(err.Error(), `unknown category "Misc"`) {
		t.Errorf("loadFS error = %v; want it to name the file and the problem", err)
	}
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Kind != KindUnknownCategory {
		t.Errorf("loadFS error does not wrap the ParseError: %v", err)
	}
	if _, err := loadFS(fstest.MapFS{}); err == nil {
		t.Errorf("loading no articles succeeded")
	}
}

func BenchmarkSearch(b *testing.B) {
	lib := load(b)
	queries := []string{"resched", "cancel interview", "phone voicemail", "offer salary", "thank", "xyzzy"}
	for b.Loop() {
		for _, q := range queries {
			lib.Search(q, 10)
		}
	}
}
