package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgekeeper/data"
)

// runCLI runs the command line with buffers and returns status, stdout and
// stderr.
func runCLI(t *testing.T, env Env, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env.Stdout, env.Stderr = &stdout, &stderr
	if env.Stdin == nil {
		env.Stdin = strings.NewReader("")
	}
	if env.Getenv == nil {
		// No locale: the default English is US whatever the machine says.
		env.Getenv = func(string) string { return "" }
	}
	code := Run(args, env)
	return code, stdout.String(), stderr.String()
}

// base is a complete draft command line; tests add or override flags.
func base(extra ...string) []string {
	return append([]string{"draft", "--scenario", "cancel", "--to", "Ana Kovač", "--company", "Northwind Labs",
		"--role", "Backend Engineer", "--when", "2024-12-03 14:30", "--tz", "Europe/Berlin",
		"--now", "2024-11-28 09:00", "--from", "Sam Lee"}, extra...)
}

func TestDraftText(t *testing.T) {
	code, out, errOut := runCLI(t, Env{}, base("--reason", "illness", "--slot", "2024-12-05 10:00")...)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	subject, body, ok := strings.Cut(out, "\n\n")
	if !ok || !strings.HasPrefix(subject, "Subject: ") || strings.Contains(subject, "\n") {
		t.Fatalf("output does not start with a subject line and a blank line:\n%s", out)
	}
	for _, want := range []string{"Dear Ana Kovač,", "Backend Engineer role at Northwind Labs",
		"Tuesday, December 3 at 2:30 PM", "fallen ill", "- Thursday, December 5 at 10:00 AM", "\nSam Lee\n"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "fever") {
		t.Errorf("brief disclosure leaked detail")
	}
}

func TestDraftDefaults(t *testing.T) {
	// No reason: nothing disclosed. A reason alone: brief wording, no detail.
	_, out, _ := runCLI(t, Env{}, base("--detail", "secret detail")...)
	if strings.Contains(out, "secret") || strings.Contains(out, "fallen ill") {
		t.Errorf("no reason should give no reason:\n%s", out)
	}
	_, out, _ = runCLI(t, Env{}, base("--reason", "emergency", "--detail", "secret detail")...)
	if !strings.Contains(out, "family emergency") || strings.Contains(out, "secret") {
		t.Errorf("a reason alone should default to brief:\n%s", out)
	}
	_, out, _ = runCLI(t, Env{}, base("--reason", "emergency", "--detail", "secret detail", "--disclose", "full")...)
	if !strings.Contains(out, "Secret detail.") {
		t.Errorf("full disclosure should quote the detail:\n%s", out)
	}
	// --slot implies offering to reschedule; --no-door-open drops the line.
	_, out, _ = runCLI(t, Env{}, base("--no-door-open")...)
	if strings.Contains(out, "future") || strings.Contains(out, "another time") {
		t.Errorf("--no-door-open without slots should neither offer nor keep the door open:\n%s", out)
	}
	_, out, _ = runCLI(t, Env{}, base("--slot", "2024-12-05 10:00")...)
	if !strings.Contains(out, "another time") {
		t.Errorf("--slot should offer to reschedule:\n%s", out)
	}
	_, out, _ = runCLI(t, Env{}, base("--tone", "warm")...)
	if !strings.HasPrefix(strings.SplitN(out, "\n\n", 2)[1], "Hi Ana,") {
		t.Errorf("--tone warm greeting:\n%s", out)
	}
}

func TestDraftJSON(t *testing.T) {
	code, out, errOut := runCLI(t, Env{}, base("--json", "--to-email", "ana@northwind.example",
		"--now", "2024-12-03 10:00", "--reason", "conflict", "--company", "Q&A Ltd")...)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got struct {
		Scenario string `json:"scenario"`
		Subject  string `json:"subject"`
		Body     string `json:"body"`
		Checks   []struct {
			ID      string `json:"id"`
			OK      *bool  `json:"ok"`
			Message string `json:"message"`
			Article string `json:"article"`
		} `json:"checks"`
		Mailto      string `json:"mailto"`
		PhoneScript string `json:"phone_script"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got.Scenario != "cancel" || !strings.Contains(got.Subject, "Q&A Ltd") || !strings.Contains(got.Body, "Another commitment has come up") {
		t.Errorf("draft fields: %+v", got)
	}
	ids := map[string]bool{}
	for _, c := range got.Checks {
		ids[c.ID] = true
		if c.OK == nil || c.Message == "" || c.Article == "" {
			t.Errorf("check %s lacks ok, message or article", c.ID)
		}
		if c.ID == "notice" && *c.OK {
			t.Errorf("4.5 hours' notice should warn: %s", c.Message)
		}
	}
	for _, id := range []string{"notice", "reason", "thanks", "apology", "tone", "placeholders"} {
		if !ids[id] {
			t.Errorf("check %s missing", id)
		}
	}
	if !strings.Contains(got.PhoneScript, "today at 2:30 PM") {
		t.Errorf("short notice should come with a phone script, got %q", got.PhoneScript)
	}
	u, err := url.Parse(got.Mailto)
	if err != nil || u.Opaque != "ana@northwind.example" || u.Query().Get("subject") != got.Subject ||
		u.Query().Get("body") != strings.ReplaceAll(got.Body, "\n", "\r\n") {
		t.Errorf("mailto %q does not carry the draft (%v)", got.Mailto, err)
	}
}

func TestDraftInterviewPrefill(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "bk.db")
	store, err := data.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	iv := &data.Interview{Company: "Contoso", Role: "Data Analyst", ContactName: "Priya Shah",
		ContactEmail: "priya@contoso.example", TimeZone: "Asia/Tokyo",
		StartsAt: time.Date(2024, 12, 10, 1, 0, 0, 0, time.UTC)} // 10:00 in Tokyo
	if err := store.CreateInterview(ctx, iv); err != nil {
		t.Fatal(err)
	}
	if err := store.SetSetting(ctx, "your_name", "Sam Lee"); err != nil {
		t.Fatal(err)
	}
	store.Close()
	id := "1"
	if iv.ID != 1 {
		t.Fatalf("interview ID %d", iv.ID)
	}

	code, out, errOut := runCLI(t, Env{}, "--db", dbPath, "draft", "--scenario", "reschedule", "--interview", id,
		"--now", "2024-12-01 09:00", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct{ Body, Mailto string }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Dear Priya Shah,", "Data Analyst role at Contoso", "Tuesday, December 10 at 10:00 AM", "\nSam Lee"} {
		if !strings.Contains(got.Body, want) {
			t.Errorf("prefilled body lacks %q:\n%s", want, got.Body)
		}
	}
	if !strings.HasPrefix(got.Mailto, "mailto:priya@contoso.example?") {
		t.Errorf("mailto should use the stored contact: %s", got.Mailto)
	}

	// Flags given explicitly win over the stored interview and setting.
	_, out, _ = runCLI(t, Env{}, "--db", dbPath, "draft", "--scenario", "reschedule", "--interview", id,
		"--to", "Mr Okafor", "--company", "Contoso Ltd", "--from", "S. Lee", "--tz", "Europe/London",
		"--now", "2024-12-01 09:00")
	for _, want := range []string{"Dear Mr Okafor,", "at Contoso Ltd", "Tuesday, December 10 at 1:00 AM", "\nS. Lee\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("explicit flags should win; body lacks %q:\n%s", want, out)
		}
	}

	// With --db alone, the store still supplies the sender's name.
	_, out, _ = runCLI(t, Env{}, "--db", dbPath, "draft", "--scenario", "withdraw", "--to", "Ana", "--company", "Acme")
	if !strings.HasSuffix(out, "\nSam Lee\n") {
		t.Errorf("--db without --from should sign with the your_name setting:\n%s", out)
	}

	code, _, errOut = runCLI(t, Env{}, "--db", dbPath, "draft", "--scenario", "cancel", "--interview", "42")
	if code != 2 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "42") {
		t.Errorf("unknown interview: exit %d, stderr %q", code, errOut)
	}
}

func TestDraftCopy(t *testing.T) {
	var copied string
	env := Env{Clipboard: func(text string) error { copied = text; return nil }}
	code, out, errOut := runCLI(t, env, base("--copy")...)
	if code != 0 || errOut != "Copied to clipboard.\n" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if copied == "" || !strings.HasSuffix(out, copied+"\n") || strings.HasPrefix(copied, "Subject:") {
		t.Errorf("clipboard got %q; want the body printed after the subject", copied)
	}

	code, out, errOut = runCLI(t, Env{}, base("--copy")...)
	if code == 0 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "clipboard") {
		t.Errorf("no clipboard: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	failing := Env{Clipboard: func(string) error { return errors.New("xclip not found") }}
	code, out, errOut = runCLI(t, failing, base("--copy")...)
	if code != 1 || out != "" || !strings.Contains(errOut, "xclip not found") {
		t.Errorf("failed copy: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestDraftBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // part of the one stderr line
	}{
		{"no scenario", []string{"draft", "--to", "Ana", "--company", "Acme"}, "--scenario"},
		{"unknown scenario", base("--scenario", "ghost"), "ghost"},
		{"missing company", []string{"draft", "--scenario", "cancel", "--to", "Ana"}, "--company"},
		{"blank company", base("--company", "  "), "company"},
		{"a reason the scenario does not fit", base("--scenario", "reschedule", "--reason", "not-a-fit"), "withdraw"},
		{"unknown channel", base("--channel", "fax"), "fax"},
		{"unknown phone status", base("--called", "maybe"), "maybe"},
		{"unknown title", base("--to-title", "Lord"), "Lord"},
		{"unknown English", base("--english", "au"), "au"},
		{"bad recipient zone", base("--their-tz", "Mars/Olympus"), "--their-tz"},
		{"unknown reason", base("--reason", "bored"), "bored"},
		{"unknown tone", base("--tone", "sarcastic"), "sarcastic"},
		{"unknown disclosure", base("--disclose", "everything"), "everything"},
		{"bad date", base("--when", "next Tuesday"), "next Tuesday"},
		{"bad now", base("--now", "2024-02-30 10:00"), "--now"},
		{"bad slot", base("--slot", "2024-12-05"), "--slot"},
		{"bad zone", base("--tz", "Mars/Olympus"), "Mars/Olympus"},
		{"four slots", base("--slot", "2024-12-05 10:00", "--slot", "2024-12-05 11:00",
			"--slot", "2024-12-05 12:00", "--slot", "2024-12-05 13:00"), "at most 3"},
		{"bad email", base("--to-email", "ana at example"), "--to-email"},
		{"unknown flag", base("--colour", "red"), "colour"},
		{"stray argument", base("now please"), "now please"},
		{"bad interview ID", base("--interview", "abc"), "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, Env{}, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stderr %q)", code, errOut)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if strings.Count(errOut, "\n") != 1 || !strings.HasSuffix(errOut, "\n") {
				t.Errorf("stderr should be one line, got %q", errOut)
			}
			if !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr %q does not mention %q", errOut, tt.want)
			}
		})
	}
}

func TestDraftHelp(t *testing.T) {
	code, out, errOut := runCLI(t, Env{}, "draft", "-h")
	if code != 0 || errOut != "" || !strings.Contains(out, "--scenario") || !strings.Contains(out, "--interview") {
		t.Errorf("draft -h: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestDraftKeepsUserTextIntact(t *testing.T) {
	long := strings.Repeat("A long but honest explanation. ", 340) // about 10 KB
	tests := []struct {
		name, company, to, detail string
	}{
		{"RTL", "شركة النور", "אנה כהן", "הטיסה שלי בוטלה"},
		{"emoji", "Rocket 🚀 Labs", "Ana 👋", "My flight was cancelled ✈️"},
		{"template and format syntax", "{{.Company}} %s", "<b>Ana</b>", "{{template \"body\"}} 100% & <script>"},
		{"10 KB detail", "Northwind Labs", "Ana", strings.TrimSpace(long)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := base("--company", tt.company, "--to", tt.to, "--reason", "other", "--detail", tt.detail, "--disclose", "full")
			code, out, errOut := runCLI(t, Env{}, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, want := range []string{tt.company, tt.to, tt.detail} {
				if !strings.Contains(out, want) {
					t.Errorf("text output lost %q", want)
				}
			}
			code, out, _ = runCLI(t, Env{}, append(args, "--json")...)
			var got struct{ Subject, Body string }
			if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil {
				t.Fatalf("json: exit %d, %v", code, err)
			}
			for _, want := range []string{tt.company, tt.to, tt.detail} {
				if !strings.Contains(got.Body, want) {
					t.Errorf("JSON body lost %q", want)
				}
			}
		})
	}
}

func TestDraftWhenInGap(t *testing.T) {
	// 02:30 does not exist in Berlin when the clocks go forward.
	code, out, errOut := runCLI(t, Env{}, base("--when", "2026-03-29 02:30", "--tz", "Europe/Berlin")...)
	if code != 2 || out != "" {
		t.Fatalf("exit %d, stdout %q; want 2 and nothing", code, out)
	}
	if strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "--when") ||
		!strings.Contains(errOut, "does not exist") || !strings.Contains(errOut, "nearest valid time is 03:00") {
		t.Errorf("stderr should be one line naming --when and 03:00, got %q", errOut)
	}
	// An ambiguous --when before a bad --slot prints no warning: only the error.
	code, _, errOut = runCLI(t, Env{}, base("--when", "2026-10-25 02:30", "--slot", "2026-03-29 02:10")...)
	if code != 2 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "--slot 1") || strings.Contains(errOut, "warning") {
		t.Errorf("exit %d, stderr %q; want 2 and one line about --slot 1", code, errOut)
	}
}

func TestDraftWhenRepeated(t *testing.T) {
	// 02:30 happens twice in Berlin when the clocks go back: the first is used.
	code, out, errOut := runCLI(t, Env{}, base("--when", "2026-10-25 02:30", "--tz", "Europe/Berlin")...)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "at 2:30 AM (UTC+2)") {
		t.Errorf("draft should use the first 2:30 AM, and say which:\n%s", out)
	}
	want := "bridgekeeper: warning: --when: 02:30 happens twice on Sun 25 Oct 2026 in Europe/Berlin: " +
		"first at 02:30 CEST (UTC+2), then at 02:30 CET (UTC+1); using the first (2026-10-25T02:30:00+02:00)\n"
	if errOut != want {
		t.Errorf("stderr:\n got %q\nwant %q", errOut, want)
	}

	// Each repeated time gets its own line, named by its flag.
	_, _, errOut = runCLI(t, Env{}, base("--when", "2026-10-25 02:30", "--now", "2026-10-25T02:05",
		"--slot", "2026-10-27 10:00", "--slot", "2026-10-25 02:45")...)
	lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "bridgekeeper: warning: --when: ") ||
		!strings.HasPrefix(lines[1], "bridgekeeper: warning: --now: ") || !strings.HasPrefix(lines[2], "bridgekeeper: warning: --slot 2: ") {
		t.Errorf("want one warning each for --when, --now and --slot 2, got %q", errOut)
	}

	// An explicit offset picks the second and needs no warning.
	code, out, errOut = runCLI(t, Env{}, base("--when", "2026-10-25T02:30:00+01:00")...)
	if code != 0 || errOut != "" || !strings.Contains(out, "at 2:30 AM (UTC+1)") {
		t.Errorf("exit %d, stderr %q; want the second 2:30 AM (UTC+1) and no warning:\n%s", code, errOut, out)
	}
}
