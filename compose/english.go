package compose

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// English is the variety a draft is written in.
type English string

// The varieties.
const (
	EnglishUS English = "us"
	EnglishUK English = "uk"
)

// Englishes lists the varieties; the first is the default when the locale
// does not say.
func Englishes() []English { return []English{EnglishUS, EnglishUK} }

// ParseEnglish turns user text into an English ("us", "uk", "en-GB" …).
func ParseEnglish(s string) (English, error) {
	switch v := normalise(s); {
	case v == "us", v == "en-us", v == "en_us", v == "american":
		return EnglishUS, nil
	case v == "uk", v == "gb", v == "en-gb", v == "en_gb", v == "british":
		return EnglishUK, nil
	}
	return "", &InputError{Field: "english", Msg: fmt.Sprintf("unknown English %q (want us or uk)", s)}
}

// Valid reports whether e is a known variety.
func (e English) Valid() bool { return e == EnglishUS || e == EnglishUK }

// EnglishFromLocale picks the variety for a locale such as "en_GB.UTF-8" or
// "en-AU": British spelling for the Commonwealth, American otherwise, and
// American when the locale says nothing.
func EnglishFromLocale(locale string) English {
	l := strings.ToLower(locale)
	l, _, _ = strings.Cut(l, ".")
	l = strings.ReplaceAll(l, "-", "_")
	for _, uk := range []string{"en_gb", "en_ie", "en_au", "en_nz", "en_za", "en_in", "en_sg", "en_hk"} {
		if l == uk {
			return EnglishUK
		}
	}
	return EnglishUS
}

// usSpellings maps the British spellings the templates and reason wordings
// are written in to their American forms. Only our own words are changed:
// the spelling runs over the template sources and wordings, never over what
// the user typed.
func usSpellings() map[string]string {
	return map[string]string{
		"apologise": "apologize", "apologised": "apologized", "apologising": "apologizing",
		"organise": "organize", "organised": "organized", "organising": "organizing", "organisation": "organization",
		"realise": "realize", "realised": "realized", "recognise": "recognize", "prioritise": "prioritize",
		"cancelled": "canceled", "cancelling": "canceling", "travelling": "traveling", "travelled": "traveled",
		"favour": "favor", "favourable": "favorable", "behaviour": "behavior",
		"programme": "program", "centre": "center", "enrol": "enroll", "fulfil": "fulfill", "judgement": "judgment",
		"diary": "calendar", "whilst": "while", "learnt": "learned", "rota": "schedule", "CV": "résumé",
		"honour": "honor", "honoured": "honored", "grey": "gray",
	}
}

// wordPattern finds a run of letters: a word to respell.
var wordPattern = regexp.MustCompile(`[A-Za-z]+`)

// respell turns British words into American ones, keeping a capital first
// letter. It leaves template actions ({{…}}) alone.
func respell(text string, e English) string {
	if e != EnglishUS {
		return text
	}
	us := usSpellings()
	var out strings.Builder
	for text != "" {
		open := strings.Index(text, "{{")
		plain := text
		if open >= 0 {
			plain = text[:open]
		}
		out.WriteString(wordPattern.ReplaceAllStringFunc(plain, func(w string) string { return respellWord(w, us) }))
		if open < 0 {
			break
		}
		end := strings.Index(text[open:], "}}")
		if end < 0 {
			out.WriteString(text[open:])
			break
		}
		out.WriteString(text[open : open+end+2])
		text = text[open+end+2:]
	}
	return out.String()
}

func respellWord(w string, us map[string]string) string {
	if v, ok := us[w]; ok {
		return v
	}
	lower := strings.ToLower(w)
	v, ok := us[lower]
	if !ok || lower == w {
		return w
	}
	return strings.ToUpper(v[:1]) + v[1:]
}

// contractions are the forms warm and brief drafts use where formal ones
// spell words out; only safe pairs, where the short form means the same.
func contractions() []struct{ long, short string } {
	return []struct{ long, short string }{
		{"I am", "I'm"}, {"I will", "I'll"}, {"I would", "I'd"},
		{"I have been", "I've been"}, {"I have had", "I've had"}, {"I have accepted", "I've accepted"},
		{"I have decided", "I've decided"}, {"I have come", "I've come"}, {"I have received", "I've received"},
		{"I have left", "I've left"}, {"I have fallen", "I've fallen"}, {"I have got", "I've got"},
		{"I had fallen", "I'd fallen"}, {"cannot", "can't"}, {"do not", "don't"}, {"does not", "doesn't"},
		{"did not", "didn't"}, {"will not", "won't"}, {"is not", "isn't"}, {"was not", "wasn't"},
		{"are not", "aren't"}, {"could not", "couldn't"}, {"would not", "wouldn't"}, {"it is", "it's"},
		{"It is", "It's"}, {"that is", "that's"}, {"There is", "There's"}, {"there is", "there's"},
	}
}

// contract writes our own wording in the register of a warm or brief
// draft. The user's words never pass through it.
func contract(text string) string {
	for _, c := range contractions() {
		text = replaceWords(text, c.long, c.short)
	}
	return text
}

// replaceWords replaces whole-word occurrences of from.
func replaceWords(text, from, to string) string {
	var out strings.Builder
	for {
		i := strings.Index(text, from)
		if i < 0 {
			out.WriteString(text)
			return out.String()
		}
		before := i == 0 || !isWordByte(text[i-1])
		j := i + len(from)
		after := j == len(text) || !isWordByte(text[j])
		out.WriteString(text[:i])
		if before && after {
			out.WriteString(to)
		} else {
			out.WriteString(from)
		}
		text = text[j:]
	}
}

func isWordByte(b byte) bool {
	return b == '\'' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// dateLayouts are how each variety writes a date and a time of day.
type dateLayouts struct {
	long, longYear, short, shortYear, clock string
}

func layoutsFor(e English) dateLayouts {
	if e == EnglishUK {
		return dateLayouts{"Monday 2 January", "Monday 2 January 2006", "2 January", "2 January 2006", "15:04"}
	}
	return dateLayouts{"Monday, January 2", "Monday, January 2, 2006", "January 2", "January 2, 2006", "3:04 PM"}
}

// writeDay is the date of t as a person writes it, with the year only when
// it is not the current one.
func writeDay(t, now time.Time, e English) string {
	l := layoutsFor(e)
	if t.Year() != now.Year() {
		return t.Format(l.longYear)
	}
	return t.Format(l.long)
}

// writeShortDay is the date for subjects: "13 March" or "March 13".
func writeShortDay(t, now time.Time, e English) string {
	l := layoutsFor(e)
	if t.Year() != now.Year() {
		return t.Format(l.shortYear)
	}
	return t.Format(l.short)
}

// writeClock is the time of day: "14:30" or "2:30 PM".
func writeClock(t time.Time, e English) string { return t.Format(layoutsFor(e).clock) }
