package compose

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// FuzzRender feeds arbitrary text into every field the user types. Whatever
// comes in, Render must not panic, must not leave template syntax of its own
// behind, and must carry the user's words into the body unchanged.
func FuzzRender(f *testing.F) {
	f.Add("Acme", "Ana", "Sam", "Engineer", "my dad is in hospital", uint8(0))
	f.Fuzz(func(t *testing.T, company, toName, fromName, role, detail string, pick uint8) {
		scenarios := Scenarios()
		tones := Tones()
		info := scenarios[int(pick)%len(scenarios)]
		// Only the reasons the scenario offers: Render refuses the rest.
		reasons := append([]Reason{ReasonNone}, info.Reasons...)
		loc := time.UTC
		in := Input{
			Scenario:        info.ID,
			Tone:            tones[int(pick/16)%len(tones)],
			Reason:          reasons[int(pick/3)%len(reasons)],
			Channel:         Channels()[int(pick/48)%len(Channels())],
			Disclose:        DiscloseFull,
			Company:         company,
			ToName:          toName,
			FromName:        fromName,
			Role:            role,
			Detail:          detail,
			When:            time.Date(2024, 12, 3, 14, 30, 0, 0, loc),
			Now:             time.Date(2024, 11, 28, 9, 0, 0, 0, loc),
			OfferReschedule: pick%2 == 0,
			Slots:           []time.Time{time.Date(2024, 12, 5, 10, 0, 0, 0, loc)},
			KeepDoorOpen:    pick%3 == 0,
		}
		d, err := Render(in)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		Checks(in, d)
		Mailto(in.ToEmail, d.Subject, d.Body)

		// Template syntax may only appear where the user typed it: with the
		// user's own words taken out, none may be left.
		rest := withoutUserText(d.Subject+"\n"+d.Body+"\n"+PhoneScript(in), company, toName, fromName, role, detail,
			firstName(toName), detailAsSent(detail), upperFirst(detailAsSent(detail)))
		for _, leak := range []string{"{{", "}}", "<no value>", "%!"} {
			if strings.Contains(rest, leak) {
				t.Errorf("template output contains %q:\n%s", leak, rest)
			}
		}
		if d.Channel != ChannelEmail {
			return // spoken words use the names as a person would say them
		}
		// A formal greeting has the whole name; warm and brief ones the
		// first name only.
		recipient := strings.TrimSpace(toName)
		if in.tone() != ToneFormal {
			recipient = firstName(recipient)
		}
		for name, v := range map[string]string{"company": company, "recipient": recipient, "sender": fromName, "role": role} {
			if v = strings.TrimSpace(v); v != "" && !strings.Contains(d.Body, v) {
				t.Errorf("%s %q not in the body verbatim:\n%s", name, v, d.Body)
			}
		}
		if want := detailAsSent(detail); Uses(in.Scenario).Reason && in.Reason != ReasonNone && want != "" &&
			!strings.Contains(d.Body, want) && !strings.Contains(d.Body, upperFirst(want)) {
			t.Errorf("detail %q not in the body at full disclosure:\n%s", detail, d.Body)
		}
		if strings.ContainsAny(d.Subject, "\r\n") {
			t.Errorf("subject spans lines: %q", d.Subject)
		}
		valid := true
		for _, v := range []string{company, toName, fromName, role, detail} {
			valid = valid && utf8.ValidString(v)
		}
		if valid && !utf8.ValidString(d.Body) {
			t.Errorf("valid input produced invalid UTF-8")
		}
	})
}

// withoutUserText removes every occurrence of the given values, longest
// first, so what remains is the template's own text.
func withoutUserText(s string, values ...string) string {
	values = slices.Clone(values)
	slices.SortFunc(values, func(a, b string) int { return len(b) - len(a) })
	var pairs []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			pairs = append(pairs, v, "")
		}
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// detailAsSent is the user's detail as a draft may quote it: spaces run
// together and the closing stop or comma dropped, the words untouched.
func detailAsSent(detail string) string {
	return strings.TrimRight(strings.Join(strings.Fields(detail), " "), " ,;:-–—.")
}

// upperFirst capitalises s when it starts with a small letter, as the start
// of a sentence.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
