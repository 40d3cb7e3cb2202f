package compose

import (
	"fmt"
	"strings"
	"time"
)

// historyWindow is how long what the user told a company stays binding:
// after a year, "I accepted another offer" no longer says much about now.
const historyWindow = 365 * 24 * time.Hour

// settled reports whether a reason said the user's job search was settled:
// they took another offer, or stayed where they are.
func settled(r Reason) bool { return r == ReasonOtherOffer || r == ReasonCounterOffer }

// keepsGoing reports whether a scenario carries a process on, which a
// company told the search was settled would not expect.
func keepsGoing(s Scenario) bool {
	switch s {
	case ScenarioReschedule, ScenarioConfirmTime, ScenarioRunningLate, ScenarioAcceptOffer, ScenarioMoreTime,
		ScenarioThankYou, ScenarioNudge:
		return true
	}
	return false
}

// historyCheck warns when what the draft says contradicts what the user
// told this company before, within the last year: carrying a process on
// after saying their search was settled, or giving the other settled
// reason ("staying with my employer" after "I accepted another offer").
// It appears only when it warns.
func historyCheck(in Input) (Check, bool) {
	for i := len(in.History) - 1; i >= 0; i-- {
		p := in.History[i]
		if !settled(p.Reason) || in.Now.Sub(p.At) > historyWindow {
			continue
		}
		told := fmt.Sprintf("On %s you told them: %s.", p.At.Format("2 Jan 2006"), strings.ToLower(ReasonLabel(p.Reason)))
		switch {
		case keepsGoing(in.Scenario):
			return Check{ID: "history", Article: articleWhatToSay, Message: told +
				" Carrying on now contradicts that: say in a line what changed, so the message does not read as a slip."}, true
		case settled(in.Reason) && in.Reason != p.Reason:
			return Check{ID: "history", Article: articleWhatToSay, Message: told +
				" This draft gives a different reason (" + strings.ToLower(ReasonLabel(in.Reason)) + "): keep to one story, or say what changed."}, true
		}
	}
	return Check{}, false
}

// LastExchange sums up the latest message filed to a company, for the
// composer's panel: "You withdrew on 3 Mar 2026, giving the reason:
// another offer." It is "" when there is none.
func LastExchange(history []Prior) string {
	if len(history) == 0 {
		return ""
	}
	p := history[len(history)-1]
	line := fmt.Sprintf("You %s on %s", didWhat(p.Scenario), p.At.Format("2 Jan 2006"))
	if p.Reason != ReasonNone && p.Reason != "" {
		line += ", giving the reason: " + strings.ToLower(ReasonLabel(p.Reason))
	}
	if n := len(history); n > 1 {
		line += fmt.Sprintf(" (%d messages to them in all)", n)
	}
	return line + "."
}

// didWhat says what sending a scenario's message did.
func didWhat(s Scenario) string {
	if did, ok := map[Scenario]string{
		ScenarioCancel:            "cancelled an interview",
		ScenarioReschedule:        "asked to reschedule",
		ScenarioLastMinute:        "cancelled at the last minute",
		ScenarioWithdraw:          "withdrew",
		ScenarioApology:           "apologised for cancelling",
		ScenarioDeclineOffer:      "declined their offer",
		ScenarioDeclineInvitation: "declined an invitation to interview",
		ScenarioFollowUp:          "followed up after cancelling",
		ScenarioRunningLate:       "said you were running late",
		ScenarioRenege:            "withdrew after accepting",
		ScenarioMoreTime:          "asked for more time on the offer",
		ScenarioThankYou:          "thanked them",
		ScenarioAcceptOffer:       "accepted their offer",
		ScenarioConfirmTime:       "confirmed a time",
		ScenarioNudge:             "nudged them for news",
		ScenarioCheckIn:           "checked in",
	}[s]; ok {
		return did
	}
	return "wrote to them"
}

// Closing is the message that closes a process the user is leaving: an
// offer still open is declined, an interview withdrawn from.
func Closing(pendingOffer bool) Scenario {
	if pendingOffer {
		return ScenarioDeclineOffer
	}
	return ScenarioWithdraw
}
