package compose

import (
	"fmt"
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
	ScenarioRunningLate       Scenario = "running-late"
	ScenarioRenege            Scenario = "renege"
	ScenarioMoreTime          Scenario = "more-time"
	ScenarioThankYou          Scenario = "thank-you"
	ScenarioAcceptOffer       Scenario = "accept-offer"
	ScenarioConfirmTime       Scenario = "confirm-time"
	ScenarioNudge             Scenario = "nudge"
	ScenarioCheckIn           Scenario = "check-in"
)

// Moment says which interview a scenario's message is about, which decides
// the checks on its timing.
type Moment int

// The moments a message can be about.
const (
	// Upcoming: an interview still to come (how much notice is given).
	Upcoming Moment = iota + 1
	// Past: an interview that has happened, was missed or was cancelled
	// (looking back; a cancelled one's time may still be ahead, see
	// ScenarioInfo.AfterCancelling).
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
	// Notice is set when how much warning the message gives matters: the
	// notice check (and its phone-first advice) applies.
	Notice bool
	// Fields are the optional form fields it uses.
	Fields FieldSet
	// Reasons are the reason categories that fit it, in display order.
	Reasons []Reason
	// DropsTimes is set when switching to it should withdraw any times
	// already offered: stepping away, or following up, with times still on
	// offer would send mixed signals.
	DropsTimes bool
	// SoonInstead and PassedInstead are the scenarios to suggest when the
	// interview is less than a day away, or already past ("" for none). A
	// suggestion keeps the user's intent: SoonInstead files the same
	// Status.
	SoonInstead, PassedInstead Scenario
	// SoonAs is what the message becomes with less than a day's notice, for
	// the notice check ("a last-minute reschedule"); "" to name nothing.
	SoonAs string
	// AfterCancelling is set when the message follows a cancellation: the
	// interview's time may be past or still ahead, and the draft's tense
	// follows the clock.
	AfterCancelling bool
	// WhenMeans is what the form's date and time stand for in this
	// scenario, for its heading ("" for the interview).
	WhenMeans string
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

// reasons is a fresh list of reasons, so no caller can change another
// row's.
func reasons(rs ...Reason) []Reason { return append([]Reason(nil), rs...) }

// The reasons each kind of message can give, in display order.
func unableReasons() []Reason {
	return reasons(ReasonEmergency, ReasonIllness, ReasonConflict, ReasonPersonal, ReasonOther)
}

func stepBackReasons() []Reason {
	return reasons(ReasonOtherOffer, ReasonCounterOffer, ReasonNotAFit, ReasonPersonal, ReasonConflict, ReasonEmergency, ReasonIllness, ReasonOther)
}

// scenarioTable holds every scenario in the order the composer offers them.
func scenarioTable() []ScenarioInfo {
	return append(classicScenarios(), newerScenarios()...)
}

// classicScenarios are the messages about stepping back or moving an
// interview.
func classicScenarios() []ScenarioInfo {
	return []ScenarioInfo{
		{
			ID: ScenarioCancel, Label: "Cancel an interview", Summary: "Call off an interview with a day or more of notice.",
			Article: "what-to-say-when-cancelling", Action: "Write a cancellation", Status: "cancelled",
			Apologises: true, Moment: Upcoming, Notice: true, frame: frameUnable, Reasons: unableReasons(),
			Fields:      FieldSet{When: true, Reason: true, OfferReschedule: true, Slots: true, KeepDoorOpen: true},
			SoonInstead: ScenarioLastMinute, PassedInstead: ScenarioApology, SoonAs: "a last-minute cancellation",
		},
		{
			ID: ScenarioReschedule, Label: "Reschedule an interview", Summary: "Ask to move an interview and propose new times.",
			Article: "rescheduling-an-interview", Action: "Ask to reschedule", Status: "rescheduled",
			Apologises: true, Moment: Upcoming, Notice: true, frame: frameUnable, Reasons: unableReasons(),
			Fields:        FieldSet{When: true, Reason: true, Slots: true},
			PassedInstead: ScenarioApology, SoonAs: "a last-minute reschedule",
		},
		{
			ID: ScenarioLastMinute, Label: "Last-minute cancellation", Summary: "The interview is less than 24 hours away: phone first, then send this.",
			Article: "last-minute-cancellation", Action: "Write a last-minute cancellation", Status: "cancelled",
			Apologises: true, Moment: Upcoming, Notice: true, frame: frameUnable, Reasons: unableReasons(),
			Fields:        FieldSet{When: true, Reason: true, OfferReschedule: true, Slots: true, KeepDoorOpen: true},
			PassedInstead: ScenarioApology,
		},
		{
			ID: ScenarioRunningLate, Label: "Running late", Summary: "You will be late on the day, or the video call will not connect.",
			Article: "running-late-to-an-interview", Action: "Say you are running late",
			Apologises: true, Moment: Upcoming, frame: frameLate,
			Reasons: reasons(ReasonTravel, ReasonTechnical, ReasonConflict, ReasonEmergency, ReasonOther),
			Fields:  FieldSet{When: true, Reason: true},
		},
		{
			ID: ScenarioConfirmTime, Label: "Accept a new time", Summary: "Confirm the new time they proposed for the interview.",
			Article: "rescheduling-an-interview", Action: "Confirm the new time", Status: "rescheduled",
			Moment: Upcoming, frame: frameNone, WhenMeans: "The new time",
			Fields: FieldSet{When: true},
		},
		{
			ID: ScenarioWithdraw, Label: "Withdraw from the process", Summary: "Step out of the hiring process for this role.",
			Article: "withdrawing-from-the-process", Action: "Withdraw from the process", Status: "withdrawn",
			StepsBack: true, Moment: Upcoming, Notice: true, frame: frameStepBack, Reasons: stepBackReasons(), DropsTimes: true,
			Fields: FieldSet{When: true, Reason: true, KeepDoorOpen: true},
		},
		{
			ID: ScenarioApology, Label: "Apologise for a cancellation", Summary: "Say sorry for a cancelled or missed interview and ask for another chance.",
			Article: "apologising-for-a-cancellation", Action: "Apologise for cancelling",
			Apologises: true, Moment: Past, AfterCancelling: true, frame: frameEarlier, Reasons: unableReasons(),
			Fields: FieldSet{When: true, Reason: true, OfferReschedule: true, Slots: true},
		},
		{
			ID: ScenarioDeclineInvitation, Label: "Decline an invitation", Summary: "Say no to an invitation to interview.",
			Article: "declining-an-interview-invitation", Action: "Decline an invitation", Status: "withdrawn",
			StepsBack: true, Moment: Upcoming, Notice: true, frame: frameStepBack, Reasons: stepBackReasons(), DropsTimes: true,
			Fields: FieldSet{When: true, Reason: true, KeepDoorOpen: true},
		},
		{
			ID: ScenarioFollowUp, Label: "Follow up after cancelling", Summary: "Restate your interest after a cancellation.",
			Article: "following-up-after-cancelling", Action: "Follow up",
			Moment: Past, AfterCancelling: true, frame: frameEarlier, Reasons: unableReasons(), DropsTimes: true,
			Fields: FieldSet{When: true, Reason: true, OfferReschedule: true, Slots: true},
		},
	}
}

// newerScenarios are the messages about offers, thanks and staying in touch.
func newerScenarios() []ScenarioInfo {
	return []ScenarioInfo{
		{
			ID: ScenarioThankYou, Label: "Thank them after an interview", Summary: "A short thank-you the day of the interview or the next.",
			Article: "thanking-them-after-an-interview", Action: "Write a thank-you", Status: "attended",
			Moment: Past, frame: frameNone, Fields: FieldSet{When: true},
		},
		{
			ID: ScenarioNudge, Label: "Nudge after no reply", Summary: "They have gone quiet after a reschedule or an interview.",
			Article: "when-they-go-quiet", Action: "Send a polite nudge",
			Moment: Past, frame: frameNone, Fields: FieldSet{When: true}, WhenMeans: "When you last heard",
		},
		{
			ID: ScenarioMoreTime, Label: "Ask for more time on an offer", Summary: "Ask, warmly and with a date, for longer to decide.",
			Article: "asking-for-more-time-on-an-offer", Action: "Ask for more time",
			Moment: NoInterview, frame: frameMoreTime, WhenMeans: "Answer by",
			Reasons: reasons(ReasonOtherOffer, ReasonPersonal, ReasonOther),
			Fields:  FieldSet{When: true, Reason: true},
		},
		{
			ID: ScenarioAcceptOffer, Label: "Accept an offer", Summary: "Say yes, and confirm what happens next.",
			Article: "accepting-an-offer", Action: "Accept the offer", Status: "accepted",
			Moment: NoInterview, frame: frameNone, WhenMeans: "Start date",
			Fields: FieldSet{When: true},
		},
		{
			ID: ScenarioDeclineOffer, Label: "Decline an offer", Summary: "Turn down a job offer politely.",
			Article: "declining-an-offer", Action: "Decline an offer", Status: "declined",
			StepsBack: true, Moment: NoInterview, frame: frameStepBack, DropsTimes: true,
			Reasons: reasons(ReasonOtherOffer, ReasonCounterOffer, ReasonNotAFit, ReasonPersonal, ReasonOther),
			Fields:  FieldSet{Reason: true, KeepDoorOpen: true},
		},
		{
			ID: ScenarioRenege, Label: "Withdraw after accepting", Summary: "Go back on an offer you accepted, as early and as plainly as you can.",
			Article: "withdrawing-after-accepting-an-offer", Action: "Withdraw after accepting", Status: "withdrawn",
			StepsBack: true, Apologises: true, Moment: NoInterview, frame: frameRenege, DropsTimes: true,
			Reasons: reasons(ReasonOtherOffer, ReasonCounterOffer, ReasonPersonal, ReasonEmergency, ReasonIllness, ReasonOther),
			Fields:  FieldSet{Reason: true, KeepDoorOpen: true},
		},
		{
			ID: ScenarioCheckIn, Label: "Check in months later", Summary: "Reconnect with someone you stepped away from, to keep the bridge.",
			Article: "reconnecting-after-stepping-away", Action: "Write a check-in",
			Moment: NoInterview, frame: frameNone,
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
func ScenarioList() string { return orList(ScenarioIDs()) }

// ParseScenario turns user text into a Scenario, ignoring case and
// surrounding space.
func ParseScenario(s string) (Scenario, error) {
	return parseKnown(s, "scenario", "scenario", ScenarioIDs())
}

// Valid reports whether s is a known scenario.
func (s Scenario) Valid() bool {
	_, ok := Info(s)
	return ok
}

// Fits reports whether reason r makes sense for scenario s: it is one of the
// reasons its row lists.
func (s Scenario) Fits(r Reason) bool {
	if r == ReasonNone {
		return true
	}
	for _, fit := range s.info().Reasons {
		if fit == r {
			return true
		}
	}
	return false
}

// FitsInstead names the scenario that reason r fits when s does not: the
// first in the table about the same moment, else the first at all.
func (s Scenario) FitsInstead(r Reason) (Scenario, bool) {
	moment := s.info().Moment
	var any Scenario
	for _, info := range scenarioTable() {
		if info.ID == s || !info.ID.Fits(r) || !info.Fields.Reason {
			continue
		}
		if info.Moment == moment {
			return info.ID, true
		}
		if any == "" {
			any = info.ID
		}
	}
	return any, any != ""
}

// misfit says a reason does not fit and what to write instead:
// "not-a-fit does not fit reschedule: use withdraw".
func (s Scenario) misfit(r Reason) string {
	msg := fmt.Sprintf("%s does not fit %s", r, s)
	if other, ok := s.FitsInstead(r); ok {
		msg += ": use " + string(other)
	}
	return msg
}
