package views

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/compose"
	"bridgekeeper/data"
	"bridgekeeper/views/widgets"
)

// The form's fields, named as data.FieldError names them where the data
// layer checks them too.
const (
	ivFieldCompany  = "company"
	ivFieldEmail    = "contact_email"
	ivFieldDate     = "date"
	ivFieldTime     = "time"
	ivFieldZone     = "timezone"
	ivFieldLocation = "location"
	ivFieldStatus   = "status"
)

// trackerForm is the Add / Edit dialog. It stays open, with everything
// typed in it, until the interview is saved or the user cancels.
type trackerForm struct {
	t       *trackerTab
	editing *data.Interview // nil when adding

	// past shows what was said before to the company being added (pastText),
	// with a check-in to write (pastWrite); pastFor is the name looked up.
	past      *fyne.Container
	pastText  *widget.Label
	pastWrite *widget.Button
	pastFor   string

	company      *widgets.Entry
	role         *widgets.Entry
	contactName  *widgets.Entry
	contactEmail *widgets.Entry
	date         *widget.DateEntry
	clock        *widget.SelectEntry
	zone         *widget.SelectEntry
	location     *widgets.Entry
	status       *widget.Select
	notes        *widgets.NotesEntry
	// fold asks which of two times is meant when the clock time happens
	// twice (the hour the clocks go back); hidden otherwise.
	fold *widget.RadioGroup
	// folds are the two instants fold chooses between.
	folds [2]time.Time

	// errs holds the message shown under each field; a field whose message
	// is showing is re-checked as the user types, so it clears once fixed.
	errs        map[string]*widget.Label
	problem     *fyne.Container
	problemText *widget.Label
	save        *widget.Button
	dlg         *dialog.CustomDialog
	dateLayout  string
	saving      bool
}

func (t *trackerTab) onAdd() {
	t.openForm(nil)
}

// onEdit edits the selected row.
func (t *trackerTab) onEdit() {
	t.withSelected(func(iv data.Interview) { t.openForm(&iv) })
}

func (t *trackerTab) openForm(iv *data.Interview) {
	if t.editor != nil {
		t.ui.env.Window.Canvas().Focus(t.editor.company)
		return
	}
	f := newTrackerForm(t, iv)
	t.editor = f
	t.ui.showDialog(f.dlg)
	t.ui.env.Window.Canvas().Focus(f.company)
}

func newTrackerForm(t *trackerTab, iv *data.Interview) *trackerForm {
	f := &trackerForm{t: t, editing: iv, errs: map[string]*widget.Label{}, dateLayout: dateLayout()}
	submit := func(string) { f.onSave() }
	entry := func(placeholder string) *widgets.Entry {
		e := &widgets.Entry{Entry: widget.Entry{PlaceHolder: placeholder, OnSubmitted: submit}}
		e.ExtendBaseWidget(e)
		return e
	}
	f.company = entry("e.g. Acme Ltd")
	f.role = entry("e.g. Product designer")
	f.contactName = entry("e.g. Dana Reyes")
	f.contactEmail = entry("e.g. dana@example.com")
	f.date = widget.NewDateEntry()
	f.date.PlaceHolder = "e.g. " + exampleDate(time.Now()).Format(f.dateLayout)
	f.date.OnSubmitted = submit
	f.clock = widget.NewSelectEntry(trackerTimeSlots())
	f.clock.PlaceHolder = "e.g. 14:30"
	f.clock.OnSubmitted = submit
	f.zone = widget.NewSelectEntry(zoneChoices(t.localZone))
	f.zone.OnSubmitted = submit
	f.location = entry("Address or video link")
	labels := make([]string, 0, len(data.Statuses()))
	for _, s := range data.Statuses() {
		labels = append(labels, trackerStatusLabel(s))
	}
	f.status = &widget.Select{Options: labels}
	f.status.ExtendBaseWidget(f.status)
	f.notes = widgets.NewNotesEntry("Anything worth remembering: who you will meet, what to prepare…")
	f.notes.Limit = data.MaxNotesBytes
	f.notes.OnCut = func(size int) {
		f.showProblem(sentence(data.TooLong("notes", size, data.MaxNotesBytes)) + " The rest was not pasted.")
	}
	f.notes.SetMinRowsVisible(4)

	f.fold = &widget.RadioGroup{}
	f.fold.Hide()

	f.fill(iv)
	for _, e := range []*widget.Entry{&f.company.Entry, &f.contactEmail.Entry, &f.location.Entry, &f.clock.Entry, &f.zone.Entry} {
		e.OnChanged = func(string) { f.recheck() }
	}
	for _, e := range []*widget.Entry{&f.clock.Entry, &f.zone.Entry} {
		e.OnChanged = func(string) { f.clearFold(); f.recheck() }
	}
	// DateEntry keeps its own OnChanged for the calendar; hook the public one.
	f.date.OnChanged = func(*time.Time) { f.clearFold(); f.recheck() }
	f.limitEntries()

	withError := func(field string, o fyne.CanvasObject) fyne.CanvasObject {
		msg := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
		msg.Hide()
		f.errs[field] = msg
		return container.New(layout.NewCustomPaddedVBoxLayout(0), o, msg)
	}
	key := func(text string) fyne.CanvasObject {
		return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignTrailing}
	}
	when := container.NewVBox(container.NewGridWithColumns(2, withError(ivFieldDate, f.date), withError(ivFieldTime, f.clock)), f.fold)
	form := container.New(layout.NewFormLayout(),
		key("Company *"), withError(ivFieldCompany, f.company),
		key("Role"), f.role,
		key("Contact name"), f.contactName,
		key("Contact email"), withError(ivFieldEmail, f.contactEmail),
		key("Date and time"), when,
		key("Time zone"), withError(ivFieldZone, f.zone),
		key("Location"), withError(ivFieldLocation, f.location),
		key("Status"), withError(ivFieldStatus, f.status),
		key("Notes"), f.notes,
	)
	f.problemText = &widget.Label{Wrapping: fyne.TextWrapWord}
	f.problem = widgets.NewBanner(theme.ColorNameError, theme.NewErrorThemedResource(theme.ErrorIcon()), f.problemText)
	f.problem.Hide()
	// Adding an interview with a company already dealt with: what was said
	// before, and a check-in to write first after stepping back.
	f.pastText = &widget.Label{Wrapping: fyne.TextWrapWord}
	f.pastWrite = &widget.Button{Text: "Write a check-in", Icon: theme.MailComposeIcon(), Importance: widget.LowImportance}
	f.past = widgets.NewBanner(theme.ColorNamePrimary, theme.NewPrimaryThemedResource(theme.HistoryIcon()),
		container.NewBorder(nil, nil, nil, container.NewCenter(f.pastWrite), f.pastText))
	f.past.Hide()
	if iv == nil {
		f.company.OnFocusLost = f.lookUpPast
	}
	content := container.NewVBox(f.problem, f.past, form)
	if iv != nil && iv.RawStartsAt != "" {
		msg := f.errs[ivFieldDate]
		msg.SetText(fmt.Sprintf("The stored date %q could not be read. Enter the date and time again.", iv.RawStartsAt))
		msg.Show()
	}

	title := "Add interview"
	saveText := "Add interview"
	if iv != nil {
		title = "Edit interview — " + trackerCompany(*iv)
		saveText = "Save changes"
	}
	f.save = &widget.Button{Text: saveText, Icon: theme.ConfirmIcon(), Importance: widget.HighImportance, OnTapped: f.onSave}
	cancel := &widget.Button{Text: "Cancel", Icon: theme.CancelIcon(), OnTapped: f.close}
	f.dlg = dialog.NewCustomWithoutButtons(title, content, t.ui.env.Window)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.save})
	f.dlg.SetOnClosed(func() {
		if t.editor == f {
			t.editor = nil
		}
	})
	f.dlg.Resize(fyne.NewSize(620, 0))
	return f
}

// lookUpPast reads what was said before to the company typed in the Add
// form, off the UI goroutine, and shows it.
func (f *trackerForm) lookUpPast() {
	name := strings.TrimSpace(f.company.Text)
	if name == f.pastFor {
		return
	}
	f.pastFor = name
	var events []data.Event
	f.t.bg(func() (err error) {
		if name != "" {
			events, err = f.t.ui.env.Store.MessagesTo(f.t.ui.ctx, name)
		}
		return err
	}, func(err error) {
		if err != nil || name != f.pastFor {
			return
		}
		f.showPast(events)
	})
}

// showPast shows the last exchange with the company, and offers a
// check-in when the user last stepped back from it.
func (f *trackerForm) showPast(events []data.Event) {
	history := composePriors(events)
	text := compose.LastExchange(history)
	if text == "" {
		showIf(f.past, false)
		f.dlg.Refresh()
		return
	}
	last := events[len(events)-1]
	steppedBack := composeInfo(history[len(history)-1].Scenario).StepsBack
	if steppedBack {
		text += " Before a new interview, a short check-in that says what changed reads well."
	}
	f.pastText.SetText(text)
	showIf(f.pastWrite, steppedBack)
	f.pastWrite.OnTapped = func() {
		iv := data.Interview{ID: last.InterviewID}
		f.t.bg(func() (err error) {
			iv, err = f.t.ui.env.Store.Interview(f.t.ui.ctx, iv.ID)
			return err
		}, func(err error) {
			if err == nil {
				f.close()
				f.t.ui.composeAbout(&iv, string(compose.ScenarioCheckIn))
			}
		})
	}
	showIf(f.past, true)
	f.dlg.Refresh()
}

// fill puts an interview's values in the fields, or the defaults for a new one.
func (f *trackerForm) fill(iv *data.Interview) {
	f.zone.SetText(f.t.localZone)
	f.status.SetSelectedIndex(0)
	if iv == nil {
		return
	}
	f.company.SetText(iv.Company)
	f.role.SetText(iv.Role)
	f.contactName.SetText(iv.ContactName)
	f.contactEmail.SetText(iv.ContactEmail)
	if iv.TimeZone != "" {
		f.zone.SetText(iv.TimeZone)
	}
	if !iv.StartsAt.IsZero() {
		at := f.t.local(briefOf(iv))
		day := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC)
		f.date.SetDate(&day)
		f.clock.SetText(at.Format("15:04"))
		if iv.TimeZone == "" {
			f.zone.SetText(at.Location().String())
		}
	}
	if i := slices.Index(data.Statuses(), iv.Status); i >= 0 {
		f.status.SetSelectedIndex(i)
	}
	f.location.SetText(trackerOneLine(iv.Location))
	f.notes.SetText(iv.Notes)
}

// trackerWall is the date and time as typed, before the zone is applied.
type trackerWall struct {
	set        bool
	year       int
	month      time.Month
	day        int
	hour, mins int
}

// collect reads the form into an interview and checks what can be checked
// without touching the disk; the zone is loaded when saving.
func (f *trackerForm) collect() (data.Interview, trackerWall, map[string]string) {
	iv := data.Interview{}
	if f.editing != nil {
		iv = *f.editing
	}
	iv.Company = strings.TrimSpace(f.company.Text)
	iv.Role = strings.TrimSpace(f.role.Text)
	iv.ContactName = strings.TrimSpace(f.contactName.Text)
	iv.ContactEmail = strings.TrimSpace(f.contactEmail.Text)
	iv.TimeZone = strings.TrimSpace(f.zone.Text)
	iv.Location = strings.TrimSpace(f.location.Text)
	if f.editing != nil && iv.Location == trackerOneLine(f.editing.Location) {
		// Untouched: an address imported over several lines keeps them.
		iv.Location = f.editing.Location
	}
	iv.Notes = strings.TrimRight(f.notes.Text, " \n\t")
	iv.StartsAt = time.Time{}
	if i := f.status.SelectedIndex(); i >= 0 {
		iv.Status = data.Statuses()[i]
	}

	errs := map[string]string{}
	if iv.Company == "" {
		errs[ivFieldCompany] = "Enter the company's name."
	}
	if iv.ContactEmail != "" {
		if err := data.ValidateEmail(iv.ContactEmail); err != nil {
			errs[ivFieldEmail] = "Enter an address like name@example.com."
		}
	}
	if iv.Status == "" {
		errs[ivFieldStatus] = "Choose a status."
	}

	wall := f.collectWall(iv.TimeZone, errs)
	return iv, wall, errs
}

// collectWall reads the date and time fields as typed, before a zone is
// applied; each problem goes into errs under its field.
func (f *trackerForm) collectWall(zone string, errs map[string]string) trackerWall {
	dateText, clockText := strings.TrimSpace(f.date.Text), strings.TrimSpace(f.clock.Text)
	var day time.Time
	var dateErr, clockErr error
	if dateText != "" {
		if day, dateErr = compose.ParseDate(dateText, f.dateLayout); dateErr != nil {
			errs[ivFieldDate] = sentence(dateErr.Error())
		}
	}
	h, m := 0, 0
	if clockText != "" {
		if h, m, clockErr = compose.ParseClock(clockText); clockErr != nil {
			errs[ivFieldTime] = sentence(clockErr.Error())
		}
	}
	switch {
	case dateText == "" && clockText != "" && clockErr == nil:
		errs[ivFieldDate] = "Pick the day as well."
	case dateText != "" && clockText == "":
		errs[ivFieldTime] = "Enter the time as well."
	}
	if dateText != "" && zone == "" {
		errs[ivFieldZone] = "Choose the time zone the time is in."
	}
	if dateText == "" || clockText == "" || len(errs) > 0 {
		return trackerWall{}
	}
	return trackerWall{set: true, year: day.Year(), month: day.Month(), day: day.Day(), hour: h, mins: m}
}

// showErrors puts each message under its field. With all set, fields not
// in errs are cleared; otherwise only messages already showing are updated.
func (f *trackerForm) showErrors(errs map[string]string, all bool) {
	for field, label := range f.errs {
		msg, bad := errs[field]
		if !all && !label.Visible() {
			continue
		}
		if bad {
			label.SetText(msg)
			label.Show()
		} else {
			label.SetText("")
			label.Hide()
		}
	}
	f.dlg.Refresh()
}

func (f *trackerForm) recheck() {
	if f.errs == nil || f.dlg == nil {
		return
	}
	_, _, errs := f.collect()
	f.showErrors(errs, false)
}

// errorText is what the form shows under a field, "" when it is fine.
func (f *trackerForm) errorText(field string) string {
	if l := f.errs[field]; l != nil && l.Visible() {
		return l.Text
	}
	return ""
}

func (f *trackerForm) focusFirstError() {
	for _, fe := range []struct {
		field string
		w     fyne.Focusable
	}{{ivFieldCompany, f.company}, {ivFieldEmail, f.contactEmail}, {ivFieldDate, f.date}, {ivFieldTime, f.clock}, {ivFieldZone, f.zone},
		{ivFieldLocation, f.location}} {
		if f.errorText(fe.field) != "" {
			f.t.ui.env.Window.Canvas().Focus(fe.w)
			return
		}
	}
}

// onSave checks the form and saves it off the UI goroutine. On any failure
// the dialog stays open with everything the user typed.
func (f *trackerForm) onSave() {
	if f.saving {
		return
	}
	iv, wall, errs := f.collect()
	f.showErrors(errs, true)
	if len(errs) > 0 {
		f.focusFirstError()
		return
	}
	f.saving = true
	label := f.save.Text
	f.save.SetText("Saving…")
	f.save.Disable()
	f.problem.Hide()
	adding := f.editing == nil
	store := f.t.ui.env.Store
	fold := f.foldChoice()
	var ambiguous *compose.WallError
	f.t.bg(func() error {
		if iv.TimeZone != "" {
			loc, err := data.LoadZone(iv.TimeZone)
			if err != nil {
				var fe *data.FieldError
				if errors.As(err, &fe) {
					return data.ValidationError{fe}
				}
				return err
			}
			if wall.set {
				if iv.StartsAt, ambiguous, err = trackerWallTime(wall, loc, fold); err != nil || ambiguous != nil {
					return err
				}
			}
		}
		f.t.ui.zones.warm([]data.Interview{iv})
		if adding {
			return store.CreateInterview(context.Background(), &iv)
		}
		return store.UpdateInterview(context.Background(), &iv)
	}, func(err error) {
		f.saving = false
		f.save.SetText(label)
		f.save.Enable()
		var conflict *data.ConflictError
		switch {
		case ambiguous != nil:
			f.askFold(ambiguous)
		case errors.As(err, &conflict):
			f.showConflict(iv, conflict.Theirs)
		case err != nil:
			f.saveFailed(err)
		default:
			f.close()
			f.t.saved(iv)
			f.t.afterAccepting(f.editing, iv)
		}
	})
}

// showConflict is shown when the interview was changed elsewhere (the
// command line, another program) after this form opened: both versions side
// by side, and the choice of which to keep. Nothing is overwritten unasked.
func (f *trackerForm) showConflict(mine, theirs data.Interview) {
	// One line a field, cut with an ellipsis: wrapped labels in a grid
	// would each ask for the height of the tallest.
	cell := func(text string, bold bool, align fyne.TextAlign) *widget.Label {
		return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: bold}, Alignment: align, Truncation: fyne.TextTruncateEllipsis}
	}
	grid := container.NewVBox(container.NewGridWithColumns(3,
		cell("", false, fyne.TextAlignLeading), cell("Saved elsewhere", true, fyne.TextAlignLeading), cell("Yours", true, fyne.TextAlignLeading)))
	for _, row := range trackerConflictRows(f.t, mine, theirs) {
		differs := row.theirs != row.mine
		grid.Add(container.NewGridWithColumns(3, cell(row.name, false, fyne.TextAlignTrailing),
			cell(row.theirs, differs, fyne.TextAlignLeading), cell(row.mine, differs, fyne.TextAlignLeading)))
	}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: "This interview was changed outside this window " +
		"(by the command line or another program) after you opened it. Choose which version to keep; the differences are in bold."}
	// The scroll needs a size of its own, or the dialog folds it away.
	scroll := container.NewVScroll(grid)
	scroll.SetMinSize(fyne.NewSize(600, min(grid.MinSize().Height, 340)))
	d := dialog.NewCustomWithoutButtons("Changed elsewhere", container.NewBorder(intro, nil, nil, nil, scroll), f.t.ui.env.Window)
	keepMine := &widget.Button{Text: "Keep mine", Importance: widget.HighImportance, OnTapped: func() {
		d.Hide()
		f.rebase(theirs)
		f.onSave()
	}}
	useTheirs := &widget.Button{Text: "Use theirs", OnTapped: func() {
		d.Hide()
		f.close()
		f.t.saved(theirs)
	}}
	back := &widget.Button{Text: "Back to editing", OnTapped: func() {
		d.Hide()
		f.rebase(theirs)
	}}
	d.SetButtons([]fyne.CanvasObject{back, useTheirs, keepMine})
	d.Resize(fyne.NewSize(640, 0))
	f.t.ui.showDialog(d)
}

// rebase makes the form's next save one made knowing theirs: it will
// replace that version, and only that one.
func (f *trackerForm) rebase(theirs data.Interview) {
	if f.editing != nil {
		f.editing.UpdatedAt = theirs.UpdatedAt
	}
}

// trackerConflictRow is one field of the two versions, as text.
type trackerConflictRow struct{ name, theirs, mine string }

func trackerConflictRows(t *trackerTab, mine, theirs data.Interview) []trackerConflictRow {
	when := func(iv data.Interview) string {
		if iv.StartsAt.IsZero() {
			return "—"
		}
		return t.local(briefOf(&iv)).Format("Mon 2 Jan 2006, 15:04 MST")
	}
	short := func(s string) string {
		preview, _ := longTextPreview(strings.ReplaceAll(s, "\n", " "), 300, 1)
		return preview
	}
	rows := []trackerConflictRow{
		{"Company", theirs.Company, mine.Company},
		{"Role", theirs.Role, mine.Role},
		{"Contact", theirs.ContactName, mine.ContactName},
		{"Email", theirs.ContactEmail, mine.ContactEmail},
		{"When", when(theirs), when(mine)},
		{"Location", short(theirs.Location), short(mine.Location)},
		{"Status", trackerStatusLabel(theirs.Status), trackerStatusLabel(mine.Status)},
		{"Notes", short(theirs.Notes), short(mine.Notes)},
	}
	for i := range rows {
		if rows[i].theirs == "" {
			rows[i].theirs = "—"
		}
		if rows[i].mine == "" {
			rows[i].mine = "—"
		}
	}
	return rows
}

// trackerWallTime turns the typed date and time into an instant in loc. A
// time the clocks skip is refused with the nearest one named; one they pass
// twice needs fold (0 the first, 1 the second, -1 not chosen yet), and
// without it the WallError comes back to ask with.
func trackerWallTime(w trackerWall, loc *time.Location, fold int) (time.Time, *compose.WallError, error) {
	at, err := compose.Wall(w.year, w.month, w.day, w.hour, w.mins, loc)
	var we *compose.WallError
	if !errors.As(err, &we) {
		return at, nil, err
	}
	switch {
	case we.Kind == compose.WallGap:
		return time.Time{}, nil, data.ValidationError{{Field: ivFieldTime, Msg: we.Error()}}
	case fold == 0:
		return we.Earlier, nil, nil
	case fold == 1:
		return we.Later, nil, nil
	}
	return time.Time{}, we, nil
}

// foldChoice is which of two repeated times the user chose: 0, 1, or -1.
func (f *trackerForm) foldChoice() int {
	if !f.fold.Visible() {
		return -1
	}
	return slices.Index(f.fold.Options, f.fold.Selected)
}

// askFold shows the two times a repeated clock time can mean.
func (f *trackerForm) askFold(we *compose.WallError) {
	f.folds = [2]time.Time{we.Earlier, we.Later}
	f.fold.Options = []string{
		compose.ClockLabel(we.Earlier) + ", the first time",
		compose.ClockLabel(we.Later) + ", after the clocks go back",
	}
	f.fold.Selected = ""
	f.fold.Show()
	f.fold.Refresh()
	f.errs[ivFieldTime].SetText(sentence(we.Error()) + " Choose which one below, then save.")
	f.errs[ivFieldTime].Show()
	f.dlg.Refresh()
}

// clearFold forgets the choice once the date, time or zone changes.
func (f *trackerForm) clearFold() {
	if f.fold.Visible() {
		f.fold.Hide()
		f.fold.Selected = ""
		f.dlg.Refresh()
	}
}

// exampleDate is the date a placeholder shows: the 14th of a month two or
// more weeks ahead, so it reads as an example and never as a date already
// past, and its day (over 12) shows which way round the fields go.
func exampleDate(now time.Time) time.Time {
	d := time.Date(now.Year(), now.Month()+1, 14, 0, 0, 0, 0, time.UTC)
	if d.Sub(now) < 14*24*time.Hour {
		d = d.AddDate(0, 1, 0)
	}
	return d
}

// limitEntries keeps each field within what the data layer stores, so a
// huge paste is cut at the limit with a word about it, never frozen on.
func (f *trackerForm) limitEntries() {
	for _, l := range []struct {
		e     *widget.Entry
		set   func(string)
		name  string
		limit int
	}{
		{&f.company.Entry, f.company.SetText, "company", data.MaxFieldBytes},
		{&f.role.Entry, f.role.SetText, "role", data.MaxFieldBytes},
		{&f.contactName.Entry, f.contactName.SetText, "contact name", data.MaxFieldBytes},
		{&f.contactEmail.Entry, f.contactEmail.SetText, "contact email", data.MaxFieldBytes},
		{&f.location.Entry, f.location.SetText, "location", data.MaxFieldBytes},
		{&f.notes.Entry, f.notes.SetText, "notes", data.MaxNotesBytes},
	} {
		limitEntry(l.e, l.set, l.limit, func(size int) {
			f.showProblem(sentence(data.TooLong(l.name, size, l.limit)) + " The rest was not kept.")
		})
	}
}

// limitEntry cuts e's text at limit bytes (on a character boundary), through
// set (the outer widget's SetText, for entries that extend Entry), and calls
// over with the size that was typed or pasted.
func limitEntry(e *widget.Entry, set func(string), limit int, over func(size int)) {
	next := e.OnChanged
	e.OnChanged = func(text string) {
		if len(text) > limit {
			cut := text[:limit]
			for len(cut) > 0 && !utf8.ValidString(cut) {
				cut = cut[:len(cut)-1]
			}
			set(cut)
			over(len(text))
			return
		}
		if next != nil {
			next(text)
		}
	}
}

// saveFailed shows why a save did not happen, next to the field when the
// data layer named one.
func (f *trackerForm) saveFailed(err error) {
	var ve data.ValidationError
	if errors.As(err, &ve) {
		errs := map[string]string{}
		for _, fe := range ve {
			if _, ok := f.errs[fe.Field]; ok {
				errs[fe.Field] = sentence(fe.Msg)
			} else {
				f.showProblem(sentence(fe.Msg))
			}
		}
		f.showErrors(errs, true)
		f.focusFirstError()
		return
	}
	f.showProblem(trackerSaveProblem(err))
}

func (f *trackerForm) showProblem(msg string) {
	f.problemText.SetText(msg)
	f.problem.Show()
	f.dlg.Refresh()
}

func (f *trackerForm) close() {
	if f.t.editor == f {
		f.t.editor = nil
	}
	f.dlg.Hide()
}

// saved shows a newly saved interview, selected, in the table.
func (t *trackerTab) saved(iv data.Interview) {
	t.upsert(iv)
	if t.model != nil && t.model.Index(iv.ID) < 0 {
		// The filters hide it; the user just typed it, so show it.
		t.onClearFilters()
	}
	t.selectRow(iv.ID, true)
}

// trackerSaveProblem explains a failed save in words a user can act on.
// The cause is told by its kind (data.ErrDiskFull…), never by its text.
func trackerSaveProblem(err error) string {
	const kept = " Everything you typed is still here."
	switch {
	case errors.Is(err, data.ErrNotFound):
		return "This interview has been deleted in the meantime, so the changes could not be saved." + kept
	case errors.Is(err, data.ErrDiskFull):
		return "The disk is full, so the interview was not saved. Free some space, then press Save again." + kept
	case errors.Is(err, data.ErrReadOnly):
		return "Bridgekeeper's data file cannot be written to (it is read-only), so the interview was not saved." + kept
	case errors.Is(err, data.ErrBusy):
		return "Another program kept the database busy, so the interview was not saved yet. Press Save again in a moment." + kept
	}
	return "The interview was not saved: " + err.Error() + "." + kept
}

// onDelete asks first, then deletes the selected interview in a way that
// can be undone for a few seconds.
func (t *trackerTab) onDelete() { t.withSelected(t.askDelete) }

// askDelete asks whether to delete iv.
func (t *trackerTab) askDelete(iv data.Interview) {
	what := trackerCompany(iv)
	if r := strings.TrimSpace(iv.Role); r != "" {
		what += " (" + r + ")"
	}
	msg := &widget.Label{Text: fmt.Sprintf("Delete the interview with %s and its whole timeline?\nYou can undo it for 30 seconds afterwards.", what),
		Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustomConfirm("Delete "+trackerCompany(iv)+"?", "Delete", "Cancel", msg, func(yes bool) {
		if yes {
			t.deleteInterview(iv)
		}
	}, t.ui.env.Window)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(460, 0))
	t.ui.showDialog(d)
}

// onDeleteKey deletes the selected interview at once when the Delete key is
// pressed in the table: the Undo offer and Ctrl+Z bring it back, so the key
// needs no question first (the toolbar's button still asks).
func (t *trackerTab) onDeleteKey() { t.withSelected(t.deleteInterview) }

func (t *trackerTab) deleteInterview(iv data.Interview) {
	var gone data.Deleted
	t.bg(func() (err error) {
		gone, err = t.ui.env.Store.DeleteForUndo(context.Background(), iv.ID)
		return err
	}, func(err error) {
		if err != nil {
			t.ui.showError("The interview could not be deleted", err)
			return
		}
		t.remove(iv.ID)
		t.showUndo(gone)
	})
}

// trackerOneLine is a location as the one-line field shows it: an address
// imported over several lines, its lines joined with commas.
func trackerOneLine(s string) string {
	var parts []string
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if line = strings.Trim(strings.TrimSpace(line), ","); line != "" {
			parts = append(parts, strings.TrimSpace(line))
		}
	}
	return strings.Join(parts, ", ")
}

// trackerParseClock is compose.ParseClock, the one reader of typed times.
func trackerParseClock(text string) (hour, minute int, err error) { return compose.ParseClock(text) }

// trackerTimeSlots are the times the Time field offers: every quarter hour
// of a working day, though any time can be typed.
func trackerTimeSlots() []string {
	var out []string
	for m := 7 * 60; m <= 20*60; m += 15 {
		out = append(out, fmt.Sprintf("%02d:%02d", m/60, m%60))
	}
	return out
}
