//go:build !(linux || freebsd || openbsd || netbsd || dragonfly)

package app

import (
	"net/url"

	"fyne.io/fyne/v2"
)

// opener is Fyne's own URL opener where it does not run xdg-open.
type opener struct{ app fyne.App }

func newOpener(a fyne.App) opener { return opener{app: a} }

func (o opener) OpenURL(u *url.URL) error { return o.app.OpenURL(u) }
