package insight

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

const (
	logRowPad = 1.6 // mm above and below a row's text
	// logMainLines and logSubLines cap a cell's lines, so that a row
	// always fits on a page.
	logMainLines = 24
	logSubLines  = 6
)

// The log table's faces: a cell's text, the smaller grey lines under it
// (role, email, time) and the header row.
func logMain() pdfFace { return pdfFace{w: pdfRegular, size: 9} }
func logSub() pdfFace  { return pdfFace{w: pdfRegular, size: 8, grey: true} }
func logHead() pdfFace { return pdfFace{w: pdfBold, size: 9} }

// logColumns are the log table's columns: their titles and their shares
// of the text width.
func logColumns() ([5]string, [5]float64) {
	return [5]string{"Date", "Employer", "Contact", "Method", "What happened"},
		[5]float64{0.165, 0.195, 0.23, 0.12, 0.29}
}

// logTable lays the log's contacts out in columns.
type logTable struct {
	d     *pdfDoc
	x, w  [5]float64
	title [5]string
}

// WriteLogPDF writes the work-search log l as a PDF to hand in to a
// benefit office: a heading with the name and period, a table of every
// contact in date order with the header row on each page, and a line to
// sign. Text that does not fit a column wraps inside it, and a row is
// never split across pages.
func WriteLogPDF(w io.Writer, l Log, opt PDFOptions) (res PDFResult, err error) {
	defer pdfRecover("write the log PDF", &err)
	d, err := newPDFDoc(opt, "Work-search log")
	if err != nil {
		return PDFResult{}, fmt.Errorf("write the log PDF: %w", err)
	}
	contacts := slices.Clone(l.Contacts)
	// By time, as a log is read; a stable sort keeps the order of
	// contacts made at the same moment.
	slices.SortStableFunc(contacts, func(a, b Contact) int { return a.At.Compare(b.At) })
	period := logPeriod(l.From, l.To, contacts, d.opt.Zone)
	d.footRight = period
	head := "Work-search log · " + pdfNameOr(opt.Name, "name not given")
	if period != "" {
		head += " · " + period
	}
	d.runningHead = d.clean(head)
	d.pdf.AddPage()
	y := d.logHeading(l, period)
	if len(contacts) == 0 {
		y = d.para(y+4, "No contacts with employers were recorded in this period.", pdfFace{w: pdfRegular, size: 11}, 2)
	} else {
		y = newLogTable(d).draw(y+4, contacts)
	}
	d.signature(y)
	res, err = d.finish(w)
	if err != nil {
		return PDFResult{}, fmt.Errorf("write the log PDF: %w", err)
	}
	return res, nil
}

// pdfNameOr is name, or instead when it is empty.
func pdfNameOr(name, instead string) string {
	if strings.TrimSpace(name) == "" {
		return instead
	}
	return name
}

// logPeriod writes the days the log covers, "1 September 2026 to 30
// November 2026". From and To are days, so they print as they are; when
// one is not set, the first or last contact's day stands in.
func logPeriod(from, to time.Time, contacts []Contact, loc *time.Location) string {
	if from.IsZero() && len(contacts) > 0 {
		from = contacts[0].At.In(loc)
	}
	if to.IsZero() && len(contacts) > 0 {
		to = contacts[len(contacts)-1].At.In(loc)
	}
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case from.IsZero():
		return "up to " + pdfLongDate(to)
	case to.IsZero() || pdfSameDay(from, to):
		return pdfLongDate(from)
	}
	return pdfLongDate(from) + " to " + pdfLongDate(to)
}

func pdfSameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// logHeading draws the log's title, name, period and counts, and returns
// the y below them.
func (d *pdfDoc) logHeading(l Log, period string) float64 {
	y := d.heading("Work-search log")
	big := pdfFace{w: pdfRegular, size: 11}
	if period != "" {
		y = d.para(y, "Period: "+period, big, 2)
	}
	y = d.para(y, pdfCount(len(l.Contacts), "contact", "contacts")+" with "+
		pdfCount(l.Employers(), "employer", "employers"), big, 1)
	return d.para(y+1, d.prepared(), pdfFace{w: pdfRegular, size: 8, grey: true}, 1)
}

func newLogTable(d *pdfDoc) *logTable {
	t := &logTable{d: d}
	titles, shares := logColumns()
	t.title = titles
	x := pdfMargin
	for i, s := range shares {
		t.x[i], t.w[i] = x, s*d.textW
		x += t.w[i]
	}
	return t
}

// head draws the header row at the current y and moves below it.
func (t *logTable) head() {
	d := t.d
	y := d.pdf.GetY()
	h := pdfLineH(logHead()) + 2*logRowPad
	d.pdf.SetFillColor(232, 232, 232)
	d.pdf.Rect(pdfMargin, y, d.textW, h, "F")
	d.setFace(logHead())
	for i, title := range t.title {
		d.text(t.x[i], y+logRowPad, t.w[i], pdfLineH(logHead()), title, "L")
	}
	d.rule(y + h)
	d.pdf.SetY(y + h)
}

// logCell is one table cell's text: its main lines and the smaller grey
// lines under them.
type logCell struct{ main, sub []string }

func (c logCell) height() float64 {
	return float64(len(c.main))*pdfLineH(logMain()) + float64(len(c.sub))*pdfLineH(logSub())
}

// cells wraps a contact's fields into its row's cells.
func (t *logTable) cells(c Contact) [5]logCell {
	d := t.d
	at := c.At.In(d.opt.Zone)
	person, email := c.Person, c.Email
	if person == "" {
		person, email = email, ""
	}
	if person == "" {
		person = "—"
	}
	date, clock := "—", ""
	if !c.At.IsZero() {
		date, clock = at.Format("Mon 2 Jan 2006"), at.Format("15:04")
	}
	texts := [5][2]string{
		{date, clock},
		{c.Company, c.Role},
		{person, email},
		{pdfCapitalise(string(c.Method)), ""},
		{c.What, ""},
	}
	var out [5]logCell
	for i, tx := range texts {
		out[i].main = d.wrap(d.cleanText(tx[0], true), t.w[i], logMain(), logMainLines)
		if tx[1] != "" {
			out[i].sub = d.wrap(d.cleanText(tx[1], true), t.w[i], logSub(), logSubLines)
		}
	}
	return out
}

// draw draws the table of contacts from y, with its header row on each
// page, and returns the y below it.
func (t *logTable) draw(y float64, contacts []Contact) float64 {
	d := t.d
	d.pdf.SetDrawColor(190, 190, 190)
	d.pdf.SetLineWidth(0.2)
	d.pdf.SetY(y)
	t.head()
	d.tableHead = t.head
	y = d.pdf.GetY()
	for _, c := range contacts {
		cells := t.cells(c)
		h := 0.0
		for _, cl := range cells {
			h = max(h, cl.height())
		}
		h += 2 * logRowPad
		y = d.room(y, h)
		t.row(y, cells)
		y += h
		d.rule(y)
	}
	d.tableHead = nil
	return y
}

// row draws one row's cells from y.
func (t *logTable) row(y float64, cells [5]logCell) {
	d := t.d
	for i, cl := range cells {
		ly := y + logRowPad
		for _, parts := range [2]struct {
			lines []string
			f     pdfFace
		}{{cl.main, logMain()}, {cl.sub, logSub()}} {
			if len(parts.lines) > 0 {
				d.setFace(parts.f)
			}
			h := pdfLineH(parts.f)
			for _, l := range parts.lines {
				d.text(t.x[i], ly, t.w[i], h, l, "L")
				ly += h
			}
		}
	}
}

// signature draws the line benefit forms ask the claimant to sign, on a
// new page if it does not fit under y.
func (d *pdfDoc) signature(y float64) {
	f := pdfFace{w: pdfRegular, size: 11}
	y = d.room(y+12, 10)
	d.setFace(f)
	d.text(pdfMargin-pdfPad, y, d.textW+2*pdfPad, pdfLineH(f),
		"Signature: ______________________________     Date: ________________", "L")
}
