package widgets

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// chartCalls records what a chart asked to have drawn, and answers later.
type chartCalls struct {
	sizes [][2]int
	done  []func(image.Image)
}

func (c *chartCalls) render(w, h int, _ float32, done func(image.Image)) {
	c.sizes = append(c.sizes, [2]int{w, h})
	c.done = append(c.done, done)
}

// answer draws the last request at its size.
func (c *chartCalls) answer() {
	s := c.sizes[len(c.sizes)-1]
	c.done[len(c.done)-1](image.NewRGBA(image.Rect(0, 0, s[0], s[1])))
}

func TestChartDrawsAtItsSizeAndOnceAtATime(t *testing.T) {
	test.NewTempApp(t)
	calls := &chartCalls{}
	c := NewChart(200, calls.render)
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(400, 300))
	if c.MinSize().Height != 200 {
		t.Errorf("min height %v", c.MinSize().Height)
	}
	// The window laid the chart out before its resize: the first picture
	// asked for is still being drawn, so nothing more is asked yet.
	if len(calls.sizes) != 1 {
		t.Fatalf("asked %v for a chart of %v", calls.sizes, c.Size())
	}
	// Resized while it is being drawn: when it is back, one picture at the
	// newest size is asked for.
	c.Resize(fyne.NewSize(300, 250))
	c.Resize(fyne.NewSize(320, 250))
	if len(calls.sizes) != 1 {
		t.Fatalf("asked again while busy: %v", calls.sizes)
	}
	calls.answer()
	if len(calls.sizes) != 2 || calls.sizes[1] != [2]int{320, 250} {
		t.Fatalf("after the first came back: %v", calls.sizes)
	}
	calls.answer()
	if img := c.Image(); img == nil || img.Bounds().Dx() != 320 {
		t.Errorf("shown %v", img)
	}
	// The same size again draws nothing; a refresh (a theme change) and
	// Redraw (new figures) draw again.
	c.Resize(fyne.NewSize(320, 250))
	if len(calls.sizes) != 2 {
		t.Errorf("a resize to the same size asked again: %v", calls.sizes)
	}
	c.Refresh()
	calls.answer()
	c.Redraw()
	if len(calls.sizes) != 4 {
		t.Errorf("refresh and redraw: %v", calls.sizes)
	}
	// A failed drawing keeps the old picture.
	calls.done[len(calls.done)-1](nil)
	if c.Image() == nil {
		t.Error("a failed drawing dropped the picture shown")
	}
}
