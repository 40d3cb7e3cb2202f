package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// advice is the Advice tab. The articles arrive with issue 5.
type advice struct {
	ui *UI
}

func newAdvice(u *UI) *advice { return &advice{ui: u} }

func (a *advice) tabItem() *container.TabItem {
	return container.NewTabItemWithIcon("Advice", theme.HelpIcon(), a.buildUI())
}

func (a *advice) buildUI() fyne.CanvasObject {
	return container.NewCenter(&widget.Label{Text: "The advice library is being written.", Alignment: fyne.TextAlignCenter})
}

func (a *advice) show(slug string) {}
