package widgets

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Flow lays its objects out in a row aligned to the trailing edge, moving
// the first of them onto a row above when the row is too narrow.
// A layout's minimum size cannot depend on the width it will be given, so
// Flow reports the height of the rows it last needed and calls Relayout
// when that changes, for the container above to lay out again.
type Flow struct {
	// Relayout runs (once, after the layout pass) when the number of rows
	// changed; it should refresh the container the flow sits in.
	Relayout func()
	// Leading puts the rows against the leading edge instead.
	Leading bool
	rows    int
}

// rowsFor splits the visible objects into rows that fit width, keeping
// their order. Against the trailing edge the last objects keep the bottom
// row (where a dialog's main button sits) and the first ones move up;
// against the leading edge the first keep the top row.
func (f *Flow) rowsFor(objects []fyne.CanvasObject, width float32) [][]fyne.CanvasObject {
	var visible []fyne.CanvasObject
	for _, o := range objects {
		if o.Visible() {
			visible = append(visible, o)
		}
	}
	if !f.Leading {
		slices.Reverse(visible)
	}
	pad := theme.Padding()
	var rows [][]fyne.CanvasObject
	var cur []fyne.CanvasObject
	used := float32(0)
	for _, o := range visible {
		w := o.MinSize().Width
		if len(cur) > 0 && used+pad+w > width {
			rows = append(rows, cur)
			cur, used = nil, 0
		}
		if len(cur) > 0 {
			used += pad
		}
		cur = append(cur, o)
		used += w
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	if !f.Leading {
		for _, r := range rows {
			slices.Reverse(r)
		}
		slices.Reverse(rows)
	}
	return rows
}

// Layout is part of fyne.Layout.
func (f *Flow) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	rows := f.rowsFor(objects, size.Width)
	y := float32(0)
	for _, row := range rows {
		h, w := float32(0), float32(0)
		for i, o := range row {
			h = max(h, o.MinSize().Height)
			w += o.MinSize().Width
			if i > 0 {
				w += pad
			}
		}
		x := size.Width - w
		if f.Leading {
			x = 0
		}
		for _, o := range row {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(o.MinSize().Width, h))
			x += o.MinSize().Width + pad
		}
		y += h + pad
	}
	if n := max(1, len(rows)); n != f.rows {
		f.rows = n
		if f.Relayout != nil {
			fyne.Do(f.Relayout)
		}
	}
}

// MinSize is part of fyne.Layout: as wide as the widest object, as high as
// the rows the last layout needed.
func (f *Flow) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var widest, tallest float32
	visible := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		visible++
		m := o.MinSize()
		widest, tallest = max(widest, m.Width), max(tallest, m.Height)
	}
	rows := min(max(1, f.rows), max(1, visible))
	return fyne.NewSize(widest, float32(rows)*tallest+float32(rows-1)*pad)
}
