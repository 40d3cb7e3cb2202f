package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewEmptyState is what a pane shows when it has nothing to show: a centred
// icon, a headline, a line of explanation and the buttons that fill it.
func NewEmptyState(icon fyne.Resource, headline, detail string, buttons ...fyne.CanvasObject) *fyne.Container {
	img := canvas.NewImageFromResource(theme.NewDisabledResource(icon))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSquareSize(56))
	title := &widget.Label{Text: headline, TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignCenter}
	title.SizeName = theme.SizeNameSubHeadingText
	sub := &widget.RichText{Wrapping: fyne.TextWrapWord, Scroll: container.ScrollNone, Segments: []widget.RichTextSegment{
		&widget.TextSegment{Text: detail, Style: widget.RichTextStyle{Alignment: fyne.TextAlignCenter, ColorName: theme.ColorNamePlaceHolder}},
	}}
	row := container.NewCenter(container.NewHBox(buttons...))
	msg := container.NewVBox(container.NewCenter(img), title, container.New(layout.NewCustomPaddedLayout(0, 0, 80, 80), sub), row)
	return container.NewVBox(layout.NewSpacer(), msg, layout.NewSpacer(), layout.NewSpacer())
}
