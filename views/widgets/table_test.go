package widgets

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
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
