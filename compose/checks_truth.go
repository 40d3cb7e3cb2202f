package compose

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Prior is an earlier message to the same company, from the tracker's
// history: what it was and when it was filed.
type Prior struct {
	Scenario Scenario
	At       time.Time
	// Reason is the reason it gave (ReasonNone for none).
	Reason Reason
}

// maxDetail is the longest detail line that still reads as one honest
// sentence rather than an explanation nobody asked for.
const maxDetail = 200

// truthChecks are the checks that read the text as it stands, against what
// is true: the reason fits the scenario, the claims about calls and timing
// hold, the email is signed, the detail is used, a voicemail leaves a
// number, and this is not the second time.
func truthChecks(in Input, d Draft, text string) []Check {
	var out []Check
	if c, ok := fitCheck(in, text); ok {
		out = append(out, c)
	}
	out = append(out, claimCheck(in, text))
	if d.Channel == ChannelEmail || d.Channel == "" {
		out = append(out, signatureCheck(in, d.Body))
	}
	if c, ok := detailCheck(in); ok {
		out = append(out, c)
	}
	if d.Channel == ChannelVoicemail {
		out = append(out, callbackCheck(in))
	}
	if d.Channel == ChannelText && utf8.RuneCountInString(d.Body) > MaxTextLength {
		out = append(out, Check{ID: "length", Article: articleTone,
			Message: fmt.Sprintf("The text is %d characters; LinkedIn takes %d. Shorten it, or send an email.", utf8.RuneCountInString(d.Body), MaxTextLength)})
	}
	if c, ok := againCheck(in); ok {
		out = append(out, c)
	}
	if c, ok := historyCheck(in); ok {
		out = append(out, c)
	}
	return out
}

// contradictions are phrases that belong to stepping away for good, and
// contradict a message that keeps the process going.
func contradictions() []string {
	return []string{"accepted an offer", "accepted another", "another offer", "not the right fit", "no longer interested",
		"not interested", "weigh my options", "withdraw my application", "withdrawing my application"}
}

// fitCheck warns when the reason and the scenario disagree: a reason the
// scenario does not list, or words in the (perhaps edited) text that step
// away while the message keeps the process going.
func fitCheck(in Input, text string) (Check, bool) {
	info := in.Scenario.info()
	if !info.Fields.Reason && info.StepsBack {
		return Check{}, false
	}
	c := Check{ID: "fit", OK: true, Article: articleWhatToSay, Message: "The reason fits what the email asks for."}
	if in.Reason != ReasonNone && !in.Scenario.Fits(in.Reason) {
		c.OK = false
		c.Message = fmt.Sprintf("%q does not fit this email: %s.", ReasonLabel(in.Reason), in.Scenario.misfit(in.Reason))
		return c, true
	}
	if info.StepsBack {
		return c, info.Fields.Reason
	}
	low := strings.ToLower(text)
	for _, p := range contradictions() {
		if strings.Contains(low, p) {
			c.OK = false
			c.Message = fmt.Sprintf("The email says %q but asks to keep the process going; if you are stepping away, withdraw instead.", p)
			return c, true
		}
	}
	return c, info.Fields.Reason
}

// claimCheck warns when the text claims what is not true: a call that was
// not made, "short notice" with days to go, "in good time" at the last
// minute, "today" or "tomorrow" for another day.
func claimCheck(in Input, text string) Check {
	c := Check{ID: "claim", OK: true, Article: articleLastMinute, Message: "Says nothing about calls or timing that is not true."}
	low := strings.ToLower(text)
	if in.Called == CalledNo && in.channel() != ChannelPhone {
		for _, p := range []string{"telephoned", "phoned", "on the phone", "called you", "voicemail", "we spoke", "as i said"} {
			if strings.Contains(low, p) {
				c.OK, c.Message = false, fmt.Sprintf("The text says %q, but you have not phoned yet: call first, or take it out.", p)
				return c
			}
		}
	}
	if in.When.IsZero() || in.Scenario.info().Moment == NoInterview {
		return c
	}
	// After a cancellation the interview's time may well be ahead, and the
	// draft says so in the present; a thank-you or a nudge may not.
	if info := in.Scenario.info(); info.Moment == Past && !info.AfterCancelling && in.When.After(in.now()) {
		c.OK, c.Message = false, "This message looks back on the interview, but its time is still ahead: send it afterwards, or check the date."
		return c
	}
	if msg := offTheDay(in); msg != "" {
		c.OK, c.Message = false, msg
		return c
	}
	if word, ok := untrueTiming(in, low); ok {
		c.OK, c.Message = false, fmt.Sprintf("The text says %q, which is not true of the time it is about: change it, or check the date.", word)
	}
	return c
}

// offTheDay is what is wrong with the time of an upcoming interview that
// the message is too late or too early for, or "": running late is said on
// the day, within hours of the start, and a time long gone cannot be
// confirmed. (The notice check covers cancelling after the time.)
func offTheDay(in Input) string {
	info := in.Scenario.info()
	if info.Moment != Upcoming || info.Notice {
		return ""
	}
	left := in.When.Sub(in.now())
	switch {
	case left < -2*time.Hour:
		return "The interview's time has already passed: check the date, or write an apology instead."
	case in.Scenario == ScenarioRunningLate && left > 12*time.Hour:
		away := DurationWords(left)
		if left >= 48*time.Hour {
			away = fmt.Sprintf("%d days", int(left.Hours()/24))
		}
		return fmt.Sprintf("The interview is %s away, too far off to be running late: check the date, or ask to reschedule.", away)
	}
	return ""
}

// untrueTiming finds a timing word in low that the real notice belies.
func untrueTiming(in Input, low string) (string, bool) {
	left := in.When.Sub(in.now())
	day := dayWord(in.When.In(in.theirZone()), in.now().In(in.theirZone()))
	for _, t := range []struct {
		words  []string
		untrue bool
	}{
		{[]string{"very short notice", "such short notice", "last-minute", "last minute"}, left >= 2*lastMinute},
		{[]string{"in good time", "plenty of notice", "as early as i could"}, left < early},
		{[]string{"today"}, day != "today" && left >= 0},
		{[]string{"tomorrow"}, day != "tomorrow" && left >= 0},
	} {
		if !t.untrue {
			continue
		}
		for _, w := range t.words {
			if containsWord(low, w) {
				return w, true
			}
		}
	}
	return "", false
}

// containsWord reports w in low as a whole word or phrase.
func containsWord(low, w string) bool {
	for i := 0; ; {
		j := strings.Index(low[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		before := start == 0 || !isWordByte(low[start-1])
		after := end == len(low) || !isWordByte(low[end])
		if before && after {
			return true
		}
		i = end
	}
}

// signOffs are the closing words a signature goes under.
func signOffs() []string {
	return []string{"kind regards", "warm regards", "best regards", "regards", "best", "best wishes",
		"many thanks", "thanks", "thank you", "sincerely", "yours sincerely", "yours faithfully", "cheers", "all the best"}
}

// signatureCheck warns when no name follows the sign-off.
func signatureCheck(in Input, body string) Check {
	c := Check{ID: "signature", OK: true, Article: articleTone, Message: "Signed with your name."}
	lines := strings.Split(strings.TrimRight(body, "\n "), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		line := strings.ToLower(strings.TrimSpace(strings.TrimRight(strings.TrimSpace(lines[i]), ",!.")))
		for _, s := range signOffs() {
			if line == s {
				if i == len(lines)-1 {
					c.OK, c.Message = false, "No name under the sign-off: add yours (Settings keeps it for every draft)."
				}
				return c
			}
		}
	}
	if strings.TrimSpace(in.FromName) == "" {
		c.OK, c.Message = false, "No sign-off with your name: end with one, so they know who wrote."
	}
	return c
}

// detailCheck warns about the user's own words (the form's DetailLabel):
// too long to read as one honest sentence, or typed where the chosen
// disclosure leaves them out.
func detailCheck(in Input) (Check, bool) {
	if !Uses(in.Scenario).Reason {
		return Check{}, false
	}
	detail := strings.TrimSpace(in.Detail)
	c := Check{ID: "detail", OK: true, Article: articleReason}
	switch {
	case detail == "":
		return Check{}, false
	case in.disclosure() != DiscloseFull:
		c.OK, c.Message = false, DetailLabel+" are not in the email: they appear only when you choose Full."
	case in.Reason == ReasonNone:
		// The reason check says what to do; this one must not call them fine.
		c.OK, c.Message = false, DetailLabel+" are not in the email: they appear only once a reason is picked."
	case utf8.RuneCountInString(detail) > maxDetail:
		c.OK, c.Message = false, fmt.Sprintf("%s run to %d characters; one honest sentence (under %d) reads better.", DetailLabel, utf8.RuneCountInString(detail), maxDetail)
	default:
		c.Message = DetailLabel + " are short enough to read as one honest sentence."
	}
	return c, true
}

// callbackCheck wants a voicemail to leave a number to call back on.
func callbackCheck(in Input) Check {
	if strings.TrimSpace(in.Phone) == "" {
		return Check{ID: "callback", Article: articleLastMinute,
			Message: "The voicemail leaves no number: add yours, so they can call back without looking it up."}
	}
	return Check{ID: "callback", OK: true, Article: articleLastMinute, Message: "Leaves your number to call back on."}
}

// againCheck warns about a second cancellation or reschedule with the same
// company: a pattern recruiters notice. It appears only when it warns.
func againCheck(in Input) (Check, bool) {
	if in.Scenario != ScenarioCancel && in.Scenario != ScenarioReschedule && in.Scenario != ScenarioLastMinute {
		return Check{}, false
	}
	for _, p := range in.History {
		if p.Scenario == ScenarioCancel || p.Scenario == ScenarioReschedule || p.Scenario == ScenarioLastMinute {
			return Check{ID: "again", Article: articleWhatToSay, Message: fmt.Sprintf(
				"You already sent them a %s on %s. A second one reads as a pattern: if the role is not for you, withdrawing is kinder.",
				strings.ReplaceAll(string(p.Scenario), "-", " "), p.At.Format("2 Jan 2006"))}, true
		}
	}
	// No passing line: an empty history may only mean no interview is
	// linked, so "the first time" would be a guess.
	return Check{}, false
}
