package views

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
)

// sheetPreviewShown is how many rows the mapping step shows as they will land.
const sheetPreviewShown = 6

// sheetImport is the mapping step of a spreadsheet import: before anything
// is written it shows how the file is read (encoding, separator, date
// order), a field for each column, the first rows as they will land and
// what the import would do ("5 new, 2 already in the tracker, 0 rows with
// problems"). Each change is checked again off the UI goroutine; only the
// newest check's answer is shown.
type sheetImport struct {
	t     *trackerTab
	name  string
	src   io.ReadSeeker
	srcMu sync.Mutex // the checks share src, one at a time
	drop  func()     // closes src, removing a temporary copy
	opt   data.SheetOptions
	plan  *data.SheetPlan
	gen   int                // of the newest check; older answers are dropped
	stop  context.CancelFunc // stops the check under way, if any

	d         *dialog.CustomDialog
	format    *widget.Label
	orderRow  *fyne.Container
	order     *widget.Select
	orderNote *widget.Label
	columns   *fyne.Container
	preview   *fyne.Container
	counts    *widget.Label
	problems  *widget.Button
	importBtn *widget.Button
	refusal   *data.ImportError // of the newest dry run
}

// sheetOrderLabels are the date-order choices, in data.DateOrder order.
func sheetOrderLabels() []string {
	return []string{"Day first (04/12/2026 is 4 December)", "Month first (04/12/2026 is 12 April)"}
}

// importCSV starts a spreadsheet import: it reads r through once off the
// UI goroutine and then shows the mapping step. r is copied to a
// temporary file unless it is a file on disk, since the file is read
// more than once.
func (t *trackerTab) importCSV(r io.ReadCloser, name string) {
	si := &sheetImport{t: t, name: name}
	zone := t.importZone()
	var plan *data.SheetPlan
	t.bg(func() error {
		si.opt.Zone = zone()
		src, drop, err := sheetSource(r)
		if err != nil {
			return err
		}
		si.src, si.drop = src, drop
		if plan, err = data.AnalyseSheet(src, si.opt); err == nil {
			si.t.ui.zones.load(sheetZones(plan)...)
		}
		return err
	}, func(err error) {
		if err != nil {
			si.close()
			t.showSheetRefusal(name, err)
			return
		}
		si.plan = plan
		si.show()
		si.checkWith(plan)
	})
}

// importZone returns what gives the zone for times a file gives without
// one: the tracker's, once it has loaded, else the computer's, read off
// the UI goroutine by calling the result (a file dropped on a window that
// has not shown the tracker yet).
func (t *trackerTab) importZone() func() string {
	if t.model != nil {
		zone := t.localZone
		return func() string { return zone }
	}
	return localZoneName
}

// sheetSource opens r for reading more than once: a file chosen in the
// file dialog is opened again by its path; anything else is copied.
func sheetSource(r io.ReadCloser) (io.ReadSeeker, func(), error) {
	if u, ok := r.(fyne.URIReadCloser); ok && u.URI() != nil && u.URI().Scheme() == "file" {
		if f, err := os.Open(u.URI().Path()); err == nil {
			r.Close()
			return f, func() { f.Close() }, nil
		}
	}
	if rs, ok := r.(io.ReadSeeker); ok {
		return rs, func() { r.Close() }, nil
	}
	defer r.Close()
	return data.Seekable(r, "")
}

func (si *sheetImport) close() {
	if si.drop != nil {
		si.drop()
		si.drop = nil
	}
}

// show builds and shows the mapping dialog for si.plan.
func (si *sheetImport) show() {
	si.format = &widget.Label{Wrapping: fyne.TextWrapWord}
	si.order = &widget.Select{Options: sheetOrderLabels(), PlaceHolder: "Choose how dates read", OnChanged: si.onOrder}
	si.orderNote = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	si.orderRow = container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel("Dates"), nil, si.order), si.orderNote)
	si.columns = container.New(layout.NewFormLayout())
	si.preview = container.NewVBox()
	si.counts = &widget.Label{Text: "Checking the file…", Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	si.problems = &widget.Button{Text: "Show problems", OnTapped: si.onShowProblems}
	si.problems.Hide()
	si.importBtn = &widget.Button{Text: "Import", Importance: widget.HighImportance, OnTapped: si.onImport}
	si.importBtn.Disable()
	cancel := &widget.Button{Text: "Cancel", OnTapped: si.onCancel}

	colScroll := container.NewVScroll(si.columns)
	colScroll.SetMinSize(fyne.NewSize(360, 220))
	prevScroll := container.NewVScroll(si.preview)
	prevScroll.SetMinSize(fyne.NewSize(360, 220))
	body := container.NewBorder(
		container.NewVBox(si.format, si.orderRow),
		si.counts, nil, nil,
		container.NewGridWithColumns(2,
			container.NewBorder(trackerHeading("Columns"), nil, nil, nil, colScroll),
			container.NewBorder(trackerHeading("First rows, as they will land"), nil, nil, nil, prevScroll)))
	si.d = dialog.NewCustomWithoutButtons("Import "+si.name, body, si.t.ui.env.Window)
	si.d.SetButtons([]fyne.CanvasObject{si.problems, cancel, si.importBtn})
	si.d.Resize(fyne.NewSize(860, 560))
	si.render()
	si.t.ui.showDialog(si.d)
}

// trackerHeading is a bold label over a part of a dialog.
func trackerHeading(text string) *widget.Label {
	return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}}
}

// render shows si.plan: the format, the date order, a field for each
// column and the preview.
func (si *sheetImport) render() {
	p := si.plan
	si.format.SetText(fmt.Sprintf("%s, read as %s, %s-separated, %s line ends: %s.",
		si.name, p.Format.Encoding, data.SeparatorName(p.Format.Separator), p.Format.LineEnds, plural(p.Rows, "row", "rows")))
	si.renderOrder()
	si.columns.RemoveAll()
	for _, c := range p.Columns {
		si.columns.Add(&widget.Label{Text: sheetHeaderText(c.Header)})
		sel := &widget.Select{Options: sheetFieldLabels()}
		sel.SetSelected(data.FieldLabel(c.Field))
		header := c.Header
		sel.OnChanged = func(label string) { si.onField(header, label) }
		if c.Why != "" {
			si.columns.Add(container.NewVBox(sel, &widget.Label{Text: "Ignored: " + c.Why, SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapWord}))
		} else {
			si.columns.Add(sel)
		}
	}
	si.columns.Refresh()
	si.renderPreview()
}

func (si *sheetImport) renderOrder() {
	p := si.plan
	// Setting the choice here is not the person choosing.
	si.order.OnChanged = nil
	defer func() { si.order.OnChanged = si.onOrder }()
	switch {
	case p.Ambiguous != nil && si.opt.DateOrder == data.DateOrderAuto:
		si.order.ClearSelected()
		si.orderNote.Importance = widget.WarningImportance
		si.orderNote.SetText(fmt.Sprintf("Line %d has %q, which could be either, and no date in the file says which. Choose one.", p.Ambiguous.Line, p.Ambiguous.Cell))
		si.orderRow.Show()
	case p.DateOrder != data.DateOrderAuto:
		si.order.SetSelected(sheetOrderLabels()[map[data.DateOrder]int{data.DateOrderDMY: 0, data.DateOrderMDY: 1}[p.DateOrder]])
		si.orderNote.Importance = widget.MediumImportance
		if p.DateOrderFound {
			si.orderNote.SetText("Told from the file's dates.")
		} else {
			si.orderNote.SetText("")
		}
		si.orderRow.Show()
	default:
		si.orderRow.Hide()
	}
}

// sheetZones names the zones of the preview, to load before showing it.
func sheetZones(p *data.SheetPlan) []string {
	var out []string
	for _, row := range p.Preview {
		if row.Interview != nil && row.Interview.TimeZone != "" {
			out = append(out, row.Interview.TimeZone)
		}
	}
	return out
}

// sheetHeaderText shows an empty header cell as such, and a long one
// shortened, so the column of names keeps room for the choices.
func sheetHeaderText(h string) string {
	h = strings.TrimSpace(h)
	if h == "" {
		return "(no name)"
	}
	if r := []rune(h); len(r) > 24 {
		return string(r[:23]) + "…"
	}
	return h
}

// sheetFieldLabels are the choices for a column, in data.SheetFields order.
func sheetFieldLabels() []string {
	var out []string
	for _, f := range data.SheetFields() {
		out = append(out, data.FieldLabel(f))
	}
	return out
}

// renderPreview shows the first rows as they will land, or the header's
// problems when no row could be read.
func (si *sheetImport) renderPreview() {
	si.preview.RemoveAll()
	if si.plan.HeaderProblems {
		for _, p := range si.plan.Problems {
			si.preview.Add(&widget.Label{Text: p.Msg, Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord})
		}
	}
	for i, row := range si.plan.Preview {
		if i == sheetPreviewShown {
			break
		}
		si.preview.Add(si.previewRow(row))
	}
	if len(si.plan.Preview) == 0 && !si.plan.HeaderProblems {
		si.preview.Add(widget.NewLabel("The file has a header row but no rows under it."))
	}
	si.preview.Refresh()
}

func (si *sheetImport) previewRow(row data.PreviewRow) fyne.CanvasObject {
	head := fmt.Sprintf("Line %d", row.Line)
	if row.Interview == nil {
		var msgs []string
		waiting := true
		for _, p := range row.Problems {
			msgs = append(msgs, strings.TrimPrefix(p.String(), fmt.Sprintf("line %d: ", p.Line)))
			waiting = waiting && strings.HasSuffix(p.Msg, "say which order the file uses")
		}
		if waiting {
			// The note above asks already; this row only waits for the answer.
			return &widget.Label{Text: head + ": the date waits for the choice of order above.", Wrapping: fyne.TextWrapWord}
		}
		return &widget.Label{Text: head + ": " + strings.Join(msgs, "; "), Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	}
	iv := *row.Interview
	title := iv.Company
	if iv.Role != "" {
		title += " — " + iv.Role
	}
	var facts []string
	if !iv.StartsAt.IsZero() {
		when, _ := si.t.whenText(briefOf(&iv), time.Now())
		facts = append(facts, when)
	} else {
		facts = append(facts, "no date")
	}
	for _, v := range []string{iv.ContactName, iv.ContactEmail, string(iv.Status), iv.Location} {
		if v != "" {
			facts = append(facts, v)
		}
	}
	text := head + ": " + title + "\n" + strings.Join(facts, " · ")
	for _, w := range row.Warnings {
		text += "\nCheck: " + w.Msg
	}
	return &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
}

func (si *sheetImport) onField(header, label string) {
	field := data.FieldIgnore
	for _, f := range data.SheetFields() {
		if data.FieldLabel(f) == label {
			field = f
		}
	}
	if si.opt.Map == nil {
		si.opt.Map = map[string]string{}
	}
	si.opt.Map[header] = field
	si.checkWith(nil)
}

func (si *sheetImport) onOrder(label string) {
	switch label {
	case "":
		return
	case sheetOrderLabels()[0]:
		si.opt.DateOrder = data.DateOrderDMY
	case sheetOrderLabels()[1]:
		si.opt.DateOrder = data.DateOrderMDY
	}
	si.checkWith(nil)
}

// checkWith reads the file again with the current choices and counts what an
// import would do, off the UI goroutine.
//
// plan, when not nil, is the file as read already with the current
// choices, so the first check reads it only for the dry run.
func (si *sheetImport) checkWith(plan *data.SheetPlan) {
	si.stopCheck()
	ctx, stop := context.WithCancel(si.t.ui.ctx)
	si.stop = stop
	si.gen++
	gen, opt := si.gen, si.opt
	opt.Map = make(map[string]string, len(si.opt.Map))
	for k, v := range si.opt.Map {
		opt.Map[k] = v
	}
	si.importBtn.Disable()
	si.counts.SetText("Checking the file…")
	var res data.ImportResult
	var dryErr error
	si.t.bg(func() error {
		si.srcMu.Lock()
		defer si.srcMu.Unlock()
		var err error
		if plan == nil {
			if plan, err = data.AnalyseSheet(si.src, opt); err != nil {
				return err
			}
			si.t.ui.zones.load(sheetZones(plan)...)
		}
		if plan.HeaderProblems || (plan.Ambiguous != nil && opt.DateOrder == data.DateOrderAuto) {
			return nil
		}
		opt.DryRun = true
		defer stop()
		res, dryErr = si.t.ui.env.Store.ImportAnalysed(ctx, si.src, plan, opt, nil)
		_, err = si.src.Seek(0, io.SeekStart)
		return err
	}, func(err error) {
		if gen != si.gen || si.d == nil {
			return // a newer check is on its way, or the dialog is gone
		}
		if err != nil {
			si.counts.SetText("The file could not be read: " + sentence(err.Error()))
			return
		}
		si.plan = plan
		si.render()
		si.showCounts(res, dryErr)
	})
}

// showCounts says what the import would do, and enables Import when it
// would store something and nothing is wrong.
func (si *sheetImport) showCounts(res data.ImportResult, err error) {
	si.refusal = nil
	si.problems.Hide()
	var ie *data.ImportError
	switch {
	case si.plan.HeaderProblems:
		si.counts.SetText("Choose which column holds the company, then import.")
		return
	case si.plan.Ambiguous != nil && si.opt.DateOrder == data.DateOrderAuto:
		si.counts.SetText("Choose how the dates read, then import.")
		return
	case errors.As(err, &ie):
		si.refusal = ie
		si.counts.SetText(fmt.Sprintf("%s with problems: fix the file, or change the columns above.", plural(sheetProblemRows(ie), "row", "rows")))
		si.problems.Show()
		return
	case err != nil:
		si.counts.SetText("The file cannot be imported: " + sentence(err.Error()))
		return
	}
	si.counts.SetText(fmt.Sprintf("%d new, %d already in the tracker, 0 rows with problems.", res.Added, res.Existing+res.Repeated))
	if res.Added > 0 {
		si.importBtn.Enable()
	}
}

// sheetProblemRows counts the lines with problems (the counted rest are
// taken as one a line).
func sheetProblemRows(ie *data.ImportError) int {
	lines := map[int]bool{}
	for _, p := range ie.Problems {
		lines[p.Line] = true
	}
	return len(lines) + ie.More
}

func (si *sheetImport) onShowProblems() {
	if si.refusal != nil {
		si.t.showImportProblems(si.name, si.refusal)
	}
}

// stopCheck stops a check that a newer choice, Cancel or Import has
// made pointless; on a large file a dry run takes a while.
func (si *sheetImport) stopCheck() {
	if si.stop != nil {
		si.stop()
		si.stop = nil
	}
}

func (si *sheetImport) onCancel() {
	si.stopCheck()
	si.d.Hide()
	si.d = nil
	si.gen++
	// A check may still be reading the file.
	si.t.bg(func() error {
		si.srcMu.Lock()
		defer si.srcMu.Unlock()
		si.close()
		return nil
	}, func(error) {})
}

func (si *sheetImport) onImport() {
	si.stopCheck()
	si.d.Hide()
	si.d = nil
	si.gen++
	si.t.startImport(si.src, si.name, si.opt, func() {
		si.srcMu.Lock()
		defer si.srcMu.Unlock()
		si.close()
	})
}

// startImport stores the file off the UI goroutine: every row or none,
// with a list of the problems when there are any. A dialog shows how far
// it has got and can cancel it; closing the window cancels it too. done
// runs off the UI goroutine when the import has finished with src.
func (t *trackerTab) startImport(src io.ReadSeeker, name string, opt data.SheetOptions, done func()) {
	ctx, cancel := context.WithCancel(t.ui.ctx)
	prog := newProgressDialog("Importing "+name, t.ui.env.Window, cancel, t.onUI)
	prog.show()
	var res data.ImportResult
	t.bg(func() error {
		defer cancel()
		defer done()
		if _, err := src.Seek(0, io.SeekStart); err != nil {
			return err
		}
		var err error
		res, err = t.ui.env.Store.ImportSheet(ctx, src, opt, prog.update)
		return err
	}, func(err error) {
		prog.hide()
		t.importFinished(name, res, err)
	})
}

// importFinished reports how an import went and shows what it added.
func (t *trackerTab) importFinished(name string, res data.ImportResult, err error) {
	var ie *data.ImportError
	switch {
	case errors.As(err, &ie):
		t.showImportProblems(name, ie)
	case errors.Is(err, context.Canceled):
		t.ui.showInfo("Import cancelled", "Import cancelled; nothing was added.")
	case err != nil:
		t.ui.showError("Nothing was imported", err)
	case res.Added == 0 && res.Existing+res.Repeated+res.Updated == 0:
		t.ui.showInfo("Nothing to import", name+" has no interviews in it.")
	default:
		t.showImportFinished(name, res)
		// Showing the tab loads it the first time; later, reload.
		started := t.started
		t.ui.SelectTab(TabTracker)
		if started {
			t.reload()
		}
	}
}

// showSheetRefusal reports a file that could not be read at all.
func (t *trackerTab) showSheetRefusal(name string, err error) {
	var ie *data.ImportError
	if errors.As(err, &ie) {
		t.showImportProblems(name, ie)
		return
	}
	t.ui.showError(name+" could not be read", err)
}
