// Package views builds Bridgekeeper's window content: the Compose, Tracker
// and Advice tabs, the main menu and the keyboard shortcuts. Views never run
// SQL themselves; they call the data layer off the UI goroutine and come back
// with fyne.Do. The package does not import Fyne's app driver, so everything
// here is tested headlessly with fyne.io/fyne/v2/test.
package views

import (
	"context"
	"errors"
	"image/color"
	"net/url"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
)

// Clipboard receives text the user copies; the real one outlives the app.
type Clipboard interface {
	Copy(text string) error
}

// URLOpener hands a URL (a mailto: link, say) to the desktop.
type URLOpener interface {
	OpenURL(u *url.URL) error
}

// Env is everything the views need from the outside world.
type Env struct {
	App       fyne.App
	Window    fyne.Window
	Store     *data.Store
	Clipboard Clipboard
	Opener    URLOpener
	// Version and Licence are shown in the About dialog.
	Version string
	Licence string
	// BackupDir is where "Back up now…" writes and "Restore…" looks.
	BackupDir string
	// Restore swaps the open database for a backup; it closes the store, so
	// the window rebuilds its views afterwards. It runs off the UI goroutine.
	Restore func(backupPath string) error
	// MoveDatabase moves the database to a new path the same way; nil when
	// the location was fixed for this run (--db).
	MoveDatabase func(newPath string) error
	// ChangeBackupDir records a new backups folder for later starts and
	// the command line; nil keeps it for this run only.
	ChangeBackupDir func(dir string) error
	// Damaged hands over a database found damaged while in use (an error
	// wrapping data.ErrCorrupt): the window closes the store and offers
	// recovery. It runs on the UI goroutine; nil only reports the error.
	Damaged func(err error)
	// SyncFolder is set when the database sits in a folder a sync client
	// manages, which can damage an open database.
	SyncFolder *data.SyncFolder
	// LocalDataDir is Bridgekeeper's own folder on this computer, where a
	// database in a synced folder is offered a safer place.
	LocalDataDir string
	// Locale is the user's locale as the environment names it
	// ("en_GB.UTF-8"): drafts use its English until Settings names one.
	Locale string
	// NoNotifications, when set, says why desktop notifications cannot be
	// sent ("no notification service is running"); reminders then say
	// so in the window instead of failing silently.
	NoNotifications string
	// Trace, when set, hears milestones a benchmark times from outside
	// ("rows-drawn": the first interview drawn in the table, "rows-all":
	// every interview loaded). Nil in normal use.
	Trace func(event string)
}

// MinWindowSize is the smallest the window may be; each tab collapses,
// wraps or scrolls to stay usable down to it.
func MinWindowSize() fyne.Size { return fyne.NewSize(800, 600) }

// Tab indexes, in the order the tabs appear and Ctrl/Cmd+1..5 select them.
const (
	TabCompose = iota
	TabTracker
	TabAdvice
	TabPeople
	TabInsights
)

// UI is the content of Bridgekeeper's main window. Its tabs reach one another
// through it: advice opens the composer, the composer files into the tracker.
type UI struct {
	env     Env
	tabs    *container.AppTabs
	root    *fyne.Container // the notices above the tabs
	notices *notices
	// zones is the one cache of loaded time zones, for every tab.
	zones   zoneCache
	compose *composeTab
	tracker *trackerTab
	advice  *adviceTab
	people  *peopleTab
	// insights is the Insights tab: charts, the work-search log and the report.
	insights *insightsTab

	settingsListeners []func(data.Settings)
	// dialogs are the dialogs open in the window, newest last.
	dialogs []dialog.Dialog
	// reminderBanners are the tabs' copies of the reminder strip, and
	// reminderNow what they say.
	reminderBanners []*reminderBanner
	reminderNow     string
	// builders holds the tabs whose content is still to be built.
	builders map[*container.TabItem]func()

	// jobs counts background jobs, so tests can wait for them; timers
	// counts the goroutines of every and after. Close waits for both.
	jobs   sync.WaitGroup
	timers sync.WaitGroup
	// results, when set by runResultsInWait, holds background results
	// until Wait runs them.
	results chan func()

	// chooseSave, when set, stands in for the file dialog that asks where
	// to save: tests give it a file of theirs.
	chooseSave func(name string) (fyne.URIWriteCloser, error)

	// ctx ends when the UI closes (quit, or rebuilt after a restore or a
	// move): every timer, ticker and cancellable job stops then.
	ctx    context.Context
	cancel context.CancelFunc
}

// New builds the window content. Install puts it in its window.
func New(env Env) *UI {
	u := &UI{env: env, builders: map[*container.TabItem]func(){}}
	u.ctx, u.cancel = context.WithCancel(context.Background())
	u.compose = newCompose(u)
	u.tracker = newTracker(u)
	u.advice = newAdvice(u)
	u.people = newPeople(u)
	u.insights = newInsights(u)
	u.tabs = container.NewAppTabs(
		u.compose.tabItem(),
		u.tracker.tabItem(),
		u.advice.tabItem(),
		u.people.tabItem(),
		u.insights.tabItem(),
	)
	u.tabs.OnSelected = u.onTabSelected
	u.notices = newNotices()
	// The window's content sets its minimum size: every tab is laid out
	// to work from MinWindowSize up, so the window stops shrinking there.
	floor := canvas.NewRectangle(color.Transparent)
	floor.SetMinSize(MinWindowSize())
	u.root = container.NewStack(floor, container.NewBorder(u.notices.box, nil, nil, nil, u.tabs))
	u.onSettingsChanged(u.compose.applySettings)
	u.onSettingsChanged(func(st data.Settings) { u.tracker.setReminderHours(st.ReminderHours) })
	return u
}

// lazyItem makes a tab whose content is built the first time it is needed,
// so tabs nobody has opened yet cost nothing before the first frame.
func (u *UI) lazyItem(title string, icon fyne.Resource, build func() fyne.CanvasObject) *container.TabItem {
	stack := container.NewStack()
	item := container.NewTabItemWithIcon(title, icon, u.withReminder(stack))
	u.builders[item] = func() {
		stack.Objects = []fyne.CanvasObject{build()}
		stack.Refresh()
	}
	return item
}

// withReminder puts a tab's content under its copy of the reminder strip.
func (u *UI) withReminder(content fyne.CanvasObject) fyne.CanvasObject {
	b := newReminderBanner(u.env.NoNotifications)
	u.reminderBanners = append(u.reminderBanners, b)
	return container.NewBorder(b.box, nil, nil, nil, content)
}

// ensureBuilt builds a lazy tab's content if it has not been built yet.
func (u *UI) ensureBuilt(index int) {
	item := u.tabs.Items[index]
	if build := u.builders[item]; build != nil {
		delete(u.builders, item)
		build()
	}
}

// Start begins the work that waits until the window is on screen: the
// tracker loads the interviews and starts its reminders (which run even
// if the tab is never opened), the composer reads the user's settings, and
// the reminder lead time comes from the settings.
func (u *UI) Start() {
	u.ensureBuilt(TabTracker)
	u.tracker.onShown()
	u.compose.onShown()
	u.showStartNotices()
	var st data.Settings
	u.background(func() (err error) {
		// The first call only starts watching for other programs' writes.
		u.env.Store.Changes(u.ctx)
		st, err = u.env.Store.LoadSettings(u.ctx)
		return err
	}, func(err error) {
		if err == nil {
			u.tracker.setReminderHours(st.ReminderHours)
		}
	})
	u.every(outsideCheckEvery, u.checkOutside)
}

// reloadSettings reads the settings again, for the tabs that use them.
func (u *UI) reloadSettings() {
	var st data.Settings
	u.background(func() (err error) {
		st, err = u.env.Store.LoadSettings(u.ctx)
		return err
	}, func(err error) {
		if err == nil {
			u.settingsChanged(st)
		}
	})
}

// Content is the window's root object.
func (u *UI) Content() fyne.CanvasObject { return u.root }

// Install puts the UI in its window (content, main menu and shortcuts)
// and has the composer write its first draft, all before the first frame.
func (u *UI) Install() {
	w := u.env.Window
	w.SetContent(u.root)
	w.SetMainMenu(u.MainMenu())
	w.SetOnDropped(u.onDropped)
	u.AddShortcuts(w.Canvas())
	w.Canvas().SetOnTypedKey(u.onWindowKey)
	// Only now, at the window's width: see writeFirstDraft.
	u.compose.writeFirstDraft()
	// Typing at once goes into the tab on show.
	u.focusShownTab()
}

// SelectTab switches to one of TabCompose, TabTracker, TabAdvice, TabPeople or TabInsights.
func (u *UI) SelectTab(index int) { u.tabs.SelectIndex(index) }

// Selected reports the index of the visible tab.
func (u *UI) Selected() int { return u.tabs.SelectedIndex() }

func (u *UI) onTabSelected(item *container.TabItem) {
	// Whatever had the focus belonged to the tab being left.
	if f := u.env.Window.Canvas().Focused(); f != nil {
		u.tracker.leftWith(f)
	}
	u.ensureBuilt(u.tabs.SelectedIndex())
	switch item {
	case u.tabs.Items[TabTracker]:
		u.tracker.onShown()
	case u.tabs.Items[TabPeople]:
		u.people.onShown()
	case u.tabs.Items[TabInsights]:
		u.insights.onShown()
	}
	u.focusShownTab()
}

// focusShownTab puts the keyboard focus in the tab now shown, where it was
// last or on the tab's first control, so nothing typed goes to a field on a
// tab the user can no longer see.
func (u *UI) focusShownTab() {
	var target fyne.Focusable
	switch u.tabs.SelectedIndex() {
	case TabCompose:
		target = u.compose.focusTarget()
	case TabTracker:
		target = u.tracker.focusTarget()
	case TabAdvice:
		target = u.advice.focusTarget()
	case TabPeople:
		target = u.people.focusTarget()
	case TabInsights:
		target = u.insights.focusTarget()
	}
	c := u.env.Window.Canvas()
	if target == nil {
		c.Unfocus()
		return
	}
	c.Focus(target)
}

// AddShortcuts registers the window-wide keyboard shortcuts on c.
func (u *UI) AddShortcuts(c fyne.Canvas) {
	for i, key := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5} {
		tab := i
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { u.SelectTab(tab) })
	}
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.env.App.Quit() })
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.onSettings() })
	u.compose.addShortcuts(c)
	u.tracker.addShortcuts(c)
}

// MainMenu is the window's menu bar.
func (u *UI) MainMenu() *fyne.MainMenu {
	quit := fyne.NewMenuItem("Quit", func() { u.env.App.Quit() })
	quit.IsQuit = true
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	settings := fyne.NewMenuItem("Settings…", u.onSettings)
	settings.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}
	file := fyne.NewMenu("File",
		fyne.NewMenuItem("Import CSV…", u.withTracker(u.tracker.onImportCSV)),
		fyne.NewMenuItem("Import calendar invite…", u.withTracker(u.tracker.onImportInvite)),
		fyne.NewMenuItem("Export CSV…", u.withTracker(u.tracker.onExportCSV)),
		fyne.NewMenuItem("Export calendar…", u.withTracker(u.tracker.onExportCalendar)),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Import contacts (vCard)…", u.withPeople(func() { u.people.onImportVCF() })),
		fyne.NewMenuItem("Export contacts (vCard)…", u.withPeople(func() { u.people.onExportVCF() })),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Work-search log…", u.withInsights(func() { u.insights.onLog() })),
		fyne.NewMenuItem("Report of the search (PDF)…", u.withInsights(func() { u.insights.onReport() })),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Back up now…", u.onBackupNow),
		fyne.NewMenuItem("Restore from backup…", u.onRestore),
		fyne.NewMenuItemSeparator(),
		settings,
		fyne.NewMenuItemSeparator(),
		quit,
	)
	help := fyne.NewMenu("Help",
		fyne.NewMenuItem("About Bridgekeeper", u.showAbout),
	)
	return fyne.NewMainMenu(file, help)
}

// returnMemory collects garbage and gives the freed memory back to the
// system, off the UI goroutine: after a large load the Go runtime would
// keep it for minutes, counted against the app's resident memory.
func (u *UI) returnMemory() {
	u.background(func() error {
		debug.FreeOSMemory()
		return nil
	}, func(error) {})
}

// trace passes a milestone to Env.Trace, if a benchmark asked for them.
func (u *UI) trace(event string) {
	if u.env.Trace != nil {
		u.env.Trace(event)
	}
}

// withPeople runs a People tab action, building the tab first if it has
// not been shown yet.
func (u *UI) withPeople(action func()) func() {
	return func() {
		u.ensureBuilt(TabPeople)
		action()
	}
}

// withInsights runs action with the Insights tab built.
func (u *UI) withInsights(action func()) func() {
	return func() {
		u.ensureBuilt(TabInsights)
		action()
	}
}

// showError reports a failure in a dialog titled with what went wrong, the
// cause below it as a sentence. Every tab reports failures this way.
func (u *UI) showError(headline string, err error) {
	if errors.Is(err, data.ErrCorrupt) && u.env.Damaged != nil {
		// Every later action would fail the same way: recover now.
		u.env.Damaged(err)
		return
	}
	msg := &widget.Label{Text: sentence(err.Error()), Wrapping: fyne.TextWrapWord, Selectable: true}
	d := dialog.NewCustom(headline, "Close", msg, u.env.Window)
	d.Resize(fyne.NewSize(480, 0))
	u.showDialog(d)
}

// withTracker makes sure the tracker exists before one of its actions runs.
func (u *UI) withTracker(action func()) func() {
	return func() {
		u.ensureBuilt(TabTracker)
		u.tracker.onShown()
		action()
	}
}

// background runs slow work (SQLite, files) off the UI goroutine and hands
// its result back to the UI goroutine. Work should watch u.ctx where it
// can take long, so Close is never kept waiting.
func (u *UI) background(work func() error, then func(error)) {
	u.jobs.Add(1)
	go func() {
		defer u.jobs.Done()
		err := work()
		if u.results != nil {
			ran := make(chan struct{})
			u.results <- func() {
				defer close(ran)
				then(err)
			}
			<-ran
			return
		}
		// Not DoAndWait: once the window has closed nothing runs queued
		// calls, and a job waiting for one would keep Close waiting for ever.
		fyne.Do(func() {
			if u.ctx.Err() == nil {
				then(err)
			}
		})
	}()
}

// every runs f on a goroutine of its own each interval until the UI
// closes; f hands anything for the widgets to fyne.Do.
func (u *UI) every(interval time.Duration, f func()) {
	u.timers.Add(1)
	go func() {
		defer u.timers.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-u.ctx.Done():
				return
			case <-tick.C:
				f()
			}
		}
	}()
}

// after runs f on the UI goroutine once d has passed, unless the UI has
// closed by then.
func (u *UI) after(d time.Duration, f func()) {
	u.timers.Add(1)
	go func() {
		defer u.timers.Done()
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-u.ctx.Done():
		case <-timer.C:
			fyne.Do(func() {
				if u.ctx.Err() == nil {
					f()
				}
			})
		}
	}()
}

// Context ends when the UI closes.
func (u *UI) Context() context.Context { return u.ctx }

// Close stops every timer and ticker, cancels the background work that
// watches the UI's context, and waits up to limit for all of it to end.
// It reports whether everything ended in time. The UI must not be used
// afterwards; a restore or a move builds a new one.
func (u *UI) Close(limit time.Duration) bool {
	u.cancel()
	done := make(chan struct{})
	go func() {
		u.jobs.Wait()
		u.timers.Wait()
		close(done)
	}()
	deadline := time.After(limit)
	for {
		select {
		case then := <-u.results: // nil, so never ready, outside tests
			then()
		case <-done:
			return true
		case <-deadline:
			return false
		}
	}
}

// Wait blocks until every background job started so far has finished and
// handed its result back; tests use it instead of sleeping. Timers and
// tickers (every, after) are not waited for.
func (u *UI) Wait() {
	if u.results == nil {
		u.jobs.Wait()
		return
	}
	idle := make(chan struct{})
	go func() {
		u.jobs.Wait()
		close(idle)
	}()
	for {
		select {
		case then := <-u.results:
			then()
		case <-idle:
			return
		}
	}
}

// runResultsInWait makes background results wait until Wait runs them, on
// the goroutine that calls it. Tests use it: Fyne's test driver runs
// fyne.Do on the goroutine that calls it, so results would otherwise land
// on a worker goroutine while the test itself is changing widgets, where
// the app would have run them one at a time on its UI goroutine.
func (u *UI) runResultsInWait() { u.results = make(chan func()) }

// composeAbout switches to the composer, prefilled from an interview
// (nil for a blank form) and set to a scenario ("" keeps the current one).
func (u *UI) composeAbout(iv *data.Interview, scenario string) {
	u.compose.prefill(iv, scenario)
	u.SelectTab(TabCompose)
}

// openArticle switches to the Advice tab showing the article with that slug.
func (u *UI) openArticle(slug string) {
	u.ensureBuilt(TabAdvice)
	u.advice.show(slug)
	u.SelectTab(TabAdvice)
}

// settingsChanged passes newly saved settings to the tabs that use them.
func (u *UI) settingsChanged(st data.Settings) {
	for _, l := range u.settingsListeners {
		l(st)
	}
}

// onSettingsChanged registers a tab's interest in saved settings.
func (u *UI) onSettingsChanged(l func(data.Settings)) {
	u.settingsListeners = append(u.settingsListeners, l)
}

// interviewsChanged tells the tracker to reload after another tab wrote.
func (u *UI) interviewsChanged() { u.tracker.reload() }
