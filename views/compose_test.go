package views

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// composeNow is the fixed moment the composer tests run at.
func composeNow() time.Time { return time.Date(2030, 3, 4, 9, 0, 0, 0, time.UTC) }

// composeOpen builds the window with the composer's clock fixed and its
// settings loaded.
func composeOpen(t *testing.T) (*harness, *composeTab) {
	t.Helper()
	h := newHarness(t)
	c := h.ui.compose
	c.now = composeNow
	c.onShown()
	h.ui.Wait()
	c.zone.SetText("UTC")
	h.ui.Wait()
	return h, c
}

// composePick selects a scenario the way the user does, by its label.
func composePick(t *testing.T, c *composeTab, id compose.Scenario) {
	t.Helper()
	info, ok := composeScenarioInfo(id)
	if !ok {
		t.Fatalf("no scenario %s", id)
	}
	c.scenario.SetSelected(info.Label)
}

// composeWhen types an interview date and time into the form.
func composeWhen(c *composeTab, at time.Time) {
	c.date.SetText(at.Format(c.dateLayout))
	c.clock.SetText(at.Format("15:04"))
}

// composeRows is the text of every visible review row, with its kind.
func composeRows(c *composeTab) (warnings, passes []string) {
	for _, r := range append(c.toFix.rows, c.passed.rows...) {
		if !r.box.Visible() {
			continue
		}
		if r.link.Visible() {
			warnings = append(warnings, r.text.Text)
		} else {
			passes = append(passes, r.text.Text)
		}
	}
	return warnings, passes
}

func composeHas(list []string, part string) bool {
	for _, s := range list {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

func composeFill(c *composeTab) {
	c.fromName.SetText("Sam Taylor")
	c.company.SetText("Acme Robotics")
	c.role.SetText("Backend Engineer")
	c.toName.SetText("Dana Reyes")
	c.toEmail.SetText("dana@acme.example")
}

func TestComposeTypingUpdatesPreview(t *testing.T) {
	_, c := composeOpen(t)
	test.Type(c.company, "Acme Robotics")
	test.Type(c.toName, "Dana Reyes")
	if !strings.Contains(c.subject.Text, "Acme Robotics") {
		t.Errorf("subject %q lacks the company", c.subject.Text)
	}
	// The composer starts warm, which greets by first name.
	for _, want := range []string{"Hi Dana,", "Acme Robotics"} {
		if !strings.Contains(c.body.Text, want) {
			t.Errorf("body lacks %q:\n%s", want, c.body.Text)
		}
	}
}

func TestComposeEmptyFormReadsWellAndSaysWhatIsMissing(t *testing.T) {
	_, c := composeOpen(t)
	if c.scenarioID() != compose.ScenarioCancel {
		t.Errorf("first scenario = %s, want cancel", c.scenarioID())
	}
	if c.subject.Text == "" || !strings.HasPrefix(c.body.Text, "Hello,") {
		t.Errorf("empty form drafts subject %q, body %q", c.subject.Text, c.body.Text)
	}
	warnings, _ := composeRows(c)
	for _, want := range []string{"company", "recipient", "your name", "date and time"} {
		if !composeHas(warnings, want) {
			t.Errorf("review does not ask for the %s: %q", want, warnings)
		}
	}
}

func TestComposeScenarioChangesSubjectAndFields(t *testing.T) {
	_, c := composeOpen(t)
	composeFill(c)
	composeWhen(c, composeNow().Add(72*time.Hour))
	seen := map[string]compose.Scenario{}
	for _, tc := range []struct {
		scenario          compose.Scenario
		when, slots, door bool
	}{
		{compose.ScenarioReschedule, true, true, false},
		{compose.ScenarioCancel, true, false, true},
		{compose.ScenarioWithdraw, true, false, true},
		{compose.ScenarioDeclineOffer, false, false, true},
		{compose.ScenarioFollowUp, true, false, false},
	} {
		composePick(t, c, tc.scenario)
		if other, dup := seen[c.subject.Text]; dup {
			t.Errorf("%s has the same subject as %s: %q", tc.scenario, other, c.subject.Text)
		}
		seen[c.subject.Text] = tc.scenario
		if got := c.date.Visible() && c.rows["when"][0].Visible(); got != tc.when {
			t.Errorf("%s: interview time shown = %v, want %v", tc.scenario, got, tc.when)
		}
		if got := c.rows["slots"][1].Visible(); got != tc.slots {
			t.Errorf("%s: proposed times shown = %v, want %v", tc.scenario, got, tc.slots)
		}
		if got := c.rows["door"][1].Visible(); got != tc.door {
			t.Errorf("%s: keep-the-door-open shown = %v, want %v", tc.scenario, got, tc.door)
		}
	}
}

func TestComposeRescheduleWarnsWithoutSlotsUntilOneIsAdded(t *testing.T) {
	_, c := composeOpen(t)
	composeFill(c)
	composePick(t, c, compose.ScenarioReschedule)
	composeWhen(c, composeNow().Add(72*time.Hour))
	warnings, _ := composeRows(c)
	if !composeHas(warnings, "No alternative times") {
		t.Fatalf("reschedule without times should warn; warnings: %q", warnings)
	}
	test.Tap(c.addSlotBtn)
	warnings, passes := composeRows(c)
	if composeHas(warnings, "No alternative times") || !composeHas(passes, "Proposes 1 alternative time") {
		t.Errorf("after adding a time: warnings %q, passes %q", warnings, passes)
	}
	if len(c.in.Slots) != 1 || !c.in.Slots[0].After(c.in.When) {
		t.Errorf("proposed times = %v, want one after the interview %v", c.in.Slots, c.in.When)
	}
	if !strings.Contains(c.body.Text, c.in.Slots[0].Format("Monday, January 2")) {
		t.Errorf("body does not propose %v:\n%s", c.in.Slots[0], c.body.Text)
	}
	// A half-typed time is pointed out rather than silently dropped.
	c.slots[0].clock.SetText("25:99")
	warnings, _ = composeRows(c)
	if !composeHas(warnings, "Proposed time 1") {
		t.Errorf("an unreadable proposed time should be flagged; warnings %q", warnings)
	}
}

func TestComposeShortNoticeSuggestsLastMinuteAndPhoneScript(t *testing.T) {
	_, c := composeOpen(t)
	composeFill(c)
	composeWhen(c, composeNow().Add(5*time.Hour))
	if !c.suggest.Visible() || !strings.Contains(c.suggestText.Text, "in 5 hours") {
		t.Fatalf("suggestion shown %v, text %q", c.suggest.Visible(), c.suggestText.Text)
	}
	if c.scenarioID() != compose.ScenarioCancel {
		t.Fatal("the scenario must not change until the user agrees")
	}
	if !c.phone.Visible() || !strings.Contains(c.phoneText.Text, "today at 2:00 PM") {
		t.Errorf("phone script shown %v: %q", c.phone.Visible(), c.phoneText.Text)
	}
	test.Tap(c.suggestBtn)
	if c.scenarioID() != compose.ScenarioLastMinute {
		t.Errorf("after switching, scenario = %s", c.scenarioID())
	}
	if c.suggest.Visible() {
		t.Error("the suggestion should go once taken")
	}

	composeWhen(c, composeNow().Add(72*time.Hour))
	if c.phone.Visible() {
		t.Error("no phone script with three days' notice")
	}
}

func TestComposeSwitchingToWithdrawDropsOfferedTimes(t *testing.T) {
	_, c := composeOpen(t)
	composeFill(c)
	composeWhen(c, composeNow().Add(72*time.Hour))
	c.offer.SetChecked(true)
	test.Tap(c.addSlotBtn)
	composePick(t, c, compose.ScenarioWithdraw)
	if c.offer.Checked || len(c.slots) != 0 {
		t.Errorf("offer %v, %d slots left after switching to withdraw", c.offer.Checked, len(c.slots))
	}
	if warnings, _ := composeRows(c); composeHas(warnings, "reschedule") {
		t.Errorf("stale reschedule warning: %q", warnings)
	}
}

func TestComposeCopyPutsBodyOnClipboard(t *testing.T) {
	h, c := composeOpen(t)
	composeFill(c)
	test.Tap(c.copyBtn)
	if h.clip.text != c.body.Text || h.clip.text == "" {
		t.Errorf("clipboard = %q, want the body", h.clip.text)
	}
	if !strings.Contains(c.copyBtn.Text, "Copied") || !strings.Contains(c.status.Text, "Copied") {
		t.Errorf("no feedback: button %q, status %q", c.copyBtn.Text, c.status.Text)
	}
}

func TestComposeCopyShortcut(t *testing.T) {
	h, c := composeOpen(t)
	composeFill(c)
	sc := &desktop.CustomShortcut{KeyName: fyne.KeyC, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	h.win.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
	if h.clip.text != c.body.Text || !strings.Contains(c.status.Text, "Copied") {
		t.Errorf("shortcut copied %q, status %q", h.clip.text, c.status.Text)
	}
	// With the cursor in a field, the field passes the shortcut on.
	h.clip.text = ""
	h.win.Canvas().Focus(c.company)
	c.company.TypedShortcut(sc)
	if h.clip.text != c.body.Text {
		t.Errorf("shortcut from a focused field copied %q", h.clip.text)
	}
	h.clip.text = ""
	h.ui.SelectTab(TabAdvice)
	h.win.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
	if h.clip.text != "" {
		t.Error("the shortcut should only copy while the composer is showing")
	}
}

type composeFailingClipboard struct{}

func (composeFailingClipboard) Copy(string) error { return errClipboardGone }

const errClipboardGone = composeError("the clipboard is locked")

type composeError string

func (e composeError) Error() string { return string(e) }

func TestComposeCopyFailureIsShown(t *testing.T) {
	h, c := composeOpen(t)
	h.ui.env.Clipboard = composeFailingClipboard{}
	test.Tap(c.copyBtn)
	if !strings.Contains(c.status.Text, "Could not copy: the clipboard is locked") || strings.Contains(c.copyBtn.Text, "Copied") {
		t.Errorf("status %q, button %q", c.status.Text, c.copyBtn.Text)
	}
}

func TestComposeOpenInMailApp(t *testing.T) {
	h, c := composeOpen(t)
	composeFill(c)
	test.Tap(c.mailBtn)
	h.ui.Wait()
	if len(h.opener.urls) != 1 {
		t.Fatalf("opened %v", h.opener.urls)
	}
	if !strings.Contains(c.status.Text, "Opened in your mail program") {
		t.Errorf("status %q", c.status.Text)
	}
	got := h.opener.urls[0]
	if !strings.HasPrefix(got, "mailto:dana@acme.example?subject=") || !strings.Contains(got, "%20") || !strings.Contains(got, "%0D%0A") {
		t.Errorf("mailto link = %s", got)
	}
	u, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		t.Fatal(err)
	}
	if q.Get("subject") != c.subject.Text || q.Get("body") != strings.ReplaceAll(c.body.Text, "\n", "\r\n") {
		t.Errorf("link carries subject %q and body %q", q.Get("subject"), q.Get("body"))
	}
}

func TestComposeSaveCreatesInterviewThenOffersStatus(t *testing.T) {
	h, c := composeOpen(t)
	composeFill(c)
	at := composeNow().Add(72 * time.Hour)
	composeWhen(c, at)
	test.Tap(c.saveBtn)
	h.ui.Wait()
	ctx := context.Background()
	ivs, err := h.store.Interviews(ctx)
	if err != nil || len(ivs) != 1 {
		t.Fatalf("interviews = %v, %v", ivs, err)
	}
	iv := ivs[0]
	if iv.Company != "Acme Robotics" || iv.ContactName != "Dana Reyes" || iv.ContactEmail != "dana@acme.example" ||
		!iv.StartsAt.Equal(at) || iv.TimeZone != "UTC" {
		t.Errorf("saved interview = %+v", iv)
	}
	events, err := h.store.Events(ctx, iv.ID)
	if err != nil || len(events) == 0 || events[0].Kind != data.EventDraft ||
		events[0].Subject != c.subject.Text || events[0].Body != c.body.Text || events[0].Scenario != "cancel" {
		t.Fatalf("timeline = %+v, %v", events, err)
	}
	dlg := trackerDialog(h)
	if dlg == nil || !strings.Contains(trackerTexts(dlg), "as cancelled?") {
		t.Fatal("no offer to mark the interview as cancelled")
	}
	test.Tap(trackerButton(t, dlg, "Mark as cancelled"))
	h.ui.Wait()
	if got, _ := h.store.Interview(ctx, iv.ID); got.Status != data.StatusCancelled {
		t.Errorf("status = %s, want cancelled", got.Status)
	}

	// Saving again files into the same interview.
	test.Tap(c.saveBtn)
	h.ui.Wait()
	if n := trackerCount(t, h); n != 1 {
		t.Errorf("%d interviews after saving twice", n)
	}
	if top := trackerDialog(h); top != nil && strings.Contains(trackerTexts(top), "as cancelled?") {
		t.Error("asked again to cancel an interview already cancelled")
	}
}

func TestComposeSaveShowsProblemsBesideFieldsAndKeepsForm(t *testing.T) {
	h, c := composeOpen(t)
	c.toEmail.SetText("dana@")
	c.detail.SetText("kept")
	test.Tap(c.saveBtn)
	h.ui.Wait()
	if n := trackerCount(t, h); n != 0 {
		t.Errorf("%d interviews saved from an incomplete form", n)
	}
	for field, want := range map[string]string{composeFieldCompany: "company", composeFieldToEmail: "name@example.com"} {
		if l := c.msgs[field]; !l.Visible() || !strings.Contains(l.Text, want) {
			t.Errorf("%s message shown %v: %q", field, l.Visible(), l.Text)
		}
	}
	// With no name the draft greets "Hello,": worth a nudge, not a block.
	if l := c.msgs[composeFieldToName]; l.Visible() {
		t.Errorf("an empty recipient name blocks saving: %q", l.Text)
	}
	if c.toEmail.Text != "dana@" || c.detail.Text != "kept" {
		t.Error("the form lost what was typed")
	}
	c.company.SetText("Acme")
	if c.msgs[composeFieldCompany].Visible() {
		t.Error("the company message should go as soon as it is filled in")
	}
}

func TestComposeSaveStoreFailureKeepsForm(t *testing.T) {
	h, c := composeOpen(t)
	composeFill(c)
	h.store.Close()
	test.Tap(c.saveBtn)
	h.ui.Wait()
	if dlg := trackerDialog(h); dlg == nil || !strings.Contains(trackerTexts(dlg), "could not be saved") {
		t.Error("a store failure should be explained in a dialog")
	}
	if c.company.Text != "Acme Robotics" || c.interview != nil || !c.saveBtn.Visible() || c.saveBtn.Disabled() {
		t.Error("the form should be kept and ready to save again")
	}
}

func TestComposePrefillFromInterview(t *testing.T) {
	h, c := composeOpen(t)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no zone data:", err)
	}
	iv := data.Interview{Company: "Globex", Role: "Analyst", ContactName: "Kim Lee", ContactEmail: "kim@globex.example",
		StartsAt: time.Date(2030, 3, 9, 14, 30, 0, 0, tokyo), TimeZone: "Asia/Tokyo"}
	if err := h.store.CreateInterview(context.Background(), &iv); err != nil {
		t.Fatal(err)
	}
	h.ui.composeAbout(&iv, "reschedule")
	h.ui.Wait()
	for _, f := range []struct{ got, want string }{
		{c.company.Text, "Globex"}, {c.role.Text, "Analyst"}, {c.toName.Text, "Kim Lee"},
		{c.toEmail.Text, "kim@globex.example"}, {c.zone.Text, "Asia/Tokyo"},
		{c.date.Text, time.Date(2030, 3, 9, 0, 0, 0, 0, time.UTC).Format(c.dateLayout)}, {c.clock.Text, "14:30"},
	} {
		if f.got != f.want {
			t.Errorf("field = %q, want %q", f.got, f.want)
		}
	}
	if c.scenarioID() != compose.ScenarioReschedule || h.ui.Selected() != TabCompose {
		t.Errorf("scenario %s, tab %d", c.scenarioID(), h.ui.Selected())
	}
	// Their clock first; the writer's (UTC here) after it.
	if !strings.Contains(c.body.Text, "Saturday, March 9 at 2:30 PM Tokyo time (5:30 AM UTC)") {
		t.Errorf("body does not give the time in Tokyo:\n%s", c.body.Text)
	}

	// Saving files into that interview rather than adding one.
	test.Tap(c.addSlotBtn)
	test.Tap(c.saveBtn)
	h.ui.Wait()
	if n := trackerCount(t, h); n != 1 {
		t.Errorf("%d interviews, want the prefilled one only", n)
	}
	events, _ := h.store.Events(context.Background(), iv.ID)
	if len(events) == 0 || events[0].Kind != data.EventDraft || events[0].Scenario != "reschedule" {
		t.Errorf("timeline = %+v", events)
	}

	// A scenario alone keeps the people.
	h.ui.composeAbout(nil, "withdraw")
	if c.scenarioID() != compose.ScenarioWithdraw || c.company.Text != "Globex" {
		t.Errorf("scenario %s, company %q", c.scenarioID(), c.company.Text)
	}
}

func TestComposeLearnWhyOpensAdvice(t *testing.T) {
	h, c := composeOpen(t)
	for _, r := range c.toFix.rows {
		if r.box.Visible() && r.link.Visible() && r.link.Text == "Learn why" {
			// A link only reacts to taps on its text.
			test.TapAt(r.link, fyne.NewPos(r.link.Size().Width/2, r.link.Size().Height/2))
			if h.ui.Selected() != TabAdvice {
				t.Errorf("tab = %d, want Advice", h.ui.Selected())
			}
			return
		}
	}
	t.Fatal("no warning with a Learn why link in the empty form")
}

func TestComposeUserTextComesOutLiterally(t *testing.T) {
	_, c := composeOpen(t)
	company := `{{.Company}} "Quote" & <b>Co</b> 🚀`
	c.company.SetText(company)
	c.toName.SetText(`Zoë "Z" O'Neil`)
	c.tone.SetSelected("Formal") // which greets by the whole name
	c.disclose.SetSelected("Full")
	c.reason.SetSelectedIndex(0)
	c.detail.SetText("my train {{ was }} cancelled 🚆")
	// The detail starts a sentence, so only its first letter changes.
	for _, want := range []string{company, `Dear Zoë "Z" O'Neil,`, "My train {{ was }} cancelled 🚆"} {
		if !strings.Contains(c.body.Text, want) {
			t.Errorf("body lacks %q:\n%s", want, c.body.Text)
		}
	}
	if !strings.Contains(c.subject.Text, company) {
		t.Errorf("subject = %q", c.subject.Text)
	}
}

func TestComposeKeepsEditedBodyAndOffersReset(t *testing.T) {
	_, c := composeOpen(t)
	composeFill(c)
	c.body.CursorRow, c.body.CursorColumn = 0, 0
	test.Type(c.body, "PS ")
	edited := c.body.Text
	if !strings.HasPrefix(edited, "PS ") || !c.edited.Visible() {
		t.Fatalf("edit not noticed: %q", edited)
	}
	c.company.SetText("Initech")
	if c.body.Text != edited {
		t.Error("changing the form overwrote the user's edit")
	}
	if !c.edited.Visible() {
		t.Error("no reset option after the form changed")
	}
	if !strings.Contains(c.subject.Text, "Initech") {
		t.Error("the untouched subject should still follow the form")
	}
	reset := trackerButton(t, c.edited, "Reset to generated text")
	test.Tap(reset)
	if strings.HasPrefix(c.body.Text, "PS ") || !strings.Contains(c.body.Text, "Initech") || c.edited.Visible() {
		t.Errorf("after reset: edited shown %v, body %q", c.edited.Visible(), c.body.Text)
	}
}

func TestComposeChecksReadTheEditedText(t *testing.T) {
	_, c := composeOpen(t)
	composeFill(c)
	c.body.SetText(c.body.Text + "\nThis was a WASTE OF MY TIME.")
	if warnings, _ := composeRows(c); !composeHas(warnings, "professional") {
		t.Errorf("an edited body should be re-checked; warnings %q", warnings)
	}
}

func TestComposeAppliesSettingsToEmptyFields(t *testing.T) {
	h := newHarness(t)
	h.ui.Wait()
	err := h.store.SaveSettings(context.Background(), data.Settings{YourName: "Sam Taylor", Signature: "+44 20 7946 0000",
		DefaultTone: "brief", DefaultZone: "Asia/Tokyo", ReminderHours: 24})
	if err != nil {
		t.Fatal(err)
	}
	env := h.ui.env
	env.Window = test.NewTempWindow(t, nil)
	u := New(env)
	u.runResultsInWait()
	u.Install()
	u.compose.onShown()
	u.Wait()
	c := u.compose
	if c.fromName.Text != "Sam Taylor" || c.tone.Selected != "Brief" || c.zone.Text != "Asia/Tokyo" {
		t.Errorf("name %q, tone %q, zone %q", c.fromName.Text, c.tone.Selected, c.zone.Text)
	}
	if !strings.HasSuffix(c.body.Text, "Sam Taylor\n+44 20 7946 0000") {
		t.Errorf("body does not end with the signature:\n%s", c.body.Text)
	}
}

// TestComposeLinkedInterviewBringsItsLocation: confirming a new time for a
// tracked interview says where it is, never pasting a meeting's link, and
// unlinking the interview takes the place away with it.
func TestComposeLinkedInterviewBringsItsLocation(t *testing.T) {
	h, c := composeOpen(t)
	zoom := "https://us06web.zoom.us/j/89123450067?pwd=Tm4vR2xKcFdLQnZzY0g3aWJ0M1pOUT09"
	for _, tc := range []struct {
		location, want string
	}{
		{"4th Floor, 22 Tanner Street, London SE1 3LE", "arrive at 4th Floor, 22 Tanner Street, London SE1 3LE a few minutes before the start"},
		{zoom, "I will join the Zoom call a few minutes before the start, using the link you sent"},
	} {
		iv := data.Interview{Company: "Globex", Role: "Analyst", ContactName: "Kim Lee", Location: tc.location,
			StartsAt: time.Date(2030, 3, 12, 10, 0, 0, 0, time.UTC), TimeZone: "UTC"}
		if err := h.store.CreateInterview(context.Background(), &iv); err != nil {
			t.Fatal(err)
		}
		h.ui.composeAbout(&iv, string(compose.ScenarioConfirmTime))
		h.ui.Wait()
		c.tone.SetSelected(composeToneLabels()[0]) // formal
		if c.in.Location != tc.location {
			t.Errorf("the draft's input has location %q", c.in.Location)
		}
		if !strings.Contains(c.body.Text, tc.want) {
			t.Errorf("no %q in:\n%s", tc.want, c.body.Text)
		}
		if strings.Contains(c.body.Text, "http") {
			t.Errorf("the draft quotes the link:\n%s", c.body.Text)
		}
		warnings, _ := composeRows(c)
		for _, w := range warnings {
			if strings.Contains(w, "shouting") || strings.Contains(w, "placeholder") {
				t.Errorf("the checks flag the location: %s", w)
			}
		}
	}
	test.Tap(trackerButton(t, c.linked, "Unlink"))
	if strings.Contains(c.body.Text, "Zoom") || c.in.Location != "" {
		t.Errorf("the location outlived the link:\n%s", c.body.Text)
	}
	if !strings.Contains(c.status.Text, "add a new interview") {
		t.Errorf("status = %q", c.status.Text)
	}
}
