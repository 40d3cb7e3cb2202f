package compose

import (
	"strings"
	"testing"
	"time"
)

func TestHistoryCheck(t *testing.T) {
	now := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	offer := Prior{Scenario: ScenarioWithdraw, At: now.AddDate(0, -2, 0), Reason: ReasonOtherOffer}
	for _, c := range []struct {
		name     string
		scenario Scenario
		reason   Reason
		history  []Prior
		warns    bool
		want     string
	}{
		{"carrying on after 'another offer'", ScenarioReschedule, ReasonIllness, []Prior{offer}, true, "contradicts"},
		{"a thank-you after 'another offer'", ScenarioThankYou, ReasonNone, []Prior{offer}, true, "another offer"},
		{"the other settled reason", ScenarioDeclineInvitation, ReasonCounterOffer, []Prior{offer}, true, "different reason"},
		{"the same story again", ScenarioDeclineInvitation, ReasonOtherOffer, []Prior{offer}, false, ""},
		{"stepping back for another reason", ScenarioWithdraw, ReasonNotAFit, []Prior{offer}, false, ""},
		{"more than a year ago", ScenarioReschedule, ReasonIllness, []Prior{{Scenario: ScenarioWithdraw, At: now.AddDate(-2, 0, 0), Reason: ReasonOtherOffer}}, false, ""},
		{"an earlier reschedule says nothing settled", ScenarioReschedule, ReasonIllness, []Prior{{Scenario: ScenarioReschedule, At: now.AddDate(0, -1, 0), Reason: ReasonIllness}}, false, ""},
		{"no history", ScenarioReschedule, ReasonIllness, nil, false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Input{Scenario: c.scenario, Reason: c.reason, History: c.history, Now: now}
			got, ok := historyCheck(in)
			if ok != c.warns || (ok && (got.OK || got.ID != "history" || !strings.Contains(got.Message, c.want))) {
				t.Errorf("historyCheck = %+v, %v; want a warning %v mentioning %q", got, ok, c.warns, c.want)
			}
		})
	}
}

func TestLastExchange(t *testing.T) {
	at := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		history []Prior
		want    string
	}{
		{nil, ""},
		{[]Prior{{Scenario: ScenarioWithdraw, At: at, Reason: ReasonOtherOffer}}, "You withdrew on 3 Mar 2026, giving the reason: another offer."},
		{[]Prior{{Scenario: ScenarioReschedule, At: at.AddDate(0, -1, 0)}, {Scenario: ScenarioThankYou, At: at}},
			"You thanked them on 3 Mar 2026 (2 messages to them in all)."},
		{[]Prior{{Scenario: "something-new", At: at}}, "You wrote to them on 3 Mar 2026."},
	} {
		if got := LastExchange(c.history); got != c.want {
			t.Errorf("LastExchange = %q, want %q", got, c.want)
		}
	}
	for _, s := range Scenarios() {
		if didWhat(s.ID) == "wrote to them" {
			t.Errorf("scenario %s has no words for what it did", s.ID)
		}
	}
}
