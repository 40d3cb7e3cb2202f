// Package textfold folds text for searching, so that what a person types
// matches what was stored however either was accented or capitalised:
// "muller" finds "Müller", "sao paulo" finds "São Paulo" and "strasse"
// finds "Straße". The folded text is only for comparing, never for showing.
// The package is a leaf: it imports no Bridgekeeper package and no Fyne.
package textfold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s lower-cased, with the accents of Latin, Greek and Cyrillic
// letters removed and the Latin letters that carry no separable accent
// spelled plainly (ß→ss, ø→o, ł→l, æ→ae …). Marks on letters of other
// scripts are kept, since there they are often vowels, not accents. Text
// that is already plain lower-case ASCII comes back as the same string,
// without allocating, which keeps folding cheap for the common case.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	strip := false // whether marks now follow a letter whose accents go
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf { // most of any text: skip the tables
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			strip = 'a' <= c && c <= 'z'
			i++
			continue
		}
		// Decomposing rune by rune, from the tables, allocates nothing but
		// the result: rows are folded by the hundred thousand.
		d := norm.NFD.PropertiesString(s[i:]).Decomposition()
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if d == nil {
			strip = writeFolded(&b, r, strip)
			continue
		}
		for _, r := range string(d) {
			strip = writeFolded(&b, r, strip)
		}
	}
	// Recompose what is left (Hangul typed as jamo, kept marks), so equal
	// text folds to equal bytes whichever normal form it arrived in. Text
	// already composed comes back as is.
	return norm.NFC.String(b.String())
}

// writeFolded writes r lower-cased and plainly spelled, or not at all if it
// is an accent to drop, and reports whether marks after it are such accents.
func writeFolded(b *strings.Builder, r rune, strip bool) bool {
	if unicode.Is(unicode.Mn, r) {
		if !strip {
			b.WriteRune(r)
		}
		return strip
	}
	r = unicode.ToLower(r)
	if plain := plainLetter(r); plain != "" {
		b.WriteString(plain)
	} else {
		b.WriteRune(r)
	}
	return unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// plainLetter spells the lower-case letters that Unicode does not
// decompose into a base letter and an accent, or "" for any other rune.
func plainLetter(r rune) string {
	switch r {
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'þ':
		return "th"
	case 'ø':
		return "o"
	case 'ł':
		return "l"
	case 'đ', 'ð':
		return "d"
	case 'ı':
		return "i"
	case 'ħ':
		return "h"
	case 'ŧ':
		return "t"
	case 'ς': // Greek final sigma is the same letter as σ
		return "σ"
	}
	return ""
}
