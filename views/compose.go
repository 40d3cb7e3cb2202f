package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/bridgekeeper/bridgekeeper/data"
)

// compose is the Compose tab. The form and preview arrive with issue 3.
type compose struct {
	ui *UI
}

func newCompose(u *UI) *compose { return &compose{ui: u} }

func (c *compose) tabItem() *container.TabItem {
	return container.NewTabItemWithIcon("Compose", theme.MailComposeIcon(), c.buildUI())
}

func (c *compose) buildUI() fyne.CanvasObject {
	return container.NewCenter(&widget.Label{Text: "The email composer is being built.", Alignment: fyne.TextAlignCenter})
}

func (c *compose) prefill(iv *data.Interview, scenario string) {}

func (c *compose) addShortcuts(fyne.Canvas) {}
