package views

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/compose"
	"bridgekeeper/data"
	"bridgekeeper/views/widgets"
)

// The composer's fields that can carry an error message, named as
// compose.InputError names them where the two overlap.
const (
	composeFieldCompany = "company"
	composeFieldToName  = "to_name"
	composeFieldToEmail = "to_email"
	composeFieldDate    = "date"
	composeFieldTime    = "time"
	composeFieldZone    = "zone"
	// composeFieldTheirZone is the recipient's zone, when it differs.
	composeFieldTheirZone = "their_zone"
	// composeSlotsField arms the messages of every proposed time at once.
	composeSlotsField = "slots"
)

// composeSlot is one proposed alternative time: a date, a time of day and
// a button that removes it.
type composeSlot struct {
	date, clock *widgets.Entry
	msg         *widget.Label
	box         *fyne.Container
}

// buildForm lays out the form: what to write first, then who it is for,
// the interview, the reason, other times and the tone.
func (c *composeTab) buildForm() fyne.CanvasObject {
	labels := make([]string, 0, len(compose.Scenarios()))
	for _, s := range compose.Scenarios() {
		labels = append(labels, s.Label)
	}
	c.scenario = &widgets.Select{Select: widget.Select{Options: labels, OnChanged: c.onScenario}}
	c.summary = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.scenarioArticle = &widget.Hyperlink{Text: "Read the advice", OnTapped: func() {
		if info, ok := composeScenarioInfo(c.scenarioID()); ok {
			c.ui.openArticle(info.Article)
		}
	}}
	c.linkedText = &widget.Label{Wrapping: fyne.TextWrapWord}
	unlink := &widget.Button{Text: "Unlink", Importance: widget.LowImportance, OnTapped: c.onUnlink}
	c.linked = widgets.NewBanner(theme.ColorNamePrimary, theme.NewPrimaryThemedResource(theme.HistoryIcon()),
		container.NewBorder(nil, nil, nil, container.NewCenter(unlink), c.linkedText))
	c.linked.Hide()
	// What was said to this company before, once its name is known.
	c.pastText = &widget.Label{Wrapping: fyne.TextWrapWord}
	c.pastBanner = widgets.NewBanner(theme.ColorNamePrimary, theme.NewPrimaryThemedResource(theme.HistoryIcon()), c.pastText)
	c.pastBanner.Hide()

	c.fromName = c.textField("Your full name", "")
	c.toName = c.textField("e.g. Dana Reyes", composeFieldToName)
	c.toEmail = c.textField("e.g. dana@example.com", composeFieldToEmail)
	c.company = c.textField("e.g. Acme Ltd", composeFieldCompany)
	c.role = c.textField("e.g. Product designer", "")

	c.date = c.textField("e.g. "+exampleDate(time.Now()).Format(c.dateLayout), composeFieldDate)
	c.date.ActionItem = c.calendarButton(c.date)
	c.clock = c.textField("e.g. 14:30", composeFieldTime)
	c.fold = &widget.RadioGroup{OnChanged: func(string) { c.changed() }}
	c.fold.Hide()
	c.clock.ActionItem = c.choicesButton(c.clock, trackerTimeSlots)
	c.zone = c.textField("e.g. Europe/London", composeFieldZone)
	c.zone.ActionItem = c.choicesButton(c.zone, func() []string { return zoneChoices(c.localZone) })

	c.reason = &widgets.Select{Select: widget.Select{PlaceHolder: "Choose a reason…", OnChanged: func(string) { c.changed() }}}
	c.toTitle = &widgets.Select{Select: widget.Select{Options: append([]string{composeNoTitle}, compose.Titles()...), Selected: composeNoTitle,
		OnChanged: func(string) { c.changed() }}}
	c.theirZone = c.textField("Same as above", composeFieldTheirZone)
	c.theirZone.ActionItem = c.choicesButton(c.theirZone, func() []string { return zoneChoices(c.localZone) })
	// One option a line: in a row the three would set the form's width.
	c.called = &widget.RadioGroup{Options: composeCalledLabels(), Selected: composeCalledLabels()[0],
		Required: true, OnChanged: func(string) { c.changed() }}
	c.disclose = &widget.RadioGroup{Options: []string{"None", "Brief", "Full"}, Selected: "Brief", Horizontal: true,
		Required: true, OnChanged: func(string) { c.changed() }}
	c.discloseHint = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	c.detail = c.textField("Optional detail, e.g. my train was cancelled", "")

	c.offer = &widgets.Check{Check: widget.Check{Text: "Offer to reschedule", OnChanged: func(bool) { c.changed() }}}
	c.slotBox = container.New(layout.NewCustomPaddedVBoxLayout(theme.Padding()))
	c.addSlotBtn = &widget.Button{Text: "Add another time", Icon: theme.ContentAddIcon(), OnTapped: func() {
		c.addSlot()
		c.changed()
	}}
	c.slotHint = &widget.Label{Text: "Two or three concrete times make it easy for them to say yes.",
		Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}

	c.tone = &widget.RadioGroup{Options: composeToneLabels(), Selected: composeToneLabels()[0], Horizontal: true,
		Required: true, OnChanged: func(string) {
			if !c.quiet {
				c.toneTouched = true
			}
			c.changed()
		}}
	c.doorOpen = &widgets.Check{Check: widget.Check{Text: "Keep the door open", Checked: true, OnChanged: func(bool) { c.changed() }}}
	c.doorHint = &widget.Label{Text: "Ends on a line about staying in touch.", SizeName: theme.SizeNameCaptionText}

	for _, s := range []*widgets.Select{c.scenario, c.reason, c.toTitle} {
		s.ExtendBaseWidget(s)
		s.OnFocusGained = func() { c.followFocus(s) }
	}
	for _, ch := range []*widgets.Check{c.offer, c.doorOpen} {
		ch.ExtendBaseWidget(ch)
		ch.OnFocusGained = func() { c.followFocus(ch) }
	}

	// Labels line up across sections: each sits on a spacer as wide as the
	// widest label.
	var keys []*widget.Label
	var spacers []*canvas.Rectangle
	c.rows = map[string][]fyne.CanvasObject{}
	c.sectionHeads = map[string]*widget.Label{}
	row := func(group, label string, content fyne.CanvasObject) []fyne.CanvasObject {
		l := &widget.Label{Text: label, TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignTrailing}
		sp := canvas.NewRectangle(color.Transparent)
		keys, spacers = append(keys, l), append(spacers, sp)
		cell := container.NewStack(sp, l)
		if group != "" {
			c.rows[group] = append(c.rows[group], cell, content)
		}
		return []fyne.CanvasObject{cell, content}
	}
	sections := []fyne.CanvasObject{}
	section := func(group, title string, rows ...[]fyne.CanvasObject) {
		var cells []fyne.CanvasObject
		for _, r := range rows {
			cells = append(cells, r...)
		}
		head := &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.HighImportance}
		if group != "" {
			c.sectionHeads[group] = head
		}
		box := container.NewVBox(widget.NewSeparator(), head, container.New(layout.NewFormLayout(), cells...))
		if group != "" {
			c.rows[group] = append(c.rows[group], box)
		}
		sections = append(sections, box)
	}
	section("", "Who it is for",
		row("", "Your name", c.fromName),
		// Objects in reading order, so Tab goes to the title before the name
		// (NewBorder would put the name first).
		row("", "Recipient", container.New(layout.NewBorderLayout(nil, nil, c.toTitle, nil),
			c.toTitle, c.withMessage(composeFieldToName, c.toName))),
		row("", "Their email", c.withMessage(composeFieldToEmail, c.toEmail)),
		row("", "Company", c.withMessage(composeFieldCompany, c.company)),
		row("", "Role", c.role))
	section("when", "The interview",
		row("", "Date and time", container.NewVBox(
			container.NewGridWithColumns(2, c.withMessage(composeFieldDate, c.date), c.withMessage(composeFieldTime, c.clock)),
			c.fold)),
		row("", "Time zone", c.withMessage(composeFieldZone, c.zone)),
		row("", "Their time zone", c.withMessage(composeFieldTheirZone, c.theirZone)),
		row("called", "Phoned already?", c.called))
	c.whenHead = c.sectionHeads["when"]
	section("reason", "The reason",
		row("", "Reason", c.reason),
		row("", "How much to say", container.New(layout.NewCustomPaddedVBoxLayout(0), c.disclose, c.discloseHint)),
		row("", compose.DetailLabel, c.detail))
	section("another", "Another time",
		row("offer", "", c.offer),
		row("slots", "Proposed times", container.New(layout.NewCustomPaddedVBoxLayout(theme.Padding()),
			c.slotBox, container.NewHBox(c.addSlotBtn), c.slotHint)))
	section("", "Style",
		row("", "Tone", c.tone),
		row("door", "", container.New(layout.NewCustomPaddedVBoxLayout(0), c.doorOpen, c.doorHint)))
	width := float32(0)
	for _, l := range keys {
		width = max(width, l.MinSize().Width)
	}
	for _, sp := range spacers {
		sp.SetMinSize(fyne.NewSize(width, 0))
	}

	head := &widget.Label{Text: "What do you need to write?", TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	top := container.NewVBox(head, c.scenario,
		container.NewBorder(nil, nil, nil, container.NewVBox(c.scenarioArticle), c.summary),
		c.linked, c.pastBanner)
	c.formBody = container.NewVBox(append([]fyne.CanvasObject{top}, sections...)...)
	c.formScroll = container.NewVScroll(container.NewPadded(c.formBody))
	return c.formScroll
}

// textField is a one-line entry that re-drafts as the user types; when it
// has an error message (field != ""), losing focus lets the message show.
func (c *composeTab) textField(placeholder, field string) *widgets.Entry {
	e := widgets.NewEntry(placeholder)
	e.OnChanged = func(string) { c.changed() }
	c.limit(e, data.MaxFieldBytes)
	e.OnFocusGained = func() {
		c.followFocus(e)
		c.afterEvent()
	}
	if field != "" {
		e.OnFocusLost = func() {
			if strings.TrimSpace(e.Text) != "" && !c.armed[field] {
				c.armed[field] = true
				c.changed()
			}
		}
	}
	return e
}

// limit keeps e within limit bytes, saying so when a paste was cut.
func (c *composeTab) limit(e *widgets.Entry, limit int) {
	e.Limit = limit
	e.OnCut = func(size int) {
		c.setStatus(sentence(data.TooLong("that text", size, limit))+" The rest was not pasted.", widget.WarningImportance)
	}
}

// withMessage puts the field's error message (hidden while there is none)
// under it.
func (c *composeTab) withMessage(field string, o fyne.CanvasObject) fyne.CanvasObject {
	msg := &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	msg.Hide()
	c.msgs[field] = msg
	return container.New(layout.NewCustomPaddedVBoxLayout(0), o, msg)
}

// calendarButton opens a month view under a date entry; picking a day
// writes it into the entry, which can also be typed in.
func (c *composeTab) calendarButton(e *widgets.Entry) *widget.Button {
	b := &widget.Button{Icon: theme.CalendarIcon(), Importance: widget.LowImportance}
	b.OnTapped = func() {
		start := c.now()
		if d, ok := c.parseDate(e.Text); ok {
			start = d
		}
		cv := fyne.CurrentApp().Driver().CanvasForObject(e)
		if cv == nil {
			return
		}
		var pop *widget.PopUp
		cal := widget.NewCalendar(start, func(t time.Time) {
			pop.Hide()
			e.SetText(t.Format(c.dateLayout))
			cv.Focus(e)
		})
		pop = widget.NewPopUp(cal, cv)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).AddXY(0, e.Size().Height)
		pop.ShowAtPosition(pos)
		pop.Resize(fyne.NewSize(max(e.Size().Width, pop.MinSize().Width), pop.MinSize().Height))
	}
	return b
}

// choicesButton drops a menu of common values under an entry that also
// takes any typed value.
func (c *composeTab) choicesButton(e *widgets.Entry, options func() []string) *widget.Button {
	b := &widget.Button{Icon: theme.MenuDropDownIcon(), Importance: widget.LowImportance}
	b.OnTapped = func() {
		cv := fyne.CurrentApp().Driver().CanvasForObject(e)
		if cv == nil {
			return
		}
		var items []*fyne.MenuItem
		for _, o := range options() {
			items = append(items, fyne.NewMenuItem(o, func() { e.SetText(o) }))
		}
		pop := widget.NewPopUpMenu(fyne.NewMenu("", items...), cv)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).AddXY(0, e.Size().Height)
		pop.ShowAtPosition(pos)
		pop.Resize(fyne.NewSize(e.Size().Width, pop.MinSize().Height))
	}
	return b
}

// composeNoTitle is the title select's "none" choice.
const composeNoTitle = "No title"

// composeCalledLabels are the choices for what the user did by phone, in
// the order of compose's Called values.
func composeCalledLabels() []string {
	return []string{"Not yet", "I spoke to them", "I left a voicemail"}
}

// composeToneLabels are the tone choices as the radio buttons show them.
func composeToneLabels() []string {
	var out []string
	for _, t := range compose.Tones() {
		s := string(t)
		out = append(out, strings.ToUpper(s[:1])+s[1:])
	}
	return out
}

// composeDiscloseHint explains a disclosure level in a line.
func composeDiscloseHint(level string) string {
	switch level {
	case "None":
		return "No reason at all. You never owe one."
	case "Full":
		return "The general wording plus " + compose.DetailLabel + " below, exactly as typed."
	default:
		return "The reason in general words, such as “a family emergency”."
	}
}

// composeScenarioInfo finds a scenario's label, summary and article.
func composeScenarioInfo(id compose.Scenario) (compose.ScenarioInfo, bool) { return compose.Info(id) }

// composeInfo is a known scenario's description (the zero one otherwise).
func composeInfo(id compose.Scenario) compose.ScenarioInfo {
	info, _ := compose.Info(id)
	return info
}

// scenarioID is the scenario picked in the form.
func (c *composeTab) scenarioID() compose.Scenario {
	if i := c.scenario.SelectedIndex(); i >= 0 {
		return compose.Scenarios()[i].ID
	}
	return compose.Scenarios()[0].ID
}

// slotsShown reports whether the form proposes other times for s: a
// reschedule always does, other scenarios when the user offers to.
func (c *composeTab) slotsShown(s compose.Scenario) bool {
	u := compose.Uses(s)
	return u.Slots && (!u.OfferReschedule || c.offer.Checked)
}

// applyVisibility shows only the fields scenario s uses, and lays the form
// out again when anything appeared or went.
func (c *composeTab) applyVisibility(s compose.Scenario) {
	u := compose.Uses(s)
	info := composeInfo(s)
	c.setReasons(info.Reasons)
	head := info.WhenMeans
	if head == "" {
		head = "The interview"
	}
	setTextQuietly(c.whenHead, head)
	for _, o := range c.rows["called"] {
		c.setVisible(o, info.Moment == compose.Upcoming)
	}
	for group, on := range map[string]bool{
		"when":    u.When,
		"reason":  u.Reason,
		"offer":   u.OfferReschedule,
		"slots":   c.slotsShown(s),
		"another": u.OfferReschedule || u.Slots,
		"door":    u.KeepDoorOpen,
	} {
		for _, o := range c.rows[group] {
			c.setVisible(o, on)
		}
	}
	c.setVisible(c.addSlotBtn, len(c.slots) < compose.MaxSlots)
	add := "Add another time"
	if len(c.slots) == 0 {
		add = "Add a time"
	}
	if c.addSlotBtn.Text != add {
		c.addSlotBtn.SetText(add)
	}
	c.setVisible(c.doorHint, c.doorOpen.Checked)
	disclose := c.disclose.Selected
	if hint := composeDiscloseHint(disclose); c.discloseHint.Text != hint {
		c.discloseHint.SetText(hint)
	}
	composeSetEnabled(c.reason, disclose != "None")
	composeSetEnabled(c.detail, disclose == "Full")
	hint := "Choose Full above to use " + compose.DetailLabel
	if disclose == "Full" {
		hint = "Optional detail, e.g. my train was cancelled"
	}
	if c.detail.PlaceHolder != hint {
		c.detail.SetPlaceHolder(hint)
	}
	if c.relayout {
		c.relayout = false
		composeRelayout(c.formScroll)
	}
}

// setVisible shows or hides o, noting that the form needs laying out.
func (c *composeTab) setVisible(o fyne.CanvasObject, on bool) {
	if showIf(o, on) {
		c.relayout = true
	}
}

func composeSetEnabled(w fyne.Disableable, on bool) {
	if w.Disabled() == on {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// setReasons offers the reasons that fit the scenario. The reason chosen
// stays when it still fits; one that does not is cleared, never carried
// into a draft it contradicts.
func (c *composeTab) setReasons(ids []compose.Reason) {
	if slices.Equal(ids, c.reasonIDs) {
		return
	}
	var keep compose.Reason
	if i := c.reason.SelectedIndex(); i >= 0 && i < len(c.reasonIDs) {
		keep = c.reasonIDs[i]
	}
	c.reasonIDs = ids
	labels := make([]string, len(ids))
	for i, id := range ids {
		labels[i] = compose.ReasonLabel(id)
	}
	quietly(&c.quiet, func() {
		c.reason.Options = labels
		c.reason.ClearSelected()
		if i := slices.Index(ids, keep); i >= 0 {
			c.reason.SetSelectedIndex(i)
		}
		c.reason.Refresh()
	})
}

// addSlot adds a proposed time, prefilled with the next working day after
// the interview (or the last proposed time) so the user only adjusts it.
func (c *composeTab) addSlot() {
	if len(c.slots) >= compose.MaxSlots {
		return
	}
	s := &composeSlot{
		date:  widgets.NewEntry(c.date.PlaceHolder),
		clock: widgets.NewEntry("10:00"),
		msg:   &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText},
	}
	s.msg.Hide()
	s.date.ActionItem = c.calendarButton(s.date)
	s.clock.ActionItem = c.choicesButton(s.clock, trackerTimeSlots)
	day, clock := c.nextSlot()
	s.date.SetText(day.Format(c.dateLayout))
	s.clock.SetText(clock)
	for _, e := range []*widgets.Entry{s.date, s.clock} {
		e.OnChanged = func(string) { c.changed() }
		e.OnFocusLost = func() {
			if !c.armed[composeSlotsField] {
				c.armed[composeSlotsField] = true
				c.changed()
			}
		}
	}
	remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { c.removeSlot(s) }}
	s.box = container.New(layout.NewCustomPaddedVBoxLayout(0),
		container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(2, s.date, s.clock)), s.msg)
	c.slots = append(c.slots, s)
	c.slotBox.Add(s.box)
	c.relayout = true
}

func (c *composeTab) removeSlot(s *composeSlot) {
	for i, x := range c.slots {
		if x == s {
			c.slots = append(c.slots[:i], c.slots[i+1:]...)
			c.slotBox.Remove(s.box)
			c.relayout = true
			break
		}
	}
	c.changed()
}

// clearSlots removes every proposed time.
func (c *composeTab) clearSlots() {
	c.slots = nil
	c.slotBox.RemoveAll()
	c.relayout = true
}

// nextSlot suggests a day and time for a new proposed slot: the next
// weekday after today, the interview and any slot already proposed, at the
// interview's time of day (or 10:00).
func (c *composeTab) nextSlot() (time.Time, string) {
	now := c.now()
	base := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	consider := func(text string) {
		if d, ok := c.parseDate(text); ok && d.After(base) {
			base = d
		}
	}
	consider(c.date.Text)
	for _, s := range c.slots {
		consider(s.date.Text)
	}
	day := base.AddDate(0, 0, 1)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	clock := "10:00"
	if h, m, err := compose.ParseClock(c.clock.Text); err == nil && strings.TrimSpace(c.clock.Text) != "" {
		clock = fmt.Sprintf("%02d:%02d", h, m)
	}
	return day, clock
}

// parseDate reads a date in the layout the calendar writes, or as
// YYYY-MM-DD, which is unambiguous everywhere.
func (c *composeTab) parseDate(text string) (time.Time, bool) {
	d, err := compose.ParseDate(text, c.dateLayout)
	return d, err == nil
}

// wall combines a typed date and time in loc; it says which of the two is
// wrong, or which is missing when the other is given.
func (c *composeTab) wall(dateText, clockText string, loc *time.Location) (t time.Time, dateErr, clockErr string) {
	dateText, clockText = strings.TrimSpace(dateText), strings.TrimSpace(clockText)
	if dateText == "" && clockText == "" {
		return time.Time{}, "", ""
	}
	day, err := compose.ParseDate(dateText, c.dateLayout)
	switch {
	case dateText == "":
		dateErr = "Pick the day as well."
	case err != nil:
		dateErr = sentence(err.Error())
	}
	h, m, err := compose.ParseClock(clockText)
	switch {
	case clockText == "":
		clockErr = "Enter the time as well."
	case err != nil:
		clockErr = sentence(err.Error())
	}
	if dateErr != "" || clockErr != "" || loc == nil {
		return time.Time{}, dateErr, clockErr
	}
	at, err := compose.Wall(day.Year(), day.Month(), day.Day(), h, m, loc)
	var we *compose.WallError
	if errors.As(err, &we) && we.Kind == compose.WallGap {
		// Never shifted silently into the email: the user picks the time.
		return time.Time{}, "", sentence(we.Error())
	}
	return at, "", ""
}

// whenFold settles a clock time the clocks pass twice: the interview's own
// time asks which of the two is meant, offering both, and the draft uses
// the one chosen (the first until the user says otherwise).
func (c *composeTab) whenFold(dateText, clockText string, loc *time.Location, at time.Time) time.Time {
	we := c.ambiguity(dateText, clockText, loc)
	if we == nil {
		c.setVisible(c.fold, false)
		return at
	}
	options := []string{
		compose.ClockLabel(we.Earlier) + ", the first time",
		compose.ClockLabel(we.Later) + ", after the clocks go back",
	}
	if !slices.Equal(c.fold.Options, options) {
		c.fold.Options = options
		c.fold.Selected = options[0]
		c.fold.Refresh()
	}
	c.setVisible(c.fold, true)
	if c.fold.Selected == options[1] {
		return we.Later
	}
	return we.Earlier
}

// ambiguity is the WallError of a typed date and time that happens twice
// in loc, or nil.
func (c *composeTab) ambiguity(dateText, clockText string, loc *time.Location) *compose.WallError {
	day, ok := c.parseDate(strings.TrimSpace(dateText))
	h, m, err := compose.ParseClock(strings.TrimSpace(clockText))
	if !ok || err != nil || loc == nil || strings.TrimSpace(clockText) == "" {
		return nil
	}
	_, err = compose.Wall(day.Year(), day.Month(), day.Day(), h, m, loc)
	var we *compose.WallError
	if errors.As(err, &we) && we.Kind == compose.WallAmbiguous {
		return we
	}
	return nil
}

// zoneState is what the composer knows about a typed time zone name.
type zoneState int

const (
	zoneReady zoneState = iota
	zoneLoading
	zoneUnknown
)

// zoneFor returns the location for a zone name from the cache. A name not
// loaded yet is queued: zone files live on disk, so they are read off the
// UI goroutine once the current event is over, and the form redrafts then.
func (c *composeTab) zoneFor(name string) (*time.Location, zoneState) {
	if loc, state := c.ui.zones.lookup(name); state != zoneLoading {
		return loc, state
	}
	if !c.zoneLoading[name] && !slices.Contains(c.zoneWanted, name) {
		c.wantZone(name, c.changed)
	}
	return nil, zoneLoading
}

// wantZone queues a zone to load when the current event is over; then
// (which may be nil) runs once it is in the cache.
func (c *composeTab) wantZone(name string, then func()) {
	if name == "" {
		return
	}
	if _, state := c.ui.zones.lookup(name); state != zoneLoading {
		if then != nil {
			then()
		}
		return
	}
	if then != nil {
		c.zoneWaiters[name] = append(c.zoneWaiters[name], then)
	}
	if !c.zoneLoading[name] && !slices.Contains(c.zoneWanted, name) {
		c.zoneWanted = append(c.zoneWanted, name)
	}
}

// afterEvent starts, in one job off the UI goroutine, the work the event
// asked for: the settings (with the computer's zone and the common zones)
// the first time, and any zones the form is waiting for. It runs last in a
// UI event, so the job never overlaps the event's own widget changes.
func (c *composeTab) afterEvent() {
	if !c.built {
		return
	}
	first := !c.started
	c.started = true
	c.loadHistory()
	names := c.zoneWanted
	c.zoneWanted = nil
	if !first && len(names) == 0 {
		return
	}
	for _, n := range names {
		c.zoneLoading[n] = true
	}
	store := c.ui.env.Store
	var st data.Settings
	var settingsErr error
	local := c.localZone
	c.ui.background(func() error {
		if first {
			local = localZoneName()
			if store != nil {
				st, settingsErr = store.LoadSettings(context.Background())
			}
			names = append(names, local, st.DefaultZone)
			names = append(names, zoneChoices(local)...)
		}
		c.ui.zones.load(names...)
		return nil
	}, func(error) {
		var waiters []func()
		for _, n := range names {
			delete(c.zoneLoading, n)
			waiters = append(waiters, c.zoneWaiters[n]...)
			delete(c.zoneWaiters, n)
		}
		if first {
			c.localZone = local
			if settingsErr != nil {
				c.setStatus("Your settings could not be read, so defaults are used: "+settingsErr.Error(), widget.WarningImportance)
			}
			c.applySettings(st)
		}
		for _, w := range waiters {
			w()
		}
		// The redrafts above may have asked for zones of their own.
		c.afterEvent()
	})
}

// collect reads the form into the engine's input, keeping only what the
// scenario uses, and lists the fields that cannot be read.
func (c *composeTab) collect() (compose.Input, map[string]string) {
	s := c.scenarioID()
	u := compose.Uses(s)
	errs := map[string]string{}
	in := compose.Input{
		Scenario:  s,
		FromName:  strings.TrimSpace(c.fromName.Text),
		Signature: c.signature,
		ToName:    strings.TrimSpace(c.toName.Text),
		ToEmail:   strings.TrimSpace(c.toEmail.Text),
		Company:   strings.TrimSpace(c.company.Text),
		Role:      strings.TrimSpace(c.role.Text),
		Now:       c.now(),
		Tone:      c.toneChosen(),
	}
	if c.interview != nil {
		// Where it happens comes with the interview: the drafts that
		// confirm a time or say you are late speak of it.
		in.Location = c.interview.Location
	}
	if in.ToEmail != "" && data.ValidateEmail(in.ToEmail) != nil {
		errs[composeFieldToEmail] = "Enter an address like name@example.com."
	}
	in.Zone = c.collectZone(s, errs)
	if u.When {
		in.When = c.collectWhen(in.Zone, errs)
	}
	if u.Reason {
		in.Disclose = compose.Disclosure(strings.ToLower(c.disclose.Selected))
		if i := c.reason.SelectedIndex(); i >= 0 && i < len(c.reasonIDs) {
			in.Reason = c.reasonIDs[i]
		}
		in.Detail = c.detail.Text
	}
	c.collectRecipient(&in, errs)
	in.OfferReschedule = u.OfferReschedule && c.offer.Checked
	if c.slotsShown(s) {
		in.Slots = c.collectSlots(in.Zone, errs)
	}
	in.KeepDoorOpen = u.KeepDoorOpen && c.doorOpen.Checked
	return in, errs
}

// loadHistory reads, off the UI goroutine, what was sent to the company
// before, once the company's name has changed: the checks then notice a
// second cancellation.
func (c *composeTab) loadHistory() {
	name, email := strings.TrimSpace(c.company.Text), strings.TrimSpace(c.toEmail.Text)
	key := c.historyKey()
	if key == c.historyFor || c.ui.env.Store == nil {
		return
	}
	c.historyFor = key
	var events []data.Event
	store := c.ui.env.Store
	c.ui.background(func() (err error) {
		if name != "" || email != "" {
			events, err = store.MessagesTo(c.ui.ctx, name, email)
		}
		return err
	}, func(err error) {
		if err != nil || key != c.historyFor {
			return
		}
		history := composePriors(events)
		if slices.Equal(history, c.history) {
			return // nothing new: leave the form as the user has it
		}
		c.history = history
		c.showPast()
		c.changed()
	})
}

// composePriors turns filed messages into what the engine's checks read.
func composePriors(events []data.Event) []compose.Prior {
	out := make([]compose.Prior, 0, len(events))
	for _, e := range events {
		if e.Scenario == "" {
			continue
		}
		out = append(out, compose.Prior{Scenario: compose.Scenario(e.Scenario), At: e.At, Reason: compose.Reason(e.Reason)})
	}
	return out
}

// collectRecipient reads what the form and the settings say about the
// recipient and the writer: title, zones, the call already made, the
// variety of English, the number to call back on, and the channel.
func (c *composeTab) collectRecipient(in *compose.Input, errs map[string]string) {
	if c.toTitle.Selected != composeNoTitle {
		in.ToTitle = c.toTitle.Selected
	}
	if i := slices.Index(composeCalledLabels(), c.called.Selected); i > 0 && composeInfo(in.Scenario).Moment == compose.Upcoming {
		in.Called = []compose.Called{compose.CalledNo, compose.CalledSpoke, compose.CalledVoicemail}[i]
	}
	if name := strings.TrimSpace(c.theirZone.Text); name != "" && in.Zone != nil {
		switch loc, state := c.zoneFor(name); state {
		case zoneReady:
			in.TheirZone = loc
		case zoneUnknown:
			errs[composeFieldTheirZone] = fmt.Sprintf("%q is not a time zone; pick one from the list.", name)
		}
	}
	if c.yourZone != "" {
		if loc, state := c.zoneFor(c.yourZone); state == zoneReady {
			in.YourZone = loc
		}
	}
	in.English, in.Phone, in.Channel = c.english, c.phoneNumber, c.channelChosen()
	if c.historyKey() == c.historyFor {
		in.History = c.history
	}
}

// historyKey names what the loaded history is about: the company and the
// recipient's email ("" for neither), so history for another pair is never
// used.
func (c *composeTab) historyKey() string {
	name, email := strings.TrimSpace(c.company.Text), strings.TrimSpace(c.toEmail.Text)
	if name == "" && email == "" {
		return ""
	}
	return name + "\x00" + email
}

// toneChosen is the tone the radio buttons show (formal until one is).
func (c *composeTab) toneChosen() compose.Tone {
	for i, l := range composeToneLabels() {
		if l == c.tone.Selected {
			return compose.Tones()[i]
		}
	}
	return compose.ToneFormal
}

// collectZone reads the zone field; it only matters while some date is
// shown. A zone not loaded yet leaves zonePending set for the redraft.
func (c *composeTab) collectZone(s compose.Scenario, errs map[string]string) *time.Location {
	c.zonePending = false
	zoneText := strings.TrimSpace(c.zone.Text)
	if zoneText == "" || !(compose.Uses(s).When || c.slotsShown(s)) {
		return nil
	}
	l, state := c.zoneFor(zoneText)
	switch state {
	case zoneUnknown:
		errs[composeFieldZone] = fmt.Sprintf("%q is not a time zone; pick one from the list.", zoneText)
	case zoneLoading:
		c.zonePending = true
	}
	return l
}

// collectWhen reads the interview's date and time in loc.
func (c *composeTab) collectWhen(loc *time.Location, errs map[string]string) time.Time {
	when, dateErr, clockErr := c.wall(c.date.Text, c.clock.Text, loc)
	if dateErr != "" {
		errs[composeFieldDate] = dateErr
	}
	if clockErr != "" {
		errs[composeFieldTime] = clockErr
	}
	if strings.TrimSpace(c.date.Text) != "" && strings.TrimSpace(c.zone.Text) == "" {
		errs[composeFieldZone] = "Choose the time zone the interview is in."
	}
	if when.IsZero() {
		c.setVisible(c.fold, false)
		return when
	}
	return c.whenFold(c.date.Text, c.clock.Text, loc, when)
}

// collectSlots reads the proposed times, in loc (UTC while none is known).
func (c *composeTab) collectSlots(loc *time.Location, errs map[string]string) []time.Time {
	if loc == nil {
		loc = time.UTC
	}
	var slots []time.Time
	for i, sl := range c.slots {
		t, dateErr, clockErr := c.wall(sl.date.Text, sl.clock.Text, loc)
		switch {
		case dateErr != "":
			errs[composeSlotField(i)] = dateErr
		case clockErr != "":
			errs[composeSlotField(i)] = clockErr
		case !t.IsZero():
			slots = append(slots, t)
		}
	}
	return slots
}

func composeSlotField(i int) string { return fmt.Sprintf("slot%d", i+1) }

// showMessages puts each field's problem under it. A field's message only
// appears once the field is armed (left with text in it, or a save was
// tried); after that it follows every change, so it goes as soon as the
// problem does.
func (c *composeTab) showMessages(errs map[string]string) {
	for field, l := range c.msgs {
		composeSetMessage(l, errs[field], c.armed[field])
	}
	for i, s := range c.slots {
		composeSetMessage(s.msg, errs[composeSlotField(i)], c.armed[composeSlotsField])
	}
}

func composeSetMessage(l *widget.Label, msg string, armed bool) {
	if msg == "" || !armed {
		if l.Visible() {
			l.Hide()
		}
		return
	}
	if l.Text != msg {
		l.SetText(msg)
	}
	if !l.Visible() {
		l.Show()
	}
}

// followFocus scrolls the form so the field that just took the keyboard
// focus is in view, with a little of what surrounds it: Tab and Shift+Tab
// never move the focus somewhere the user cannot see.
func (c *composeTab) followFocus(o fyne.CanvasObject) {
	if f, ok := o.(fyne.Focusable); ok {
		c.lastFocus = f
	}
	if c.formScroll == nil || !o.Visible() {
		return
	}
	drv := c.ui.env.App.Driver()
	top := drv.AbsolutePositionForObject(o).Y - drv.AbsolutePositionForObject(c.formScroll).Y
	bottom := top + o.Size().Height
	view := c.formScroll.Size().Height
	margin := 2 * theme.Padding()
	off := c.formScroll.Offset
	switch {
	case top < margin:
		off.Y = max(0, off.Y+top-margin)
	case bottom > view-margin:
		off.Y += bottom - view + margin
	default:
		return
	}
	c.formScroll.ScrollToOffset(off)
}

// focusTarget is where the focus goes when the tab is shown: the field the
// user was last in, or the choice of what to write.
func (c *composeTab) focusTarget() fyne.Focusable {
	if c.lastFocus != nil && c.lastFocus.(fyne.CanvasObject).Visible() {
		return c.lastFocus
	}
	if c.scenario == nil {
		return nil
	}
	return c.scenario
}

// showPast shows the last exchange with the company the form names, or
// nothing when there has been none.
func (c *composeTab) showPast() {
	text := compose.LastExchange(c.history)
	if text != "" {
		text = "Before: " + text
	}
	if c.pastText.Text != text {
		c.pastText.SetText(text)
	}
	if showIf(c.pastBanner, text != "") {
		c.relayout = true
	}
}
