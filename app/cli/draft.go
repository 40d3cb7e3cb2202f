package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"bridgekeeper/app/locale"
	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// draftUsage is the help for draft; the scenarios and reasons come from the
// composer's tables, so a new one is listed without touching this file.
func draftUsage() string {
	const indent = "                      "
	reasons := compose.ReasonList() + " (each scenario takes the ones that fit it)"
	return fmt.Sprintf(draftUsageText, wrapList(compose.ScenarioList(), 52, indent), wrapList(reasons, 52, indent))
}

// wrapList breaks a long comma list onto lines of at most width bytes,
// indenting each continuation.
func wrapList(list string, width int, indent string) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(list) {
		if line != "" && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = word
			continue
		}
		line = strings.TrimSpace(line + " " + word)
	}
	return strings.Join(append(lines, line), "\n"+indent)
}

const draftUsageText = `usage: bridgekeeper [--db PATH] draft --scenario S --company C [--to NAME] [flags]

Print a draft. An email prints as "Subject: …", a blank line, then the body;
a phone script, voicemail or text (--channel) prints the words alone.

  --scenario S        %s
  --to NAME           recipient's name, for the greeting (optional)
  --to-email ADDR     recipient's address, for the mailto: link in --json
  --company C         the company
  --role R            the role
  --when TIME         interview time, "YYYY-MM-DD HH:MM" in --tz, or RFC 3339
                      with an offset (2024-10-27T02:30:00+01:00) to pick one
                      of a repeated hour; for an offer, the start or
                      answer-by date; for a nudge, when you last heard
  --tz ZONE           IANA zone such as Europe/Berlin (default: the interview's, else local)
  --now TIME          the time of writing, for the notice check (default: now)
  --reason R          %s
  --detail TEXT       your own words about the reason, quoted only with --disclose full
  --disclose D        none, brief or full (default: brief with a reason, else none)
  --slot TIME         an alternative time to propose; repeat up to 3 times
  --offer-reschedule  offer to meet at another time even without --slot
  --tone T            formal, warm or brief (default formal)
  --channel C         email, phone (what to say when they answer), voicemail
                      (under 30 seconds) or text (300 characters at most)
  --phone NUMBER      your number, for voicemails and texts to call back on
  --called C          no, spoke or voicemail: whether you have phoned already
                      (the draft says so only when you have)
  --to-title T        Dr, Ms, Mr, Mrs or Mx, for "Dear Dr Whitfield," (formal)
  --location PLACE    the address or video link, named where it helps (confirm
                      time, running late)
  --their-tz ZONE     the recipient's zone, if not the interview's: times then
                      show both clocks, "2:00 PM London time (9:00 AM …)"
  --english E         us or uk spelling, dates and clock (default: from the
                      locale, else us)
  --from NAME         your name for the sign-off (default: the your_name setting)
  --no-door-open      leave out the line that keeps the door open
  --interview ID      fill company, role, contact, time, zone and location from a tracked interview
  --json              print scenario, channel, subject, body, checks and mailto
                      as JSON
  --copy              also copy the body to the clipboard
  --save              file the draft as sent on --interview's timeline
  --status S          with --save: then mark the interview S (e.g. withdrawn)
  --check-in WHEN     with --save: remind me to check in (2w, 3m or YYYY-MM-DD)
`

// slotList collects repeated --slot flags as text; they are parsed once the
// zone is known.
type slotList []string

func (s *slotList) String() string     { return strings.Join(*s, ", ") }
func (s *slotList) Set(v string) error { *s = append(*s, v); return nil }

// draftFlags is the draft command line as typed.
type draftFlags struct {
	scenario, to, toEmail, company, role string
	location                             string
	when, tz, now                        string
	reason, detail, disclose, tone, from string
	channel, phone, called, toTitle      string
	theirTZ, english                     string
	slots                                slotList
	offer, noDoorOpen, asJSON, copy      bool
	interview                            string
	// save files the draft on --interview's timeline; status and checkIn
	// then move it to a status and set a reminder to reconnect.
	save            bool
	status, checkIn string
	set             map[string]bool // flags given explicitly
	// locale is the environment's, for the English when --english is not given.
	locale string
}

func parseDraftFlags(args []string) (*draftFlags, error) {
	f := &draftFlags{set: map[string]bool{}}
	fs := flag.NewFlagSet("draft", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&f.scenario, "scenario", "", "")
	fs.StringVar(&f.to, "to", "", "")
	fs.StringVar(&f.toEmail, "to-email", "", "")
	fs.StringVar(&f.company, "company", "", "")
	fs.StringVar(&f.role, "role", "", "")
	fs.StringVar(&f.when, "when", "", "")
	fs.StringVar(&f.tz, "tz", "", "")
	fs.StringVar(&f.now, "now", "", "")
	fs.StringVar(&f.reason, "reason", "", "")
	fs.StringVar(&f.detail, "detail", "", "")
	fs.StringVar(&f.disclose, "disclose", "", "")
	fs.StringVar(&f.tone, "tone", "", "")
	fs.StringVar(&f.from, "from", "", "")
	fs.Var(&f.slots, "slot", "")
	fs.BoolVar(&f.offer, "offer-reschedule", false, "")
	fs.BoolVar(&f.noDoorOpen, "no-door-open", false, "")
	fs.BoolVar(&f.asJSON, "json", false, "")
	fs.BoolVar(&f.copy, "copy", false, "")
	fs.StringVar(&f.interview, "interview", "", "")
	fs.BoolVar(&f.save, "save", false, "")
	fs.StringVar(&f.status, "status", "", "")
	fs.StringVar(&f.checkIn, "check-in", "", "")
	fs.StringVar(&f.channel, "channel", "", "")
	fs.StringVar(&f.phone, "phone", "", "")
	fs.StringVar(&f.called, "called", "", "")
	fs.StringVar(&f.toTitle, "to-title", "", "")
	fs.StringVar(&f.location, "location", "", "")
	fs.StringVar(&f.theirTZ, "their-tz", "", "")
	fs.StringVar(&f.english, "english", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, usagef("draft: %v", err)
	}
	if fs.NArg() > 0 {
		return nil, usagef("draft: unexpected argument %q (quote values that contain spaces)", fs.Arg(0))
	}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	if (f.set["status"] || f.set["check-in"]) && !f.save {
		return nil, usagef("draft: --status and --check-in go with --save")
	}
	if f.save && !f.set["interview"] {
		return nil, usagef("draft: --save files the draft on an interview: give --interview ID")
	}
	return f, nil
}

// runDraft prints a draft email for the command line in args.
func runDraft(args []string, dbPath string, env Env) error {
	f, err := parseDraftFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(env.Stdout, draftUsage())
		return nil
	}
	if err != nil {
		return err
	}
	f.locale = locale.Of(env.getenv)
	if f.copy && env.Clipboard == nil {
		return errors.New("draft: --copy: no clipboard is available here")
	}
	// Warnings wait until the input is known good, so a failed command
	// prints only its one error line.
	var warnings strings.Builder
	in, err := f.input(dbPath, &warnings)
	if err != nil {
		return err
	}
	fmt.Fprint(env.Stderr, warnings.String())
	d, err := compose.Render(in)
	if err != nil {
		return inputUsage(err)
	}

	out, err := f.format(in, d)
	if err != nil {
		return err
	}
	// Copy before printing so a failed copy leaves nothing half done.
	if f.copy {
		if err := env.Clipboard(d.Body); err != nil {
			return fmt.Errorf("draft: copy to clipboard: %w", err)
		}
	}
	if f.save {
		if err := f.saveDraft(dbPath, in, d, env); err != nil {
			return err
		}
	}
	if _, err := io.WriteString(env.Stdout, out); err != nil {
		return fmt.Errorf("draft: write output: %w", err)
	}
	if f.copy {
		fmt.Fprintln(env.Stderr, "Copied to clipboard.")
	}
	return nil
}

// format is the draft as the command prints it: JSON, or the text itself
// (with its subject line for an email).
func (f *draftFlags) format(in compose.Input, d compose.Draft) (string, error) {
	var out strings.Builder
	switch {
	case f.asJSON:
		if err := writeDraftJSON(&out, in, d); err != nil {
			return "", fmt.Errorf("draft: %w", err)
		}
	case d.Channel == compose.ChannelEmail:
		fmt.Fprintf(&out, "Subject: %s\n\n%s\n", d.Subject, d.Body)
	default:
		fmt.Fprintf(&out, "%s\n", d.Body)
	}
	return out.String(), nil
}

// input turns the flags, and the interview they name, into composer input.
// warn receives one line for each time that happens twice in the zone.
func (f *draftFlags) input(dbPath string, warn io.Writer) (compose.Input, error) {
	var in compose.Input
	if err := f.choices(&in); err != nil {
		return in, err
	}
	if len(f.slots) > compose.MaxSlots {
		return in, usagef("draft: at most %d --slot values, got %d", compose.MaxSlots, len(f.slots))
	}
	zone := time.Local
	if f.set["tz"] {
		var err error
		if zone, err = data.LoadZone(f.tz); err != nil {
			return in, usagef("draft: --tz: %v", err)
		}
	}

	in.Company, in.Role, in.ToName, in.ToEmail = f.company, f.role, f.to, f.toEmail
	in.Location = f.location
	in.FromName, in.Detail = f.from, f.detail
	in.KeepDoorOpen = !f.noDoorOpen
	in.OfferReschedule = f.offer || len(f.slots) > 0

	// The saved name and signature, and the interview when asked.
	zone, err := f.prefill(&in, dbPath, zone)
	if err != nil {
		return in, err
	}
	in.Zone = zone

	if err := f.times(&in, zone, warn); err != nil {
		return in, err
	}
	if err := in.Validate(); err != nil {
		return in, inputUsage(err)
	}
	return in, nil
}

// choices reads the scenario, reason, disclosure and tone flags into in.
func (f *draftFlags) choices(in *compose.Input) error {
	var err error
	if f.scenario == "" {
		return usagef("draft: --scenario is required (%s)", compose.ScenarioList())
	}
	if in.Scenario, err = compose.ParseScenario(f.scenario); err != nil {
		return usagef("draft: --scenario: %v", err)
	}
	if in.Reason, err = compose.ParseReason(f.reason); err != nil {
		return usagef("draft: --reason: %v", err)
	}
	if f.set["disclose"] {
		if in.Disclose, err = compose.ParseDisclosure(f.disclose); err != nil {
			return usagef("draft: --disclose: %v", err)
		}
	}
	if f.set["tone"] {
		if in.Tone, err = compose.ParseTone(f.tone); err != nil {
			return usagef("draft: --tone: %v", err)
		}
	}
	return f.channelChoices(in)
}

// channelChoices reads the flags about the channel, the call already made
// and the recipient.
func (f *draftFlags) channelChoices(in *compose.Input) error {
	var err error
	if f.set["channel"] {
		if in.Channel, err = compose.ParseChannel(f.channel); err != nil {
			return usagef("draft: --channel: %v", err)
		}
	}
	if in.Called, err = compose.ParseCalled(f.called); err != nil {
		return usagef("draft: %v", err)
	}
	if in.ToTitle, err = compose.ParseTitle(f.toTitle); err != nil {
		return usagef("draft: --to-title: %v", err)
	}
	in.English = compose.EnglishFromLocale(f.locale)
	if f.set["english"] {
		if in.English, err = compose.ParseEnglish(f.english); err != nil {
			return usagef("draft: --english: %v", err)
		}
	}
	in.Phone = strings.TrimSpace(f.phone)
	if f.set["their-tz"] {
		if in.TheirZone, err = data.LoadZone(f.theirTZ); err != nil {
			return usagef("draft: --their-tz: %v", err)
		}
	}
	return nil
}

// times reads --when, --now and each --slot in zone. A flag not given
// leaves what prefill put in (the tracked interview's time).
func (f *draftFlags) times(in *compose.Input, zone *time.Location, warn io.Writer) error {
	var err error
	if f.set["when"] {
		if in.When, err = parseTimeFlag("--when", f.when, zone, warn); err != nil {
			return err
		}
	}
	if f.set["now"] {
		if in.Now, err = parseTimeFlag("--now", f.now, zone, warn); err != nil {
			return err
		}
	}
	for i, s := range f.slots {
		t, err := parseTimeFlag(fmt.Sprintf("--slot %d", i+1), s, zone, warn)
		if err != nil {
			return err
		}
		in.Slots = append(in.Slots, t)
	}
	return nil
}

// parseTimeFlag reads one time flag in zone. A time the clocks skip is a
// usage error naming the nearest valid time; one they show twice is taken
// at its first occurrence, with a warning on warn saying so, because the
// draft is still useful and an RFC 3339 time with an offset picks the other.
func parseTimeFlag(flagName, text string, zone *time.Location, warn io.Writer) (time.Time, error) {
	t, note, err := compose.ParseWhenNote(text, zone)
	if err != nil {
		return t, usagef("draft: %s: %v", flagName, err)
	}
	if note != "" {
		fmt.Fprintf(warn, "bridgekeeper: warning: %s: %s; using the first (%s)\n", flagName, oneLine(note), t.Format(time.RFC3339))
	}
	return t, nil
}

// prefill opens the store to fill in what the flags left out: the
// interview's details when --interview is given, and the sender's name from
// the your_name setting. Flags given explicitly always win. It returns the
// zone to write times in.
func (f *draftFlags) prefill(in *compose.Input, dbPath string, zone *time.Location) (*time.Location, error) {
	id, err := f.interviewID()
	if err != nil {
		return zone, err
	}
	store, err := openStore(dbPath, false)
	if errors.Is(err, data.ErrNoDatabase) && dbPath == "" && id == 0 {
		return zone, nil // nothing saved yet: no name to fill in
	}
	if err != nil {
		return zone, fmt.Errorf("draft: %w", err)
	}
	defer store.Close()
	ctx := context.Background()
	st, err := store.LoadSettings(ctx)
	if err != nil {
		return zone, fmt.Errorf("draft: %w", err)
	}
	f.fillFromSettings(in, st)
	if id == 0 {
		return zone, nil
	}
	iv, err := store.Interview(ctx, id)
	if errors.Is(err, data.ErrNotFound) {
		return zone, usagef("draft: --interview: there is no interview %d", id)
	}
	if err != nil {
		return zone, fmt.Errorf("draft: %w", err)
	}
	zone = f.fillFromInterview(in, iv, zone)
	// What was sent to this company before, for the checks (a second
	// cancellation, say).
	events, err := store.MessagesTo(ctx, in.Company, in.ToEmail)
	if err != nil {
		return zone, fmt.Errorf("draft: %w", err)
	}
	for _, e := range events {
		in.History = append(in.History, compose.Prior{Scenario: compose.Scenario(e.Scenario), At: e.At, Reason: compose.Reason(e.Reason)})
	}
	return zone, nil
}

// fillFromSettings signs with the saved name and signature, as in the
// window, and applies the saved number and spelling unless flags say
// otherwise.
func (f *draftFlags) fillFromSettings(in *compose.Input, st data.Settings) {
	if !f.set["from"] {
		in.FromName = st.YourName
	}
	in.Signature = st.Signature
	if !f.set["phone"] && st.Phone != "" {
		in.Phone = st.Phone
	}
	if !f.set["english"] && st.English != "" {
		in.English = compose.English(st.English)
	}
}

// interviewID reads --interview; 0 means the flag was not given.
func (f *draftFlags) interviewID() (int64, error) {
	if !f.set["interview"] {
		return 0, nil
	}
	id, err := strconv.ParseInt(strings.TrimSpace(f.interview), 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("draft: --interview: %q is not an interview ID", f.interview)
	}
	return id, nil
}

// fillFromInterview copies the tracked interview's company, role, contact
// and time into in where no flag gave them, and returns the zone to write
// times in: the interview's own unless --tz was given or it cannot be
// loaded.
func (f *draftFlags) fillFromInterview(in *compose.Input, iv data.Interview, zone *time.Location) *time.Location {
	fill := func(flagName string, dst *string, v string) {
		if !f.set[flagName] {
			*dst = v
		}
	}
	fill("company", &in.Company, iv.Company)
	fill("role", &in.Role, iv.Role)
	fill("to", &in.ToName, iv.ContactName)
	fill("to-email", &in.ToEmail, iv.ContactEmail)
	fill("location", &in.Location, iv.Location)
	if !f.set["tz"] && iv.TimeZone != "" {
		if z, err := data.LoadZone(iv.TimeZone); err == nil {
			zone = z
		}
	}
	if !iv.StartsAt.IsZero() {
		in.When = iv.StartsAt.In(zone)
	}
	return zone
}

// inputUsage turns the composer's validation errors into one usage line
// that names the flags to fix.
func inputUsage(err error) error {
	flagFor := map[string]string{
		"scenario": "--scenario", "company": "--company", "to_name": "--to", "to_email": "--to-email",
		"reason": "--reason", "disclose": "--disclose", "tone": "--tone", "slots": "--slot", "when": "--when",
		"channel": "--channel", "called": "--called", "to_title": "--to-title", "english": "--english",
	}
	var errs compose.InputErrors
	if !errors.As(err, &errs) {
		var one *compose.InputError
		if !errors.As(err, &one) {
			return fmt.Errorf("draft: %w", err)
		}
		errs = compose.InputErrors{one}
	}
	parts := make([]string, len(errs))
	for i, e := range errs {
		parts[i] = e.Msg
		if fl, ok := flagFor[e.Field]; ok {
			parts[i] += " (" + fl + ")"
		}
	}
	return usagef("draft: %s", strings.Join(parts, "; "))
}

type checkJSON struct {
	ID      string `json:"id"`
	OK      bool   `json:"ok"`
	Message string `json:"message"`
	Article string `json:"article"`
}

type draftJSON struct {
	Scenario string `json:"scenario"`
	Channel  string `json:"channel"`
	// Subject is "" for every channel but email.
	Subject string      `json:"subject"`
	Body    string      `json:"body"`
	Checks  []checkJSON `json:"checks"`
	Mailto  string      `json:"mailto"`
	// PhoneScript is set when there is less than a day's notice and a call
	// should come before the email.
	PhoneScript string `json:"phone_script,omitempty"`
}

func writeDraftJSON(w io.Writer, in compose.Input, d compose.Draft) error {
	out := draftJSON{
		Scenario: string(d.Scenario),
		Channel:  string(d.Channel),
		Subject:  d.Subject,
		Body:     d.Body,
		Checks:   []checkJSON{},
	}
	if d.Channel == compose.ChannelEmail {
		out.Mailto = compose.Mailto(in.ToEmail, d.Subject, d.Body)
	}
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}
	for _, c := range compose.Checks(in, d) {
		out.Checks = append(out.Checks, checkJSON{ID: c.ID, OK: c.OK, Message: c.Message, Article: c.Article})
		if c.ID == "notice" && !c.OK && in.When.After(now) {
			out.PhoneScript = compose.PhoneScript(in)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
