package widgets

import (
	"image"
	"reflect"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func newTestTable(t *testing.T, rows int) (*Table, *int, *int) {
	t.Helper()
	test.NewTempApp(t)
	tb := NewTable()
	tb.Rows = func() (int, int) { return rows, 2 }
	tb.CreateCell = func() fyne.CanvasObject { return NewCell() }
	tb.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) { o.(*Cell).Set("row", "", false, "", false) }
	selected := int64(0)
	tb.OnSelected = func(id widget.TableCellID) { selected = int64(id.Row + 1) }
	tb.Current = func() int64 { return selected }
	tb.CurrentRow = func() int { return int(selected) - 1 }
	var activated, deleted int
	tb.OnActivate = func() { activated++ }
	tb.OnDelete = func() { deleted++ }
	return tb, &activated, &deleted
}

func TestTableDoubleClickAndKeysActivate(t *testing.T) {
	tb, activated, deleted := newTestTable(t, 5)
	w := test.NewTempWindow(t, tb)
	w.Resize(fyne.NewSize(300, 300))
	tb.Select(widget.TableCellID{Row: 1, Col: 0})
	tb.Tapped(&fyne.PointEvent{Position: fyne.NewPos(10, 50)})
	tb.Tapped(&fyne.PointEvent{Position: fyne.NewPos(10, 50)})
	if *activated != 1 {
		t.Errorf("a double-click activated %d times", *activated)
	}
	tb.lastTap = time.Now().Add(-2 * DoubleClick)
	tb.Tapped(&fyne.PointEvent{Position: fyne.NewPos(10, 50)})
	if *activated != 1 {
		t.Error("two slow clicks counted as a double-click")
	}
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if *activated != 2 || *deleted != 1 {
		t.Errorf("Enter activated %d, Delete deleted %d", *activated-1, *deleted)
	}
}

func TestTableScrollWaitsForASize(t *testing.T) {
	tb, _, _ := newTestTable(t, 500)
	tb.ScrollRowToTop(200)
	if tb.pendingRow != 200 {
		t.Fatalf("a scroll before the table had a size was dropped")
	}
	w := test.NewTempWindow(t, tb)
	w.Resize(fyne.NewSize(300, 300))
	if tb.pendingRow != -1 {
		t.Error("the waiting scroll did not run once the table had a size")
	}
	tb.ScrollRowToTop(3)
	tb.CancelScroll()
	if tb.pendingRow != -1 {
		t.Error("CancelScroll left a scroll waiting")
	}
}

// The keys a person uses on a list: after a click, the arrows move the
// selection (not only a focus outline), Page/Home/End jump, and the ends
// hold.
func TestTableKeysMoveTheSelectionAfterAClick(t *testing.T) {
	tb, _, _ := newTestTable(t, 50)
	w := test.NewTempWindow(t, tb)
	w.Resize(fyne.NewSize(300, 300))
	test.TapCanvas(w.Canvas(), fyne.NewPos(10, 50))
	if w.Canvas().Focused() != tb {
		t.Fatalf("a click on a row left the focus on %v, not the table", w.Canvas().Focused())
	}
	start := tb.CurrentRow()
	if start < 0 {
		t.Fatal("the click selected nothing")
	}
	page := int(tb.Size().Height/tb.rowHeight()) - 1
	for _, c := range []struct {
		key  fyne.KeyName
		want int
	}{
		{fyne.KeyDown, start + 1},
		{fyne.KeyDown, start + 2},
		{fyne.KeyUp, start + 1},
		{fyne.KeyHome, 0},
		{fyne.KeyUp, 0},
		{fyne.KeyPageDown, page},
		{fyne.KeyEnd, 49},
		{fyne.KeyDown, 49},
		{fyne.KeyPageUp, 49 - page},
	} {
		tb.TypedKey(&fyne.KeyEvent{Name: c.key})
		if got := tb.CurrentRow(); got != c.want {
			t.Errorf("after %s the selected row is %d, want %d", c.key, got, c.want)
		}
	}
}

func TestTableKeysWithNothingSelected(t *testing.T) {
	tb, activated, deleted := newTestTable(t, 3)
	w := test.NewTempWindow(t, tb)
	w.Resize(fyne.NewSize(300, 300))
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if *deleted != 0 {
		t.Error("Delete with no row selected asked to delete")
	}
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if tb.CurrentRow() != 0 {
		t.Errorf("Down with nothing selected selected row %d, want the first", tb.CurrentRow())
	}
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if *activated != 1 {
		t.Errorf("Enter on the selected row activated %d times", *activated)
	}
}

func TestTableAndEntryPassEscapeToTheWindow(t *testing.T) {
	tb, _, _ := newTestTable(t, 3)
	e := NewEntry("")
	w := test.NewTempWindow(t, container.NewVBox(tb, e))
	var heard []fyne.KeyName
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) { heard = append(heard, k.Name) })
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	w.Canvas().Focus(e)
	test.Type(e, "ab")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if len(heard) != 2 || heard[0] != fyne.KeyEscape || heard[1] != fyne.KeyEscape {
		t.Errorf("the window heard %v, want Escape twice", heard)
	}
	if e.Text != "a" {
		t.Errorf("the entry lost its own keys: text %q", e.Text)
	}
}

// inkIn counts the pixels of r that differ from its top-left pixel: text
// drawn there, or nothing.
func inkIn(img image.Image, r image.Rectangle) int {
	bg := img.At(r.Min.X, r.Min.Y)
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if img.At(x, y) != bg {
				n++
			}
		}
	}
	return n
}

// After a scroll far down, going back to the top (as a sort does) must show
// the first rows, not a screen of empty cells.
func TestTableScrollToTopAfterAScrollShowsRows(t *testing.T) {
	tb, _, _ := newTestTable(t, 2000)
	w := test.NewTempWindow(t, tb)
	w.Resize(fyne.NewSize(300, 300))
	tb.ScrollToOffset(fyne.NewPos(0, 30000))
	tb.ScrollToTop()
	// The scroller inside the table is what the eye sees: its offset must
	// be back at the top with the rows (it is not an exported type).
	var scroller reflect.Value
	for _, o := range test.WidgetRenderer(tb).Objects() {
		if v := reflect.ValueOf(o); v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct && v.Elem().FieldByName("Offset").IsValid() {
			scroller = v.Elem()
		}
	}
	if !scroller.IsValid() {
		t.Fatal("no scroller in the table's renderer")
	}
	content := scroller.FieldByName("Content").Interface().(fyne.CanvasObject)
	if y := content.Position().Y; y != 0 {
		t.Errorf("after scrolling back to the top the rows sit at y=%v: drawn for the top, shown out of sight", y)
	}
	img := w.Canvas().Capture()
	if n := inkIn(img, image.Rect(10, 10, 120, 280)); n < 50 {
		t.Errorf("after scrolling back to the top the rows are blank (%d pixels of text)", n)
	}
}

// A table with many rows that is refreshed before it has a size (a tab not
// shown yet) must not make a row divider for each of its rows.
func TestTableWithNoRoomMakesNoDividerPerRow(t *testing.T) {
	tb, _, _ := newTestTable(t, 100_000)
	tb.ShowHeaderRow = true
	tb.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("Head") }
	test.WidgetRenderer(tb) // built while hidden: no size yet
	tb.Refresh()
	n := 0
	for _, o := range test.LaidOutObjects(tb) {
		if _, ok := o.(*widget.Separator); ok {
			n++
		}
	}
	if n > 100 {
		t.Errorf("the table made %d dividers while it had no room for a row", n)
	}
}
