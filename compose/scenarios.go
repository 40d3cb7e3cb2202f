package compose

import (
	"fmt"
	"strings"
)

// Scenario is the kind of message being written.
type Scenario string

// The scenarios the composer offers.
const (
	ScenarioCancel            Scenario = "cancel"
	ScenarioReschedule        Scenario = "reschedule"
	ScenarioLastMinute        Scenario = "last-minute"
	ScenarioWithdraw          Scenario = "withdraw"
	ScenarioApology           Scenario = "apology"
	ScenarioDeclineOffer      Scenario = "decline-offer"
	ScenarioDeclineInvitation Scenario = "decline-invitation"
	ScenarioFollowUp          Scenario = "follow-up"
)

// Moment says which interview a scenario's message is about, which decides
// the checks on its timing.
type Moment int

// The moments a message can be about.
const (
	// Upcoming: an interview still to come (how much notice is given).
	Upcoming Moment = iota + 1
	// Past: an interview that was cancelled or missed (looking back).
	Past
	// NoInterview: an offer, where no interview time is at stake.
	NoInterview
)

// ScenarioInfo is everything Bridgekeeper knows about a scenario. It is the
// one place a scenario is described: the composer's form and checks, the
// reasons offered, the Advice tab's buttons, the tracker's status and the
// command line's usage all read it. Adding a scenario means a row here, its
// templates (one per tone) and its article.
type ScenarioInfo struct {
	ID      Scenario
	Label   string // as the scenario picker shows it
	Summary string // one line under the picker
	// Article is the slug of the advice article that explains it, and
	// Action the label of the Advice tab's button that writes it.
	Article string
	Action  string
	// Status is the tracker status an interview moves to once this message
	// is sent (as data.Status spells it), or "" when it stays as it is.
	Status string
	// StepsBack is set when the message leaves the process for good
	// (withdrawing, declining): it closes without new times, and its
	// reasons are worded as decisions.
	StepsBack bool
	// Apologises is set when the draft should say sorry.
	Apologises bool
	// Moment is which interview the message is about.
	Moment Moment
	// Fields are the optional form fields it uses.
	Fields FieldSet
	// Reasons are the reason categories that fit it, in display order.
	Reasons []Reason
	// DropsTimes is set when switching to it should withdraw any times
	// already offered: stepping away, or following up, with times still on
	// offer would send mixed signals.
	DropsTimes bool
	// SoonInstead and PassedInstead are the scenarios to suggest when the
	// interview is less than a day away, or already past ("" for none).
	SoonInstead, PassedInstead Scenario
	// frame is how its reasons are worded.
	frame frame
}

// FieldSet says which optional form fields a scenario uses; a form hides the
// others and the templates ignore them.
type FieldSet struct {
	When            bool // the interview's date and time
	Reason          bool // reason, detail and disclosure
	OfferReschedule bool // the "offer to reschedule" switch
	Slots           bool // alternative times
	KeepDoorOpen    bool // the "keep the door open" switch
}

// allReasons is every reason category, for scenarios any reason fits; a
// fresh slice each time, so no caller can change another's.
func allReasons() []Reason {
	return []Reason{ReasonEmergency, ReasonIllness, ReasonConflict, ReasonOtherOffer, ReasonNotAFit, ReasonPersonal, ReasonOther}
}

// scenarioTable holds every scenario in the order the composer offers them.
func scenarioTable() []ScenarioInfo {
	return []ScenarioInfo{
		{
			ID: ScenarioCancel, Label: "Cancel an interview", Summary: "Call off an interview with a day or more of notice.",
			Article: "what-to-say-when-cancelling", Action: "Write a cancellation", Status: "cancelled",
			Apologises: true, Moment: Upcoming, frame: frameUnable, Reasons: allReasons(),
			Fields:      FieldSet{When: true, Reason: true, OfferReschedule: true, Slots: true, KeepDoorOpen: true},
			SoonInstead: ScenarioLastMinute, PassedInstead: ScenarioApology,
		},
		{
			ID: ScenarioReschedule, Label: "Reschedule an interview", Summary: "Ask to move an interview and propose new times.",
			Article: "rescheduling-an-interview", Action: "Ask to reschedule", Status: "rescheduled",
			Apologises: true, Moment: Upcoming, frame: frameUnable, Reasons: allReasons(),
			Fields:      FieldSet{When: true, Reason: true, Slots: true},
			SoonInstead: ScenarioLastMinute, PassedInstead: ScenarioApology,
		},
		{
			ID: ScenarioLastMinute, Label: "Last-minute cancellation", Summary: "The interview is less than 24 hours away: phone first, then send this.",
			Article: "last-minute-cancellation", Action: "Write a last-minute cancellation", Status: "cancelled",
			Apologises: true, Moment: Upcoming, frame: frameUnable, Reasons: allReasons(),
			Fields:        FieldSet{When: true, Reason: true, OfferReschedule: true, Slots: true, KeepDoorOpen: true},
			PassedInstead: ScenarioApology,
		},
		{
			ID: ScenarioWithdraw, Label: "Withdraw from the process", Summary: "Step out of the hiring process for this role.",
			Article: "withdrawing-from-the-process", Action: "Withdraw from the process", Status: "withdrawn",
			StepsBack: true, Moment: Upcoming, frame: frameStepBack, Reasons: allReasons(), DropsTimes: true,
			Fields: FieldSet{When: true, Reason: true, KeepDoorOpen: true},
		},
		{
			ID: ScenarioApology, Label: "Apologise for a cancellation", Summary: "Say sorry for a cancelled or missed interview and ask for another chance.",
			Article: "apologising-for-a-cancellation", Action: "Apologise for cancelling",
			Apologises: true, Moment: Past, frame: frameEarlier, Reasons: allReasons(),
			Fields: FieldSet{When: true, Reason: true, OfferReschedule: true, Slots: true},
		},
		{
			ID: ScenarioDeclineOffer, Label: "Decline an offer", Summary: "Turn down a job offer politely.",
			Article: "declining-an-offer", Action: "Decline an offer", Status: "declined",
			StepsBack: true, Moment: NoInterview, frame: frameStepBack, Reasons: allReasons(), DropsTimes: true,
			Fields: FieldSet{Reason: true, KeepDoorOpen: true},
		},
		{
			ID: ScenarioDeclineInvitation, Label: "Decline an invitation", Summary: "Say no to an invitation to interview.",
			Article: "declining-an-interview-invitation", Action: "Decline an invitation", Status: "withdrawn",
			StepsBack: true, Moment: Upcoming, frame: frameStepBack, Reasons: allReasons(), DropsTimes: true,
			Fields: FieldSet{When: true, Reason: true, KeepDoorOpen: true},
		},
		{
			ID: ScenarioFollowUp, Label: "Follow up", Summary: "Restate your interest after a cancellation.",
			Article: "following-up-after-cancelling", Action: "Follow up",
			Moment: Past, frame: frameEarlier, Reasons: allReasons(), DropsTimes: true,
			Fields: FieldSet{When: true, Reason: true, OfferReschedule: true, Slots: true},
		},
	}
}

// Scenarios lists every scenario in the order the composer offers them.
func Scenarios() []ScenarioInfo { return scenarioTable() }

// ScenarioIDs lists every scenario's ID, in order.
func ScenarioIDs() []Scenario {
	table := scenarioTable()
	ids := make([]Scenario, len(table))
	for i, s := range table {
		ids[i] = s.ID
	}
	return ids
}

// Info describes scenario s; ok is false for an unknown scenario.
func Info(s Scenario) (info ScenarioInfo, ok bool) {
	for _, info := range scenarioTable() {
		if info.ID == s {
			return info, true
		}
	}
	return ScenarioInfo{}, false
}

// info is Info for code that has already checked s.
func (s Scenario) info() ScenarioInfo {
	info, _ := Info(s)
	return info
}

// Uses returns the fields scenario s makes use of. Company, role, names and
// tone apply to every scenario.
func Uses(s Scenario) FieldSet { return s.info().Fields }

// ScenarioList is the scenarios' IDs as a phrase for usage and messages:
// "cancel, reschedule, … or follow-up".
func ScenarioList() string {
	ids := ScenarioIDs()
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = string(id)
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// ParseScenario turns user text into a Scenario, ignoring case and
// surrounding space.
func ParseScenario(s string) (Scenario, error) {
	v := Scenario(normalise(s))
	if v.Valid() {
		return v, nil
	}
	return "", &InputError{Field: "scenario", Msg: fmt.Sprintf("unknown scenario %q (want one of %s)", s, names(ScenarioIDs()))}
}

// Valid reports whether s is a known scenario.
func (s Scenario) Valid() bool {
	_, ok := Info(s)
	return ok
}
