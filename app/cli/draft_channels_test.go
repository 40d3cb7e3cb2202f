package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"bridgekeeper/compose"
	"bridgekeeper/data"
)

// TestDraftChannels: --channel prints the words for a call, a voicemail or
// a text with no subject line, each within what that channel allows, and
// --json says which channel and gives a mailto link only for email.
func TestDraftChannels(t *testing.T) {
	tests := []struct {
		channel string
		want    []string
		check   func(t *testing.T, body string)
	}{
		{"phone", []string{"Hello, is that Ana Kovač?", "this is Sam Lee", "fallen ill"}, nil},
		{"voicemail", []string{"this is Sam Lee", "+44 20 7946 0000"}, func(t *testing.T, body string) {
			if n := len(strings.Fields(body)); n > 75 {
				t.Errorf("voicemail of %d words", n)
			}
		}},
		{"text", []string{"Hi Ana,", "Sam Lee"}, func(t *testing.T, body string) {
			if n := utf8.RuneCountInString(body); n > compose.MaxTextLength {
				t.Errorf("text of %d characters", n)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.channel, func(t *testing.T) {
			args := base("--reason", "illness", "--channel", tt.channel, "--phone", "+44 20 7946 0000")
			code, out, errOut := runCLI(t, Env{}, args...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if strings.HasPrefix(out, "Subject:") {
				t.Errorf("a %s has a subject line:\n%s", tt.channel, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("%s lacks %q:\n%s", tt.channel, w, out)
				}
			}
			if tt.check != nil {
				tt.check(t, strings.TrimSuffix(out, "\n"))
			}
			code, out, _ = runCLI(t, Env{}, append(args, "--json", "--to-email", "ana@northwind.example")...)
			var got struct{ Channel, Subject, Body, Mailto string }
			if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil {
				t.Fatalf("json: exit %d, %v", code, err)
			}
			if got.Channel != tt.channel || got.Subject != "" || got.Mailto != "" || got.Body == "" {
				t.Errorf("json: %+v", got)
			}
		})
	}
}

// TestDraftRecipientFlags covers the flags that shape how the message
// addresses its reader: title, zone, English, the call already made, and no
// name at all.
func TestDraftRecipientFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    []string
		wantNot []string
	}{
		{"a title in a formal greeting", base("--to-title", "Dr"), nil, []string{"Dear Dr. Kovač,"}, nil},
		{"a British title has no stop", base("--to-title", "Dr", "--english", "uk"), nil, []string{"Dear Dr Kovač,"}, nil},
		{"no name", []string{"draft", "--scenario", "cancel", "--company", "Acme"}, nil, []string{"Dear Hiring Manager,"}, nil},
		{"no name, warm", []string{"draft", "--scenario", "cancel", "--company", "Acme", "--tone", "warm"}, nil, []string{"\nHello,\n"}, nil},
		{"their zone shows both clocks", base("--their-tz", "America/New_York"), nil,
			[]string{"8:30 AM New York time (2:30 PM Berlin time)"}, nil},
		{"British English", base("--english", "uk", "--slot", "2024-12-05 10:00"), nil,
			[]string{"Tuesday 3 December at 14:30", "- Thursday 5 December at 10:00", "Cancelling"}, []string{"PM", "Canceling"}},
		{"English from the locale", base(), map[string]string{"LANG": "en_GB.UTF-8"}, []string{"Tuesday 3 December at 14:30"}, nil},
		{"--english beats the locale", base("--english", "us"), map[string]string{"LANG": "en_GB.UTF-8"}, []string{"Tuesday, December 3 at 2:30 PM"}, nil},
		{"a call already made is mentioned", base("--scenario", "last-minute", "--now", "2024-12-03 09:00", "--called", "spoke"), nil,
			[]string{"Following our telephone conversation"}, nil},
		{"a voicemail already left is mentioned", base("--scenario", "last-minute", "--now", "2024-12-03 09:00", "--called", "voicemail"), nil,
			[]string{"voicemail"}, nil},
		{"no call, no claim", base("--scenario", "last-minute", "--now", "2024-12-03 09:00"), nil,
			nil, []string{"voicemail", "telephone", "phone"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := Env{Getenv: func(k string) string { return tt.env[k] }}
			code, out, errOut := runCLI(t, env, tt.args...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("draft lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("draft has %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestDraftWarnsOfASecondCancellation: with --interview, the company's
// filed messages feed the "again" check, and settings supply the English
// and the number to call back on.
func TestDraftWarnsOfASecondCancellation(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "bk.db")
	store, err := data.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	iv := &data.Interview{Company: "Contoso", Role: "Data Analyst", ContactName: "Priya Shah", TimeZone: "Europe/London",
		StartsAt: time.Date(2024, 12, 10, 10, 0, 0, 0, time.UTC)}
	if err := store.CreateInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	if err := store.AddEvent(ctx, &data.Event{InterviewID: iv.ID, Kind: data.EventDraft, Scenario: "reschedule",
		At: time.Date(2024, 11, 20, 9, 0, 0, 0, time.UTC), Body: "Could we move it?"}); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{"english": "uk", "phone": "07700 900123"} {
		if err := store.SetSetting(ctx, k, v); err != nil {
			t.Fatal(err)
		}
	}
	store.Close()

	code, out, errOut := runCLI(t, Env{}, "--db", dbPath, "draft", "--scenario", "cancel", "--interview", "1",
		"--now", "2024-12-01 09:00", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Body   string
		Checks []struct {
			ID      string
			OK      bool
			Message string
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	again := false
	for _, c := range got.Checks {
		if c.ID == "again" {
			again = !c.OK && strings.Contains(c.Message, "20 Nov 2024")
		}
	}
	if !again {
		t.Errorf("no warning about the earlier reschedule: %+v", got.Checks)
	}
	if !strings.Contains(got.Body, "Tuesday 10 December at 10:00") {
		t.Errorf("the english setting should give British dates:\n%s", got.Body)
	}
	_, out, _ = runCLI(t, Env{}, "--db", dbPath, "draft", "--scenario", "cancel", "--interview", "1",
		"--now", "2024-12-01 09:00", "--channel", "voicemail")
	if !strings.Contains(out, "07700 900123") {
		t.Errorf("the phone setting should give the voicemail a number:\n%s", out)
	}
}
