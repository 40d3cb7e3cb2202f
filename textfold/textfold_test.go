package textfold

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain ascii", "plain ascii"},
		{"MÜLLER", "muller"},
		{"Müller", "muller"},
		{"Zoë", "zoe"},
		{"São Paulo", "sao paulo"},
		{"Çağla Yıldız", "cagla yildiz"},
		{"İstanbul", "istanbul"},
		{"Straße", "strasse"},
		{"STRAẞE", "strasse"},
		{"Søren Ødegård", "soren odegard"},
		{"Łódź", "lodz"},
		{"Ærøskøbing", "aeroskobing"},
		{"Œuvre", "oeuvre"},
		{"Đorđe", "dorde"},
		{"Þór", "thor"},
		{"Guðrún", "gudrun"},
		{"Ħaż-Żebbuġ", "haz-zebbug"},
		{"Ŧoađi", "toadi"},
		{"Οδυσσέας", "οδυσσεασ"}, // final sigma is σ
		{"Résumé", "resume"},
		{"Nguyễn Thị Ánh", "nguyen thi anh"},
		{"Ελένη Σοφία Παπαδοπούλου", "ελενη σοφια παπαδοπουλου"},
		{"ΟΔΥΣΣΕΥΣ", "οδυσσευσ"},
		{"Ёлка Йошкар", "елка иошкар"},
		// Bytes that are not UTF-8 (a Latin-1 "é") cannot match anything.
		{"caf\xe9 Bar", "caf\uFFFD bar"},
		// Separators and punctuation the callers split on pass through.
		{"a\x00b’c-d", "a\x00b’c-d"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The same text typed precomposed or with combining accents (as some
// keyboards and macOS file names produce) must fold alike.
func TestFoldIgnoresNormalForm(t *testing.T) {
	for _, s := range []string{"Müller", "São Paulo", "Zoë", "한국어", "किरण"} {
		nfc, nfd := norm.NFC.String(s), norm.NFD.String(s)
		if Fold(nfc) != Fold(nfd) {
			t.Errorf("Fold(NFC %q) = %q but Fold(NFD) = %q", s, Fold(nfc), Fold(nfd))
		}
	}
}

// Outside Latin, Greek and Cyrillic a combining mark is often a vowel:
// dropping it would make different words equal.
func TestFoldKeepsMarksOfOtherScripts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"किरण", "किरण"},     // Devanagari vowel sign i is a mark
		{"สวัสดี", "สวัสดี"}, // Thai vowels above are marks
		{"한국어", "한국어"},       // Hangul comes back composed
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if Fold("किरण") == Fold("करण") {
		t.Error("Fold made two different Devanagari words equal")
	}
}

// Plain lower-case ASCII, most of what the tracker holds, must come back
// as the very same string, without allocating.
func TestFoldPlainASCIIDoesNotAllocate(t *testing.T) {
	s := strings.Repeat("acme backend engineer ", 10)
	if n := testing.AllocsPerRun(100, func() { _ = Fold(s) }); n != 0 {
		t.Errorf("Fold of lower-case ASCII allocates %v times", n)
	}
}

func BenchmarkFold(b *testing.B) {
	for _, c := range []struct{ name, s string }{
		{"ascii", "globex 42\x00backend engineer\x00ana roe"},
		{"accented", "çağla yıldız\x00müller gmbh\x00são paulo"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				Fold(c.s)
			}
		})
	}
}
