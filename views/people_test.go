package views

import (
	"bridgekeeper/views/widgets"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// peopleOpen shows the People tab (Ctrl+4) and waits for it to load.
func peopleOpen(h *harness) *peopleTab {
	trackerAct(h, func() { h.shortcut(fyne.Key4) })
	return h.ui.people
}

// From the window alone: every company, how each was left, and what was
// said, oldest first; the company left without a word is offered a note.
func TestPeopleTabShowsEveryCompanyAndItsHistory(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	now := time.Now()
	ivs := trackerSeed(t, h,
		data.Interview{Company: "ACME, Inc.", Role: "Engineer", StartsAt: now.Add(48 * time.Hour), TimeZone: "UTC", Status: data.StatusScheduled},
		data.Interview{Company: "Acme Inc", Role: "Designer", TimeZone: "UTC", Status: data.StatusRejected},
		data.Interview{Company: "Globex", Role: "Analyst", TimeZone: "UTC", Status: data.StatusScheduled},
		data.Interview{Company: "Initech", Role: "QA", TimeZone: "UTC", Status: data.StatusWithdrawn},
	)
	if err := h.store.AddEvent(ctx, &data.Event{InterviewID: ivs[2].ID, Kind: data.EventDraft, Scenario: string(compose.ScenarioWithdraw),
		Subject: "Withdrawing my application", Body: "…", Reason: "other-offer", Disclose: "brief", Channel: "email"}); err != nil {
		t.Fatal(err)
	}
	ivs[2].Status = data.StatusWithdrawn
	if err := h.store.UpdateInterview(ctx, &ivs[2]); err != nil {
		t.Fatal(err)
	}
	p := peopleOpen(h)
	if h.ui.Selected() != TabPeople || h.win.Canvas().Focused() != p.search {
		t.Fatalf("Ctrl+4 shows tab %d with the focus on %T", h.ui.Selected(), h.win.Canvas().Focused())
	}
	rows := map[string]string{}
	for _, c := range p.shown {
		rows[c.Name] = peopleRowNote(c, now)
	}
	for name, want := range map[string]string{"ACME, Inc.": "in process", "Globex": "left well", "Initech": "left without a word"} {
		if !strings.HasPrefix(rows[name], want) {
			t.Errorf("%s reads %q, want %q first", name, rows[name], want)
		}
	}
	if len(rows) != 3 || p.count.String() != "3 companies" {
		t.Errorf("companies listed: %v (%q): Acme's two spellings are one", rows, p.count.String())
	}
	// Globex: the message sent, with what it said.
	trackerAct(h, func() { p.list.Select(peopleIndex(p, "Globex")) })
	text := trackerTexts(p.page)
	for _, want := range []string{"Globex", "Left well", "Analyst added as Scheduled", "Withdraw from the process sent: “Withdrawing my application” (reason: other offer, said: brief)", "Scheduled → Withdrawn"} {
		if !strings.Contains(text, want) {
			t.Errorf("Globex's page lacks %q:\n%s", want, text)
		}
	}
	if !p.action.Visible() || p.action.Text != "Check in" {
		t.Errorf("after leaving well the page offers %q (shown %v)", p.action.Text, p.action.Visible())
	}
	// Initech: left without a word, so a note is offered, which opens the
	// composer about that interview.
	trackerAct(h, func() { p.list.Select(peopleIndex(p, "Initech")) })
	if !p.action.Visible() || p.action.Text != "Write to them now" {
		t.Fatalf("left without a word, the page offers %q", p.action.Text)
	}
	trackerAct(h, func() { test.Tap(p.action) })
	if h.ui.Selected() != TabCompose || h.ui.compose.company.Text != "Initech" || h.ui.compose.scenarioID() != compose.ScenarioApology {
		t.Errorf("Write to them now opened tab %d with company %q, scenario %s", h.ui.Selected(), h.ui.compose.company.Text, h.ui.compose.scenarioID())
	}
	// Search folds accents and case.
	p = peopleOpen(h)
	trackerAct(h, func() { test.Type(p.search, "GLÖ") })
	if len(p.shown) != 1 || p.shown[0].Name != "Globex" || p.count.String() != "1 of 3 companies" {
		t.Errorf("search GLÖ shows %d (%q)", len(p.shown), p.count.String())
	}
}

func TestPeopleTabWithNoCompanies(t *testing.T) {
	h := newHarness(t)
	p := peopleOpen(h)
	if !p.empty.Visible() || len(p.shown) != 0 || p.page.Visible() {
		t.Errorf("with no interviews the tab shows empty=%v, %d rows, page=%v", p.empty.Visible(), len(p.shown), p.page.Visible())
	}
}

func peopleIndex(p *peopleTab, name string) int {
	for i, c := range p.shown {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// The composer remembers: naming a company with history shows the last
// exchange, under any spelling, and a draft that contradicts it is warned.
func TestComposerShowsWhatWasSaidBefore(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	ivs := trackerSeed(t, h, data.Interview{Company: "Acme", Role: "Engineer", TimeZone: "UTC", Status: data.StatusWithdrawn})
	if err := h.store.AddEvent(ctx, &data.Event{InterviewID: ivs[0].ID, Kind: data.EventDraft, Scenario: string(compose.ScenarioWithdraw),
		Subject: "Withdrawing", Body: "…", Reason: string(compose.ReasonOtherOffer)}); err != nil {
		t.Fatal(err)
	}
	c := h.ui.compose
	trackerAct(h, func() {
		c.company.SetText("ACME, Inc.")
		c.afterEvent()
	})
	if !c.pastBanner.Visible() || !strings.Contains(c.pastText.Text, "You withdrew on") || !strings.Contains(c.pastText.Text, "another offer") {
		t.Fatalf("the panel shows %v: %q", c.pastBanner.Visible(), c.pastText.Text)
	}
	// Asking to reschedule now contradicts "another offer".
	trackerAct(h, func() { c.scenario.SetSelected(composeLabelOf(compose.ScenarioReschedule)) })
	if text := trackerTexts(c.preview); !strings.Contains(text, "Carrying on now contradicts that") {
		t.Errorf("no history warning in the checks:\n%s", text)
	}
	trackerAct(h, func() {
		c.company.SetText("Globex")
		c.afterEvent()
	})
	if c.pastBanner.Visible() {
		t.Errorf("a company with no history still shows %q", c.pastText.Text)
	}
}

func composeLabelOf(s compose.Scenario) string {
	info, _ := compose.Info(s)
	return info.Label
}

// Every message filed: after a copy the composer offers to file the draft
// as sent, files it once, and does not offer it again until it changes; the
// timeline says which way it went out.
func TestCopyOffersToFileTheDraftAsSent(t *testing.T) {
	h, c := composeOpen(t)
	composeFill(c)
	composeWhen(c, composeNow().Add(72*time.Hour))
	if c.fileBtn.Visible() {
		t.Fatal("File as sent is offered before anything was copied")
	}
	test.Tap(c.copyBtn)
	h.ui.Wait()
	if !c.fileBtn.Visible() {
		t.Fatal("no offer to file the copied draft")
	}
	test.Tap(c.fileBtn)
	h.ui.Wait()
	if d := trackerDialog(h); d != nil {
		test.Tap(trackerButton(t, d, "Not now"))
	}
	ivs, err := h.store.Interviews(context.Background())
	if err != nil || len(ivs) != 1 {
		t.Fatalf("interviews after filing = %d, %v", len(ivs), err)
	}
	events, _ := h.store.Events(context.Background(), ivs[0].ID)
	if len(events) == 0 || events[0].Kind != data.EventDraft || events[0].Channel != "email" || events[0].Body != c.body.Text {
		t.Fatalf("timeline = %+v", events)
	}
	if c.fileBtn.Visible() {
		t.Error("File as sent is still offered for the draft just filed")
	}
	test.Tap(c.copyBtn)
	h.ui.Wait()
	if c.fileBtn.Visible() {
		t.Error("copying the same draft again offers to file it twice")
	}
	for channel, want := range map[string]string{"email": "Email drafted: S", "voicemail": "Voicemail script filed", "text": "Text message filed"} {
		if got := trackerEventSummary(data.Event{Kind: data.EventDraft, Channel: channel, Subject: map[string]string{"email": "S"}[channel]}); got != want {
			t.Errorf("a %s draft reads %q, want %q", channel, got, want)
		}
	}
}

// Accept one, close the rest: marking an offer accepted lists the other
// open processes, each with the message it needs, which opens the composer.
func TestAcceptingAnOfferOffersToCloseTheRest(t *testing.T) {
	h := newHarness(t)
	now := time.Now()
	ivs := trackerSeed(t, h,
		data.Interview{Company: "Acme", Role: "Engineer", StartsAt: now.Add(-48 * time.Hour), TimeZone: "UTC", Status: data.StatusOffer},
		data.Interview{Company: "Globex", Role: "Analyst", StartsAt: now.Add(-24 * time.Hour), TimeZone: "UTC", Status: data.StatusOffer},
		data.Interview{Company: "Initech", Role: "QA", StartsAt: now.Add(72 * time.Hour), TimeZone: "UTC", Status: data.StatusScheduled},
		data.Interview{Company: "Hooli", Role: "SRE", StartsAt: now.Add(-96 * time.Hour), TimeZone: "UTC", Status: data.StatusRejected},
	)
	tr := trackerOpen(h)
	trackerAct(h, func() { tr.changeStatus(ivs[0], data.StatusAccepted) })
	d := trackerDialog(h)
	if d == nil {
		t.Fatal("accepting an offer offered nothing")
	}
	text := trackerTexts(d)
	for _, want := range []string{"2 processes are still open", "Globex (Analyst) · Offer", "Initech (QA) · Scheduled"} {
		if !strings.Contains(text, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Hooli") {
		t.Error("a closed process is listed")
	}
	trackerAct(h, func() { test.Tap(trackerButton(t, d, composeLabelOf(compose.ScenarioDeclineOffer)+"…")) })
	if h.ui.Selected() != TabCompose || h.ui.compose.company.Text != "Globex" || h.ui.compose.scenarioID() != compose.ScenarioDeclineOffer {
		t.Errorf("the button opened tab %d on %q, %s", h.ui.Selected(), h.ui.compose.company.Text, h.ui.compose.scenarioID())
	}
}

// Reconnect on purpose: a step-back message that keeps the door open offers
// a check-in; once due it is on every tab with a button that opens a
// check-in draft, and the company's page lists it.
func TestCheckInAfterSteppingBackFallsDueOnEveryTab(t *testing.T) {
	h, c := composeOpen(t)
	composeFill(c)
	trackerAct(h, func() { c.scenario.SetSelected(composeLabelOf(compose.ScenarioWithdraw)) })
	if !c.doorOpen.Checked {
		t.Fatal("the door is not kept open by default")
	}
	trackerAct(h, func() { test.Tap(c.saveBtn) })
	if d := trackerDialog(h); d != nil {
		trackerAct(h, func() { test.Tap(trackerButton(t, d, "Not now")) })
	}
	if !c.checkIn.Visible() {
		t.Fatal("no offer of a check-in after withdrawing with the door open")
	}
	trackerAct(h, func() { c.checkIn.SetSelected("In 3 months") })
	if c.checkIn.Visible() || !strings.Contains(c.status.Text, "check in with Acme Robotics on") {
		t.Errorf("after choosing: offer shown %v, status %q", c.checkIn.Visible(), c.status.Text)
	}
	ctx := context.Background()
	ks, err := h.store.CheckIns(ctx, 0)
	if err != nil || len(ks) != 1 || ks[0].Due.Before(time.Now().AddDate(0, 3, -1)) {
		t.Fatalf("check-ins = %+v, %v", ks, err)
	}
	// Three months on: bring it forward to now, as the clock would.
	if _, err := h.store.AddCheckIn(ctx, ks[0].InterviewID, time.Now().Add(time.Second), time.Now()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	tr := h.ui.tracker
	trackerAct(h, tr.loadCheckIns)
	if !strings.Contains(h.ui.reminderText(), "Time to check in with Acme Robotics") {
		t.Fatalf("reminder = %q", h.ui.reminderText())
	}
	for i, b := range h.ui.reminderBanners {
		if !b.act.Visible() || b.act.Text != "Write check-in" {
			t.Errorf("tab %d: the banner offers %q (shown %v)", i, b.act.Text, b.act.Visible())
		}
	}
	trackerAct(h, func() { test.Tap(h.ui.reminderBanners[TabAdvice].act) })
	if h.ui.Selected() != TabCompose || c.scenarioID() != compose.ScenarioCheckIn || c.company.Text != "Acme Robotics" {
		t.Errorf("Write check-in opened tab %d, %s for %q", h.ui.Selected(), c.scenarioID(), c.company.Text)
	}
	if strings.Contains(h.ui.reminderText(), "Time to check in") {
		t.Errorf("the written check-in is still reminded: %q", h.ui.reminderText())
	}
	p := peopleOpen(h)
	trackerAct(h, func() { p.list.Select(peopleIndex(p, "Acme Robotics")) })
	if text := trackerTexts(p.page); !strings.Contains(text, "Check-in set for") || !strings.Contains(text, "written") {
		t.Errorf("the company's page lacks its check-ins:\n%s", text)
	}
}

// Names that may be one company are offered for merging in the window,
// one pair at a time; merging joins their histories.
func TestPeopleTabOffersMerges(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h,
		data.Interview{Company: "Acme", Role: "Engineer", TimeZone: "UTC", Status: data.StatusScheduled},
		data.Interview{Company: "Acme Labs", Role: "Designer", TimeZone: "UTC", Status: data.StatusRejected},
		data.Interview{Company: "Globex", TimeZone: "UTC", Status: data.StatusScheduled},
		data.Interview{Company: "Globx", TimeZone: "UTC", Status: data.StatusScheduled},
	)
	p := peopleOpen(h)
	if !p.merge.Visible() || !strings.Contains(p.mergeText.Text, "“Acme” and “Acme Labs” may be one company") || !strings.Contains(p.mergeText.Text, "1 more") {
		t.Fatalf("merge offer shown %v: %q", p.merge.Visible(), p.mergeText.Text)
	}
	trackerAct(h, func() { test.Tap(trackerButton(t, p.merge, "Merge")) })
	if len(p.all) != 3 || !strings.Contains(p.mergeText.Text, "Globex") {
		t.Errorf("after merging: %d companies, offer %q", len(p.all), p.mergeText.Text)
	}
	trackerAct(h, func() { p.list.Select(peopleIndex(p, "Acme")) })
	if text := trackerTexts(p.page); !strings.Contains(text, "Engineer added") || !strings.Contains(text, "Designer added") {
		t.Errorf("the merged company's history lacks one side:\n%s", text)
	}
	trackerAct(h, func() { test.Tap(trackerButton(t, p.merge, "Not the same")) })
	if p.merge.Visible() || len(p.all) != 3 {
		t.Errorf("after keeping apart: offer shown %v, %d companies", p.merge.Visible(), len(p.all))
	}
}

// Adding an interview with a company left before shows what was said and
// offers a check-in to write first.
func TestAddingAnInterviewWithACompanyLeftShowsTheHistory(t *testing.T) {
	h := newHarness(t)
	ivs := trackerSeed(t, h, data.Interview{Company: "Acme", Role: "Engineer", TimeZone: "UTC", Status: data.StatusWithdrawn})
	if err := h.store.AddEvent(context.Background(), &data.Event{InterviewID: ivs[0].ID, Kind: data.EventDraft,
		Scenario: string(compose.ScenarioWithdraw), Subject: "Withdrawing", Body: "…", Reason: string(compose.ReasonOtherOffer)}); err != nil {
		t.Fatal(err)
	}
	tr := trackerOpen(h)
	trackerAct(h, tr.onAdd)
	f := tr.editor
	if f.past.Visible() {
		t.Fatal("history shown before a company was typed")
	}
	trackerAct(h, func() {
		f.company.SetText("acme inc")
		f.company.FocusLost()
	})
	if !f.past.Visible() || !strings.Contains(f.pastText.Text, "You withdrew on") || !f.pastWrite.Visible() {
		t.Fatalf("history shown %v: %q (write offered %v)", f.past.Visible(), f.pastText.Text, f.pastWrite.Visible())
	}
	trackerAct(h, func() { test.Tap(f.pastWrite) })
	if h.ui.Selected() != TabCompose || h.ui.compose.scenarioID() != compose.ScenarioCheckIn || h.ui.compose.company.Text != "Acme" {
		t.Errorf("Write a check-in opened tab %d, %s for %q", h.ui.Selected(), h.ui.compose.scenarioID(), h.ui.compose.company.Text)
	}
	trackerAct(h, tr.onAdd)
	trackerAct(h, func() {
		tr.editor.company.SetText("Globex")
		tr.editor.company.FocusLost()
	})
	if tr.editor.past.Visible() {
		t.Errorf("a new company shows history: %q", tr.editor.pastText.Text)
	}
}

// A company's page lists its people, and a person can be edited there.
func TestPeoplePageListsAndEditsContacts(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, data.Interview{Company: "Acme", ContactName: "Ana Roe", ContactEmail: "ana@acme.example", TimeZone: "UTC", Status: data.StatusScheduled})
	p := peopleOpen(h)
	trackerAct(h, func() { p.list.Select(peopleIndex(p, "Acme")) })
	if text := trackerTexts(p.people); !strings.Contains(text, "Ana Roe") || !strings.Contains(text, "ana@acme.example") {
		t.Fatalf("people on the page:\n%s", text)
	}
	trackerAct(h, func() { p.onEditContact(p.contacts[0]) })
	d := trackerDialog(h)
	if d == nil {
		t.Fatal("no edit dialog")
	}
	var role *widget.Select
	for _, s := range trackerAll[*widget.Select](d) {
		role = s
	}
	entries := trackerAll[*widgets.Entry](d)
	trackerAct(h, func() {
		role.SetSelected("Recruiter")
		entries[2].SetText("+44 20 7946 0000")
		test.Tap(trackerButton(t, d, "Save"))
	})
	if text := trackerTexts(p.people); !strings.Contains(text, "Recruiter") || !strings.Contains(text, "+44 20 7946 0000") {
		t.Errorf("after the edit:\n%s", text)
	}
	// A bad email is refused in the dialog, which stays open.
	trackerAct(h, func() { p.onEditContact(p.contacts[0]) })
	d = trackerDialog(h)
	trackerAct(h, func() {
		trackerAll[*widgets.Entry](d)[1].SetText("not an address")
		test.Tap(trackerButton(t, d, "Save"))
	})
	if trackerDialog(h) == nil || !strings.Contains(trackerTexts(d), "mail") {
		t.Errorf("a bad email was not refused in the dialog:\n%s", trackerTexts(d))
	}
}

// Contacts come in from a vCard file through the window, matched to the
// people already known by email.
func TestImportContactsFromAVCardFile(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, data.Interview{Company: "Acme", ContactName: "Ana Roe", ContactEmail: "ana@acme.example", TimeZone: "UTC", Status: data.StatusScheduled})
	vcf := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Roe\r\nEMAIL:ANA@acme.example\r\nTEL:+44 20 7946 0000\r\nORG:Acme\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Patel\r\nEMAIL:sam@globex.example\r\nORG:Globex Corp.\r\nEND:VCARD\r\n"
	p := peopleOpen(h)
	trackerAct(h, func() { p.importVCF(io.NopCloser(strings.NewReader(vcf)), "phone.vcf") })
	d := trackerDialog(h)
	if d == nil || !strings.Contains(trackerTexts(d), "Contacts imported") {
		t.Fatalf("after the import: %v", d)
	}
	cs, err := h.store.Contacts(context.Background(), 0)
	if err != nil || len(cs) != 2 {
		t.Fatalf("contacts = %+v, %v", cs, err)
	}
	for _, c := range cs {
		if c.Email == "ana@acme.example" && c.Phone != "+44 20 7946 0000" {
			t.Errorf("Ana's phone was not filled in: %+v", c)
		}
	}
	if len(p.all) != 2 {
		t.Errorf("the list was not read again: %d companies", len(p.all))
	}
}

// A company's name, website and notes are edited on its page, and the
// search finds a company by its people too.
func TestPeoplePageEditsTheCompanyAndSearchesPeople(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h,
		data.Interview{Company: "Acme", ContactName: "Zoë Müller", ContactEmail: "zoe@acme.example", TimeZone: "UTC", Status: data.StatusScheduled},
		data.Interview{Company: "Globex", TimeZone: "UTC", Status: data.StatusScheduled})
	p := peopleOpen(h)
	trackerAct(h, func() { test.Type(p.search, "muller") })
	if len(p.shown) != 1 || p.shown[0].Name != "Acme" {
		t.Fatalf("a search for a person shows %+v", p.shown)
	}
	trackerAct(h, func() { p.search.SetText("") })
	trackerAct(h, func() { p.list.Select(peopleIndex(p, "Acme")) })
	trackerAct(h, p.onEditCompany)
	d := trackerDialog(h)
	entries := trackerAll[*widgets.Entry](d)
	trackerAct(h, func() {
		entries[0].SetText("Acme Robotics")
		entries[1].SetText("https://acme.example")
		test.Tap(trackerButton(t, d, "Save"))
	})
	trackerAct(h, func() { p.list.Select(peopleIndex(p, "Acme Robotics")) })
	if p.current == nil || p.current.Name != "Acme Robotics" || !p.website.Visible() || p.website.Text != "https://acme.example" {
		t.Errorf("after the edit: %+v, website %q shown %v", p.current, p.website.Text, p.website.Visible())
	}
}

// The check-in can be set for a day of the user's choosing.
func TestCheckInOnADate(t *testing.T) {
	h, c := composeOpen(t)
	composeFill(c)
	trackerAct(h, func() { c.scenario.SetSelected(composeLabelOf(compose.ScenarioWithdraw)) })
	trackerAct(h, func() { test.Tap(c.saveBtn) })
	if d := trackerDialog(h); d != nil {
		trackerAct(h, func() { test.Tap(trackerButton(t, d, "Not now")) })
	}
	trackerAct(h, func() { c.checkIn.SetSelected(composeCheckInOnDate) })
	d := trackerDialog(h)
	if d == nil {
		t.Fatal("no date asked for")
	}
	day := time.Now().AddDate(0, 2, 0)
	trackerAct(h, func() {
		trackerAll[*widget.DateEntry](d)[0].SetDate(&day)
		test.Tap(trackerButton(t, d, "Remind me"))
	})
	ks, _ := h.store.CheckIns(context.Background(), 0)
	if len(ks) != 1 || ks[0].Due.Local().Format("2006-01-02 15:04") != day.Format("2006-01-02")+" 09:00" {
		t.Errorf("check-ins = %+v", ks)
	}
}

// The composer remembers people too: writing to a recruiter who has moved
// company shows what they were told at the last one.
func TestComposerRemembersThePerson(t *testing.T) {
	h := newHarness(t)
	ivs := trackerSeed(t, h, data.Interview{Company: "Acme", ContactName: "Ana Roe", ContactEmail: "ana@acme.example", TimeZone: "UTC", Status: data.StatusWithdrawn})
	if err := h.store.AddEvent(context.Background(), &data.Event{InterviewID: ivs[0].ID, Kind: data.EventDraft,
		Scenario: string(compose.ScenarioWithdraw), Subject: "Withdrawing", Body: "…"}); err != nil {
		t.Fatal(err)
	}
	c := h.ui.compose
	trackerAct(h, func() {
		c.company.SetText("Globex")
		c.toEmail.SetText("Ana@acme.example")
		c.afterEvent()
	})
	if !c.pastBanner.Visible() || !strings.Contains(c.pastText.Text, "You withdrew") {
		t.Errorf("writing to Ana at Globex shows %v: %q", c.pastBanner.Visible(), c.pastText.Text)
	}
}
