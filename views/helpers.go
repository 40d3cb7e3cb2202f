package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// showIf shows or hides o, touching it only when that changes anything, and
// reports whether it did (so a caller can lay out again only then).
func showIf(o fyne.CanvasObject, on bool) bool {
	if o.Visible() == on {
		return false
	}
	if on {
		o.Show()
	} else {
		o.Hide()
	}
	return true
}

// quietly runs set with *flag raised, so the OnChanged handlers it sets off
// know the change is the program's own, not the user's (and do not save,
// redraft or count it as an edit). The flag is restored, not cleared, so
// quiet sections nest.
func quietly(flag *bool, set func()) {
	was := *flag
	*flag = true
	defer func() { *flag = was }()
	set()
}

// setTextQuietly replaces a label's text only when it differs, so labels a
// background result sets again and again are not redrawn for nothing.
func setTextQuietly(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}
