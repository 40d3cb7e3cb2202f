package advice

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"bridgekeeper/textfold"
)

// Result is one search hit.
type Result struct {
	Article *Article
	Score   float64 // higher is better; only the order is meaningful
	Snippet string  // plain text around the first body match, or the summary
}

// Ranking: an article matching more query terms as typed ranks first.
// Then title hits outrank any number of summary/tag hits, which outrank any
// number of body hits, and within each part a direct hit outranks any
// number of synonym hits. Each count is capped below its field's radix, so
// the fields pack into one integer, below 2⁵³ and so exact in a float64.
const (
	typedCap    = 8   // terms matched as typed; 8 keeps the packed score < 2⁵³
	tierCap     = 999 // direct hits in one part
	synTierCap  = 99  // synonym hits in one part
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
	titleWords  []string    // in reading order, for phrases
	metaWords   []string    // likewise, with "" between fields
	body        []string    // every body word, in reading order
	chunkOf     []int       // by body word: its index into chunks
	chunks      []string    // the plain body text split on white space
}

type termCount struct {
	term  string
	n     int
	first int // position of the first occurrence in the part's words
}

func buildIndex(a *Article) index {
	idx := index{titleWords: words(a.Title)}
	idx.foldedTitle = strings.Join(idx.titleWords, " ")
	idx.title = countTerms(idx.titleWords)
	idx.metaWords = words(a.Summary)
	for _, list := range [][]string{a.Tags, a.Scenarios, {a.Category}} {
		for _, s := range list {
			// words never yields "", so "" keeps a phrase within one field
			// and, as a term, never matches a query word.
			idx.metaWords = append(append(idx.metaWords, ""), words(s)...)
		}
	}
	idx.meta = countTerms(idx.metaWords)

	idx.chunks = strings.Fields(plainText(a.Body))
	for i, c := range idx.chunks {
		for _, w := range words(c) {
			idx.body = append(idx.body, w)
			idx.chunkOf = append(idx.chunkOf, i)
		}
	}
	idx.bodyTerms = countTerms(idx.body)
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
// word or the start of one, or else one of its synonyms (synonymGroups) as
// whole words, ignoring case and accents. A phrase the synonym table knows,
// such as "running late", counts as one term and matches as adjacent words.
// An article matching more terms as typed ranks above one that needs
// synonyms; then title matches rank above summary and tag matches, which
// rank above body matches; more occurrences rank higher; ties go by title.
// limit <= 0 means no limit. An empty query finds nothing.
func (l *Library) Search(query string, limit int) []Result {
	terms := queryTerms(query)
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

// hits counts the matches of a term in each part of an article.
type hits struct{ title, meta, body int }

func (h hits) plus(o hits) hits { return hits{h.title + o.title, h.meta + o.meta, h.body + o.body} }

func (x *index) score(terms []term) (float64, bool) {
	var direct, syn hits
	typed := 0
	for _, t := range terms {
		d := x.typedHits(t.typed)
		s := x.synonymHits(t.alts)
		if d == (hits{}) && s == (hits{}) {
			return 0, false
		}
		if d != (hits{}) {
			typed++
		}
		direct, syn = direct.plus(d), syn.plus(s)
	}
	return packScore(typed, direct, syn), true
}

// packScore packs the ranking fields, most significant first, in mixed
// radix: 9·1000·100·1000·100·1000·100 = 9e15 < 2⁵³.
func packScore(typed int, direct, syn hits) float64 {
	s := float64(min(typed, typedCap))
	for _, f := range [...]struct{ n, limit int }{
		{direct.title, tierCap}, {syn.title, synTierCap},
		{direct.meta, tierCap}, {syn.meta, synTierCap},
		{direct.body, tierCap}, {syn.body, synTierCap},
	} {
		s = s*float64(f.limit+1) + float64(min(f.n, f.limit))
	}
	return s
}

// typedHits counts where the typed words match, each as the start of a
// word; several typed words are a table phrase and match as adjacent words.
func (x *index) typedHits(ws []string) hits {
	if len(ws) == 1 {
		return hits{prefixCount(x.title, ws[0]), prefixCount(x.meta, ws[0]), prefixCount(x.bodyTerms, ws[0])}
	}
	return x.phraseHits(ws, true)
}

// synonymHits counts the occurrences of the phrases as whole words.
func (x *index) synonymHits(alts []phrase) hits {
	var h hits
	for _, p := range alts {
		h = h.plus(x.phraseHits(p, false))
	}
	return h
}

func (x *index) phraseHits(p []string, prefix bool) hits {
	t, _ := findPhrase(x.title, x.titleWords, p, prefix)
	m, _ := findPhrase(x.meta, x.metaWords, p, prefix)
	b, _ := findPhrase(x.bodyTerms, x.body, p, prefix)
	return hits{t, m, b}
}

// countPhrase counts the occurrences of p in seq as adjacent words, each
// equal to its word of p or, with prefix, starting with it; first is the
// position of the first occurrence, len(seq) if none.
func countPhrase(seq, p []string, prefix bool) (n, first int) {
	first = len(seq)
	for i := 0; i+len(p) <= len(seq); i++ {
		if phraseAt(seq[i:], p, prefix) {
			if n == 0 {
				first = i
			}
			n++
		}
	}
	return n, first
}

func phraseAt(seq, p []string, prefix bool) bool {
	for k, w := range p {
		if seq[k] != w && !(prefix && strings.HasPrefix(seq[k], w)) {
			return false
		}
	}
	return true
}

// findPhrase is countPhrase over one part of an article, given the part's
// sorted terms, which count single words, rule out most phrases without
// reading the words, and say where to start reading for the rest.
func findPhrase(terms []termCount, seq, p []string, prefix bool) (n, first int) {
	run := prefixRun(terms, p[0])
	if !prefix {
		// The word itself, if there, sorts first among those it starts.
		run = run[:min(len(run), 1)]
		if len(run) > 0 && run[0].term != p[0] {
			run = nil
		}
	}
	first = len(seq)
	for _, t := range run {
		n, first = n+t.n, min(first, t.first)
	}
	if len(p) == 1 || n == 0 {
		return n, first
	}
	n, at := countPhrase(seq[first:], p, prefix)
	return n, first + at
}

// firstHit is the body position of the first word matching a term, or
// len(x.body) if none does. A term's typed words come before its synonyms,
// since they are what the reader looks for.
func (x *index) firstHit(terms []term) int {
	first := len(x.body)
	for _, t := range terms {
		_, own := findPhrase(x.bodyTerms, x.body, t.typed, true)
		if own == len(x.body) {
			for _, p := range t.alts {
				_, at := findPhrase(x.bodyTerms, x.body, p, false)
				own = min(own, at)
			}
		}
		first = min(first, own)
	}
	return first
}

// snippet cuts about snippetLen runes of plain body text around the first
// word matching any query term, on word boundaries, marking cuts with "…".
// With no body match the summary explains the hit better than random text.
func (a *Article) snippet(terms []term) string {
	x := &a.idx
	first := x.firstHit(terms)
	if first == len(x.body) {
		return a.Summary
	}
	at := x.chunkOf[first]
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

// words splits text into folded search words (textfold.Fold): runs of
// letters, digits and the marks folding keeps, so "resume" finds "résumé".
// Apostrophes inside a word are dropped so "don't", "don’t" and "dont" are
// the same word.
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
	for _, r := range textfold.Fold(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) && cur.Len() > 0:
			apostrophe = false
			cur.WriteRune(r)
		case (r == '\'' || r == '’') && cur.Len() > 0 && !apostrophe:
			apostrophe = true
		default:
			end()
		}
	}
	end()
	return out
}
