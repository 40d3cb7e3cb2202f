package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// WarmFonts loads the font faces the first frame draws with: regular and
// bold text in a's theme. Fyne parses a style's fonts, and looks for a
// system fallback, the first time it measures text in that style, which
// costs tens of milliseconds. The app runs this on a goroutine while Fyne
// sets up GLFW and the window, and waits for it before building any
// widget, so no face is ever in use on two goroutines at once.
func WarmFonts(a fyne.App) {
	size := a.Settings().Theme().Size(theme.SizeNameText)
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		a.Driver().RenderedTextSize("Bridgekeeper", size, style, nil)
	}
}
