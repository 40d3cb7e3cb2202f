package compose

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode/utf8"

	"bridgekeeper/assets"
)

// Draft is a rendered message.
type Draft struct {
	Scenario Scenario
	// Channel is how it goes; Subject is "" for every channel but email.
	Channel Channel
	Subject string
	Body    string
}

// Engine renders drafts from the embedded templates. It is read-only after
// New, so one Engine may serve many goroutines.
type Engine struct {
	drafts map[draftKey]*template.Template
	spoken map[spokenKey]*template.Template
}

type draftKey struct {
	scenario Scenario
	tone     Tone
	english  English
}

type spokenKey struct {
	scenario Scenario
	english  English
}

// spokenParts are the templates each "<scenario>-spoken.tmpl" defines, one
// a channel.
func spokenParts() []string { return []string{"phone", "voicemail", "text"} }

// New parses the embedded templates once and checks that every scenario has
// a subject and a body in every tone, and a phone script, a voicemail and a
// text, in both varieties of English.
func New() (*Engine, error) {
	return newEngine(assets.Templates)
}

func newEngine(fsys fs.FS) (*Engine, error) {
	e := &Engine{drafts: map[draftKey]*template.Template{}, spoken: map[spokenKey]*template.Template{}}
	for _, english := range Englishes() {
		base, err := parseRespelled(template.New("partials").Option("missingkey=error"), fsys, "templates/partials.tmpl", english)
		if err != nil {
			return nil, fmt.Errorf("parse template partials: %w", err)
		}
		for _, info := range Scenarios() {
			if err := e.parseScenario(base, fsys, info.ID, english); err != nil {
				return nil, err
			}
		}
	}
	return e, nil
}

// parseScenario parses one scenario's email templates (a file a tone) and
// its spoken ones, on top of the partials.
func (e *Engine) parseScenario(base *template.Template, fsys fs.FS, id Scenario, english English) error {
	for _, tone := range Tones() {
		name := fmt.Sprintf("templates/%s-%s.tmpl", id, tone)
		t, err := parseOnto(base, fsys, name, english, "subject", "body")
		if err != nil {
			return err
		}
		e.drafts[draftKey{id, tone, english}] = t
	}
	name := fmt.Sprintf("templates/%s-spoken.tmpl", id)
	t, err := parseOnto(base, fsys, name, english, spokenParts()...)
	if err != nil {
		return err
	}
	e.spoken[spokenKey{id, english}] = t
	return nil
}

// parseOnto parses name on a copy of base and checks it defines parts.
func parseOnto(base *template.Template, fsys fs.FS, name string, english English, parts ...string) (*template.Template, error) {
	t, err := base.Clone()
	if err == nil {
		t, err = parseRespelled(t, fsys, name, english)
	}
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	for _, part := range parts {
		if t.Lookup(part) == nil {
			return nil, fmt.Errorf("parse %s: no %q template defined", name, part)
		}
	}
	return t, nil
}

// parseRespelled parses a template file in the given variety: the sources
// are written in British English, and respell changes only their words,
// never the actions, so the user's text (which reaches them as data) is
// never respelled.
func parseRespelled(t *template.Template, fsys fs.FS, name string, english English) (*template.Template, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return t.Parse(respell(string(src), english))
}

// defaultEngine is built on first use and shared; it is never modified.
var defaultEngine = sync.OnceValues(New)

// Render writes the draft for in with the embedded templates. See
// Engine.Render.
func Render(in Input) (Draft, error) {
	e, err := defaultEngine()
	if err != nil {
		return Draft{}, err
	}
	return e.Render(in)
}

// Render writes the message for in on its channel: the subject and body of
// an email, or the words of a phone call, voicemail or text. It fails only
// when the input cannot be drafted at all (an unknown scenario, tone,
// reason, disclosure, channel or English, too many slots); a missing
// company or recipient name is drafted around, so call Input.Validate
// before the draft is sent.
func (e *Engine) Render(in Input) (Draft, error) {
	if errs := in.enumErrors(); len(errs) > 0 {
		return Draft{}, errs
	}
	v := newView(in)
	d := Draft{Scenario: in.Scenario, Channel: in.channel()}
	if d.Channel != ChannelEmail {
		t := e.spoken[spokenKey{in.Scenario, in.english()}]
		body, err := execute(t, string(d.Channel), v)
		if err == nil && d.Channel == ChannelText && utf8.RuneCountInString(tidy(body)) > MaxTextLength {
			// Long names or a long reason: say it again without the
			// courtesies a text can spare, before the check has to warn.
			v.Tight = true
			body, err = execute(t, string(d.Channel), v)
		}
		if err != nil {
			return Draft{}, fmt.Errorf("render %s %s: %w", in.Scenario, d.Channel, err)
		}
		d.Body = tidy(body)
		return d, nil
	}
	t := e.drafts[draftKey{in.Scenario, in.tone(), in.english()}]
	subject, err := execute(t, "subject", v)
	if err != nil {
		return Draft{}, fmt.Errorf("render %s subject: %w", in.Scenario, err)
	}
	body, err := execute(t, "body", v)
	if err != nil {
		return Draft{}, fmt.Errorf("render %s body: %w", in.Scenario, err)
	}
	if sig := strings.TrimSpace(in.Signature); sig != "" {
		// Under the name that signs off, as an email program would put it.
		body = strings.TrimRight(body, "\n") + "\n" + sig
	}
	d.Subject, d.Body = tidy(oneLineSubject(subject)), tidy(body)
	return d, nil
}

func execute(t *template.Template, name string, v view) (string, error) {
	var sb strings.Builder
	sb.Grow(1024)
	err := t.ExecuteTemplate(&sb, name, v)
	return sb.String(), err
}

// PhoneScript is what to say when they answer the phone, using the default
// engine; it returns "" for unusable input.
func PhoneScript(in Input) string {
	in.Channel = ChannelPhone
	d, err := Render(in)
	if err != nil {
		return ""
	}
	return d.Body
}

// PhoneScript is the phone call's words for in, or "" when the input cannot
// be rendered: the same reason, in the same words, as the email.
func (e *Engine) PhoneScript(in Input) string {
	in.Channel = ChannelPhone
	d, err := e.Render(in)
	if err != nil {
		return ""
	}
	return d.Body
}

// oneLineSubject keeps a subject on one header line even when user text
// contains line breaks.
func oneLineSubject(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s)
	return strings.TrimSpace(s)
}

// doubleStop finds a full stop doubled where a name ending in one ("ACME,
// Inc.") meets the end of a sentence, but not an ellipsis.
var doubleStop = regexp.MustCompile(`([^.])\.\.(\s|$|["'”’)])`)

// tidy mends the joins between our words and the user's: "…at ACME, Inc.."
// loses its second full stop.
func tidy(text string) string {
	return doubleStop.ReplaceAllString(text, "$1.$2")
}

// view is what the templates see. Every string in it is data: text/template
// prints it as is and never parses it, so braces, percent signs and markup
// typed by the user come out literally.
type view struct {
	// Greeting opens the message: "Dear Dr Whitfield,", "Dear Dana
	// Whitfield,", "Hi Dana,", "Dear Hiring Manager," or "Hello,".
	Greeting string
	// SignOff closes it, before the name: "Kind regards,", "Warm regards,"
	// or "Best,".
	SignOff           string
	ToName, FirstName string
	FromName          string
	Company, Role     string
	// RolePhrase is Role with " role" added unless it already says so.
	RolePhrase string
	// When is the full time, for the recipient: "Thursday 13 March at 14:30"
	// (UK) or "Thursday, March 13 at 2:30 PM" (US), with the writer's clock
	// in brackets when it differs ("… at 2:00 PM London time (9:00 AM New
	// York time)").
	When string
	// Date is the short date for subjects: "13 March" or "March 13".
	Date string
	// Day is "today", "tomorrow" or "yesterday" when the time is that
	// close, else "".
	Day string
	// DayDate is the date without a time: "Friday 11 December" (UK) or
	// "Friday, December 11" (US), for start dates and answer-by dates.
	DayDate string
	// Clock is the time of day, with both clocks when they differ.
	Clock string
	// Soon is set with less than a day's notice, Early with a week or more;
	// Passed once the time has gone, and Ahead until then (neither when the
	// time is not known). Words about timing and tense follow them, so a
	// draft never says "in good time" two hours before, nor "I could not
	// make it" of an interview still to come.
	Soon, Early, Passed, Ahead bool
	// Reason is the reason at the chosen disclosure, as whole sentences;
	// ReasonBrief is the same without the user's detail, for a voicemail or
	// a text, where every word counts.
	Reason, ReasonBrief string
	// ReasonID is the reason's category ("technical", "travel", …), for
	// templates whose opening depends on it; "" for none.
	ReasonID string
	Offer    bool
	Slots    []string
	DoorOpen bool
	// Spoke and Voicemail say what the sender did by phone before writing.
	Spoke, Voicemail bool
	// Phone is the number to call back on.
	Phone string
	// Tight is set on the second try at a text that ran past
	// MaxTextLength: templates drop the sentences a text can spare.
	Tight bool
	// UK is set for British English, for the few phrasings that differ
	// beyond spelling ("on 020 …" against "at 212 …").
	UK bool
	// Place is the interview's address on one line ("4th Floor, 22 Tanner
	// Street, London SE1 3LE"), and Call its video meeting ("Zoom call",
	// "video call"); at most one is set, and neither when the location is
	// unknown or says too little to build a sentence on. A link is never
	// in either.
	Place, Call string
	// Cause is the reason picked, even when it is not given, so that words
	// about the place never contradict it ("technical" means the video
	// will not connect, not a journey); "" for none.
	Cause string
}

// early is how much notice counts as "in good time".
const early = 7 * 24 * time.Hour

func newView(in Input) view {
	u := Uses(in.Scenario)
	e := in.english()
	theirs, yours := in.theirZone(), in.yourZone()
	now := in.now()
	v := view{
		ToName:    strings.TrimSpace(in.ToName),
		FromName:  strings.TrimSpace(in.FromName),
		Company:   strings.TrimSpace(in.Company),
		Role:      strings.TrimSpace(in.Role),
		Offer:     in.offering(),
		DoorOpen:  u.KeepDoorOpen && in.KeepDoorOpen,
		Spoke:     in.Called == CalledSpoke,
		Voicemail: in.Called == CalledVoicemail,
		Phone:     strings.TrimSpace(in.Phone),
		UK:        e == EnglishUK,
	}
	v.FirstName = firstName(v.ToName)
	where := venueOf(in.Location)
	v.Place, v.Call = where.Place, where.Call
	v.Greeting, v.SignOff = greeting(in.tone(), v.ToName, in.ToTitle, e), signOff(in.tone())
	v.RolePhrase = rolePhrase(v.Role)
	if u.When && !in.When.IsZero() {
		when := in.When
		v.When = whenIn(when, now, theirs, yours, e)
		v.Date = writeShortDay(when.In(theirs), now.In(theirs), e)
		v.DayDate = writeDay(when.In(theirs), now.In(theirs), e)
		v.Day = dayWord(when.In(theirs), now.In(theirs))
		v.Clock = timeIn(when, theirs, yours, e)
		left := when.Sub(now)
		v.Soon, v.Early, v.Passed, v.Ahead = left >= 0 && left < lastMinute, left >= early, left < 0, left >= 0
	}
	if u.Reason {
		v.Cause = string(in.Reason)
		if in.disclosure() != DiscloseNone {
			v.ReasonID = string(in.Reason)
		}
		casual := in.tone() != ToneFormal || in.channel() != ChannelEmail
		f := in.reasonFrame()
		v.Reason = reasonText(f, in.Reason, in.disclosure(), in.Detail, casual, e)
		brief := in.disclosure()
		if brief == DiscloseFull && in.Reason != ReasonOther {
			brief = DiscloseBrief // for "other" the user's words are the reason
		}
		v.ReasonBrief = reasonText(f, in.Reason, brief, in.Detail, true, e)
	}
	if v.Offer && u.Slots {
		v.Slots = make([]string, len(in.Slots))
		for i, s := range in.Slots {
			v.Slots[i] = whenIn(s, now, theirs, yours, e)
		}
	}
	return v
}

// rolePhrase turns "Backend Engineer" into "Backend Engineer role" so the
// templates can say "the … role", without doubling a noun the user typed.
func rolePhrase(role string) string {
	if role == "" {
		return ""
	}
	lower := strings.ToLower(role)
	for _, noun := range []string{"role", "position", "post", "job", "vacancy", "opening"} {
		if lower == noun || strings.HasSuffix(lower, " "+noun) {
			return role
		}
	}
	return role + " role"
}

// dayWord names the interview's day relative to now when it is close enough
// for "today" or "tomorrow" to be unambiguous.
func dayWord(t, now time.Time) string {
	for _, d := range []struct {
		offset int
		word   string
	}{{0, "today"}, {1, "tomorrow"}, {-1, "yesterday"}} {
		y, m, dd := now.AddDate(0, 0, d.offset).Date()
		if ty, tm, td := t.Date(); ty == y && tm == m && td == dd {
			return d.word
		}
	}
	return ""
}
