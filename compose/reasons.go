package compose

// frame is the situation a reason is explained in; the same category needs
// different words when you cannot make a date, when you are stepping out of
// the process, and when you are looking back on a cancelled interview.
type frame int

const (
	frameUnable   frame = iota // cancel, reschedule, last-minute
	frameStepBack              // withdraw, decline-offer, decline-invitation
	frameEarlier               // apology, follow-up
)

func frameOf(s Scenario) frame { return s.info().frame }

// reasonWording returns the category-level sentence for a reason in a frame.
// The words are deliberately general: they say what kind of reason it is
// without private details, which only the user's own detail line adds.
func reasonWording(f frame, r Reason) string {
	switch f {
	case frameStepBack:
		switch r {
		case ReasonEmergency:
			return "A family emergency means I cannot commit to a new role at the moment."
		case ReasonIllness:
			return "My health has to come first for now, so I cannot commit to a new role."
		case ReasonConflict:
			return "The timing no longer works with my other commitments."
		case ReasonOtherOffer:
			return "I have accepted an offer elsewhere."
		case ReasonNotAFit:
			return "I have come to the conclusion that the role is not the right fit for me at this stage."
		case ReasonPersonal:
			return "Personal circumstances mean this is not the right time for me to make a move."
		case ReasonOther:
			return "My circumstances have changed since we first spoke."
		}
	case frameEarlier:
		switch r {
		case ReasonEmergency:
			return "A family emergency came up at short notice."
		case ReasonIllness:
			return "I had fallen ill and was not well enough to take part."
		case ReasonConflict:
			return "I had an unavoidable scheduling conflict."
		case ReasonOtherOffer:
			return "I had received another offer at the time and needed to weigh it up."
		case ReasonNotAFit:
			return "At the time, I was unsure whether the role was the right fit for me."
		case ReasonPersonal:
			return "A personal matter needed my attention."
		case ReasonOther:
			return "Something unexpected came up that I could not set aside."
		}
	default:
		switch r {
		case ReasonEmergency:
			return "I am dealing with a family emergency."
		case ReasonIllness:
			return "I have fallen ill and do not expect to be well enough to take part."
		case ReasonConflict:
			return "I have an unavoidable scheduling conflict at that time."
		case ReasonOtherOffer:
			return "I have received another job offer and need some time to weigh my options."
		case ReasonNotAFit:
			return "Having reflected on the role, I am no longer sure it is the right fit for me."
		case ReasonPersonal:
			return "A personal matter has come up that needs my attention."
		case ReasonOther:
			return "Something unexpected has come up that I cannot set aside."
		}
	}
	return ""
}

// reasonText is the reason as it appears in the draft: nothing at
// DiscloseNone, the category wording at DiscloseBrief, and the wording
// followed by the user's detail, verbatim, at DiscloseFull. For "other" the
// detail is the reason, so it replaces the generic wording.
func reasonText(f frame, r Reason, d Disclosure, detail string) string {
	if d == DiscloseNone || r == ReasonNone {
		return ""
	}
	wording := reasonWording(f, r)
	if d != DiscloseFull {
		return wording
	}
	extra := sentence(detail)
	switch {
	case extra == "":
		return wording
	case r == ReasonOther:
		return extra
	default:
		return wording + " " + extra
	}
}
