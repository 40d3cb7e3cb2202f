package insight

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// Paper is a page size for printing.
type Paper string

// The paper sizes the documents are laid out for.
const (
	PaperA4     Paper = "a4"
	PaperLetter Paper = "letter"
)

// ParsePaper reads "a4" or "letter" (any case, surrounding space ignored);
// anything else is a *PaperError.
func ParsePaper(s string) (Paper, error) {
	switch p := Paper(strings.ToLower(strings.TrimSpace(s))); p {
	case PaperA4, PaperLetter:
		return p, nil
	}
	return "", &PaperError{Value: s}
}

// PaperError is a paper size that is neither A4 nor Letter; Value is what
// was given.
type PaperError struct{ Value string }

// Error says what was given and what is wanted.
func (e *PaperError) Error() string {
	return fmt.Sprintf("unknown paper size %q (want a4 or letter)", e.Value)
}

// PDFOptions are shared by both documents.
type PDFOptions struct {
	// Paper is the page size; "" means A4.
	Paper Paper
	// Name is the job-seeker's name for the heading; "" leaves a blank
	// line to write it on.
	Name string
	// Now is the day the document is prepared on ("Prepared on 2 December
	// 2026"); the zero time means the present moment.
	Now time.Time
	// Zone is the zone dates are printed in; nil means time.Local.
	Zone *time.Location
}

// PDFResult says what was written.
type PDFResult struct {
	// Pages counts the pages of the document.
	Pages int
	// Missing lists, once each and in order of first use, the characters
	// the embedded font cannot draw; they are printed as "?".
	Missing []rune
}

// Page geometry, in millimetres.
const (
	pdfMargin = 15.0 // left, right and top
	// pdfFoot is kept free at the foot of each page for the footer.
	pdfFoot = 18.0
	// pdfPad is the space between a table cell's edge and its text.
	pdfPad = 1.2
	// pdfMMToPt converts millimetres to points.
	pdfMMToPt = 72 / 25.4
)

// pdfFamily names the embedded font inside the document.
const pdfFamily = "liberation"

// pdfPagesAlias stands for the page count until the document is closed.
// It is made of private-use characters, which the font has no glyph for,
// so cleaned text can never contain it and be rewritten by mistake.
const pdfPagesAlias = "\uE000\uE001"

// pdfWeight is one of the two embedded faces.
type pdfWeight int

const (
	pdfRegular pdfWeight = iota
	pdfBold
)

// pdfFace is a font with its size in points and whether it is grey.
type pdfFace struct {
	w    pdfWeight
	size float64
	grey bool
}

// pdfGlyph is what the document knows of a rune: whether both faces can draw
// it, and its advance in each face in thousandths of an em (as fpdf
// measures).
type pdfGlyph struct {
	ok bool
	w  [2]int32
}

// pdfDoc is one document being written: the fpdf document, the page
// geometry and what is known of the font's runes.
type pdfDoc struct {
	pdf          *fpdf.Fpdf
	opt          PDFOptions
	pageW, pageH float64
	textW        float64
	// bottom is the lowest a line of content may reach.
	bottom float64

	fonts  [2]*sfnt.Font
	upem   [2]float64
	sfbuf  sfnt.Buffer
	ascii  [128]pdfGlyph
	glyphs map[rune]pdfGlyph
	// missing lists the runes no face can draw, in order of first use.
	missing []rune

	// cur is the face selected now: fpdf writes a font change to the
	// page even when nothing changes, so the document tracks it.
	cur pdfFace
	// runningHead is the line printed above the top margin of every page
	// after the first; tableHead, when set, draws a table's header row
	// at the top of each new page.
	runningHead string
	tableHead   func()
	// footRight is printed at the right of every page's footer.
	footRight string
}

// newPDFDoc starts a portrait document on opt's paper, with both faces
// loaded and the header and footer in place.
func newPDFDoc(opt PDFOptions, title string) (*pdfDoc, error) {
	paper := PaperA4
	if opt.Paper != "" {
		p, err := ParsePaper(string(opt.Paper))
		if err != nil {
			return nil, err
		}
		paper = p
	}
	if opt.Zone == nil {
		opt.Zone = time.Local
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	size := "A4"
	if paper == PaperLetter {
		size = "Letter"
	}
	d := &pdfDoc{opt: opt, glyphs: map[rune]pdfGlyph{}}
	if err := d.loadFonts(); err != nil {
		return nil, err
	}
	p := fpdf.New("P", "mm", size, "")
	d.pdf = p
	// The alias must be set before the fonts are added (fpdf sizes the
	// font subset by it).
	p.AliasNbPages(pdfPagesAlias)
	p.AddUTF8FontFromBytes(pdfFamily, "", liberationsansregular.TTF)
	p.AddUTF8FontFromBytes(pdfFamily, "B", liberationsansbold.TTF)
	p.SetMargins(pdfMargin, pdfMargin, pdfMargin)
	// Every break is the document's own, so that a table row is never
	// split across two pages.
	p.SetAutoPageBreak(false, pdfFoot)
	p.SetCellMargin(pdfPad)
	p.SetCatalogSort(true)
	p.SetCreationDate(opt.Now)
	p.SetModificationDate(opt.Now)
	p.SetTitle(title, true)
	p.SetCreator("Bridgekeeper", true)
	d.pageW, d.pageH = p.GetPageSize()
	d.textW = d.pageW - 2*pdfMargin
	d.bottom = d.pageH - pdfFoot
	p.SetHeaderFunc(d.header)
	p.SetFooterFunc(d.footer)
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("start the document: %w", err)
	}
	return d, nil
}

// loadFonts reads both faces' character maps, to tell which runes they can
// draw and how wide they are without asking fpdf to change font.
func (d *pdfDoc) loadFonts() error {
	for i, ttf := range [][]byte{liberationsansregular.TTF, liberationsansbold.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return fmt.Errorf("read the embedded font: %w", err)
		}
		d.fonts[i] = f
		d.upem[i] = float64(f.UnitsPerEm())
	}
	for r := rune(' '); r < 0x7f; r++ {
		d.ascii[r] = d.lookup(r)
	}
	return nil
}

// lookup asks the fonts about r. fpdf writes text as UCS-2, so runes
// outside the Basic Multilingual Plane cannot be drawn whatever the font;
// nor can right-to-left scripts, which fpdf lays out left to right (the
// font has Hebrew, but "שלום" would print backwards).
func (d *pdfDoc) lookup(r rune) pdfGlyph {
	if r > 0xFFFF || unicode.IsControl(r) || pdfRightToLeft(r) {
		return pdfGlyph{}
	}
	g := pdfGlyph{ok: true}
	for i, f := range d.fonts {
		idx, err := f.GlyphIndex(&d.sfbuf, r)
		if err != nil || idx == 0 {
			return pdfGlyph{}
		}
		// At one pixel per font unit the advance is in font units.
		adv, err := f.GlyphAdvance(&d.sfbuf, idx, fixed.I(int(d.upem[i])), font.HintingNone)
		if err != nil {
			return pdfGlyph{}
		}
		g.w[i] = int32(math.Round(float64(adv) / 64 * 1000 / d.upem[i]))
	}
	return g
}

// pdfRightToLeft reports the letters and marks of the scripts written from
// right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko and the rest of
// U+0590 to U+08FF, and their presentation forms.
func pdfRightToLeft(r rune) bool {
	return (r >= 0x0590 && r <= 0x08FF) || (r >= 0xFB1D && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

// glyph is what the document knows of r, asking the fonts the first time.
func (d *pdfDoc) glyph(r rune) pdfGlyph {
	if r >= ' ' && r < 0x7f {
		return d.ascii[r]
	}
	if g, seen := d.glyphs[r]; seen {
		return g
	}
	g := d.lookup(r)
	d.glyphs[r] = g
	if !g.ok {
		d.missing = append(d.missing, r)
	}
	return g
}

// pdfPlainASCII reports text of printable ASCII only, which needs no
// cleaning: the common case, kept free of allocations.
func pdfPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// clean makes s drawable on one line: breaks and tabs become spaces and
// every rune the font lacks becomes "?".
func (d *pdfDoc) clean(s string) string { return d.cleanText(s, false) }

// cleanText makes s drawable, keeping line breaks when keepBreaks is set.
// Text is composed first (NFC) so that a letter typed with a combining
// accent ("e" and U+0308) prints as the one glyph the font has ("ë").
func (d *pdfDoc) cleanText(s string, keepBreaks bool) string {
	if pdfPlainASCII(s) {
		return s
	}
	// Invalid UTF-8 would make fpdf read past the end of the text.
	s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' && keepBreaks:
			b.WriteByte('\n')
		case pdfSpaceLike(r):
			b.WriteByte(' ')
		case d.glyph(r).ok:
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// pdfSpaceLike reports the line breaks and tabs that print as a space.
func pdfSpaceLike(r rune) bool {
	switch r {
	case '\t', '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// units is the width of cleaned text s in w, in thousandths of an em.
func (d *pdfDoc) units(s string, w pdfWeight) int {
	n := 0
	for _, r := range s {
		n += int(d.glyph(r).w[w])
	}
	return n
}

// pdfUnitsIn is how many thousandths of an em of a size-point font fit in mm
// millimetres.
func pdfUnitsIn(mm, size float64) int {
	if mm <= 0 {
		return 0
	}
	return int(mm * pdfMMToPt * 1000 / size)
}

// fit cuts cleaned text s to one line of a cell width wide, ending it with
// "…" when it is cut. It measures each rune once, so it is linear in s.
func (d *pdfDoc) fit(s string, width float64, f pdfFace) string {
	return d.ellipsize(s, pdfUnitsIn(width-2*pdfPad, f.size), f.w, false)
}

// ellipsize cuts s to avail units with "…" after it, if s is longer than
// that or always is set.
func (d *pdfDoc) ellipsize(s string, avail int, w pdfWeight, always bool) string {
	ell := int(d.glyph('…').w[w])
	total, cut := 0, 0
	for i, r := range s {
		if total+ell <= avail {
			cut = i
		}
		total += int(d.glyph(r).w[w])
		if total > avail {
			return strings.TrimRight(s[:cut], " ") + "…"
		}
	}
	if always {
		if total+ell <= avail {
			cut = len(s)
		}
		return strings.TrimRight(s[:cut], " ") + "…"
	}
	return s
}

// wrap breaks cleaned text s into lines that fit a cell width wide, at
// spaces where it can and inside a word longer than a line. It keeps at
// most maxLines lines, the last ending in "…" when text was left out, so
// that one huge field cannot make a row taller than a page.
func (d *pdfDoc) wrap(s string, width float64, f pdfFace, maxLines int) []string {
	avail := pdfUnitsIn(width-2*pdfPad, f.size)
	var lines []string
	for para := range strings.SplitSeq(s, "\n") {
		if strings.Contains(para, "  ") || strings.HasPrefix(para, " ") || strings.HasSuffix(para, " ") {
			para = strings.Join(strings.Fields(para), " ")
		}
		lines = d.wrapLine(lines, para, avail, f.w)
		if len(lines) > maxLines {
			break
		}
	}
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] = d.ellipsize(lines[maxLines-1], avail, f.w, true)
	}
	return lines
}

// wrapLine appends the lines of one paragraph (no line breaks, single
// spaces) to lines.
func (d *pdfDoc) wrapLine(lines []string, para string, avail int, w pdfWeight) []string {
	start, lineW, space := 0, 0, -1
	for i, r := range para {
		rw := int(d.glyph(r).w[w])
		if r == ' ' {
			if lineW+rw > avail { // the space ends the line
				lines = append(lines, para[start:i])
				start, lineW, space = i+1, 0, -1
				continue
			}
			space = i
			lineW += rw
			continue
		}
		if lineW+rw > avail && i > start {
			if space > start {
				lines = append(lines, para[start:space])
				start = space + 1
				lineW = d.units(para[start:i], w)
			}
			if lineW+rw > avail && i > start { // a word longer than the line
				lines = append(lines, para[start:i])
				start, lineW = i, 0
			}
			space = -1
		}
		lineW += rw
	}
	if start < len(para) || len(lines) == 0 || para == "" {
		lines = append(lines, para[start:])
	}
	return lines
}

// setFace selects f, writing to the page only what changes.
func (d *pdfDoc) setFace(f pdfFace) {
	if f.w != d.cur.w || f.size != d.cur.size {
		style := ""
		if f.w == pdfBold {
			style = "B"
		}
		d.pdf.SetFont(pdfFamily, style, f.size)
	}
	if f.grey != d.cur.grey {
		if f.grey {
			d.pdf.SetTextColor(100, 100, 100)
		} else {
			d.pdf.SetTextColor(0, 0, 0)
		}
	}
	d.cur = f
}

// pdfLineH is the height of a line of text in f.
func pdfLineH(f pdfFace) float64 { return f.size / pdfMMToPt * 1.3 }

// text draws cleaned one-line text s at x, y in a box width wide and h
// high, aligned "L", "C" or "R".
func (d *pdfDoc) text(x, y, width, h float64, s, align string) {
	if s == "" {
		return
	}
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(width, h, s, "", 0, align, false, 0, "")
}

// para draws s wrapped to the text width from y, in f, and returns the y
// below it. It breaks the page if the paragraph does not fit.
func (d *pdfDoc) para(y float64, s string, f pdfFace, maxLines int) float64 {
	d.setFace(f)
	lines := d.wrap(d.cleanText(s, true), d.textW+2*pdfPad, f, maxLines)
	h := pdfLineH(f)
	y = d.room(y, float64(len(lines))*h)
	for _, l := range lines {
		d.text(pdfMargin-pdfPad, y, d.textW+2*pdfPad, h, l, "L")
		y += h
	}
	return y
}

// room returns y if h millimetres fit below it on the page, else starts a
// new page and returns its top.
func (d *pdfDoc) room(y, h float64) float64 {
	if y+h <= d.bottom {
		return y
	}
	saved := d.cur
	d.pdf.AddPage()
	// fpdf restores the font and colour it had before the break.
	d.cur = saved
	return d.pdf.GetY()
}

// header draws, on every page after the first, the running head and the
// open table's header row.
func (d *pdfDoc) header() {
	if d.pdf.PageNo() <= 1 {
		return
	}
	saved := d.cur
	if d.runningHead != "" {
		d.setFace(pdfFace{w: pdfRegular, size: 8, grey: true})
		d.text(pdfMargin-pdfPad, pdfMargin-7, d.textW+2*pdfPad, 4, d.runningHead, "L")
	}
	d.pdf.SetXY(pdfMargin, pdfMargin)
	if d.tableHead != nil {
		d.tableHead()
	}
	// fpdf puts the font and colour back after the header.
	d.cur = saved
}

// footer draws "Page N of M" and footRight at the foot of every page.
func (d *pdfDoc) footer() {
	saved := d.cur
	y := d.pageH - pdfFoot + 6
	half := d.textW / 2
	d.setFace(pdfFace{w: pdfRegular, size: 8, grey: true})
	// Drawn as is: cleaning would turn the alias into "??".
	d.text(pdfMargin-pdfPad, y, half, 4, fmt.Sprintf("Page %d of %s", d.pdf.PageNo(), pdfPagesAlias), "L")
	d.text(pdfMargin+half, y, half+pdfPad, 4, d.footRight, "R")
	d.cur = saved
}

// rule draws a thin grey line across the text width at y.
func (d *pdfDoc) rule(y float64) {
	d.pdf.Line(pdfMargin, y, pdfMargin+d.textW, y)
}

// finish closes the document and writes it to w.
func (d *pdfDoc) finish(w io.Writer) (PDFResult, error) {
	if d.opt.Name != "" {
		d.pdf.SetAuthor(d.clean(d.opt.Name), true)
	}
	d.pdf.Close()
	res := PDFResult{Pages: d.pdf.PageNo(), Missing: d.missing}
	if err := d.pdf.Output(w); err != nil {
		return PDFResult{}, err
	}
	return res, nil
}

// heading draws a document's title and the name line (a blank to write
// on when no name is given) from the top of the first page, and returns
// the y below them.
func (d *pdfDoc) heading(title string) float64 {
	y := pdfMargin
	d.setFace(pdfFace{w: pdfBold, size: 18})
	d.text(pdfMargin-pdfPad, y, d.textW, 9, title, "L")
	y += 12
	name := strings.TrimSpace(d.opt.Name)
	if name == "" {
		name = "______________________________"
	}
	y = d.para(y, "Name: "+name, pdfFace{w: pdfRegular, size: 11}, 3)
	return y
}

// prepared is the "Prepared on" line.
func (d *pdfDoc) prepared() string {
	return "Prepared on " + pdfLongDate(d.opt.Now.In(d.opt.Zone)) + " with Bridgekeeper"
}

// pdfLongDate writes a day as "2 December 2026".
func pdfLongDate(t time.Time) string { return t.Format("2 January 2006") }

// pdfCount writes "1 contact" or "5 contacts".
func pdfCount(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// pdfCapitalise writes s with its first letter in capitals.
func pdfCapitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// pdfRecover turns a panic inside fpdf into an error, so that a document
// that cannot be written does not take the application down.
func pdfRecover(what string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: %v", what, r)
	}
}
