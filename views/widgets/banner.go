package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewBanner is a tinted, rounded strip with an icon on the left, for
// reminders, the Undo offer, notices and a form's save problems. It is
// built from plain containers so that wrapped text inside it gets the
// height it needs.
func NewBanner(c fyne.ThemeColorName, icon fyne.Resource, content fyne.CanvasObject) *fyne.Container {
	tint := NewTint(c)
	inner := container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), nil, content)
	p := theme.Padding()
	return container.New(layout.NewCustomPaddedLayout(p/2, p/2, p, p),
		container.NewStack(tint, container.New(layout.NewCustomPaddedLayout(0, 0, 2*p, p), inner)))
}

// Tint is the background of a banner: a faint wash of a theme colour that
// follows theme changes.
type Tint struct {
	widget.BaseWidget
	ColorName fyne.ThemeColorName
}

// NewTint is a Tint of the theme colour c.
func NewTint(c fyne.ThemeColorName) *Tint {
	t := &Tint{ColorName: c}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer is part of fyne.Widget.
func (w *Tint) CreateRenderer() fyne.WidgetRenderer {
	r := &tintRenderer{w: w, rect: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

type tintRenderer struct {
	w    *Tint
	rect *canvas.Rectangle
}

func (r *tintRenderer) Layout(size fyne.Size) { r.rect.Resize(size) }
func (r *tintRenderer) MinSize() fyne.Size    { return fyne.Size{} }

// Refresh recolours the wash: a tenth or so of the theme colour's
// strength, so text on it keeps its contrast.
func (r *tintRenderer) Refresh() {
	th := r.w.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	c := color.NRGBAModel.Convert(th.Color(r.w.ColorName, v)).(color.NRGBA)
	c.A = 0x2a
	r.rect.FillColor = c
	r.rect.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.rect.Refresh()
}

func (r *tintRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *tintRenderer) Destroy()                     {}
