package views

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// showDialog shows d and keeps it on the list of open dialogs until it
// closes, so Escape can close whichever is on top.
func (u *UI) showDialog(d dialog.Dialog) {
	u.dialogs = append(u.dialogs, d)
	d.SetOnClosed(func() {
		u.dialogs = slices.DeleteFunc(u.dialogs, func(o dialog.Dialog) bool { return o == d })
	})
	d.Show()
}

// showInfo shows a message with a Close button.
func (u *UI) showInfo(title, message string) {
	u.showDialog(dialog.NewInformation(title, message, u.env.Window))
}

// onWindowKey hears the keys no focused widget took: Escape closes the top
// dialog, as its Cancel or Close button would.
func (u *UI) onWindowKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyEscape {
		u.closeTopDialog()
	}
}

// closeTopDialog dismisses the newest open dialog and reports whether there
// was one.
func (u *UI) closeTopDialog() bool {
	n := len(u.dialogs)
	if n == 0 {
		return false
	}
	u.dialogs[n-1].Dismiss()
	return true
}
