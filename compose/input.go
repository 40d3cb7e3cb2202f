package compose

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// MaxSlots is how many alternative times a draft may propose; more than a
// handful reads as indecision and is hard to answer.
const MaxSlots = 3

// Input is everything the composer's form holds.
type Input struct {
	Scenario Scenario
	FromName string // the sender, used in the sign-off
	// Signature is the lines under the sender's name (a phone number, a
	// portfolio link), from the settings; empty for none.
	Signature string
	ToName    string // the recipient, used in the greeting; "" for none known
	// ToTitle is a courtesy title for formal greetings (Dr, Ms, …; see
	// Titles), "" for none: "Dear Dr Whitfield," rather than the full name.
	ToTitle string
	ToEmail string // optional; only used for the mailto: link
	Company string
	Role    string
	// Location is where the interview happens, as the tracker holds it: an
	// address, or the link of a video meeting. Drafts that confirm a time
	// or say you are late speak of it (never quoting a link); "" for none.
	Location string
	// When is the interview's start; the zero time means it is not known.
	When time.Time
	// Zone is the zone the writer gives times in; nil means When's own.
	Zone *time.Location
	// TheirZone is the recipient's zone and YourZone the writer's own; nil
	// means Zone for either. Times are written in the recipient's, with the
	// writer's in brackets when the clocks differ.
	TheirZone, YourZone *time.Location
	// English is the variety to write in; empty means American.
	English English
	// Channel is how the message goes; empty means an email.
	Channel Channel
	// Called says whether the sender has phoned already, so the draft says
	// so only when it is true.
	Called Called
	// Phone is the number to call back on, for voicemails and texts.
	Phone string
	// History is what was sent to this company before, from the tracker,
	// oldest first; it lets the checks notice a second cancellation.
	History []Prior
	// Now is the moment the draft is written; the zero time means time.Now().
	// Tests and the CLI's --now set it so the notice check is reproducible.
	Now    time.Time
	Reason Reason
	// Detail is the user's own words about the reason, quoted verbatim at
	// DiscloseFull and never shown otherwise.
	Detail string
	// Disclose is how much of the reason to give; empty means DiscloseBrief
	// when a reason is picked and DiscloseNone otherwise.
	Disclose        Disclosure
	OfferReschedule bool
	Slots           []time.Time
	// Tone is the register; empty means ToneFormal.
	Tone         Tone
	KeepDoorOpen bool
}

// Validate reports every problem with the input as InputErrors, or nil.
// Render is more forgiving (it drafts without a company or recipient name so
// a live preview works while the form is being filled); Validate is what a
// form or the command line should insist on before the draft is used.
func (in Input) Validate() error {
	errs := in.enumErrors()
	if strings.TrimSpace(in.Company) == "" {
		errs = append(errs, &InputError{Field: "company", Msg: "company is required"})
	}
	if in.ToEmail != "" {
		if err := ValidateEmail(in.ToEmail); err != nil {
			errs = append(errs, &InputError{Field: "to_email", Msg: fmt.Sprintf("%q is not a valid email address", in.ToEmail)})
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// enumErrors lists the problems that make an input impossible to render.
func (in Input) enumErrors() InputErrors {
	var errs InputErrors
	if !in.Scenario.Valid() {
		if in.Scenario == "" {
			errs = append(errs, &InputError{Field: "scenario", Msg: "scenario is required"})
		} else if _, err := ParseScenario(string(in.Scenario)); err != nil {
			errs = append(errs, err.(*InputError))
		}
	}
	if !in.Reason.Valid() {
		_, err := ParseReason(string(in.Reason))
		errs = append(errs, err.(*InputError))
	}
	if in.Disclose != "" && !in.Disclose.Valid() {
		_, err := ParseDisclosure(string(in.Disclose))
		errs = append(errs, err.(*InputError))
	}
	if in.Tone != "" && !in.Tone.Valid() {
		_, err := ParseTone(string(in.Tone))
		errs = append(errs, err.(*InputError))
	}
	if len(in.Slots) > MaxSlots {
		errs = append(errs, &InputError{Field: "slots", Msg: fmt.Sprintf("at most %d alternative times, got %d", MaxSlots, len(in.Slots))})
	}
	for i, s := range in.Slots {
		if s.IsZero() {
			errs = append(errs, &InputError{Field: "slots", Msg: fmt.Sprintf("alternative time %d is empty", i+1)})
		}
	}
	return append(errs, in.optionErrors()...)
}

// optionErrors lists unknown values among the newer options.
func (in Input) optionErrors() InputErrors {
	var errs InputErrors
	if in.English != "" && !in.English.Valid() {
		errs = append(errs, &InputError{Field: "english", Msg: fmt.Sprintf("unknown English %q (want us or uk)", in.English)})
	}
	if in.Channel != "" && !in.Channel.Valid() {
		_, err := ParseChannel(string(in.Channel))
		errs = append(errs, err.(*InputError))
	}
	if _, err := ParseCalled(string(in.Called)); err != nil {
		errs = append(errs, err.(*InputError))
	}
	if _, err := ParseTitle(in.ToTitle); err != nil {
		errs = append(errs, err.(*InputError))
	}
	if in.Reason != ReasonNone && in.Reason.Valid() && in.Scenario.Valid() && Uses(in.Scenario).Reason && !in.Scenario.Fits(in.Reason) {
		errs = append(errs, &InputError{Field: "reason", Msg: in.Scenario.misfit(in.Reason)})
	}
	return errs
}

// english is the variety, with the default applied.
func (in Input) english() English {
	if in.English == "" {
		return EnglishUS
	}
	return in.English
}

// channel is the channel, with the default applied.
func (in Input) channel() Channel {
	if in.Channel == "" {
		return ChannelEmail
	}
	return in.Channel
}

// theirZone is where the recipient reads times.
func (in Input) theirZone() *time.Location {
	if in.TheirZone != nil {
		return in.TheirZone
	}
	return in.zone()
}

// yourZone is where the writer reads them.
func (in Input) yourZone() *time.Location {
	if in.YourZone != nil {
		return in.YourZone
	}
	return in.zone()
}

// tone is the tone to write in, with the default applied.
func (in Input) tone() Tone {
	if in.Tone == "" {
		return ToneFormal
	}
	return in.Tone
}

// disclosure is the disclosure level, with the default applied.
func (in Input) disclosure() Disclosure {
	switch {
	case in.Disclose != "":
		return in.Disclose
	case in.Reason != ReasonNone:
		return DiscloseBrief
	default:
		return DiscloseNone
	}
}

// now is the moment of writing.
func (in Input) now() time.Time {
	if in.Now.IsZero() {
		return time.Now()
	}
	return in.Now
}

// ahead reports an interview whose time is known and still to come; its
// start is the boundary, so five minutes before it the interview is still
// ahead.
func (in Input) ahead() bool { return !in.When.IsZero() && !in.When.Before(in.now()) }

// zone is where dates are written.
func (in Input) zone() *time.Location {
	if in.Zone != nil {
		return in.Zone
	}
	if !in.When.IsZero() {
		return in.When.Location()
	}
	return time.UTC
}

// offering reports whether the draft proposes meeting at another time: a
// scenario that always proposes times (a reschedule: slots, but no switch to
// offer them) does, and proposing slots implies it elsewhere.
func (in Input) offering() bool {
	u := Uses(in.Scenario)
	switch {
	case u.Slots && !u.OfferReschedule:
		return true
	case !u.OfferReschedule:
		return false
	default:
		return in.OfferReschedule || len(in.Slots) > 0
	}
}

// lastMinute is how close to the interview a cancellation counts as last
// minute.
const lastMinute = 24 * time.Hour

// Suggestion is a better scenario for what the form says, with the words
// to offer it in.
type Suggestion struct {
	To     Scenario
	Why    string // a sentence explaining the suggestion
	Action string // the button's label
}

// Suggest proposes a better scenario for the input, never switching by
// itself: a cancellation less than 24 hours before the interview should be
// handled as last-minute (phone first), and a cancellation or reschedule
// whose time has already passed as an apology. A reschedule at short
// notice stays a reschedule: its draft and the notice check speak of a
// last-minute reschedule, and nothing offers to turn it into a
// cancellation. ok is false when there is nothing to suggest.
func Suggest(in Input) (s Suggestion, ok bool) {
	info := in.Scenario.info()
	if in.When.IsZero() {
		return Suggestion{}, false
	}
	left := in.When.Sub(in.now())
	switch {
	case left >= 0 && left < lastMinute && info.SoonInstead != "":
		// Named from the table, so the words always match the switch.
		to := strings.ToLower(info.SoonInstead.info().Label)
		return Suggestion{To: info.SoonInstead, Action: "Switch to " + to,
			Why: fmt.Sprintf("This interview is in %s. Switch to the %s? It is written for short notice: call them first, then send it.", DurationWords(left), to)}, true
	case left < 0 && info.PassedInstead != "":
		return Suggestion{To: info.PassedInstead, Action: "Switch to " + strings.ReplaceAll(string(info.PassedInstead), "-", " "),
			Why: "This interview's time has already passed. If you missed it, an apology fits better."}, true
	}
	return Suggestion{}, false
}

// ParseWhen reads a date and time typed by the user: "YYYY-MM-DD HH:MM" or
// "YYYY-MM-DDTHH:MM" in loc (nil means UTC), or RFC 3339 with its own
// offset (the result is then shown in loc). A time the clocks skip in loc
// is an error naming the nearest valid time; a time they show twice gives
// the first occurrence (ParseWhenNote also says so). Errors are *InputError.
func ParseWhen(text string, loc *time.Location) (time.Time, error) {
	t, _, err := ParseWhenNote(text, loc)
	return t, err
}

// ParseWhenNote is ParseWhen that also returns a note, meant to be shown as
// a warning, when the wall time happens twice in loc (the clocks go back):
// the time returned is then the first occurrence and the note names both.
// The note is "" otherwise. Errors are *InputError.
func ParseWhenNote(text string, loc *time.Location) (time.Time, string, error) {
	if loc == nil {
		loc = time.UTC
	}
	s := strings.TrimSpace(text)
	t, note, err := parseWall(s, loc)
	if errors.Is(err, errNotWall) {
		// RFC 3339 carries its own offset, so it is never ambiguous.
		if t, err = time.Parse(time.RFC3339, s); err != nil {
			return time.Time{}, "", &InputError{Field: "when", Msg: fmt.Sprintf("cannot read %q as a date and time (want YYYY-MM-DD HH:MM)", text)}
		}
		t = t.In(loc)
	} else if err != nil {
		return time.Time{}, "", err
	}
	// Far-off years are typing slips, and before 1900 zones fall back to
	// local mean time with odd second offsets that no email could state.
	if t.Year() < MinYear || t.Year() > MaxYear {
		return time.Time{}, "", &InputError{Field: "when", Msg: fmt.Sprintf("%q is not a plausible interview date (years %d to %d)", text, MinYear, MaxYear)}
	}
	return t, note, nil
}

// errNotWall says the text is not in one of the wall-clock layouts.
var errNotWall = errors.New("not a wall-clock layout")

// parseWall reads s as a wall-clock time in loc. The layout is parsed as UTC
// only to get the fields, because time.ParseInLocation would silently shift
// a skipped time and silently pick one of a repeated one.
func parseWall(s string, loc *time.Location) (time.Time, string, error) {
	var w time.Time
	var err error
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04"} {
		if w, err = time.Parse(layout, s); err == nil {
			break
		}
	}
	if err != nil {
		return time.Time{}, "", errNotWall
	}
	// An implausible year is reported by the caller, not as a gap.
	if w.Year() < MinYear || w.Year() > MaxYear {
		return w, "", nil
	}
	t, err := Wall(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), loc)
	var we *WallError
	switch {
	case err == nil:
		return t, "", nil
	case errors.As(err, &we) && we.Kind == WallAmbiguous:
		return t, we.Error(), nil
	case we != nil:
		return time.Time{}, "", &InputError{Field: "when", Msg: we.Error()}
	default:
		return time.Time{}, "", &InputError{Field: "when", Msg: err.Error()}
	}
}
