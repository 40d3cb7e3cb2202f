package widgets

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

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
