package views

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
)

// trackerMaxProblemsShown keeps the import report readable; the count of
// the rest is still given.
const trackerMaxProblemsShown = 300

// trackerFileDialogSize gives the file dialogs room for long names.
func trackerFileDialogSize() fyne.Size { return fyne.NewSize(820, 560) }

// onImportCSV asks for a spreadsheet and shows how it will be imported.
func (t *trackerTab) onImportCSV() {
	t.openFile([]string{".csv", ".CSV", ".tsv", ".txt"}, "Import", t.importCSV)
}

// openFile asks for a file with one of exts and hands it to open, with
// its name; a cancelled dialog does nothing.
func (t *trackerTab) openFile(exts []string, confirm string, open func(io.ReadCloser, string)) {
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			t.ui.showError("The file could not be opened", err)
			return
		}
		if r == nil {
			return // cancelled
		}
		open(r, r.URI().Name())
	}, t.ui.env.Window)
	fd.SetFilter(storage.NewExtensionFileFilter(exts))
	fd.SetConfirmText(confirm)
	fd.Resize(trackerFileDialogSize())
	t.ui.showDialog(fd)
}

// showImportFinished confirms an import, listing any rows it imported on
// an assumption (a time the clocks show twice) so they can be checked.
func (t *trackerTab) showImportFinished(name string, res data.ImportResult) {
	done := importDoneText(name, res)
	if len(res.Warnings) == 0 {
		t.ui.showInfo("Import finished", done)
		return
	}
	lines := trackerProblemLines(res.Warnings, res.MoreWarnings, "warning", "warnings")
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: done + " Check " +
		plural(len(res.Warnings)+res.MoreWarnings, "line", "lines") + ":"}
	list := &widget.Label{Text: strings.Join(lines, "\n"), Selectable: true, Wrapping: fyne.TextWrapWord}
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(580, min(60+float32(len(lines))*26, 320)))
	d := dialog.NewCustom("Import finished", "Close", container.NewBorder(intro, nil, nil, nil, scroll), t.ui.env.Window)
	t.ui.showDialog(d)
}

// importDoneText says what an import did, in sentences:
// "Imported 3 interviews from jobs.csv. 12 were already in the tracker."
func importDoneText(name string, res data.ImportResult) string {
	done := fmt.Sprintf("Imported %s from %s.", plural(res.Added, "interview", "interviews"), name)
	if res.Existing == 1 {
		done += " 1 was already in the tracker."
	} else if res.Existing > 1 {
		done += fmt.Sprintf(" %s were already in the tracker.", thousands(res.Existing))
	}
	if res.Repeated > 0 {
		done += fmt.Sprintf(" %s repeated an earlier row and %s skipped.", plural(res.Repeated, "row", "rows"),
			map[bool]string{true: "was", false: "were"}[res.Repeated == 1])
	}
	if res.Updated > 0 {
		done += fmt.Sprintf(" Updated %s.", plural(res.Updated, "interview", "interviews"))
	}
	return done
}

// trackerProblemLines turns an import report into one line per problem (or
// warning: one and many name them), as they appear in the file; more
// counts those not listed in ps.
func trackerProblemLines(ps []data.LineProblem, more int, one, many string) []string {
	out := make([]string, 0, min(len(ps), trackerMaxProblemsShown)+1)
	for i, p := range ps {
		if i == trackerMaxProblemsShown {
			more += len(ps) - i
			break
		}
		if p.Field == "" {
			out = append(out, fmt.Sprintf("Line %d: %s", p.Line, p.Msg))
		} else {
			out = append(out, fmt.Sprintf("Line %d: %s: %s", p.Line, p.Field, p.Msg))
		}
	}
	if more > 0 {
		out = append(out, "…and "+plural(more, "more "+one, "more "+many)+".")
	}
	return out
}

func (t *trackerTab) showImportProblems(name string, ie *data.ImportError) {
	lines := trackerProblemLines(ie.Problems, ie.More, "problem", "problems")
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf(
		"%s has %s, so no interviews were added. Fix the lines below and import the file again.",
		name, plural(ie.Count(), "problem", "problems"))}
	list := &widget.Label{Text: strings.Join(lines, "\n"), Selectable: true, Wrapping: fyne.TextWrapWord}
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(580, min(60+float32(len(lines))*26, 320)))
	status := trackerQuiet("")
	d := dialog.NewCustomWithoutButtons("Nothing was imported", container.NewBorder(intro, status, nil, nil, scroll), t.ui.env.Window)
	copyBtn := &widget.Button{Text: "Copy list", Icon: theme.ContentCopyIcon(), OnTapped: func() {
		if err := t.ui.env.Clipboard.Copy(strings.Join(lines, "\n")); err != nil {
			trackerSetText(status, "Could not copy: "+err.Error())
			return
		}
		trackerSetText(status, "The list is on the clipboard.")
	}}
	d.SetButtons([]fyne.CanvasObject{copyBtn, &widget.Button{Text: "Close", Importance: widget.HighImportance, OnTapped: d.Hide}})
	t.ui.showDialog(d)
}

// onExportCSV saves every interview as a CSV file.
func (t *trackerTab) onExportCSV() {
	t.saveFile("interviews.csv", ".csv", func(w fyne.URIWriteCloser) { t.exportCSV(w, w.URI().Path()) })
}

// exportCSV writes every interview to w off the UI goroutine.
func (t *trackerTab) exportCSV(w io.WriteCloser, where string) {
	var n int
	t.bg(func() error {
		ivs, err := t.ui.env.Store.Interviews(t.ui.ctx)
		if err != nil {
			w.Close()
			return err
		}
		n = len(ivs)
		var buf bytes.Buffer
		if err := data.WriteCSV(&buf, ivs); err != nil {
			w.Close()
			return err
		}
		return trackerWriteAll(w, buf.Bytes())
	}, func(err error) {
		if err != nil {
			t.ui.showError("The CSV file could not be written", err)
			return
		}
		t.ui.showInfo("Export finished",
			fmt.Sprintf("Saved %s to\n%s", plural(n, "interview", "interviews"), where))
	})
}

// onExportCalendar saves the interviews still ahead as one .ics calendar,
// or says there are none rather than writing an empty one.
func (t *trackerTab) onExportCalendar() {
	var upcoming []data.Interview
	var checkIns []data.CheckIn
	t.bg(func() error {
		ivs, err := t.ui.env.Store.Interviews(t.ui.ctx)
		if err != nil {
			return err
		}
		upcoming = data.ForCalendar(ivs, time.Now())
		ks, err := t.ui.env.Store.CheckIns(t.ui.ctx, 0)
		checkIns = data.CheckInsForCalendar(ks, time.Now())
		return err
	}, func(err error) {
		switch {
		case err != nil:
			t.ui.showError("Your interviews could not be loaded", err)
		case len(upcoming) == 0:
			t.ui.showInfo("No upcoming interviews",
				"There are no scheduled interviews ahead, so there is nothing to put in a calendar.")
		default:
			t.saveFile("upcoming-interviews.ics", ".ics", func(w fyne.URIWriteCloser) {
				t.exportICS(w, w.URI().Path(), upcoming, checkIns...)
			})
		}
	})
}

// onExportOne saves one interview as a calendar file.
func (t *trackerTab) onExportOne(iv data.Interview) {
	if iv.StartsAt.IsZero() {
		t.ui.showInfo("No date yet", "Add a date and time to this interview before putting it in a calendar.")
		return
	}
	name := "interview-" + trackerSlug(iv.Company) + ".ics"
	t.saveFile(name, ".ics", func(w fyne.URIWriteCloser) {
		t.exportICS(w, w.URI().Path(), []data.Interview{iv})
	})
}

// exportICS writes ivs to w as a calendar, off the UI goroutine.
func (t *trackerTab) exportICS(w io.WriteCloser, where string, ivs []data.Interview, checkIns ...data.CheckIn) {
	t.bg(func() error {
		var buf bytes.Buffer
		if err := data.WriteICS(&buf, ivs, time.Now(), checkIns...); err != nil {
			w.Close()
			return err
		}
		return trackerWriteAll(w, buf.Bytes())
	}, func(err error) {
		if err != nil {
			t.ui.showError("The calendar file could not be written", err)
			return
		}
		t.ui.showInfo("Calendar saved",
			fmt.Sprintf("Saved %s to\n%s\n\nOpen it with your calendar app to add the events.",
				plural(len(ivs), "interview", "interviews"), where))
	})
}

// saveFile asks where to save, then hands the chosen file to write.
func (t *trackerTab) saveFile(name, ext string, write func(fyne.URIWriteCloser)) {
	if t.ui.chooseSave != nil {
		w, err := t.ui.chooseSave(name)
		if err != nil {
			t.ui.showError("The file could not be created", err)
			return
		}
		write(w)
		return
	}
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			t.ui.showError("The file could not be created", err)
			return
		}
		if w == nil {
			return // cancelled
		}
		write(w)
	}, t.ui.env.Window)
	fd.SetFileName(name)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	fd.Resize(trackerFileDialogSize())
	t.ui.showDialog(fd)
}

// trackerWriteAll writes the whole file in one go, and reports a failure
// to close it, since that is where a full disk often shows.
func trackerWriteAll(w io.WriteCloser, b []byte) error {
	_, err := w.Write(b)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write file: %w", err)
	}
	return nil
}

// trackerSlug makes a company name safe for a file name.
func trackerSlug(s string) string {
	slug := strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(s), "-"), "-")
	if slug == "" {
		return "interview"
	}
	return slug
}
