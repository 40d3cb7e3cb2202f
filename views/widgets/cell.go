package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Cell is one table cell: text cut short with an ellipsis, an
// optional note on the right in a quieter colour ("in 2 days"), an
// optional status dot, and the row highlight.
type Cell struct {
	widget.BaseWidget
	main     *widget.Label
	note     *widget.RichText
	dotColor fyne.ThemeColorName // "" for no dot
	selected bool
}

// NewCell is an empty cell.
func NewCell() *Cell {
	c := &Cell{
		main: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		note: NewQuiet(""),
	}
	c.main.ExtendBaseWidget(c.main)
	c.note.ExtendBaseWidget(c.note)
	c.ExtendBaseWidget(c)
	return c
}

// Set changes what the cell shows; it never builds anything, since it
// runs for every visible cell on every scroll.
func (c *Cell) Set(text, note string, bold bool, dot fyne.ThemeColorName, selected bool) {
	seg := c.note.Segments[0].(*widget.TextSegment)
	if c.main.Text == text && seg.Text == note && c.main.TextStyle.Bold == bold &&
		c.dotColor == dot && c.selected == selected {
		return
	}
	c.main.Text, seg.Text = text, note
	c.main.TextStyle.Bold = bold
	c.dotColor, c.selected = dot, selected
	c.Refresh()
}

// String is the cell's text as the user reads it.
func (c *Cell) String() string {
	note := c.note.String()
	if c.main.Text != "" && note != "" {
		return c.main.Text + " " + note
	}
	return c.main.Text + note
}

// CreateRenderer is part of fyne.Widget.
func (c *Cell) CreateRenderer() fyne.WidgetRenderer {
	r := &cellRenderer{c: c, bg: canvas.NewRectangle(color.Transparent), dot: canvas.NewCircle(color.Transparent)}
	r.Refresh()
	return r
}

type cellRenderer struct {
	c   *Cell
	bg  *canvas.Rectangle
	dot *canvas.Circle
}

const dotSize = 9

func (r *cellRenderer) Layout(size fyne.Size) {
	r.bg.Move(fyne.Position{})
	r.bg.Resize(size)
	x := float32(0)
	if r.c.dotColor != "" {
		inner := r.c.Theme().Size(theme.SizeNameInnerPadding)
		r.dot.Move(fyne.NewPos(inner, (size.Height-dotSize)/2))
		r.dot.Resize(fyne.NewSquareSize(dotSize))
		x = dotSize + inner/2
	}
	// The note ("in 2 days") gives way first: in a narrow column the
	// date it qualifies matters more.
	noteWidth := float32(0)
	if r.c.note.String() != "" {
		th := r.c.Theme()
		text := fyne.MeasureText(r.c.main.Text, th.Size(theme.SizeNameText), r.c.main.TextStyle).Width + 2*th.Size(theme.SizeNameInnerPadding)
		if need := r.c.note.MinSize().Width; text+need <= size.Width-x {
			noteWidth = need
		}
	}
	// Text is not clipped to its box, so a note with no room is hidden.
	if (noteWidth > 0) != r.c.note.Visible() {
		if noteWidth > 0 {
			r.c.note.Show()
		} else {
			r.c.note.Hide()
		}
	}
	r.c.note.Move(fyne.NewPos(size.Width-noteWidth, 0))
	r.c.note.Resize(fyne.NewSize(noteWidth, size.Height))
	// The note's own padding already separates it from the text.
	r.c.main.Move(fyne.NewPos(x, 0))
	r.c.main.Resize(fyne.NewSize(max(0, size.Width-x-noteWidth+r.c.Theme().Size(theme.SizeNameInnerPadding)/2), size.Height))
}

func (r *cellRenderer) MinSize() fyne.Size {
	// Truncated text asks for no width; the height is one line of text.
	return fyne.NewSize(40, r.c.main.MinSize().Height)
}

func (r *cellRenderer) Refresh() {
	th := r.c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if r.c.selected {
		r.bg.FillColor = th.Color(theme.ColorNameSelection, v)
	} else {
		r.bg.FillColor = color.Transparent
	}
	r.bg.Refresh()
	if r.c.dotColor != "" {
		r.dot.FillColor = th.Color(r.c.dotColor, v)
		r.dot.Show()
	} else {
		r.dot.Hide()
	}
	r.dot.Refresh()
	// The texts first: the layout reads the note's new width.
	r.c.main.Refresh()
	r.c.note.Refresh()
	r.Layout(r.c.Size())
}

func (r *cellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.dot, r.c.main, r.c.note}
}
func (r *cellRenderer) Destroy() {}
