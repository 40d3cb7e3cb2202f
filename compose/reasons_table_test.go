package compose

import "testing"

// Every reason a scenario offers must have a sentence in the scenario's
// frame: a missing entry would silently leave the reason out of the draft.
// And no frame words a reason no scenario of it offers (dead text).
func TestReasonWordingsMatchTheTable(t *testing.T) {
	offered := map[frame]map[Reason]bool{}
	for _, s := range Scenarios() {
		if !s.Fields.Reason {
			if len(s.Reasons) != 0 {
				t.Errorf("%s lists reasons but has no reason field", s.ID)
			}
			continue
		}
		if offered[s.frame] == nil {
			offered[s.frame] = map[Reason]bool{}
		}
		for _, r := range s.Reasons {
			offered[s.frame][r] = true
			if reasonWording(s.frame, r) == "" {
				t.Errorf("%s offers %q but its frame has no wording for it", s.ID, r)
			}
		}
	}
	for f, words := range reasonWordings() {
		for r := range words {
			if !offered[f][r] {
				t.Errorf("frame %d words %q, which none of its scenarios offers", f, r)
			}
		}
	}
	if got := reasonWording(frameStepBack, ReasonNone); got != "" {
		t.Errorf("ReasonNone worded as %q, want nothing", got)
	}
}

func TestReasonsThatDoNotFitNameTheScenarioThatDoes(t *testing.T) {
	for _, tc := range []struct {
		s    Scenario
		r    Reason
		want string
	}{
		{ScenarioReschedule, ReasonNotAFit, "not-a-fit does not fit reschedule: use withdraw"},
		{ScenarioCancel, ReasonOtherOffer, "other-offer does not fit cancel: use withdraw"},
		{ScenarioApology, ReasonOtherOffer, "other-offer does not fit apology: use withdraw"},
	} {
		if tc.s.Fits(tc.r) {
			t.Errorf("%s accepts %s", tc.s, tc.r)
		}
		if got := tc.s.misfit(tc.r); got != tc.want {
			t.Errorf("misfit = %q, want %q", got, tc.want)
		}
	}
	if err := (Input{Scenario: ScenarioReschedule, Reason: ReasonNotAFit}).Validate(); err == nil {
		t.Error("Validate let a reason that does not fit through")
	}
}
