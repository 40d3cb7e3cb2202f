package views

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// notesWrapLimit is the longest paragraph a notes entry wraps. Fyne's word
// wrapping costs about the square of a paragraph's length: 4 KiB takes a
// fifth of a second, 64 KiB half a minute, all on the UI goroutine. Text
// with a longer paragraph is shown unwrapped, scrolling sideways, which
// stays quick at any length.
const notesWrapLimit = 2 << 10

// notesEntry is a multi-line entry for notes that never freezes the window,
// however much is pasted or loaded into it.
type notesEntry struct {
	widget.Entry
	// limit caps what a paste may bring in (bytes, 0 for none); onCut
	// hears the size that was offered when a paste was cut.
	limit int
	onCut func(size int)
}

func newNotesEntry(placeholder string) *notesEntry {
	e := &notesEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.PlaceHolder = placeholder
	e.ExtendBaseWidget(e)
	return e
}

// SetText chooses the wrapping for text around laying it out: off before a
// long text lands, on only after a short one has replaced it, so the entry
// never wraps a long paragraph even for a moment.
func (e *notesEntry) SetText(text string) {
	if longestParagraph(text) > notesWrapLimit {
		e.setWrapping(fyne.TextWrapOff)
		e.Entry.SetText(text)
		return
	}
	e.Entry.SetText(text)
	e.setWrapping(fyne.TextWrapWord)
}

// TypedShortcut looks at pasted text before it lands, for the same reason.
func (e *notesEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		offered := len(e.Text) + len(p.Clipboard.Content())
		var cut bool
		if s, cut = cappedPaste(s, e.Text, e.limit); cut && e.onCut != nil {
			defer e.onCut(offered)
		}
		p = s.(*fyne.ShortcutPaste)
		if longestParagraph(e.Text+p.Clipboard.Content()) > notesWrapLimit {
			e.setWrapping(fyne.TextWrapOff)
		}
	}
	e.Entry.TypedShortcut(s)
}

func (e *notesEntry) setWrapping(w fyne.TextWrap) {
	if e.Wrapping != w {
		e.Wrapping = w
		e.Refresh()
	}
}

// longestParagraph is the length in bytes of the longest line of text.
func longestParagraph(text string) int {
	longest := 0
	for len(text) > 0 {
		line, rest, _ := strings.Cut(text, "\n")
		longest = max(longest, len(line))
		text = rest
	}
	return longest
}

// cappedPaste returns s with its pasted text cut so that current plus the
// paste stays within limit bytes (on a character boundary), and whether it
// cut anything. Cutting before the text lands matters: an entry given a
// huge paste spends seconds laying it out before any OnChanged could
// trim it.
func cappedPaste(s fyne.Shortcut, current string, limit int) (fyne.Shortcut, bool) {
	p, ok := s.(*fyne.ShortcutPaste)
	if !ok || p.Clipboard == nil || limit <= 0 {
		return s, false
	}
	text := p.Clipboard.Content()
	room := max(limit-len(current), 0)
	if len(text) <= room {
		return s, false
	}
	cut := text[:room]
	for len(cut) > 0 && !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	return &fyne.ShortcutPaste{Clipboard: &fixedClipboard{text: cut}}, true
}

// fixedClipboard hands one text to a paste, leaving the real clipboard as
// the user filled it.
type fixedClipboard struct{ text string }

func (c *fixedClipboard) Content() string        { return c.text }
func (c *fixedClipboard) SetContent(text string) { c.text = text }
