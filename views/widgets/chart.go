package widgets

import (
	"image"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// Chart shows a picture drawn for its size in pixels, such as a plot: it
// asks for a new one whenever its size, the screen's scale or the theme
// changes, and shows the newest that came back. Drawing takes tens of
// milliseconds, so Render must do it off the UI goroutine.
type Chart struct {
	widget.BaseWidget

	// Render draws the picture at width × height pixels for a screen
	// of the given scale, off the UI goroutine, and calls done with it on
	// the UI goroutine (done with nil keeps the old picture).
	Render func(width, height int, scale float32, done func(image.Image))
	// Height is the chart's minimum height; it takes any width.
	Height float32

	img *canvas.Image
	// asked is the size of the picture last asked for, busy is set while
	// one is being drawn, and stale when the size or theme changed since.
	asked      [2]int
	busy       bool
	stale      bool
	lastScale  float32
	generation int
}

// NewChart makes a chart drawn by render, at least height tall.
func NewChart(height float32, render func(width, height int, scale float32, done func(image.Image))) *Chart {
	c := &Chart{Render: render, Height: height}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer is part of fyne.Widget.
func (c *Chart) CreateRenderer() fyne.WidgetRenderer {
	c.img = &canvas.Image{FillMode: canvas.ImageFillContain, ScaleMode: canvas.ImageScaleSmooth}
	return &chartRenderer{c: c}
}

// Image is the picture shown, nil until the first one is drawn.
func (c *Chart) Image() image.Image {
	if c.img == nil {
		return nil
	}
	return c.img.Image
}

// Redraw asks for a new picture at the current size: the figures behind
// it changed.
func (c *Chart) Redraw() {
	c.asked = [2]int{}
	c.request(c.Size())
}

// request asks Render for a picture of size, unless one of that size is
// shown or being drawn.
func (c *Chart) request(size fyne.Size) {
	if c.Render == nil || size.Width < 1 || size.Height < 1 {
		return
	}
	scale := float32(1)
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		scale = cv.Scale()
	}
	w, h := int(math.Round(float64(size.Width*scale))), int(math.Round(float64(size.Height*scale)))
	if [2]int{w, h} == c.asked && scale == c.lastScale {
		return
	}
	if c.busy {
		c.stale = true
		return
	}
	c.asked, c.lastScale, c.busy, c.stale = [2]int{w, h}, scale, true, false
	c.generation++
	gen := c.generation
	c.Render(w, h, scale, func(img image.Image) {
		c.busy = false
		if img != nil && gen == c.generation && c.img != nil {
			c.img.Image = img
			c.img.Refresh()
		}
		if c.stale {
			c.asked = [2]int{}
			c.request(c.Size())
		}
	})
}

type chartRenderer struct{ c *Chart }

func (r *chartRenderer) Layout(size fyne.Size) {
	r.c.img.Resize(size)
	r.c.request(size)
}

func (r *chartRenderer) MinSize() fyne.Size { return fyne.NewSize(120, r.c.Height) }

func (r *chartRenderer) Refresh() {
	// A refresh comes with a theme change: the colours are drawn in.
	r.c.asked = [2]int{}
	r.c.request(r.c.Size())
	r.c.img.Refresh()
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.img} }

func (r *chartRenderer) Destroy() {}
