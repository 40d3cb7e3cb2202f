package advice

import (
	"slices"
	"strings"
)

// synonymGroups lists the words and phrases that mean the same thing to
// someone searching the advice, so a query also finds the articles that
// put it another way: "sick" finds "illness" and "unwell", "running late"
// finds "delay", "postpone" finds "reschedule". Every group holds words the
// articles use (a test checks); the rest are what people type. Entries are
// folded and may be phrases, which match as adjacent words. A synonym
// matches whole words only, not word starts, so inflections are listed:
// "ill" stands in for "sick" but "illustrate" does not.
func synonymGroups() [][]string {
	return [][]string{
		{"sick", "sickness", "ill", "illness", "unwell", "health problem"},
		{"late", "lateness", "running late", "running behind", "delay", "delayed", "delays", "held up"},
		{"offer", "job offer"},
		{"counteroffer", "counteroffers", "counter offer"},
		{"reschedule", "rescheduled", "rescheduling", "rearrange", "rearranged", "rearranging",
			"postpone", "postponed", "postponing", "new time"},
		{"cancel", "cancelled", "cancelling", "cancellation", "cancellations", "canceled", "canceling",
			"call off", "called off", "calling off"},
		{"withdraw", "withdrawing", "withdrew", "withdrawn", "withdrawal", "pull out", "pulling out",
			"pulled out", "drop out", "dropping out", "dropped out", "back out", "backing out"},
		{"decline", "declined", "declining", "turn down", "turned down", "turning down", "reject", "rejecting"},
		{"apologise", "apologised", "apologising", "apologize", "apologized", "apologizing",
			"apology", "apologies", "sorry"},
		{"ghosted", "ghosting", "ghost", "no reply", "no response", "not heard back", "go quiet",
			"gone quiet", "went quiet"},
	}
}

// phrase is a synonym table entry as folded words.
type phrase []string

// thesaurus is synonymGroups indexed for query time.
type thesaurus struct {
	byFirst map[string][]entry // every entry, by its first word, longest first
	alts    [][]phrase         // by group: the entries worth matching in articles
}

type entry struct {
	words phrase
	group int
}

// synonyms is built once and only read.
var synonyms = newThesaurus(synonymGroups())

func newThesaurus(groups [][]string) thesaurus {
	th := thesaurus{byFirst: make(map[string][]entry), alts: make([][]phrase, len(groups))}
	for g, list := range groups {
		ps := make([]phrase, len(list))
		for i, s := range list {
			ps[i] = words(s)
		}
		for _, p := range ps {
			th.byFirst[p[0]] = append(th.byFirst[p[0]], entry{p, g})
			// "running late" finds nothing "late" does not, and would
			// count those hits twice.
			if !slices.ContainsFunc(ps, func(q phrase) bool { return len(q) < len(p) && containsPhrase(p, q) }) {
				th.alts[g] = append(th.alts[g], p)
			}
		}
	}
	for _, es := range th.byFirst {
		slices.SortStableFunc(es, func(a, b entry) int { return len(b.words) - len(a.words) })
	}
	return th
}

// containsPhrase reports whether q occurs in p as adjacent words.
func containsPhrase(p, q phrase) bool {
	for i := 0; i+len(q) <= len(p); i++ {
		if slices.Equal(p[i:i+len(q)], q) {
			return true
		}
	}
	return false
}

// term is one thing a query asks for: a word, or a phrase the synonym
// table knows, as typed, with the table's other ways of saying it.
type term struct {
	typed []string // each must start a word of the article
	alts  []phrase // any one of these, as whole words, stands in for typed
}

// queryTerms splits a query into terms, taking the longest table phrase
// at each point, so "running late" is one term and "late" another.
func queryTerms(query string) []term {
	qs := words(query)
	var out []term
	for len(qs) > 0 {
		e, ok := synonyms.match(qs)
		if !ok {
			out = append(out, term{typed: qs[:1]})
			qs = qs[1:]
			continue
		}
		n := len(e.words)
		out = append(out, term{typed: qs[:n], alts: synonyms.altsFor(e.group, qs[:n])})
		qs = qs[n:]
	}
	slices.SortFunc(out, func(a, b term) int { return slices.Compare(a.typed, b.typed) })
	return slices.CompactFunc(out, func(a, b term) bool { return slices.Equal(a.typed, b.typed) })
}

// match finds the longest table entry that qs starts with.
func (th *thesaurus) match(qs []string) (entry, bool) {
	for _, e := range th.byFirst[qs[0]] {
		if len(e.words) <= len(qs) && slices.Equal(e.words, qs[:len(e.words)]) {
			return e, true
		}
	}
	return entry{}, false
}

// altsFor returns group g's phrases that can find what typed does not.
// Where every typed word starts a word of a phrase, the typed words match
// wherever it does: "lateness" adds nothing to "late", and ranking its hits
// as synonyms would only demote the direct ones.
func (th *thesaurus) altsFor(g int, typed []string) []phrase {
	var out []phrase
	for _, p := range th.alts[g] {
		covered := !slices.ContainsFunc(typed, func(w string) bool {
			return !slices.ContainsFunc(p, func(pw string) bool { return strings.HasPrefix(pw, w) })
		})
		if !covered {
			out = append(out, p)
		}
	}
	return out
}
