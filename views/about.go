package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// aboutText is what the About dialog says, kept apart so tests can read it.
func (u *UI) aboutText() string {
	where := "not open"
	if u.env.Store != nil {
		where = u.env.Store.Path()
	}
	return fmt.Sprintf("Version %s\n\nYour interviews are stored only on this computer, in\n%s\n\nLicence: %s",
		u.env.Version, where, u.env.Licence)
}

func (u *UI) showAbout() {
	icon := canvas.NewImageFromResource(u.env.App.Icon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))
	title := &widget.Label{Text: "Bridgekeeper", TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignCenter}
	tagline := &widget.Label{Text: "Cancel, reschedule or withdraw without burning bridges.", Alignment: fyne.TextAlignCenter}
	details := &widget.Label{Text: u.aboutText(), Wrapping: fyne.TextWrapWord, Selectable: true}
	body := container.NewVBox(icon, title, tagline, widget.NewSeparator(), details)
	d := dialog.NewCustom("About Bridgekeeper", "Close", body, u.env.Window)
	d.Resize(fyne.NewSize(480, 0))
	u.showDialog(d)
}
