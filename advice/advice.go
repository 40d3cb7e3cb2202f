// Package advice is Bridgekeeper's library of original articles on
// cancelling, rescheduling, withdrawing and declining without burning
// bridges. The articles are Markdown files with a small front matter block,
// embedded in the binary by package assets (assets.Articles); this package
// parses them, groups them by category and scenario, and searches them. It
// imports no Fyne.
package advice

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"bridgekeeper/assets"
	"bridgekeeper/compose"
)

// Article is one parsed advice article.
type Article struct {
	Slug      string   // file name without ".md"; the composer links to it
	Title     string   // headline shown in lists and at the top of the page
	Summary   string   // one line shown under the title
	Category  string   // one of Categories()
	Scenarios []string // composer scenario IDs this article explains, main one first
	Tags      []string // extra search words
	Body      string   // Markdown without the front matter
	Words     int      // words in the body text, Markdown markup excluded

	idx index // folded search data, built once by Parse
}

// Library is the set of embedded articles, loaded once and read-only after.
type Library struct {
	articles []*Article // display order: category, then title
	bySlug   map[string]*Article
}

// Categories returns the article categories in display order.
func Categories() []string {
	return []string{"Cancelling", "Rescheduling", "Withdrawing", "Declining", "During the interview", "Offers", "Staying in touch"}
}

// ScenarioIDs returns the composer scenario IDs an article may name: the
// scenario table's, so a new scenario is known here without an edit.
func ScenarioIDs() []string {
	ids := compose.ScenarioIDs()
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

// ErrorKind says what is wrong with an article's source.
type ErrorKind int

// The problems Parse reports.
const (
	KindNoFrontMatter   ErrorKind = iota + 1 // no opening or closing "---" line
	KindBadLine                              // a front matter line that is not "key: value"
	KindUnknownField                         // a front matter key this package does not know
	KindDuplicateField                       // a front matter key given twice
	KindMissingField                         // a required key absent or empty
	KindUnknownCategory                      // category not in Categories()
	KindUnknownScenario                      // scenario not in ScenarioIDs()
	KindEmptyBody                            // nothing after the front matter
	KindBadSlug                              // slug empty or not lower-case-with-hyphens
)

// ParseError is the typed error Parse returns; Kind says what went wrong and
// Field/Value point at the offending key and text.
type ParseError struct {
	Slug  string
	Kind  ErrorKind
	Field string
	Value string
	Line  int // 1-based source line, 0 when not tied to one line
}

func (e *ParseError) Error() string {
	var msg string
	switch e.Kind {
	case KindNoFrontMatter:
		msg = "no front matter: the file must open with a \"---\" line and close the block with another"
	case KindBadLine:
		msg = fmt.Sprintf("front matter line %d is not \"key: value\": %q", e.Line, e.Value)
	case KindUnknownField:
		msg = fmt.Sprintf("unknown front matter field %q on line %d", e.Field, e.Line)
	case KindDuplicateField:
		msg = fmt.Sprintf("front matter field %q given twice (line %d)", e.Field, e.Line)
	case KindMissingField:
		msg = fmt.Sprintf("missing %s in front matter", e.Field)
	case KindUnknownCategory:
		msg = fmt.Sprintf("unknown category %q (want one of: %s)", e.Value, strings.Join(Categories(), ", "))
	case KindUnknownScenario:
		msg = fmt.Sprintf("unknown scenario %q (want one of: %s)", e.Value, strings.Join(ScenarioIDs(), ", "))
	case KindEmptyBody:
		msg = "empty body after the front matter"
	case KindBadSlug:
		msg = fmt.Sprintf("bad slug %q (want lower-case letters, digits and hyphens)", e.Value)
	default:
		msg = "invalid article"
	}
	return fmt.Sprintf("article %q: %s", e.Slug, msg)
}

// Load parses every embedded article (assets.Articles). Any problem fails
// the whole load, and the error names the file, because a broken article is
// a build mistake.
func Load() (*Library, error) {
	return loadFS(assets.Articles)
}

// loadFS parses every "articles/*.md" file in fsys.
func loadFS(fsys fs.FS) (*Library, error) {
	names, err := fs.Glob(fsys, "articles/*.md")
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("load articles: none embedded")
	}
	var articles []*Article
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		a, err := Parse(strings.TrimSuffix(path.Base(name), ".md"), src)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", name, err)
		}
		articles = append(articles, a)
	}
	return newLibrary(articles), nil
}

// newLibrary indexes parsed articles; slugs must be unique, which file
// names guarantee.
func newLibrary(articles []*Article) *Library {
	lib := &Library{
		articles: slices.Clone(articles),
		bySlug:   make(map[string]*Article, len(articles)),
	}
	for _, a := range articles {
		lib.bySlug[a.Slug] = a
	}
	order := make(map[string]int)
	for i, c := range Categories() {
		order[c] = i
	}
	slices.SortFunc(lib.articles, func(a, b *Article) int {
		if d := order[a.Category] - order[b.Category]; d != 0 {
			return d
		}
		return compareTitles(a, b)
	})
	return lib
}

// compareTitles orders by folded title so "apology" and "Apology" sit
// together, falling back to the slug to keep the order total.
func compareTitles(a, b *Article) int {
	if c := strings.Compare(a.idx.foldedTitle, b.idx.foldedTitle); c != 0 {
		return c
	}
	return strings.Compare(a.Slug, b.Slug)
}

// Parse reads one article: a front matter block between "---" lines with
// title, summary, category, scenarios and optional tags, then a Markdown
// body. Lists are written "[a, b]" (the brackets may be left out).
func Parse(slug string, src []byte) (*Article, error) {
	fail := func(e *ParseError) (*Article, error) {
		e.Slug = slug
		return nil, e
	}
	if !validSlug(slug) {
		return fail(&ParseError{Kind: KindBadSlug, Value: slug})
	}
	text := strings.ReplaceAll(strings.TrimPrefix(string(src), "\ufeff"), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	end, perr := frontMatterEnd(lines)
	if perr != nil {
		return fail(perr)
	}
	a := &Article{Slug: slug}
	if perr := a.readFrontMatter(lines, end); perr != nil {
		return fail(perr)
	}
	if perr := a.checkFields(); perr != nil {
		return fail(perr)
	}
	a.Body = strings.TrimSpace(strings.Join(lines[end+1:], "\n")) + "\n"
	if strings.TrimSpace(a.Body) == "" {
		return fail(&ParseError{Kind: KindEmptyBody})
	}
	a.idx = buildIndex(a)
	a.Words = len(a.idx.body)
	return a, nil
}

// frontMatterEnd returns the index of the "---" line that closes the front
// matter block lines[0] opens. The errors it returns lack the slug, which
// Parse adds.
func frontMatterEnd(lines []string) (int, *ParseError) {
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return 0, &ParseError{Kind: KindNoFrontMatter, Line: 1}
	}
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			return i, nil
		}
	}
	return 0, &ParseError{Kind: KindNoFrontMatter}
}

// readFrontMatter sets a's fields from the "key: value" lines between
// lines[0] and lines[end], skipping blank lines and "#" comments.
func (a *Article) readFrontMatter(lines []string, end int) *ParseError {
	seen := make(map[string]bool)
	for i := 1; i < end; i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		key = strings.ToLower(strings.TrimSpace(key))
		if !ok || key == "" {
			return &ParseError{Kind: KindBadLine, Value: line, Line: i + 1}
		}
		if seen[key] {
			return &ParseError{Kind: KindDuplicateField, Field: key, Line: i + 1}
		}
		seen[key] = true
		value = unquote(strings.TrimSpace(value))
		if !a.setField(key, value) {
			return &ParseError{Kind: KindUnknownField, Field: key, Value: value, Line: i + 1}
		}
	}
	return nil
}

// setField stores one front matter value; false means the key is unknown.
func (a *Article) setField(key, value string) bool {
	switch key {
	case "title":
		a.Title = value
	case "summary":
		a.Summary = value
	case "category":
		a.Category = value
	case "scenarios":
		a.Scenarios = splitList(value)
	case "tags":
		a.Tags = splitList(value)
	default:
		return false
	}
	return true
}

// checkFields reports the first required field that is missing, then a
// category or scenario this package does not know.
func (a *Article) checkFields() *ParseError {
	for _, req := range []struct{ name, value string }{
		{"title", a.Title},
		{"summary", a.Summary},
		{"category", a.Category},
	} {
		if req.value == "" {
			return &ParseError{Kind: KindMissingField, Field: req.name}
		}
	}
	if len(a.Scenarios) == 0 {
		return &ParseError{Kind: KindMissingField, Field: "scenarios"}
	}
	if !slices.Contains(Categories(), a.Category) {
		return &ParseError{Kind: KindUnknownCategory, Field: "category", Value: a.Category}
	}
	for _, s := range a.Scenarios {
		if !slices.Contains(ScenarioIDs(), s) {
			return &ParseError{Kind: KindUnknownScenario, Field: "scenarios", Value: s}
		}
	}
	return nil
}

func validSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

// unquote drops one pair of matching quotes so a title may be written
// quoted when it starts with a character YAML would treat specially.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

func splitList(s string) []string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		s = s[1 : len(s)-1]
	}
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = unquote(strings.TrimSpace(item)); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// All returns every article in display order: by category, then title.
func (l *Library) All() []*Article {
	return slices.Clone(l.articles)
}

// ByCategory returns the articles in one category, by title; nil for an
// unknown category.
func (l *Library) ByCategory(cat string) []*Article {
	var out []*Article
	for _, a := range l.articles {
		if a.Category == cat {
			out = append(out, a)
		}
	}
	return out
}

// Get returns the article with the given slug.
func (l *Library) Get(slug string) (*Article, bool) {
	a, ok := l.bySlug[slug]
	return a, ok
}

// ForScenario returns the articles that name a scenario, best match first:
// articles listing it earlier in their scenarios (their main subject) come
// before those that mention it in passing; then display order.
func (l *Library) ForScenario(id string) []*Article {
	var out []*Article
	for _, a := range l.articles {
		if slices.Contains(a.Scenarios, id) {
			out = append(out, a)
		}
	}
	// Stable keeps display order among articles that rank the scenario alike.
	slices.SortStableFunc(out, func(a, b *Article) int {
		return slices.Index(a.Scenarios, id) - slices.Index(b.Scenarios, id)
	})
	return out
}
