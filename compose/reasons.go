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
	if f != frameStepBack && f != frameEarlier {
		f = frameUnable // any other frame is worded as not being able to make it
	}
	return reasonWordings[f][r]
}

// reasonWordings holds every sentence reasonWording can return, by frame and
// then reason, so the words are data and a new reason is one line per frame.
var reasonWordings = map[frame]map[Reason]string{
	frameUnable: {
		ReasonEmergency:  "I am dealing with a family emergency.",
		ReasonIllness:    "I have fallen ill and do not expect to be well enough to take part.",
		ReasonConflict:   "I have an unavoidable scheduling conflict at that time.",
		ReasonOtherOffer: "I have received another job offer and need some time to weigh my options.",
		ReasonNotAFit:    "Having reflected on the role, I am no longer sure it is the right fit for me.",
		ReasonPersonal:   "A personal matter has come up that needs my attention.",
		ReasonOther:      "Something unexpected has come up that I cannot set aside.",
	},
	frameStepBack: {
		ReasonEmergency:  "A family emergency means I cannot commit to a new role at the moment.",
		ReasonIllness:    "My health has to come first for now, so I cannot commit to a new role.",
		ReasonConflict:   "The timing no longer works with my other commitments.",
		ReasonOtherOffer: "I have accepted an offer elsewhere.",
		ReasonNotAFit:    "I have come to the conclusion that the role is not the right fit for me at this stage.",
		ReasonPersonal:   "Personal circumstances mean this is not the right time for me to make a move.",
		ReasonOther:      "My circumstances have changed since we first spoke.",
	},
	frameEarlier: {
		ReasonEmergency:  "A family emergency came up at short notice.",
		ReasonIllness:    "I had fallen ill and was not well enough to take part.",
		ReasonConflict:   "I had an unavoidable scheduling conflict.",
		ReasonOtherOffer: "I had received another offer at the time and needed to weigh it up.",
		ReasonNotAFit:    "At the time, I was unsure whether the role was the right fit for me.",
		ReasonPersonal:   "A personal matter needed my attention.",
		ReasonOther:      "Something unexpected came up that I could not set aside.",
	},
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
