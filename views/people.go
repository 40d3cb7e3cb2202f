package views

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/compose"
	"bridgekeeper/data"
	"bridgekeeper/textfold"
	"bridgekeeper/views/widgets"
)

// peopleTab is the People tab: every company the user has dealt with, how
// the bridge stands with each, and, for the one chosen, everything that
// happened with it, oldest first.
type peopleTab struct {
	ui *UI

	all     []data.CompanySummary // every company, by name
	shown   []data.CompanySummary // those the search matches
	current *data.CompanySummary
	history []data.HistoryEntry
	// checkIns are the chosen company's reminders to reconnect, contacts
	// its people (listed in people).
	checkIns []data.CheckIn
	contacts []data.Contact
	people   *fyne.Container
	// seq numbers history loads, so a slow one never lands over a newer.
	seq int

	// merges are the pairs of names that may be one company, offered in
	// the merge banner one at a time.
	merges    []data.MergeSuggestion
	merge     *fyne.Container
	mergeText *widget.Label

	search  *widgets.Entry
	list    *widget.List
	count   *widget.RichText
	empty   *fyne.Container
	page    *fyne.Container // the chosen company's page
	none    *fyne.Container // shown when no company is chosen
	title   *widget.Label
	website *widget.Hyperlink
	notes   *widget.Label
	// contactText is each company's people as search text, by company.
	contactText map[int64]string
	bridge      *widget.Label
	summary     *widget.RichText
	action      *widget.Button
	entries     *fyne.Container
}

func newPeople(u *UI) *peopleTab { return &peopleTab{ui: u} }

func (p *peopleTab) tabItem() *container.TabItem {
	return p.ui.lazyItem("People", theme.AccountIcon(), p.buildUI)
}

func (p *peopleTab) buildUI() fyne.CanvasObject {
	p.search = &widgets.Entry{Entry: widget.Entry{PlaceHolder: "Search companies and people…", OnChanged: func(string) { p.applySearch() }}}
	p.search.ExtendBaseWidget(p.search)
	p.list = widget.NewList(func() int { return len(p.shown) }, p.newRow, p.updateRow)
	p.list.OnSelected = p.onSelected
	p.count = trackerQuiet("")
	p.empty = widgets.NewEmptyState(theme.AccountIcon(), "No companies yet",
		"Every company you add an interview with appears here, with how you left things and what you told them.")
	p.empty.Hide()
	// Names that may be one company are offered one pair at a time.
	p.mergeText = &widget.Label{Wrapping: fyne.TextWrapWord}
	merge := &widget.Button{Text: "Merge", Importance: widget.LowImportance, OnTapped: func() { p.onMerge(true) }}
	apart := &widget.Button{Text: "Not the same", Importance: widget.LowImportance, OnTapped: func() { p.onMerge(false) }}
	p.merge = widgets.NewBanner(theme.ColorNameWarning, theme.NewWarningThemedResource(theme.QuestionIcon()),
		container.NewVBox(p.mergeText, container.NewHBox(layout.NewSpacer(), apart, merge)))
	p.merge.Hide()
	left := container.NewBorder(container.NewVBox(p.search, p.merge), p.count, nil, nil, container.NewStack(p.list, p.empty))

	p.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord}
	p.bridge = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.summary = trackerQuiet("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.action = &widget.Button{Icon: theme.MailComposeIcon(), Importance: widget.HighImportance}
	p.action.Hide()
	p.entries = container.New(layout.NewCustomPaddedVBoxLayout(0))
	history := &widget.Label{Text: "History", TextStyle: fyne.TextStyle{Bold: true}}
	people := &widget.Label{Text: "People", TextStyle: fyne.TextStyle{Bold: true}}
	p.people = container.NewVBox()
	editCompany := &widget.Button{Text: "Edit", Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance, OnTapped: p.onEditCompany}
	p.website = &widget.Hyperlink{}
	p.website.Hide()
	p.notes = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.notes.Hide()
	p.page = container.NewVBox(container.NewBorder(nil, nil, nil, editCompany, p.title), p.bridge, p.summary, p.website, p.notes,
		container.NewHBox(p.action), widget.NewSeparator(),
		people, p.people, widget.NewSeparator(), history, p.entries)
	p.none = widgets.NewEmptyState(theme.InfoIcon(), "No company chosen",
		"Choose a company to see every interview, status change, note and message you sent, oldest first.")
	right := container.NewStack(p.none, container.NewVScroll(container.NewPadded(p.page)))
	p.page.Hide()

	split := container.NewHSplit(left, right)
	split.SetOffset(0.35)
	return split
}

// onShown reads the companies again each time the tab appears: interviews
// saved on other tabs change them.
func (p *peopleTab) onShown() {
	var list []data.CompanySummary
	var merges []data.MergeSuggestion
	var text map[int64]string
	p.ui.background(func() (err error) {
		if list, err = p.ui.env.Store.Companies(p.ui.ctx); err != nil {
			return err
		}
		if merges, err = p.ui.env.Store.MergeSuggestions(p.ui.ctx); err != nil {
			return err
		}
		people, err := p.ui.env.Store.Contacts(p.ui.ctx, 0)
		text = map[int64]string{}
		for _, c := range people {
			text[c.CompanyID] += " " + textfold.Fold(c.Name+" "+c.Email)
		}
		return err
	}, func(err error) {
		if err != nil {
			p.ui.showError("The companies could not be loaded", err)
			return
		}
		p.all, p.merges, p.contactText = list, merges, text
		p.showMerge()
		p.applySearch()
		if p.current != nil {
			p.choose(p.current.ID)
		}
	})
}

// focusTarget is where the focus goes when the tab is shown.
func (p *peopleTab) focusTarget() fyne.Focusable {
	if p.search == nil {
		return nil
	}
	return p.search
}

// applySearch shows the companies whose name has every word of the search,
// accents and case aside.
func (p *peopleTab) applySearch() {
	words := strings.Fields(textfold.Fold(p.search.Text))
	p.shown = p.shown[:0]
	for _, c := range p.all {
		// A company is found by its name or by any of its people.
		name := textfold.Fold(c.Name) + p.contactText[c.ID]
		match := true
		for _, w := range words {
			match = match && strings.Contains(name, w)
		}
		if match {
			p.shown = append(p.shown, c)
		}
	}
	switch {
	case len(p.all) == 0:
		trackerSetText(p.count, "")
	case len(p.shown) == len(p.all):
		trackerSetText(p.count, plural(len(p.all), "company", "companies"))
	default:
		trackerSetText(p.count, fmt.Sprintf("%s of %s", thousands(len(p.shown)), plural(len(p.all), "company", "companies")))
	}
	showIf(p.empty, len(p.all) == 0)
	p.list.UnselectAll()
	p.list.Refresh()
}

func (p *peopleTab) newRow() fyne.CanvasObject {
	name := &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	return container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), name, trackerQuiet(""))
}

func (p *peopleTab) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(p.shown) {
		return
	}
	c := p.shown[i]
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(c.Name)
	trackerSetText(box.Objects[1].(*widget.RichText), peopleRowNote(c, time.Now()))
}

// peopleRowNote is the line under a company's name: the bridge, then how
// many interviews and when last in touch.
func peopleRowNote(c data.CompanySummary, now time.Time) string {
	parts := []string{c.Bridge.Label()}
	if c.Interviews > 0 {
		parts = append(parts, plural(c.Interviews, "interview", "interviews"))
	}
	if !c.LastContact.IsZero() {
		parts = append(parts, "last "+RelativeTime(c.LastContact, now))
	}
	return strings.Join(parts, " · ")
}

// peopleSummary is the line under the bridge on a company's page.
func peopleSummary(c data.CompanySummary, now time.Time) string {
	if c.Interviews == 0 {
		return "No interviews yet."
	}
	parts := []string{plural(c.Interviews, "interview", "interviews")}
	if c.Open > 0 {
		parts = append(parts, fmt.Sprintf("%d still open", c.Open))
	}
	if !c.LastContact.IsZero() {
		parts = append(parts, "last in touch "+RelativeTime(c.LastContact, now)+" ("+c.LastContact.Local().Format("2 Jan 2006")+")")
	}
	return strings.Join(parts, " · ")
}

func (p *peopleTab) onSelected(i widget.ListItemID) {
	if i >= 0 && i < len(p.shown) {
		p.choose(p.shown[i].ID)
	}
}

// choose shows a company's page and loads its history.
func (p *peopleTab) choose(id int64) {
	var c *data.CompanySummary
	for i := range p.all {
		if p.all[i].ID == id {
			c = &p.all[i]
		}
	}
	if c == nil {
		p.current = nil
		p.page.Hide()
		p.none.Show()
		return
	}
	p.current = c
	p.title.SetText(c.Name)
	showIf(p.website, c.Website != "")
	if c.Website != "" {
		p.website.SetText(c.Website)
		_ = p.website.SetURLFromString(c.Website)
	}
	p.notes.SetText(c.Notes)
	showIf(p.notes, c.Notes != "")
	p.bridge.SetText(peopleBridgeSentence(c.Bridge))
	trackerSetText(p.summary, peopleSummary(*c, time.Now()))
	p.none.Hide()
	p.page.Show()
	p.seq++
	seq := p.seq
	var list []data.HistoryEntry
	var checkIns []data.CheckIn
	var contacts []data.Contact
	p.ui.background(func() (err error) {
		if list, err = p.ui.env.Store.CompanyHistory(p.ui.ctx, id); err != nil {
			return err
		}
		if checkIns, err = p.ui.env.Store.CheckIns(p.ui.ctx, id); err != nil {
			return err
		}
		contacts, err = p.ui.env.Store.Contacts(p.ui.ctx, id)
		return err
	}, func(err error) {
		if seq != p.seq {
			return
		}
		if err != nil {
			p.ui.showError("The company's history could not be loaded", err)
			return
		}
		p.history, p.checkIns, p.contacts = list, checkIns, contacts
		p.renderContacts()
		p.renderHistory()
	})
}

// peopleBridgeSentence says in a sentence how things stand.
func peopleBridgeSentence(b data.Bridge) string {
	switch b {
	case data.BridgeInProcess:
		return "In process: an interview or offer with them is still open."
	case data.BridgeLeftWell:
		return "Left well: you stepped back and told them so."
	case data.BridgeLeftSilently:
		return "Left without a word: you stepped back but no message is on file. A short note now still helps."
	case data.BridgeWentQuiet:
		return "They went quiet: no answer after your last exchange."
	case data.BridgeSaidNo:
		return "They said no."
	}
	return "No contact yet."
}

// renderHistory lists the history, oldest first, and offers the message
// the bridge calls for.
func (p *peopleTab) renderHistory() {
	objs := make([]fyne.CanvasObject, 0, len(p.history))
	for _, h := range p.history {
		line := &widget.Label{Text: peopleHistoryLine(h), Wrapping: fyne.TextWrapWord}
		when := trackerQuiet(h.At.Local().Format("Mon 2 Jan 2006, 15:04"))
		objs = append(objs, container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), when, line))
	}
	if len(objs) == 0 {
		objs = append(objs, trackerQuiet("Nothing yet."))
	}
	for _, k := range p.checkIns {
		line := "Check-in set for " + k.Due.Local().Format("2 Jan 2006")
		if !k.Done.IsZero() {
			line += ", written " + k.Done.Local().Format("2 Jan 2006")
		}
		objs = append(objs, &widget.Label{Text: line, Wrapping: fyne.TextWrapWord, Importance: widget.HighImportance})
	}
	p.entries.Objects = objs
	p.entries.Refresh()
	p.offerMessage()
}

// offerMessage shows the button for the message the bridge calls for: a
// word after leaving silently, a check-in after leaving well.
func (p *peopleTab) offerMessage() {
	if p.current == nil || len(p.history) == 0 {
		p.action.Hide()
		return
	}
	last := p.history[len(p.history)-1].InterviewID
	var scenario compose.Scenario
	switch p.current.Bridge {
	case data.BridgeLeftSilently:
		p.action.SetText("Write to them now")
		scenario = compose.ScenarioApology
	case data.BridgeLeftWell, data.BridgeWentQuiet, data.BridgeSaidNo:
		p.action.SetText("Check in")
		scenario = compose.ScenarioCheckIn
	default:
		p.action.Hide()
		return
	}
	p.action.OnTapped = func() { p.onCompose(last, scenario) }
	p.action.Show()
}

// onCompose opens the composer about an interview with the company.
func (p *peopleTab) onCompose(id int64, scenario compose.Scenario) {
	var iv data.Interview
	p.ui.background(func() (err error) {
		iv, err = p.ui.env.Store.Interview(p.ui.ctx, id)
		return err
	}, func(err error) {
		if err != nil {
			p.ui.showError("The interview could not be read", err)
			return
		}
		p.ui.composeAbout(&iv, string(scenario))
	})
}

// peopleHistoryLine says what happened, as a timeline reads.
func peopleHistoryLine(h data.HistoryEntry) string {
	what := strings.TrimSpace(h.Role)
	if what == "" {
		what = "Interview"
	}
	switch h.Kind {
	case data.EventCreated:
		line := what + " added as " + trackerStatusLabel(h.ToStatus)
		if !h.StartsAt.IsZero() {
			line += ", for " + h.StartsAt.Local().Format("2 Jan 2006")
		}
		return line
	case data.EventStatus:
		return fmt.Sprintf("%s: %s → %s", what, trackerStatusLabel(h.FromStatus), trackerStatusLabel(h.ToStatus))
	case data.EventDraft:
		return peopleMessageLine(h)
	case data.EventNote:
		return "Note: " + strings.Join(strings.Fields(h.Body), " ")
	}
	return string(h.Kind)
}

// peopleMessageLine describes a message sent: what, how, and what it said.
func peopleMessageLine(h data.HistoryEntry) string {
	label := "A message"
	if info, ok := composeScenarioInfo(compose.Scenario(h.Scenario)); ok {
		label = info.Label
	}
	line := label + " sent"
	if h.Channel != "" && h.Channel != "email" {
		line += " by " + h.Channel
	}
	if s := strings.TrimSpace(h.Subject); s != "" {
		line += ": “" + s + "”"
	}
	var said []string
	if h.Reason != "" {
		said = append(said, "reason: "+strings.ReplaceAll(h.Reason, "-", " "))
	}
	if h.Disclose != "" {
		said = append(said, "said: "+h.Disclose)
	}
	if h.Tone != "" {
		said = append(said, "tone: "+h.Tone)
	}
	if len(said) > 0 {
		line += " (" + strings.Join(said, ", ") + ")"
	}
	return line
}

// showMerge offers the first pair of names that may be one company.
func (p *peopleTab) showMerge() {
	if len(p.merges) == 0 {
		p.merge.Hide()
		return
	}
	m := p.merges[0]
	text := fmt.Sprintf("“%s” and “%s” may be one company (%s).", m.A.Name, m.B.Name, m.Why)
	if n := len(p.merges); n > 1 {
		text += fmt.Sprintf(" %d more pairs to look at.", n-1)
	}
	p.mergeText.SetText(text)
	p.merge.Show()
}

// onMerge merges the pair offered into the first name, or records that
// they are two companies; then the list is read again.
func (p *peopleTab) onMerge(same bool) {
	if len(p.merges) == 0 {
		return
	}
	m := p.merges[0]
	p.ui.background(func() error {
		if same {
			return p.ui.env.Store.MergeCompanies(p.ui.ctx, m.A.ID, m.B.ID)
		}
		return p.ui.env.Store.KeepApart(p.ui.ctx, m.A.ID, m.B.ID)
	}, func(err error) {
		if err != nil {
			p.ui.showError("The companies could not be merged", err)
			return
		}
		p.onShown()
	})
}
