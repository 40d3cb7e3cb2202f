package compose

import (
	"bridgekeeper/assets"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"
)

func findCheck(cs []Check, id string) (Check, bool) {
	for _, c := range cs {
		if c.ID == id {
			return c, true
		}
	}
	return Check{}, false
}

// TestChecks triggers and clears every check. Each case starts from a golden
// input and its rendered draft, then changes the input or edits the text the
// way a user might.
func TestChecks(t *testing.T) {
	tests := []struct {
		name     string
		scenario Scenario
		edit     func(*Input)
		editText func(string) string
		// recheck changes the input after rendering, for inputs Render
		// refuses but an edited draft can still meet.
		recheck func(*Input)
		id      string
		wantOK  bool
		msgHas  string
		article string
	}{
		{name: "notice: days ahead is fine", scenario: ScenarioCancel, id: "notice", wantOK: true,
			msgHas: "5 days' notice", article: "last-minute-cancellation"},
		{name: "notice: one day", scenario: ScenarioCancel, id: "notice", wantOK: true, msgHas: "1 day's notice",
			edit: func(in *Input) { in.Now = in.When.Add(-30 * time.Hour) }},
		{name: "notice: hours ahead says call first", scenario: ScenarioCancel, id: "notice", wantOK: false,
			msgHas: "call them first", edit: func(in *Input) { in.Now = in.When.Add(-5 * time.Hour) }},
		{name: "notice: counts hours", scenario: ScenarioReschedule, id: "notice", wantOK: false,
			msgHas: "5 hours' notice", edit: func(in *Input) { in.Now = in.When.Add(-5*time.Hour - 10*time.Minute) }},
		{name: "notice: past interview", scenario: ScenarioCancel, id: "notice", wantOK: false,
			msgHas: "already passed", edit: func(in *Input) { in.Now = in.When.Add(time.Hour) }},

		{name: "reason: brief with a category", scenario: ScenarioCancel, id: "reason", wantOK: true,
			article: "giving-a-reason-without-oversharing"},
		{name: "reason: none disclosed is fine", scenario: ScenarioCancel, id: "reason", wantOK: true,
			edit: func(in *Input) { in.Disclose = DiscloseNone; in.Reason = ReasonNone }},
		{name: "reason: brief without a category", scenario: ScenarioCancel, id: "reason", wantOK: false,
			msgHas: "No reason picked", edit: func(in *Input) { in.Reason = ReasonNone }},
		{name: "reason: other without detail", scenario: ScenarioWithdraw, id: "reason", wantOK: false,
			msgHas: DetailLabel, edit: func(in *Input) { in.Reason, in.Detail = ReasonOther, "  " }},
		{name: "reason: other with detail", scenario: ScenarioWithdraw, id: "reason", wantOK: true,
			edit: func(in *Input) { in.Reason, in.Detail = ReasonOther, "I am relocating" }},

		{name: "slots: reschedule with slots", scenario: ScenarioReschedule, id: "slots", wantOK: true,
			msgHas: "3 alternative times", article: "rescheduling-an-interview"},
		{name: "slots: reschedule without slots", scenario: ScenarioReschedule, id: "slots", wantOK: false,
			msgHas: "concrete", edit: func(in *Input) { in.Slots = nil }},
		{name: "slots: cancel offering without slots", scenario: ScenarioCancel, id: "slots", wantOK: false,
			edit: func(in *Input) { in.Slots = nil }},
		{name: "slots: cancel not offering", scenario: ScenarioCancel, id: "slots", wantOK: true,
			edit: func(in *Input) { in.Slots, in.OfferReschedule = nil, false }},
		{name: "slots: a slot in the past", scenario: ScenarioReschedule, id: "slots", wantOK: false,
			msgHas: "past", edit: func(in *Input) { in.Slots[1] = in.Now.Add(-time.Hour) }},

		{name: "slots: a slot given twice", scenario: ScenarioReschedule, id: "slots", wantOK: false,
			msgHas: "twice", edit: func(in *Input) { in.Slots[1] = in.Slots[0] }},
		{name: "slots: a slot at night on their clock", scenario: ScenarioReschedule, id: "slots", wantOK: false,
			msgHas: "outside office hours", edit: func(in *Input) { in.TheirZone = mustLoad(t, "America/Los_Angeles") }},
		{name: "slots: a slot on a Saturday", scenario: ScenarioReschedule, id: "slots", wantOK: false,
			msgHas: "outside office hours", edit: func(in *Input) {
				for in.Slots[0].Weekday() != time.Saturday {
					in.Slots[0] = in.Slots[0].AddDate(0, 0, 1)
				}
			}},

		{name: "fit: a reason that fits", scenario: ScenarioReschedule, id: "fit", wantOK: true, article: "what-to-say-when-cancelling"},
		{name: "fit: stepping-away reason on a reschedule", scenario: ScenarioReschedule, id: "fit", wantOK: false,
			msgHas: "use withdraw", recheck: func(in *Input) { in.Reason = ReasonNotAFit }},
		{name: "fit: edited text that steps away", scenario: ScenarioReschedule, id: "fit", wantOK: false,
			msgHas: "accepted an offer", editText: func(s string) string { return s + "\nI have accepted an offer elsewhere." }},

		{name: "claim: nothing untrue", scenario: ScenarioCancel, id: "claim", wantOK: true},
		{name: "claim: a call that was not made", scenario: ScenarioCancel, id: "claim", wantOK: false,
			msgHas: "not phoned", editText: func(s string) string { return s + "\nAs we spoke about on the phone." }},
		{name: "claim: a call that was made", scenario: ScenarioCancel, id: "claim", wantOK: true,
			edit: func(in *Input) { in.Called = CalledSpoke }},
		{name: "claim: short notice with days to go", scenario: ScenarioCancel, id: "claim", wantOK: false,
			msgHas: "short notice", editText: func(s string) string { return s + "\nSorry for the very short notice." }},
		{name: "claim: in good time at the last minute", scenario: ScenarioCancel, id: "claim", wantOK: false,
			msgHas: "in good time", edit: func(in *Input) { in.Now = in.When.Add(-3 * time.Hour) },
			editText: func(s string) string { return s + "\nI wanted to tell you in good time." }},
		{name: "claim: tomorrow for a day next week", scenario: ScenarioCancel, id: "claim", wantOK: false,
			msgHas: "tomorrow", editText: func(s string) string { return s + "\nSee you tomorrow." }},
		// An apology follows a cancellation, and the cancelled interview's
		// time may still be ahead: the draft then says so in the present.
		{name: "claim: an apology for a cancelled interview still ahead", scenario: ScenarioApology, id: "claim", wantOK: true,
			edit: func(in *Input) { in.Now = in.When.Add(-time.Hour) }},
		{name: "claim: a thank-you for an interview still ahead", scenario: ScenarioThankYou, id: "claim", wantOK: false,
			msgHas: "still ahead", edit: func(in *Input) { in.Now = in.When.Add(-time.Hour) }},

		{name: "claim: running late days ahead", scenario: ScenarioRunningLate, id: "claim", wantOK: false,
			msgHas: "too far off", edit: func(in *Input) { in.Now = in.When.Add(-3 * 24 * time.Hour) }},
		{name: "claim: running late after the day", scenario: ScenarioRunningLate, id: "claim", wantOK: false,
			msgHas: "already passed", edit: func(in *Input) { in.Now = in.When.Add(48 * time.Hour) }},
		{name: "claim: running late just after the start", scenario: ScenarioRunningLate, id: "claim", wantOK: true,
			edit: func(in *Input) { in.Now = in.When.Add(10 * time.Minute) }},
		{name: "claim: confirming a time long gone", scenario: ScenarioConfirmTime, id: "claim", wantOK: false,
			msgHas: "already passed", edit: func(in *Input) { in.Now = in.When.Add(72 * time.Hour) }},

		{name: "signature: signed", scenario: ScenarioCancel, id: "signature", wantOK: true},
		{name: "signature: sign-off with no name", scenario: ScenarioCancel, id: "signature", wantOK: false,
			msgHas: "No name under the sign-off", edit: func(in *Input) { in.FromName = "" }},
		{name: "signature: name typed by hand", scenario: ScenarioCancel, id: "signature", wantOK: true,
			edit: func(in *Input) { in.FromName = "" }, editText: func(s string) string { return s + "\nSam" }},

		{name: "detail: used in full", scenario: ScenarioCancel, id: "detail", wantOK: true,
			edit: func(in *Input) { in.Disclose, in.Detail = DiscloseFull, "My flight was cancelled." }},
		{name: "detail: typed but left out", scenario: ScenarioCancel, id: "detail", wantOK: false,
			msgHas: "choose Full", edit: func(in *Input) { in.Detail = "My flight was cancelled." }},
		{name: "detail: far too long", scenario: ScenarioCancel, id: "detail", wantOK: false,
			msgHas: "one honest sentence", edit: func(in *Input) { in.Disclose, in.Detail = DiscloseFull, strings.Repeat("And then. ", 30) }},

		{name: "callback: a voicemail with a number", scenario: ScenarioLastMinute, id: "callback", wantOK: true,
			edit: func(in *Input) { in.Channel, in.Phone = ChannelVoicemail, "+44 20 7946 0000" }},
		{name: "callback: a voicemail without one", scenario: ScenarioLastMinute, id: "callback", wantOK: false,
			msgHas: "no number", edit: func(in *Input) { in.Channel, in.Phone = ChannelVoicemail, "" }},

		{name: "length: a text over the limit", scenario: ScenarioCancel, id: "length", wantOK: false,
			msgHas: "300", edit: func(in *Input) { in.Channel = ChannelText },
			editText: func(s string) string { return s + strings.Repeat(" More words.", 30) }},

		{name: "again: a second cancellation", scenario: ScenarioReschedule, id: "again", wantOK: false,
			msgHas: "pattern", edit: func(in *Input) {
				in.History = []Prior{{Scenario: ScenarioCancel, At: in.Now.AddDate(0, 0, -10)}}
			}},

		{name: "withdraw-reschedule: clean withdrawal", scenario: ScenarioWithdraw, id: "withdraw-reschedule",
			wantOK: true, article: "withdrawing-from-the-process"},
		{name: "withdraw-reschedule: withdraw offering to reschedule", scenario: ScenarioWithdraw,
			id: "withdraw-reschedule", wantOK: false, edit: func(in *Input) { in.OfferReschedule = true }},
		{name: "withdraw-reschedule: decline proposing slots", scenario: ScenarioDeclineInvitation,
			id: "withdraw-reschedule", wantOK: false,
			edit: func(in *Input) { in.Slots = []time.Time{in.When.Add(48 * time.Hour)} }},
		{name: "withdraw-reschedule: edited text asks to reschedule", scenario: ScenarioDeclineOffer,
			id: "withdraw-reschedule", wantOK: false, msgHas: "reschedule",
			editText: func(s string) string { return s + "\nCould we reschedule instead?" }},

		{name: "thanks: present", scenario: ScenarioWithdraw, id: "thanks", wantOK: true, article: "cancel-without-burning-bridges"},
		{name: "thanks: removed", scenario: ScenarioWithdraw, id: "thanks", wantOK: false,
			editText: func(string) string { return "Hello,\n\nI withdraw my application.\n\nSam" }},
		{name: "thanks: appreciate counts", scenario: ScenarioWithdraw, id: "thanks", wantOK: true,
			editText: func(string) string { return "Hello,\n\nI withdraw. I appreciate your time.\n\nSam" }},

		{name: "apology: present", scenario: ScenarioCancel, id: "apology", wantOK: true, article: "apologising-for-a-cancellation"},
		{name: "apology: removed", scenario: ScenarioLastMinute, id: "apology", wantOK: false,
			editText: func(string) string { return "Hi,\n\nI cannot come today. Thanks.\n\nSam" }},
		{name: "apology: apologize spelling counts", scenario: ScenarioApology, id: "apology", wantOK: true,
			editText: func(string) string { return "Hi,\n\nI apologize for missing it. Thanks.\n\nSam" }},

		{name: "tone: template is professional", scenario: ScenarioDeclineOffer, id: "tone", wantOK: true,
			article: "keeping-your-tone-professional"},
		{name: "tone: blaming the employer", scenario: ScenarioWithdraw, id: "tone", wantOK: false,
			msgHas: "unprofessional", editText: func(s string) string { return s + "\nYour process was unprofessional." }},
		{name: "tone: salary complaint", scenario: ScenarioDeclineOffer, id: "tone", wantOK: false,
			msgHas: "lowball", editText: func(s string) string { return s + "\nFrankly it was a lowball offer." }},
		{name: "tone: medical oversharing in the detail", scenario: ScenarioCancel, id: "tone", wantOK: false,
			msgHas: "vomiting", edit: func(in *Input) {
				in.Disclose, in.Detail = DiscloseFull, "I have been vomiting all night."
			}},
		{name: "tone: shouting", scenario: ScenarioCancel, id: "tone", wantOK: false,
			msgHas: "I CANNOT MAKE IT", editText: func(s string) string { return s + "\nSORRY BUT I CANNOT MAKE IT." }},
		{name: "tone: an all-caps company is not shouting", scenario: ScenarioCancel, id: "tone", wantOK: true,
			edit: func(in *Input) { in.Company = "IBM UK LTD" }},
		{name: "tone: accented capitals shout too", scenario: ScenarioCancel, id: "tone", wantOK: false,
			msgHas: "ÇA NE VA PAS", editText: func(s string) string { return s + "\nÇA NE VA PAS." }},
		{name: "tone: two capital words are fine", scenario: ScenarioCancel, id: "tone", wantOK: true,
			editText: func(s string) string { return s + "\nSee you at the HQ NOW." }},

		{name: "placeholders: none", scenario: ScenarioCancel, id: "placeholders", wantOK: true,
			article: "what-to-say-when-cancelling"},
		{name: "placeholders: [Name]", scenario: ScenarioCancel, id: "placeholders", wantOK: false,
			msgHas: "[Name]", editText: func(s string) string { return strings.Replace(s, "Ana Kovač", "[Name]", 1) }},
		{name: "placeholders: <company>", scenario: ScenarioCancel, id: "placeholders", wantOK: false,
			msgHas: "<company>", editText: func(s string) string { return s + "\nRegards to everyone at <company>." }},
		{name: "placeholders: braces", scenario: ScenarioCancel, id: "placeholders", wantOK: false,
			editText: func(s string) string { return s + "\n{{date}}" }},
		{name: "placeholders: TODO", scenario: ScenarioCancel, id: "placeholders", wantOK: false,
			msgHas: "TODO", editText: func(s string) string { return s + "\nTODO add slots" }},
		{name: "placeholders: XXX", scenario: ScenarioCancel, id: "placeholders", wantOK: false,
			msgHas: "XXX", editText: func(s string) string { return s + "\nCall me on XXX" }},
		{name: "placeholders: a company in brackets is the user's own", scenario: ScenarioCancel,
			id: "placeholders", wantOK: true, edit: func(in *Input) { in.Company = "[x]cube Labs" }},

		{name: "door-open: on", scenario: ScenarioWithdraw, id: "door-open", wantOK: true, article: "cancel-without-burning-bridges"},
		{name: "door-open: switched off", scenario: ScenarioWithdraw, id: "door-open", wantOK: false,
			edit: func(in *Input) { in.KeepDoorOpen = false }},
		{name: "door-open: a company name does not count", scenario: ScenarioWithdraw, id: "door-open", wantOK: false,
			edit: func(in *Input) { in.KeepDoorOpen, in.Company = false, "Future Labs" }},
		{name: "door-open: cancel closed without offer", scenario: ScenarioCancel, id: "door-open", wantOK: false,
			edit: func(in *Input) { in.KeepDoorOpen, in.OfferReschedule, in.Slots = false, false, nil }},
		{name: "door-open: cancel offering another time", scenario: ScenarioCancel, id: "door-open", wantOK: true,
			edit: func(in *Input) { in.KeepDoorOpen = false }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := goldenInput(t, tt.scenario, ToneFormal, DiscloseBrief)
			if tt.edit != nil {
				tt.edit(&in)
			}
			d, err := Render(in)
			if err != nil {
				t.Fatal(err)
			}
			if tt.editText != nil {
				d.Body = tt.editText(d.Body)
			}
			if tt.recheck != nil {
				tt.recheck(&in)
			}
			c, ok := findCheck(Checks(in, d), tt.id)
			if !ok {
				t.Fatalf("no %s check for %s", tt.id, tt.scenario)
			}
			if c.OK != tt.wantOK {
				t.Errorf("%s OK = %v, want %v (%s)", tt.id, c.OK, tt.wantOK, c.Message)
			}
			if c.Message == "" {
				t.Errorf("%s has no message", tt.id)
			}
			if tt.msgHas != "" && !strings.Contains(c.Message, tt.msgHas) {
				t.Errorf("%s message %q lacks %q", tt.id, c.Message, tt.msgHas)
			}
			if tt.article != "" && c.Article != tt.article {
				t.Errorf("%s article = %q, want %q", tt.id, c.Article, tt.article)
			}
			if c.Article == "" {
				t.Errorf("%s has no article", tt.id)
			}
		})
	}
}

func TestChecksApplyPerScenario(t *testing.T) {
	tests := []struct {
		scenario Scenario
		want     []string
	}{
		{ScenarioCancel, []string{"notice", "reason", "slots", "thanks", "apology", "fit", "claim", "signature", "tone", "placeholders", "door-open"}},
		{ScenarioReschedule, []string{"notice", "reason", "slots", "thanks", "apology", "fit", "claim", "signature", "tone", "placeholders"}},
		{ScenarioLastMinute, []string{"notice", "reason", "slots", "thanks", "apology", "fit", "claim", "signature", "tone", "placeholders", "door-open"}},
		{ScenarioRunningLate, []string{"reason", "thanks", "apology", "fit", "claim", "signature", "tone", "placeholders"}},
		{ScenarioConfirmTime, []string{"thanks", "claim", "signature", "tone", "placeholders"}},
		{ScenarioWithdraw, []string{"notice", "reason", "withdraw-reschedule", "thanks", "fit", "claim", "signature", "tone", "placeholders", "door-open"}},
		{ScenarioApology, []string{"reason", "slots", "thanks", "apology", "fit", "claim", "signature", "tone", "placeholders"}},
		{ScenarioDeclineInvitation, []string{"notice", "reason", "withdraw-reschedule", "thanks", "fit", "claim", "signature", "tone", "placeholders", "door-open"}},
		{ScenarioFollowUp, []string{"reason", "slots", "thanks", "fit", "claim", "signature", "tone", "placeholders"}},
		{ScenarioThankYou, []string{"thanks", "claim", "signature", "tone", "placeholders"}},
		{ScenarioNudge, []string{"thanks", "claim", "signature", "tone", "placeholders"}},
		{ScenarioMoreTime, []string{"reason", "thanks", "fit", "claim", "signature", "tone", "placeholders"}},
		{ScenarioAcceptOffer, []string{"thanks", "claim", "signature", "tone", "placeholders"}},
		{ScenarioDeclineOffer, []string{"reason", "withdraw-reschedule", "thanks", "fit", "claim", "signature", "tone", "placeholders", "door-open"}},
		{ScenarioRenege, []string{"reason", "withdraw-reschedule", "thanks", "apology", "fit", "claim", "signature", "tone", "placeholders", "door-open"}},
		{ScenarioCheckIn, []string{"thanks", "claim", "signature", "tone", "placeholders"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.scenario), func(t *testing.T) {
			for _, tone := range Tones() {
				in := goldenInput(t, tt.scenario, tone, DiscloseBrief)
				in.Detail = "" // a careful user types no words the email leaves out
				d, err := Render(in)
				if err != nil {
					t.Fatal(err)
				}
				var ids []string
				for _, c := range Checks(in, d) {
					ids = append(ids, c.ID)
					// The golden inputs are what a careful user would pick, so
					// the only warning allowed is the short-notice one.
					if !c.OK && c.ID != "notice" {
						t.Errorf("%s/%s: %s warns on the untouched draft: %s", tt.scenario, tone, c.ID, c.Message)
					}
				}
				if !slices.Equal(ids, tt.want) {
					t.Errorf("%s/%s checks = %v, want %v", tt.scenario, tone, ids, tt.want)
				}
			}
		})
	}
	in := goldenInput(t, ScenarioCancel, ToneFormal, DiscloseBrief)
	in.When = time.Time{}
	d, _ := Render(in)
	if _, ok := findCheck(Checks(in, d), "notice"); ok {
		t.Error("notice check without a known interview time")
	}
}

// TestArticlesExist keeps the composer's links into the advice library
// pointing at real articles.
func TestArticlesExist(t *testing.T) {
	slugs := map[string]bool{}
	for _, s := range Scenarios() {
		slugs[s.Article] = true
	}
	in := goldenInput(t, ScenarioCancel, ToneFormal, DiscloseBrief)
	for _, s := range Scenarios() {
		in.Scenario = s.ID
		for _, c := range Checks(in, Draft{Scenario: s.ID}) {
			slugs[c.Article] = true
		}
	}
	for slug := range slugs {
		if _, err := fs.Stat(assets.Articles, "articles/"+slug+".md"); err != nil {
			t.Errorf("advice article %q: %v", slug, err)
		}
	}
}
