package insight

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"bridgekeeper/data"
)

// Report is what the report of the whole search prints.
type Report struct {
	// Stats are the figures of the first page.
	Stats Stats
	// Charts are drawn by the caller, any number; those with no PNG are
	// left out.
	Charts []ChartImage
	// Records are every interview, listed in the order given.
	Records []data.Record
}

// The report's table of interviews: one line a row.
const (
	reportRowH = 5.0
	// reportDateLayout fits the date column; the weekday is left out.
	reportDateLayout = "2 Jan 2006 15:04"
)

func reportCellFace() pdfFace { return pdfFace{w: pdfRegular, size: 8.5} }
func reportHeadFace() pdfFace { return pdfFace{w: pdfBold, size: 8.5} }

// WriteReportPDF writes the report of the whole search as a PDF: the
// summary figures, each chart with its caption, and a table of every
// interview, one line each with text cut to its column.
func WriteReportPDF(w io.Writer, rep Report, opt PDFOptions) (res PDFResult, err error) {
	defer pdfRecover("write the report PDF", &err)
	d, err := newPDFDoc(opt, "Job search report")
	if err != nil {
		return PDFResult{}, fmt.Errorf("write the report PDF: %w", err)
	}
	d.footRight = "Job search report"
	d.runningHead = d.clean("Job search report · " + pdfNameOr(opt.Name, "name not given"))
	d.pdf.AddPage()
	y := d.heading("Job search report")
	y = d.para(y+1, d.prepared(), pdfFace{w: pdfRegular, size: 8, grey: true}, 1)
	y = d.summary(y+6, rep.Stats)
	if err := d.charts(y+4, rep.Charts); err != nil {
		return PDFResult{}, fmt.Errorf("write the report PDF: %w", err)
	}
	d.interviews(rep.Records)
	res, err = d.finish(w)
	if err != nil {
		return PDFResult{}, fmt.Errorf("write the report PDF: %w", err)
	}
	return res, nil
}

// pdfFigure is one line of the summary: a label and its value.
type pdfFigure struct{ label, value string }

// summary draws the report's figures as labelled lists and returns the y
// below them.
func (d *pdfDoc) summary(y float64, st Stats) float64 {
	overall := []pdfFigure{
		{"Interviews tracked", strconv.Itoa(st.Interviews)},
		{"Companies", strconv.Itoa(st.Companies)},
		{"Still open", strconv.Itoa(st.Open)},
		{"Offers", strconv.Itoa(st.Funnel.Offer)},
		{"Accepted", strconv.Itoa(st.Funnel.Accepted)},
		{"Messages filed", strconv.Itoa(st.Messages)},
		{"Median time to an answer", pdfAnswerText(st.Replies.MedianDays)},
	}
	y = d.figures(y, "Summary", overall)
	y = d.figures(y+4, "How far interviews got", pdfCountFigures(st.Funnel.Stages()))
	return d.figures(y+4, "Where they ended up", pdfCountFigures(st.Funnel.Outcomes()))
}

// pdfAnswerText writes a median reply time: "1 day", "4.5 days", or "no
// answers yet" for none (-1).
func pdfAnswerText(days float64) string {
	switch {
	case days < 0:
		return "no answers yet"
	case days == 1:
		return "1 day"
	}
	// One decimal at most, as the figures are rounded to tenths.
	return strings.TrimSuffix(strconv.FormatFloat(days, 'f', 1, 64), ".0") + " days"
}

func pdfCountFigures(cs []Count) []pdfFigure {
	out := make([]pdfFigure, len(cs))
	for i, c := range cs {
		out[i] = pdfFigure{c.Label, strconv.Itoa(c.N)}
	}
	return out
}

// figures draws a small heading and its figures in two columns, and
// returns the y below them.
func (d *pdfDoc) figures(y float64, title string, figs []pdfFigure) float64 {
	head := pdfFace{w: pdfBold, size: 12}
	body := pdfFace{w: pdfRegular, size: 10}
	lh := pdfLineH(body) + 0.6
	y = d.room(y, 8+lh)
	d.setFace(head)
	d.text(pdfMargin-pdfPad, y, d.textW, 7, title, "L")
	y += 8
	value := pdfFace{w: pdfBold, size: 10}
	labelW := d.textW * 0.45
	for _, f := range figs {
		y = d.room(y, lh)
		d.setFace(body)
		d.text(pdfMargin-pdfPad, y, labelW, lh, d.fit(d.clean(f.label), labelW, body), "L")
		d.setFace(value)
		d.text(pdfMargin+labelW, y, d.textW-labelW, lh, d.fit(d.clean(f.value), d.textW-labelW, value), "L")
		y += lh
	}
	return y
}

// charts draws each chart with a picture from y: its title, the picture
// across the text width (no taller than leaves room for two a page) and
// its caption.
func (d *pdfDoc) charts(y float64, charts []ChartImage) error {
	title := pdfFace{w: pdfBold, size: 11}
	caption := pdfFace{w: pdfRegular, size: 9, grey: true}
	maxH := (d.bottom-pdfMargin)/2 - 24
	for i, c := range charts {
		if len(c.PNG) == 0 {
			continue
		}
		info, err := d.registerPNG(fmt.Sprintf("chart-%d", i), c.PNG)
		if err != nil {
			return fmt.Errorf("chart %q: %w", c.Title, err)
		}
		w, h := pdfChartSize(c, info, d.textW, maxH)
		capLines := d.wrap(d.cleanText(c.Caption, true), d.textW+2*pdfPad, caption, 4)
		y = d.room(y, 8+h+2+float64(len(capLines))*pdfLineH(caption))
		d.setFace(title)
		d.text(pdfMargin-pdfPad, y, d.textW, 6, d.fit(d.clean(c.Title), d.textW+2*pdfPad, title), "L")
		y += 8
		d.pdf.ImageOptions(info.name, pdfMargin+(d.textW-w)/2, y, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
		y += h + 2
		d.setFace(caption)
		for _, l := range capLines {
			d.text(pdfMargin-pdfPad, y, d.textW+2*pdfPad, pdfLineH(caption), l, "L")
			y += pdfLineH(caption)
		}
		y += 8
	}
	return nil
}

// pdfPicture is a registered picture: its name in the document and its
// size in pixels.
type pdfPicture struct {
	name string
	w, h float64
}

// registerPNG adds a picture to the document. fpdf reads only some PNGs
// (not 16-bit or interlaced ones); any other the standard decoder reads is
// written again as plain 8-bit RGBA.
func (d *pdfDoc) registerPNG(name string, pic []byte) (pdfPicture, error) {
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	info := d.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(pic))
	if d.pdf.Ok() && info != nil {
		return pdfPicture{name, info.Width(), info.Height()}, nil
	}
	d.pdf.ClearError()
	plain, err := pdfPlainPNG(pic)
	if err != nil {
		return pdfPicture{}, err
	}
	name += "-rgba"
	info = d.pdf.RegisterImageOptionsReader(name, opt, bytes.NewReader(plain))
	if err := d.pdf.Error(); err != nil || info == nil {
		d.pdf.ClearError()
		return pdfPicture{}, fmt.Errorf("read the picture: %w", err)
	}
	return pdfPicture{name, info.Width(), info.Height()}, nil
}

// pdfPlainPNG decodes any PNG and encodes it as 8-bit RGBA.
func pdfPlainPNG(pic []byte) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(pic))
	if err != nil {
		return nil, fmt.Errorf("read the picture: %w", err)
	}
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var b bytes.Buffer
	if err := png.Encode(&b, rgba); err != nil {
		return nil, fmt.Errorf("convert the picture: %w", err)
	}
	return b.Bytes(), nil
}

// pdfChartSize is the size a chart prints at: the text width, with the
// picture's proportions (from Width and Height, else the PNG's own), made
// smaller if that would be taller than maxH.
func pdfChartSize(c ChartImage, pic pdfPicture, textW, maxH float64) (w, h float64) {
	pw, ph := float64(c.Width), float64(c.Height)
	if pw <= 0 || ph <= 0 {
		pw, ph = pic.w, pic.h
	}
	if pw <= 0 || ph <= 0 {
		pw, ph = 2, 1
	}
	w, h = textW, textW*ph/pw
	if h > maxH {
		w, h = maxH*pw/ph, maxH
	}
	return w, h
}

// reportTable lays the report's interviews out in columns, one line each.
type reportTable struct {
	d     *pdfDoc
	x, w  [5]float64
	title [5]string
	// date is reused for every row's date, to spare an allocation.
	date []byte
}

func newReportTable(d *pdfDoc) *reportTable {
	t := &reportTable{d: d, title: [5]string{"Date", "Company", "Role", "Contact", "Status"}}
	x := pdfMargin
	for i, s := range [5]float64{0.17, 0.27, 0.23, 0.21, 0.12} {
		t.x[i], t.w[i] = x, s*d.textW
		x += t.w[i]
	}
	return t
}

// interviews draws "Every interview" on a new page: the table of records,
// or a sentence when there are none.
func (d *pdfDoc) interviews(recs []data.Record) {
	d.pdf.AddPage()
	y := d.pdf.GetY()
	d.setFace(pdfFace{w: pdfBold, size: 14})
	d.text(pdfMargin-pdfPad, y, d.textW, 8, "Every interview", "L")
	y += 11
	if len(recs) == 0 {
		d.para(y, "No interviews are tracked yet.", pdfFace{w: pdfRegular, size: 10}, 1)
		return
	}
	newReportTable(d).draw(y, recs)
}

// head draws the header row at the current y and moves below it.
func (t *reportTable) head() {
	d := t.d
	y := d.pdf.GetY()
	d.pdf.SetFillColor(232, 232, 232)
	d.pdf.Rect(pdfMargin, y, d.textW, reportRowH+1, "F")
	d.setFace(reportHeadFace())
	for i, title := range t.title {
		d.text(t.x[i], y, t.w[i], reportRowH+1, title, "L")
	}
	d.rule(y + reportRowH + 1)
	d.pdf.SetY(y + reportRowH + 1)
}

// draw draws every record from y, a page break before a row that does
// not fit, with the header row on each page.
func (t *reportTable) draw(y float64, recs []data.Record) {
	d := t.d
	d.pdf.SetDrawColor(200, 200, 200)
	d.pdf.SetLineWidth(0.2)
	d.pdf.SetY(y)
	t.head()
	d.tableHead = t.head
	y = d.pdf.GetY()
	f := reportCellFace()
	for i := range recs {
		r := &recs[i]
		y = d.room(y, reportRowH)
		d.setFace(f)
		cells := [5]string{t.dateText(r), companyOf(r), r.Role, pdfContactText(r), pdfStatusText(r.Status)}
		for j, s := range cells {
			d.text(t.x[j], y, t.w[j], reportRowH, d.fit(d.clean(s), t.w[j], f), "L")
		}
		y += reportRowH
		d.rule(y)
	}
	d.tableHead = nil
}

// dateText is when the interview starts, in the document's zone.
func (t *reportTable) dateText(r *data.Record) string {
	if r.StartsAt.IsZero() {
		return "—"
	}
	t.date = r.StartsAt.In(t.d.opt.Zone).AppendFormat(t.date[:0], reportDateLayout)
	return string(t.date)
}

// pdfContactText is the interview's contact person, or their email when no
// name is known.
func pdfContactText(r *data.Record) string {
	if r.ContactName != "" {
		return r.ContactName
	}
	return r.ContactEmail
}

// pdfStatusText is a status as a word that starts a cell: "Scheduled".
func pdfStatusText(s data.Status) string {
	switch s {
	case data.StatusScheduled:
		return "Scheduled"
	case data.StatusRescheduled:
		return "Rescheduled"
	case data.StatusCancelled:
		return "Cancelled"
	case data.StatusWithdrawn:
		return "Withdrawn"
	case data.StatusAttended:
		return "Attended"
	case data.StatusOffer:
		return "Offer"
	case data.StatusAccepted:
		return "Accepted"
	case data.StatusDeclined:
		return "Declined"
	case data.StatusRejected:
		return "Rejected"
	case data.StatusGhosted:
		return "Ghosted"
	}
	return pdfCapitalise(string(s))
}
