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
	ReasonEmergency:  "My father was taken into hospital last night and I need to be with him",
	ReasonIllness:    "I have a high fever and have been told to rest for a few days.",
	ReasonConflict:   "My current employer has moved a client workshop to that afternoon.",
	ReasonOtherOffer: "I have signed with another company and start in January.",
	ReasonNotAFit:    "The role is more focused on on-call support than I had understood.",
	ReasonPersonal:   "I am moving house that week.",
	ReasonOther:      "My passport renewal appointment was moved to that morning.",
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
}

func golden(d Draft) string {
	return "Subject: " + d.Subject + "\n\n" + d.Body + "\n"
}

func TestGolden(t *testing.T) {
	for _, info := range Scenarios() {
		for _, tone := range Tones() {
			for _, disc := range Disclosures() {
				name := fmt.Sprintf("%s-%s-%s", info.ID, tone, disc)
				t.Run(name, func(t *testing.T) {
					d, err := Render(goldenInput(t, info.ID, tone, disc))
					if err != nil {
						t.Fatalf("Render: %v", err)
					}
					got := golden(d)
					path := filepath.Join("testdata", "golden", name+".txt")
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
	}
}

// TestGoldenFilesAllUsed catches a golden file left behind by a renamed
// scenario, tone or disclosure.
func TestGoldenFilesAllUsed(t *testing.T) {
	want := map[string]bool{}
	for _, info := range Scenarios() {
		for _, tone := range Tones() {
			for _, disc := range Disclosures() {
				want[fmt.Sprintf("%s-%s-%s.txt", info.ID, tone, disc)] = true
			}
		}
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
	{regexp.MustCompile(`[.,]{2}|\.\?|\?\.|,\.`), "doubled punctuation"},
	{regexp.MustCompile(`\{\{|\}\}|<no value>|%!|\bNone\b|\bnil\b`), "template leftover"},
	{regexp.MustCompile(`[a-z]\.[A-Z]`), "missing space after full stop"},
}

// TestEveryCombinationReadsCleanly renders every scenario, tone, reason,
// disclosure and option, with and without the optional fields, and holds the
// result to the standards of a hand-written email.
func TestEveryCombinationReadsCleanly(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	reasons := []Reason{ReasonNone}
	for _, r := range Reasons() {
		reasons = append(reasons, r.ID)
	}
	type variant struct {
		name string
		edit func(*Input)
	}
	variants := []variant{
		{"all fields", func(*Input) {}},
		{"no role", func(in *Input) { in.Role = "" }},
		{"no company", func(in *Input) { in.Company = "" }},
		{"no role or company", func(in *Input) { in.Role, in.Company = "", "" }},
		{"no date", func(in *Input) { in.When = time.Time{} }},
		{"no names", func(in *Input) { in.ToName, in.FromName = "", "" }},
		{"no slots", func(in *Input) { in.Slots = nil }},
		{"no offer", func(in *Input) { in.Slots, in.OfferReschedule = nil, false }},
		{"door closed", func(in *Input) { in.KeepDoorOpen = false; in.Slots, in.OfferReschedule = nil, false }},
		{"one slot", func(in *Input) { in.Slots = in.Slots[:1]; in.OfferReschedule = true }},
		{"role says role", func(in *Input) { in.Role = "Data Analyst position" }},
	}
	n := 0
	for _, info := range Scenarios() {
		for _, tone := range Tones() {
			for _, disc := range Disclosures() {
				for _, r := range reasons {
					for _, v := range variants {
						in := goldenInput(t, info.ID, tone, disc)
						in.Reason, in.Detail = r, details[r]
						if len(in.Slots) == 0 {
							in.Slots = []time.Time{at(t, "2024-12-05 10:00"), at(t, "2024-12-06 15:30")}
						}
						v.edit(&in)
						if !Uses(in.Scenario).Slots {
							in.Slots, in.OfferReschedule = nil, false
						}
						d, err := e.Render(in)
						if err != nil {
							t.Fatalf("%s/%s/%s/%s/%s: %v", info.ID, tone, disc, r, v.name, err)
						}
						n++
						label := fmt.Sprintf("%s/%s/%s/%q/%s", info.ID, tone, disc, r, v.name)
						for _, p := range proseProblems(d.Subject) {
							t.Errorf("%s subject: %s", label, p)
						}
						for _, p := range proseProblems(d.Body) {
							t.Errorf("%s body: %s", label, p)
						}
						if strings.Contains(d.Subject, "\n") || d.Subject == "" {
							t.Errorf("%s: subject %q is not one line", label, d.Subject)
						}
						wantGreeting := "Hello,"
						if in.ToName != "" {
							wantGreeting = in.ToName + ","
						}
						first, _, _ := strings.Cut(d.Body, "\n")
						if !strings.HasSuffix(first, wantGreeting) {
							t.Errorf("%s: greeting %q, want it to end %q", label, first, wantGreeting)
						}
						if in.FromName != "" && !strings.HasSuffix(d.Body, "\n"+in.FromName) {
							t.Errorf("%s: body does not end with the sender's name", label)
						}
						for _, p := range []string{in.Company, in.Role} {
							if p != "" && !strings.Contains(d.Body, p) {
								t.Errorf("%s: body lacks %q", label, p)
							}
						}
						if in.Scenario == ScenarioDeclineOffer && strings.Contains(d.Body, "December") {
							t.Errorf("%s: decline-offer mentions a date", label)
						}
						if len(in.Slots) > 0 && in.OfferReschedule || in.Scenario == ScenarioReschedule && len(in.Slots) > 0 {
							for _, s := range in.Slots {
								if !strings.Contains(d.Body, "\n- "+longDate(s.In(in.Zone), in.Now)) {
									t.Errorf("%s: slot %v not listed", label, s)
								}
							}
						}
						for _, c := range Checks(in, d) {
							if c.ID == "tone" || c.ID == "placeholders" || c.ID == "thanks" || c.ID == "apology" {
								if !c.OK {
									t.Errorf("%s: template fails its own %s check: %s", label, c.ID, c.Message)
								}
							}
						}
					}
				}
			}
		}
	}
	if n < 8*3*3*8*len(variants) {
		t.Errorf("rendered only %d combinations", n)
	}
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
			[]string{"family emergency", "my dad is in hospital."}, nil},
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
			[]string{"scheduling conflict"}, []string{"dentist"}},
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
	if !strings.HasPrefix(d.Body, "Hello,\n") {
		t.Errorf("no-name greeting: %q", d.Body)
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
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	in := goldenInput(t, ScenarioCancel, ToneFormal, DiscloseNone)
	in.Zone = tokyo // 14:30 in Berlin is 22:30 in Tokyo
	in.Slots = nil
	d, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Body, "Tuesday 3 December at 22:30 (JST)") {
		t.Errorf("date not written in the zone:\n%s", d.Body)
	}
	in.When = at(t, "2025-01-10 09:00")
	in.Zone = berlin(t)
	d, _ = Render(in)
	if !strings.Contains(d.Body, "Friday 10 January 2025 at 09:00 (CET)") {
		t.Errorf("a date in another year should carry the year:\n%s", d.Body)
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
		"today at 14:30 (CET)", "sorry", "family emergency", "another time", "- Thursday 5 December at 10:00 (CET)", "email"} {
		if !strings.Contains(got, want) {
			t.Errorf("phone script lacks %q:\n%s", want, got)
		}
	}
	for _, p := range proseProblems(got) {
		t.Errorf("phone script: %s", p)
	}
	in.Now = at(t, "2024-12-02 17:00")
	if got := PhoneScript(in); !strings.Contains(got, "tomorrow at 14:30 (CET)") {
		t.Errorf("the day before, the script should say tomorrow:\n%s", got)
	}
	in.Scenario = ScenarioApology // the call is about the coming interview even so
	if got := PhoneScript(in); !strings.Contains(got, "I am dealing with a family emergency") {
		t.Errorf("phone reason should be in the present:\n%s", got)
	}
}

func TestNewFailsOnAMissingTemplate(t *testing.T) {
	fsys := os.DirFS(t.TempDir())
	if _, err := newEngine(fsys); err == nil {
		t.Fatal("newEngine on an empty folder succeeded")
	}
}
