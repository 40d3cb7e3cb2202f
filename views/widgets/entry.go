package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Entry is a text entry that reports gaining and losing focus, so a field
// is judged once the user has finished with it rather than at every
// keystroke; that passes window shortcuts (Ctrl+Shift+C, Ctrl+1…3) on to
// the window, which a focused Fyne entry otherwise swallows; and that cuts
// a paste at its limit before the text lands.
type Entry struct {
	widget.Entry
	OnFocusGained, OnFocusLost func()
	// Limit caps the text in bytes (0 for none); OnCut hears the size that
	// was offered when a paste was cut.
	Limit int
	OnCut func(size int)
}

// NewEntry is an empty one-line entry.
func NewEntry(placeholder string) *Entry {
	e := &Entry{}
	e.PlaceHolder = placeholder
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained tells the owner the user is working in it.
func (e *Entry) FocusGained() {
	e.Entry.FocusGained()
	if e.OnFocusGained != nil {
		e.OnFocusGained()
	}
}

// FocusLost tells the owner the user has left the field.
func (e *Entry) FocusLost() {
	e.Entry.FocusLost()
	if e.OnFocusLost != nil {
		e.OnFocusLost()
	}
}

// TypedShortcut hands letter and digit shortcuts to the window; the entry
// keeps copy, paste, undo and its word-wise cursor moves.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && windowKey(cs.KeyName) {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			if sc, ok := c.(fyne.Shortcutable); ok {
				sc.TypedShortcut(s)
				return
			}
		}
	}
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		offered := len(e.Text) + len(p.Clipboard.Content())
		var cut bool
		if s, cut = cappedPaste(s, e.Text, e.Limit); cut && e.OnCut != nil {
			defer e.OnCut(offered)
		}
	}
	e.Entry.TypedShortcut(s)
}

// windowKey is a key whose shortcuts belong to the window, not the entry.
func windowKey(k fyne.KeyName) bool {
	return len(k) == 1 && (k[0] >= 'A' && k[0] <= 'Z' || k[0] >= '0' && k[0] <= '9')
}

// AcceptsTab is false even for a multi-line entry: Tab and Shift+Tab move
// to the next and previous field, as everywhere else in the window. An
// email body has no use for tab characters, and one that took Tab trapped
// the keyboard before Save, Open in mail app and Copy.
func (e *Entry) AcceptsTab() bool { return false }

// TypedKey hands Escape to the window, which closes the dialog the entry
// is in; a Fyne entry would drop it.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		ToWindow(e, k)
		return
	}
	e.Entry.TypedKey(k)
}
