package views

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// TestComposeChannelSwitchKeepsEachChannelsEdits: the preview writes the
// same message for a call, a voicemail or a text; each channel keeps the
// user's own edits while they look at another.
func TestComposeChannelSwitchKeepsEachChannelsEdits(t *testing.T) {
	h, c := composeOpen(t)
	composeFill(c)
	composeWhen(c, composeNow().Add(72*time.Hour))
	email := c.body.Text

	c.channel.SetSelected("Text")
	if c.subjectRow.Visible() || !c.mailBtn.Disabled() || c.copyBtn.Text != "Copy text" {
		t.Errorf("text: subject shown %v, mail enabled %v, copy %q", c.subjectRow.Visible(), !c.mailBtn.Disabled(), c.copyBtn.Text)
	}
	if !strings.HasPrefix(c.body.Text, "Hi Dana,") || utf8.RuneCountInString(c.body.Text) > compose.MaxTextLength || c.body.Text == email {
		t.Errorf("text body:\n%s", c.body.Text)
	}
	c.body.SetText("Dana, so sorry: I cannot make Thursday. Sam")
	test.Tap(c.copyBtn)
	if h.clip.text != c.body.Text {
		t.Errorf("copied %q", h.clip.text)
	}

	c.channel.SetSelected("Email")
	if c.body.Text != email || !c.subjectRow.Visible() || c.mailBtn.Disabled() {
		t.Errorf("back on email the draft is not the email:\n%s", c.body.Text)
	}
	c.channel.SetSelected("Voicemail")
	if !strings.Contains(c.body.Text, "this is Sam Taylor") || c.copyBtn.Text != "Copy voicemail" {
		t.Errorf("voicemail:\n%s", c.body.Text)
	}
	c.channel.SetSelected("Text")
	if c.body.Text != "Dana, so sorry: I cannot make Thursday. Sam" {
		t.Errorf("the edited text was lost: %q", c.body.Text)
	}
}

// TestComposeAsksBeforeAScenarioReplacesEdits: switching scenario with
// edited text asks first; keeping leaves the text alone, and declining
// writes the new scenario's draft.
func TestComposeAsksBeforeAScenarioReplacesEdits(t *testing.T) {
	h, c := composeOpen(t)
	composeFill(c)
	composeWhen(c, composeNow().Add(72*time.Hour))
	mine := c.body.Text + "\nP.S. I am sorry again."
	c.body.SetText(mine)

	composePick(t, c, compose.ScenarioReschedule)
	d := trackerDialog(h)
	if d == nil || c.keepEdits == nil {
		t.Fatal("no question before the edits were replaced")
	}
	if c.body.Text != mine {
		t.Error("the edits were replaced before the user answered")
	}
	test.Tap(trackerButton(t, d, "Keep my edits"))
	if c.body.Text != mine {
		t.Errorf("kept edits were replaced:\n%s", c.body.Text)
	}

	composePick(t, c, compose.ScenarioWithdraw)
	test.Tap(trackerButton(t, trackerDialog(h), "Write the new draft"))
	if c.body.Text == mine || !strings.Contains(c.body.Text, "withdraw") {
		t.Errorf("the new scenario's draft was not written:\n%s", c.body.Text)
	}

	// With nothing edited, a switch just redrafts.
	composePick(t, c, compose.ScenarioCancel)
	if top := trackerDialog(h); top != nil && strings.Contains(trackerTexts(top), "Keep your edits?") {
		t.Error("asked about edits when there were none")
	}
}

// TestComposeOffersOnlyReasonsThatFit: each scenario lists the reasons it
// can honestly give, and a reason that no longer fits is cleared rather
// than carried into a draft it contradicts.
func TestComposeOffersOnlyReasonsThatFit(t *testing.T) {
	_, c := composeOpen(t)
	composeFill(c)
	composeWhen(c, composeNow().Add(72*time.Hour))
	illness, travel, offer := compose.ReasonLabel(compose.ReasonIllness), compose.ReasonLabel(compose.ReasonTravel), compose.ReasonLabel(compose.ReasonOtherOffer)
	if !slices.Contains(c.reason.Options, illness) || slices.Contains(c.reason.Options, travel) || slices.Contains(c.reason.Options, offer) {
		t.Errorf("cancel offers %q", c.reason.Options)
	}
	c.reason.SetSelected(illness)
	composePick(t, c, compose.ScenarioRunningLate)
	if !slices.Contains(c.reason.Options, travel) || slices.Contains(c.reason.Options, illness) || c.reason.Selected != "" {
		t.Errorf("running late offers %q with %q chosen", c.reason.Options, c.reason.Selected)
	}
	if strings.Contains(c.body.Text, "ill") {
		t.Errorf("the illness reason was carried into running late:\n%s", c.body.Text)
	}
	composePick(t, c, compose.ScenarioWithdraw)
	c.reason.SetSelected(offer)
	if !strings.Contains(c.body.Text, "accepted an offer elsewhere") {
		t.Errorf("withdraw with another offer:\n%s", c.body.Text)
	}
}

// TestComposeWarnsOfASecondCancellation: the tracker's history of messages
// to the company feeds the checks.
func TestComposeWarnsOfASecondCancellation(t *testing.T) {
	h, c := composeOpen(t)
	ctx := context.Background()
	iv := data.Interview{Company: "Acme Robotics", Role: "Backend Engineer", StartsAt: composeNow().Add(96 * time.Hour), TimeZone: "UTC"}
	if err := h.store.CreateInterview(ctx, &iv); err != nil {
		t.Fatal(err)
	}
	if err := h.store.AddEvent(ctx, &data.Event{InterviewID: iv.ID, Kind: data.EventDraft, Scenario: "reschedule",
		At: composeNow().Add(-10 * 24 * time.Hour), Body: "Could we move it?"}); err != nil {
		t.Fatal(err)
	}
	composeFill(c)
	composeWhen(c, composeNow().Add(72*time.Hour))
	h.ui.Wait()
	c.changed()
	warnings, _ := composeRows(c)
	if !composeHas(warnings, "reads as a pattern") {
		t.Errorf("no warning about the earlier reschedule: %q", warnings)
	}
	c.company.SetText("Globex")
	h.ui.Wait()
	c.changed()
	if warnings, _ := composeRows(c); composeHas(warnings, "reads as a pattern") {
		t.Errorf("another company's history was used: %q", warnings)
	}
}

// TestComposePhonedAlreadyShapesTheDraft: saying a call was made lets the
// draft refer to it; saying none was made keeps it from claiming one.
func TestComposePhonedAlreadyShapesTheDraft(t *testing.T) {
	_, c := composeOpen(t)
	composeFill(c)
	composePick(t, c, compose.ScenarioLastMinute)
	composeWhen(c, composeNow().Add(5*time.Hour))
	if strings.Contains(c.body.Text, "phone") || strings.Contains(c.body.Text, "voicemail") {
		t.Errorf("no call made, but the draft mentions one:\n%s", c.body.Text)
	}
	c.called.SetSelected("I left a voicemail")
	if !strings.Contains(c.body.Text, "voicemail") {
		t.Errorf("the voicemail is not mentioned:\n%s", c.body.Text)
	}
	composePick(t, c, compose.ScenarioThankYou)
	if c.called.Visible() {
		t.Error("asked about a call for a thank-you")
	}
}
