package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Columns lays its visible objects out in as many equal columns as fit
// with each at least MinWidth wide, filling rows left to right; a row is
// as tall as its tallest object. On a wide window two charts sit side by
// side, on a narrow one they stack.
//
// As with Flow, a layout's minimum size cannot depend on the width it
// will get: Columns reports the height its last layout needed and calls
// Relayout when the number of columns changes, for the container above (a
// scroller) to measure again.
type Columns struct {
	MinWidth float32
	// Relayout runs (once, after the layout pass) when the number of
	// columns changed; it should refresh the container Columns sits in.
	Relayout func()
	cols     int
}

// columnsFor is how many columns of at least min fit in width.
func columnsFor(width, min, pad float32) int {
	if min <= 0 {
		return 1
	}
	return max(1, int((width+pad)/(min+pad)))
}

func visible(objects []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objects {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

// rowHeights is the height of each row of objects in cols columns.
func rowHeights(objects []fyne.CanvasObject, cols int) []float32 {
	var hs []float32
	for i, o := range objects {
		if i%cols == 0 {
			hs = append(hs, 0)
		}
		hs[len(hs)-1] = max(hs[len(hs)-1], o.MinSize().Height)
	}
	return hs
}

// Layout is part of fyne.Layout.
func (c *Columns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	shown := visible(objects)
	cols := min(columnsFor(size.Width, c.MinWidth, pad), max(1, len(shown)))
	w := (size.Width - float32(cols-1)*pad) / float32(cols)
	y := float32(0)
	for r, h := range rowHeights(shown, cols) {
		for k := 0; k < cols && r*cols+k < len(shown); k++ {
			o := shown[r*cols+k]
			o.Move(fyne.NewPos(float32(k)*(w+pad), y))
			o.Resize(fyne.NewSize(w, h))
		}
		y += h + pad
	}
	if cols != c.cols {
		c.cols = cols
		if c.Relayout != nil {
			fyne.Do(c.Relayout)
		}
	}
}

// MinSize is part of fyne.Layout: as wide as the widest object, as high as
// its rows in the columns of the last layout.
func (c *Columns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	shown := visible(objects)
	var widest, height float32
	for _, o := range shown {
		widest = max(widest, o.MinSize().Width)
	}
	hs := rowHeights(shown, max(1, c.cols))
	for _, h := range hs {
		height += h
	}
	if len(hs) > 1 {
		height += float32(len(hs)-1) * pad
	}
	return fyne.NewSize(widest, height)
}
