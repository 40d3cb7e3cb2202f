package advice

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Result is one search hit.
type Result struct {
	Article *Article
	Score   float64 // higher is better; only the order is meaningful
	Snippet string  // plain text around the first body match, or the summary
}

// Tier weights: a single title hit must outrank any number of summary/tag
// hits, which in turn outrank any number of body hits, so each tier's count
// is capped below the next tier's weight.
const (
	titleWeight = 1e6
	metaWeight  = 1e3
	tierCap     = 999
	snippetLen  = 120 // runes, roughly
	snippetLead = 40  // runes of context kept before the match
)

// index is the folded text of one article, built once at parse time so a
// search does no lower-casing or Markdown stripping.
type index struct {
	foldedTitle string
	title       []termCount // sorted by term
	meta        []termCount // summary, tags, category, scenarios; sorted
	bodyTerms   []termCount // sorted
	body        []bodyWord  // every body word, in reading order
	chunks      []string    // the plain body text split on white space
}

type termCount struct {
	term  string
	n     int
	first int // position of the first occurrence, for body terms
}

type bodyWord struct {
	term  string
	chunk int // index into chunks, to cut the snippet
}

func buildIndex(a *Article) index {
	idx := index{foldedTitle: strings.Join(words(a.Title), " ")}
	idx.title = countTerms(words(a.Title))
	meta := words(a.Summary)
	for _, list := range [][]string{a.Tags, a.Scenarios, {a.Category}} {
		for _, s := range list {
			meta = append(meta, words(s)...)
		}
	}
	idx.meta = countTerms(meta)

	idx.chunks = strings.Fields(plainText(a.Body))
	var all []string
	for i, c := range idx.chunks {
		for _, w := range words(c) {
			idx.body = append(idx.body, bodyWord{term: w, chunk: i})
			all = append(all, w)
		}
	}
	idx.bodyTerms = countTerms(all)
	return idx
}

// countTerms turns a word list into sorted unique terms with their counts
// and first positions.
func countTerms(ws []string) []termCount {
	seen := make(map[string]int, len(ws))
	var out []termCount
	for i, w := range ws {
		if j, ok := seen[w]; ok {
			out[j].n++
			continue
		}
		seen[w] = len(out)
		out = append(out, termCount{term: w, n: 1, first: i})
	}
	slices.SortFunc(out, func(a, b termCount) int { return strings.Compare(a.term, b.term) })
	return out
}

// prefixRun returns the terms that start with q; the terms are sorted, so
// they sit in one run found by a binary search.
func prefixRun(terms []termCount, q string) []termCount {
	i, _ := slices.BinarySearchFunc(terms, q, func(t termCount, q string) int {
		return strings.Compare(t.term, q)
	})
	j := i
	for j < len(terms) && strings.HasPrefix(terms[j].term, q) {
		j++
	}
	return terms[i:j]
}

// prefixCount counts the words that start with q.
func prefixCount(terms []termCount, q string) int {
	n := 0
	for _, t := range prefixRun(terms, q) {
		n += t.n
	}
	return n
}

// Search finds the articles that contain every word of the query, each as a
// word or the start of one, ignoring case and accents. Title matches rank
// above summary and tag matches, which rank above body matches; more
// occurrences rank higher; ties go by title. limit <= 0 means no limit. An
// empty query finds nothing.
func (l *Library) Search(query string, limit int) []Result {
	terms := words(query)
	slices.Sort(terms)
	terms = slices.Compact(terms)
	if len(terms) == 0 {
		return nil
	}
	var out []Result
	for _, a := range l.articles {
		if score, ok := a.idx.score(terms); ok {
			out = append(out, Result{Article: a, Score: score})
		}
	}
	slices.SortFunc(out, func(x, y Result) int {
		switch {
		case x.Score > y.Score:
			return -1
		case x.Score < y.Score:
			return 1
		}
		return compareTitles(x.Article, y.Article)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	for i := range out {
		out[i].Snippet = out[i].Article.snippet(terms)
	}
	return out
}

func (x *index) score(terms []string) (float64, bool) {
	var title, meta, body int
	for _, q := range terms {
		t, m, b := prefixCount(x.title, q), prefixCount(x.meta, q), prefixCount(x.bodyTerms, q)
		if t+m+b == 0 {
			return 0, false
		}
		title, meta, body = title+t, meta+m, body+b
	}
	return titleWeight*float64(min(title, tierCap)) +
		metaWeight*float64(min(meta, tierCap)) +
		float64(min(body, tierCap)), true
}

// snippet cuts about snippetLen runes of plain body text around the first
// word matching any query term, on word boundaries, marking cuts with "…".
// With no body match the summary explains the hit better than random text.
func (a *Article) snippet(terms []string) string {
	x := &a.idx
	first := len(x.body)
	for _, q := range terms {
		for _, t := range prefixRun(x.bodyTerms, q) {
			first = min(first, t.first)
		}
	}
	if first == len(x.body) {
		return a.Summary
	}
	at := x.body[first].chunk
	lo, hi := at, at
	size := utf8.RuneCountInString(x.chunks[at])
	lead := 0
	for lo > 0 {
		n := utf8.RuneCountInString(x.chunks[lo-1]) + 1
		if lead+n > snippetLead {
			break
		}
		lo, lead, size = lo-1, lead+n, size+n
	}
	for hi < len(x.chunks)-1 {
		n := utf8.RuneCountInString(x.chunks[hi+1]) + 1
		if size+n > snippetLen {
			break
		}
		hi, size = hi+1, size+n
	}
	// Near the end of the body, spend the unused room on earlier context.
	for lo > 0 {
		n := utf8.RuneCountInString(x.chunks[lo-1]) + 1
		if size+n > snippetLen {
			break
		}
		lo, size = lo-1, size+n
	}
	s := strings.Join(x.chunks[lo:hi+1], " ")
	if lo > 0 {
		s = "…" + s
	}
	if hi < len(x.chunks)-1 {
		s += "…"
	}
	return s
}

// plainText turns the article Markdown into running text: headings, list
// items and paragraphs become sentences, and inline markup is dropped.
func plainText(md string) string {
	var blocks []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			blocks = append(blocks, strings.Join(para, " "))
			para = nil
		}
	}
	for line := range strings.SplitSeq(md, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			flush()
			continue
		}
		if rest, ok := blockStart(line); ok {
			flush()
			line = rest
		}
		para = append(para, stripInline(line))
	}
	flush()
	for i, b := range blocks {
		b = strings.TrimSpace(b)
		if b != "" && !strings.ContainsRune(".!?:;…", lastRune(b)) {
			b += "."
		}
		blocks[i] = b
	}
	return strings.Join(blocks, " ")
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// blockStart strips a heading, list or quote marker; ok reports that the
// line starts a new block.
func blockStart(line string) (rest string, ok bool) {
	if h := strings.TrimLeft(line, "#"); len(h) < len(line) && len(line)-len(h) <= 6 && (h == "" || h[0] == ' ') {
		return strings.TrimSpace(h), true
	}
	for _, m := range []string{"- ", "* ", "+ ", "> "} {
		if r, found := strings.CutPrefix(line, m); found {
			return strings.TrimSpace(r), true
		}
	}
	digits := strings.TrimLeftFunc(line, unicode.IsDigit)
	if len(digits) < len(line) {
		if r, found := strings.CutPrefix(digits, ". "); found {
			return strings.TrimSpace(r), true
		}
		if r, found := strings.CutPrefix(digits, ") "); found {
			return strings.TrimSpace(r), true
		}
	}
	return line, false
}

// stripInline drops emphasis and code markers and keeps only the text of
// links.
func stripInline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '*', '`':
			continue
		case '_':
			// Only emphasis underscores at word edges; snake_case stays.
			prevWord := i > 0 && isWordByte(s[i-1])
			nextWord := i+1 < len(s) && isWordByte(s[i+1])
			if prevWord && nextWord {
				b.WriteByte(c)
			}
			continue
		case '[':
			text, after, ok := strings.Cut(s[i+1:], "](")
			if ok && !strings.Contains(text, "[") {
				if _, tail, ok := strings.Cut(after, ")"); ok {
					b.WriteString(stripInline(text))
					i = len(s) - len(tail) - 1
					continue
				}
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// words splits text into folded search words: runs of letters and digits,
// lower-cased with accents removed. Apostrophes inside a word are dropped so
// "don't", "don’t" and "dont" are the same word.
func words(s string) []string {
	var out []string
	var cur strings.Builder
	apostrophe := false
	end := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
		apostrophe = false
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			apostrophe = false
			cur.WriteString(fold(r))
		case (r == '\'' || r == '’') && cur.Len() > 0 && !apostrophe:
			apostrophe = true
		case unicode.Is(unicode.Mn, r):
			// A combining accent after its letter: drop it, as fold does.
		default:
			end()
		}
	}
	end()
	return out
}

// fold lower-cases a letter and strips the accents of the Latin letters our
// users are likely to type, so "resume" finds "résumé".
func fold(r rune) string {
	r = unicode.ToLower(r)
	if plain, ok := accentFolds[r]; ok {
		return plain
	}
	return string(r)
}

// accentFolds maps each accented lower-case letter fold knows to its plain
// spelling. The table is written as data so a letter is added in one place.
var accentFolds = func() map[rune]string {
	m := make(map[rune]string)
	for _, f := range []struct{ plain, accented string }{
		{"a", "àáâãäåāăą"},
		{"c", "çćĉċč"},
		{"d", "ďđð"},
		{"e", "èéêëēĕėęě"},
		{"g", "ĝğġģ"},
		{"i", "ìíîïĩīĭįı"},
		{"l", "ł"},
		{"n", "ñńņň"},
		{"o", "òóôõöøōŏő"},
		{"r", "ř"},
		{"s", "śŝşš"},
		{"t", "ţť"},
		{"u", "ùúûüũūŭůűų"},
		{"y", "ýÿŷ"},
		{"z", "źżž"},
		{"ss", "ß"},
		{"ae", "æ"},
		{"oe", "œ"},
		{"th", "þ"},
	} {
		for _, r := range f.accented {
			m[r] = f.plain
		}
	}
	return m
}()
