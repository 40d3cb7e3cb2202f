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
