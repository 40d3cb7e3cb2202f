package data

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/emersion/go-vcard"
	"github.com/google/uuid"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"

	"bridgekeeper/textfold"
)

// Contacts travel in and out as vCards (RFC 6350) through go-vcard. Its
// encoder writes 4.0 well but does not fold long lines, so foldWriter does.
// Reading what phones and mail programs write needs help its decoder does
// not give, so each card's lines are put into the shape it reads first:
//   - a UTF-8 byte order mark is dropped and UTF-16 is decoded;
//   - vCard 2.1's quoted-printable values, with their soft line breaks
//     ("=" at a line's end), and CHARSET parameters are decoded, as are
//     8-bit values that are not UTF-8 (read as Windows-1252);
//   - 2.1's bare parameters ("TEL;CELL;PREF:") become TYPE=…, which the
//     decoder would otherwise take for the value;
//   - escapes the decoder leaves alone ("\;", Apple's "\:", "\N") are
//     undone, and the components of N and ORG are split on the semicolons
//     that were not escaped;
//   - photos and other binary properties are dropped unread.

// ErrNotVCard is returned by ReadVCards for input that holds no vCard at
// all: an empty file, or a file of some other kind.
var ErrNotVCard = errors.New("no vCard in the file (a contacts file has BEGIN:VCARD lines)")

const (
	// maxVCardLine is the longest unfolded line read; a longer one (a photo,
	// nearly always) is left out.
	maxVCardLine = 1 << 20
	// maxVCardText is how much text one card may hold in the lines kept.
	maxVCardText = 4 << 20
	// vcardFoldAt is the longest line written, in octets (RFC 6350 3.2).
	vcardFoldAt = 75
)

// WriteVCards writes cs to w as vCard 4.0 (RFC 6350), a card each, with
// CRLF line ends and lines folded at 75 octets. companyName names a
// contact's company for ORG; nil, or "" from it, writes no ORG.
//
// A card holds FN (the name; the email for a contact without one), N (the
// name cut at its last space into given and family names), EMAIL, TEL,
// ORG, ROLE (the role's label, which ReadVCards reads back as the role),
// the LinkedIn profile as URL;TYPE=x-linkedin (X-SOCIALPROFILE;
// TYPE=linkedin when it is not a web address), NOTE and UID. A semicolon
// in N or ORG is written as a comma: go-vcard cannot escape one there.
//
// The UID is "urn:uuid:" and a name-based (version 5) UUID made from the
// contact's ID, so a contact keeps its UID from one export to the next and
// an address book that knows the card updates it instead of adding
// another. The ID is the database's, so contacts in two databases that
// share an ID share a UID too.
func WriteVCards(w io.Writer, cs []Contact, companyName func(id int64) string) error {
	bw := bufio.NewWriter(w)
	enc := vcard.NewEncoder(&foldWriter{w: bw})
	for _, c := range cs {
		company := ""
		if c.CompanyID != 0 && companyName != nil {
			company = companyName(c.CompanyID)
		}
		if err := enc.Encode(contactCard(c, company)); err != nil {
			return wrapErr("write vCards", err)
		}
	}
	return wrapErr("write vCards", bw.Flush())
}

// contactCard is the vCard of one contact.
func contactCard(c Contact, company string) vcard.Card {
	card := vcard.Card{}
	card.SetValue(vcard.FieldVersion, "4.0")
	card.SetValue(vcard.FieldProductID, "-//Bridgekeeper//Bridgekeeper//EN")
	name, email := oneLine(c.Name), oneLine(c.Email)
	card.SetValue(vcard.FieldFormattedName, name)
	if name == "" {
		card.SetValue(vcard.FieldFormattedName, email)
	} else {
		card.SetName(splitName(name))
	}
	if c.ID != 0 {
		card.SetValue(vcard.FieldUID, contactUID(c.ID))
	}
	add := func(k, v string) {
		if v != "" {
			card.AddValue(k, v)
		}
	}
	add(vcard.FieldEmail, email)
	add(vcard.FieldTelephone, oneLine(c.Phone))
	add(vcard.FieldOrganization, strings.ReplaceAll(oneLine(company), ";", ","))
	add(vcard.FieldRole, roleLabel(c.Role))
	addLinkedIn(card, oneLine(c.LinkedIn))
	add(vcard.FieldNote, cleanNotes(c.Notes))
	return card
}

// contactUID is a contact's vCard UID, the same at every export.
func contactUID(id int64) string {
	return "urn:uuid:" + uuid.NewSHA1(uuid.NameSpaceURL, []byte("bridgekeeper:contact:"+strconv.FormatInt(id, 10))).String()
}

// splitName is N for a name: what follows its last space is taken for the
// family name, the rest for the given names.
func splitName(name string) *vcard.Name {
	name = strings.ReplaceAll(name, ";", ",")
	n := &vcard.Name{GivenName: name}
	if i := strings.LastIndexByte(name, ' '); i > 0 {
		n.GivenName, n.FamilyName = name[:i], name[i+1:]
	}
	return n
}

// addLinkedIn adds a LinkedIn profile: a web address as a URL, anything
// else (a bare handle) as Apple's X-SOCIALPROFILE.
func addLinkedIn(card vcard.Card, v string) {
	if v == "" {
		return
	}
	if lower := strings.ToLower(v); strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") {
		card.Add(vcard.FieldURL, &vcard.Field{Value: v, Params: vcard.Params{vcard.ParamType: {"x-linkedin"}}})
		return
	}
	card.Add("X-SOCIALPROFILE", &vcard.Field{Value: v, Params: vcard.Params{vcard.ParamType: {"linkedin"}}})
}

// foldWriter folds the lines written through it at vcardFoldAt octets,
// never inside a UTF-8 character, by starting a new line with a space.
type foldWriter struct {
	w   *bufio.Writer
	col int // octets on the line so far
}

// Write passes p on, starting a folded line before any character that
// would take the line past vcardFoldAt octets.
func (f *foldWriter) Write(p []byte) (int, error) {
	for _, b := range p {
		switch {
		case b == '\n':
			f.col = 0
		case b == '\r':
		case utf8.RuneStart(b):
			if f.col > 0 && f.col+utf8SeqLen(b) > vcardFoldAt {
				if _, err := f.w.WriteString("\r\n "); err != nil {
					return 0, err
				}
				f.col = 1
			}
			f.col++
		default:
			f.col++
		}
		if err := f.w.WriteByte(b); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// utf8SeqLen is how many bytes the character a lead byte starts takes.
func utf8SeqLen(b byte) int {
	switch {
	case b >= 0xF0:
		return 4
	case b >= 0xE0:
		return 3
	case b >= 0xC0:
		return 2
	}
	return 1
}

// ReadVCards reads every card in a vCard file (2.1, 3.0 or 4.0, as phones
// and mail programs write them) as a contact, with the company its ORG
// names ("" for none) and warnings about what could not be read as it
// stood. A card with neither name nor email comes back too, empty of both,
// for ImportContacts to skip and say so.
//
// The name is FN, or N put together when FN is missing (or is only the
// email). Of several addresses the work one is taken, else the preferred,
// else the first; of several phones the preferred, else work, else mobile.
// The LinkedIn profile is a URL on linkedin.com, or one its TYPE or Apple
// label calls LinkedIn, or X-SOCIALPROFILE. ROLE and TITLE give the role
// when they name one ("Recruiter", "Senior Technical Recruiter"); a title
// that is more than a role's name is kept at the top of the notes.
//
// The error is ErrNotVCard when the input holds no card, or a failure to
// read it.
func ReadVCards(r io.Reader) ([]Contact, []string, []string, error) {
	s := newVCardScanner(r)
	var cs []Contact
	var orgs, warns []string
	for n := 1; ; n++ {
		ct, ok := s.card()
		if !ok {
			break
		}
		c, org, w := readCard(ct)
		cs, orgs = append(cs, c), append(orgs, org)
		for _, msg := range w {
			warns = append(warns, fmt.Sprintf("card %d (%s): %s", n, cardLabel(c, org), msg))
		}
	}
	if s.err != nil && !errors.Is(s.err, io.EOF) {
		return nil, nil, nil, wrapErr("read the vCard file", s.err)
	}
	if len(cs) == 0 {
		return nil, nil, nil, ErrNotVCard
	}
	if s.junk {
		warns = append(warns, "text outside BEGIN:VCARD … END:VCARD was left out")
	}
	return cs, orgs, warns, nil
}

// cardLabel names a card in a warning.
func cardLabel(c Contact, org string) string {
	for _, s := range []string{c.Name, c.Email, org, c.Phone} {
		if s != "" {
			return s
		}
	}
	return "no name"
}

// physLine is one line of the file as read, without its line end.
type physLine struct {
	text string
	cut  bool // longer than maxVCardLine: text is its start only
}

// cardText is the lines of one card, unfolded, between BEGIN:VCARD and
// END:VCARD.
type cardText struct {
	lines        []string
	v21          bool // VERSION:2.1 (or older)
	dropped      int  // lines left out for their length
	unterminated bool // the file ended before END:VCARD
}

// vcardScanner reads a vCard file line by line: it unfolds folded lines,
// joins quoted-printable soft line breaks and cuts the file into cards.
type vcardScanner struct {
	br    *bufio.Reader
	queue []physLine // lines read and not used yet
	err   error      // what ended reading (io.EOF at the end)
	junk  bool       // text outside any card was seen
}

// newVCardScanner reads r, decoding UTF-16 and dropping a UTF-8 byte order
// mark.
func newVCardScanner(r io.Reader) *vcardScanner {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return &vcardScanner{br: br, err: err} // Peek took the error: keep it
	}
	enc := bomEncoding(head)
	if enc == "" {
		enc = zeroByteEncoding(head)
	}
	switch enc {
	case EncodingUTF16LE, EncodingUTF16BE:
		br = bufio.NewReader(decodeReader(br, enc))
	case EncodingUTF8BOM:
		br.Discard(3)
	}
	return &vcardScanner{br: br}
}

// peek is the next line, or false at the end of the file.
func (s *vcardScanner) peek() (physLine, bool) {
	for len(s.queue) == 0 {
		if s.err != nil {
			return physLine{}, false
		}
		s.fill()
	}
	return s.queue[0], true
}

func (s *vcardScanner) take() { s.queue = s.queue[1:] }

// fill reads up to the next LF and queues the lines it holds: a CR alone
// ends a line too. A line longer than maxVCardLine is kept cut short.
func (s *vcardScanner) fill() {
	var buf []byte
	cut := false
	for {
		chunk, err := s.br.ReadSlice('\n')
		room := maxVCardLine - len(buf)
		if len(chunk) > room {
			chunk, cut = chunk[:room], true
		}
		buf = append(buf, chunk...)
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			s.err = err
			if len(buf) == 0 {
				return
			}
		}
		break
	}
	text := strings.TrimSuffix(strings.TrimSuffix(string(buf), "\n"), "\r")
	if cut {
		s.queue = append(s.queue, physLine{text: text, cut: true})
		return
	}
	for _, p := range strings.Split(text, "\r") {
		s.queue = append(s.queue, physLine{text: p})
	}
}

// logical reads one content line: a line and the lines folded onto it
// (which start with a space or tab), or, for a quoted-printable value, the
// lines its soft line breaks join. Unfolding drops the space in 3.0 and
// 4.0 and keeps it in 2.1, as each version says. cut reports a line longer
// than maxVCardLine, of which only the start is kept.
func (s *vcardScanner) logical(v21 bool) (line string, cut bool, ok bool) {
	first, ok := s.peek()
	if !ok {
		return "", false, false
	}
	s.take()
	cur, cut := []byte(strings.TrimLeft(first.text, " \t")), first.cut
	qp := isQuotedPrintable(first.text)
	for {
		next, ok := s.peek()
		if !ok {
			break
		}
		piece, soft, joins := continuation(cur, next.text, qp, v21)
		if !joins {
			break
		}
		if soft {
			cur = cur[:len(cur)-1] // the soft line break's "="
		}
		s.take()
		if cut = cut || next.cut || len(cur)+len(piece) > maxVCardLine; !cut {
			cur = append(cur, piece...)
		}
	}
	return string(cur), cut, true
}

func isFold(text string) bool { return text != "" && (text[0] == ' ' || text[0] == '\t') }

// continuation is what the next line adds to the content line cur, and
// whether it belongs to it at all: after a quoted-printable soft line
// break (soft: the "=" that ends cur goes) the whole next line does,
// unless it ends the card; otherwise a folded line does, less its first
// space (but in 2.1).
func continuation(cur []byte, next string, qp, v21 bool) (piece string, soft, joins bool) {
	switch {
	case qp && len(cur) > 0 && cur[len(cur)-1] == '=' && !isVCardEnd(next):
		return strings.TrimLeft(next, " \t"), true, true
	case isFold(next) && v21:
		return next, false, true
	case isFold(next):
		return next[1:], false, true
	}
	return "", false, false
}

// isQuotedPrintable reports whether a line's parameters say its value is
// quoted-printable.
func isQuotedPrintable(line string) bool {
	head, _, ok := strings.Cut(line, ":")
	return ok && strings.Contains(strings.ToUpper(head), "QUOTED-PRINTABLE")
}

func isVCardBegin(line string) bool { return strings.EqualFold(strings.TrimSpace(line), "BEGIN:VCARD") }
func isVCardEnd(line string) bool   { return strings.EqualFold(strings.TrimSpace(line), "END:VCARD") }

// card reads the next card, skipping any text before it; false at the end
// of the file. A card inside a card (2.1's AGENT) is skipped.
func (s *vcardScanner) card() (cardText, bool) {
	if !s.toCard() {
		return cardText{}, false
	}
	var ct cardText
	depth, size := 0, 0
	for {
		l, cut, ok := s.logical(ct.v21)
		name := propertyName(l)
		switch {
		case !ok:
			ct.unterminated = true
			return ct, true
		case isVCardBegin(l):
			depth++
		case isVCardEnd(l) && depth == 0:
			return ct, true
		case isVCardEnd(l):
			depth--
		case depth > 0 || unreadProperty(name):
		case cut || size+len(l) > maxVCardText:
			ct.dropped++
		default:
			if name == vcard.FieldVersion {
				ct.v21 = isOldVersion(l)
			}
			ct.lines = append(ct.lines, l)
			size += len(l)
		}
	}
}

// toCard reads up to and past the next BEGIN:VCARD, noting any text on
// the way; false when there is none.
func (s *vcardScanner) toCard() bool {
	for {
		l, _, ok := s.logical(false)
		if !ok || isVCardBegin(l) {
			return ok
		}
		s.junk = s.junk || strings.TrimSpace(l) != ""
	}
}

// isOldVersion reports a VERSION line for vCard 2.1 or older, whose values
// unfold keeping the space and may be in any character set.
func isOldVersion(line string) bool {
	_, v, _ := strings.Cut(line, ":")
	v = strings.TrimSpace(v)
	return strings.HasPrefix(v, "1") || strings.HasPrefix(v, "2")
}

// propertyName is the name of a content line's property, upper-cased and
// without its group; "" for a line that is not a property.
func propertyName(line string) string {
	i := strings.IndexAny(line, ";:")
	if i < 0 {
		return ""
	}
	name := line[:i]
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		name = name[dot+1:]
	}
	return strings.ToUpper(strings.TrimSpace(name))
}

// unreadProperty reports the lines left out unread: those that are not
// properties, the BEGIN and END of anything but a card, and pictures,
// sounds and keys.
func unreadProperty(name string) bool {
	switch name {
	case "", "BEGIN", "END", vcard.FieldPhoto, vcard.FieldLogo, vcard.FieldSound, vcard.FieldKey, "X-MS-CARDPICTURE":
		return true
	}
	return false
}

// readCard decodes one card and reads it as a contact.
func readCard(ct cardText) (Contact, string, []string) {
	var b strings.Builder
	var warns []string
	b.WriteString("BEGIN:VCARD\r\n")
	for _, l := range ct.lines {
		line, warn, ok := normaliseLine(l, ct.v21)
		if warn != "" && !slices.Contains(warns, warn) {
			warns = append(warns, warn)
		}
		if ok {
			b.WriteString(line)
			b.WriteString("\r\n")
		}
	}
	b.WriteString("END:VCARD\r\n")
	card, err := vcard.NewDecoder(strings.NewReader(b.String())).Decode()
	if err != nil {
		return Contact{}, "", append(warns, "could not be read: "+err.Error())
	}
	c, org, more := cardContact(card)
	warns = append(warns, more...)
	if ct.dropped > 0 {
		warns = append(warns, fmt.Sprintf("%d lines longer than %d MiB were left out", ct.dropped, maxVCardLine>>20))
	}
	if ct.unterminated {
		warns = append(warns, "the file ends inside this card (no END:VCARD)")
	}
	return c, org, warns
}

// normaliseLine rewrites one unfolded content line so that go-vcard's
// decoder reads its value as its writer meant: decoded from
// quoted-printable and its character set, its escapes undone and done
// again the way the decoder undoes them. False for a line that is not a
// property (it has no colon).
func normaliseLine(l string, v21 bool) (string, string, bool) {
	name, params, value, ok := splitLine(l)
	if !ok {
		return "", "", false
	}
	kept, qp, charset := normaliseParams(params)
	if qp {
		value = decodeQP(value)
	}
	value, warn := decodeCharset(value, charset, v21)
	prop := strings.ToUpper(name[strings.LastIndexByte(name, '.')+1:])
	if prop == vcard.FieldName || prop == vcard.FieldOrganization {
		parts := splitComponents(value)
		for i, p := range parts {
			parts[i] = escapeForDecoder(strings.ReplaceAll(unescapeText(p), ";", ","))
		}
		value = strings.Join(parts, ";")
	} else {
		value = escapeForDecoder(unescapeText(value))
	}
	return strings.Join(append([]string{name}, kept...), ";") + ":" + value, warn, true
}

// splitLine cuts a content line into its name (with its group), its
// parameters and its value, at the first colon outside double quotes.
func splitLine(l string) (string, []string, string, bool) {
	var parts []string
	quoted, start := false, 0
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case c == '"':
			quoted = !quoted
		case c == ';' && !quoted:
			parts, start = append(parts, l[start:i]), i+1
		case c == ':' && !quoted:
			parts = append(parts, l[start:i])
			return parts[0], parts[1:], l[i+1:], true
		}
	}
	return "", nil, "", false
}

// normaliseParams turns 2.1's bare parameters into TYPE=… (ENCODING=… for
// an encoding's name) and takes out the ENCODING=QUOTED-PRINTABLE and
// CHARSET that the value is decoded by.
func normaliseParams(params []string) (kept []string, qp bool, charset string) {
	for _, p := range params {
		p = strings.TrimSpace(p)
		k, v, named := strings.Cut(p, "=")
		if !named {
			k, v = vcard.ParamType, p
			if isEncodingName(p) {
				k = "ENCODING"
			}
		}
		switch {
		case p == "":
		case strings.EqualFold(k, "CHARSET"):
			charset = strings.Trim(v, `"`)
		case strings.EqualFold(k, "ENCODING") && strings.EqualFold(v, "QUOTED-PRINTABLE"):
			qp = true
		default:
			kept = append(kept, k+"="+v)
		}
	}
	return kept, qp, charset
}

func isEncodingName(p string) bool {
	switch strings.ToUpper(p) {
	case "QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT":
		return true
	}
	return false
}

// decodeQP decodes a quoted-printable value whose soft line breaks are
// joined already. It is lenient, as readers of what phones write must be:
// an "=" not followed by two hex digits stays as it is, and one at the very
// end (a soft break with nothing after it) goes.
func decodeQP(s string) string {
	if !strings.Contains(s, "=") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2]) {
			b = append(b, hexValue(s[i+1])<<4|hexValue(s[i+2]))
			i += 2
			continue
		}
		if c == '=' && i == len(s)-1 {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexValue(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// decodeCharset turns a value's bytes into UTF-8 from the character set
// its CHARSET names. Bytes that are not UTF-8 when they should be are read
// as Windows-1252, with a warning, except in vCard 2.1 without a CHARSET,
// where 8-bit text in the computer's own encoding is what Outlook writes.
func decodeCharset(raw, charset string, v21 bool) (string, string) {
	name := strings.ToLower(strings.TrimSpace(charset))
	if name == "" || name == "utf-8" || name == "utf8" {
		if utf8.ValidString(raw) {
			return raw, ""
		}
		if v21 && name == "" {
			return windows1252(raw), ""
		}
		return windows1252(raw), "text that is not UTF-8 was read as Windows-1252"
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		if utf8.ValidString(raw) {
			return raw, fmt.Sprintf("unknown character set %q; the text was read as UTF-8", charset)
		}
		return windows1252(raw), fmt.Sprintf("unknown character set %q; the text was read as Windows-1252", charset)
	}
	text, err := enc.NewDecoder().String(raw)
	if err != nil {
		return windows1252(raw), fmt.Sprintf("text is not in %s as it says; it was read as Windows-1252", charset)
	}
	return strings.ToValidUTF8(text, "\uFFFD"), ""
}

func windows1252(raw string) string {
	text, err := charmap.Windows1252.NewDecoder().String(raw)
	if err != nil {
		return strings.ToValidUTF8(raw, "\uFFFD")
	}
	return text
}

// splitComponents cuts a compound value (N, ORG) at the semicolons not
// escaped by a backslash, leaving each part's escapes in place.
func splitComponents(v string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case ';':
			parts, start = append(parts, v[start:i]), i+1
		}
	}
	return append(parts, v[start:])
}

// unescapeText undoes a text value's backslash escapes: RFC 6350's "\\",
// "\n", "\N", "\," and "\;", and Apple's "\:". Any other backslash stays.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch c := s[i+1]; c {
			case '\\', ',', ';', ':':
				b.WriteByte(c)
				i++
				continue
			case 'n', 'N':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escapeForDecoder escapes text so that go-vcard's decoder, which undoes
// "\\", "\n" and "\," and nothing else, gives it back as it is.
func escapeForDecoder(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	if !strings.ContainsAny(s, "\\\n,") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// cardContact reads a decoded card as a contact and the company it names.
func cardContact(card vcard.Card) (Contact, string, []string) {
	email, warns := cardEmail(card)
	c := Contact{
		Email:    email,
		Name:     cardName(card, email),
		Phone:    cardPhone(card),
		LinkedIn: cardLinkedIn(card),
	}
	role, extra := cardRole(card)
	c.Role = role
	c.Notes = joinNotes(extra, card.Values(vcard.FieldNote))
	org := cardOrg(card)
	warns = append(warns, clipContact(&c, &org)...)
	return c, org, warns
}

// isOrgCard reports a card for a company rather than a person: KIND:org,
// or Apple's X-ABShowAs:COMPANY.
func isOrgCard(card vcard.Card) bool {
	return card.Kind() == vcard.KindOrganization || strings.EqualFold(strings.TrimSpace(card.Value("X-ABSHOWAS")), "COMPANY")
}

// cardName is FN, or N put together when FN is missing, or is only the
// email, or the card is a company's (whose FN is the company).
func cardName(card vcard.Card, email string) string {
	n := ""
	if nm := card.Name(); nm != nil {
		n = oneLine(strings.Join([]string{nm.HonorificPrefix, nm.GivenName, nm.AdditionalName, nm.FamilyName, nm.HonorificSuffix}, " "))
	}
	fn := oneLine(card.PreferredValue(vcard.FieldFormattedName))
	if fn == "" || isOrgCard(card) || (n == "" && email != "" && strings.EqualFold(fn, email)) {
		return n
	}
	return fn
}

// cardOrg is the company: ORG's first part (the rest are departments), or
// a company card's FN.
func cardOrg(card vcard.Card) string {
	org, _, _ := strings.Cut(card.PreferredValue(vcard.FieldOrganization), ";")
	org = oneLine(org)
	if org == "" && isOrgCard(card) {
		org = strings.ReplaceAll(oneLine(card.PreferredValue(vcard.FieldFormattedName)), ";", ",")
	}
	return org
}

// prefRank is how strongly a field is marked preferred, from 0 (not at
// all) to 100: PREF=1 (4.0; PREF=100 is the weakest) or TYPE=pref (2.1,
// 3.0) rank highest.
func prefRank(f *vcard.Field) int {
	if f.Params.HasType("pref") {
		return 100
	}
	p := f.Params.Get(vcard.ParamPreferred)
	if p == "" {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(p))
	if err != nil || n < 1 || n > 100 {
		return 1
	}
	return 101 - n
}

// trimScheme takes a URI scheme ("mailto:", "tel:") off the front of v,
// however often it is there.
func trimScheme(v, scheme string) string {
	for len(v) >= len(scheme) && strings.EqualFold(v[:len(scheme)], scheme) {
		v = strings.TrimSpace(v[len(scheme):])
	}
	return v
}

// cardEmail picks the address: a work one, else the most preferred, else
// the first; those that are not addresses are left out with a warning.
func cardEmail(card vcard.Card) (string, []string) {
	var warns []string
	best, bestScore := "", -1
	for _, f := range card[vcard.FieldEmail] {
		addr := trimScheme(oneLine(f.Value), "mailto:")
		if addr == "" {
			continue
		}
		if ValidateEmail(addr) != nil {
			warns = append(warns, fmt.Sprintf("%q is not an email address; it was left out", addr))
			continue
		}
		score := prefRank(f)
		if f.Params.HasType(vcard.TypeWork) {
			score += 1000
		}
		if score > bestScore {
			best, bestScore = addr, score
		}
	}
	return best, warns
}

// cardPhone picks the number: the most preferred, else work, else mobile,
// else the first; a fax or pager only when there is nothing else.
func cardPhone(card vcard.Card) string {
	best, bestScore := "", math.MinInt
	for _, f := range card[vcard.FieldTelephone] {
		v := trimScheme(oneLine(f.Value), "tel:")
		if v == "" {
			continue
		}
		score := prefRank(f) * 100
		for typ, points := range map[string]int{vcard.TypeWork: 20, vcard.TypeCell: 10, vcard.TypeFax: -100000, vcard.TypePager: -100000} {
			if f.Params.HasType(typ) {
				score += points
			}
		}
		if score > bestScore {
			best, bestScore = v, score
		}
	}
	return best
}

// cardLinkedIn finds the LinkedIn profile: a URL that is on linkedin.com,
// or has TYPE=x-linkedin, or an Apple label saying LinkedIn; else an
// X-SOCIALPROFILE for LinkedIn.
func cardLinkedIn(card vcard.Card) string {
	labels := map[string]string{} // Apple's X-ABLabel, by group
	for _, f := range card["X-ABLABEL"] {
		labels[strings.ToLower(f.Group)] = strings.ToLower(f.Value)
	}
	for _, f := range card[vcard.FieldURL] {
		v := oneLine(f.Value)
		linked := f.Params.HasType("x-linkedin") || f.Params.HasType("linkedin") ||
			(f.Group != "" && strings.Contains(labels[strings.ToLower(f.Group)], "linkedin"))
		if v != "" && (linked || isLinkedInURL(v)) {
			return v
		}
	}
	for _, f := range card["X-SOCIALPROFILE"] {
		if v := oneLine(f.Value); v != "" && (f.Params.HasType("linkedin") || isLinkedInURL(v)) {
			return v
		}
	}
	return ""
}

func isLinkedInURL(v string) bool { return strings.Contains(strings.ToLower(v), "linkedin.com/") }

// contactRoles is every role a contact can have.
func contactRoles() []ContactRole {
	return []ContactRole{RoleRecruiter, RoleHiringManager, RoleInterviewer, RoleReferral, RoleOther}
}

// roleLabel is a role as a card's ROLE says it; "" for none.
func roleLabel(r ContactRole) string {
	switch r {
	case RoleRecruiter:
		return "Recruiter"
	case RoleHiringManager:
		return "Hiring manager"
	case RoleInterviewer:
		return "Interviewer"
	case RoleReferral:
		return "Referral"
	case RoleOther:
		return "Other"
	}
	return ""
}

// roleKey folds a title for comparing: case, accents, hyphens and spacing
// set aside.
func roleKey(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(textfold.Fold(s))), " ")
}

// roleFromTitle reads a ROLE or TITLE as a role; exact says the text is
// only the role's name, so nothing else in it is worth keeping.
func roleFromTitle(title string) (role ContactRole, exact bool) {
	key := roleKey(title)
	for _, r := range contactRoles() {
		if key == roleKey(roleLabel(r)) {
			return r, true
		}
	}
	for _, w := range []string{"recruit", "talent acquisition", "sourcer", "headhunter"} {
		if strings.Contains(key, w) {
			return RoleRecruiter, false
		}
	}
	if strings.Contains(key, "hiring manager") {
		return RoleHiringManager, false
	}
	return "", false
}

// cardRole reads the role from ROLE, else TITLE; what they say beyond a
// role's name comes back as lines for the notes ("Title: …").
func cardRole(card vcard.Card) (ContactRole, []string) {
	var role ContactRole
	var extra []string
	for _, p := range []struct{ prop, label string }{{vcard.FieldRole, "Role"}, {vcard.FieldTitle, "Title"}} {
		v := oneLine(card.PreferredValue(p.prop))
		if v == "" {
			continue
		}
		r, exact := roleFromTitle(v)
		if role == "" {
			role = r
		}
		if !exact {
			extra = append(extra, p.label+": "+v)
		}
	}
	return role, extra
}

// joinNotes puts the title lines and every NOTE together, a blank line
// between each.
func joinNotes(extra, notes []string) string {
	var parts []string
	if len(extra) > 0 {
		parts = append(parts, strings.Join(extra, "\n"))
	}
	for _, n := range notes {
		if n = cleanNotes(n); n != "" {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, "\n\n")
}

// clipContact leaves out a field longer than its limit (a cut address or
// name would be wrong), but cuts notes to theirs; it says what it did.
func clipContact(c *Contact, org *string) []string {
	var warns []string
	for _, f := range []struct {
		name string
		v    *string
	}{{"name", &c.Name}, {"email", &c.Email}, {"phone", &c.Phone}, {"LinkedIn", &c.LinkedIn}, {"company", org}} {
		if len(*f.v) > MaxFieldBytes {
			warns = append(warns, TooLong(f.name, len(*f.v), MaxFieldBytes)+"; it was left out")
			*f.v = ""
		}
	}
	if len(c.Notes) > MaxNotesBytes {
		warns = append(warns, TooLong("notes", len(c.Notes), MaxNotesBytes)+"; they were cut short")
		c.Notes = strings.TrimSpace(strings.ToValidUTF8(c.Notes[:MaxNotesBytes], ""))
	}
	return warns
}

// oneLine is s on one line: control characters and runs of white space
// become single spaces, and the ends are trimmed.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return strings.Join(strings.Fields(s), " ")
}

// cleanNotes is s with line ends made LF, control characters other than
// LF and tab dropped, and the ends trimmed.
func cleanNotes(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\r\n", "\n"), "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
