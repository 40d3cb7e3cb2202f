package compose

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The tests in this file hold the checks' and drafts' words to what is
// true of the input (issue 16, item 10): a check speaks only of choices the
// user made, one name is used for each thing on the form, advice fits the
// scenario it is given in, and a draft's tense follows the clock.

// reasonCheckFor renders in and returns its reason check.
func reasonCheckFor(t *testing.T, in Input) Check {
	t.Helper()
	d, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	c, ok := findCheck(Checks(in, d), "reason")
	if !ok {
		t.Fatalf("no reason check for %s", in.Scenario)
	}
	return c
}

// TestReasonCheckSpeaksOnlyOfRealChoices: the form starts at Brief with no
// reason picked, so "you chose to give a reason" is not true of a form
// nobody has touched. Only Full, which the user must pick, is a choice the
// check may name.
func TestReasonCheckSpeaksOnlyOfRealChoices(t *testing.T) {
	tests := []struct {
		name    string
		reason  Reason
		disc    Disclosure
		detail  string
		wantOK  bool
		want    []string // each must be in the message
		wantNot []string // none may be
	}{
		{name: "untouched form: Brief by default, no reason", disc: DiscloseBrief,
			want: []string{"No reason picked"}, wantNot: []string{"chose", "chosen"}},
		{name: "no disclosure at all, no reason", disc: "", wantOK: true,
			want: []string{"No reason given"}, wantNot: []string{"chose", "chosen"}},
		{name: "None on purpose", disc: DiscloseNone, reason: ReasonIllness, wantOK: true,
			wantNot: []string{"chose", "chosen"}},
		{name: "Full picked but no reason: the choice is real", disc: DiscloseFull, detail: "I have flu",
			want: []string{"Full", "no reason", "Your words"}, wantNot: []string{"chose to give a reason"}},
		{name: "Full picked, a reason, no words", disc: DiscloseFull, reason: ReasonIllness,
			want: []string{"Full", "Your words"}},
		{name: "other at the default Brief without words", disc: DiscloseBrief, reason: ReasonOther,
			want: []string{"Your words"}, wantNot: []string{"chose", "chosen", "detail line"}},
		{name: "a reason at the default Brief", disc: DiscloseBrief, reason: ReasonIllness, wantOK: true,
			wantNot: []string{"chose", "chosen"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := goldenInput(t, ScenarioCancel, ToneFormal, tt.disc)
			in.Reason, in.Detail = tt.reason, tt.detail
			c := reasonCheckFor(t, in)
			if c.OK != tt.wantOK {
				t.Errorf("OK = %v, want %v (%s)", c.OK, tt.wantOK, c.Message)
			}
			for _, w := range tt.want {
				if !strings.Contains(c.Message, w) {
					t.Errorf("message %q lacks %q", c.Message, w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(strings.ToLower(c.Message), strings.ToLower(w)) {
					t.Errorf("message %q says %q", c.Message, w)
				}
			}
		})
	}
}

// TestChecksAgreeAboutTheUsersWords: with Full but no reason, the email
// leaves the user's words out, and no check may call them fine.
func TestChecksAgreeAboutTheUsersWords(t *testing.T) {
	in := goldenInput(t, ScenarioCancel, ToneFormal, DiscloseFull)
	in.Reason, in.Detail = ReasonNone, "My train was cancelled."
	d, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.Body, in.Detail) {
		t.Fatalf("the words went in without a reason:\n%s", d.Body)
	}
	for _, id := range []string{"reason", "detail"} {
		if c, ok := findCheck(Checks(in, d), id); !ok || c.OK {
			t.Errorf("%s check = %+v, %v; want a warning", id, c, ok)
		}
	}
}

// TestOneNameForTheDetailField: the form calls the field for the user's
// own words "Your words", and the "Other" option points to it; every
// check and label must call it the same, never "the detail line".
func TestOneNameForTheDetailField(t *testing.T) {
	if label := ReasonLabel(ReasonOther); !strings.Contains(label, DetailLabel) {
		t.Errorf("the Other option %q does not name the field %q", label, DetailLabel)
	}
	for _, info := range Scenarios() {
		if !info.Fields.Reason {
			continue
		}
		for _, r := range append([]Reason{ReasonNone}, info.Reasons...) {
			for _, disc := range Disclosures() {
				for _, detail := range []string{"", "My passport appointment moved.", strings.Repeat("Long words. ", 30)} {
					in := goldenInput(t, info.ID, ToneFormal, disc)
					in.Reason, in.Detail = r, detail
					d, err := Render(in)
					if err != nil {
						t.Fatal(err)
					}
					for _, c := range Checks(in, d) {
						label := fmt.Sprintf("%s/%q/%s/%d: %s", info.ID, r, disc, len(detail), c.ID)
						low := strings.ToLower(c.Message)
						if strings.Contains(low, "detail line") || strings.Contains(low, "your own words") {
							t.Errorf("%s calls the field by another name: %s", label, c.Message)
						}
						if strings.Contains(c.Message, `"Other"`) {
							t.Errorf("%s calls the option by another name than %q: %s", label, ReasonLabel(ReasonOther), c.Message)
						}
					}
				}
			}
		}
	}
}

// TestSlotsCheckFitsTheScenario: not offering another time means something
// different in each scenario that can offer one; none of them is "you no
// longer want the interview" for a message that restates interest.
func TestSlotsCheckFitsTheScenario(t *testing.T) {
	tests := []struct {
		scenario Scenario
		want     []string
	}{
		{ScenarioCancel, []string{"offer to reschedule"}},
		{ScenarioLastMinute, []string{"offer to reschedule"}},
		{ScenarioApology, []string{"next step"}},
		{ScenarioFollowUp, []string{"next step", "interest"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.scenario), func(t *testing.T) {
			in := goldenInput(t, tt.scenario, ToneFormal, DiscloseBrief)
			in.Slots, in.OfferReschedule = nil, false
			d, err := Render(in)
			if err != nil {
				t.Fatal(err)
			}
			c, ok := findCheck(Checks(in, d), "slots")
			if !ok {
				t.Fatal("no slots check")
			}
			if !c.OK {
				t.Errorf("not offering a time is the user's call, but the check warns: %s", c.Message)
			}
			if strings.Contains(c.Message, "no longer want") {
				t.Errorf("%s: %q speaks of not wanting the interview", tt.scenario, c.Message)
			}
			for _, w := range tt.want {
				if !strings.Contains(strings.ToLower(c.Message), w) {
					t.Errorf("%s: %q lacks %q", tt.scenario, c.Message, w)
				}
			}
		})
	}
}

// TestShortNoticeRescheduleStaysAReschedule: a reschedule a few hours
// before the interview is still a request to move it. The advice is to
// phone now, and the draft reads as a last-minute reschedule; nothing
// offers to turn it into a cancellation.
func TestShortNoticeRescheduleStaysAReschedule(t *testing.T) {
	for _, left := range []time.Duration{23 * time.Hour, 5 * time.Hour, 20 * time.Minute} {
		t.Run(DurationWords(left), func(t *testing.T) {
			in := goldenInput(t, ScenarioReschedule, ToneFormal, DiscloseBrief)
			in.Now = in.When.Add(-left)
			if s, ok := Suggest(in); ok && s.To.info().Status != ScenarioReschedule.info().Status {
				t.Errorf("Suggest switches a reschedule to %s: %s", s.To, s.Why)
			}
			d, err := Render(in)
			if err != nil {
				t.Fatal(err)
			}
			c, ok := findCheck(Checks(in, d), "notice")
			if !ok {
				t.Fatal("no notice check")
			}
			for _, w := range []string{"last-minute reschedule", "phone"} {
				if !strings.Contains(c.Message, w) {
					t.Errorf("notice %q lacks %q", c.Message, w)
				}
			}
			if strings.Contains(strings.ToLower(c.Message), "cancel") {
				t.Errorf("notice %q speaks of cancelling", c.Message)
			}
			for _, tone := range Tones() {
				in.Tone = tone
				d, err := Render(in)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(d.Subject, "Urgent") {
					t.Errorf("%s: a last-minute reschedule's subject %q does not say it is urgent", tone, d.Subject)
				}
				if strings.Contains(strings.ToLower(d.Subject+d.Body), "cancel") {
					t.Errorf("%s: the reschedule speaks of cancelling:\n%s", tone, d.Body)
				}
				if !strings.Contains(d.Body, "short notice") {
					t.Errorf("%s: the reschedule does not own up to the short notice:\n%s", tone, d.Body)
				}
			}
		})
	}
}

// TestSuggestionsKeepTheUsersIntent: every switch the engine suggests goes
// to a scenario that files the same outcome, and its words name the
// scenario it switches to.
func TestSuggestionsKeepTheUsersIntent(t *testing.T) {
	for _, info := range Scenarios() {
		if info.SoonInstead == "" {
			continue
		}
		to := info.SoonInstead.info()
		if to.Status != info.Status {
			t.Errorf("%s suggests %s at short notice, which files %q instead of %q", info.ID, to.ID, to.Status, info.Status)
		}
		in := goldenInput(t, info.ID, ToneFormal, DiscloseBrief)
		in.Now = in.When.Add(-5 * time.Hour)
		s, ok := Suggest(in)
		if !ok || s.To != to.ID {
			t.Fatalf("%s five hours ahead: Suggest = %+v, %v", info.ID, s, ok)
		}
		if !strings.Contains(strings.ToLower(s.Why), strings.ToLower(to.Label)) {
			t.Errorf("%s: %q does not name %q", info.ID, s.Why, to.Label)
		}
		if !strings.Contains(s.Why, "5 hours") {
			t.Errorf("%s: %q does not say how soon", info.ID, s.Why)
		}
	}
}

// pastTense are words that say the interview has already happened (or
// been missed): wrong while it is still ahead.
func pastTense() []string {
	return []string{"not being able to attend", "not being able to make", "couldn't make", "could not make",
		"had been set aside", "you'd set time aside", "was not well enough", "wasn't well enough",
		"came up unexpectedly", "i had fallen", "i'd fallen", "needed my attention", "i had an unavoidable",
		"could not set aside", "couldn't set aside"}
}

// TestApologyTenseFollowsTheClock: an apology (or a follow-up) about an
// interview still ahead, which was cancelled beforehand, says so in the
// present; once its time has gone, it looks back. The boundary is the
// interview's start.
func TestApologyTenseFollowsTheClock(t *testing.T) {
	tests := []struct {
		name  string
		since time.Duration // how long ago the interview started; negative is ahead
		ahead bool
	}{
		{"two hours ahead", -2 * time.Hour, true},
		{"five minutes ahead", -5 * time.Minute, true},
		{"a day ahead", -26 * time.Hour, true},
		{"one hour ago", time.Hour, false},
		{"a day ago", 25 * time.Hour, false},
	}
	for _, tt := range tests {
		for _, s := range []Scenario{ScenarioApology, ScenarioFollowUp} {
			for _, ch := range Channels() {
				for _, tone := range Tones() {
					if ch != ChannelEmail && tone != ToneFormal {
						continue
					}
					for _, r := range s.info().Reasons {
						label := fmt.Sprintf("%s/%s/%s/%s/%s", tt.name, s, ch, tone, r)
						in := goldenInput(t, s, tone, DiscloseBrief)
						in.Reason, in.Detail, in.Channel = r, "", ch
						in.Now = in.When.Add(tt.since)
						in.Slots = []time.Time{in.Now.Add(48 * time.Hour)}
						checkTense(t, label, in, tt.ahead)
					}
				}
			}
		}
	}
}

// checkTense renders in and holds its words to the side of the interview
// the clock is on.
func checkTense(t *testing.T, label string, in Input, ahead bool) {
	t.Helper()
	d, err := Render(in)
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	low := strings.ToLower(d.Subject + "\n" + d.Body)
	if ahead {
		for _, w := range pastTense() {
			if strings.Contains(low, w) {
				t.Errorf("%s: says %q of an interview still ahead:\n%s", label, w, d.Body)
			}
		}
		if !strings.Contains(low, "cancel") {
			t.Errorf("%s: an interview still ahead is spoken of without saying it was cancelled:\n%s", label, d.Body)
		}
	} else if in.Scenario == ScenarioApology && !containsAny(low, "not being able to", "couldn't make") {
		t.Errorf("%s: an apology after the time does not look back:\n%s", label, d.Body)
	}
	if c, ok := findCheck(Checks(in, d), "claim"); ok && !c.OK {
		t.Errorf("%s: the draft fails its own claim check: %s", label, c.Message)
	}
	for _, p := range append(proseProblems(d.Subject), proseProblems(d.Body)...) {
		t.Errorf("%s: %s", label, p)
	}
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
