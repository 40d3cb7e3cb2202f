package widgets

import (
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
	tb.Length = func() (int, int) { return rows, 2 }
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
