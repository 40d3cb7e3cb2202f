package views

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
	"bridgekeeper/views/widgets"
)

const (
	// trackerFirstPage is how many interviews are shown before the full
	// list has loaded: enough to fill any window.
	trackerFirstPage = 200
	// trackerFilterDelay lets a fast typist finish a word before the table
	// is filtered again.
	trackerFilterDelay = 80 * time.Millisecond
	// trackerDebounceRows is the table size from which filtering waits for
	// a pause in typing; below it a filter takes well under a millisecond.
	trackerDebounceRows = 20_000
	// trackerUpcomingWindow is what the "Upcoming" toggle looks ahead.
	trackerUpcomingWindow = 7 * 24 * time.Hour
	// trackerAllStatuses is the status filter's "no filter" choice.
	trackerAllStatuses = "All statuses"
)

// trackerTab is the Tracker tab: a sortable, searchable table of interviews
// with the selected one's details and timeline beside it.
type trackerTab struct {
	ui *UI

	// model is nil until the first page arrives; full says whether it holds
	// every interview yet, and total how many there are in all.
	model *data.Table
	full  bool
	total int

	sortCol  data.Column
	sortDesc bool

	// remindWithin is the reminder lead time from the settings; zero
	// until they are read.
	remindWithin time.Duration

	started     bool // the tab has been shown and loading has begun
	loading     bool
	reloadAgain bool // something was written while a load was running
	filterSeq   int  // debounces the search box
	selectedID  int64
	scrolled    bool // the first full load has scrolled to today

	localZone string
	// upcoming is every interview still ahead, soonest first: what the
	// reminders look at, kept so they need not scan the whole table.
	upcoming []data.Brief
	notified map[int64]bool
	// dueCheckIns are the check-ins that have fallen due, soonest first.
	dueCheckIns []data.CheckIn
	undoSeq     int

	// uiMu is held while the tab handles a background result; see bg.
	uiMu sync.Mutex

	// onModel, when set, hears each model the table switches to; tests use
	// it to see the first page arrive before the full list.
	onModel func(full bool, rows int)

	search *widgets.Entry
	// selectedFull is the whole selected interview, read from the
	// database when the row was selected (the table keeps a Brief).
	selectedFull data.Interview
	// searchFocused is set when the user left the tab from the search box.
	searchFocused bool
	// tracedRows and tracedAll are set once their milestone was traced.
	tracedRows, tracedAll bool
	clearSearch           *widget.Button
	status                *widget.Select
	upcomingCheck         *widget.Check
	add                   *widget.Button
	more                  *widget.Button
	count                 *widget.RichText
	table                 *widgets.Table
	columns               *trackerColumns
	split                 *container.Split
	top                   *fyne.Container // the banners and the toolbar
	body                  *fyne.Container // the table or an empty-state message
	root                  *fyne.Container
	noneYet               *fyne.Container
	noMatch               *fyne.Container
	undo                  *fyne.Container
	undoText              *widget.Label
	undoButton            *widget.Button
	detail                *timelinePanel
	editor                *trackerForm // the open add/edit form, if any
}

func newTracker(u *UI) *trackerTab {
	return &trackerTab{ui: u, sortCol: data.ColWhen, notified: map[int64]bool{}, localZone: "UTC"}
}

func (t *trackerTab) tabItem() *container.TabItem {
	return t.ui.lazyItem("Tracker", theme.ListIcon(), t.buildUI)
}

func (t *trackerTab) buildUI() fyne.CanvasObject {
	t.clearSearch = &widget.Button{Icon: theme.ContentClearIcon(), Importance: widget.LowImportance, OnTapped: func() {
		t.search.SetText("")
		t.applyFilter()
	}}
	t.clearSearch.Hide()
	t.search = &widgets.Entry{Entry: widget.Entry{PlaceHolder: "Search company, role, contact, notes…", ActionItem: t.clearSearch, OnChanged: t.onSearchChanged}}
	t.search.ExtendBaseWidget(t.search)

	options := []string{trackerAllStatuses}
	for _, s := range data.Statuses() {
		options = append(options, trackerStatusLabel(s))
	}
	t.status = &widget.Select{Options: options, Selected: trackerAllStatuses, OnChanged: func(string) { t.applyFilter() }}
	t.status.ExtendBaseWidget(t.status)
	t.upcomingCheck = &widget.Check{Text: "Upcoming (7 days)", OnChanged: func(bool) { t.applyFilter() }}
	t.upcomingCheck.ExtendBaseWidget(t.upcomingCheck)
	t.add = &widget.Button{Text: "Add interview", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: t.onAdd}
	t.more = &widget.Button{Icon: theme.MoreVerticalIcon(), Importance: widget.LowImportance}
	t.more.OnTapped = t.onMore
	t.count = trackerQuiet("Loading interviews…")
	filters := container.NewHBox(t.status, t.upcomingCheck, t.add, t.more)
	toolbar := container.NewBorder(nil, nil, nil, filters, t.search)

	t.table = newTrackerTable(t)
	t.detail = newTimelinePanel(t)
	t.columns = newTrackerColumns(t)
	t.split = container.NewHSplit(container.New(t.columns, t.table), t.detail.root)
	t.split.SetOffset(0.66)
	// The details take room only while a row is selected.
	t.detail.root.Hide()

	t.noneYet = widgets.NewEmptyState(theme.DocumentCreateIcon(), "No interviews yet — add one or import a CSV",
		"Keep every interview of your search in one place: when it is, who to write to, and what happened. "+
			"A spreadsheet from any program, or a calendar invite dropped on this window, comes in as interviews.",
		&widget.Button{Text: "Add interview", Icon: theme.ContentAddIcon(), Importance: widget.HighImportance, OnTapped: t.onAdd},
		&widget.Button{Text: "Import CSV…", Icon: theme.FolderOpenIcon(), OnTapped: t.onImportCSV},
		&widget.Button{Text: "Import invite…", Icon: theme.CalendarIcon(), OnTapped: t.onImportInvite})
	t.noneYet.Hide()
	t.noMatch = widgets.NewEmptyState(theme.SearchIcon(), "No interviews match your search",
		"Try other words, or another status.",
		&widget.Button{Text: "Clear filters", Icon: theme.ContentClearIcon(), OnTapped: t.onClearFilters})
	t.noMatch.Hide()

	t.undoText = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	t.undoButton = &widget.Button{Text: "Undo (" + trackerUndoKey() + ")", Icon: theme.ContentUndoIcon(), Importance: widget.LowImportance}
	dismiss := &widget.Button{Icon: theme.CancelIcon(), Importance: widget.LowImportance, OnTapped: func() { t.showBanner(t.undo, false) }}
	// The Undo offer floats over the foot of the table: showing or hiding
	// it never moves the toolbar, so a click meant for it cannot land on
	// something that slid into its place.
	t.undo = container.NewPadded(container.NewStack(widgets.NewBackdrop(), widgets.NewBanner(theme.ColorNameWarning, theme.DeleteIcon(),
		container.NewBorder(nil, nil, nil, container.NewHBox(t.undoButton, dismiss), t.undoText))))
	t.undo.Hide()

	t.top = container.NewVBox(toolbar)
	t.body = container.NewStack(t.split, t.noneYet, t.noMatch, container.NewBorder(nil, t.undo, nil, nil))
	// The count sits under the table, where its changing width moves
	// nothing (in the toolbar it pushed the search box about).
	footer := container.NewBorder(nil, nil, t.count, trackerQuiet("Arrow keys move, Enter edits, Delete deletes"))
	t.root = container.NewBorder(t.top, footer, nil, nil, t.body)
	return t.root
}

// onShown starts loading the first time the tab appears.
func (t *trackerTab) onShown() {
	if t.started {
		return
	}
	t.started = true
	t.startReminderTicker()
	t.reload()
}

// reload fetches the interviews again: the first page at once when nothing
// is shown yet, then every interview, building each model off the UI
// goroutine and swapping it in whole.
func (t *trackerTab) reload() {
	if !t.started {
		return // the first show loads everything anyway
	}
	if t.loading {
		t.reloadAgain = true
		return
	}
	t.loading = true
	col, desc, q := t.sortCol, t.sortDesc, t.query(time.Now())
	if t.model != nil {
		t.loadAll(col, desc, q)
		return
	}
	var page *data.Table
	var total int
	var zone string
	t.bg(func() error {
		ctx := t.ui.ctx
		zone = localZoneName()
		ivs, err := t.ui.env.Store.InterviewsPage(ctx, trackerFirstPage)
		if err != nil {
			return err
		}
		if total, err = t.ui.env.Store.CountInterviews(ctx); err != nil {
			return err
		}
		t.ui.zones.warm(append(ivs, data.Interview{TimeZone: zone}))
		page = trackerBuildModel(ivs, col, desc, q)
		return nil
	}, func(err error) {
		t.localZone = zone
		if err != nil {
			t.loading = false
			t.loadFailed(err)
			return
		}
		t.total = total
		// The full list must not be overtaken by its own first page.
		if t.model == nil {
			t.setModel(page, total <= page.Total())
		}
		t.loadAll(t.sortCol, t.sortDesc, t.query(time.Now()))
	})
}

// loadAll loads every interview and the list of those still ahead.
func (t *trackerTab) loadAll(col data.Column, desc bool, q data.Query) {
	var model *data.Table
	var upcoming []data.Brief
	t.bg(func() error {
		ivs, err := t.ui.env.Store.Interviews(t.ui.ctx)
		if err != nil {
			return err
		}
		t.ui.zones.warm(ivs)
		model = trackerBuildModel(ivs, col, desc, q)
		upcoming = model.Upcoming(time.Now())
		return nil
	}, func(err error) {
		t.loading = false
		if err != nil {
			t.loadFailed(err)
			return
		}
		if t.reloadAgain {
			// Something was saved meanwhile, so this list may lack it.
			t.reloadAgain = false
			t.reload()
			return
		}
		t.total = model.Total()
		t.upcoming = upcoming
		old := t.model
		t.setModel(model, true)
		t.checkReminders(time.Now())
		if model.Total() >= trackerReturnMemoryAt && old != model {
			t.ui.returnMemory()
		}
		// Another tab may have added to the open timeline (a filed draft),
		// or another program changed the interview.
		if t.selectedID != 0 && t.model.Index(t.selectedID) >= 0 {
			t.selectRow(t.selectedID, false)
		}
	})
}

// bg runs slow work off the UI goroutine, like UI.background, and holds
// uiMu while the result is handled. Fyne's real driver already handles
// results one at a time on the UI goroutine; its test driver handles each
// on the goroutine that did the work, and the lock keeps those from
// overlapping one another or a test's own actions on the tab.
func (t *trackerTab) bg(work func() error, then func(error)) {
	t.ui.background(work, func(err error) {
		t.uiMu.Lock()
		defer t.uiMu.Unlock()
		then(err)
	})
}

// onUI runs f on the UI goroutine from a timer, under uiMu as bg does.
func (t *trackerTab) onUI(f func()) {
	fyne.Do(func() {
		t.uiMu.Lock()
		defer t.uiMu.Unlock()
		f()
	})
}

// trackerReturnMemoryAt is the number of interviews from which a full load
// is followed by handing its scratch memory back to the system: reading
// 100,000 rows leaves over 100 MB the process would otherwise keep.
const trackerReturnMemoryAt = 20_000

// trackerBuildModel is the slow part of a load, run off the UI goroutine.
func trackerBuildModel(ivs []data.Interview, col data.Column, desc bool, q data.Query) *data.Table {
	m := data.NewTable(ivs)
	if col != data.ColWhen || desc {
		m.Sort(col, desc)
	}
	m.Filter(q)
	return m
}

func (t *trackerTab) loadFailed(err error) {
	trackerSetText(t.count, "Could not load interviews")
	fyne.LogError("load interviews", err)
	t.ui.showError("Your interviews could not be loaded", err)
}

// setModel shows a freshly loaded model, catching up with any sort or
// filter change made while it was being built.
func (t *trackerTab) setModel(m *data.Table, full bool) {
	t.model, t.full = m, full
	if col, desc := m.SortOrder(); col != t.sortCol || desc != t.sortDesc {
		m.Sort(t.sortCol, t.sortDesc)
	}
	if q := t.query(time.Now()); !trackerSameQuery(q, m.Query()) {
		m.Filter(q)
	}
	if t.selectedID != 0 && m.Index(t.selectedID) < 0 && full {
		t.selectedID = 0
		t.detail.clear()
	}
	t.refreshTable()
	t.ui.checkGlyphs(glyphSample(m)...) // say once if some names have no font
	if full && !t.scrolled {
		t.scrolled = true
		t.scrollToToday()
	}
	if full && !t.tracedAll {
		t.tracedAll = true
		t.ui.trace("rows-all")
	}
	if t.onModel != nil {
		t.onModel(full, m.Total())
	}
}

// scrollToToday brings the first interview still ahead into view when the
// table runs soonest first, so a long history does not hide the week ahead.
func (t *trackerTab) scrollToToday() {
	if t.sortCol != data.ColWhen || t.sortDesc || t.model == nil {
		return
	}
	now := time.Now()
	for i := range t.model.Len() {
		if iv := t.model.Row(i); !iv.StartsAt.IsZero() && !iv.StartsAt.Before(now) {
			if i > 0 {
				t.table.ScrollRowToTop(i)
			}
			return
		}
	}
}

func trackerSameQuery(a, b data.Query) bool {
	return a.Text == b.Text && a.Status == b.Status && a.UpcomingWithin == b.UpcomingWithin
}

// query reads the toolbar into a data.Query.
func (t *trackerTab) query(now time.Time) data.Query {
	q := data.Query{Now: now}
	if t.search != nil {
		q.Text = t.search.Text
	}
	if t.status != nil && t.status.SelectedIndex() > 0 {
		q.Status = data.Statuses()[t.status.SelectedIndex()-1]
	}
	if t.upcomingCheck != nil && t.upcomingCheck.Checked {
		q.UpcomingWithin = trackerUpcomingWindow
	}
	return q
}

// onSearchChanged filters as the user types. A big table is filtered once
// the typing pauses instead, so that keys never queue behind the filter;
// the wait runs as a background job so tests can wait for it like any other.
func (t *trackerTab) onSearchChanged(text string) {
	if text == "" {
		t.clearSearch.Hide()
	} else {
		t.clearSearch.Show()
	}
	if t.model == nil || t.model.Total() < trackerDebounceRows {
		t.applyFilter()
		return
	}
	t.filterSeq++
	seq := t.filterSeq
	t.bg(func() error {
		select {
		case <-time.After(trackerFilterDelay):
		case <-t.ui.ctx.Done():
		}
		return nil
	}, func(error) {
		if seq == t.filterSeq {
			t.applyFilter()
		}
	})
}

// applyFilter runs the toolbar's query against the in-memory table; at
// 100,000 rows this takes a few milliseconds.
func (t *trackerTab) applyFilter() {
	t.filterSeq++ // a pending debounced filter has nothing left to do
	if t.model == nil {
		return
	}
	t.model.Filter(t.query(time.Now()))
	t.refreshTable()
	t.table.ScrollToTop()
}

func (t *trackerTab) onClearFilters() {
	t.search.SetText("")
	t.status.SetSelectedIndex(0)
	t.upcomingCheck.SetChecked(false)
	t.applyFilter()
}

// refreshTable redraws the rows and everything that depends on them.
func (t *trackerTab) refreshTable() {
	// A hidden table skips its refresh, so it is shown first.
	t.updateEmpty()
	t.columns.contentChanged()
	t.table.Refresh()
	t.updateCount()
}

func (t *trackerTab) updateCount() {
	switch {
	case t.model == nil:
		trackerSetText(t.count, "Loading interviews…")
	case !t.full:
		trackerSetText(t.count, fmt.Sprintf("Loading all %s interviews…", thousands(t.total)))
	case t.model.Total() == 0:
		trackerSetText(t.count, "") // the empty state says it
	case t.model.Len() == t.model.Total():
		trackerSetText(t.count, plural(t.model.Total(), "interview", "interviews"))
	default:
		trackerSetText(t.count, fmt.Sprintf("%s of %s interviews", thousands(t.model.Len()), thousands(t.model.Total())))
	}
}

// updateEmpty swaps the table for a message when there is nothing to show.
func (t *trackerTab) updateEmpty() {
	none := t.model != nil && t.model.Total() == 0
	noMatch := !none && t.model != nil && t.model.Len() == 0
	if t.noneYet.Visible() == none && t.noMatch.Visible() == noMatch {
		return
	}
	showIf(t.noneYet, none)
	showIf(t.noMatch, noMatch)
	showIf(t.split, !none && !noMatch)
	t.body.Refresh()
	// A split that was hidden has not laid out its panes; the table draws
	// no rows until it has a size.
	t.split.Refresh()
}

// showBanner shows or hides a banner above the toolbar and makes room.
func (t *trackerTab) showBanner(b *fyne.Container, show bool) {
	if b.Visible() == show {
		return
	}
	showIf(b, show)
	t.root.Refresh()
}

// onHeaderTapped sorts by a column, or reverses the sort when it already is.
func (t *trackerTab) onHeaderTapped(col data.Column) {
	if col == t.sortCol {
		t.sortDesc = !t.sortDesc
	} else {
		t.sortCol, t.sortDesc = col, false
	}
	if t.model != nil {
		t.model.Sort(t.sortCol, t.sortDesc)
	}
	t.table.Refresh()
	if i := t.selectedIndex(); i >= 0 {
		t.table.ScrollTo(widget.TableCellID{Row: i})
	} else {
		t.table.ScrollToTop()
	}
}

func (t *trackerTab) selectedIndex() int {
	if t.model == nil || t.selectedID == 0 {
		return -1
	}
	return t.model.Index(t.selectedID)
}

// selected returns the whole selected interview, once it has been read
// from the database (the table keeps only a Brief of each).
func (t *trackerTab) selected() (data.Interview, bool) {
	if t.selectedID != 0 && t.selectedFull.ID == t.selectedID && t.selectedIndex() >= 0 {
		return t.selectedFull, true
	}
	return data.Interview{}, false
}

// withSelected runs do with the whole selected interview, reading it
// first if it has not arrived yet (a key pressed the moment a row was
// clicked).
func (t *trackerTab) withSelected(do func(data.Interview)) {
	if iv, ok := t.selected(); ok {
		do(iv)
		return
	}
	id := t.selectedID
	if id == 0 {
		return
	}
	var iv data.Interview
	t.bg(func() (err error) {
		iv, err = t.ui.env.Store.Interview(t.ui.ctx, id)
		return err
	}, func(err error) {
		if err == nil && t.selectedID == id {
			t.selectedFull = iv
			do(iv)
		}
	})
}

// onRowSelected shows a row's details. The table's own single-cell
// highlight is dropped: the whole row is highlighted instead.
func (t *trackerTab) onRowSelected(id widget.TableCellID) {
	t.table.Unselect(id)
	iv := t.model.Row(id.Row)
	if iv == nil || iv.ID == t.selectedID {
		return // a second click on the row changes nothing
	}
	t.selectRow(iv.ID, false)
}

// selectRow highlights an interview and shows it in the side panel,
// scrolling it into view if asked. Loading the timeline comes last, so
// that its result never lands while this is still arranging the table.
func (t *trackerTab) selectRow(id int64, scroll bool) {
	t.selectedID = id
	t.table.Refresh()
	i := t.selectedIndex()
	if i < 0 {
		t.detail.clear()
		return
	}
	if scroll {
		t.table.ScrollTo(widget.TableCellID{Row: i})
	}
	// The table keeps a Brief; the details need the whole interview, a
	// read of one row by its key.
	var iv data.Interview
	t.bg(func() (err error) {
		iv, err = t.ui.env.Store.Interview(t.ui.ctx, id)
		return err
	}, func(err error) {
		switch {
		case t.selectedID != id:
			// The user has moved on.
		case errors.Is(err, data.ErrNotFound):
			t.remove(id)
		case err != nil:
			t.ui.showError("The interview could not be read", err)
		default:
			t.selectedFull = iv
			t.detail.show(iv)
		}
	})
}

// upsert puts a saved interview into the table and the reminder list.
func (t *trackerTab) upsert(iv data.Interview) {
	if t.loading {
		t.reloadAgain = true
	}
	if t.model != nil {
		if t.model.Index(iv.ID) < 0 && t.model.Total() == t.total {
			t.total++
		}
		t.model.Upsert(iv)
	}
	if iv.ID == t.selectedID {
		t.selectedFull = iv
	}
	t.refreshUpcoming()
	t.refreshTable()
	t.checkReminders(time.Now())
}

// remove drops a deleted interview from the table and the reminders.
func (t *trackerTab) remove(id int64) {
	if t.loading {
		t.reloadAgain = true
	}
	if t.model != nil && t.model.Remove(id) {
		t.total--
	}
	t.refreshUpcoming()
	if t.selectedID == id {
		t.selectedID = 0
		t.detail.clear()
	}
	t.refreshTable()
	t.checkReminders(time.Now())
}

// refreshUpcoming reads the reminders' list again from the table after a
// save or a delete. Before the table has loaded there is nothing to read;
// the load under way then works the list out itself.
func (t *trackerTab) refreshUpcoming() {
	if t.model != nil {
		t.upcoming = t.model.Upcoming(time.Now())
	}
}

func (t *trackerTab) addShortcuts(c fyne.Canvas) {
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { t.focusSearch() })
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { t.onUndoShortcut() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) {
			t.ui.SelectTab(TabTracker)
			t.onAdd()
		})
}

func (t *trackerTab) focusSearch() {
	t.ui.SelectTab(TabTracker)
	t.ui.env.Window.Canvas().Focus(t.search)
}

// onMore offers the file actions that also live in the File menu.
func (t *trackerTab) onMore() {
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Import CSV…", t.onImportCSV),
		fyne.NewMenuItem("Import calendar invite…", t.onImportInvite),
		fyne.NewMenuItem("Export CSV…", t.onExportCSV),
		fyne.NewMenuItem("Export calendar…", t.onExportCalendar),
	)
	c := t.ui.env.Window.Canvas()
	pos := t.ui.env.App.Driver().AbsolutePositionForObject(t.more)
	widget.ShowPopUpMenuAtPosition(menu, c, pos.Add(fyne.NewPos(0, t.more.Size().Height)))
}

// showUndo offers to bring back a deleted interview for a few seconds.
func (t *trackerTab) showUndo(d data.Deleted) {
	t.undoSeq++
	seq := t.undoSeq
	t.undoText.SetText(fmt.Sprintf("Deleted %s", trackerCompany(d.Interview)))
	t.undoButton.OnTapped = func() {
		t.showBanner(t.undo, false)
		t.undelete(d)
	}
	t.undoButton.Enable()
	t.showBanner(t.undo, true)
	t.ui.after(trackerUndoFor, func() {
		t.uiMu.Lock()
		defer t.uiMu.Unlock()
		if seq == t.undoSeq {
			t.showBanner(t.undo, false)
		}
	})
}

// trackerUndoFor is how long the Undo offer stays after a delete, unless
// another delete takes its place; Ctrl+Z works as long as it is shown.
const trackerUndoFor = 30 * time.Second

// trackerUndoKey names the undo shortcut as this desktop writes it.
func trackerUndoKey() string {
	if fyne.KeyModifierShortcutDefault == fyne.KeyModifierSuper {
		return "⌘Z"
	}
	return "Ctrl+Z"
}

// onUndoShortcut brings back the last deleted interview while its Undo
// offer is shown; in a text field Ctrl+Z undoes typing instead, since the
// field takes the shortcut first.
func (t *trackerTab) onUndoShortcut() {
	if t.undo != nil && t.undo.Visible() && !t.undoButton.Disabled() && t.undoButton.OnTapped != nil {
		t.undoButton.OnTapped()
	}
}

func (t *trackerTab) undelete(d data.Deleted) {
	t.undoButton.Disable()
	t.bg(func() error {
		t.ui.zones.warm([]data.Interview{d.Interview})
		return t.ui.env.Store.Undelete(context.Background(), d)
	}, func(err error) {
		if err != nil {
			t.ui.showError("The interview could not be brought back", err)
			return
		}
		t.upsert(d.Interview)
		t.selectRow(d.Interview.ID, true)
	})
}

// trackerCompany names an interview for messages.
func trackerCompany(iv data.Interview) string { return trackerCompanyOf(iv.Company) }

// trackerCompanyOf names an interview by its company field.
func trackerCompanyOf(company string) string {
	if c := strings.TrimSpace(company); c != "" {
		return c
	}
	return "the interview"
}

// trackerStatusLabel is a status as people write it.
func trackerStatusLabel(s data.Status) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

// local returns the start time in the interview's own zone.
func (t *trackerTab) local(iv *data.Brief) time.Time {
	return iv.StartsAt.In(t.ui.zones.get(iv.TimeZone))
}

// whenText says when an interview is, in the user's zone ("Tue 3 Dec
// 14:30"), and how far away that is ("in 2 days").
func (t *trackerTab) whenText(iv *data.Brief, now time.Time) (string, string) {
	if iv.StartsAt.IsZero() {
		if iv.RawStartsAt != "" {
			return iv.RawStartsAt, "cannot be read"
		}
		return "", "No date yet"
	}
	// In the user's own zone, so the column reads in order whatever zone
	// each interview is in; the details give the interview's own time.
	at := t.userTime(iv)
	layout := "Mon 2 Jan 15:04"
	if at.Year() != now.In(at.Location()).Year() {
		layout = "Mon 2 Jan 2006 15:04"
	}
	return at.Format(layout), RelativeTime(iv.StartsAt, now)
}

// trackerQuiet is secondary text, in the theme's placeholder colour.
func trackerQuiet(text string) *widget.RichText { return widgets.NewQuiet(text) }

// trackerSetText replaces the text of a one-segment RichText.
func trackerSetText(rt *widget.RichText, text string) { widgets.SetQuietText(rt, text) }

// newTrackerTable is the interview table: a row a interview, sorted by the
// header buttons, edited on a double-click or Enter, deleted on Delete.
func newTrackerTable(t *trackerTab) *widgets.Table {
	tb := widgets.NewTable()
	tb.Rows = func() (int, int) {
		if t.model == nil {
			return 0, len(data.Columns())
		}
		return t.model.Len(), len(data.Columns())
	}
	tb.CreateCell = func() fyne.CanvasObject { return widgets.NewCell() }
	tb.UpdateCell = t.updateCell
	tb.OnSelected = t.onRowSelected
	tb.ShowHeaderRow = true
	tb.CreateHeader = func() fyne.CanvasObject {
		b := &widget.Button{Importance: widget.LowImportance, Alignment: widget.ButtonAlignLeading, IconPlacement: widget.ButtonIconTrailingText}
		// The table sizes headers before drawing them; without this the
		// first size is lost and the title sits on the column's edge.
		b.ExtendBaseWidget(b)
		return b
	}
	tb.UpdateHeader = t.updateHeader
	tb.Current = func() int64 { return t.selectedID }
	tb.CurrentRow = t.selectedIndex
	tb.OnActivate = t.onEdit
	tb.OnDelete = t.onDeleteKey
	return tb
}

// updateCell only copies text from the in-memory model onto a reused cell:
// it runs for every visible cell on every scroll.
func (t *trackerTab) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*widgets.Cell)
	var iv *data.Brief
	if t.model != nil {
		iv = t.model.Row(id.Row)
	}
	if iv == nil {
		c.Set("", "", false, "", false)
		return
	}
	if !t.tracedRows {
		t.tracedRows = true
		t.ui.trace("rows-drawn")
	}
	selected := iv.ID == t.selectedID
	switch data.Column(id.Col) {
	case data.ColCompany:
		c.Set(iv.Company, "", true, "", selected)
	case data.ColRole:
		c.Set(iv.Role, "", false, "", selected)
	case data.ColContact:
		contact := strings.TrimSpace(iv.ContactName)
		if contact == "" {
			contact = iv.ContactEmail
		}
		c.Set(contact, "", false, "", selected)
	case data.ColWhen:
		at, rel := t.whenText(iv, time.Now())
		c.Set(at, rel, false, "", selected)
	case data.ColStatus:
		if iv.Damage != "" {
			// A row the data layer could not fully read is still shown,
			// and says so, so it can be mended or deleted.
			c.Set("Needs attention", "", true, theme.ColorNameError, selected)
			return
		}
		c.Set(trackerStatusLabel(iv.Status), "", false, trackerStatusColor(iv.Status), selected)
	}
}

func (t *trackerTab) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(data.Columns()) {
		b.SetText("")
		return
	}
	col := data.Column(id.Col)
	b.Text = columnHeading(col)
	b.Icon = nil
	if col == t.sortCol {
		b.Icon = theme.MenuDropUpIcon()
		if t.sortDesc {
			b.Icon = theme.MenuDropDownIcon()
		}
	}
	b.OnTapped = func() { t.onHeaderTapped(col) }
	b.Refresh()
}

// trackerStatusColor picks the dot beside a status: blue while it is
// ahead, green for good news, red for bad, grey once it is over.
func trackerStatusColor(s data.Status) fyne.ThemeColorName {
	switch s {
	case data.StatusScheduled:
		return theme.ColorNamePrimary
	case data.StatusRescheduled:
		return theme.ColorNameWarning
	case data.StatusOffer, data.StatusAccepted:
		return theme.ColorNameSuccess
	case data.StatusRejected:
		return theme.ColorNameError
	case data.StatusAttended:
		return theme.ColorNameForeground
	}
	return theme.ColorNamePlaceHolder
}

// focusTarget is where the focus goes when the tab is shown: the search
// box if the user left from there or there are no rows, else the table.
func (t *trackerTab) focusTarget() fyne.Focusable {
	if t.table == nil {
		return nil
	}
	if t.searchFocused || t.model == nil || t.model.Len() == 0 {
		return t.search
	}
	return t.table
}

// leftWith hears what had the focus when the user switched tabs.
func (t *trackerTab) leftWith(f fyne.Focusable) {
	if t.search == nil {
		return
	}
	switch f {
	case t.search:
		t.searchFocused = true
	case t.table:
		t.searchFocused = false
	}
}

// briefOf is the Brief of a whole interview, for the helpers that format
// a table row's times.
func briefOf(iv *data.Interview) *data.Brief {
	b := iv.Brief()
	return &b
}
