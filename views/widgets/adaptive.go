package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// NewAdaptive shows wide when the space it is given fits it and narrow
// otherwise: a row of radio buttons that becomes a drop-down, say. Its
// minimum size is narrow's, so a small window still fits it; the two
// should be of a height.
func NewAdaptive(wide, narrow fyne.CanvasObject) *fyne.Container {
	return container.New(adaptiveLayout{}, wide, narrow)
}

type adaptiveLayout struct{}

func (adaptiveLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	wide, narrow := objects[0], objects[1]
	fits := wide.MinSize().Width <= size.Width
	show, hide := wide, narrow
	if !fits {
		show, hide = narrow, wide
	}
	if !show.Visible() {
		show.Show()
	}
	if hide.Visible() {
		hide.Hide()
	}
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (adaptiveLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	m := objects[1].MinSize()
	return fyne.NewSize(m.Width, max(m.Height, objects[0].MinSize().Height))
}
