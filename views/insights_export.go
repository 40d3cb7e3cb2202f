package views

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
	"bridgekeeper/insight"
)

// logDays is how many days the work-search log covers until the user picks
// others: four weeks, the period many benefit offices ask about.
const logDays = 28

// logChoice is what the work-search log dialog asks.
type logChoice struct {
	from, to time.Time
	pdf      bool
	paper    insight.Paper
}

// Labels of the log dialog's choices.
const (
	logAsPDF     = "PDF, to print or hand in"
	logAsCSV     = "CSV, for a spreadsheet or an online form"
	paperA4Label = "A4"
	paperUSLabel = "US Letter"
)

// onLog asks for the days, the format and the paper, then where to save
// the work-search log.
func (n *insightsTab) onLog() {
	var records []data.Record
	var loc *time.Location
	var st data.Settings
	n.ui.background(func() (err error) {
		records, loc, st, err = n.ui.searchRecords()
		return err
	}, func(err error) {
		if err != nil {
			n.ui.showError("Your search could not be read", err)
			return
		}
		n.askLog(records, loc, insight.PaperForLocale(n.ui.env.Locale, st.English), st.YourName)
	})
}

// askLog shows the log dialog over records, counting the contacts in the
// chosen days as they change.
func (n *insightsTab) askLog(records []data.Record, loc *time.Location, paper insight.Paper, name string) {
	now := time.Now().In(loc)
	from, to := widget.NewDateEntry(), widget.NewDateEntry()
	start := now.AddDate(0, 0, -(logDays - 1))
	from.SetDate(&start)
	to.SetDate(&now)
	format := &widget.RadioGroup{Options: []string{logAsPDF, logAsCSV}, Selected: logAsPDF, Required: true}
	paperSel := &widget.Select{Options: []string{paperA4Label, paperUSLabel}, Selected: paperA4Label}
	if paper == insight.PaperLetter {
		paperSel.Selected = paperUSLabel
	}
	count := &widget.Label{Wrapping: fyne.TextWrapWord}
	var d *dialog.ConfirmDialog
	choice := func() (logChoice, string) {
		c := logChoice{pdf: format.Selected != logAsCSV, paper: insight.PaperA4}
		if paperSel.Selected == paperUSLabel {
			c.paper = insight.PaperLetter
		}
		if from.Date == nil || to.Date == nil {
			return c, "Choose the first and last day."
		}
		c.from, c.to = *from.Date, *to.Date
		if c.to.Before(c.from) {
			return c, "The last day is before the first."
		}
		return c, ""
	}
	update := func() {
		c, problem := choice()
		if problem == "" {
			l := insight.WorkLog(records, c.from, c.to, loc, time.Now())
			problem = fmt.Sprintf("%s with %s in these days.", capitalise(plural(len(l.Contacts), "contact", "contacts")),
				plural(l.Employers(), "employer", "employers"))
		}
		count.SetText(problem)
		if c.pdf {
			paperSel.Enable()
		} else {
			paperSel.Disable()
		}
	}
	from.OnChanged = func(*time.Time) { update() }
	to.OnChanged = func(*time.Time) { update() }
	format.OnChanged = func(string) { update() }
	update()
	form := widget.NewForm(
		widget.NewFormItem("From", from),
		widget.NewFormItem("To", to),
		widget.NewFormItem("Format", format),
		widget.NewFormItem("Paper", paperSel),
	)
	intro := &widget.Label{Wrapping: fyne.TextWrapWord,
		Text: "Every contact with an employer in these days: interviews, the messages you filed and the answers you marked, with the date, the person and how."}
	content := container.NewVBox(intro, form, count)
	d = dialog.NewCustomConfirm("Work-search log", "Save…", "Cancel", content, func(ok bool) {
		if !ok {
			return
		}
		c, problem := choice()
		if problem != "" {
			n.ui.showError("The log could not be made", fmt.Errorf("%s", strings.TrimSuffix(problem, ".")))
			return
		}
		n.saveLog(records, loc, c, name)
	}, n.ui.env.Window)
	d.Resize(fyne.NewSize(560, 440))
	n.ui.showDialog(d)
}

// saveLog asks where to save the log, then writes it off the UI goroutine.
func (n *insightsTab) saveLog(records []data.Record, loc *time.Location, c logChoice, name string) {
	ext := ".csv"
	if c.pdf {
		ext = ".pdf"
	}
	file := "work-search-log-" + c.from.Format(time.DateOnly) + "-to-" + c.to.Format(time.DateOnly) + ext
	n.ui.tracker.saveFile(file, ext, func(w fyne.URIWriteCloser) {
		where := w.URI().Path()
		var l insight.Log
		var res insight.PDFResult
		n.ui.background(func() error {
			now := time.Now()
			l = insight.WorkLog(records, c.from, c.to, loc, now)
			var buf bytes.Buffer
			var err error
			if c.pdf {
				res, err = insight.WriteLogPDF(&buf, l, insight.PDFOptions{Paper: c.paper, Name: name, Now: now, Zone: loc})
			} else {
				err = insight.WriteLogCSV(&buf, l)
			}
			if err != nil {
				w.Close()
				return err
			}
			return trackerWriteAll(w, buf.Bytes())
		}, func(err error) {
			if err != nil {
				n.ui.showError("The log could not be saved", err)
				return
			}
			n.ui.showInfo("Work-search log saved", fmt.Sprintf("Saved %s with %s to\n%s%s",
				plural(len(l.Contacts), "contact", "contacts"), plural(l.Employers(), "employer", "employers"), where, missingNote(res.Missing)))
		})
	})
}

// onReport asks where to save the report of the whole search, then draws
// and writes it off the UI goroutine.
func (n *insightsTab) onReport() {
	file := "job-search-report-" + time.Now().Format(time.DateOnly) + ".pdf"
	n.ui.tracker.saveFile(file, ".pdf", func(w fyne.URIWriteCloser) {
		where := w.URI().Path()
		var res insight.PDFResult
		var count int
		n.ui.background(func() error {
			records, loc, st, err := n.ui.searchRecords()
			if err == nil {
				count = len(records)
				res, err = n.writeReport(w, records, loc, st)
			}
			if err != nil {
				w.Close()
				return err
			}
			return nil
		}, func(err error) {
			if err != nil {
				n.ui.showError("The report could not be saved", err)
				return
			}
			n.ui.showInfo("Report saved", fmt.Sprintf("Saved the report of %s (%s) to\n%s%s",
				plural(count, "interview", "interviews"), plural(res.Pages, "page", "pages"), where, missingNote(res.Missing)))
		})
	})
}

// writeReport draws the report of records into w and closes it.
func (n *insightsTab) writeReport(w fyne.URIWriteCloser, records []data.Record, loc *time.Location, st data.Settings) (insight.PDFResult, error) {
	now := time.Now()
	rep, err := insight.NewReport(records, now, loc)
	if err != nil {
		return insight.PDFResult{}, err
	}
	var buf bytes.Buffer
	res, err := insight.WriteReportPDF(&buf, rep, insight.PDFOptions{
		Paper: insight.PaperForLocale(n.ui.env.Locale, st.English), Name: st.YourName, Now: now, Zone: loc})
	if err != nil {
		return res, err
	}
	return res, trackerWriteAll(w, buf.Bytes())
}

// missingNote says which characters the PDF's font could not draw.
func missingNote(missing []rune) string {
	if len(missing) == 0 {
		return ""
	}
	if len(missing) > 8 {
		missing = missing[:8]
	}
	return "\n\nThe PDF's font cannot draw " + string(missing) + ", so they are printed as “?”."
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
