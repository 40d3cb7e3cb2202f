package compose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// frame is the situation a reason is explained in: the same category needs
// different words when you cannot make a date, when you are running late,
// when you are stepping out of the process, when you are going back on an
// offer you accepted, when you are asking for time, and when you are looking
// back on a cancelled interview.
type frame int

const (
	frameUnable   frame = iota // cancel, reschedule, last-minute
	frameStepBack              // withdraw, decline-offer, decline-invitation
	frameEarlier               // apology, follow-up (once the time has gone)
	frameLate                  // running-late
	frameRenege                // renege
	frameMoreTime              // more-time
	frameNone                  // scenarios that give no reason
)

func frameOf(s Scenario) frame { return s.info().frame }

// reasonFrame is the frame in's reason is worded in. A message after a
// cancellation looks back, but when the interview's time is still ahead
// its reason is one that keeps the writer from an interview to come ("I
// have fallen ill"), not one from the past ("I had fallen ill").
func (in Input) reasonFrame() frame {
	f := frameOf(in.Scenario)
	if f == frameEarlier && in.ahead() {
		return frameUnable
	}
	return f
}

// reasonWording returns the category-level sentence for a reason in a frame,
// written out in full as a formal draft would; contract turns it into the
// register of warm and brief ones. The words are deliberately general: they
// say what kind of reason it is without private details, which only the
// user's own detail line adds.
func reasonWording(f frame, r Reason) string { return reasonWordings()[f][r] }

// reasonWordings holds every sentence reasonWording can return, by frame and
// then reason: only the reasons that fit a frame's scenarios have one (see
// the Reasons of each scenario's row).
func reasonWordings() map[frame]map[Reason]string {
	return map[frame]map[Reason]string{
		frameUnable: {
			ReasonEmergency: "I am dealing with a family emergency.",
			ReasonIllness:   "I have fallen ill and do not expect to be well enough to take part.",
			ReasonConflict:  "Another commitment has come up that I cannot get out of.",
			ReasonPersonal:  "A personal matter has come up that needs my attention.",
			ReasonOther:     "Something unexpected has come up that I cannot set aside.",
		},
		frameLate: {
			ReasonTravel:    "My journey has been held up.",
			ReasonTechnical: "I am having trouble getting the video call to work.",
			ReasonEmergency: "A family emergency has held me up.",
			ReasonConflict:  "An earlier commitment has run over.",
			ReasonOther:     "Something unexpected has held me up.",
		},
		frameStepBack: {
			ReasonOtherOffer:   "I have accepted an offer elsewhere.",
			ReasonCounterOffer: "I have decided to stay with my current employer.",
			ReasonNotAFit:      "I have come to the conclusion that the role is not the right fit for me at this stage.",
			ReasonEmergency:    "Because of a family emergency, I cannot commit to a new role at the moment.",
			ReasonIllness:      "My health has to come first for now, so I cannot commit to a new role.",
			ReasonConflict:     "The timing no longer works with my other commitments.",
			ReasonPersonal:     "Personal circumstances make this the wrong time for me to move.",
			ReasonOther:        "My circumstances have changed since we first spoke.",
		},
		frameRenege: {
			ReasonOtherOffer:   "Since accepting, I have received another offer that I have decided to take.",
			ReasonCounterOffer: "My current employer has made me an offer to stay, and I have decided to accept it.",
			ReasonEmergency:    "A family emergency has changed what I am able to take on.",
			ReasonIllness:      "A change in my health means I cannot take on a new role now.",
			ReasonPersonal:     "A change in my personal circumstances has made the move impossible for me.",
			ReasonOther:        "My circumstances have changed since I accepted.",
		},
		frameMoreTime: {
			ReasonOtherOffer: "I am in the final stages of another process and would like to decide with all the facts in front of me.",
			ReasonPersonal:   "It is a big decision for my family, and I would like to talk it through properly.",
			ReasonOther:      "I want to give your offer the careful thought it deserves.",
		},
		frameEarlier: {
			ReasonEmergency: "A family emergency came up unexpectedly.",
			ReasonIllness:   "I had fallen ill and was not well enough to take part.",
			ReasonConflict:  "I had an unavoidable clash with another commitment.",
			ReasonPersonal:  "A personal matter needed my attention.",
			ReasonOther:     "Something unexpected came up that I could not set aside.",
		},
	}
}

// reasonText is the reason as it appears in the draft: nothing at
// DiscloseNone, the category wording at DiscloseBrief, and the wording
// followed by the user's detail, tidied but in their own words, at
// DiscloseFull. For "other" the detail is the reason, so it replaces the
// generic wording. casual writes our wording with contractions (warm and
// brief drafts); e respells it. The user's detail is never changed but for
// tidying its edges.
func reasonText(f frame, r Reason, d Disclosure, detail string, casual bool, e English) string {
	if d == DiscloseNone || r == ReasonNone {
		return ""
	}
	wording := respell(reasonWording(f, r), e)
	if casual {
		wording = contract(wording)
	}
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

// sentence returns detail as a sentence the way a careful writer would
// leave it: trimmed of stray spaces and trailing commas, each sentence
// starting with a capital, and closed with one full stop unless it already
// ends with ! ? or an ellipsis. The words themselves are the user's.
func sentence(detail string) string {
	d := strings.Join(strings.Fields(detail), " ")
	d = strings.TrimRight(d, " ,;:-–—.")
	if d == "" {
		return ""
	}
	d = capitaliseFirst(d)
	// A closing quote or bracket may follow the full stop: "… (again)." or
	// "… 'soon'!" are finished, "… (again)" is not.
	end := strings.TrimRight(d, `"')]»”’`)
	if r, _ := utf8.DecodeLastRuneInString(end); strings.ContainsRune(".!?…。！？", r) {
		return d
	}
	return d + "."
}

// capitaliseFirst gives d a capital when it starts with a small letter,
// since the detail starts a sentence of the draft; a name like "iPhone", and
// anything that opens with a bracket, quote or digit, stays as typed. The
// rest is the user's: "e.g. the doctor" is not a new sentence.
func capitaliseFirst(d string) string {
	r, n := utf8.DecodeRuneInString(d)
	if !unicode.IsLower(r) {
		return d
	}
	// "iPhone" and "eBay" are spelled that way on purpose.
	if next, _ := utf8.DecodeRuneInString(d[n:]); unicode.IsUpper(next) {
		return d
	}
	return string(unicode.ToUpper(r)) + d[n:]
}
