package compose

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode/utf8"

	"bridgekeeper/assets"
)

// Draft is a rendered email.
type Draft struct {
	Scenario Scenario
	Subject  string
	Body     string
}

// Engine renders drafts from the embedded templates. It is read-only after
// New, so one Engine may serve many goroutines.
type Engine struct {
	drafts map[draftKey]*template.Template
	phone  *template.Template
}

type draftKey struct {
	scenario Scenario
	tone     Tone
}

// New parses the embedded templates once and checks that every scenario has
// a subject and a body in every tone.
func New() (*Engine, error) {
	return newEngine(assets.Templates)
}

func newEngine(fsys fs.FS) (*Engine, error) {
	base, err := template.New("partials").Option("missingkey=error").ParseFS(fsys, "templates/partials.tmpl")
	if err != nil {
		return nil, fmt.Errorf("parse template partials: %w", err)
	}
	e := &Engine{drafts: make(map[draftKey]*template.Template)}
	for _, info := range Scenarios() {
		for _, tone := range Tones() {
			name := fmt.Sprintf("templates/%s-%s.tmpl", info.ID, tone)
			t, err := base.Clone()
			if err == nil {
				t, err = t.ParseFS(fsys, name)
			}
			if err != nil {
				return nil, fmt.Errorf("parse %s: %w", name, err)
			}
			for _, part := range []string{"subject", "body"} {
				if t.Lookup(part) == nil {
					return nil, fmt.Errorf("parse %s: no %q template defined", name, part)
				}
			}
			e.drafts[draftKey{info.ID, tone}] = t
		}
	}
	e.phone, err = base.Clone()
	if err == nil {
		e.phone, err = e.phone.ParseFS(fsys, "templates/phone.tmpl")
	}
	if err != nil {
		return nil, fmt.Errorf("parse phone script: %w", err)
	}
	if e.phone.Lookup("phone") == nil {
		return nil, fmt.Errorf("parse phone script: no \"phone\" template defined")
	}
	return e, nil
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

// Render writes the subject and body for in. It fails only when the input
// cannot be drafted at all (unknown scenario, tone, reason or disclosure,
// too many slots); a missing company or recipient name is drafted around,
// so call Input.Validate before the draft is sent.
func (e *Engine) Render(in Input) (Draft, error) {
	if errs := in.enumErrors(); len(errs) > 0 {
		return Draft{}, errs
	}
	t := e.drafts[draftKey{in.Scenario, in.tone()}]
	v := newView(in)
	var sb strings.Builder
	sb.Grow(1024)
	if err := t.ExecuteTemplate(&sb, "subject", v); err != nil {
		return Draft{}, fmt.Errorf("render %s subject: %w", in.Scenario, err)
	}
	subject := oneLineSubject(sb.String())
	sb.Reset()
	if err := t.ExecuteTemplate(&sb, "body", v); err != nil {
		return Draft{}, fmt.Errorf("render %s body: %w", in.Scenario, err)
	}
	body := sb.String()
	if sig := strings.TrimSpace(in.Signature); sig != "" {
		// Under the name that signs off, as an email program would put it.
		body = strings.TrimRight(body, "\n") + "\n" + sig
	}
	return Draft{Scenario: in.Scenario, Subject: subject, Body: body}, nil
}

// PhoneScript is what to say on the phone before sending a last-minute
// email, using the default engine; it returns "" for unusable input.
func PhoneScript(in Input) string {
	e, err := defaultEngine()
	if err != nil {
		return ""
	}
	return e.PhoneScript(in)
}

// PhoneScript returns a short script for the call to make before the email
// when there is less than a day's notice, or "" when the input cannot be
// rendered.
func (e *Engine) PhoneScript(in Input) string {
	if errs := in.enumErrors(); len(errs) > 0 {
		return ""
	}
	v := newView(in)
	if Uses(in.Scenario).Reason {
		// On the phone the reason is always about the interview you are
		// about to miss, whatever the email's scenario.
		v.Reason = reasonText(frameUnable, in.Reason, in.disclosure(), in.Detail)
	}
	var sb strings.Builder
	if err := e.phone.ExecuteTemplate(&sb, "phone", v); err != nil {
		return ""
	}
	return sb.String()
}

// oneLineSubject keeps a subject on one header line even when user text
// contains line breaks.
func oneLineSubject(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s)
	return strings.TrimSpace(s)
}

// view is what the templates see. Every string in it is data: text/template
// prints it as is and never parses it, so braces, percent signs and markup
// typed by the user come out literally.
type view struct {
	ToName, FromName string
	Company, Role    string
	// RolePhrase is Role with " role" added unless it already says so.
	RolePhrase string
	// When is the full interview time, e.g. "Tuesday 3 December at 14:30 (CET)".
	When string
	// Date is the short date for subjects, e.g. "3 December".
	Date string
	// Day is "today" or "tomorrow" when the interview is that close, else "".
	Day string
	// Clock is the interview's time of day, e.g. "14:30 (CET)".
	Clock string
	// Reason is the reason at the chosen disclosure, as whole sentences.
	Reason   string
	Offer    bool
	Slots    []string
	DoorOpen bool
}

func newView(in Input) view {
	u := Uses(in.Scenario)
	loc := in.zone()
	now := in.now().In(loc)
	v := view{
		ToName:   strings.TrimSpace(in.ToName),
		FromName: strings.TrimSpace(in.FromName),
		Company:  strings.TrimSpace(in.Company),
		Role:     strings.TrimSpace(in.Role),
		Offer:    in.offering(),
		DoorOpen: u.KeepDoorOpen && in.KeepDoorOpen,
	}
	v.RolePhrase = rolePhrase(v.Role)
	if u.When && !in.When.IsZero() {
		when := in.When.In(loc)
		v.When = longDate(when, now)
		v.Date = shortDate(when, now)
		v.Day = dayWord(when, now)
		v.Clock = when.Format("15:04 (MST)")
	}
	if u.Reason {
		v.Reason = reasonText(frameOf(in.Scenario), in.Reason, in.disclosure(), in.Detail)
	}
	if v.Offer && u.Slots {
		v.Slots = make([]string, len(in.Slots))
		for i, s := range in.Slots {
			v.Slots[i] = longDate(s.In(loc), now)
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

// longDate writes t the way a person would in an email, adding the year only
// when it is not the current one.
func longDate(t, now time.Time) string {
	if t.Year() != now.Year() {
		return t.Format("Monday 2 January 2006 at 15:04 (MST)")
	}
	return t.Format("Monday 2 January at 15:04 (MST)")
}

func shortDate(t, now time.Time) string {
	if t.Year() != now.Year() {
		return t.Format("2 January 2006")
	}
	return t.Format("2 January")
}

// dayWord names the interview's day relative to now when it is close enough
// for "today" or "tomorrow" to be unambiguous.
func dayWord(t, now time.Time) string {
	ty, tm, td := t.Date()
	switch {
	case ty == now.Year() && tm == now.Month() && td == now.Day():
		return "today"
	default:
		next := now.AddDate(0, 0, 1)
		if ty == next.Year() && tm == next.Month() && td == next.Day() {
			return "tomorrow"
		}
	}
	return ""
}

// sentence returns detail as a sentence: trimmed, and closed with a full
// stop unless the user already ended it with punctuation.
func sentence(detail string) string {
	d := strings.TrimSpace(detail)
	if d == "" {
		return ""
	}
	// A closing quote or bracket may follow the full stop: "… (again)." or
	// "… 'soon'!" are finished, "… (again)" is not.
	end := strings.TrimRight(d, `"')]»”’`)
	if r, _ := utf8.DecodeLastRuneInString(end); strings.ContainsRune(".!?…。！？", r) {
		return d
	}
	return d + "."
}
