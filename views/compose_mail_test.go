package views

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestComposeMailFailureCopiesAndOffersWebmail: when no mail program takes
// the link, the composer says so, puts the email on the clipboard, and
// offers webmail compose pages that carry the draft.
func TestComposeMailFailureCopiesAndOffersWebmail(t *testing.T) {
	h, c := composeOpen(t)
	composeFill(c)
	h.opener.err = errors.New("no program handles mailto links")
	test.Tap(c.mailBtn)
	h.ui.Wait()
	if !strings.Contains(c.status.Text, "No mail program opened the email (no program handles mailto links)") ||
		!strings.Contains(c.status.Text, "on the clipboard") {
		t.Errorf("status %q", c.status.Text)
	}
	if h.clip.text != c.body.Text {
		t.Errorf("clipboard %q, want the body", h.clip.text)
	}
	d := trackerDialog(h)
	if d == nil {
		t.Fatal("no dialog offering webmail")
	}
	h.opener.err = nil
	test.Tap(trackerButton(t, d, "Open Gmail"))
	h.ui.Wait()
	last, err := url.Parse(h.opener.urls[len(h.opener.urls)-1])
	if err != nil {
		t.Fatal(err)
	}
	q := last.Query()
	if last.Host != "mail.google.com" || q.Get("to") != "dana@acme.example" || q.Get("su") != c.subject.Text ||
		strings.ReplaceAll(q.Get("body"), "\r\n", "\n") != c.body.Text {
		t.Errorf("Gmail link %s does not carry the draft", last)
	}
	if trackerDialog(h) != nil {
		t.Error("the dialog should close once a webmail is chosen")
	}
}

// TestComposeTooLongForAMailLinkIsCopiedNotCut: a draft longer than a mail
// link safely carries is never handed over cut short.
func TestComposeTooLongForAMailLinkIsCopiedNotCut(t *testing.T) {
	h, c := composeOpen(t)
	composeFill(c)
	long := c.body.Text + strings.Repeat("\nOne more honest line about the week I have had.", 60)
	c.body.SetText(long)
	test.Tap(c.mailBtn)
	h.ui.Wait()
	if len(h.opener.urls) != 0 {
		t.Errorf("a too-long link was opened: %d bytes", len(h.opener.urls[0]))
	}
	if h.clip.text != long || !strings.Contains(c.status.Text, "too long") {
		t.Errorf("status %q, clipboard holds %d of %d bytes", c.status.Text, len(h.clip.text), len(long))
	}
}
