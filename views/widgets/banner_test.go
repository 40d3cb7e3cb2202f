package widgets

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestBannerHoldsItsContentOnAFaintTint(t *testing.T) {
	test.NewTempApp(t)
	b := NewBanner(theme.ColorNameError, theme.ErrorIcon(), &widget.Label{Text: "Disk full"})
	if got := texts(b); got != "Disk full" {
		t.Errorf("banner shows %q", got)
	}
	tint := NewTint(theme.ColorNameError)
	w := test.NewTempWindow(t, tint)
	w.Resize(fyne.NewSize(100, 30))
	r := test.TempWidgetRenderer(t, tint)
	rect := r.Objects()[0].(*canvas.Rectangle)
	c := color.NRGBAModel.Convert(rect.FillColor).(color.NRGBA)
	want := color.NRGBAModel.Convert(theme.Color(theme.ColorNameError)).(color.NRGBA)
	if c.R != want.R || c.G != want.G || c.B != want.B || c.A == 0 || c.A > 0x40 {
		t.Errorf("tint %v, want the error colour %v, faint", c, want)
	}
}
