package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestEntryCutsAPasteBeforeItLands(t *testing.T) {
	test.NewTempApp(t)
	e := NewEntry("")
	e.Limit = 10
	var offered int
	e.OnCut = func(n int) { offered = n }
	clip := test.NewClipboard()
	clip.SetContent("héllo wörld, and more")
	e.SetText("ab")
	e.CursorColumn = 2
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if len(e.Text) > 10 || !strings.HasPrefix(e.Text, "abhéllo") {
		t.Errorf("after the paste the entry holds %q (%d bytes)", e.Text, len(e.Text))
	}
	if offered != 2+len("héllo wörld, and more") {
		t.Errorf("OnCut heard %d", offered)
	}
	if clip.Content() != "héllo wörld, and more" {
		t.Error("the clipboard was changed")
	}
}

func TestEntryReportsFocusAndPassesWindowShortcuts(t *testing.T) {
	test.NewTempApp(t)
	e := NewEntry("name")
	var gained, lost, window int
	e.OnFocusGained = func() { gained++ }
	e.OnFocusLost = func() { lost++ }
	w := test.NewTempWindow(t, e)
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.Key2, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { window++ })
	w.Canvas().Focus(e)
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.Key2, Modifier: fyne.KeyModifierShortcutDefault})
	w.Canvas().Unfocus()
	if gained != 1 || lost != 1 || window != 1 {
		t.Errorf("focus gained %d, lost %d; window shortcut ran %d", gained, lost, window)
	}
}

func TestNotesEntryNeverWrapsALongParagraph(t *testing.T) {
	test.NewTempApp(t)
	e := NewNotesEntry("notes")
	test.NewTempWindow(t, e)
	e.SetText(strings.Repeat("word ", 2000))
	if e.Wrapping != fyne.TextWrapOff {
		t.Error("a 10 KB paragraph is wrapped")
	}
	e.SetText("short\nlines")
	if e.Wrapping != fyne.TextWrapWord {
		t.Error("short text is not wrapped again")
	}
	e.Limit = 4096
	clip := test.NewClipboard()
	clip.SetContent(strings.Repeat("x", 9000))
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if len(e.Text) > 4096 || e.Wrapping != fyne.TextWrapOff {
		t.Errorf("after a long paste: %d bytes, wrapping %v", len(e.Text), e.Wrapping)
	}
}

func TestCappedPasteKeepsWholeCharacters(t *testing.T) {
	clip := test.NewClipboard()
	clip.SetContent("ééé")
	s, cut := cappedPaste(&fyne.ShortcutPaste{Clipboard: clip}, "abc", 6)
	if !cut || s.(*fyne.ShortcutPaste).Clipboard.Content() != "é" {
		t.Errorf("capped to %q, cut %v", s.(*fyne.ShortcutPaste).Clipboard.Content(), cut)
	}
	if _, cut := cappedPaste(&fyne.ShortcutPaste{Clipboard: clip}, "", 0); cut {
		t.Error("no limit cut anyway")
	}
}

func TestMultiLineEntryLetsTabMoveOn(t *testing.T) {
	test.NewTempApp(t)
	body := NewEntry("")
	body.MultiLine = true
	after := widget.NewButton("Copy", nil)
	w := test.NewTempWindow(t, container.NewVBox(body, after))
	c := w.Canvas()
	c.Focus(body)
	// The window moves focus on Tab only when the focused widget does not
	// take the key itself.
	if tb, ok := c.Focused().(fyne.Tabbable); ok && tb.AcceptsTab() {
		t.Fatal("the multi-line entry takes Tab, so Tab can never leave it")
	}
	c.FocusNext()
	if c.Focused() != after {
		t.Errorf("after Tab the focus is on %T, want the button after the body", c.Focused())
	}
}
