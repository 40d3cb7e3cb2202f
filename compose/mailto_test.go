package compose

import (
	"net/url"
	"strings"
	"testing"
)

func TestMailto(t *testing.T) {
	tests := []struct {
		name, to, subject, body string
		wantBody                string   // body after the round trip
		contains                []string // literal pieces of the link
		absent                  []string
	}{
		{name: "spaces", to: "ana@example.com", subject: "Interview on 3 December", body: "Hello Ana",
			wantBody: "Hello Ana", contains: []string{"mailto:ana@example.com?subject=Interview%20on%203%20December&body=Hello%20Ana"},
			absent: []string{"+"}},
		{name: "line breaks become CRLF", to: "a@b.co", subject: "s", body: "Hi,\n\nLine\r\nOld mac\rend",
			wantBody: "Hi,\r\n\r\nLine\r\nOld mac\r\nend", contains: []string{"Hi%2C%0D%0A%0D%0ALine%0D%0AOld%20mac%0D%0Aend"}},
		{name: "reserved characters", to: "a@b.co", subject: "Q&A? #1 100% + more", body: "a=b&c=d?e#f%g/h",
			wantBody: "a=b&c=d?e#f%g/h", contains: []string{"Q%26A%3F%20%231%20100%25%20%2B%20more", "a%3Db%26c%3Dd%3Fe%23f%25g%2Fh"}},
		{name: "non-ASCII", to: "a@b.co", subject: "Ana Kovač 😊", body: "שלום مرحبا",
			wantBody: "שלום مرحبا", contains: []string{"Kova%C4%8D%20%F0%9F%98%8A"}},
		{name: "no recipient", to: "", subject: "s", body: "b", wantBody: "b", contains: []string{"mailto:?subject=s&body=b"}},
		{name: "template braces stay text", to: "a@b.co", subject: "{{.Company}}", body: "<b>%s</b>",
			wantBody: "<b>%s</b>", contains: []string{"%7B%7B.Company%7D%7D", "%3Cb%3E%25s%3C%2Fb%3E"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			link := Mailto(tt.to, tt.subject, tt.body)
			for _, c := range tt.contains {
				if !strings.Contains(link, c) {
					t.Errorf("link %q lacks %q", link, c)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(link, a) {
					t.Errorf("link %q contains %q", link, a)
				}
			}
			for _, r := range link {
				if r > 0x7e || r < 0x21 {
					t.Fatalf("link has an unencoded character %q: %q", r, link)
				}
			}
			u, err := url.Parse(link)
			if err != nil {
				t.Fatalf("net/url cannot parse %q: %v", link, err)
			}
			if u.Scheme != "mailto" || u.Opaque != tt.to {
				t.Errorf("scheme %q, recipient %q; want mailto, %q", u.Scheme, u.Opaque, tt.to)
			}
			q, err := url.ParseQuery(u.RawQuery)
			if err != nil {
				t.Fatal(err)
			}
			if got := q.Get("subject"); got != tt.subject {
				t.Errorf("subject round trip = %q, want %q", got, tt.subject)
			}
			if got := q.Get("body"); got != tt.wantBody {
				t.Errorf("body round trip = %q, want %q", got, tt.wantBody)
			}
			if len(q) != 2 {
				t.Errorf("query has %d fields, want subject and body: %v", len(q), q)
			}
		})
	}
}

func TestMailtoOfARenderedDraft(t *testing.T) {
	in := goldenInput(t, ScenarioReschedule, ToneWarm, DiscloseFull)
	d, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(Mailto(in.ToEmail, d.Subject, d.Body))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("subject") != d.Subject || q.Get("body") != strings.ReplaceAll(d.Body, "\n", "\r\n") {
		t.Errorf("draft did not survive the round trip")
	}
}

func TestWebmailComposeURLsCarryTheDraft(t *testing.T) {
	for _, w := range Webmails() {
		u, err := url.Parse(w.ComposeURL("ana@example.com", "Cancelling: Acme & Co", "Hi Ana,\nLine two"))
		if err != nil {
			t.Fatalf("%s: %v", w.Name, err)
		}
		q := u.Query()
		if q.Get("to") != "ana@example.com" || !strings.Contains(q.Get("body"), "Line two") {
			t.Errorf("%s URL %s lost the draft: %v", w.Name, u, q)
		}
		subject := q.Get("subject") + q.Get("su")
		if subject != "Cancelling: Acme & Co" {
			t.Errorf("%s subject %q", w.Name, subject)
		}
		if u.Scheme != "https" {
			t.Errorf("%s is not https", w.Name)
		}
	}
}
