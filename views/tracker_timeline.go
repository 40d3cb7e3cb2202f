package views

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bridgekeeper/data"
	"bridgekeeper/views/widgets"
)

// timelinePanel is the side panel: the selected interview's details, what
// can be done with it, and its timeline, newest first.
type timelinePanel struct {
	t      *trackerTab
	iv     data.Interview
	has    bool
	events []data.Event
	seq    int // drops timelines that arrive after another row was chosen

	root        *fyne.Container
	page        *fyne.Container // everything in the scroll; refreshed to re-lay out
	placeholder fyne.CanvasObject
	scroll      *container.Scroll

	title    *widget.Label
	subtitle *widget.Label
	when     *widget.Label
	yourTime *widget.RichText
	contact  *widget.Label
	notes    *widget.Label
	// location shows where the interview is, as text to select; link
	// opens the meeting's address (linkURL). Their row, under locationKey,
	// is hidden when no location is known.
	location    *widget.Label
	link        *widget.Hyperlink
	linkURL     *url.URL
	locationKey *widget.Label
	locationBox *fyne.Container
	facts       *fyne.Container
	status      *widget.Select
	// settingStatus is true while the panel itself moves the select, so
	// that only the user's choices are saved.
	settingStatus bool

	ghost     *fyne.Container
	ghostText *widget.Label
	// damage says what of a stored row could not be read.
	damage     *fyne.Container
	damageText *widget.Label
	// allNotes opens a note too long to show here in full.
	allNotes *widget.Button

	compose    *widget.Button
	edit       *widget.Button
	exportICS  *widget.Button
	delete     *widget.Button
	note       *widgets.Entry
	addNote    *widget.Button
	timeline   *fyne.Container
	loadingMsg *widget.RichText
}

func newTimelinePanel(t *trackerTab) *timelinePanel {
	p := &timelinePanel{t: t}
	p.title = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameSubHeadingText}
	p.subtitle = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.when = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.yourTime = trackerQuiet("")
	p.yourTime.Wrapping = fyne.TextWrapWord
	p.contact = &widget.Label{Wrapping: fyne.TextWrapWord, Selectable: true}
	p.notes = &widget.Label{Wrapping: fyne.TextWrapWord, Selectable: true}
	p.location = &widget.Label{Wrapping: fyne.TextWrapWord, Selectable: true}
	// One line, cut with an ellipsis: a meeting's address can run to
	// hundreds of characters that say nothing to a reader.
	p.link = &widget.Hyperlink{Truncation: fyne.TextTruncateEllipsis, OnTapped: p.onOpenLink}

	options := make([]string, 0, len(data.Statuses()))
	for _, s := range data.Statuses() {
		options = append(options, trackerStatusLabel(s))
	}
	p.status = &widget.Select{Options: options, OnChanged: p.onStatusChosen}
	p.status.ExtendBaseWidget(p.status)

	key := func(text string) *widget.Label {
		return &widget.Label{Text: text, TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignTrailing}
	}
	p.allNotes = &widget.Button{Text: "Show all", Icon: theme.VisibilityIcon(), Importance: widget.LowImportance, OnTapped: func() {
		p.t.ui.showLongText("Notes — "+trackerCompany(p.iv), p.iv.Notes, p.t.ui.env.Clipboard.Copy)
	}}
	p.allNotes.Hide()
	p.locationKey = key("Location")
	p.locationBox = container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), p.location, p.link)
	p.facts = container.New(layout.NewFormLayout(),
		key("When"), container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), p.when, p.yourTime),
		p.locationKey, p.locationBox,
		key("Contact"), p.contact,
		key("Status"), p.status,
		key("Notes"), container.NewVBox(p.notes, container.NewHBox(p.allNotes)),
	)
	p.damageText = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.damage = widgets.NewBanner(theme.ColorNameError, theme.NewErrorThemedResource(theme.ErrorIcon()), p.damageText)
	p.damage.Hide()

	p.ghostText = &widget.Label{Wrapping: fyne.TextWrapWord}
	markGhosted := &widget.Button{Text: "Mark as ghosted", Icon: theme.ConfirmIcon(), Importance: widget.LowImportance, OnTapped: func() {
		p.t.changeStatus(p.iv, data.StatusGhosted)
	}}
	// The button sits under the question so the question has the width.
	p.ghost = widgets.NewBanner(theme.ColorNameWarning, theme.QuestionIcon(),
		container.New(layout.NewCustomPaddedVBoxLayout(0), p.ghostText, container.NewHBox(markGhosted)))
	p.ghost.Hide()

	p.compose = &widget.Button{Text: "Compose about this interview", Icon: theme.MailComposeIcon(), Importance: widget.HighImportance,
		OnTapped: func() {
			iv := p.iv
			// Switching first leaves the composer's own loading as the
			// last thing this tap does.
			p.t.ui.SelectTab(TabCompose)
			p.t.ui.composeAbout(&iv, "")
		}}
	p.edit = &widget.Button{Text: "Edit", Icon: theme.DocumentCreateIcon(), OnTapped: t.onEdit}
	p.exportICS = &widget.Button{Text: "Export to calendar", Icon: theme.CalendarIcon(), OnTapped: func() { p.t.onExportOne(p.iv) }}
	// The delete button is an icon alone: the red bin is widely understood,
	// and the panel stays narrow enough to leave the table its room.
	p.delete = &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: t.onDelete}
	actions := container.NewVBox(p.compose,
		container.NewBorder(nil, nil, container.NewHBox(p.edit, p.exportICS), p.delete))

	p.note = &widgets.Entry{Entry: widget.Entry{PlaceHolder: "Add a note…", OnSubmitted: func(string) { p.onAddNote() }}}
	p.note.ExtendBaseWidget(p.note)
	p.note.ExtendBaseWidget(p.note)
	p.addNote = &widget.Button{Text: "Add note", Icon: theme.ContentAddIcon(), OnTapped: p.onAddNote}
	p.note.OnChanged = func(s string) {
		if strings.TrimSpace(s) == "" {
			p.addNote.Disable()
		} else {
			p.addNote.Enable()
		}
	}
	p.addNote.Disable()
	p.loadingMsg = trackerQuiet("")
	p.timeline = container.NewVBox()
	heading := &widget.Label{Text: "Timeline", TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}

	p.page = container.NewVBox(
		p.title, p.subtitle,
		p.damage,
		p.ghost,
		actions,
		widget.NewSeparator(),
		p.facts,
		widget.NewSeparator(),
		heading,
		container.NewBorder(nil, nil, nil, p.addNote, p.note),
		p.loadingMsg,
		p.timeline,
	)
	p.scroll = container.NewVScroll(container.NewPadded(p.page))
	p.placeholder = widgets.NewEmptyState(theme.InfoIcon(), "No interview selected",
		"Choose a row to see its details and timeline. Double-click a row, or press Enter, to edit it.")
	p.scroll.Hide()
	p.root = container.NewStack(p.placeholder, p.scroll)
	return p
}

// clear shows the "nothing selected" message.
func (p *timelinePanel) clear() {
	p.has = false
	p.seq++
	p.scroll.Hide()
	p.placeholder.Show()
	p.setShown(false)
}

// setShown gives the panel its share of the tab, or the table all of it.
func (p *timelinePanel) setShown(on bool) {
	if showIf(p.root, on) && p.t.split != nil {
		p.t.split.Refresh()
	}
}

// show fills the panel from iv and loads its timeline.
func (p *timelinePanel) show(iv data.Interview) {
	if !p.has || p.iv.ID != iv.ID {
		p.note.SetText("")
		p.scroll.ScrollToTop()
	}
	p.iv, p.has = iv, true
	p.placeholder.Hide()
	p.scroll.Show()
	p.setShown(true)
	p.render()
	p.loadEvents()
}

// render shows the interview's fields.
func (p *timelinePanel) render() {
	iv := &p.iv
	setTextQuietly(p.title, trackerCompany(*iv))
	setTextQuietly(p.subtitle, iv.Role)
	showIf(p.subtitle, strings.TrimSpace(iv.Role) != "")

	now := time.Now()
	if iv.StartsAt.IsZero() {
		p.when.SetText("No date yet")
		p.yourTime.Hide()
	} else {
		// The interview's own time on the first line; how far off it is on
		// a line of its own, where "in 5 h" cannot be split by wrapping;
		// the user's time when their zone differs.
		at := p.t.local(briefOf(iv))
		p.when.SetText(at.Format("Mon 2 Jan 2006, 15:04 MST"))
		quiet := RelativeTime(iv.StartsAt, now)
		mine := p.t.userTime(briefOf(iv))
		_, atOff := at.Zone()
		_, myOff := mine.Zone()
		if atOff != myOff {
			quiet += "\nYour time: " + mine.Format("Mon 2 Jan, 15:04 MST")
		}
		trackerSetText(p.yourTime, quiet)
		p.yourTime.Show()
	}
	p.exportICS.Enable()
	if iv.StartsAt.IsZero() {
		p.exportICS.Disable()
	}

	p.renderLocation(strings.TrimSpace(iv.Location))

	name, email := strings.TrimSpace(iv.ContactName), strings.TrimSpace(iv.ContactEmail)
	switch {
	case name != "" && email != "":
		setTextQuietly(p.contact, name+" <"+email+">")
	case name+email != "":
		p.contact.SetText(name + email)
	default:
		p.contact.SetText("—")
	}
	// A long note shows its start; all of it is a click away, in a view
	// that stays quick however long it is.
	notes, cut := longTextPreview(strings.TrimSpace(iv.Notes), longTextRunes, longTextLines)
	if notes == "" {
		notes = "—"
	}
	setTextQuietly(p.notes, notes)
	showIf(p.allNotes, cut)
	if iv.Damage != "" {
		p.damageText.SetText("This interview needs attention: " + iv.Damage + ". Edit it to enter the missing values again, or delete it.")
		p.damage.Show()
	} else {
		p.damage.Hide()
	}

	quietly(&p.settingStatus, func() { p.status.SetSelectedIndex(slices.Index(data.Statuses(), iv.Status)) })
	p.ghost.Hide()
	p.relayout()
}

// renderLocation shows where the interview is. A meeting's link is a link
// to open; an address, or a note with a link in it ("Zoom https://…
// passcode 4417"), is text to select, with its link under it. Only http
// and https are ever opened.
func (p *timelinePanel) renderLocation(loc string) {
	showIf(p.locationKey, loc != "")
	showIf(p.locationBox, loc != "")
	p.linkURL = nil
	if u, ok := trackerWebLink(loc); ok {
		p.linkURL = u
		p.link.SetText(loc)
		p.location.Hide()
		p.link.Show()
		return
	}
	setTextQuietly(p.location, loc)
	p.location.Show()
	if u, ok := trackerWebLink(strings.TrimRight(trackerLinkInText.FindString(loc), ".,;:)]>")); ok {
		p.linkURL = u
		p.link.SetText("Open the link")
		p.link.Show()
		return
	}
	p.link.Hide()
}

// trackerLinkInText finds a web address inside a longer location.
var trackerLinkInText = regexp.MustCompile(`(?i)https?://[^\s<>"]+`)

// trackerWebLink reads text that is a web address and nothing else: http
// or https, with a host. Anything else (a mailto:, a file:, an address
// with a colon in it) is not a link to open.
func trackerWebLink(text string) (*url.URL, bool) {
	if text == "" || strings.ContainsAny(text, " \t\r\n") {
		return nil, false
	}
	u, err := url.Parse(text)
	if err != nil || u.Host == "" {
		return nil, false
	}
	if scheme := strings.ToLower(u.Scheme); scheme != "http" && scheme != "https" {
		return nil, false
	}
	return u, true
}

// onOpenLink hands the location's link to the desktop, off the UI
// goroutine: the opener waits to hear whether a browser took it.
func (p *timelinePanel) onOpenLink() {
	u, opener := p.linkURL, p.t.ui.env.Opener
	if u == nil || opener == nil {
		return
	}
	p.t.bg(func() error { return opener.OpenURL(u) }, func(err error) {
		if err != nil {
			p.t.ui.showError("The link could not be opened", err)
		}
	})
}

// loadEvents fetches the timeline off the UI goroutine.
func (p *timelinePanel) loadEvents() {
	p.seq++
	seq, id := p.seq, p.iv.ID
	var events []data.Event
	if len(p.timeline.Objects) == 0 {
		trackerSetText(p.loadingMsg, "Loading the timeline…")
		p.loadingMsg.Show()
	}
	p.t.bg(func() (err error) {
		events, err = p.t.ui.env.Store.Events(p.t.ui.ctx, id)
		return err
	}, func(err error) {
		if seq != p.seq {
			return
		}
		if err != nil {
			trackerSetText(p.loadingMsg, "The timeline could not be loaded: "+err.Error())
			p.loadingMsg.Show()
			return
		}
		p.loadingMsg.Hide()
		p.events = events
		p.renderEvents(time.Now())
	})
}

// renderEvents lists the timeline (newest first, as the store returns it)
// and offers to mark a long-silent interview as ghosted.
func (p *timelinePanel) renderEvents(now time.Time) {
	rows := make([]fyne.CanvasObject, 0, len(p.events))
	for _, e := range p.events {
		rows = append(rows, p.eventRow(e, now))
	}
	p.timeline.Objects = rows
	p.timeline.Refresh()

	last := map[int64]time.Time{}
	if len(p.events) > 0 {
		last[p.iv.ID] = p.events[0].At
	}
	if slices.Contains(data.GhostedCandidates([]data.Interview{p.iv}, last, now), p.iv.ID) {
		quiet := p.iv.CreatedAt
		for _, at := range []time.Time{last[p.iv.ID], p.iv.StartsAt} {
			if at.After(quiet) {
				quiet = at
			}
		}
		days := int(now.Sub(quiet) / (24 * time.Hour))
		p.ghostText.SetText(fmt.Sprintf("No word for %d days — mark as ghosted?", days))
		p.ghost.Show()
	} else {
		p.ghost.Hide()
	}
	p.relayout()
}

// relayout lays the panel out twice: wrapped text learns its width in the
// first pass and asks for its height in the second.
func (p *timelinePanel) relayout() {
	p.page.Refresh()
	p.page.Refresh()
}

// trackerEventSummary is one timeline entry in words.
func trackerEventSummary(e data.Event) string {
	switch e.Kind {
	case data.EventCreated:
		if e.ToStatus != "" {
			return "Added to the tracker as " + trackerStatusLabel(e.ToStatus)
		}
		return "Added to the tracker"
	case data.EventStatus:
		if e.FromStatus == "" {
			return "Status set to " + trackerStatusLabel(e.ToStatus)
		}
		return trackerStatusLabel(e.FromStatus) + " → " + trackerStatusLabel(e.ToStatus)
	case data.EventDraft:
		// Which way it went out: the timeline says so.
		what := map[string]string{"phone": "Phone call script filed", "voicemail": "Voicemail script filed",
			"text": "Text message filed"}[e.Channel]
		if what == "" {
			what = "Email drafted"
		}
		if s := strings.TrimSpace(e.Subject); s != "" {
			return what + ": " + s
		}
		return what
	case data.EventNote:
		preview, _ := longTextPreview(e.Body, longTextRunes, longTextLines)
		return preview
	}
	return string(e.Kind)
}

func trackerEventIcon(k data.EventKind) fyne.Resource {
	switch k {
	case data.EventCreated:
		return theme.ContentAddIcon()
	case data.EventStatus:
		return theme.NavigateNextIcon()
	case data.EventDraft:
		return theme.MailSendIcon()
	}
	return theme.DocumentIcon()
}

func (p *timelinePanel) eventRow(e data.Event, now time.Time) fyne.CanvasObject {
	text := &widget.Label{Text: trackerEventSummary(e), Wrapping: fyne.TextWrapWord, Selectable: e.Kind == data.EventNote}
	meta := e.At.Local().Format("Mon 2 Jan 2006, 15:04") + " · " + RelativeTime(e.At, now)
	if e.Kind == data.EventDraft && e.Scenario != "" {
		meta += " · " + strings.ReplaceAll(e.Scenario, "-", " ")
	}
	// The date line wraps too: in a narrow pane it was cut off.
	when := &widget.RichText{Wrapping: fyne.TextWrapWord, Segments: []widget.RichTextSegment{&widget.TextSegment{Text: meta,
		Style: widget.RichTextStyle{SizeName: theme.SizeNameCaptionText, ColorName: theme.ColorNamePlaceHolder}}}}
	// Pull the date up under its line: a label's padding would double it.
	inner := theme.InnerPadding()
	lines := []fyne.CanvasObject{text, when}
	// The action goes under the entry, not beside it, so it takes no width
	// from the text.
	switch {
	case e.Kind == data.EventDraft:
		lines = append(lines, container.NewHBox(&widget.Button{Text: "View draft", Icon: theme.VisibilityIcon(),
			Importance: widget.LowImportance, OnTapped: func() { p.showDraft(e) }}))
	case e.Kind == data.EventNote && text.Text != e.Body:
		lines = append(lines, container.NewHBox(&widget.Button{Text: "Show all", Icon: theme.VisibilityIcon(),
			Importance: widget.LowImportance, OnTapped: func() {
				p.t.ui.showLongText("Note — "+trackerCompany(p.iv), e.Body, p.t.ui.env.Clipboard.Copy)
			}}))
	}
	body := container.New(layout.NewCustomPaddedVBoxLayout(-inner), lines...)
	icon := container.NewVBox(container.NewPadded(widget.NewIcon(trackerEventIcon(e.Kind))))
	return container.NewBorder(nil, nil, icon, nil, body)
}

// showDraft shows a filed draft in full, selectable, with Copy buttons.
func (p *timelinePanel) showDraft(e data.Event) {
	subject := &widget.Label{Text: e.Subject, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord, Selectable: true}
	body := &widget.Label{Text: e.Body, Wrapping: fyne.TextWrapWord, Selectable: true}
	status := trackerQuiet("")
	copyText := func(what, text string) {
		if err := p.t.ui.env.Clipboard.Copy(text); err != nil {
			trackerSetText(status, "Could not copy: "+err.Error())
			return
		}
		trackerSetText(status, what+" copied to the clipboard.")
	}
	copyBody := &widget.Button{Text: "Copy email", Icon: theme.ContentCopyIcon(), Importance: widget.HighImportance,
		OnTapped: func() { copyText("The email", e.Body) }}
	copySubject := &widget.Button{Text: "Copy subject", Icon: theme.ContentCopyIcon(),
		OnTapped: func() { copyText("The subject", e.Subject) }}
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(560, 320))
	content := container.NewBorder(container.NewVBox(subject, widget.NewSeparator()), status, nil, nil, scroll)
	d := dialog.NewCustomWithoutButtons("Draft filed "+e.At.Local().Format("2 Jan 2006, 15:04"), content, p.t.ui.env.Window)
	closeBtn := &widget.Button{Text: "Close", OnTapped: d.Hide}
	d.SetButtons([]fyne.CanvasObject{closeBtn, copySubject, copyBody})
	p.t.ui.showDialog(d)
}

func (p *timelinePanel) onStatusChosen(label string) {
	if p.settingStatus || !p.has {
		return
	}
	i := p.status.SelectedIndex()
	if i < 0 || data.Statuses()[i] == p.iv.Status {
		return
	}
	p.t.changeStatus(p.iv, data.Statuses()[i])
}

// changeStatus records a new status on the timeline, which also moves the
// interview to it.
func (t *trackerTab) changeStatus(iv data.Interview, to data.Status) {
	ev := &data.Event{InterviewID: iv.ID, Kind: data.EventStatus, ToStatus: to}
	var stored data.Interview
	t.bg(func() error {
		if err := t.ui.env.Store.AddEvent(context.Background(), ev); err != nil {
			return err
		}
		// Read it back: the store gave it a new version (UpdatedAt), which
		// the next edit must start from.
		var err error
		stored, err = t.ui.env.Store.Interview(context.Background(), iv.ID)
		return err
	}, func(err error) {
		if err != nil {
			t.ui.showError("The status could not be changed", err)
			if t.detail.has && t.detail.iv.ID == iv.ID {
				t.detail.render()
			}
			return
		}
		t.upsert(stored)
		if t.selectedID == iv.ID {
			t.detail.show(stored)
		}
		if to == data.StatusAccepted && iv.Status != data.StatusAccepted {
			t.offerCloseOthers(stored)
		}
	})
}

func (p *timelinePanel) onAddNote() {
	text := strings.TrimSpace(p.note.Text)
	if text == "" || !p.has {
		return
	}
	ev := &data.Event{InterviewID: p.iv.ID, Kind: data.EventNote, Body: text}
	p.addNote.Disable()
	p.t.bg(func() error {
		return p.t.ui.env.Store.AddEvent(context.Background(), ev)
	}, func(err error) {
		if err != nil {
			p.addNote.Enable()
			p.t.ui.showError("The note could not be saved", err)
			return
		}
		if p.has && p.iv.ID == ev.InterviewID {
			p.note.SetText("")
			p.loadEvents()
		}
	})
}
