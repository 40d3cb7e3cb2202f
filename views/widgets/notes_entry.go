package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// NotesWrapLimit is the longest paragraph a notes entry wraps. Fyne's word
// wrapping costs about the square of a paragraph's length: 4 KiB takes a
// fifth of a second, 64 KiB half a minute, all on the UI goroutine. Text
// with a longer paragraph is shown unwrapped, scrolling sideways, which
// stays quick at any length.
const NotesWrapLimit = 2 << 10

// NotesEntry is a multi-line entry for notes that never freezes the window,
// however much is pasted or loaded into it.
type NotesEntry struct {
	widget.Entry
	// Limit caps what a paste may bring in (bytes, 0 for none); OnCut
	// hears the size that was offered when a paste was cut.
	Limit int
	OnCut func(size int)
}

// NewNotesEntry is an empty notes entry.
func NewNotesEntry(placeholder string) *NotesEntry {
	e := &NotesEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.PlaceHolder = placeholder
	e.ExtendBaseWidget(e)
	return e
}

// SetText chooses the wrapping for text around laying it out: off before a
// long text lands, on only after a short one has replaced it, so the entry
// never wraps a long paragraph even for a moment.
func (e *NotesEntry) SetText(text string) {
	if longestParagraph(text) > NotesWrapLimit {
		e.setWrapping(fyne.TextWrapOff)
		e.Entry.SetText(text)
		return
	}
	e.Entry.SetText(text)
	e.setWrapping(fyne.TextWrapWord)
}

// TypedShortcut looks at pasted text before it lands, for the same reason.
func (e *NotesEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		offered := len(e.Text) + len(p.Clipboard.Content())
		var cut bool
		if s, cut = cappedPaste(s, e.Text, e.Limit); cut && e.OnCut != nil {
			defer e.OnCut(offered)
		}
		p = s.(*fyne.ShortcutPaste)
		if longestParagraph(e.Text+p.Clipboard.Content()) > NotesWrapLimit {
			e.setWrapping(fyne.TextWrapOff)
		}
	}
	e.Entry.TypedShortcut(s)
}

func (e *NotesEntry) setWrapping(w fyne.TextWrap) {
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
