package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Backdrop is an opaque, rounded, outlined panel in the theme's overlay
// colour, for a strip that floats over other content (the Undo offer over
// the table) and must stay readable whatever is beneath it.
type Backdrop struct {
	widget.BaseWidget
}

// NewBackdrop is a Backdrop.
func NewBackdrop() *Backdrop {
	b := &Backdrop{}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer is part of fyne.Widget.
func (b *Backdrop) CreateRenderer() fyne.WidgetRenderer {
	r := &backdropRenderer{b: b, rect: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

type backdropRenderer struct {
	b    *Backdrop
	rect *canvas.Rectangle
}

func (r *backdropRenderer) Layout(size fyne.Size) { r.rect.Resize(size) }
func (r *backdropRenderer) MinSize() fyne.Size    { return fyne.Size{} }

// Refresh follows the theme: the overlay colour, the input border as edge.
func (r *backdropRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.rect.FillColor = th.Color(theme.ColorNameOverlayBackground, v)
	r.rect.StrokeColor = th.Color(theme.ColorNameInputBorder, v)
	r.rect.StrokeWidth = 1
	r.rect.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.rect.Refresh()
}

func (r *backdropRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *backdropRenderer) Destroy()                     {}
