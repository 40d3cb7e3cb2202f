package compose

import (
	"errors"
	"net/mail"
	"strings"
	"time"
)

// The range of years a time may fall in, everywhere: forms, the command
// line, imports and the store. Before 1970 zones fall back to local mean
// time with odd second offsets no email could state, far-off years are
// typing slips, and 10000 cannot even be written in RFC 3339.
const (
	MinYear = 1970
	MaxYear = 2200
)

// ValidYear reports whether t falls within MinYear to MaxYear (in UTC).
func ValidYear(t time.Time) bool {
	y := t.UTC().Year()
	return y >= MinYear && y <= MaxYear
}

// errBadEmail is what ValidateEmail says of an address it refuses; callers
// word it for their field.
var errBadEmail = errors.New("not a valid email address")

// ValidateEmail accepts a bare address such as "ana@example.com" and nothing
// else: no display name, no spaces, a dot in the domain.
func ValidateEmail(addr string) error {
	parsed, err := mail.ParseAddress(addr)
	if err != nil || parsed.Address != addr || parsed.Name != "" {
		return errBadEmail
	}
	at := strings.LastIndexByte(addr, '@')
	if at < 1 || !strings.Contains(addr[at+1:], ".") || strings.HasSuffix(addr, ".") {
		return errBadEmail
	}
	return nil
}
