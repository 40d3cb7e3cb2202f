package views

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/compose"
	"bridgekeeper/data"
	"bridgekeeper/views/widgets"
)

// composeTab is the Compose tab: the form on the left writes the email on the
// right as the user types, and the email is checked against the advice.
type composeTab struct {
	ui        *UI
	engine    *compose.Engine
	engineErr error
	// now is the clock behind the notice check and the last-minute
	// suggestion; tests set it so they do not depend on the day they run.
	now        func() time.Time
	dateLayout string

	// interview is the tracker entry the draft belongs to; nil means saving
	// adds a new interview.
	interview *data.Interview
	// zoneLoading, zoneWaiters and zoneWanted schedule the zones the form
	// waits for; the zones themselves are in the UI's one cache.
	zoneLoading map[string]bool
	zoneWaiters map[string][]func()
	zoneWanted  []string
	// zonePending is set while the zone the form names is still loading.
	zonePending bool
	localZone   string
	signature   string

	in        compose.Input
	errs      map[string]string
	generated compose.Draft
	// The user's own edits to the subject or body are kept when the form
	// changes; writing is set while the composer itself fills them.
	subjectEdited, bodyEdited bool
	writing                   bool
	// quiet holds back redrafting while several fields are set at once.
	quiet bool
	// built is set once the tab holds its first draft; started once the
	// settings load has begun. Background work starts only at the end of an
	// event, never while the window is being put together.
	built, started bool
	toneTouched    bool
	// relayout is set when a form field appeared or went.
	relayout     bool
	armed        map[string]bool
	lastScenario compose.Scenario
	suggestTo    compose.Scenario
	reviewKey    string
	copyFlash    int
	saving       bool

	// lastFocus is the form's control that last had the keyboard focus.
	lastFocus       fyne.Focusable
	scenario        *widgets.Select
	summary         *widget.Label
	scenarioArticle *widget.Hyperlink
	linked          *fyne.Container
	linkedText      *widget.Label
	fromName        *widgets.Entry
	toName          *widgets.Entry
	toEmail         *widgets.Entry
	company         *widgets.Entry
	role            *widgets.Entry
	date            *widgets.Entry
	clock           *widgets.Entry
	zone            *widgets.Entry
	// fold asks which of two times is meant when the interview's clock
	// time happens twice (the hour the clocks go back); hidden otherwise.
	fold   *widget.RadioGroup
	reason *widgets.Select
	// reasonIDs are the reasons the select offers now: the scenario's own.
	reasonIDs []compose.Reason
	// toTitle is the courtesy title for formal greetings; theirZone the
	// recipient's zone when it is not the interview's; called what the
	// user did by phone already; whenHead the heading of the section the
	// date belongs to, which says what the date means.
	toTitle   *widgets.Select
	theirZone *widgets.Entry
	called    *widget.RadioGroup
	whenHead  *widget.Label
	// sectionHeads are the form's section headings by group.
	sectionHeads map[string]*widget.Label
	// english, phone and yourZone come from the settings: the variety to
	// write in, the number to call back on, the user's own zone.
	english     compose.English
	phoneNumber string
	yourZone    string
	// channel picks which message the preview shows: the email, or the
	// words for a call, a voicemail or a text. Each keeps its own edits.
	channel     *widget.RadioGroup
	lastChannel compose.Channel
	edits       map[compose.Channel]composeEdit
	subjectRow  *fyne.Container
	// history is what was sent to historyFor (a company) before.
	history []compose.Prior
	// checkIn offers a reminder to reconnect after a step-back message
	// that keeps the door open, about checkInFor.
	checkIn    *widget.Select
	checkInFor int64
	// fileBtn files the draft after a copy or a mail; filedText is the
	// subject and body last filed, so it is not offered twice.
	fileBtn   *widget.Button
	filedText string
	// pastBanner shows the last exchange with the company (pastText).
	pastBanner *fyne.Container
	pastText   *widget.Label
	historyFor string
	// keepEdits is the open "keep your edits?" question, for tests.
	keepEdits    *dialog.ConfirmDialog
	disclose     *widget.RadioGroup
	discloseHint *widget.Label
	detail       *widgets.Entry
	offer        *widgets.Check
	slots        []*composeSlot
	slotBox      *fyne.Container
	addSlotBtn   *widget.Button
	slotHint     *widget.Label
	tone         *widget.RadioGroup
	doorOpen     *widgets.Check
	doorHint     *widget.Label
	msgs         map[string]*widget.Label
	rows         map[string][]fyne.CanvasObject
	formBody     *fyne.Container
	formScroll   *container.Scroll

	suggest     *fyne.Container
	suggestText *widget.Label
	suggestBtn  *widget.Button
	subject     *widgets.Entry
	body        *widgets.Entry
	edited      *fyne.Container
	phone       *fyne.Container
	phoneText   *widget.Label
	checksTitle *widget.Label
	toFix       composeRowList
	passed      composeRowList
	bodyPane    *fyne.Container
	reviewPane  *container.Scroll
	preview     *fyne.Container
	status      *widget.Label
	copyBtn     *widget.Button
	mailBtn     *widget.Button
	saveBtn     *widget.Button
}

// composeBodyLimit is the most an email body may hold: ten times any draft
// the composer writes, and short enough to wrap in well under a second.
const composeBodyLimit = 8 << 10

func newCompose(u *UI) *composeTab {
	c := &composeTab{
		ui:          u,
		now:         time.Now,
		dateLayout:  dateLayout(),
		zoneLoading: map[string]bool{},
		zoneWaiters: map[string][]func(){},
		localZone:   "UTC",
		armed:       map[string]bool{},
		msgs:        map[string]*widget.Label{},
	}
	c.engine, c.engineErr = compose.New()
	return c
}

func (c *composeTab) tabItem() *container.TabItem {
	return container.NewTabItemWithIcon("Compose", theme.MailComposeIcon(), c.ui.withReminder(c.buildUI()))
}

func (c *composeTab) buildUI() fyne.CanvasObject {
	form := c.buildForm()
	preview := c.buildPreview()
	c.quiet = true
	c.scenario.SetSelectedIndex(0)
	c.quiet = false
	// The fields the scenario uses are settled now, while nothing has a
	// size and hiding the rest costs no layout.
	c.applyVisibility(c.scenarioID())
	split := container.NewHSplit(form, preview)
	split.Offset = 0.45
	return split
}

// writeFirstDraft fills the preview for the starting scenario. It waits
// until the tab is in its window because Fyne first lays new content out
// at its minimum size: with the draft, its checks and the form's hints
// already there, that throw-away pass wraps them a word or two to a line
// and costs more text shaping than the real layout. It is safe to call
// more than once.
func (c *composeTab) writeFirstDraft() {
	if c.built {
		return
	}
	c.onScenario("")
	c.built = true
}

// onShown loads the user's settings the first time the composer is used.
// It is safe to call any number of times.
func (c *composeTab) onShown() { c.afterEvent() }

// buildPreview lays out the email (subject and body, both editable), the
// checks under it and the actions at the bottom.
func (c *composeTab) buildPreview() fyne.CanvasObject {
	c.suggestText = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.suggestBtn = &widget.Button{Text: "Switch", Importance: widget.WarningImportance, OnTapped: c.onSuggest}
	c.suggest = widgets.NewBanner(theme.ColorNameWarning, theme.NewWarningThemedResource(theme.WarningIcon()),
		container.NewBorder(nil, nil, nil, container.NewCenter(c.suggestBtn), c.suggestText))
	c.suggest.Hide()

	c.subject = widgets.NewEntry("Subject")
	c.subject.OnChanged = func(string) { c.onDraftEdited() }
	copySubject := &widget.Button{Icon: theme.ContentCopyIcon(), Importance: widget.LowImportance, OnTapped: c.onCopySubject}
	c.subjectRow = container.NewBorder(nil, nil,
		&widget.Label{Text: "Subject", TextStyle: fyne.TextStyle{Bold: true}}, copySubject, c.subject)
	// A narrow window has no room for the four radio buttons in a row;
	// a drop-down with the same choice takes their place.
	narrowChannel := &widget.Select{Options: composeChannelLabels(), Selected: composeChannelLabels()[0]}
	c.channel = &widget.RadioGroup{Options: composeChannelLabels(), Selected: composeChannelLabels()[0], Horizontal: true,
		Required: true, OnChanged: func(s string) {
			if narrowChannel.Selected != s {
				narrowChannel.SetSelected(s)
			}
			c.onChannel()
		}}
	narrowChannel.OnChanged = func(s string) {
		if c.channel.Selected != s {
			c.channel.SetSelected(s)
		}
	}
	channelRow := widgets.NewAdaptive(c.channel, container.NewBorder(nil, nil,
		&widget.Label{Text: "Send as", TextStyle: fyne.TextStyle{Bold: true}}, nil, narrowChannel))

	c.body = widgets.NewEntry("")
	c.body.MultiLine = true
	c.body.Wrapping = fyne.TextWrapWord
	c.body.OnChanged = func(string) { c.onDraftEdited() }
	// An email is short; the cap keeps a stray paste from holding the
	// window while Fyne wraps it.
	c.limit(c.body, composeBodyLimit)
	reset := &widget.Button{Text: "Reset to generated text", Icon: theme.ContentUndoIcon(),
		Importance: widget.LowImportance, OnTapped: c.onResetDraft}
	c.edited = container.NewBorder(nil, nil, nil, reset,
		&widget.Label{Text: "Edited by you: changes to the form no longer rewrite it.", Wrapping: fyne.TextWrapWord,
			SizeName: theme.SizeNameCaptionText, Importance: widget.MediumImportance})
	c.edited.Hide()
	c.bodyPane = container.NewBorder(nil, c.edited, nil, nil, c.body)

	c.phoneText = &widget.Label{Wrapping: fyne.TextWrapWord, Selectable: true}
	copyScript := &widget.Button{Text: "Copy script", Icon: theme.ContentCopyIcon(), OnTapped: c.onCopyScript}
	c.phone = widgets.NewBanner(theme.ColorNameWarning, theme.NewWarningThemedResource(theme.InfoIcon()),
		container.NewBorder(
			container.NewBorder(nil, nil, nil, copyScript,
				&widget.Label{Text: "Call them first, then send the email", TextStyle: fyne.TextStyle{Bold: true}}),
			nil, nil, nil, c.phoneText))
	c.phone.Hide()
	c.checksTitle = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
	c.toFix.box = container.New(layout.NewCustomPaddedVBoxLayout(0))
	c.passed.box = container.New(layout.NewCustomPaddedVBoxLayout(0))
	// The phone script follows what needs fixing, which points to it.
	c.reviewPane = container.NewVScroll(container.NewVBox(c.checksTitle, c.toFix.box, c.phone, c.passed.box))
	split := container.NewVSplit(c.bodyPane, c.reviewPane)
	split.Offset = 0.58

	c.status = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.status.Hide()
	// After a copy or an open in the mail program, the draft can be filed
	// as sent in one click, so the company's history stays whole.
	c.fileBtn = &widget.Button{Text: "File as sent", Icon: theme.DocumentSaveIcon(), Importance: widget.LowImportance, OnTapped: c.onSave}
	c.fileBtn.Hide()
	// Stepping back with the door open: a reminder to reconnect later.
	c.checkIn = &widget.Select{PlaceHolder: "Remind me to check in…", Options: composeCheckInLabels(), OnChanged: c.onCheckIn}
	c.checkIn.Hide()
	c.saveBtn = &widget.Button{Text: "Save to tracker", Icon: theme.DocumentSaveIcon(), OnTapped: c.onSave}
	c.mailBtn = &widget.Button{Text: "Open in mail app", Icon: theme.MailSendIcon(), OnTapped: c.onOpenMail}
	c.copyBtn = &widget.Button{Text: "Copy email", Icon: theme.ContentCopyIcon(), Importance: widget.HighImportance, OnTapped: c.onCopy}
	// The buttons wrap onto a second row rather than push the window wider.
	flow := &widgets.Flow{}
	bar := container.New(flow, c.saveBtn, c.mailBtn, c.copyBtn)

	c.preview = container.NewBorder(container.NewVBox(c.suggest, channelRow, c.subjectRow),
		container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, container.NewHBox(c.checkIn, c.fileBtn), c.status), bar), nil, nil, split)
	flow.Relayout = c.preview.Refresh
	return c.preview
}

// applySettings fills the user's name, tone and time zone from their
// settings without overwriting anything already chosen, and signs drafts
// with their signature.
func (c *composeTab) applySettings(st data.Settings) {
	c.signature = strings.TrimSpace(st.Signature)
	c.phoneNumber = strings.TrimSpace(st.Phone)
	c.english = composeEnglish(st.English, c.ui.env.Locale)
	c.yourZone = st.DefaultZone
	if c.yourZone == "" {
		c.yourZone = c.localZone
	}
	c.quiet = true
	if strings.TrimSpace(c.fromName.Text) == "" {
		c.fromName.SetText(st.YourName)
	}
	if t, err := compose.ParseTone(st.DefaultTone); err == nil && !c.toneTouched {
		c.tone.SetSelected(composeToneLabels()[slices.Index(compose.Tones(), t)])
	}
	if strings.TrimSpace(c.zone.Text) == "" {
		zone := st.DefaultZone
		if _, state := c.ui.zones.lookup(zone); state != zoneReady {
			zone = c.localZone
		}
		c.zone.SetText(zone)
	}
	c.quiet = false
	c.update()
}

// prefill sets the form up for an interview from the tracker (nil keeps
// the people and times) and a scenario ("" keeps the current one).
func (c *composeTab) prefill(iv *data.Interview, scenario string) {
	c.quiet = true
	if s, err := compose.ParseScenario(scenario); err == nil {
		for i, info := range compose.Scenarios() {
			if info.ID == s {
				c.scenario.SetSelectedIndex(i)
			}
		}
	}
	if iv != nil {
		c.clearStatus()
		c.formScroll.ScrollToTop()
		c.company.SetText(iv.Company)
		c.role.SetText(iv.Role)
		c.toName.SetText(iv.ContactName)
		c.toEmail.SetText(iv.ContactEmail)
		c.date.SetText("")
		c.clock.SetText("")
		c.offer.SetChecked(false)
		c.clearSlots()
		zone := iv.TimeZone
		if zone == "" {
			zone = c.localZone
		}
		c.zone.SetText(zone)
		c.link(iv)
		if !iv.StartsAt.IsZero() {
			id, at := iv.ID, iv.StartsAt
			c.withZone(zone, func(loc *time.Location) {
				if c.interview == nil || c.interview.ID != id {
					return
				}
				t := at.In(loc)
				quietly(&c.quiet, func() {
					c.date.SetText(t.Format(c.dateLayout))
					c.clock.SetText(t.Format("15:04"))
				})
				c.changed()
			})
		}
	}
	c.quiet = false
	c.onScenario("")
}

// withZone calls fn with a zone, at once when it is cached and otherwise
// once it has loaded; an unknown zone falls back to UTC, and the zone
// field says the name is not a zone.
func (c *composeTab) withZone(name string, fn func(*time.Location)) {
	if loc, state := c.ui.zones.lookup(name); state != zoneLoading {
		if loc == nil {
			loc = time.UTC
		}
		fn(loc)
		return
	}
	c.wantZone(name, func() { c.withZone(name, fn) })
}

// link ties the draft to a tracker interview, so saving files it there.
func (c *composeTab) link(iv *data.Interview) {
	copied := *iv
	c.interview = &copied
	what := composeOr(iv.Company, "this company")
	if iv.Role != "" {
		what += " (" + iv.Role + ")"
	}
	c.linkedText.SetText("Writing about your interview with " + what + ". Saving adds the email to its timeline.")
	c.setVisible(c.linked, true)
	composeRelayout(c.formScroll)
	c.relayout = false
}

func (c *composeTab) onUnlink() {
	c.interview = nil
	c.setVisible(c.linked, false)
	composeRelayout(c.formScroll)
	c.relayout = false
	// The interview's location leaves the draft with it.
	c.changed()
	c.setStatus("Saving will now add a new interview to the tracker.", widget.MediumImportance)
}

func (c *composeTab) addShortcuts(cv fyne.Canvas) {
	cv.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyC, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift},
		func(fyne.Shortcut) {
			if c.ui.Selected() == TabCompose {
				c.onCopy()
			}
		})
}

func (c *composeTab) onScenario(string) {
	s := c.scenarioID()
	if info, ok := composeScenarioInfo(s); ok && c.summary.Text != info.Summary {
		c.summary.SetText(info.Summary)
		c.relayout = true
	}
	quietly(&c.quiet, func() { c.scenarioSwitched(s) })
	if s != c.lastScenario && c.lastScenario != "" && (c.subjectEdited || c.bodyEdited || len(c.edits) > 0) {
		c.lastScenario = s
		c.askKeepEdits()
		return
	}
	c.lastScenario = s
	c.changed()
}

// askKeepEdits asks, after a switch of scenario, whether the user's edits
// stay or the new scenario's draft replaces them. Until they answer nothing
// is redrafted, and either way subject and body stay of one piece: kept
// edits keep both, a new draft replaces both.
func (c *composeTab) askKeepEdits() {
	d := dialog.NewConfirm("Keep your edits?",
		"You changed the text of this message. Keep your version, or write the draft for the scenario you just chose?",
		func(keep bool) {
			if keep {
				c.subjectEdited, c.bodyEdited = true, true
			} else {
				c.subjectEdited, c.bodyEdited = false, false
				c.edits = nil
			}
			c.changed()
		}, c.ui.env.Window)
	d.SetConfirmText("Keep my edits")
	d.SetDismissText("Write the new draft")
	c.ui.showDialog(d)
	c.keepEdits = d
}

// scenarioSwitched carries the form over from the last scenario to s.
func (c *composeTab) scenarioSwitched(s compose.Scenario) {
	switch {
	case s == c.lastScenario:
	case composeInfo(s).DropsTimes:
		// Stepping away, or following up after a cancellation, with times
		// still on offer would send mixed signals.
		c.offer.SetChecked(false)
		c.clearSlots()
	default:
		// Times proposed for a reschedule stay on offer in a cancellation.
		if composeAlwaysProposes(c.lastScenario) && len(c.slots) > 0 && compose.Uses(s).OfferReschedule {
			c.offer.SetChecked(true)
		}
	}
}

// changed redrafts after any change to the form.
func (c *composeTab) changed() {
	if c.quiet || c.body == nil {
		return
	}
	c.clearStatus()
	c.update()
	c.afterEvent()
}

// update redrafts the email from the form and reviews it. The engine is
// fast enough (tens of microseconds) to run on every keystroke.
func (c *composeTab) update() {
	// The reasons first: the one chosen must fit the scenario read next.
	c.setReasons(composeInfo(c.scenarioID()).Reasons)
	in, errs := c.collect()
	c.in, c.errs = in, errs
	c.applyVisibility(in.Scenario)
	c.showMessages(errs)
	if c.engineErr != nil {
		c.setStatus("The email templates could not be loaded: "+c.engineErr.Error(), widget.DangerImportance)
		return
	}
	d, err := c.engine.Render(in)
	if err != nil {
		c.setStatus("The email could not be written: "+err.Error(), widget.DangerImportance)
		return
	}
	c.generated = d
	c.writing = true
	if !c.subjectEdited && c.subject.Text != d.Subject {
		c.subject.SetText(d.Subject)
	}
	if !c.bodyEdited && c.body.Text != d.Body {
		c.body.SetText(d.Body)
	}
	c.writing = false
	c.showEdited()
	c.updateSuggestion()
	c.review()
}

// onDraftEdited notes the user's own changes to the subject or body, which
// later form changes must not overwrite, and re-checks the text as it is.
func (c *composeTab) onDraftEdited() {
	if c.writing || c.edited == nil {
		return
	}
	c.subjectEdited = c.subject.Text != c.generated.Subject
	c.bodyEdited = c.body.Text != c.generated.Body
	c.clearStatus()
	c.showEdited()
	c.review()
}

// showEdited shows the reset link while the user's edits are kept.
func (c *composeTab) showEdited() {
	if on := c.subjectEdited || c.bodyEdited; on != c.edited.Visible() {
		showIf(c.edited, on)
		composeRelayout(c.bodyPane)
	}
}

func (c *composeTab) onResetDraft() {
	c.subjectEdited, c.bodyEdited = false, false
	c.update()
	c.setStatus("The email is back to the generated text.", widget.MediumImportance)
}

// composeEnglish is the variety the settings name, or else the one the
// user's locale suggests (US English when it suggests none).
func composeEnglish(setting, locale string) compose.English {
	if e, err := compose.ParseEnglish(setting); err == nil {
		return e
	}
	return compose.EnglishFromLocale(locale)
}

// composeAlwaysProposes reports a scenario whose email always proposes new
// times (a reschedule), rather than offering them when asked.
func composeAlwaysProposes(s compose.Scenario) bool {
	u := compose.Uses(s)
	return u.Slots && !u.OfferReschedule
}

// updateSuggestion offers a better scenario, never switching by itself.
func (c *composeTab) updateSuggestion() {
	c.suggestTo = ""
	if s, ok := compose.Suggest(c.in); ok {
		c.suggestTo = s.To
		c.suggestText.SetText(s.Why)
		c.suggestBtn.SetText(s.Action)
	}
	if on := c.suggestTo != ""; on != c.suggest.Visible() {
		showIf(c.suggest, on)
		composeRelayout(c.preview)
	}
}

func (c *composeTab) onSuggest() {
	to := c.suggestTo
	if to == "" {
		return
	}
	if composeAlwaysProposes(c.scenarioID()) && compose.Uses(to).OfferReschedule {
		// They wanted another time; the last-minute email still asks for one.
		c.quiet = true
		c.offer.SetChecked(true)
		c.quiet = false
	}
	c.prefill(nil, string(to))
}

// composeItem is one line of the review under the email.
type composeItem struct {
	level  int // composeTodo, composeWarn or composeOK
	text   string
	link   string
	action func()
}

const (
	composeTodo = iota
	composeWarn
	composeOK
)

// composeCheckRow shows one review line; rows are reused as the review
// changes, so typing never rebuilds widgets.
type composeCheckRow struct {
	icon   *widget.Icon
	text   *widget.Label
	link   *widget.Hyperlink
	action func()
	box    *fyne.Container
}

func newComposeCheckRow() *composeCheckRow {
	r := &composeCheckRow{icon: widget.NewIcon(nil), text: &widget.Label{Wrapping: fyne.TextWrapWord}}
	r.link = &widget.Hyperlink{OnTapped: func() {
		if r.action != nil {
			r.action()
		}
	}}
	pad := theme.InnerPadding() / 2
	r.box = container.NewBorder(nil, nil,
		container.New(layout.NewCustomPaddedLayout(pad+theme.Padding()/2, 0, 0, 0), container.NewVBox(r.icon)),
		container.NewVBox(r.link), r.text)
	return r
}

// composeRowList is a column of review rows, reused from one review to the
// next.
type composeRowList struct {
	box  *fyne.Container
	rows []*composeCheckRow
}

func (l *composeRowList) show(items []composeItem) {
	for len(l.rows) < len(items) {
		r := newComposeCheckRow()
		l.rows = append(l.rows, r)
		l.box.Add(r.box)
	}
	for i, r := range l.rows {
		if i < len(items) {
			r.set(items[i])
		} else {
			r.box.Hide()
		}
	}
}

func (r *composeCheckRow) set(it composeItem) {
	switch it.level {
	case composeOK:
		r.icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	case composeWarn:
		r.icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
	default:
		r.icon.SetResource(theme.NewPrimaryThemedResource(theme.DocumentCreateIcon()))
	}
	r.text.SetText(it.text)
	r.action = it.action
	r.link.SetText(it.link)
	r.link.Hidden = it.link == ""
	r.box.Show()
}

// review re-checks the email as it stands (edited or not), lists what the
// form still lacks, and shows the phone script when there is under a day's
// notice.
func (c *composeTab) review() {
	in := c.in
	d := compose.Draft{Scenario: in.Scenario, Channel: c.channelChosen(), Subject: c.subject.Text, Body: c.body.Text}
	if d.Channel != compose.ChannelEmail {
		d.Subject = ""
	}
	checks := compose.Checks(in, d)
	items := c.missing(in)
	for _, ch := range checks {
		it := composeItem{level: composeOK, text: ch.Message}
		if !ch.OK {
			article := ch.Article
			it.level, it.link, it.action = composeWarn, "Learn why", func() { c.ui.openArticle(article) }
		}
		items = append(items, it)
	}
	slices.SortStableFunc(items, func(a, b composeItem) int { return a.level - b.level })
	phone := ""
	for _, ch := range checks {
		if ch.ID == "notice" && !ch.OK && !in.When.Before(in.Now) {
			phone = c.engine.PhoneScript(in)
		}
	}
	// Most keystrokes change nothing here; skip the redraw then.
	var key strings.Builder
	for _, it := range items {
		fmt.Fprintf(&key, "%d%s\x00", it.level, it.text)
	}
	key.WriteString(phone)
	if key.String() == c.reviewKey {
		return
	}
	c.reviewKey = key.String()

	todo := slices.IndexFunc(items, func(it composeItem) bool { return it.level == composeOK })
	if todo < 0 {
		todo = len(items)
	}
	c.toFix.show(items[:todo])
	c.passed.show(items[todo:])
	switch todo {
	case 0:
		c.checksTitle.SetText("Checks: all good")
	case 1:
		c.checksTitle.SetText("Checks: 1 thing to look at")
	default:
		c.checksTitle.SetText(fmt.Sprintf("Checks: %d things to look at", todo))
	}

	if phone != "" {
		c.phoneText.SetText(phone)
		c.phone.Show()
	} else {
		c.phone.Hide()
	}
	// Rows change height as their text wraps differently.
	composeRelayout(c.reviewPane)
}

// missing lists what the form still needs, each with a way to get there.
func (c *composeTab) missing(in compose.Input) []composeItem {
	var out []composeItem
	add := func(text string, field fyne.CanvasObject) {
		out = append(out, composeItem{level: composeTodo, text: text, link: "Fill in", action: func() { c.reveal(field) }})
	}
	if in.Company == "" {
		add("Add the company's name.", c.company)
	}
	if in.ToName == "" {
		add("Add the recipient's name so the greeting is personal.", c.toName)
	}
	if msg := c.errs[composeFieldToEmail]; msg != "" {
		add("Their email: "+composeLower(msg), c.toEmail)
	}
	if in.FromName == "" {
		add("Add your name so the email is signed.", c.fromName)
	}
	if compose.Uses(in.Scenario).When {
		switch {
		case c.errs[composeFieldDate] != "":
			add("Interview date: "+composeLower(c.errs[composeFieldDate]), c.date)
		case c.errs[composeFieldTime] != "":
			add("Interview time: "+composeLower(c.errs[composeFieldTime]), c.clock)
		case c.errs[composeFieldZone] != "":
			add("Time zone: "+composeLower(c.errs[composeFieldZone]), c.zone)
		case in.When.IsZero() && strings.TrimSpace(c.date.Text) == "":
			add("Add the interview's date and time so they know which one you mean.", c.date)
		}
	}
	for i, s := range c.slots {
		if msg := c.errs[composeSlotField(i)]; msg != "" {
			add(fmt.Sprintf("Proposed time %d: %s", i+1, composeLower(msg)), s.date)
		}
	}
	return out
}

func composeLower(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func composeOr(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

// reveal scrolls the form to a field and puts the cursor in it.
func (c *composeTab) reveal(o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(c.formBody).Y
	c.formScroll.ScrollToOffset(fyne.NewPos(0, max(0, y-4*theme.Padding())))
	if f, ok := o.(fyne.Focusable); ok {
		if cv := d.CanvasForObject(o); cv != nil {
			cv.Focus(f)
		}
	}
}

// composeRelayout lays o out again after something in it appeared or changed
// size. It takes two passes: a word-wrapped label learns its width in the
// first and reports the height it needs for the second.
func composeRelayout(o fyne.CanvasObject) {
	if o.Size() == (fyne.Size{}) {
		return // not laid out yet: the first paint will do it, once
	}
	o.Refresh()
	o.Refresh()
}

// clearStatus removes the last action's outcome once the email changes:
// "Copied" or "Saved" would no longer be true of what is on screen.
func (c *composeTab) clearStatus() {
	if c.status.Visible() {
		c.status.Hide()
		composeRelayout(c.preview)
	}
}

// setStatus shows the outcome of the last action above the buttons.
func (c *composeTab) setStatus(text string, imp widget.Importance) {
	c.status.Importance = imp
	c.status.SetText(text)
	if !c.status.Visible() {
		c.status.Show()
		composeRelayout(c.preview)
	}
}

func (c *composeTab) copyText(text, what string) bool {
	if c.ui.env.Clipboard == nil {
		c.setStatus("Could not copy: no clipboard is available.", widget.DangerImportance)
		return false
	}
	if err := c.ui.env.Clipboard.Copy(text); err != nil {
		c.setStatus("Could not copy: "+err.Error(), widget.DangerImportance)
		return false
	}
	c.setStatus("Copied the "+what+" to the clipboard.", widget.SuccessImportance)
	return true
}

// offerToFile shows "File as sent" beside the status while the draft on
// screen is not yet on the company's timeline.
func (c *composeTab) offerToFile() {
	showIf(c.fileBtn, c.filedText != c.subject.Text+"\x00"+c.body.Text)
}

// onCopy copies the body, the part pasted into a mail; the subject has its
// own copy button.
func (c *composeTab) onCopy() {
	what := []string{"email", "phone script", "voicemail", "text"}[slices.Index(compose.Channels(), c.channelChosen())]
	if !c.copyText(c.body.Text, what) {
		return
	}
	c.offerToFile()
	c.copyFlash++
	flash := c.copyFlash
	// The icon is the tick; "Copied ✓" beside it said it twice.
	c.copyBtn.SetText("Copied")
	c.copyBtn.SetIcon(theme.ConfirmIcon())
	c.ui.after(2*time.Second, func() {
		if c.copyFlash == flash {
			c.copyBtn.SetText(composeCopyLabels()[slices.Index(compose.Channels(), c.channelChosen())])
			c.copyBtn.SetIcon(theme.ContentCopyIcon())
		}
	})
}

func (c *composeTab) onCopySubject() { c.copyText(c.subject.Text, "subject") }

func (c *composeTab) onCopyScript() { c.copyText(c.phoneText.Text, "phone script") }

func (c *composeTab) onOpenMail() {
	to, subject, body := c.toEmail.Text, c.subject.Text, c.body.Text
	mailto := compose.Mailto(to, subject, body)
	if len(mailto) > compose.MaxMailtoLength {
		// Some mail programs cut a long link short: the end of the email
		// would vanish without a word.
		c.mailFailed(errors.New("the email is too long to hand to a mail program in one link"), to, subject, body)
		return
	}
	link, err := url.Parse(mailto)
	opener := c.ui.env.Opener
	if err == nil && opener == nil {
		err = errors.New("no way to open links on this computer")
	}
	if err != nil {
		c.mailFailed(err, to, subject, body)
		return
	}
	c.setStatus("Opening your mail program…", widget.MediumImportance)
	// The opener waits to hear whether a program took the link, which can
	// take a moment: never on the UI goroutine.
	c.ui.background(func() error { return opener.OpenURL(link) }, func(err error) {
		if err != nil {
			c.mailFailed(err, to, subject, body)
			return
		}
		c.setStatus("Opened in your mail program. Check it there, then send.", widget.SuccessImportance)
		c.offerToFile()
	})
}

// mailFailed tells the truth when no mail program took the email: it is
// copied instead, and a webmail compose page is offered.
func (c *composeTab) mailFailed(cause error, to, subject, body string) {
	copied := c.ui.env.Clipboard != nil && c.ui.env.Clipboard.Copy(body) == nil
	msg := "No mail program opened the email (" + cause.Error() + ")."
	if copied {
		msg += " The email is on the clipboard, ready to paste."
	}
	c.setStatus(msg, widget.DangerImportance)
	buttons := []fyne.CanvasObject{}
	var d *dialog.CustomDialog
	for _, w := range compose.Webmails() {
		target := w.ComposeURL(to, subject, body)
		buttons = append(buttons, &widget.Button{Text: "Open " + w.Name, OnTapped: func() {
			d.Hide()
			if u, err := url.Parse(target); err == nil && c.ui.env.Opener != nil {
				opener := c.ui.env.Opener
				c.ui.background(func() error { return opener.OpenURL(u) }, func(err error) {
					if err != nil {
						c.setStatus("The browser did not open either: "+err.Error()+". Paste the email into your mail yourself.", widget.DangerImportance)
					}
				})
			}
		}})
	}
	buttons = append(buttons, &widget.Button{Text: "Close", Importance: widget.HighImportance, OnTapped: func() { d.Hide() }})
	text := &widget.Label{Wrapping: fyne.TextWrapWord, Text: msg + "\n\nYou can write it in your webmail instead: Bridgekeeper opens its compose page in your browser with the email filled in."}
	d = dialog.NewCustomWithoutButtons("No mail program answered", text, c.ui.env.Window)
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(520, 0))
	c.ui.showDialog(d)
}

// composeFieldMessage words the engine's validation for the form.
func composeFieldMessage(field, msg string) string {
	switch field {
	case composeFieldCompany:
		return "Enter the company's name."
	case composeFieldToName:
		return "Enter the name of the person you are writing to."
	case composeFieldToEmail, "contact_email":
		return "Enter an address like name@example.com."
	}
	return msg
}

// onSave files the email in the tracker: in the linked interview's
// timeline, or in a new interview made from the form. On any failure the
// form and the email stay as they are.
func (c *composeTab) onSave() {
	if c.saving {
		return
	}
	c.update()
	in := c.in
	if !c.readyToSave(in) {
		return
	}
	ev := data.Event{Kind: data.EventDraft, Scenario: string(in.Scenario), Subject: c.subject.Text, Body: c.body.Text,
		Channel: string(c.channelChosen()), Reason: string(in.Reason), Disclose: string(in.Disclose), Tone: string(in.Tone)}
	if ev.Channel != string(compose.ChannelEmail) {
		ev.Subject = ""
	}
	var existing *data.Interview
	if c.interview != nil {
		copied := *c.interview
		existing = &copied
	}
	iv := data.Interview{Company: in.Company, Role: in.Role, ContactName: in.ToName, ContactEmail: in.ToEmail,
		StartsAt: in.When, Status: data.StatusScheduled}
	if !in.When.IsZero() {
		iv.TimeZone = strings.TrimSpace(c.zone.Text)
	}
	c.saving = true
	c.saveBtn.SetText("Saving…")
	c.saveBtn.Disable()
	store := c.ui.env.Store
	c.ui.background(func() error {
		ctx := context.Background()
		if existing == nil {
			if err := store.CreateInterview(ctx, &iv); err != nil {
				return err
			}
			ev.InterviewID = iv.ID
		} else {
			ev.InterviewID = existing.ID
		}
		return store.AddEvent(ctx, &ev)
	}, func(err error) {
		c.saving = false
		c.saveBtn.SetText("Save to tracker")
		c.saveBtn.Enable()
		created := existing == nil && iv.ID != 0
		if created {
			// The interview exists now, even if filing the email failed:
			// saving again must not add it twice.
			c.link(&iv)
		}
		if created || err == nil {
			c.ui.interviewsChanged()
		}
		if err != nil {
			c.saveFailed(err, existing)
			return
		}
		target := iv
		if existing != nil {
			target = *existing
		}
		c.filedText = c.subject.Text + "\x00" + c.body.Text
		c.fileBtn.Hide()
		c.offerCheckIn(target, in)
		c.setStatus("Saved to the tracker, in the timeline of "+composeOr(target.Company, "the interview")+".", widget.SuccessImportance)
		c.offerStatus(target, in.Scenario)
	})
}

// readyToSave checks the form before a save, showing every problem beside
// its field and bringing the first into view. It reports whether the save
// can go ahead.
func (c *composeTab) readyToSave(in compose.Input) bool {
	errs := map[string]string{}
	for k, v := range c.errs {
		errs[k] = v
	}
	var ie compose.InputErrors
	if err := in.Validate(); errors.As(err, &ie) {
		for _, e := range ie {
			if _, ok := errs[e.Field]; !ok {
				errs[e.Field] = composeFieldMessage(e.Field, e.Msg)
			}
		}
	}
	for f := range c.msgs {
		c.armed[f] = true
	}
	c.armed[composeSlotsField] = true
	c.showMessages(errs)
	if c.zonePending {
		c.setStatus("The time zone is still loading; save again in a moment.", widget.WarningImportance)
		c.afterEvent()
		return false
	}
	if len(errs) == 0 {
		return true
	}
	c.setStatus("Fill in the marked fields, then save again.", widget.DangerImportance)
	for _, f := range []struct {
		field string
		o     fyne.CanvasObject
	}{{composeFieldToName, c.toName}, {composeFieldToEmail, c.toEmail}, {composeFieldCompany, c.company}, {composeFieldDate, c.date}, {composeFieldTime, c.clock}, {composeFieldZone, c.zone}} {
		if errs[f.field] != "" {
			c.reveal(f.o)
			break
		}
	}
	return false
}

// saveFailed explains a failed save; nothing in the form is lost.
func (c *composeTab) saveFailed(err error, existing *data.Interview) {
	var ve data.ValidationError
	if errors.As(err, &ve) {
		errs := map[string]string{}
		for _, fe := range ve {
			switch fe.Field {
			case "company":
				errs[composeFieldCompany] = composeFieldMessage(composeFieldCompany, fe.Msg)
			case "contact_email":
				errs[composeFieldToEmail] = composeFieldMessage(composeFieldToEmail, fe.Msg)
			case "timezone":
				errs[composeFieldZone] = fe.Msg
			}
		}
		if len(errs) > 0 {
			c.showMessages(errs)
			c.setStatus("Could not save: "+ve.Error()+".", widget.DangerImportance)
			return
		}
	}
	if existing != nil && errors.Is(err, data.ErrNotFound) {
		c.onUnlink()
		c.ui.showInfo("Interview no longer in the tracker",
			"The interview this email was for has been deleted from the tracker.\n\nSave again to add it as a new interview; your email is still here.")
		return
	}
	c.setStatus("Could not save to the tracker. Your email is still here.", widget.DangerImportance)
	c.ui.showError("The email could not be saved to the tracker",
		fmt.Errorf("%w. Nothing in the form was lost; you can still copy it", err))
}

// composeStatusFor is the status an interview moves to once this kind of
// email is sent, or "" when it stays as it is.
func composeStatusFor(s compose.Scenario) data.Status { return data.Status(composeInfo(s).Status) }

// offerStatus asks whether to move the interview to the status the email
// implies; the user may not have sent it yet, so it is never automatic.
func (c *composeTab) offerStatus(iv data.Interview, s compose.Scenario) {
	to := composeStatusFor(s)
	if to == "" || iv.Status == to {
		return
	}
	what := "the interview with " + composeOr(iv.Company, "this company")
	if composeInfo(s).Moment == compose.NoInterview {
		what = "the offer from " + composeOr(iv.Company, "this company")
	}
	d := dialog.NewConfirm("Update the tracker?", fmt.Sprintf("Mark %s as %s?", what, to), func(yes bool) {
		if yes {
			c.setInterviewStatus(iv.ID, to)
		}
	}, c.ui.env.Window)
	d.SetConfirmText("Mark as " + string(to))
	d.SetDismissText("Not now")
	c.ui.showDialog(d)
}

func (c *composeTab) setInterviewStatus(id int64, to data.Status) {
	ev := data.Event{InterviewID: id, Kind: data.EventStatus, ToStatus: to}
	store := c.ui.env.Store
	c.ui.background(func() error {
		return store.AddEvent(context.Background(), &ev)
	}, func(err error) {
		if err != nil {
			c.ui.showError("The status could not be changed", err)
			return
		}
		if c.interview != nil && c.interview.ID == id {
			c.interview.Status = to
		}
		c.ui.interviewsChanged()
		c.setStatus(fmt.Sprintf("Saved, and marked as %s in the tracker.", to), widget.SuccessImportance)
	})
}
