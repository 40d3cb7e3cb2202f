package compose

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseEnums(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) (string, error)
		in    string
		want  string
		field string // "" means success
	}{
		{"scenario", func(s string) (string, error) { v, err := ParseScenario(s); return string(v), err }, " Last-Minute ", "last-minute", ""},
		{"scenario unknown", func(s string) (string, error) { v, err := ParseScenario(s); return string(v), err }, "ghost", "", "scenario"},
		{"scenario empty", func(s string) (string, error) { v, err := ParseScenario(s); return string(v), err }, "", "", "scenario"},
		{"reason", func(s string) (string, error) { v, err := ParseReason(s); return string(v), err }, "other-offer", "other-offer", ""},
		{"reason empty is none", func(s string) (string, error) { v, err := ParseReason(s); return string(v), err }, "", "", ""},
		{"reason unknown", func(s string) (string, error) { v, err := ParseReason(s); return string(v), err }, "bored", "", "reason"},
		{"tone", func(s string) (string, error) { v, err := ParseTone(s); return string(v), err }, "WARM", "warm", ""},
		{"tone unknown", func(s string) (string, error) { v, err := ParseTone(s); return string(v), err }, "rude", "", "tone"},
		{"disclosure", func(s string) (string, error) { v, err := ParseDisclosure(s); return string(v), err }, "full", "full", ""},
		{"disclosure unknown", func(s string) (string, error) { v, err := ParseDisclosure(s); return string(v), err }, "all", "", "disclose"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.parse(tt.in)
			if tt.field == "" {
				if err != nil || got != tt.want {
					t.Fatalf("parse(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
				}
				return
			}
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != tt.field {
				t.Fatalf("parse(%q) error = %v, want InputError on %s", tt.in, err, tt.field)
			}
			if !strings.Contains(ie.Msg, tt.in) {
				t.Errorf("message %q does not quote the input", ie.Msg)
			}
		})
	}
}

func TestListsAreComplete(t *testing.T) {
	if got := len(Scenarios()); got != 16 {
		t.Errorf("%d scenarios, want 16", got)
	}
	for _, s := range Scenarios() {
		if s.Label == "" || s.Summary == "" || s.Article == "" {
			t.Errorf("scenario %s lacks a label, summary or article", s.ID)
		}
		if got, err := ParseScenario(string(s.ID)); err != nil || got != s.ID {
			t.Errorf("ParseScenario(%q) = %q, %v", s.ID, got, err)
		}
	}
	if got := len(Reasons()); got != 10 {
		t.Errorf("%d reasons, want 10", got)
	}
	for _, r := range Reasons() {
		if r.Label == "" || ReasonLabel(r.ID) != r.Label {
			t.Errorf("reason %s: label %q, ReasonLabel %q", r.ID, r.Label, ReasonLabel(r.ID))
		}
	}
	if len(Channels()) != 4 || Channels()[0] != ChannelEmail || len(Englishes()) != 2 {
		t.Errorf("channels %v, Englishes %v", Channels(), Englishes())
	}
	if Tones()[0] != ToneFormal || len(Tones()) != 3 || len(Disclosures()) != 3 {
		t.Errorf("tones %v, disclosures %v", Tones(), Disclosures())
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Input)
		field string // "" means valid
	}{
		{"complete input", func(*Input) {}, ""},
		{"no email is fine", func(in *Input) { in.ToEmail = "" }, ""},
		{"missing company", func(in *Input) { in.Company = "  " }, "company"},
		// With no name the draft greets "Dear Hiring Manager," or "Hello,".
		{"no recipient is fine", func(in *Input) { in.ToName = "" }, ""},
		{"a reason that does not fit", func(in *Input) { in.Reason = ReasonNotAFit }, "reason"},
		{"unknown channel", func(in *Input) { in.Channel = "fax" }, "channel"},
		{"unknown English", func(in *Input) { in.English = "au" }, "english"},
		{"unknown phone status", func(in *Input) { in.Called = "maybe" }, "called"},
		{"unknown title", func(in *Input) { in.ToTitle = "Lord" }, "to_title"},
		{"bad email", func(in *Input) { in.ToEmail = "ana at example" }, "to_email"},
		{"unknown scenario", func(in *Input) { in.Scenario = "vanish" }, "scenario"},
		{"unknown reason", func(in *Input) { in.Reason = "meh" }, "reason"},
		{"unknown tone", func(in *Input) { in.Tone = "cold" }, "tone"},
		{"unknown disclosure", func(in *Input) { in.Disclose = "most" }, "disclose"},
		{"four slots", func(in *Input) { in.Slots = append(in.Slots, in.When, in.When) }, "slots"},
		{"a zero slot", func(in *Input) { in.Slots = []time.Time{{}} }, "slots"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := goldenInput(t, ScenarioReschedule, ToneFormal, DiscloseBrief)
			in.Slots = in.Slots[:2]
			tt.edit(&in)
			err := in.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v", err)
				}
				return
			}
			var errs InputErrors
			if !errors.As(err, &errs) || errs.Field(tt.field) == "" {
				t.Fatalf("Validate() = %v, want a problem with %s", err, tt.field)
			}
		})
	}
	var errs InputErrors
	err := Input{}.Validate()
	if !errors.As(err, &errs) || len(errs) != 2 || errs.Field("scenario") == "" || errs.Field("company") == "" {
		t.Errorf("empty input: %v, want scenario and company reported together", err)
	}
}

func TestUses(t *testing.T) {
	if u := Uses(ScenarioDeclineOffer); u.When || u.Slots || u.OfferReschedule || !u.Reason || !u.KeepDoorOpen {
		t.Errorf("decline-offer uses %+v", u)
	}
	if u := Uses(ScenarioReschedule); !u.Slots || u.OfferReschedule || !u.When {
		t.Errorf("reschedule uses %+v (always offers, so no switch)", u)
	}
	if u := Uses(ScenarioWithdraw); u.Slots || u.OfferReschedule {
		t.Errorf("withdraw should not offer slots: %+v", u)
	}
	if u := Uses("nope"); u != (FieldSet{}) {
		t.Errorf("unknown scenario uses %+v", u)
	}
}

func TestSuggest(t *testing.T) {
	when := time.Date(2024, 12, 3, 14, 30, 0, 0, time.UTC)
	tests := []struct {
		name     string
		scenario Scenario
		now      time.Time
		want     Scenario
		ok       bool
	}{
		{"cancel a week ahead", ScenarioCancel, when.Add(-7 * 24 * time.Hour), ScenarioCancel, false},
		{"cancel 23 hours ahead", ScenarioCancel, when.Add(-23 * time.Hour), ScenarioLastMinute, true},
		// A reschedule at short notice is still a reschedule: its draft
		// says sorry for the short notice itself.
		{"reschedule 2 hours ahead", ScenarioReschedule, when.Add(-2 * time.Hour), ScenarioReschedule, false},
		{"reschedule after the interview", ScenarioReschedule, when.Add(time.Hour), ScenarioApology, true},
		{"running late is never redirected", ScenarioRunningLate, when.Add(-10 * time.Minute), ScenarioRunningLate, false},
		{"exactly 24 hours is not last minute", ScenarioCancel, when.Add(-24 * time.Hour), ScenarioCancel, false},
		// Once the time has passed, an apology fits better (the composer
		// view made this suggestion itself before the engine did).
		{"after the interview", ScenarioCancel, when.Add(time.Hour), ScenarioApology, true},
		{"an apology is never redirected", ScenarioApology, when.Add(time.Hour), ScenarioApology, false},
		{"withdraw is left alone", ScenarioWithdraw, when.Add(-time.Hour), ScenarioWithdraw, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Suggest(Input{Scenario: tt.scenario, When: when, Now: tt.now})
			if !ok {
				got.To = tt.scenario
			}
			if got.To != tt.want || ok != tt.ok {
				t.Errorf("Suggest = %q, %v; want %q, %v", got.To, ok, tt.want, tt.ok)
			}
			if ok && (got.Why == "" || !strings.HasPrefix(got.Action, "Switch to ")) {
				t.Errorf("Suggest gives no words: %+v", got)
			}
		})
	}
	if _, ok := Suggest(Input{Scenario: ScenarioCancel}); ok {
		t.Error("suggested without a known time")
	}
}

func TestParseWhen(t *testing.T) {
	loc := berlin(t)
	want := time.Date(2024, 12, 3, 14, 30, 0, 0, loc)
	for _, text := range []string{"2024-12-03 14:30", " 2024-12-03T14:30 ", "2024-12-03T13:30:00Z", "2024-12-03T14:30:00+01:00"} {
		got, err := ParseWhen(text, loc)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseWhen(%q) = %v, %v; want %v", text, got, err, want)
		}
		if got.Location() != loc {
			t.Errorf("ParseWhen(%q) in %v, want %v", text, got.Location(), loc)
		}
	}
	if got, err := ParseWhen("2024-12-03 14:30", nil); err != nil || got.Location() != time.UTC {
		t.Errorf("nil zone: %v, %v; want UTC", got, err)
	}
	for _, text := range []string{"", "tomorrow", "2024-13-03 14:30", "2024-12-03", "03/12/2024 14:30", "2024-12-03 25:00"} {
		_, err := ParseWhen(text, loc)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != "when" {
			t.Errorf("ParseWhen(%q) error = %v, want InputError on when", text, err)
		}
	}
}

func TestParseWhenNote(t *testing.T) {
	loc := berlin(t)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatalf("load zone: %v", err)
	}
	tests := []struct {
		name, text string
		loc        *time.Location
		want       string // RFC 3339
		note       string // a part of the note; "" means no note
	}{
		{"ordinary", "2026-12-03 14:30", loc, "2026-12-03T14:30:00+01:00", ""},
		{"repeated hour takes the first", "2026-10-25 02:30", loc, "2026-10-25T02:30:00+02:00",
			"02:30 happens twice on Sun 25 Oct 2026 in Europe/Berlin: first at 02:30 CEST (UTC+2), then at 02:30 CET (UTC+1)"},
		{"repeated hour, T layout", "2026-10-25T02:59", loc, "2026-10-25T02:59:00+02:00", "happens twice"},
		{"repeated hour in New York", " 2026-11-01 01:30 ", ny, "2026-11-01T01:30:00-04:00", "first at 01:30 EDT (UTC-4), then at 01:30 EST (UTC-5)"},
		{"RFC 3339 picks the second", "2026-10-25T02:30:00+01:00", loc, "2026-10-25T02:30:00+01:00", ""},
		{"RFC 3339 picks the first", "2026-10-25T00:30:00Z", loc, "2026-10-25T02:30:00+02:00", ""},
		{"after the repeated hour", "2026-10-25 03:00", loc, "2026-10-25T03:00:00+01:00", ""},
		{"UTC never repeats", "2026-10-25 02:30", nil, "2026-10-25T02:30:00Z", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note, err := ParseWhenNote(tt.text, tt.loc)
			want, _ := time.Parse(time.RFC3339, tt.want)
			if err != nil || !got.Equal(want) || got.Format(time.RFC3339) != tt.want {
				t.Fatalf("ParseWhenNote(%q) = %v, %v; want %s", tt.text, got, err, tt.want)
			}
			if (tt.note == "") != (note == "") || !strings.Contains(note, tt.note) {
				t.Errorf("note = %q, want one containing %q", note, tt.note)
			}
			// ParseWhen agrees, and what it gives reads back the same.
			plain, err := ParseWhen(tt.text, tt.loc)
			if err != nil || !plain.Equal(got) {
				t.Errorf("ParseWhen(%q) = %v, %v; want %v", tt.text, plain, err, got)
			}
			if again, err := ParseWhen(got.Format(time.RFC3339), tt.loc); err != nil || !again.Equal(got) {
				t.Errorf("%v does not read back: %v, %v", got, again, err)
			}
		})
	}
}

func TestParseWhenGap(t *testing.T) {
	loc := berlin(t)
	for text, nearest := range map[string]string{
		"2026-03-29 02:30": "the nearest valid time is 03:00",
		"2026-03-29T02:00": "the nearest valid time is 03:00",
	} {
		got, note, err := ParseWhenNote(text, loc)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != "when" {
			t.Fatalf("ParseWhenNote(%q) = %v, %q, %v; want InputError on when", text, got, note, err)
		}
		if !got.IsZero() || note != "" {
			t.Errorf("ParseWhenNote(%q) gave %v and note %q with its error", text, got, note)
		}
		if !strings.Contains(ie.Msg, "does not exist on Sun 29 Mar 2026 in Europe/Berlin") || !strings.Contains(ie.Msg, nearest) {
			t.Errorf("message %q does not name the gap and %q", ie.Msg, nearest)
		}
		if _, err := ParseWhen(text, loc); !errors.As(err, &ie) {
			t.Errorf("ParseWhen(%q) error = %v, want InputError", text, err)
		}
	}
	// Either side of the gap is fine, and an explicit offset is never a gap.
	for _, text := range []string{"2026-03-29 01:59", "2026-03-29 03:00", "2026-03-29T01:30:00Z"} {
		if _, note, err := ParseWhenNote(text, loc); err != nil || note != "" {
			t.Errorf("ParseWhenNote(%q) = note %q, %v; want neither", text, note, err)
		}
	}
	// A far-off year is reported as such, not as a gap.
	if _, err := ParseWhen("1900-03-29 02:30", loc); err == nil || !strings.Contains(err.Error(), "plausible") {
		t.Errorf("year 1900: %v, want the plausibility error", err)
	}
}
