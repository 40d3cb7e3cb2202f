package app

import (
	"fyne.io/fyne/v2"
	sysclip "github.com/atotto/clipboard"
)

// clipboard copies through the system clipboard tools where they exist and
// work, so the text outlives the app, and otherwise through Fyne's own.
type clipboard struct{ app fyne.App }

func (c clipboard) Copy(text string) error {
	if CopyText(text) == nil {
		return nil
	}
	c.app.Clipboard().SetContent(text)
	return nil
}

// CopyText puts text on the system clipboard without a window, for the
// command line's `draft --copy`.
func CopyText(text string) error {
	if sysclip.Unsupported {
		return errNoClipboard
	}
	return sysclip.WriteAll(text)
}

type clipboardError string

func (e clipboardError) Error() string { return string(e) }

const errNoClipboard = clipboardError("no clipboard tool found (install xclip, xsel or wl-clipboard)")
