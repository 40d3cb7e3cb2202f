package widgets

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// DoubleClick is the longest gap between two clicks on one row that still
// counts as a double-click.
const DoubleClick = 450 * time.Millisecond

// Table is a widget.Table for a list of records with one record a row: a
// double-click or Enter activates the row, Delete deletes it, and it can
// scroll a row to the top before it has a size. What those mean is the
// tab's business, through the callbacks.
type Table struct {
	widget.Table
	// Rows is the table's size in rows and columns; set it rather than
	// Length, which reports no rows while the table has no room for any
	// (see NewTable).
	Rows func() (rows, cols int)
	// Current returns the ID of the selected record (0 for none), so two
	// clicks on one record count as a double-click.
	Current func() int64
	// CurrentRow returns the selected row (-1 for none), where the arrow
	// keys start from.
	CurrentRow func() int
	// OnActivate runs on a double-click or Enter; OnDelete on Delete.
	OnActivate, OnDelete func()
	// ColumnWidth reports a column's width and OnColumnResized hears the
	// width the user dragged it to (by the line after it in the header);
	// without both, the columns cannot be dragged.
	ColumnWidth     func(col int) float32
	OnColumnResized func(col int, width float32)

	lastID  int64
	lastTap time.Time
	// pendingRow is a row to scroll to the top once the table has a size.
	pendingRow int
	// drag is the column being resized (-1 none, -2 a drag that is not
	// a resize), with its width and the pointer where the drag began.
	drag             int
	dragX, dragWidth float32
}

// NewTable is an empty Table; set its widget.Table callbacks (Length,
// CreateCell, UpdateCell, …) before showing it.
func NewTable() *Table {
	tb := &Table{pendingRow: -1, drag: -1}
	// widget.Table makes a row divider for every row it thinks is in view,
	// and with no height it thinks every row is: a hidden tab's table of
	// 100,000 rows made 100,000 dividers (37 MB, kept for good, and seconds
	// of work). So it is told of no rows until it has room to show some.
	tb.Length = func() (int, int) {
		if tb.Rows == nil {
			return 0, 0
		}
		rows, cols := tb.Rows()
		if !tb.hasRoom() {
			return 0, cols
		}
		return rows, cols
	}
	tb.ExtendBaseWidget(tb)
	return tb
}

// hasRoom reports whether the table is tall enough to show a row below its
// header.
func (tb *Table) hasRoom() bool {
	header := float32(0)
	if tb.ShowHeaderRow && tb.CreateHeader != nil {
		header = tb.CreateHeader().MinSize().Height
	}
	return tb.Size().Height > header+1
}

// ScrollRowToTop puts row i at the top of the view; before the table has a
// size there is nothing to measure against, so it waits for one.
func (tb *Table) ScrollRowToTop(i int) {
	if tb.Size().Height <= 0 {
		tb.pendingRow = i
		return
	}
	tb.pendingRow = -1
	rows, _ := tb.Rows()
	row := tb.rowHeight()
	header := float32(0)
	if tb.ShowHeaderRow && tb.CreateHeader != nil {
		header = tb.CreateHeader().MinSize().Height
	}
	// Clamp to the last full page: scrolling further would leave the table
	// showing nothing.
	y := min(float32(i)*row, float32(rows)*row-(tb.Size().Height-header))
	if y <= 0 {
		tb.ScrollToTop()
		return
	}
	tb.ScrollToOffset(fyne.NewPos(0, y))
}

// CancelScroll forgets a scroll still waiting for the table to have a size.
func (tb *Table) CancelScroll() { tb.pendingRow = -1 }

// Resize redraws the rows, and runs a scroll that waited for the table to
// have a size. widget.Table draws no rows while it has no size, and a table
// that was hidden when its rows arrived would otherwise stay blank.
func (tb *Table) Resize(size fyne.Size) {
	changed := size != tb.Size()
	tb.Table.Resize(size)
	if changed {
		tb.Refresh()
	}
	if tb.pendingRow >= 0 && size.Height > 0 {
		tb.ScrollRowToTop(tb.pendingRow)
	}
}

// Tapped selects the row, and activates it when it was tapped just before.
// Counting the gap here, rather than implementing DoubleTapped, keeps a
// single click from waiting to see whether a second one follows. It also
// takes the keyboard focus: widget.Table asks for it on behalf of the
// embedded value, which is not the object on the canvas, so a click would
// otherwise leave the arrow keys and Enter going nowhere.
func (tb *Table) Tapped(e *fyne.PointEvent) {
	tb.Table.Tapped(e)
	if c := fyne.CurrentApp().Driver().CanvasForObject(tb); c != nil && c.Focused() != tb {
		c.Focus(tb)
	}
	var id int64
	if tb.Current != nil {
		id = tb.Current()
	}
	now := time.Now()
	if id != 0 && id == tb.lastID && now.Sub(tb.lastTap) < DoubleClick {
		tb.lastID = 0
		if tb.OnActivate != nil {
			tb.OnActivate()
		}
		return
	}
	tb.lastID, tb.lastTap = id, now
}

// TypedKey moves the selection a row at a time with the arrow keys, a page
// with Page Up/Down and to either end with Home/End; Enter activates the
// selected row and Delete deletes it. Escape goes to the window, which
// closes whatever dialog is open.
func (tb *Table) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if tb.currentRow() < 0 {
			tb.Table.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		}
		if tb.OnActivate != nil && tb.currentRow() >= 0 {
			tb.OnActivate()
		}
	case fyne.KeyDelete:
		if tb.OnDelete != nil && tb.currentRow() >= 0 {
			tb.OnDelete()
		}
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd, fyne.KeyPageUp, fyne.KeyPageDown:
		tb.moveSelection(e.Name)
	case fyne.KeyEscape:
		ToWindow(tb, e)
	default:
		tb.Table.TypedKey(e)
	}
}

// currentRow is the selected row, or -1.
func (tb *Table) currentRow() int {
	if tb.CurrentRow == nil {
		return -1
	}
	return tb.CurrentRow()
}

// moveSelection selects the row a navigation key leads to from the
// selected one (from nowhere, Down and Home lead to the first row).
func (tb *Table) moveSelection(key fyne.KeyName) {
	rows, _ := tb.Length()
	if rows == 0 {
		return
	}
	cur := tb.currentRow()
	page := max(1, int(tb.Size().Height/tb.rowHeight())-1)
	next := cur
	switch key {
	case fyne.KeyUp:
		next = cur - 1
	case fyne.KeyDown:
		next = cur + 1
	case fyne.KeyHome:
		next = 0
	case fyne.KeyEnd:
		next = rows - 1
	case fyne.KeyPageUp:
		next = cur - page
	case fyne.KeyPageDown:
		next = cur + page
	}
	if cur < 0 && key != fyne.KeyEnd {
		next = 0
	}
	next = min(max(next, 0), rows-1)
	if next == cur {
		return
	}
	tb.UnselectAll()
	tb.Select(widget.TableCellID{Row: next})
}

// rowHeight is the height of one row, gap included: widget.Table makes
// every row as tall as the taller of a cell and a header cell.
func (tb *Table) rowHeight() float32 {
	h := tb.CreateCell().MinSize().Height
	if tb.CreateHeader != nil && (tb.ShowHeaderRow || tb.ShowHeaderColumn) {
		h = max(h, tb.CreateHeader().MinSize().Height)
	}
	return h + tb.Theme().Size(theme.SizeNamePadding)
}

// ScrollToTop scrolls to the first row. widget.Table's own sets the
// offset without moving its scroller, so after a scroll far down the rows
// were drawn for the top while the view stayed below them: every row blank
// until the next scroll.
func (tb *Table) ScrollToTop() { tb.ScrollToOffset(fyne.Position{}) }

// ToWindow hands a key the focused widget does not use to the window's own
// key handler, which otherwise only hears keys when nothing has the focus.
func ToWindow(o fyne.CanvasObject, e *fyne.KeyEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil {
		return
	}
	if f := c.OnTypedKey(); f != nil {
		f(e)
	}
}

// resizeGrip is how far either side of the line between two header cells
// a drag still takes hold of it.
const resizeGrip = 6

// Dragged resizes a column when the drag began on the line after it in the
// header row; any other drag does nothing.
func (tb *Table) Dragged(e *fyne.DragEvent) {
	if tb.ColumnWidth == nil || tb.OnColumnResized == nil || tb.drag == -2 {
		return
	}
	if tb.drag == -1 {
		start := e.Position.Subtract(e.Dragged)
		tb.drag = tb.dividerAt(start)
		if tb.drag < 0 {
			tb.drag = -2
			return
		}
		tb.dragX, tb.dragWidth = start.X, tb.ColumnWidth(tb.drag)
	}
	tb.OnColumnResized(tb.drag, tb.dragWidth+e.Position.X-tb.dragX)
}

// DragEnd ends a resize.
func (tb *Table) DragEnd() { tb.drag = -1 }

// dividerAt is the column whose right-hand line in the header is at p, or
// -1. The table must not be scrolled sideways (the tracker's is not).
func (tb *Table) dividerAt(p fyne.Position) int {
	if !tb.ShowHeaderRow || tb.CreateHeader == nil || p.Y > tb.CreateHeader().MinSize().Height {
		return -1
	}
	_, cols := tb.Length()
	pad := tb.Theme().Size(theme.SizeNamePadding)
	x := float32(0)
	for c := range cols {
		x += tb.ColumnWidth(c)
		if line := x + pad/2; p.X >= line-resizeGrip && p.X <= line+resizeGrip {
			return c
		}
		x += pad
	}
	return -1
}
