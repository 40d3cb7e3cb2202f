package compose

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// berlinZone is loaded once: the tests build thousands of inputs.
var berlinZone = sync.OnceValues(func() (*time.Location, error) { return time.LoadLocation("Europe/Berlin") })

func berlin(t testing.TB) *time.Location {
	t.Helper()
	loc, err := berlinZone()
	if err != nil {
		t.Fatalf("load zone: %v", err)
	}
	return loc
}

func at(t testing.TB, text string) time.Time {
	t.Helper()
	v, err := ParseWhen(text, berlin(t))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// details is what a user might type on the detail line for each reason.
var details = map[Reason]string{
	ReasonTravel:       "The train is stuck outside the station.",
	ReasonTechnical:    "The meeting link says the host has not started it.",
	ReasonCounterOffer: "My manager has offered me the team lead role.",
	ReasonEmergency:    "My father was taken into hospital last night and I need to be with him",
	ReasonIllness:      "I have a high fever and have been told to rest for a few days.",
	ReasonConflict:     "My current employer has moved a client workshop to that afternoon.",
	ReasonOtherOffer:   "I have signed with another company and start in January.",
	ReasonNotAFit:      "The role is more focused on on-call support than I had understood.",
	ReasonPersonal:     "I am moving house that week.",
	ReasonOther:        "My passport renewal appointment was moved to that morning.",
}

// goldenInput is the fixed input behind the golden files: the same people,
// company and dates throughout, with the reason and options a real user would
// most likely pick for each scenario.
func goldenInput(t testing.TB, s Scenario, tone Tone, d Disclosure) Input {
	in := Input{
		Scenario:     s,
		FromName:     "Sam Lee",
		ToName:       "Ana Kovač",
		ToEmail:      "ana.kovac@northwind.example",
		Company:      "Northwind Labs",
		Role:         "Backend Engineer",
		When:         at(t, "2024-12-03 14:30"),
		Zone:         berlin(t),
		Now:          at(t, "2024-11-28 09:00"),
		Disclose:     d,
		Tone:         tone,
		KeepDoorOpen: true,
	}
	slots := []time.Time{at(t, "2024-12-05 10:00"), at(t, "2024-12-06 15:30")}
	switch s {
	case ScenarioCancel:
		in.Reason, in.OfferReschedule, in.Slots = ReasonIllness, true, slots
	case ScenarioReschedule:
		in.Reason, in.Slots = ReasonConflict, append(slots, at(t, "2024-12-09 09:00"))
	case ScenarioLastMinute:
		in.Reason, in.OfferReschedule, in.Slots = ReasonEmergency, true, slots
		in.Now = at(t, "2024-12-03 08:15")
	case ScenarioWithdraw:
		in.Reason = ReasonOtherOffer
	case ScenarioApology:
		in.Reason, in.OfferReschedule, in.Slots = ReasonEmergency, true, slots
		in.Now = at(t, "2024-12-04 09:00")
	case ScenarioDeclineOffer:
		in.Reason, in.When = ReasonNotAFit, time.Time{}
	case ScenarioDeclineInvitation:
		in.Reason = ReasonPersonal
	case ScenarioFollowUp:
		in.Reason, in.OfferReschedule, in.Slots = ReasonIllness, true, slots
		in.Now = at(t, "2024-12-04 09:00")
	case ScenarioRunningLate:
		in.Reason, in.Now = ReasonTravel, at(t, "2024-12-03 14:10")
	case ScenarioConfirmTime:
		in.When = at(t, "2024-12-06 15:30")
	case ScenarioRenege:
		in.Reason, in.When = ReasonOtherOffer, time.Time{}
	case ScenarioMoreTime:
		in.Reason, in.When = ReasonOtherOffer, at(t, "2024-12-09 17:00")
	case ScenarioThankYou:
		in.Now = at(t, "2024-12-03 18:00")
	case ScenarioAcceptOffer:
		in.When = at(t, "2025-01-06 09:00")
	case ScenarioNudge:
		in.When, in.Now = at(t, "2024-11-20 11:00"), at(t, "2024-12-04 09:00")
	case ScenarioCheckIn:
		in.When, in.Now = time.Time{}, at(t, "2025-06-02 09:00")
	}
	in.Detail = goldenDetails[s]
	return in
}

// goldenDetails is the detail line a user might write in each golden
// scenario, in the tense that scenario needs.
var goldenDetails = map[Scenario]string{
	ScenarioCancel:            "I have a high fever and have been told to rest for a few days.",
	ScenarioReschedule:        "My current employer has moved a client workshop to that afternoon.",
	ScenarioLastMinute:        "My father was taken into hospital this morning and I need to be with him",
	ScenarioWithdraw:          "The new position starts in January.",
	ScenarioApology:           "My father was taken into hospital that morning.",
	ScenarioDeclineOffer:      "I am looking for a role with less on-call work.",
	ScenarioDeclineInvitation: "I am relocating abroad early next year.",
	ScenarioFollowUp:          "I am fully recovered now.",
	ScenarioRunningLate:       "the train is stuck outside the station, about 15 minutes behind",
	ScenarioRenege:            "The other role is closer to my family.",
	ScenarioMoreTime:          "I expect to hear from them by the end of next week.",
}

func golden(d Draft) string {
	if d.Channel != ChannelEmail {
		return d.Body + "\n"
	}
	return "Subject: " + d.Subject + "\n\n" + d.Body + "\n"
}

// goldenCase is one golden file and the input it is rendered from.
type goldenCase struct {
	name string
	in   Input
}

// goldenCases are the drafts kept word for word under testdata/golden:
// every scenario, tone and disclosure as an email in US English; every
// scenario and tone in British English; and every scenario's phone script,
// voicemail and text in US English, with the voicemail in British English
// too. A change to any template shows up in review as a change to these.
func goldenCases(t testing.TB) []goldenCase {
	var out []goldenCase
	for _, info := range Scenarios() {
		for _, tone := range Tones() {
			for _, disc := range Disclosures() {
				out = append(out, goldenCase{fmt.Sprintf("%s-%s-%s", info.ID, tone, disc), goldenInput(t, info.ID, tone, disc)})
			}
			in := goldenInput(t, info.ID, tone, DiscloseBrief)
			in.English = EnglishUK
			out = append(out, goldenCase{fmt.Sprintf("%s-%s-brief-uk", info.ID, tone), in})
		}
		for _, ch := range Channels()[1:] {
			in := goldenInput(t, info.ID, ToneFormal, DiscloseBrief)
			in.Channel, in.Phone = ch, "+1 212 555 0142"
			out = append(out, goldenCase{fmt.Sprintf("%s-%s", info.ID, ch), in})
			if ch == ChannelVoicemail {
				in.English, in.Phone = EnglishUK, "020 7946 0000"
				out = append(out, goldenCase{fmt.Sprintf("%s-%s-uk", info.ID, ch), in})
			}
		}
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			d, err := Render(c.in)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			got := golden(d)
			path := filepath.Join("testdata", "golden", c.name+".txt")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run go test -update to create it): %v", err)
			}
			if got != string(want) {
				t.Errorf("draft differs from %s (run go test -update after checking the change):\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
			}
		})
	}
}

// TestGoldenFilesAllUsed catches a golden file left behind by a renamed
// scenario, tone, disclosure or channel.
func TestGoldenFilesAllUsed(t *testing.T) {
	want := map[string]bool{}
	for _, c := range goldenCases(t) {
		want[c.name+".txt"] = true
	}
	files, err := os.ReadDir(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !want[f.Name()] {
			t.Errorf("unexpected golden file %s", f.Name())
		}
	}
	if len(files) != len(want) {
		t.Errorf("%d golden files, want %d", len(files), len(want))
	}
}

// proseProblems lists the typographical slips a careful writer would not
// send: doubled spaces, blank-line runs, space before punctuation, leftovers
// from the template machinery.
func proseProblems(text string) []string {
	var out []string
	for _, c := range proseRules {
		if loc := c.re.FindStringIndex(text); loc != nil {
			from, to := max(loc[0]-30, 0), min(loc[1]+30, len(text))
			out = append(out, fmt.Sprintf("%s near %q", c.what, text[from:to]))
		}
	}
	words := strings.Fields(strings.ToLower(text))
	for i := 1; i < len(words); i++ {
		if words[i] == words[i-1] && words[i] != "-" {
			out = append(out, fmt.Sprintf("doubled word %q", words[i]))
		}
	}
	return out
}

// proseRules are read-only; compiled once for the many renders checked.
var proseRules = []struct {
	re   *regexp.Regexp
	what string
}{
	{regexp.MustCompile(`[^\n ]  +\S`), "doubled space"},
	{regexp.MustCompile(`\n\n\n`), "run of blank lines"},
	{regexp.MustCompile(`[ \t]\n|[ \t]$`), "trailing space"},
	{regexp.MustCompile(`^\s`), "leading space"},
	{regexp.MustCompile(` [.,;:?!]`), "space before punctuation"},
	// "ACME, Inc., which…" is right: a stop then a comma is allowed.
	{regexp.MustCompile(`\.\.|,,|\.\?|\?\.|,\.`), "doubled punctuation"},
	{regexp.MustCompile(`\{\{|\}\}|<no value>|%!|\bNone\b|\bnil\b`), "template leftover"},
	{regexp.MustCompile(`[a-z]\.[A-Z]`), "missing space after full stop"},
}

// combinationVariants are the ways a real form is filled in, from complete
// to nearly empty, that every template must read well in.
func combinationVariants(t *testing.T) []struct {
	name string
	edit func(*Input)
} {
	return []struct {
		name string
		edit func(*Input)
	}{
		{"all fields", func(*Input) {}},
		{"no role", func(in *Input) { in.Role = "" }},
		{"no company", func(in *Input) { in.Company = "" }},
		{"no role or company", func(in *Input) { in.Role, in.Company = "", "" }},
		{"no date", func(in *Input) { in.When = time.Time{} }},
		{"no names", func(in *Input) { in.ToName, in.FromName = "", "" }},
		{"titled recipient", func(in *Input) { in.ToTitle = "Dr" }},
		{"no slots", func(in *Input) { in.Slots = nil }},
		{"no offer", func(in *Input) { in.Slots, in.OfferReschedule = nil, false }},
		{"door closed", func(in *Input) { in.KeepDoorOpen = false; in.Slots, in.OfferReschedule = nil, false }},
		{"one slot", func(in *Input) { in.Slots = in.Slots[:1]; in.OfferReschedule = true }},
		{"role says role", func(in *Input) { in.Role = "Data Analyst position" }},
		{"company ends in a stop", func(in *Input) { in.Company = "ACME, Inc." }},
		{"spoke first", func(in *Input) { in.Called = CalledSpoke }},
		{"left a voicemail", func(in *Input) { in.Called = CalledVoicemail }},
		{"two zones", func(in *Input) { in.TheirZone = mustLoad(t, "America/New_York") }},
		{"writer abroad", func(in *Input) { in.YourZone = mustLoad(t, "Asia/Kolkata") }},
		// Near and far put the clock hours or weeks from the interview, on
		// the side of it the scenario is written from.
		{"near", func(in *Input) { shiftNow(in, 3*time.Hour) }},
		{"far", func(in *Input) { shiftNow(in, 20*24*time.Hour) }},
		{"long names", func(in *Input) {
			in.ToName, in.Company, in.FromName = "Anastasia Kovačević-Whitfield", "Northwind Laboratories International", "Samantha Lee-Okonkwo"
		}},
		{"callback number", func(in *Input) { in.Phone = "+44 20 7946 0000" }},
		{"at an address", func(in *Input) { in.Location = "Mercer & Finch\n14 Clerkenwell Road, London, EC1M 5PA" }},
		{"by video link", func(in *Input) {
			in.Location = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_N2Ix%40thread.v2/0"
		}},
	}
}

// shiftNow sets the clock d before the interview, or d after it when the
// scenario looks back on one.
func shiftNow(in *Input, d time.Duration) {
	if in.When.IsZero() {
		return
	}
	if in.Scenario.info().Moment == Past {
		in.Now = in.When.Add(d)
		return
	}
	if in.Scenario == ScenarioRunningLate {
		d = min(d, 30*time.Minute) // said on the day, or not at all
	}
	in.Now = in.When.Add(-d)
}

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// combination is one input of the grid and its label for messages.
type combination struct {
	label string
	in    Input
}

// combinations is every scenario, tone, English, disclosure, reason that
// fits and variant, on channel ch.
func combinations(t *testing.T, ch Channel) []combination {
	var out []combination
	for _, info := range Scenarios() {
		reasons := append([]Reason{ReasonNone}, info.Reasons...)
		tones := Tones()
		if ch != ChannelEmail {
			tones = tones[:1] // spoken words do not change with the tone
		}
		for _, tone := range tones {
			for _, english := range Englishes() {
				for _, disc := range Disclosures() {
					for _, r := range reasons {
						for _, v := range combinationVariants(t) {
							in := goldenInput(t, info.ID, tone, disc)
							in.Reason, in.Detail, in.English, in.Channel = r, details[r], english, ch
							if len(in.Slots) == 0 {
								in.Slots = []time.Time{at(t, "2024-12-05 10:00"), at(t, "2024-12-06 15:30")}
							}
							v.edit(&in)
							if !Uses(in.Scenario).Slots {
								in.Slots, in.OfferReschedule = nil, false
							}
							out = append(out, combination{fmt.Sprintf("%s/%s/%s/%s/%s/%q/%s", ch, info.ID, tone, english, disc, r, v.name), in})
						}
					}
				}
			}
		}
	}
	return out
}

// TestEveryCombinationReadsCleanly renders every scenario, tone, English,
// disclosure, reason that fits and variant, on every channel, and holds the
// result to the standards of a hand-written message: clean punctuation, the
// right greeting and signature, the names it was given, the times it
// proposes, and no check of its own failed (no false claim, no reason that
// does not fit, no shouting, no placeholder).
func TestEveryCombinationReadsCleanly(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ch := range Channels() {
		for _, c := range combinations(t, ch) {
			d, err := e.Render(c.in)
			if err != nil {
				t.Fatalf("%s: %v", c.label, err)
			}
			n++
			for _, p := range append(proseProblems(d.Subject), proseProblems(d.Body)...) {
				t.Errorf("%s: %s", c.label, p)
			}
			if strings.Contains(d.Body, "STUB") {
				t.Fatalf("%s: the template is still a stub", c.label)
			}
			if ch == ChannelEmail {
				checkEmailShape(t, c.label, c.in, d)
			} else {
				checkSpokenShape(t, c.label, c.in, d)
			}
			for _, chk := range Checks(c.in, d) {
				switch chk.ID {
				case "tone", "placeholders", "thanks", "claim", "fit", "length":
					if !chk.OK {
						t.Errorf("%s: the template fails its own %s check: %s", c.label, chk.ID, chk.Message)
					}
				}
			}
		}
	}
	if n < 16*3*2*3*20 {
		t.Errorf("rendered only %d combinations", n)
	}
}

// checkEmailShape holds an email to its frame: a one-line subject naming
// the company, the greeting the view chose, the sender's name at the end,
// every name given and every time proposed.
func checkEmailShape(t *testing.T, label string, in Input, d Draft) {
	t.Helper()
	if strings.Contains(d.Subject, "\n") || d.Subject == "" {
		t.Errorf("%s: subject %q is not one line", label, d.Subject)
	}
	if c := strings.TrimSpace(in.Company); c != "" && !strings.Contains(d.Subject, strings.TrimSuffix(c, ".")) {
		t.Errorf("%s: subject %q does not name the company", label, d.Subject)
	}
	if f := strings.TrimSpace(in.FromName); f != "" && !strings.Contains(d.Subject, f) {
		t.Errorf("%s: subject %q does not name the sender", label, d.Subject)
	}
	if strings.Count(strings.ToLower(d.Body), " means ") > 1 {
		t.Errorf("%s: \"means\" twice in one draft", label)
	}
	first, _, _ := strings.Cut(d.Body, "\n")
	if want := greeting(in.tone(), in.ToName, in.ToTitle, in.english()); first != want {
		t.Errorf("%s: greeting %q, want %q", label, first, want)
	}
	if in.FromName != "" && !strings.HasSuffix(d.Body, "\n"+in.FromName) {
		t.Errorf("%s: body does not end with the sender's name", label)
	}
	if in.offering() && Uses(in.Scenario).Slots {
		for _, s := range in.Slots {
			if !strings.Contains(d.Body, "\n- "+whenIn(s, in.now(), in.theirZone(), in.yourZone(), in.english())) {
				t.Errorf("%s: slot %v not listed", label, s)
			}
		}
	}
	if in.tone() == ToneFormal {
		for _, short := range []string{"I'm ", "I'll ", "I'd ", "I've ", "can't ", "don't ", "won't "} {
			if strings.Contains(d.Body, short) {
				t.Errorf("%s: a formal draft says %q", label, strings.TrimSpace(short))
			}
		}
	} else if strings.Contains(d.Body, "I am ") && !strings.Contains(in.Detail, "I am ") {
		t.Errorf("%s: a %s draft says \"I am\" where it says \"I'm\" elsewhere", label, in.tone())
	}
	if in.tone() == ToneBrief && countApologies(d.Body) > 1 {
		t.Errorf("%s: a brief draft apologises %d times", label, countApologies(d.Body))
	}
}

// checkSpokenShape holds phone scripts, voicemails and texts to what each
// channel allows.
func checkSpokenShape(t *testing.T, label string, in Input, d Draft) {
	t.Helper()
	if d.Subject != "" {
		t.Errorf("%s: a %s has a subject", label, d.Channel)
	}
	words := len(strings.Fields(d.Body))
	switch d.Channel {
	case ChannelVoicemail:
		if words > 75 {
			t.Errorf("%s: voicemail of %d words, more than 30 seconds", label, words)
		}
		if in.Phone != "" && !strings.Contains(d.Body, in.Phone) {
			t.Errorf("%s: voicemail without the callback number", label)
		}
	case ChannelText:
		if n := utf8.RuneCountInString(d.Body); n > MaxTextLength {
			t.Errorf("%s: text of %d characters", label, n)
		}
	case ChannelPhone:
		// The user's own detail is theirs to cut; the template's words
		// must leave room for it in about a minute of speech.
		if words -= len(strings.Fields(in.Detail)); words > 170 {
			t.Errorf("%s: phone script of %d words", label, words)
		}
	}
}

// countApologies counts the apology words in text.
func countApologies(text string) int {
	low := strings.ToLower(text)
	n := 0
	for _, w := range []string{"sorry", "apolog"} {
		n += strings.Count(low, w)
	}
	return n
}

func TestRenderReason(t *testing.T) {
	tests := []struct {
		name     string
		scenario Scenario
		reason   Reason
		disc     Disclosure
		detail   string
		want     []string
		wantNot  []string
	}{
		{"none gives no reason", ScenarioCancel, ReasonEmergency, DiscloseNone, "my dad is in hospital",
			nil, []string{"emergency", "hospital"}},
		{"brief names the category only", ScenarioCancel, ReasonEmergency, DiscloseBrief, "my dad is in hospital",
			[]string{"family emergency"}, []string{"hospital"}},
		{"full adds the detail verbatim", ScenarioCancel, ReasonEmergency, DiscloseFull, "my dad is in hospital",
			[]string{"family emergency", "My dad is in hospital."}, nil},
		{"full keeps the rest of the detail as typed", ScenarioCancel, ReasonEmergency, DiscloseFull, "my dad, e.g. the NHS",
			[]string{"My dad, e.g. the NHS."}, nil},
		{"full leaves a name's capitals alone", ScenarioRunningLate, ReasonTechnical, DiscloseFull, "iPhone died",
			[]string{"iPhone died."}, nil},
		{"full keeps the user's punctuation", ScenarioCancel, ReasonIllness, DiscloseFull, "I have flu!",
			[]string{"I have flu!"}, []string{"I have flu!."}},
		{"other at full is the detail itself", ScenarioWithdraw, ReasonOther, DiscloseFull, "I am relocating abroad",
			[]string{"I am relocating abroad."}, []string{"circumstances have changed"}},
		{"other at brief stays vague", ScenarioWithdraw, ReasonOther, DiscloseBrief, "I am relocating abroad",
			[]string{"circumstances have changed"}, []string{"relocating"}},
		{"withdraw speaks of stepping back", ScenarioWithdraw, ReasonOtherOffer, DiscloseBrief, "",
			[]string{"accepted an offer elsewhere"}, nil},
		{"apology looks back", ScenarioApology, ReasonIllness, DiscloseBrief, "",
			[]string{"I had fallen ill"}, nil},
		{"empty disclosure defaults to brief with a reason", ScenarioCancel, ReasonConflict, "", "a dentist appointment",
			[]string{"Another commitment has come up"}, []string{"dentist"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := goldenInput(t, tt.scenario, ToneFormal, tt.disc)
			in.Reason, in.Detail = tt.reason, tt.detail
			d, err := Render(in)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(d.Body, w) {
					t.Errorf("body lacks %q:\n%s", w, d.Body)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(strings.ToLower(d.Body), strings.ToLower(w)) {
					t.Errorf("body should not contain %q:\n%s", w, d.Body)
				}
			}
		})
	}
}

func TestRenderDefaultsAndFallbacks(t *testing.T) {
	in := Input{Scenario: ScenarioCancel, Company: "Acme"}
	d, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(d.Body, "Dear Hiring Manager,\n") {
		t.Errorf("no-name formal greeting: %q", d.Body)
	}
	warm, _ := Render(Input{Scenario: ScenarioCancel, Company: "Acme", Tone: ToneWarm})
	if !strings.HasPrefix(warm.Body, "Hello,\n") {
		t.Errorf("no-name warm greeting: %q", warm.Body)
	}
	formal, _ := Render(Input{Scenario: ScenarioCancel, Company: "Acme", Tone: ToneFormal})
	if d != formal {
		t.Errorf("empty tone should render as formal")
	}
	if d.Scenario != ScenarioCancel {
		t.Errorf("Scenario = %q", d.Scenario)
	}
}

func TestRenderWritesDatesInTheInterviewZone(t *testing.T) {
	tokyo := mustLoad(t, "Asia/Tokyo")
	tests := []struct {
		name string
		edit func(*Input)
		want string
	}{
		{"in the interview's zone", func(in *Input) { in.Zone = tokyo }, // 14:30 in Berlin is 22:30 in Tokyo
			"on Tuesday, December 3 at 10:30 PM."},
		{"British English", func(in *Input) { in.Zone, in.English = tokyo, EnglishUK },
			"on Tuesday 3 December at 22:30."},
		{"the writer elsewhere sees both clocks, theirs first", func(in *Input) { in.Zone, in.YourZone = tokyo, berlin(t) },
			"on Tuesday, December 3 at 10:30 PM Tokyo time (2:30 PM Berlin time)."},
		{"the recipient elsewhere", func(in *Input) { in.TheirZone = mustLoad(t, "Europe/London") },
			"on Tuesday, December 3 at 1:30 PM London time (2:30 PM Berlin time)."},
		{"another year carries the year", func(in *Input) { in.When = at(t, "2025-01-10 09:00") },
			"on Friday, January 10, 2025 at 9:00 AM."},
		{"another year, British", func(in *Input) { in.When, in.English = at(t, "2025-01-10 09:00"), EnglishUK },
			"on Friday 10 January 2025 at 09:00."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := goldenInput(t, ScenarioCancel, ToneFormal, DiscloseNone)
			in.Slots, in.Detail = nil, ""
			tt.edit(&in)
			d, err := Render(in)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(d.Body, tt.want) {
				t.Errorf("body lacks %q:\n%s", tt.want, d.Body)
			}
		})
	}
}

func TestRenderIgnoresFieldsTheScenarioDoesNotUse(t *testing.T) {
	in := goldenInput(t, ScenarioDeclineOffer, ToneWarm, DiscloseBrief)
	in.When = at(t, "2024-12-03 14:30")
	in.Slots = []time.Time{at(t, "2024-12-05 10:00")}
	in.OfferReschedule = true
	d, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(d.Body, "December") || strings.Contains(d.Body, "\n- ") {
		t.Errorf("decline-offer should ignore the date and slots:\n%s", d.Body)
	}
}

func TestRenderRejectsWhatItCannotDraft(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Input)
		field string
	}{
		{"no scenario", func(in *Input) { in.Scenario = "" }, "scenario"},
		{"unknown scenario", func(in *Input) { in.Scenario = "ghost" }, "scenario"},
		{"unknown tone", func(in *Input) { in.Tone = "sarcastic" }, "tone"},
		{"unknown reason", func(in *Input) { in.Reason = "bored" }, "reason"},
		{"unknown disclosure", func(in *Input) { in.Disclose = "everything" }, "disclose"},
		{"too many slots", func(in *Input) {
			in.Slots = []time.Time{in.When, in.When, in.When, in.When}
		}, "slots"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := goldenInput(t, ScenarioReschedule, ToneFormal, DiscloseBrief)
			tt.edit(&in)
			_, err := Render(in)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != tt.field {
				t.Fatalf("Render error = %v, want an InputError on %s", err, tt.field)
			}
			if PhoneScript(in) != "" {
				t.Errorf("PhoneScript should be empty for input Render refuses")
			}
		})
	}
}

func TestPhoneScript(t *testing.T) {
	in := goldenInput(t, ScenarioLastMinute, ToneFormal, DiscloseBrief)
	in.Slots = []time.Time{at(t, "2024-12-05 10:00")}
	got := PhoneScript(in)
	for _, want := range []string{"Ana Kovač", "Sam Lee", "Backend Engineer role at Northwind Labs",
		"today at 2:30 PM", "sorry", "family emergency", "another time", "- Thursday, December 5 at 10:00 AM", "email"} {
		if !strings.Contains(got, want) {
			t.Errorf("phone script lacks %q:\n%s", want, got)
		}
	}
	for _, p := range proseProblems(got) {
		t.Errorf("phone script: %s", p)
	}
	email, _ := Render(in)
	if got == email.Body {
		t.Error("the phone script is the email")
	}
	in.Now = at(t, "2024-12-02 17:00")
	if got := PhoneScript(in); !strings.Contains(got, "tomorrow at 2:30 PM") {
		t.Errorf("the day before, the script should say tomorrow:\n%s", got)
	}
	in.Now = at(t, "2024-12-04 09:00")
	in.Scenario = ScenarioApology // said after the interview, so in the past tense
	if got := PhoneScript(in); !strings.Contains(got, "A family emergency came up") || !strings.Contains(got, "couldn't make it") {
		t.Errorf("an apology's reason should look back:\n%s", got)
	}
}

func TestNewFailsOnAMissingTemplate(t *testing.T) {
	fsys := os.DirFS(t.TempDir())
	if _, err := newEngine(fsys); err == nil {
		t.Fatal("newEngine on an empty folder succeeded")
	}
}

// TestTextsShortenOnlyWhenTheyMust: a text that fits keeps its courtesies;
// one that would run past MaxTextLength drops them and fits.
func TestTextsShortenOnlyWhenTheyMust(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	in := goldenInput(t, ScenarioWithdraw, ToneWarm, DiscloseBrief)
	in.Channel, in.Reason = ChannelText, ReasonOtherOffer
	short, err := e.Render(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(short.Body, "After a lot of thought") || !strings.Contains(short.Body, "stay in touch") {
		t.Errorf("a text that fits lost its courtesies:\n%s", short.Body)
	}
	in.ToName, in.Company, in.FromName = "Anastasia Kovačević-Whitfield", "Northwind Laboratories International", "Samantha Lee-Okonkwo"
	long, err := e.Render(in)
	if err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCountInString(long.Body); n > MaxTextLength {
		t.Errorf("long names: text of %d characters:\n%s", n, long.Body)
	}
	if strings.Contains(long.Body, "After a lot of thought") {
		t.Errorf("a text that ran long kept what it could spare:\n%s", long.Body)
	}
	for _, must := range []string{"Anastasia", "Northwind Laboratories International", "withdraw", "an offer elsewhere", "Samantha Lee-Okonkwo"} {
		if !strings.Contains(long.Body, must) {
			t.Errorf("the shortened text lost %q:\n%s", must, long.Body)
		}
	}
}
