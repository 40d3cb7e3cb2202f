package compose

import "strings"

// Mailto builds an RFC 6068 mailto: link that opens the user's mail client
// with the draft filled in. Line breaks in the body become CRLF, as the RFC
// asks; everything outside the unreserved characters is percent-encoded, so
// spaces are %20 (never "+", which mail clients would show literally).
func Mailto(to, subject, body string) string {
	var sb strings.Builder
	sb.Grow(len("mailto:?subject=&body=") + 3*(len(to)+len(subject)+len(body)))
	sb.WriteString("mailto:")
	escape(&sb, strings.TrimSpace(to), "@")
	sb.WriteString("?subject=")
	escape(&sb, subject, "")
	sb.WriteString("&body=")
	escape(&sb, crlf(body), "")
	return sb.String()
}

// crlf turns every line break (LF, CR or CRLF) into CRLF.
func crlf(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}

// escape percent-encodes s byte by byte, keeping RFC 3986's unreserved
// characters and any in keep.
func escape(sb *strings.Builder, s, keep string) {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) || (c < 0x80 && strings.IndexByte(keep, c) >= 0) {
			sb.WriteByte(c)
			continue
		}
		sb.WriteByte('%')
		sb.WriteByte(hex[c>>4])
		sb.WriteByte(hex[c&15])
	}
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// MaxMailtoLength is the longest mailto: link worth handing to the desktop:
// some mail programs and the Windows shell cut longer ones short, losing
// the end of the email without a word.
const MaxMailtoLength = 2000

// Webmail is a web mail service whose compose page can be opened with the
// draft filled in, for computers with no mail program set up.
type Webmail struct {
	Name string
	base string
	// keys name the query parameters for recipient, subject and body.
	to, subject, body string
}

// Webmails lists the services offered, most used first.
func Webmails() []Webmail {
	return []Webmail{
		{Name: "Gmail", base: "https://mail.google.com/mail/?view=cm&fs=1", to: "to", subject: "su", body: "body"},
		{Name: "Outlook.com", base: "https://outlook.live.com/mail/0/deeplink/compose?", to: "to", subject: "subject", body: "body"},
	}
}

// ComposeURL is the web page that opens w's compose form with the draft.
func (w Webmail) ComposeURL(to, subject, body string) string {
	var sb strings.Builder
	sb.WriteString(w.base)
	for _, p := range []struct{ key, value string }{{w.to, strings.TrimSpace(to)}, {w.subject, subject}, {w.body, body}} {
		if p.value == "" {
			continue
		}
		if !strings.HasSuffix(sb.String(), "?") {
			sb.WriteByte('&')
		}
		sb.WriteString(p.key + "=")
		escape(&sb, crlf(p.value), "@")
	}
	return sb.String()
}
