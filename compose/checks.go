package compose

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Check is the verdict of one principle on a draft.
type Check struct {
	// ID is stable: notice, reason, slots, withdraw-reschedule, thanks,
	// apology, fit, claim, signature, detail, callback, length, again,
	// tone, placeholders or door-open.
	ID string
	// OK is false when the draft should be looked at again.
	OK bool
	// Message says what was found and, for a warning, what to do about it.
	Message string
	// Article is the slug of the advice article behind the check.
	Article string
}

// The advice articles the checks point to.
const (
	articleLastMinute = "last-minute-cancellation"
	articleReason     = "giving-a-reason-without-oversharing"
	articleReschedule = "rescheduling-an-interview"
	articleWithdraw   = "withdrawing-from-the-process"
	articleBridges    = "cancel-without-burning-bridges"
	articleApology    = "apologising-for-a-cancellation"
	articleTone       = "keeping-your-tone-professional"
	articleWhatToSay  = "what-to-say-when-cancelling"
)

const (
	// shoutingRunToFlag is how many all-capital words in a row read as
	// shouting; two ("HR TEAM") are usually an acronym.
	shoutingRunToFlag = 3
	// maxFindingsInCheck keeps a warning short enough to read.
	maxFindingsInCheck = 4
)

// category is what a matched word tells about a draft.
type category int

const (
	catThanks category = iota
	catApology
	catDoorOpen
	catReschedule
	catBlame
	catSalary
	catMedical
	numCategories
)

// terms lists the words and phrases the text checks look for, by category.
// A trailing "*" matches any ending ("apolog*" finds "apologise" and
// "apologies"); otherwise the whole word or phrase must match.
func terms() map[category][]string {
	return map[category][]string{
		catThanks:  {"thank*", "grateful*", "appreciat*"},
		catApology: {"sorry", "apolog*"},
		catDoorOpen: {"future", "in touch", "paths cross", "cross paths", "look forward", "looking forward",
			"another time", "still interested", "still very interested", "still really interested", "still keen",
			"still very keen", "remain interested", "remain very interested", "remain keen", "remain very keen"},
		catReschedule: {"reschedul*", "another time", "new time*", "alternative time*", "other time*", "rearrange the interview"},
		catBlame: {"your fault", "unprofessional", "disorganised", "disorganized", "incompetent*",
			"waste of my time", "waste of our time", "wasted my time", "ridiculous", "rude", "you failed",
			"you never", "messed up", "your mistake", "poorly run", "badly run"},
		catSalary: {"lowball*", "low-ball*", "insulting", "underpaid", "underpay*", "peanuts", "pathetic",
			"not worth my time", "too low an offer", "salary is too low", "salary was too low", "pay is too low",
			"pay was too low", "offer is too low", "offer was too low", "salary is a joke", "offer is a joke"},
		catMedical: {"vomit*", "diarrh*", "diagnos*", "surgery", "surgical", "chemo*", "pregnan*", "miscarr*",
			"psychiatr*", "antidepress*", "medication*", "symptom*", "haemorrh*", "hemorrh*", "gynae*",
			"gyneco*", "rectal", "bowel*", "bladder"},
	}
}

// termIndex holds every term under its first byte, so one pass over a text
// compares only the few terms that could start at each word.
type termIndex [utf8.RuneSelf][]term

type term struct {
	text string
	stem bool // matches any ending
	cat  category
}

// checkTerms is built on first use and only read after.
var checkTerms = sync.OnceValue(func() *termIndex {
	ix := new(termIndex)
	for cat, list := range terms() {
		for _, t := range list {
			stem := strings.HasSuffix(t, "*")
			t = strings.TrimSuffix(t, "*")
			ix[t[0]] = append(ix[t[0]], term{text: t, stem: stem, cat: cat})
		}
	}
	return ix
})

// matches holds what a scan found, by category, each match once.
type matches [numCategories][]string

// scan finds the terms in folded text, each as it appears (a stem extended
// to the end of its word), at most max per category.
func (ix *termIndex) scan(text string, max int) *matches {
	m := new(matches)
	prevWord := false
	for i := 0; i < len(text); {
		c := text[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		word := isWordRune(r)
		if word && !prevWord && c < utf8.RuneSelf {
			for _, t := range ix[c] {
				// Most candidates differ in the second byte; test it inline
				// before the full comparison.
				if len(t.text) > 1 && (i+1 >= len(text) || text[i+1] != t.text[1]) {
					continue
				}
				if len(m[t.cat]) < max {
					if end, ok := t.matchAt(text, i); ok && !slices.Contains(m[t.cat], text[i:end]) {
						m[t.cat] = append(m[t.cat], text[i:end])
					}
				}
			}
		}
		prevWord = word
		i += size
	}
	return m
}

// matchAt reports whether t occurs at text[i:] as a whole word (or, for a
// stem, as the start of one) and where the match ends.
func (t term) matchAt(text string, i int) (int, bool) {
	if !strings.HasPrefix(text[i:], t.text) {
		return 0, false
	}
	end := i + len(t.text)
	for end < len(text) {
		next, size := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(next) {
			break
		}
		if !t.stem {
			return 0, false
		}
		end += size
	}
	return end, true
}

// fold prepares text for the word lists: lower case, whitespace runs (line
// breaks included) as single spaces.
func fold(text string) string {
	buf := make([]byte, 0, len(text))
	space := true // no leading space
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case isASCIISpace(c):
				if !space {
					buf = append(buf, ' ')
					space = true
				}
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			space = false
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.IsSpace(r) {
			if !space {
				buf = append(buf, ' ')
				space = true
			}
			continue
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		space = false
	}
	if space && len(buf) > 0 {
		buf = buf[:len(buf)-1]
	}
	return string(buf)
}

// isASCIISpace reports the ASCII white space bytes fold turns into spaces,
// as unicode.IsSpace would.
func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Checks runs every check that applies to in's scenario against d, which may
// have been edited by the user: the text checks read d, not the template.
func Checks(in Input, d Draft) []Check {
	ix := checkTerms()
	u := Uses(in.Scenario)
	// The user's names are taken out first: a company called "Future Labs"
	// does not keep the door open, nor is "IBM UK LTD" shouting.
	subject, text := withoutNames(in, d.Subject), withoutNames(in, d.Body)
	body := ix.scan(fold(text), maxFindingsInCheck)
	var out []Check

	if c, ok := noticeCheck(in); ok {
		out = append(out, c)
	}
	if u.Reason {
		out = append(out, reasonCheck(in))
	}
	if u.Slots {
		out = append(out, slotsCheck(in))
	}
	if isStepBack(in.Scenario) {
		c := Check{ID: "withdraw-reschedule", OK: true, Article: articleWithdraw,
			Message: "The draft does not suggest meeting again, which fits stepping away."}
		switch {
		case in.OfferReschedule || len(in.Slots) > 0:
			c.OK = false
			c.Message = "You are stepping away but also offering to reschedule; pick one, or the recruiter will not know where you stand."
		case len(body[catReschedule]) > 0:
			c.OK = false
			c.Message = fmt.Sprintf("The draft mentions %q while you are stepping away; drop it so your decision reads clearly.", body[catReschedule][0])
		}
		out = append(out, c)
	}
	out = append(out, wordCheck("thanks", body[catThanks], articleBridges,
		"Thanks them for their time.",
		"No thanks found: add a line acknowledging their time and the opportunity."))
	if needsApology(in.Scenario) {
		out = append(out, wordCheck("apology", body[catApology], articleApology,
			"Apologises for the inconvenience.",
			"No apology found: a short, sincere sorry for the inconvenience goes a long way."))
	}
	both := subject + "\n" + text
	out = append(out, truthChecks(in, d, both)...)
	out = append(out, toneCheck(both, body, ix.scan(fold(subject), maxFindingsInCheck)))
	out = append(out, placeholderCheck(both))
	if u.KeepDoorOpen {
		out = append(out, wordCheck("door-open", body[catDoorOpen], articleBridges,
			"Leaves the door open for future contact.",
			"Nothing leaves room for future contact: a line about staying in touch keeps the relationship alive."))
	}
	return out
}

func isStepBack(s Scenario) bool { return s.info().StepsBack }

func needsApology(s Scenario) bool { return s.info().Apologises }

// wordCheck passes when the draft has at least one of the words it wants.
func wordCheck(id string, found []string, article, ok, warn string) Check {
	if len(found) > 0 {
		return Check{ID: id, OK: true, Message: ok, Article: article}
	}
	return Check{ID: id, OK: false, Message: warn, Article: article}
}

// noticeCheck judges how much warning the employer gets. It applies only to
// scenarios about an interview still to come, and only when its time is known.
func noticeCheck(in Input) (Check, bool) {
	if !in.Scenario.info().Notice || in.When.IsZero() {
		return Check{}, false
	}
	c := Check{ID: "notice", Article: articleLastMinute}
	left := in.When.Sub(in.now())
	switch {
	case left < 0:
		c.Message = "The interview time has already passed: if you missed it, the apology scenario fits better."
	case left < lastMinute:
		// Said in the scenario's own terms: a reschedule this close is a
		// last-minute reschedule, still asking for a new time.
		soon := ""
		if as := in.Scenario.info().SoonAs; as != "" {
			soon = ", which makes this " + as
		}
		c.Message = "Only " + shortNotice(left) + soon + ": call them first (see the phone script), then send this email straight away."
	default:
		c.OK = true
		days := int(left / lastMinute)
		if days == 1 {
			c.Message = "1 day's notice: enough for them to rearrange, but send it now."
		} else {
			c.Message = fmt.Sprintf("%d days' notice: enough for them to rearrange.", days)
		}
	}
	return c, true
}

// shortNotice writes a notice of under a day in words, e.g. "5 hours' notice".
func shortNotice(d time.Duration) string {
	words := DurationWords(d)
	if strings.HasSuffix(words, "s") {
		return words + "' notice"
	}
	return words + "'s notice"
}

// DurationWords says a span of under a day in words: "less than a minute",
// "1 minute", "45 minutes", "1 hour", "5 hours".
func DurationWords(d time.Duration) string {
	mins := int(d / time.Minute)
	switch {
	case mins < 1:
		return "less than a minute"
	case mins == 1:
		return "1 minute"
	case mins < 60:
		return fmt.Sprintf("%d minutes", mins)
	case mins < 120:
		return "1 hour"
	default:
		return fmt.Sprintf("%d hours", mins/60)
	}
}

// reasonCheck judges the reason the draft gives. The form starts at Brief
// with no reason picked, so Brief is not taken for a choice the user made:
// only Full, which they must pick, is named as one.
func reasonCheck(in Input) Check {
	c := Check{ID: "reason", OK: true, Article: articleReason}
	d := in.disclosure()
	detail := strings.TrimSpace(in.Detail)
	switch {
	case d == DiscloseNone:
		c.Message = "No reason given. That is your right; a short true reason often helps, though."
	case in.Reason == ReasonNone && d == DiscloseFull:
		c.OK = false
		c.Message = fmt.Sprintf("You chose Full but picked no reason, so the email gives none and leaves %s out: pick the reason that fits, or choose None.", DetailLabel)
	case in.Reason == ReasonNone:
		c.OK = false
		c.Message = "No reason picked yet, so the email gives none: pick the one that fits, or choose None to leave it out on purpose."
	case in.Reason == ReasonOther && detail == "":
		c.OK = false
		c.Message = otherWithoutWords(d)
	case d == DiscloseFull && detail == "":
		c.OK = false
		c.Message = fmt.Sprintf("You chose Full, but nothing is typed under %s, so only the general wording appears.", DetailLabel)
	case d == DiscloseFull:
		c.Message = fmt.Sprintf("%s are quoted as written: keep them to one honest sentence and leave out private specifics.", DetailLabel)
	default:
		c.Message = "Gives an honest reason in general terms."
	}
	return c
}

// otherWithoutWords is the reason check's advice when "Other" is picked
// and nothing says what it is.
func otherWithoutWords(d Disclosure) string {
	how := " and choose Full"
	if d == DiscloseFull {
		how = ""
	}
	return fmt.Sprintf("%q says only that something unexpected came up: type what it is under %s%s.", ReasonLabel(ReasonOther), DetailLabel, how)
}

// slotsCheck judges the times proposed. Not offering one means something
// different before an interview (you may not want to rearrange) than after
// a cancelled one (the email restates your interest either way).
func slotsCheck(in Input) Check {
	c := Check{ID: "slots", OK: true, Article: articleReschedule}
	switch {
	case !in.offering() && in.Scenario.info().Moment == Past:
		c.Message = "No new time proposed: the email restates your interest and leaves the next step to them; a time or two of your own makes it easier to say yes."
	case !in.offering():
		c.Message = "No other time offered: fine if you do not want to rearrange for now; if you do, choose Offer to reschedule so they know you are still interested."
	case len(in.Slots) == 0:
		c.OK = false
		c.Message = "No alternative times proposed: suggest two or three concrete slots so they can simply say yes."
	default:
		c.Message = fmt.Sprintf("Proposes %d alternative time%s.", len(in.Slots), plural(len(in.Slots)))
		if msg := slotProblem(in); msg != "" {
			c.OK, c.Message = false, msg
		}
	}
	return c
}

// slotProblem is what is wrong with the proposed times, or "": one in the
// past, one given twice, or one outside office hours on the recipient's
// clock, which a writer in another zone easily misses.
func slotProblem(in Input) string {
	now, theirs := in.now(), in.theirZone()
	seen := map[time.Time]bool{}
	for _, s := range in.Slots {
		if s.Before(now) {
			return "One of the proposed times is already in the past: check the dates."
		}
		if seen[s.UTC()] {
			return "The same time is proposed twice: offer different times."
		}
		seen[s.UTC()] = true
	}
	for _, s := range in.Slots {
		local := s.In(theirs)
		if h, wd := local.Hour(), local.Weekday(); h < 8 || h >= 18 || wd == time.Saturday || wd == time.Sunday {
			return fmt.Sprintf("%s is outside office hours for them: offer times in their working day.",
				whenIn(s, now, theirs, in.yourZone(), in.english()))
		}
	}
	return ""
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// toneCheck reports the blame, salary complaints and medical detail found by
// the scans, and shouting in text (which has had the user's names taken out).
func toneCheck(text string, hits ...*matches) Check {
	var found []string
	for _, c := range []struct {
		cat   category
		label string
	}{{catBlame, "blame"}, {catSalary, "salary complaint"}, {catMedical, "medical detail"}} {
		for _, h := range hits {
			for _, m := range h[c.cat] {
				if f := fmt.Sprintf("%s: %q", c.label, m); !slices.Contains(found, f) {
					found = append(found, f)
				}
			}
		}
	}
	for _, run := range shouting(text) {
		found = append(found, fmt.Sprintf("shouting: %q", run))
	}
	c := Check{ID: "tone", OK: true, Article: articleTone, Message: "Professional and courteous."}
	if len(found) > 0 {
		if len(found) > maxFindingsInCheck {
			found = found[:maxFindingsInCheck]
		}
		c.OK = false
		c.Message = "Reword to stay professional: " + strings.Join(found, ", ") + "."
	}
	return c
}

func uniq(ms []string) []string {
	var out []string
	seen := make(map[string]bool, len(ms))
	for _, m := range ms {
		k := strings.ToLower(m)
		if !seen[k] {
			seen[k] = true
			out = append(out, m)
		}
	}
	return out
}

// withoutNames blanks out the company, role and people's names, and the
// interview's location, which are the user's to spell however they like: a
// company called "IBM UK LTD" is not shouting, "[x]cube" is not a
// placeholder, and neither is a postcode such as "LONDON SE1 3LE".
func withoutNames(in Input, text string) string {
	names := []string{in.Company, in.Role, in.ToName, in.FromName, in.Location}
	if place := venueOf(in.Location).Place; place != "" {
		names = append(names, place) // as the draft writes it, on one line
	}
	// Longest first, so "Acme" does not eat into "Acme Robotics".
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	for _, name := range names {
		if name = strings.TrimSpace(name); name != "" && strings.Contains(text, name) {
			text = strings.ReplaceAll(text, name, " ")
		}
	}
	return text
}

// shouting returns runs of three or more consecutive all-capital words (two
// letters or more; "I" and "A" neither count nor break a run), as written.
func shouting(text string) []string {
	sc := shoutScan{text: text, runStart: -1, runEnd: -1, wordStart: -1, upper: true}
	for i, r := range text {
		if breaksWord(r) {
			sc.endWord(i)
			if len(sc.runs) >= maxFindingsInCheck {
				return sc.runs
			}
			continue
		}
		if sc.wordStart < 0 {
			sc.wordStart = i
		}
		sc.letter(r)
	}
	sc.endWord(len(text))
	sc.flush()
	return sc.runs
}

// breaksWord reports the white space that ends a word for shouting.
func breaksWord(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r >= utf8.RuneSelf && unicode.IsSpace(r)
}

// shoutScan is shouting's state: the run of capital words being collected
// and the word being read.
type shoutScan struct {
	text     string
	runs     []string
	runStart int // byte offset of the run's first word, -1 when none
	runEnd   int // byte offset just past the run's last word
	long     int // words in the run of two letters or more
	// The word being read: where it starts (-1 between words), how many
	// letters it has, and whether all of them are capitals.
	wordStart int
	letters   int
	upper     bool
}

// flush keeps the run if it is long enough and starts a new one.
func (sc *shoutScan) flush() {
	if sc.long >= shoutingRunToFlag {
		sc.runs = append(sc.runs, strings.TrimFunc(sc.text[sc.runStart:sc.runEnd], func(r rune) bool { return !unicode.IsLetter(r) }))
	}
	sc.runStart, sc.long = -1, 0
}

// endWord closes the word ending at byte offset end: an all-capital word
// extends the run, and any other word (one with no letters included) ends
// it.
func (sc *shoutScan) endWord(end int) {
	switch {
	case sc.wordStart < 0:
		return
	case sc.letters == 0 || !sc.upper:
		sc.flush()
	default:
		if sc.runStart < 0 {
			sc.runStart = sc.wordStart
		}
		sc.runEnd = end
		if sc.letters >= 2 {
			sc.long++
		}
	}
	sc.wordStart, sc.letters, sc.upper = -1, 0, true
}

// letter counts r toward the current word if it is a letter.
func (sc *shoutScan) letter(r rune) {
	switch {
	case 'A' <= r && r <= 'Z':
		sc.letters++
	case 'a' <= r && r <= 'z':
		sc.letters++
		sc.upper = false
	case r >= utf8.RuneSelf && unicode.IsLetter(r):
		sc.letters++
		if !unicode.IsUpper(r) {
			sc.upper = false
		}
	}
}

func placeholderCheck(text string) Check {
	c := Check{ID: "placeholders", OK: true, Article: articleWhatToSay, Message: "No leftover placeholders."}
	found := placeholders(text)
	if len(found) > 0 {
		quoted := make([]string, len(found))
		for i, f := range found {
			quoted[i] = fmt.Sprintf("%q", f)
		}
		c.OK = false
		c.Message = "Leftover placeholder text: " + strings.Join(quoted, ", ") + ". Fill it in or delete it before sending."
	}
	return c
}

// maxPlaceholder is the longest bracketed text taken for a placeholder;
// longer brackets are more likely a real aside.
const maxPlaceholder = 40

// placeholders finds the marks people leave when adapting a template by
// hand: [Name], <company>, {{…}}, TODO and XXX.
func placeholders(text string) []string {
	found := bracketPlaceholders(text, nil)
	found = anglePlaceholders(text, found)
	for _, mark := range []string{"{{", "}}"} {
		if strings.Contains(text, mark) {
			found = append(found, mark)
		}
	}
	for _, mark := range []string{"TODO", "XXX"} {
		if hasWord(text, mark) {
			found = append(found, mark)
		}
	}
	return uniq(found)
}

// bracketPlaceholders appends to found each "[…]" of one line and at most
// maxPlaceholder bytes inside, until found holds maxFindingsInCheck.
func bracketPlaceholders(text string, found []string) []string {
	for rest := text; len(found) < maxFindingsInCheck; {
		open := strings.IndexByte(rest, '[')
		if open < 0 {
			break
		}
		rest = rest[open+1:]
		// The search stops at the next "[", so the scan stays linear.
		end := strings.IndexAny(rest, "[]\n")
		if end >= 1 && end <= maxPlaceholder && rest[end] == ']' {
			found = append(found, "["+rest[:end+1])
		}
	}
	return found
}

// anglePlaceholders appends to found each "<…>" holding a short run of
// letters (spaces, "_" and "-" allowed after the first), until found holds
// maxFindingsInCheck.
func anglePlaceholders(text string, found []string) []string {
	for rest := text; len(found) < maxFindingsInCheck; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
		n := 0
		for n < len(rest) && n <= 31 && isPlaceholderByte(rest[n], n == 0) {
			n++
		}
		if n > 0 && n < len(rest) && rest[n] == '>' {
			found = append(found, "<"+rest[:n+1])
		}
	}
	return found
}

func isPlaceholderByte(b byte, first bool) bool {
	letter := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
	return letter || !first && (b == ' ' || b == '_' || b == '-')
}

// hasWord reports whether word occurs in text with no letter or digit
// touching it on either side.
func hasWord(text, word string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], word)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(word)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(text) || !isWordRune(after)) {
			return true
		}
		from = end
	}
}
