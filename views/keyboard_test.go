package views

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"bridgekeeper/data"
)

// escape presses Escape as the window's driver delivers it: to the focused
// widget, or to the window when nothing has the focus.
func escape(h *harness) {
	k := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := h.win.Canvas().Focused(); f != nil {
		f.TypedKey(k)
		return
	}
	h.win.Canvas().OnTypedKey()(k)
}

// After "Compose about this interview", typing must reach the composer, not
// the Tracker's search box that had the focus a moment ago.
func TestSwitchingTabsMovesTheFocusIntoTheShownTab(t *testing.T) {
	h := newHarness(t)
	ivs := trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)
	trackerAct(h, func() {
		tr.selectRow(ivs[0].ID, false)
		h.win.Canvas().Focus(tr.search)
		// A click on a button leaves the focus where it was (test.Tap
		// would unfocus first, which the real driver does not).
		tr.detail.compose.OnTapped()
	})
	c := h.ui.compose
	if h.ui.Selected() != TabCompose {
		t.Fatalf("tab = %d, want Compose", h.ui.Selected())
	}
	if f := h.win.Canvas().Focused(); f == tr.search || f == nil {
		t.Fatalf("after switching to Compose the focus is on %T (the hidden search box: %v)", f, f == tr.search)
	}
	h.win.Canvas().Focus(c.company)
	trackerAct(h, func() { h.shortcut(fyne.Key2) })
	if f := h.win.Canvas().Focused(); f != tr.search {
		t.Errorf("back on the Tracker, having left it from the search box, the focus is on %T", f)
	}
	trackerAct(h, func() { h.win.Canvas().Focus(tr.table); h.shortcut(fyne.Key3) })
	if f := h.win.Canvas().Focused(); f != h.ui.advice.search {
		t.Errorf("on Advice the focus is on %T, want its search box", f)
	}
	trackerAct(h, func() { h.shortcut(fyne.Key1) })
	if f := h.win.Canvas().Focused(); f != c.company {
		t.Errorf("back on Compose the focus is on %T, want the field the user was in", f)
	}
	trackerAct(h, func() { h.shortcut(fyne.Key2) })
	if f := h.win.Canvas().Focused(); f != tr.table {
		t.Errorf("back on the Tracker, having left it from the table, the focus is on %T", f)
	}
}

func TestTableKeysEditAndDeleteWithUndo(t *testing.T) {
	h := newHarness(t)
	ivs := trackerSeed(t, h, trackerThree(time.Now())...)
	tr := trackerOpen(h)
	key := func(k fyne.KeyName) { trackerAct(h, func() { tr.table.TypedKey(&fyne.KeyEvent{Name: k}) }) }
	trackerAct(h, func() { h.win.Canvas().Focus(tr.table) })
	key(fyne.KeyDown)
	first := tr.selectedID
	key(fyne.KeyDown)
	if first == 0 || tr.selectedID == first || tr.selectedIndex() != 1 {
		t.Fatalf("Down, Down selected row %d (id %d after %d), want the second row", tr.selectedIndex(), tr.selectedID, first)
	}
	key(fyne.KeyReturn)
	if tr.editor == nil {
		t.Fatal("Enter on a row did not open it for editing")
	}
	escape(h)
	if tr.editor != nil || trackerDialog(h) != nil {
		t.Fatal("Escape did not close the Edit dialog")
	}
	h.win.Canvas().Focus(tr.table)
	gone := tr.selectedID
	toolbar := tr.top.Position()
	key(fyne.KeyDelete)
	if trackerCount(t, h) != len(ivs)-1 || tr.model.Index(gone) >= 0 {
		t.Fatal("Delete did not delete the selected interview")
	}
	if !tr.undo.Visible() || !strings.Contains(tr.undoButton.Text, "Z") {
		t.Errorf("the Undo offer is visible=%v and reads %q", tr.undo.Visible(), tr.undoButton.Text)
	}
	if tr.top.Position() != toolbar || tr.top.Size().Height != tr.top.MinSize().Height {
		t.Errorf("the Undo offer moved the toolbar from %v to %v", toolbar, tr.top.Position())
	}
	if trackerUndoFor < 30*time.Second {
		t.Errorf("the Undo offer stays %v, want at least 30 s", trackerUndoFor)
	}
	trackerAct(h, func() { h.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{}) })
	if trackerCount(t, h) != len(ivs) || tr.model.Index(gone) < 0 || tr.undo.Visible() {
		t.Error("Ctrl+Z did not bring the interview back")
	}
	trackerAct(h, func() { h.win.Canvas().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{}) })
	if trackerCount(t, h) != len(ivs) {
		t.Error("a second Ctrl+Z changed the count")
	}
}

func TestEscapeClosesDialogs(t *testing.T) {
	cases := []struct {
		name string
		open func(h *harness)
	}{
		{"information", func(h *harness) { h.ui.showInfo("Saved", "All done.") }},
		{"error", func(h *harness) { h.ui.showError("It failed", data.ErrBusy) }},
		{"about", func(h *harness) { h.ui.showAbout() }},
		{"add interview, focus in a field", func(h *harness) {
			h.ui.tracker.onAdd()
			h.win.Canvas().Focus(h.ui.tracker.editor.role)
		}},
		{"two at once: the top one first", func(h *harness) {
			h.ui.showInfo("First", "under")
			h.ui.showInfo("Second", "over")
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			trackerOpen(h)
			trackerAct(h, func() { c.open(h) })
			n := len(h.ui.dialogs)
			if n == 0 || trackerDialog(h) == nil {
				t.Fatal("no dialog opened")
			}
			trackerAct(h, func() { escape(h) })
			if len(h.ui.dialogs) != n-1 {
				t.Errorf("Escape left %d of %d dialogs open", len(h.ui.dialogs), n)
			}
			for len(h.ui.dialogs) > 0 {
				trackerAct(h, func() { escape(h) })
			}
			if trackerDialog(h) != nil {
				t.Error("a dialog is still on screen after Escape closed them all")
			}
		})
	}
}

// With a small window the Compose form scrolls: Tab onto a field below the
// fold brings it into view, and Shift+Tab back to the top scrolls up.
func TestComposeFormScrollsToFollowTheFocus(t *testing.T) {
	h := newHarness(t)
	h.win.Resize(fyne.NewSize(800, 600))
	c := h.ui.compose
	h.win.Canvas().Focus(c.detail)
	if c.formScroll.Offset.Y <= 0 {
		t.Fatalf("focus on %q left the form at offset %v", c.detail.PlaceHolder, c.formScroll.Offset)
	}
	drv := h.ui.env.App.Driver()
	top := drv.AbsolutePositionForObject(c.detail).Y - drv.AbsolutePositionForObject(c.formScroll).Y
	if top < 0 || top+c.detail.Size().Height > c.formScroll.Size().Height {
		t.Errorf("the focused field sits at %v in a %v-high view", top, c.formScroll.Size().Height)
	}
	h.win.Canvas().Focus(c.scenario)
	if c.formScroll.Offset.Y > c.scenario.Position().Y+c.scenario.Size().Height {
		t.Errorf("back on the first control the form stays scrolled to %v", c.formScroll.Offset)
	}
}

// Placeholders read as hints, never as data someone typed, and no example
// date is already past.
func TestPlaceholdersReadAsHints(t *testing.T) {
	h := newHarness(t)
	c := h.ui.compose
	trackerOpen(h)
	trackerAct(h, h.ui.tracker.onAdd)
	f := h.ui.tracker.editor
	for name, p := range map[string]string{
		"compose recipient": c.toName.PlaceHolder, "compose email": c.toEmail.PlaceHolder,
		"compose company": c.company.PlaceHolder, "compose role": c.role.PlaceHolder,
		"compose date": c.date.PlaceHolder, "compose time": c.clock.PlaceHolder, "compose zone": c.zone.PlaceHolder,
		"form company": f.company.PlaceHolder, "form role": f.role.PlaceHolder, "form contact": f.contactName.PlaceHolder,
		"form email": f.contactEmail.PlaceHolder, "form date": f.date.PlaceHolder, "form time": f.clock.PlaceHolder,
	} {
		if !strings.HasPrefix(p, "e.g. ") {
			t.Errorf("%s placeholder %q does not read as an example", name, p)
		}
	}
	for _, layout := range []string{c.dateLayout, f.dateLayout} {
		for _, p := range []string{c.date.PlaceHolder, f.date.PlaceHolder} {
			d, err := time.Parse(layout, strings.TrimPrefix(p, "e.g. "))
			if err == nil && !d.After(time.Now()) {
				t.Errorf("example date %q is not in the future", p)
			}
		}
	}
	for _, now := range []time.Time{time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC), time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)} {
		if d := exampleDate(now); d.Sub(now) < 14*24*time.Hour || d.Day() <= 12 {
			t.Errorf("on %v the example date is %v", now, d)
		}
	}
}

// At the smallest window every tab fits without overlap: the composer's
// form and draft sit side by side, the tracker shows every column.
func TestEveryTabFitsTheSmallestWindow(t *testing.T) {
	h := newHarness(t)
	trackerSeed(t, h, trackerThree(time.Now())...)
	trackerOpen(h)
	h.win.Resize(MinWindowSize())
	if m := h.ui.root.MinSize(); m != MinWindowSize() {
		t.Errorf("the window's minimum is %v, want %v", m, MinWindowSize())
	}
	for i, item := range h.ui.tabs.Items {
		if m := item.Content.MinSize(); m.Width > MinWindowSize().Width || m.Height > MinWindowSize().Height-80 {
			t.Errorf("tab %d needs %v, more than the smallest window gives it", i, m)
		}
	}
	c := h.ui.compose
	trackerAct(h, func() { h.ui.SelectTab(TabCompose) })
	drv := h.ui.env.App.Driver()
	formRight := drv.AbsolutePositionForObject(c.formScroll).X + c.formScroll.Size().Width
	if left := drv.AbsolutePositionForObject(c.preview).X; formRight > left+1 {
		t.Errorf("the form (to x=%v) runs under the draft (from x=%v)", formRight, left)
	}
	for _, b := range []fyne.CanvasObject{c.saveBtn, c.mailBtn, c.copyBtn} {
		p := drv.AbsolutePositionForObject(b)
		if p.X < drv.AbsolutePositionForObject(c.preview).X || p.X+b.Size().Width > MinWindowSize().Width {
			t.Errorf("a button sits at x=%v..%v, outside the draft pane", p.X, p.X+b.Size().Width)
		}
	}
}

// Tab walks the composer in reading order, top to bottom and left to right.
func TestComposeTabOrderIsReadingOrder(t *testing.T) {
	h := newHarness(t)
	c := h.ui.compose
	cv := h.win.Canvas()
	cv.Focus(c.scenario)
	want := []fyne.Focusable{c.scenario, c.scenarioArticle, c.fromName, c.toTitle, c.toName, c.toEmail, c.company, c.role, c.date}
	for i, w := range want {
		if got := cv.Focused(); got != w {
			t.Fatalf("Tab %d lands on %T, want %T", i, got, w)
		}
		cv.FocusNext()
	}
}
