// Package compose is Bridgekeeper's draft engine: it turns the composer's
// form (scenario, recipient, interview, reason, disclosure, reschedule slots,
// tone) into an email subject and body, checks a draft against the
// principles of cancelling without burning bridges, and builds the phone
// script and mailto: link that go with it. It is pure Go: no Fyne, no SQL.
package compose

import (
	"fmt"
	"slices"
	"strings"
)

// Reason is the category of reason the user gives for the message.
type Reason string

// The reason categories. ReasonNone means no category was picked.
const (
	ReasonNone       Reason = ""
	ReasonEmergency  Reason = "emergency"
	ReasonIllness    Reason = "illness"
	ReasonConflict   Reason = "conflict"
	ReasonOtherOffer Reason = "other-offer"
	ReasonNotAFit    Reason = "not-a-fit"
	ReasonPersonal   Reason = "personal"
	ReasonOther      Reason = "other"
	// Reasons that only some scenarios have: running late, or staying.
	ReasonTravel       Reason = "travel"
	ReasonTechnical    Reason = "technical"
	ReasonCounterOffer Reason = "counter-offer"
)

// ReasonInfo describes a reason category for pickers.
type ReasonInfo struct {
	ID    Reason
	Label string
}

// Reasons lists every reason category in display order; a scenario offers
// the ones its row lists (ScenarioInfo.Reasons).
func Reasons() []ReasonInfo {
	return []ReasonInfo{
		{ReasonEmergency, "Family emergency"},
		{ReasonIllness, "Illness or health"},
		{ReasonConflict, "Clash with another commitment"},
		{ReasonTravel, "Held up on the way"},
		{ReasonTechnical, "The video call will not work"},
		{ReasonOtherOffer, "Another offer"},
		{ReasonCounterOffer, "Staying with my employer"},
		{ReasonNotAFit, "Not the right fit"},
		{ReasonPersonal, "Personal reasons"},
		{ReasonOther, "Other (explain in " + DetailLabel + ")"},
	}
}

// DetailLabel is the name of the form field for the user's own words about
// the reason; the "Other" option and the checks call it by this name too.
const DetailLabel = "Your words"

// ReasonLabel is a reason's label in the pickers.
func ReasonLabel(r Reason) string {
	for _, info := range Reasons() {
		if info.ID == r {
			return info.Label
		}
	}
	return string(r)
}

// Disclosure is how much of the reason the draft reveals.
type Disclosure string

// The disclosure levels.
const (
	// DiscloseNone gives no reason at all.
	DiscloseNone Disclosure = "none"
	// DiscloseBrief names the category in general words ("a family emergency").
	DiscloseBrief Disclosure = "brief"
	// DiscloseFull adds the user's detail line, verbatim, to the brief wording.
	DiscloseFull Disclosure = "full"
)

// Disclosures lists the disclosure levels from least to most revealing.
func Disclosures() []Disclosure {
	return []Disclosure{DiscloseNone, DiscloseBrief, DiscloseFull}
}

// Tone is the register the draft is written in.
type Tone string

// The tones.
const (
	ToneFormal Tone = "formal"
	ToneWarm   Tone = "warm"
	ToneBrief  Tone = "brief"
)

// Tones lists the tones in display order; the first is the default.
func Tones() []Tone {
	return []Tone{ToneFormal, ToneWarm, ToneBrief}
}

// InputError is a problem with one field of the composer's input. Field
// names the form field (scenario, company, to_name, to_email, reason,
// disclose, tone, when, slots) so a form can show it beside the right widget.
type InputError struct {
	Field string
	Msg   string
}

// Error returns the message, which reads on its own in a form or a terminal.
func (e *InputError) Error() string { return e.Msg }

// InputErrors collects every InputError found in one Input.
type InputErrors []*InputError

// Error joins every message with "; " so all problems fit on one line.
func (v InputErrors) Error() string {
	msgs := make([]string, len(v))
	for i, e := range v {
		msgs[i] = e.Msg
	}
	return strings.Join(msgs, "; ")
}

// Unwrap lets errors.As find each InputError.
func (v InputErrors) Unwrap() []error {
	errs := make([]error, len(v))
	for i, e := range v {
		errs[i] = e
	}
	return errs
}

// Field returns the problem with the named field, or "" when it has none.
func (v InputErrors) Field(name string) string {
	for _, e := range v {
		if e.Field == name {
			return e.Msg
		}
	}
	return ""
}

// normalise folds user text for matching an enum value.
func normalise(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// names joins values with commas, for error messages.
func names[T ~string](vals []T) string {
	return strings.Join(strs(vals), ", ")
}

// orList joins values as a phrase, "a, b or c".
func orList[T ~string](vals []T) string {
	parts := strs(vals)
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// strs is vals as plain strings.
func strs[T ~string](vals []T) []string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = string(v)
	}
	return parts
}

// parseKnown reads user text as one of the known values of an option,
// ignoring case and surrounding space; the error names field and lists them.
func parseKnown[T ~string](s, field, kind string, known []T) (T, error) {
	v := T(normalise(s))
	if slices.Contains(known, v) {
		return v, nil
	}
	return "", &InputError{Field: field, Msg: fmt.Sprintf("unknown %s %q (want one of %s)", kind, s, names(known))}
}

// ReasonIDs lists the reason categories in display order.
func ReasonIDs() []Reason {
	out := make([]Reason, 0, len(Reasons()))
	for _, info := range Reasons() {
		out = append(out, info.ID)
	}
	return out
}

// ReasonList is the reason IDs as one phrase, "emergency, illness, … or
// other", for usage text.
func ReasonList() string { return orList(ReasonIDs()) }

// ParseReason turns user text into a Reason; empty text means ReasonNone.
func ParseReason(s string) (Reason, error) {
	if normalise(s) == "" {
		return ReasonNone, nil
	}
	return parseKnown(s, "reason", "reason", ReasonIDs())
}

// Valid reports whether r is ReasonNone or a known category.
func (r Reason) Valid() bool { return r == ReasonNone || slices.Contains(ReasonIDs(), r) }

// ParseTone turns user text into a Tone.
func ParseTone(s string) (Tone, error) { return parseKnown(s, "tone", "tone", Tones()) }

// Valid reports whether t is a known tone.
func (t Tone) Valid() bool { return slices.Contains(Tones(), t) }

// ParseDisclosure turns user text into a Disclosure.
func ParseDisclosure(s string) (Disclosure, error) {
	return parseKnown(s, "disclose", "disclosure", Disclosures())
}

// Valid reports whether d is a known disclosure level.
func (d Disclosure) Valid() bool { return slices.Contains(Disclosures(), d) }
